"""The SKP demo cases (result-oriented performance): valid, lossless, the kinds they teach
present, nothing of a key before its stage, and full marks for the key typed in the page's
language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.formatting import format_number
from asn_xblocks.core.olx import parse_olx, to_string

DEMO_DIR = Path(__file__).resolve().parents[3] / "asn_xblocks" / "demo" / "scenarios" / "asn_case_study"
SKP = {"11_skp_rhk.xml": "id", "12_skp_evaluasi.xml": "id", "13_skp_ekinerja.xml": "id",
       "14_skp_results_en.xml": "en"}


def load(name):
    root = parse_olx((DEMO_DIR / name).read_bytes())
    return root, CORE.parse(root)


@pytest.mark.parametrize("name", sorted(SKP))
def test_validates_clean_and_round_trips(name):
    root, content = load(name)
    problems = CORE.validate(content) + CORE.validate_settings(
        content, int(root.get("max_attempts", "1")), None)
    assert problems == [], [p.text() for p in problems]
    assert content.lang == SKP[name]
    assert CORE.parse(parse_olx(to_string(CORE.export(content)))) == content
    data = json.loads(json.dumps(CORE.to_dict(content)))
    assert CORE.from_dict(data) == content


@pytest.mark.parametrize("name", sorted(SKP))
def test_cites_the_regulation_and_marks_invented_data(name):
    text = (DEMO_DIR / name).read_text(encoding="utf-8")
    _root, content = load(name)
    assert "Nomor 6 Tahun 2022" in content.reference_html
    assert "contoh fiktif" in content.intro_html
    assert "&nbsp;" not in text


def test_the_cases_cover_what_they_teach():
    kinds = {name: [q.kind for q in load(name)[1].questions()] for name in SKP}
    assert "classify" in kinds["11_skp_rhk.xml"] and "multiple" in kinds["11_skp_rhk.xml"]
    rhk = load("11_skp_rhk.xml")[1]
    labels = {c.label for c in rhk.reflections()[0].rubric}
    assert len(labels) == 3  # measurable (unit), target and period, aligned
    assert "numeric" in kinds["12_skp_evaluasi.xml"] and "single" in kinds["12_skp_evaluasi.xml"]
    assert {"classify", "numeric", "single", "multiple"} <= set(kinds["13_skp_ekinerja.xml"])
    assert {"classify", "numeric", "single", "multiple"} <= set(kinds["14_skp_results_en.xml"])
    evaluation = load("12_skp_evaluasi.xml")[1]
    predicate = next(q for q in evaluation.questions() if q.id == "q5")
    best = max(predicate.options, key=lambda o: o.score_value)
    assert "Butuh Perbaikan" in best.text_html  # results below, behaviour as expected


def right_answers(content, stage, lang):
    answers = {}
    for item in stage.items:
        kind = getattr(item, "kind", None)
        if kind == "classify":
            answers[item.id] = {s.id: s.category for s in item.items}
        elif kind == "numeric":
            answers[item.id] = format_number(item.answer_value, lang, 6)  # as a learner types it
        elif kind == "multiple":
            answers[item.id] = [o.id for o in item.options if o.is_correct]
        elif kind is not None:
            answers[item.id] = max(item.options, key=lambda o: o.score_value).id
        else:
            answers[item.id] = " ".join(["kata"] * max(item.min_words, 1))
    return answers


@pytest.mark.parametrize("name", sorted(SKP))
def test_the_key_typed_in_the_page_language_earns_every_question_point(name):
    _root, content = load(name)
    lang = SKP[name]
    attempt = CORE.new_attempt(content, 11)
    for stage in content.stages:
        text = json.dumps(CORE.learner_view(content, attempt, Reveal(True, True), locale=lang),
                          ensure_ascii=False)
        for item in stage.items:
            for statement in getattr(item, "items", []):
                assert f'"category": "{statement.category}"' not in text
            if getattr(item, "kind", "") == "numeric":
                assert format_number(item.answer_value, lang, 6) not in text.replace(
                    item.prompt_html, "")
        action = {"type": "submit_stage", "stage": stage.id, "locale": lang,
                  "answers": right_answers(content, stage, lang)}
        attempt = CORE.apply_action(content, attempt, action).attempt
    assert attempt["finished"]
    questions = sum(q.max_points for q in content.questions())
    score = CORE.score(content, attempt)
    assert score.earned >= questions  # reflections add their points on top (or await staff)
