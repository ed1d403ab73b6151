"""Classification and numeric questions through the pure core: model and OLX, validation,
actions, scoring with partial credit, the learner view (no key before submission), reports,
staff records, analytics facts and the Studio form."""
from __future__ import annotations

import json

import pytest

from asn_xblocks.case_study import facts as case_facts
from asn_xblocks.case_study import records
from asn_xblocks.case_study.core import CORE
from asn_xblocks.case_study.editor_schema import SCHEMA
from asn_xblocks.core import olx
from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.charts import Ctx
from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.forms import clean_content
from tests.integration.case_fixtures import ALL_RIGHT, KINDS_XML, SECRETS, kinds_content, submit

EVERYTHING = Reveal(correctness=True, answers=True)


def finished(content, answers, locale="id"):
    attempt = CORE.new_attempt(content, 7)
    attempt = CORE.apply_action(content, attempt, submit(answers, locale)).attempt
    return CORE.apply_action(content, attempt, submit({"q4": "a"}, locale, "s2")).attempt


# --- model and OLX ---------------------------------------------------------------------------

def test_olx_round_trips_and_the_dict_form_too():
    content = kinds_content()
    q1, q2, q3 = content.stages[0].items
    assert q1.kind == "classify" and [c.id for c in q1.categories] == ["hasil", "kegiatan"]
    assert [(i.id, i.category) for i in q1.items][:2] == [("i1", "hasil"), ("i2", "kegiatan")]
    assert (q2.answer, q2.tolerance, q2.unit, q2.answer_value) == ("87.5", "0.5", "%", 87.5)
    assert "WORKINGSECRET" in q2.feedback_html and q3.tolerance is None
    again = CORE.parse(olx.parse_olx(olx.to_string(CORE.export(content))))
    assert again == content
    data = json.loads(json.dumps(CORE.to_dict(content)))
    assert [i["type"] for i in data["stages"][0]["items"]] == ["classify", "numeric", "numeric"]
    assert CORE.from_dict(data) == content


def test_invalid_numbers_are_kept_as_written_for_validation():
    xml = KINDS_XML.replace('answer="87.5" tolerance="0.5"', 'answer="87,5" tolerance="-1"')
    content = CORE.parse(olx.parse_olx(xml.replace("{lang}", "id")))
    question = content.stages[0].items[1]
    assert (question.answer, question.tolerance) == ("87,5", "-1")
    assert 'answer="87,5"' in olx.to_string(CORE.export(content))


def test_the_form_edits_every_field_of_both_kinds():
    content = kinds_content()
    data = CORE.to_dict(content)
    assert clean_content(SCHEMA, data) == data  # nothing unknown, nothing missing
    for record in data["stages"][0]["items"]:
        spec = SCHEMA["types"][record["type"]]
        assert {f["key"] for f in spec["fields"]} == set(record) - {"type"}
        assert spec["tag"] == record["type"]
    for type_name in ("category", "statement"):
        keys = {f["key"] for f in SCHEMA["types"][type_name]["fields"]}
        sample = (data["stages"][0]["items"][0]["categories"][0] if type_name == "category"
                  else data["stages"][0]["items"][0]["items"][0])
        assert keys == set(sample)


def test_a_question_made_in_the_form_becomes_olx():
    data = CORE.to_dict(kinds_content())
    template = SCHEMA["types"]["classify"]["template"]
    made = {"type": "classify", "id": "q9", "competency": None, "prompt_html": "<p>New</p>",
            **template}
    made["categories"] = [dict(c, label=f"Label {c['id']}") for c in made["categories"]]
    made["items"] = [dict(i, text_html=f"Statement {i['id']}") for i in made["items"]]
    data["stages"][1]["items"].append(made)
    content = CORE.from_dict(clean_content(SCHEMA, data))
    assert CORE.validate(content) == []
    assert '<question id="q9" kind="classify" points="2">' in olx.to_string(CORE.export(content))


