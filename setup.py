"""Packaging for asn-xblocks.

``static/`` and ``translations/`` live at the repository top level and are linked into
the package (``asn_xblocks/static`` → ``../static``), so the wheel carries them as
package data and an editable install resolves them through the links.
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
    packages=find_packages(include=["asn_xblocks", "asn_xblocks.*"]),
    include_package_data=True,
    package_data={
        "asn_xblocks": [
            "static/**/*", "translations/**/*", "templates/**/*",
            "demo/scenarios/**/*", "demo/templates/**/*", "review/migrations/*.py",
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
