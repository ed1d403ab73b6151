"""The service desk teaches the rule that was missed, in real headless Chromium: an ordered
queue that says so, 16-digit numbers whole on a phone, the due date typed in the UI
language's own format (by keyboard), and explanations naming the reason, the unit and the
date. The desk is desk_fixtures.py's, with its documents given real-length numbers."""
from __future__ import annotations

import itertools

from selenium.webdriver.common.keys import Keys

from tests.browser.test_digital_service_browser import (
    choose_radio,
    is_button,
    keys,
    labelled,
    no_horizontal_scroll,
    tab_to,
    wait_focus,
)
from tests.integration.desk_fixtures import desk_xml

REASON = "REASON-C a cooperative is not served by the shop permit"
NIK = "3175012345678901"
_names = itertools.count()


def add_desk(same_day=False, **kwargs) -> str:
    from workbench.scenarios import add_xml_scenario

    xml = desk_xml(**kwargs).replace('eligible="false"', f'eligible="false" reason="{REASON}"')
    xml = xml.replace('<field name="NIK">1111</field>',
                      f'<field name="NIK">{NIK}</field>'
                      f'<field name="NPWP">01.234.567.8-429.000</field>'
                      f'<field name="Catatan">NIK penanggung jawab {NIK} sama dengan KTP-el</field>')
    if same_day:  # rC arrives the same day as rA, and it is urgent
        xml = xml.replace('submitted="2026-03-23" eligible', 'submitted="2026-03-16" eligible')
    name = f"ds_teach.{next(_names)}"
    add_xml_scenario(name, name, xml)
    return name


def queue_names(page):
    return [" ".join(b.text.split()) for b in page.find_all(".asn-queue-open")]


def test_ordered_queue_and_whole_numbers_on_a_phone(page):
    name = add_desk(same_day=True)
    page.driver.set_window_size(360, 640)
    try:
        page.open(f"/view/{name}/?student=phone")
        # received date first, urgent first within the day (rC and rA both on 16 March)
        assert queue_names(page) == ["Citra Dewi", "Ani Lestari", "Budi Hartono"]
        order = page.find(".asn-queue-order")
        assert order.text == "Ordered by date received, urgent requests first within a day."
        assert order.location["y"] < page.find(".asn-queue").location["y"]
        assert no_horizontal_scroll(page)
        page.assert_accessible()

        tab_to(page, is_button("Ani Lestari"), "the queue button for Ani Lestari")
        keys(page, Keys.ENTER)
        wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Ani Lestari", "the case heading")
        runs = page.find_all(".asn-doc .asn-digits")
        assert {r.text for r in runs} == {NIK, "01.234.567.8-429.000"}
        assert len(runs) == 3
        for run in runs:  # one line box each: no number is broken across lines
            rects = page.driver.execute_script("return arguments[0].getClientRects().length", run)
            assert rects == 1, run.text
        for dd in page.find_all(".asn-doc dd"):
            if dd.text in (NIK, "01.234.567.8-429.000"):  # a value that is only a number
                height, line = page.driver.execute_script(
                    "var s = getComputedStyle(arguments[0]);"
                    "return [arguments[0].getBoundingClientRect().height, parseFloat(s.lineHeight)];", dd)
                assert height < line * 1.5, (dd.text, height, line)
        assert no_horizontal_scroll(page)
        page.screenshot("desk_teaching_360_numbers")
        page.assert_accessible()
    finally:
        page.driver.set_window_size(1200, 900)


def test_a_shuffled_queue_says_nothing_of_an_order(page):
    name = add_desk(extra='shuffle="true"')
    page.open(f"/view/{name}/?student=shuffled")
    assert not page.find_all(".asn-queue-order")


def _fill_rA_but_due(page):
    """Everything right in rA's form except the due date, by keyboard."""
    tab_to(page, is_button("Ani Lestari"), "the queue button for Ani Lestari")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Ani Lestari", "the case heading")
    for group in page.find_all(".asn-requirement legend"):
        choose_radio(page, " ".join(group.text.split()), 0)
    decision = page.find_all(".asn-form fieldset legend")[-1].text
    choose_radio(page, " ".join(decision.split()), 0)
    route = page.find(".asn-form select")
    tab_to(page, lambda e: e.get_attribute("id") == route.get_attribute("id"), "the route select")
    keys(page, "Main")
    page.wait_until(lambda: page.find(".asn-form select").get_attribute("value") == "u_main")


