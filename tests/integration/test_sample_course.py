"""The sample course exports (``scripts/sample_course.py``): what Studio's import checks and
reads, built the way ``make sample-course`` builds them.

* olxcleaner — the validator Studio runs on an uploaded course
  (cms/djangoapps/contentstore/tasks.py ``validate_course_olx``, every ``xblock.v1`` entry
  point allowed) — finds nothing, in all of its eight steps (olxcleaner 0.3.0, read:
  validate.py; loader/xml.py — pointer tags, allowed and unknown tags; loader/policy.py and
  parser/policy.py — policy.json merged by "type/url_name", the grading policy's weights;
  objects/course.py — start, end and course image required);
* every block, read as the platform reads a vertical's child (xmodule/modulestore/xml.py:
  the file parsed with the platform's parser, the child serialized and parsed again, the
  class's ``parse_xml`` on the platform runtime of ``tests/platform``), validates clean in
  Studio's ``validate()``, carries the course's settings and the scenario file's content;
* the grading policy's weights add up to 1 and every graded subsection has its type;
* the archive holds exactly the files the outline calls for, every one reachable from
  ``course.xml``, and two builds are the same bytes.
"""
from __future__ import annotations

import gzip
import importlib.util
import io
import json
import math
import re
import subprocess
import sys
import tarfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "sample_course.py"
SCENARIOS = ROOT / "asn_xblocks" / "demo" / "scenarios"
LANGUAGES = ("id", "en")
TAGS = ("asn_case_study", "asn_change_simulation", "asn_digital_service")
# xmodule/xml_block.py EDX_XML_PARSER / xmodule/modulestore/xml.py edx_xml_parser
PLATFORM_PARSER = {"dtd_validation": False, "load_dtd": False, "remove_blank_text": True,
                   "encoding": "utf-8"}


