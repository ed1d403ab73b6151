"""Build the sample course "Modernisasi Kerja ASN" as Open edX course exports (OLX .tar.gz).

    python scripts/sample_course.py [--out var] [--lang id|en]

writes ``var/sample-course.tar.gz`` (Bahasa Indonesia) and ``var/sample-course-en.tar.gz``
(English), the course a training centre imports in Studio (Tools → Import) and adapts. The
outline — sections, units, intros, policies — is ``scripts/sample_course_outline.py``; the
blocks' content is the demo's scenario files (``asn_xblocks/demo/scenarios/<tag>/*.xml``),
named there by file, so the demo and the course have one source of content.

The layout follows what Open edX itself reads and writes (openedx/openedx-platform, read
December 2026):

* cms/djangoapps/contentstore/views/import_export.py @14f7dc89 ``_write_chunk``: Tools →
  Import takes one file whose name ends in an importable type (``.tar.gz``) and hands it to
  the ``import_olx`` task;
* cms/djangoapps/contentstore/tasks.py @01ba6b03 ``import_olx``: the archive is unpacked,
  ``course.xml`` is looked for anywhere below the top folder (``verify_root_name_exists``),
  the folder is checked with olxcleaner (``validate_course_olx``, every ``xblock.v1`` entry
  point allowed) and handed to ``import_course_from_xml``; ``create_export_tarball`` packs
  Studio's own export under one top folder named after the run.
* xmodule/modulestore/xml.py @df1af71d ``XMLModuleStore.load_course``: ``course.xml`` is a
  pointer ``<course url_name=RUN org=… course=…/>`` to ``course/RUN.xml``; the course policy
  is ``policies/RUN/policy.json`` keyed ``"course/RUN"``; ``about/*.html`` become the about
  pages; ``process_xml`` parses each child element again from its serialization and gives it
  to the block class's ``parse_xml``.
* xmodule/modulestore/xml_exporter.py @e57a655d ``CourseExportManager``:
  ``policies/RUN/grading_policy.json`` and ``policy.json`` beside it, ``static/`` for files.
* xmodule/x_module.py @68a5285b ``ModuleStoreRuntime.add_block_as_child_node``: a child is
  exported as an element named by its block type with ``url_name``, filled by the block's
  ``add_xml_to_node``. These blocks write their whole content there, so Studio's export keeps
  them inline in the vertical's file — as this build does (a ``<asn_case_study
  url_name=…/>`` pointer to ``asn_case_study/x.xml`` is read only by platform releases that
  resolve pointer tags for XBlocks outside ``XmlMixin``, xml.py ``_load_pointer_node``).
* xmodule/graders.py @e57a655d ``grader_from_conf``: each ``GRADER`` entry is an
  ``AssignmentFormatGrader`` over the subsections whose ``format`` is its ``type``, scored 0
  for each missing one up to ``min_count`` (so ``min_count`` is the number the outline
  has); the weights are not normalized (they must add up to 1 for a grade out of 100 %).
* xmodule/modulestore/xml_importer.py @47bf2679 ``StaticContentImporter``: ``static/`` files
  become course assets (the course image among them).

Each block is imported with the package's own import path (the block class's ``parse_xml``,
which runs the core's hardened parse and sanitizing) and written with its own export
(``add_xml_to_node``), with ``url_name``, ``display_name``, ``weight`` and ``max_attempts``.
Anything wrong — a missing scenario file, a block that does not validate clean, a scenario in
the wrong language without a reason — stops the build with a message; the course never
silently loses a unit. The archives are byte-for-byte reproducible (sorted members, fixed
times and owners, gzip without a time stamp).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import struct
import sys
import tarfile
import zlib
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCENARIOS = ROOT / "asn_xblocks" / "demo" / "scenarios"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import sample_course_outline as outline  # noqa: E402  (beside this script)

MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z: every member's time stamp
SECTION_KINDS = {outline.CASE: "kasus", outline.SIMULATION: "simulasi", outline.DESK: "layanan"}


class BuildError(Exception):
    """The outline cannot be built as written; the message says what to fix."""


# --- blocks: the package's import and export ------------------------------------------------
def _runtime():
    """A bare XBlock runtime: enough for ``parse_xml`` (construct a block, set fields) and
    ``add_xml_to_node``, which is all course import and export ask of a block."""
    from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

    class ImportRuntime(Runtime):
        def __init__(self):
            ids = MemoryIdManager()
            super().__init__(ids, ids, services={"field-data": KvsFieldData(DictKeyValueStore())})

        def handler_url(self, *args, **kwargs):
            raise NotImplementedError("no handlers while building a course")

        local_resource_url = resource_url = publish = handler_url

    return ImportRuntime()


def import_block(runtime, tag: str, source: bytes, url_name: str):
    """The block as course import makes it: the element handed to the class's ``parse_xml``."""
    from xblock.fields import ScopeIds

    from asn_xblocks.core import olx

    try:
        node = olx.parse_olx(source)
    except olx.OlxError as exc:
        raise BuildError(f"{tag}/{url_name}: {exc}") from None
    if node.tag != tag:
        raise BuildError(f"{tag}/{url_name}: the root element is <{node.tag}>, not <{tag}>")
    cls = runtime.load_block_type(tag)
    definition = runtime.id_generator.create_definition(tag, url_name)
    usage = runtime.id_generator.create_usage(definition)
    return cls.parse_xml(node, runtime, ScopeIds(None, tag, definition, usage))