# --- validation -------------------------------------------------------------------------------

def codes(xml):
    return [p.code for p in CORE.validate(CORE.parse(olx.parse_olx(xml.replace("{lang}", "id"))))]


def test_valid_kinds_have_no_problem():
    assert codes(KINDS_XML) == []


@pytest.mark.parametrize("change, code", [
    (('<item id="i3" category="hasil">', '<item id="i3">'), "statement-no-category"),
    (('<item id="i3" category="hasil">', '<item id="i3" category="lain">'),
     "statement-unknown-category"),
    (('<category id="kegiatan" label="Activity"/>',
      '<category id="kegiatan" label="Activity"/><category id="unused" label="Unused"/>'),
     "category-unused"),
    (('<category id="kegiatan" label="Activity"/>', '<category id="kegiatan" label=""/>'),
     "category-no-label"),
    (('<category id="kegiatan" label="Activity"/>', '<category id="hasil" label="Again"/>'),
     "duplicate-category-id"),
    (('<item id="i4"', '<item id="i1"'), "duplicate-statement-id"),
    (('answer="87.5"', 'answer="87,5"'), "numeric-answer-not-number"),
    (('answer="87.5"', 'answer="abc"'), "numeric-answer-not-number"),
    (('answer="87.5" ', ''), "numeric-no-answer"),
    (('tolerance="0.5"', 'tolerance="-0.5"'), "negative-tolerance"),
    (('tolerance="0.5"', 'tolerance="half"'), "tolerance-not-number"),
    (('<question id="q3" kind="numeric"', '<question id="q3" kind="ranking"'), "unknown-kind"),
])
def test_each_mistake_is_named(change, code):
    xml = KINDS_XML.replace(*change)
    assert xml != KINDS_XML
    assert code in codes(xml)


def test_too_few_categories_and_statements():
    xml = KINDS_XML.replace('<category id="kegiatan" label="Activity"/>', "")
    for item in ('<item id="i2" category="kegiatan"><text>Coordination meeting held</text></item>',
                 '<item id="i4" category="kegiatan"><text>Report compiled</text>'
                 '<feedback><p>ITEMFEEDBACKFOUR</p></feedback></item>',
                 '<item id="i3" category="hasil"><text>Complaints resolved</text></item>'):
        xml = xml.replace(item, "")
    found = codes(xml)
    assert "category-count" in found and "statement-count" in found


def test_parts_of_another_kind_are_a_warning():
    xml = KINDS_XML.replace('<feedback><p>WORKINGSECRET',
                            '<option id="a" score="1"><text>x</text></option><feedback><p>WORKINGSECRET')
    problems = CORE.validate(CORE.parse(olx.parse_olx(xml.replace("{lang}", "id"))))
    assert [(p.code, p.severity) for p in problems] == [("unused-options", "warning")]


# --- actions and scoring -------------------------------------------------------------------------

def test_all_right_in_indonesian_and_in_english():
    content = kinds_content()
    assert CORE.score(content, finished(content, ALL_RIGHT)).earned == 8
    english = dict(ALL_RIGHT, q2="87.5", q3="1,500,000")
    assert CORE.score(content, finished(content, english, "en")).earned == 8


def test_partial_credit_of_a_classification():
    content = kinds_content()
    answers = dict(ALL_RIGHT, q1={"i1": "hasil", "i2": "hasil", "i3": "kegiatan", "i4": "kegiatan"})
    outcome = CORE.score(content, finished(content, answers))
    assert outcome.earned == 4 * 2 / 4 + 2 + 1 + 1
    tally = outcome.competencies
    assert (tally.earned["orientasi_hasil"], tally.possible["orientasi_hasil"]) == (2.0, 4.0)


@pytest.mark.parametrize("typed, earned", [("87,5", 2), ("87", 2), ("88", 2), ("86,9", 0),
                                           ("88,01", 0), ("87,5 %", 2)])