def load_script():
    spec = importlib.util.spec_from_file_location("sample_course", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = load_script()
OUTLINE = SAMPLE.outline


def build(out: Path) -> dict[str, bytes]:
    """``make sample-course``: the script in a fresh interpreter."""
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return {lang: (out / OUTLINE.COURSE[lang]["archive"]).read_bytes() for lang in LANGUAGES}


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, bytes]:
    return build(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def extracted(archives, tmp_path_factory) -> dict[str, Path]:
    folders = {}
    for lang, data in archives.items():
        target = tmp_path_factory.mktemp(f"olx-{lang}")
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            if hasattr(tarfile, "data_filter"):  # refuse links and paths outside the folder
                tar.extractall(target, filter="data")
            else:  # Python 3.11 before 3.11.4: the archive test checks every member's path
                tar.extractall(target)
        folders[lang] = target / OUTLINE.COURSE[lang]["run"]
    return folders


def read_xml(path: Path) -> etree._Element:
    return etree.parse(str(path), etree.XMLParser(**PLATFORM_PARSER)).getroot()


def course_blocks(folder: Path):
    """(vertical file, block element) for every package block, in course order."""
    for vertical in sorted((folder / "vertical").glob("*.xml")):
        for child in read_xml(vertical):
            if child.tag in TAGS:
                yield vertical, child


# --- olxcleaner ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_olxcleaner_finds_nothing(extracted, lang):
    import olxcleaner
    from olxcleaner.exceptions import ErrorLevel
    from olxcleaner.reporting import report_errors

    allowed = {entry.name for entry in entry_points(group="xblock.v1")}
    assert set(TAGS) <= allowed
    course, errors, url_names = olxcleaner.validate(str(extracted[lang]), steps=8,
                                                    allowed_xblocks=allowed)
    assert course is not None
    assert not errors.return_error(ErrorLevel.ERROR.value), report_errors(errors)
    assert report_errors(errors) == []  # no warnings either
    # it read the whole tree: every chapter, subsection and unit of the outline
    expected = expected_files(lang)
    for kind in ("chapter", "sequential", "vertical"):
        names = {path.split("/")[1][:-4] for path in expected if path.startswith(kind + "/")}
        assert names <= set(url_names), kind


def test_olxcleaner_sees_our_blocks_as_studio_does(extracted):
    """Without Studio's list of installed XBlocks the same check reports every block: the
    test above passes because the blocks are allowed, not because they were skipped."""
    import olxcleaner
    from olxcleaner.reporting import report_errors

    _course, errors, _names = olxcleaner.validate(str(extracted["id"]), steps=8)
    unexpected = [line for line in report_errors(errors) if "UnexpectedTag" in line]
    assert len(unexpected) == len(list(course_blocks(extracted["id"])))


# --- the blocks, as the platform imports them ----------------------------------------------
def platform_import(site, element: etree._Element):
    """xml.py ``process_xml``: the child parsed again from its serialization, then the
    class's ``parse_xml`` on the platform runtime, then ``save``."""
    from xblock.fields import ScopeIds

    from tests.platform.runtimes import PlatformRuntime

    node = etree.fromstring(etree.tostring(element))
    usage = site.ids.create_definition(node.tag, node.get("url_name"))
    runtime = site._runtime(PlatformRuntime, site.person("importer"), {})
    cls = runtime.mixologist.mix(runtime.load_block_type(node.tag))
    block = cls.parse_xml(node, runtime, ScopeIds(None, node.tag, usage, usage))
    block.save()
    site.block_classes[usage] = cls
    return usage


BLOCK_TAGS = ("p|ul|ol|li|div|h[1-6]|table|thead|tbody|tr|td|th|blockquote|section|dl|dt|dd|"
              "figure|figcaption|pre|hr|br")
_AFTER_BLOCK_TAG = re.compile(r"(</?(?:" + BLOCK_TAGS + r")\b[^>]*>)\s+(?=<)")
_BEFORE_BLOCK_TAG = re.compile(r"(?<=>)\s+(?=</?(?:" + BLOCK_TAGS + r")\b)")


def layout_free(value):
    """Stored content with the blank text next to block-level tags removed (it renders as
    nothing); blank text between two inline elements — a space the learner reads — stays."""
    if isinstance(value, dict):
        return {key: layout_free(item) for key, item in value.items()}
    if isinstance(value, list):
        return [layout_free(item) for item in value]
    if isinstance(value, str) and "<" in value:
        return _BEFORE_BLOCK_TAG.sub("", _AFTER_BLOCK_TAG.sub(r"\1", value))
    return value


def test_layout_free_keeps_the_space_between_inline_elements():
    assert layout_free({"a": ["<p>x</p>\n  <p>y</p>"]}) == {"a": ["<p>x</p><p>y</p>"]}
    assert layout_free("<p><strong>a</strong> <em>b</em></p>") != "<p><strong>a</strong><em>b</em></p>"


def unit_for(lang: str, url_name: str):
    for section in OUTLINE.OUTLINE:
        for unit in section.units.get(lang, ()):
            if SAMPLE.slug(unit.file) == url_name:
                return unit
    raise AssertionError(f"{url_name} is not in the {lang} outline")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_block_imports_on_the_platform_and_validates_clean(extracted, lang):
    from asn_xblocks.core import olx
    from tests.platform.runtimes import PlatformSite

    site = PlatformSite()
    blocks = list(course_blocks(extracted[lang]))
    assert len(blocks) == sum(len(s.units.get(lang, ())) for s in OUTLINE.OUTLINE
                              if lang not in s.skipped)
    for vertical, element in blocks:
        unit = unit_for(lang, element.get("url_name"))
        usage = platform_import(site, element)
        block = site.studio_block(usage, "staff")
        assert block.validate().messages == [], (vertical.name, block.validate().to_json())
        assert block.url_name == element.get("url_name") == SAMPLE.slug(unit.file)
        assert block.weight == OUTLINE.BLOCK_WEIGHT
        scenario_xml = (SCENARIOS / unit.tag / unit.file).read_bytes()
        scenario = olx.parse_olx(scenario_xml)
        assert block.display_name == scenario.get("display_name")
        expected_attempts = scenario.get("max_attempts") or str(block.DEFAULT_MAX_ATTEMPTS)
        assert block.max_attempts == int(expected_attempts)
        imported = block.core.to_dict(block.content_model)
        # the scenario file given to the platform on its own has the same content
        own = site.import_block(etree.tostring(etree.fromstring(
            scenario_xml, etree.XMLParser(**PLATFORM_PARSER)), encoding="unicode"))
        twin = site.studio_block(own, "staff")
        assert imported == twin.core.to_dict(twin.content_model)
        # and the platform's parser, which drops blank text between elements, loses no word:
        # only layout between block-level elements differs from the package's own reading
        exact = site.studio_block(site.import_block(scenario_xml.decode("utf-8")), "staff")
        assert layout_free(imported) == layout_free(exact.core.to_dict(exact.content_model))
        assert (scenario.get("lang") == lang) or unit.other_language


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blocks_are_the_packages_own_lossless_export(extracted, lang):
    """Read with the package's own parser the archived block is the scenario, exactly, and
    exporting it again writes the same element: the archive holds the block's export."""
    from asn_xblocks.core import olx

    runtime = SAMPLE._runtime()
    verticals = sorted({vertical for vertical, _element in course_blocks(extracted[lang])})
    assert verticals
    for vertical in verticals:
        text = vertical.read_bytes()
        root = olx.parse_olx(text)
        rebuilt = etree.Element("vertical", dict(root.attrib))
        for child in root:
            if child.tag not in TAGS:
                rebuilt.append(etree.Element(child.tag, dict(child.attrib)))
                continue
            name = child.get("url_name")
            unit = unit_for(lang, name)
            archived = SAMPLE.import_block(runtime, child.tag, etree.tostring(child), name)
            scenario = SAMPLE.import_block(runtime, unit.tag,
                                           (SCENARIOS / unit.tag / unit.file).read_bytes(), name)
            assert archived.core.to_dict(archived.content_model) == \
                scenario.core.to_dict(scenario.content_model)
            rebuilt.append(SAMPLE.block_element(archived, name))
        assert olx.to_string(rebuilt).encode("utf-8") == text, vertical.name


# --- policies -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_grading_policy_adds_up_and_covers_every_graded_subsection(extracted, lang):
    folder, run = extracted[lang], OUTLINE.COURSE[lang]["run"]
    policy = json.loads((folder / "policies" / run / "grading_policy.json").read_text("utf-8"))
    grader = policy["GRADER"]
    assert math.isclose(sum(entry["weight"] for entry in grader), 1.0, abs_tol=1e-9)
    assert all(0 < entry["weight"] < 1 and entry["drop_count"] == 0 for entry in grader)
    types = {entry["type"]: entry for entry in grader}
    assert len(types) == len(grader) == len(TAGS)  # one assignment type per block kind
    formats: dict[str, int] = {}
    for path in (folder / "sequential").glob("*.xml"):
        node = read_xml(path)
        kinds = {child.tag for vertical in node for child in
                 read_xml(folder / "vertical" / f"{vertical.get('url_name')}.xml")
                 if child.tag in TAGS}
        if node.get("graded") == "true":
            assert node.get("format") in types, path.name
            assert len(kinds) == 1, path.name  # one block kind per assignment
            kind = OUTLINE.ASSIGNMENT_TYPES[kinds.pop()][lang][0]
            assert node.get("format") == kind
            formats[kind] = formats.get(kind, 0) + 1
        else:
            assert not kinds, f"{path.name} holds graded blocks but is not graded"
    assert {name: entry["min_count"] for name, entry in types.items()} == formats
    assert 0 < policy["GRADE_CUTOFFS"]["Pass"] < 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_course_policy(extracted, lang):
    folder, meta = extracted[lang], OUTLINE.COURSE[lang]
    pointer = read_xml(folder / "course.xml")
    assert pointer.attrib == {"url_name": meta["run"], "org": meta["org"],
                              "course": meta["number"]}
    policy = json.loads((folder / "policies" / meta["run"] / "policy.json").read_text("utf-8"))
    assert list(policy) == [f"course/{meta['run']}"]
    settings = policy[f"course/{meta['run']}"]
    assert settings["language"] == lang and settings["display_name"] == meta["display_name"]
    assert sorted(settings["advanced_modules"]) == sorted(TAGS)
    assert settings["start"] < settings["end"]
    image = folder / "static" / settings["course_image"]
    assert image.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# --- the archive ---------------------------------------------------------------------------
def expected_files(lang: str) -> set[str]:
    """What the outline calls for, derived here on its own: the fixed files, then one
    chapter per section, one subsection per run of one block kind, a unit (vertical, intro
    html) per scenario — and the first, ungraded section."""
    run = OUTLINE.COURSE[lang]["run"]
    files = {"course.xml", f"course/{run}.xml", f"policies/{run}/policy.json",
             f"policies/{run}/grading_policy.json", "about/overview.html",
             "about/short_description.html", "about/effort.html",
             f"static/{OUTLINE.COURSE_IMAGE}", "chapter/memulai.xml",
             "sequential/memulai_panduan.xml", "vertical/unit_panduan.xml",
             "html/panduan.xml", "html/panduan.html"}
    kinds = {"asn_case_study": "kasus", "asn_change_simulation": "simulasi",
             "asn_digital_service": "layanan"}
    for section in OUTLINE.OUTLINE:
        if lang in section.skipped:
            continue
        files.add(f"chapter/{section.slug}.xml")
        for unit in section.units[lang]:
            name = Path(unit.file).stem.split("_", 1)[1]
            files.add(f"sequential/{section.slug}_{kinds[unit.tag]}.xml")
            files |= {f"vertical/unit_{name}.xml", f"html/intro_{name}.xml",
                      f"html/intro_{name}.html"}
    return files


def archive_members(data: bytes) -> list[tarfile.TarInfo]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return tar.getmembers()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_archive_holds_exactly_what_the_outline_calls_for(archives, lang):
    top = OUTLINE.COURSE[lang]["run"]
    members = archive_members(archives[lang])
    files = {m.name[len(top) + 1:] for m in members if m.isfile()}
    assert files == expected_files(lang)
    folders = {m.name for m in members if m.isdir()}
    assert folders == {top} | {f"{top}/{'/'.join(p.split('/')[:i])}"
                               for p in files for i in range(1, p.count("/") + 1)}
    assert all(m.isfile() or m.isdir() for m in members)
    assert all(m.name == top or m.name.startswith(top + "/") for m in members)
    assert [m.name for m in members] == sorted(m.name for m in members)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_file_is_reachable_from_course_xml(extracted, lang):
    folder = extracted[lang]
    seen = {"course.xml"}

    def follow(kind: str, name: str) -> None:
        path = f"{kind}/{name}.xml"
        seen.add(path)
        node = read_xml(folder / path)
        if kind == "html":
            seen.add(f"html/{node.get('filename')}.html")
        for child in node:
            if child.tag in ("chapter", "sequential", "vertical", "html"):
                follow(child.tag, child.get("url_name"))

    pointer = read_xml(folder / "course.xml")
    follow("course", pointer.get("url_name"))
    xml_like = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and p.parts[len(folder.parts)] in
                ("course", "chapter", "sequential", "vertical", "html")} | {"course.xml"}
    assert xml_like == seen