def block_problems(block) -> list[str]:
    return [f"{p.code}{' [' + p.item_id + ']' if p.item_id else ''}"
            for p in block.content_problems()]


def load_unit(runtime, unit: outline.Unit, url_name: str, language: str):
    """Import a unit's scenario, check it, and give it the course's grading settings."""
    path = SCENARIOS / unit.tag / unit.file
    if not path.is_file():
        raise BuildError(f"missing scenario file {path.relative_to(ROOT)} (named in "
                         f"scripts/sample_course_outline.py)")
    block = import_block(runtime, unit.tag, path.read_bytes(), url_name)
    scenario_language = block.content_model.lang or ""
    if scenario_language != language and not unit.other_language:
        raise BuildError(f"{unit.tag}/{unit.file} is lang=\"{scenario_language}\" in the "
                         f"{language} course, and the unit gives no reason (other_language)")
    block.weight = float(outline.BLOCK_WEIGHT)  # a Float field: what import would store
    block.max_attempts = block.attempt_limit  # the scenario's, else the block's default
    problems = block_problems(block)
    if problems:
        raise BuildError(f"{unit.tag}/{unit.file} does not validate clean: {', '.join(problems)}")
    return block


def block_element(block, url_name: str) -> etree._Element:
    """The block as Studio exports it into its vertical (``add_block_as_child_node``)."""
    node = etree.Element(block.scope_ids.block_type)
    node.set("url_name", url_name)
    block.add_xml_to_node(node)
    return node


# --- the course ----------------------------------------------------------------------------
def slug(file_name: str) -> str:
    """``01_parsel_lebaran.xml`` → ``parsel_lebaran``: a readable, stable url_name."""
    return re.sub(r"^\d+_", "", Path(file_name).stem).replace("-", "_")


def percent(value: float, language: str) -> str:
    number = f"{value * 100:.0f}"
    return f"{number} %" if language == "id" else f"{number}%"


def subsections(section: outline.Section, language: str) -> list[tuple[str, list]]:
    """Consecutive units of one block kind form one graded subsection (one assignment)."""
    if language in section.skipped:
        return []
    units = section.units.get(language)
    if not units:
        raise BuildError(f"section {section.slug} has no units in {language} and does not say "
                         f"why (skipped)")
    groups: list[tuple[str, list]] = []
    for unit in units:
        if groups and groups[-1][0] == unit.tag:
            groups[-1][1].append(unit)
        else:
            groups.append((unit.tag, [unit]))
    return groups