def test_numeric_tolerance(typed, earned):
    content = kinds_content()
    attempt = CORE.apply_action(content, CORE.new_attempt(content, 1),
                                submit(dict(ALL_RIGHT, q2=typed))).attempt
    assert CORE.score(content, attempt).earned == 4 + earned + 1


def test_a_json_number_is_taken_as_it_is():
    content = kinds_content()
    attempt = CORE.apply_action(content, CORE.new_attempt(content, 1),
                                submit(dict(ALL_RIGHT, q2=87.5, q3=1500000))).attempt
    assert attempt["answers"]["s1"]["q2"] == 87.5 and attempt["answers"]["s1"]["q3"] == 1500000.0


def test_without_a_locale_only_a_reading_both_languages_agree_on():
    content = kinds_content()
    action = submit(dict(ALL_RIGHT, q3="1500000"))
    del action["locale"]
    attempt = CORE.apply_action(content, CORE.new_attempt(content, 1), action).attempt
    assert attempt["answers"]["s1"]["q3"] == 1500000
    action["answers"] = dict(ALL_RIGHT, q3="1.500")  # 1500 or 1.5: refused, not guessed
    with pytest.raises(ActionError):
        CORE.apply_action(content, CORE.new_attempt(content, 1), action)


def refused(answers, locale="id"):
    content = kinds_content()
    attempt = CORE.new_attempt(content, 1)
    before = json.dumps(attempt, sort_keys=True)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, submit(answers, locale))
    assert json.dumps(attempt, sort_keys=True) == before  # nothing changed
    assert info.value.status == 400
    return info.value


@pytest.mark.parametrize("typed, locale, shown", [("87.5", "id", "3,25"), ("1,5", "en", "3.25"),
                                                  ("delapan", "id", "2.750.000"),
                                                  ("1e3", "en", "2,750,000")])
def test_an_unreadable_number_is_refused_naming_the_format(typed, locale, shown):
    error = refused(dict(ALL_RIGHT, q3=typed, q2="86"), locale)
    text = error.text()
    assert error.params["id"] == "q3" and typed in text
    # examples in the page's format, never a key (87.5 and 1500000 are this case's keys)
    assert shown in text
    assert ("\",\" before the decimals" in text) == (locale == "id")


def test_an_example_is_never_the_expected_number():
    text = refused(dict(ALL_RIGHT, q2="x")).text()
    assert "87,5" not in text and "1.500.000" not in text


@pytest.mark.parametrize("answers, item", [
    (dict(ALL_RIGHT, q1={"i1": "hasil"}), "q1"),                               # a statement left
    (dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i9="hasil")), "q1"),             # unknown statement
    (dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1="lain")), "q1"),              # unknown category
    (dict(ALL_RIGHT, q1=["hasil"]), "q1"),
    (dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1=3)), "q1"),
    (dict(ALL_RIGHT, q2=""), "q2"),
    (dict(ALL_RIGHT, q2=True), "q2"),
    (dict(ALL_RIGHT, q2=["87,5"]), "q2"),
])
def test_bad_answers_are_refused_at_their_question(answers, item):
    assert refused(answers).params.get("id") == item


def test_a_missing_answer_is_refused():
    answers = dict(ALL_RIGHT)
    del answers["q2"]
    refused(answers)


def test_a_bad_locale_is_refused():
    content = kinds_content()
    action = submit(ALL_RIGHT)
    action["locale"] = 5
    with pytest.raises(ActionError):
        CORE.apply_action(content, CORE.new_attempt(content, 1), action)