def test_two_builds_are_the_same_bytes(archives, tmp_path):
    again = build(tmp_path)
    for lang in LANGUAGES:
        assert again[lang] == archives[lang], lang
        data = archives[lang]
        assert data[4:8] == b"\x00\x00\x00\x00"  # gzip header without a time stamp
        members = archive_members(data)
        assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == \
            {(SAMPLE.MTIME, 0, 0, "", "")}
        assert gzip.decompress(data)  # a complete stream


# --- the build refuses rather than shrinks -----------------------------------------------------
def section_with(unit) -> object:
    return OUTLINE.Section("extra", {"id": "Tambahan", "en": "Extra"},
                           {"id": (unit,), "en": (unit,)})


def test_a_missing_scenario_file_fails_the_build(monkeypatch, tmp_path, capsys):
    missing = OUTLINE.Unit("asn_digital_service", "11_belum_ada.xml", "<p>…</p>")
    monkeypatch.setattr(OUTLINE, "OUTLINE", OUTLINE.OUTLINE + (section_with(missing),))
    assert SAMPLE.main(["--out", str(tmp_path), "--lang", "id"]) == 1
    assert "11_belum_ada.xml" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_block_that_does_not_validate_clean_fails_the_build(monkeypatch):
    # this desk routes every request to its service's own unit: Studio warns
    warned = OUTLINE.Unit("asn_digital_service", "02_dukcapil.xml", "<p>…</p>")
    monkeypatch.setattr(OUTLINE, "OUTLINE", OUTLINE.OUTLINE + (section_with(warned),))
    with pytest.raises(SAMPLE.BuildError, match="routing-not-a-decision"):
        SAMPLE.course_files("id")