def grading_policy(language: str) -> dict:
    counts: dict[str, int] = {}
    for section in outline.OUTLINE:
        for tag, _units in subsections(section, language):
            counts[tag] = counts.get(tag, 0) + 1
    total = sum(outline.ASSIGNMENT_TYPES[tag]["percent"] for tag in counts)
    grader = []
    for tag, kind in outline.ASSIGNMENT_TYPES.items():
        if tag in counts:
            name, label = kind[language]
            grader.append({"drop_count": 0, "min_count": counts[tag], "short_label": label,
                           "type": name, "weight": round(kind["percent"] / total, 6)})
    return {"GRADER": grader, "GRADE_CUTOFFS": {"Pass": outline.PASS_CUTOFF}}


def enumerate_words(items: list[str], language: str) -> str:
    """"a, b, dan c" / "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    last = (", dan " if len(items) > 2 else " dan ") if language == "id" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def grading_sentence(language: str, policy: dict) -> str:
    texts = outline.ABOUT[language]
    parts = [f"{entry['type']} {percent(entry['weight'], language)}" for entry in policy["GRADER"]]
    return texts["grading"].format(parts=enumerate_words(parts, language),
                                   cutoff=percent(outline.PASS_CUTOFF, language))


def xml_text(element: etree._Element) -> bytes:
    from asn_xblocks.core import olx

    return olx.to_string(element).encode("utf-8")


def html_unit(files: dict, name: str, title: str, html: str) -> etree._Element:
    """An HTML component as Studio exports it: ``html/NAME.xml`` pointing at NAME.html."""
    files[f"html/{name}.xml"] = xml_text(etree.Element("html", filename=name, display_name=title))
    files[f"html/{name}.html"] = (html + "\n").encode("utf-8")
    return etree.Element("html", url_name=name)


def vertical(files: dict, name: str, title: str, children: list) -> etree._Element:
    node = etree.Element("vertical", display_name=title)
    node.extend(children)
    files[f"vertical/{name}.xml"] = xml_text(node)
    return etree.Element("vertical", url_name=name)


def sequential(files: dict, name: str, title: str, children: list,
               graded_as: str | None = None) -> etree._Element:
    node = etree.Element("sequential", display_name=title)
    if graded_as:
        node.set("graded", "true")
        node.set("format", graded_as)
    node.extend(children)
    files[f"sequential/{name}.xml"] = xml_text(node)
    return etree.Element("sequential", url_name=name)


def chapter(files: dict, name: str, title: str, children: list) -> etree._Element:
    node = etree.Element("chapter", display_name=title)
    node.extend(children)
    files[f"chapter/{name}.xml"] = xml_text(node)
    return etree.Element("chapter", url_name=name)


def course_files(language: str) -> dict[str, bytes]:
    """Every file of the export, by its path below the archive's top folder."""
    if language not in outline.LANGUAGES:
        raise BuildError(f"unknown language {language!r}")
    meta, texts = outline.COURSE[language], outline.ABOUT[language]
    run, policy = meta["run"], grading_policy(language)
    grading = grading_sentence(language, policy)
    files: dict[str, bytes] = {}
    runtime, used = _runtime(), set()
    chapters = [chapter(files, "memulai", texts["welcome_title"], [
        sequential(files, "memulai_panduan", texts["welcome_title"], [
            vertical(files, "unit_panduan", texts["welcome_unit"], [
                html_unit(files, "panduan", texts["welcome_unit"],
                          texts["welcome"].format(grading=grading))])])])]
    titles = []
    for section in outline.OUTLINE:
        groups = subsections(section, language)
        if not groups:
            continue
        title = section.titles[language]
        titles.append(title)
        seqs = []
        for tag, units in groups:
            kind_name = outline.ASSIGNMENT_TYPES[tag][language][0]
            verticals = []
            for unit in units:
                name = slug(unit.file)
                if name in used:
                    raise BuildError(f"{unit.file} is used twice in the {language} course")
                used.add(name)
                block = load_unit(runtime, unit, name, language)
                attempts = block.max_attempts
                line = (texts["attempts"].format(n=attempts) if attempts
                        else texts["unlimited"])
                intro = html_unit(files, f"intro_{name}", texts["intro"],
                                  f"{unit.intro}<p><small>{line}</small></p>")
                verticals.append(vertical(files, f"unit_{name}", block.display_name,
                                          [intro, block_element(block, name)]))
            seqs.append(sequential(files, f"{section.slug}_{SECTION_KINDS[tag]}",
                                   f"{title}: {kind_name}", verticals, graded_as=kind_name))
        chapters.append(chapter(files, section.slug, title, seqs))
    root = etree.Element("course")
    root.extend(chapters)
    files[f"course/{run}.xml"] = xml_text(root)
    files["course.xml"] = xml_text(etree.Element("course", url_name=run, org=meta["org"],
                                                 course=meta["number"]))
    course_policy = {"display_name": meta["display_name"], "language": language,
                     "start": outline.START, "end": outline.END,
                     "advanced_modules": outline.ADVANCED_MODULES,
                     "course_image": outline.COURSE_IMAGE}
    files[f"policies/{run}/policy.json"] = json_bytes({f"course/{run}": course_policy})
    files[f"policies/{run}/grading_policy.json"] = json_bytes(policy)
    sections_html = "".join(f"<li>{title}</li>" for title in titles)
    files["about/overview.html"] = (texts["overview"].format(
        sections=sections_html, grading=grading) + "\n").encode("utf-8")
    topics = enumerate_words([title.lower() for title in titles], language)
    files["about/short_description.html"] = texts["short_description"].format(
        topics=topics).encode("utf-8")
    files["about/effort.html"] = texts["effort"].encode("utf-8")
    files[f"static/{outline.COURSE_IMAGE}"] = course_image()
    return files


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True) + "\n").encode("utf-8")