def test_drafts_keep_partial_placements_and_the_text_as_typed():
    content = kinds_content()
    attempt = CORE.new_attempt(content, 1)
    attempt = CORE.save_draft(content, attempt, {"question": "q1", "choice": {"i2": "kegiatan"}})
    attempt = CORE.save_draft(content, attempt, {"question": "q2", "choice": "87,"})
    view = CORE.learner_view(content, attempt, Reveal(), locale="id")
    items = {i["id"]: i for i in view["stages"][0]["items"]}
    assert items["q1"]["draft"] == {"i2": "kegiatan"} and items["q2"]["draft"] == "87,"
    attempt = CORE.save_draft(content, attempt, {"question": "q2", "choice": None})
    assert "q2" not in attempt["choice_drafts"]
    for bad in ({"i1": "lain"}, {"i9": "hasil"}, "text"):
        with pytest.raises(ActionError):
            CORE.save_draft(content, attempt, {"question": "q1", "choice": bad})
    with pytest.raises(ActionError):
        CORE.save_draft(content, attempt, {"question": "q2", "choice": "1" * 41})


def test_a_rescore_reads_the_stored_numbers_again():
    content = kinds_content()
    attempt = finished(content, dict(ALL_RIGHT, q2="86"))
    assert CORE.fits(content, attempt) and CORE.score(content, attempt).earned == 6
    fixed = CORE.parse(olx.parse_olx(KINDS_XML.replace("{lang}", "id").replace(
        'answer="87.5" tolerance="0.5"', 'answer="86" tolerance="0.5"')))
    assert CORE.fits(fixed, attempt) and CORE.score(fixed, attempt).earned == 8


# --- the learner view: nothing of the key before submission --------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_nothing_before_submission_reveals_a_category_or_an_answer(lang):
    content = kinds_content(lang)
    attempt = CORE.new_attempt(content, 3)
    for reveal in (Reveal(), EVERYTHING, Reveal(correctness=False)):
        view = CORE.learner_view(content, attempt, reveal, locale=lang)
        text = json.dumps(view, ensure_ascii=False)
        for secret in SECRETS + ["87,5", "1.500.000", "1,500,000", "0,5"]:
            assert secret not in text, secret
        q1 = view["stages"][0]["items"][0]
        assert set(q1) == {"type", "id", "kind", "points", "prompt_html", "categories", "items"}
        for statement in q1["items"]:
            assert set(statement) == {"id", "text_html"}  # no category, no feedback
        for numeric in view["stages"][0]["items"][1:]:
            assert set(numeric) == {"type", "id", "kind", "points", "prompt_html", "unit",
                                    "unit_first", "locale", "format"}


def test_a_draft_reveals_nothing_either():
    content = kinds_content()
    attempt = CORE.save_draft(content, CORE.new_attempt(content, 1),
                              {"question": "q1", "choice": {"i1": "kegiatan"}})
    q1 = CORE.learner_view(content, attempt, EVERYTHING)["stages"][0]["items"][0]
    assert "mark" not in json.dumps(q1) and "key" not in json.dumps(q1)


def test_after_submission_per_statement_feedback_and_the_key_per_reveal():
    content = kinds_content()
    answers = dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1="kegiatan"), q2="86")
    attempt = CORE.apply_action(content, CORE.new_attempt(content, 1), submit(answers)).attempt
    view = CORE.learner_view(content, attempt, EVERYTHING, locale="id")
    q1, q2, _q3 = view["stages"][0]["items"]
    first = q1["items"][0]
    assert (first["chosen"], first["mark"], first["key"]) == ("kegiatan", "incorrect", "hasil")
    assert "ITEMFEEDBACKONE" in first["feedback_html"]
    assert q1["points_text"] == "3 / 4"
    assert (q2["answer_text"], q2["mark"], q2["key_text"], q2["tolerance_text"]) == \
        ("86", "incorrect", "87,5", "0,5")
    assert "WORKINGSECRET" in q2["feedback_html"]
    hidden = CORE.learner_view(content, attempt, Reveal(correctness=True, answers=False))
    q1, q2, _q3 = hidden["stages"][0]["items"]
    assert "key" not in q1["items"][0] and "key_text" not in q2
    quiet = CORE.learner_view(content, attempt, Reveal(correctness=False))
    assert '"mark"' not in json.dumps(quiet) and '"points_text"' not in json.dumps(quiet)