def test_another_language_needs_a_reason_and_a_section_needs_units(monkeypatch):
    english = OUTLINE.Unit("asn_case_study", "04_vendor_trip_en.xml", "<p>…</p>")
    monkeypatch.setattr(OUTLINE, "OUTLINE", OUTLINE.OUTLINE + (section_with(english),))
    with pytest.raises(SAMPLE.BuildError, match="04_vendor_trip_en.xml is lang=\"en\""):
        SAMPLE.course_files("id")
    empty = OUTLINE.Section("kosong", {"id": "Kosong", "en": "Empty"}, {"id": (), "en": ()})
    monkeypatch.setattr(OUTLINE, "OUTLINE", OUTLINE.OUTLINE[:1] + (empty,))
    with pytest.raises(SAMPLE.BuildError, match="section kosong has no units"):
        SAMPLE.course_files("en")


def test_a_section_a_language_skips_is_left_out_of_that_course_only(monkeypatch):
    only_id = OUTLINE.Section(
        "hanya_id", {"id": "Hanya Indonesia", "en": "Indonesian only"},
        {"id": (OUTLINE.Unit("asn_digital_service", "01_izin_usaha_mikro.xml", "<p>…</p>"),)},
        skipped={"en": "no English scenario"})
    # the desk is already in the outline once: give the extra section its own copy of the
    # outline without it, so the file is used once per course
    rest = tuple(s for s in OUTLINE.OUTLINE if s.slug != "layanan_publik_digital")
    monkeypatch.setattr(OUTLINE, "OUTLINE", rest + (only_id,))
    assert "chapter/hanya_id.xml" in SAMPLE.course_files("id")
    assert "chapter/hanya_id.xml" not in SAMPLE.course_files("en")