def course_image(width: int = 378, height: int = 225) -> bytes:
    """The course card image (Studio's recommended 378 × 225), drawn here as a PNG: a navy
    field with a red and a white band, no text (a course team replaces it)."""
    navy, red, white = b"\x1f\x3a\x5f", b"\xc8\x10\x2e", b"\xff\xff\xff"
    rows = []
    for y in range(height):
        colour = red if 150 <= y < 165 else white if 165 <= y < 180 else navy
        rows.append(b"\x00" + colour * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# --- the archive ---------------------------------------------------------------------------
def members(language: str, files: dict[str, bytes]) -> list[str]:
    """The archive's member names: the top folder (named after the run, as Studio's export
    is), every folder above a file, and the files, sorted."""
    top = outline.COURSE[language]["run"]
    names = {top}
    for path in files:
        parts = path.split("/")
        names.update(f"{top}/{'/'.join(parts[:i])}" for i in range(1, len(parts) + 1))
    return sorted(names)


def archive(language: str, files: dict[str, bytes] | None = None) -> bytes:
    files = course_files(language) if files is None else files
    top = outline.COURSE[language]["run"]
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for name in members(language, files):
                info = tarfile.TarInfo(name)
                info.mtime, info.uid, info.gid, info.uname, info.gname = MTIME, 0, 0, "", ""
                data = files.get(name[len(top) + 1:]) if name != top else None
                if data is None:
                    info.type, info.mode = tarfile.DIRTYPE, 0o755
                    tar.addfile(info)
                else:
                    info.mode, info.size = 0o644, len(data)
                    tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default=str(ROOT / "var"), help="folder for the archives")
    parser.add_argument("--lang", choices=outline.LANGUAGES, action="append",
                        help="build only this language (repeatable; default: all)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for language in args.lang or outline.LANGUAGES:
        try:
            data = archive(language)
        except BuildError as exc:
            print(f"sample course ({language}): {exc}", file=sys.stderr)
            return 1
        target = out / outline.COURSE[language]["archive"]
        target.write_bytes(data)
        print(f"{target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