def test_due_date_typed_the_indonesian_way_by_keyboard(page):
    name = add_desk(requests=("rA", "rB"))
    page.driver.set_window_size(360, 640)
    try:
        page.open(f"/view/{name}/?student=tanggal&lang=id")
        _fill_rA_but_due(page)
        due = page.find("input.asn-due")
        assert due.get_attribute("type") == "text"
        label = page.find(f"label[for='{due.get_attribute('id')}']").text
        assert label == "Batas waktu"  # the accessible name is the field's label alone
        described = due.get_attribute("aria-describedby").split()
        format_text = page.find("#" + described[0]).text
        assert "19/03/2026" in format_text
        assert "HH/BB/TTTT" in format_text or "DD/MM/YYYY" in format_text  # until the catalogue pass
        assert described[0] and page.find(".asn-due-format").is_displayed()

        # a date that cannot be read is refused in the browser, naming the format
        tab_to(page, labelled(label), "the due-date field")
        keys(page, "20-03-2026")
        tab_to(page, lambda e: e.tag_name == "button" and "asn-submit" in e.get_attribute("class"),
               "the submit button")
        keys(page, Keys.ENTER)
        page.wait_until(lambda: "20-03-2026" in page.find(".asn-alert").text)
        assert "19/03/2026" in page.find(".asn-alert").text
        wait_focus(page, lambda e: e.get_attribute("id") == due.get_attribute("id"), "the due-date field")
        assert due.get_attribute("aria-invalid") == "true"
        page.assert_accessible()  # the refused state

        keys(page, *([Keys.BACKSPACE] * len("20-03-2026")), "20/03/2026")
        page.wait_until(lambda: due.get_attribute("aria-invalid") is None)
        page.wait_until(lambda: page.find(".asn-draft-status").text.strip() != "")
        tab_to(page, lambda e: e.tag_name == "button" and "asn-submit" in e.get_attribute("class"),
               "the submit button")
        keys(page, Keys.ENTER)
        page.wait_until(lambda: page.find_all(".asn-case-result"))
        result = page.find(".asn-case-result").text
        assert "6" in page.find(".asn-case-result .asn-raw-score").text
        assert "20 Maret 2026" in result  # the learner's date, written the Indonesian way
        assert "Not correct" not in result and "Tidak benar" not in result
        assert no_horizontal_scroll(page)
        page.assert_accessible()  # the result
    finally:
        page.driver.set_window_size(1200, 900)


def test_a_draft_keeps_the_date_in_the_ui_format(page):
    name = add_desk(requests=("rA", "rB"))
    page.open(f"/view/{name}/?student=draf&lang=id")
    page.find(".asn-queue-open").click()
    due = page.find("input.asn-due")
    due.send_keys("20/03/2026")
    page.wait_until(lambda: "Draf" in page.find(".asn-draft-status").text
                    or "Draft" in page.find(".asn-draft-status").text)
    page.driver.refresh()
    page.wait_for(".asn-body[aria-busy='false']")
    page.find(".asn-queue-open").click()
    assert page.find("input.asn-due").get_attribute("value") == "20/03/2026"


def test_a_missed_rejection_names_the_reason_unit_and_date(page):
    name = add_desk(requests=("rC",))  # one request: submitting it finishes the attempt
    page.open(f"/view/{name}/?student=reject")
    tab_to(page, is_button("Citra Dewi"), "the queue button for Citra Dewi")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Citra Dewi", "the case heading")
    choose_radio(page, "ID card", 0)
    choose_radio(page, "Domicile letter", 1)
    choose_radio(page, "Decision", 0)  # approve: the rejection is missed
    tab_to(page, labelled("Route to"), "the Route to select")
    keys(page, "Main")  # the service's unit, not the cooperatives office
    page.wait_until(lambda: page.by_label("Route to").get_attribute("value") == "u_main")
    due = page.by_label("Due date")
    assert "2026-03-19" in page.find("#" + due.get_attribute("aria-describedby").split()[0]).text
    tab_to(page, labelled("Due date"), "the Due date input")
    keys(page, "2026-03-25")  # one day early
    tab_to(page, is_button("Submit"), "the Submit button")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Results", "the results heading")
    tab_to(page, is_button("Citra Dewi"), "the queue button for Citra Dewi")
    keys(page, Keys.ENTER)
    page.wait_until(lambda: page.find_all(".asn-case-result"))
    explanations = [e.text for e in page.find_all(".asn-case-result .asn-explanation")]
    whole = "\n".join(explanations)
    assert f"This applicant is not eligible: {REASON}." in whole
    assert "The right unit is Cooperatives Office." in whole
    assert "The right due date is 26 March 2026." in whole
    assert "npwp" not in whole and "“dom”" not in whole  # requirements by label only
    assert "Domicile letter" in whole
    page.assert_accessible()
    page.driver.execute_script("document.querySelector('.asn-case-result').scrollIntoView()")
    page.screenshot("desk_teaching_explanation")


INSIDE = """
return Array.prototype.map.call(document.querySelectorAll('.asn-doc .asn-digits'), function (s) {
  var doc = s.closest('.asn-doc').getBoundingClientRect(), r = s.getBoundingClientRect();
  return [s.textContent, r.right <= doc.right + 0.5, s.getClientRects().length];
});
"""


def test_numbers_stay_whole_and_inside_their_card_at_every_width(page):
    name = add_desk(requests=("rA",))
    try:
        for width in (360, 480, 640, 800, 1200):
            page.driver.set_window_size(width, 800)
            page.open(f"/view/{name}/?student=w{width}")
            page.button("Ani Lestari").click()
            page.wait_for(".asn-doc")
            for text, inside, lines in page.driver.execute_script(INSIDE):
                assert inside and lines == 1, (width, text, inside, lines)
    finally:
        page.driver.set_window_size(1200, 900)