# --- records, report, analytics --------------------------------------------------------------------

def test_report_rows_and_staff_records():
    content = kinds_content()
    attempt = finished(content, dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1="kegiatan")))
    rows = CORE.report_rows(content, attempt)
    assert rows[0].answer.startswith("Permits issued on time → Activity; ")
    assert rows[0].points == "3 / 4"
    assert (rows[1].answer, rows[1].points) == ("87.5 %", "2 / 2")
    assert rows[2].answer == "Rp1500000"  # a currency before the number
    record = CORE.answer_record(content, attempt)
    steps = records.record_rows(content, record, locale="id")
    assert steps[0]["answers"][0] == "✗ Permits issued on time → Activity"
    assert steps[0]["mark"] == "partial" and "ITEMFEEDBACKONE" in steps[0]["feedback_html"]
    assert steps[1]["answer"] == "87,5 %" and steps[1]["mark"] == "correct"
    assert records.attempt_from_record(content, record)["answers"] == attempt["answers"]


def test_facts_and_the_analytics_figures():
    content = kinds_content()
    attempt = finished(content, dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1="kegiatan"), q2="86"))
    rows = case_facts.facts(content, CORE.answer_record(content, attempt))
    placements = {(r["expected"], r["value"]) for r in rows if r["kind"] == "placement"}
    assert ("i1", "kegiatan") in placements and len(placements) == 4
    assert [r["value"] for r in rows if r["kind"] == "number"] == ["86", "1500000"]
    assert all(set(case_facts.GROUPS[r["kind"]]) <= set(r) | {"item_id"}
               for r in rows if r["kind"] in ("placement", "number"))
    stats = {
        "question": [{"item_id": "q1", "n": 4, "ratio": 0.75}, {"item_id": "q2", "n": 4, "ratio": 0.5},
                     {"item_id": "q3", "n": 4, "ratio": 1.0}],
        "placement": [{"item_id": "q1", "expected": "i1", "value": "hasil", "n": 3},
                      {"item_id": "q1", "expected": "i1", "value": "kegiatan", "n": 1}],
        "number": [{"item_id": "q2", "value": "87.5", "n": 2}, {"item_id": "q2", "value": "86", "n": 1},
                   {"item_id": "q2", "value": "87.2", "n": 1}],
    }
    section = case_facts.sections(content, stats, Ctx(gettext=lambda s: s, locale="id"))[0]
    q1, q2, _q3 = section["figures"]
    assert q1["table"]["columns"][:2] == ["Statement", "Right category"]
    assert q1["table"]["rows"][0][:2] == ["Permits issued on time", "Result"]
    assert q1["table"]["rows"][0][2]["t"] == "75 %"  # placed in "Result"
    labels = [row[0] for row in q2["table"]["rows"]]
    assert labels == ["86 %", "✓ 87,2 %", "✓ 87,5 %"]  # in order of value, right ones marked
    assert "Expected answer: 87,5 %." in q2["note"]


def test_parts_of_another_kind_survive_storage_and_export():
    """Kept as written, so the warning stays until the author removes them."""
    xml = KINDS_XML.replace('<feedback><p>WORKINGSECRET',
                            '<option id="a" score="1"><text>x</text></option><feedback><p>WORKINGSECRET')
    xml = xml.replace('<option id="b" score="0"><text>No</text></option>',
                      '<option id="b" score="0"><text>No</text></option>'
                      '<category id="k" label="K"/><item id="i" category="k"><text>T</text></item>')
    content = CORE.parse(olx.parse_olx(xml.replace("{lang}", "id")))
    assert CORE.from_dict(json.loads(json.dumps(CORE.to_dict(content)))) == content
    assert CORE.parse(olx.parse_olx(olx.to_string(CORE.export(content)))) == content
    assert sorted(p.code for p in CORE.validate(content)) == ["unused-options", "unused-parts"]
