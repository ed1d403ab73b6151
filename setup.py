"""Packaging for asn-xblocks.

``static/`` and ``translations/`` live at the repository top level and are linked into
the package (``asn_xblocks/static`` → ``../static``), so the wheel carries them as
package data and an editable install resolves them through the links.

The wheel is the production package: ``asn_xblocks.demo`` (workbench settings, services,
middleware, seed command …) is left out of ``packages`` and none of its files are package
data, except the workbench scenarios (``demo/scenarios/<tag>/*.xml``), which
``workbench_scenarios()`` reads as resources. With no ``__init__.py`` shipped there, nothing
under ``asn_xblocks/demo`` is a module in an installed wheel. The editable install (``make
demo``, the tests) maps ``asn_xblocks`` onto the source folder, so the demo is importable there.
The sdist carries everything, demo included (MANIFEST.in), and builds that wheel:
``python -m build`` (sdist, then the wheel from it).
"""
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(HERE, "asn_xblocks", "__init__.py"), encoding="utf-8") as handle:
        return re.search(r'__version__ = "([^"]+)"', handle.read()).group(1)


def requirements(name):
    with open(os.path.join(HERE, "requirements", name), encoding="utf-8") as handle:
        return [line.split("#")[0].strip() for line in handle
                if line.strip() and not line.startswith(("#", "-"))]


with open(os.path.join(HERE, "README.md"), encoding="utf-8") as handle:
    LONG_DESCRIPTION = handle.read()

setup(
    name="asn-xblocks",
    version=version(),
    description="Integrity case study, change-management simulation and digital public-service "
                "exercise XBlocks for Indonesian civil-service (ASN) training",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=find_packages(include=["asn_xblocks", "asn_xblocks.*"],
                           exclude=["asn_xblocks.demo", "asn_xblocks.demo.*"]),
    # Package data is exactly what package_data names (no MANIFEST.in files as data: the
    # sdist carries the demo's code, which must not reach the wheel).
    include_package_data=False,
    package_data={
        "asn_xblocks": [
            "static/**/*", "translations/**/*", "templates/**/*",
            "demo/scenarios/*/*.xml",
        ],
    },
    install_requires=requirements("base.in"),
    extras_require={"demo": requirements("demo.in")},
    entry_points={
        "xblock.v1": [
            "asn_case_study = asn_xblocks.case_study.block:CaseStudyBlock",
            "asn_change_simulation = asn_xblocks.simulation.block:ChangeSimulationBlock",
            "asn_digital_service = asn_xblocks.digital_service.block:DigitalServiceBlock",
        ],
        "lms.djangoapp": ["asn_xblocks_review = asn_xblocks.review.apps:ReviewConfig"],
        "cms.djangoapp": ["asn_xblocks_review = asn_xblocks.review.apps:ReviewConfig"],
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Natural Language :: Indonesian",
        "Natural Language :: English",
    ],
)
