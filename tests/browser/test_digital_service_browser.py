"""The service desk in real headless Chromium: a learner works two requests by keyboard.

The desk is the small hand-checked one from tests/integration/desk_fixtures.py (rA and rB,
6 points each), added as a workbench scenario after the live workbench was reset.
"""
from __future__ import annotations

import itertools

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.integration.desk_fixtures import desk_xml

_names = itertools.count()


def add_desk(**kwargs) -> str:
    from workbench.scenarios import add_xml_scenario

    name = f"ds_browser.{next(_names)}"
    add_xml_scenario(name, name, desk_xml(**kwargs))
    return name


# --- keyboard helpers -------------------------------------------------------------------

def keys(page, *sequence):
    ActionChains(page.driver).send_keys(*sequence).perform()


def page_describe(element) -> str:
    return f"<{element.tag_name} {element.get_attribute('type') or ''}> {element.text!r}"


def tab_to(page, predicate, what: str, limit: int = 80):
    """Press Tab until the focused element satisfies ``predicate``; return it."""
    for _ in range(limit):
        keys(page, Keys.TAB)
        active = page.active()
        if predicate(active):
            return active
    raise AssertionError(f"Tab never reached {what}; focus is on {page_describe(page.active())}")


def is_button(name):
    return lambda e: e.tag_name == "button" and " ".join(e.text.split()) == name


def in_group(legend):
    """A radio inside the fieldset whose legend reads ``legend``."""
    def predicate(element):
        if element.get_attribute("type") != "radio":
            return False
        group = element.find_element(By.XPATH, "ancestor::fieldset[1]/legend")
        return " ".join(group.text.split()) == legend
    return predicate


def labelled(label):
    def predicate(element):
        element_id = element.get_attribute("id")
        if not element_id:
            return False
        labels = element.find_elements(By.XPATH, f"//label[@for='{element_id}']")
        return any(" ".join(lab.text.split()) == label for lab in labels)
    return predicate


def choose_radio(page, legend, index):
    """Tab into a radio group and pick option ``index`` with Space / arrow keys."""
    tab_to(page, in_group(legend), f"the {legend!r} group")
    if index == 0:
        keys(page, Keys.SPACE)
    else:
        keys(page, *([Keys.ARROW_RIGHT] * index))


def group_state(page, legend):
    """{label text: checked} for the radio group named ``legend``."""
    for fieldset in page.find_all(".asn-block fieldset"):
        if " ".join(fieldset.find_element(By.TAG_NAME, "legend").text.split()) == legend:
            return {" ".join(label.text.split()): label.find_element(By.TAG_NAME, "input").is_selected()
                    for label in fieldset.find_elements(By.CSS_SELECTOR, ".asn-radio-row label")}
    raise AssertionError(f"no radio group {legend!r}")


def type_date(page, iso):
    """Type a date into the focused due-date field as the English UI asks (YYYY-MM-DD)."""
    keys(page, iso)


def wait_focus(page, predicate, what):
    try:
        page.wait_until(lambda: predicate(page.active()))
    except Exception as exc:  # pylint: disable=broad-except
        raise AssertionError(f"focus never reached {what}; it is on {page_describe(page.active())}") from exc


def wait_text(page, text):
    page.wait_until(lambda: text in page.text())


def no_horizontal_scroll(page) -> bool:
    return page.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


# --- the tests ----------------------------------------------------------------------------

def test_a_learner_works_two_requests_by_keyboard(page):
    name = add_desk(requests=("rA", "rB"), max_attempts=2)
    page.open(f"/view/{name}/?student=keyboard")
    assert "0 of 2 requests submitted." in page.text()
    page.assert_accessible()  # at the start

    # --- rA: everything right -----------------------------------------------------------
    tab_to(page, is_button("Ani Lestari"), "the queue button for Ani Lestari")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Ani Lestari", "the case heading")
    text = page.text()
    assert "Shop permit" in text and "3 working days" in text and "Rp15.000" in text
    assert "ID card of Ani" in text and "Domicile letter of Ani" in text
    # the holidays are shown by the due-date input, which points to them
    due_input = page.by_label("Due date")
    hint = page.find("#" + due_input.get_attribute("aria-describedby").split()[-1])
    assert "Holidays: 19 March 2026." in hint.text

    choose_radio(page, "ID card", 0)  # Met
    choose_radio(page, "Domicile letter", 0)  # Met
    assert group_state(page, "ID card") == {"Met": True, "Not met": False}
    assert group_state(page, "Domicile letter") == {"Met": True, "Not met": False}
    choose_radio(page, "Decision", 0)  # Approve
    assert group_state(page, "Decision")["Approve"] is True
    tab_to(page, labelled("Route to"), "the Route to select")
    keys(page, "Main")  # type-ahead on the closed select
    page.wait_until(lambda: page.by_label("Route to").get_attribute("value") == "u_main")
    tab_to(page, labelled("Due date"), "the Due date input")
    type_date(page, "2026-03-20")
    page.wait_until(lambda: page.by_label("Due date").get_attribute("value") == "2026-03-20")
    tab_to(page, is_button("Submit"), "the Submit button")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h4" and e.text == "Result", "the result heading")
    result = page.find(".asn-case-result").text
    assert "This request: 6 of 6 points." in result
    assert "Count 3 working days after the submission day (16 March 2026)" in result
    assert "the holidays in this period: 19 March 2026" in result
    assert "Not correct" not in result
    page.wait_until(lambda: "Request submitted: 6 of 6 points" in page.find(".asn-live").text)

    tab_to(page, is_button("Back to the queue"), "Back to the queue")
    keys(page, Keys.ENTER)
    wait_focus(page, is_button("Ani Lestari"), "the request's button in the queue")
    assert "1 of 2 requests submitted." in page.text()
    assert "Status: Submitted — 6 of 6 points" in page.text()

    # --- rB: half the form, then a reload -------------------------------------------------
    tab_to(page, is_button("Budi Hartono"), "the queue button for Budi Hartono")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Budi Hartono", "the case heading")
    choose_radio(page, "ID card", 0)  # Met
    choose_radio(page, "Domicile letter", 1)  # Not met
    keys(page, Keys.TAB, "expired last year")  # the reason field follows the radios
    choose_radio(page, "Decision", 1)  # Return to be completed
    assert group_state(page, "Decision") == {"Approve": False, "Return to be completed": True,
                                             "Reject": False}
    tab_to(page, labelled("Route to"), "the Route to select")
    keys(page, "Main")
    page.wait_until(lambda: page.find(".asn-draft-status").text == "Draft saved")
    page.assert_accessible()  # mid-way, with the work form open
    page.screenshot("digital_service_midway")

    page.driver.refresh()
    page.wait_for(".asn-body[aria-busy='false']")
    assert "Status: In progress" in page.text()
    tab_to(page, is_button("Budi Hartono"), "the queue button for Budi Hartono")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Budi Hartono", "the case heading")
    assert group_state(page, "ID card") == {"Met": True, "Not met": False}
    assert group_state(page, "Domicile letter") == {"Met": False, "Not met": True}
    assert group_state(page, "Decision")["Return to be completed"] is True
    assert page.by_label("Route to").get_attribute("value") == "u_main"
    reasons = [e.get_attribute("value") for e in page.find_all(".asn-reason")]
    assert reasons == ["", "expired last year"]

    # forgets the holiday: 23 March instead of 24 March
    tab_to(page, labelled("Due date"), "the Due date input")
    type_date(page, "2026-03-23")
    tab_to(page, is_button("Submit"), "the Submit button")
    keys(page, Keys.ENTER)

    # the last request finishes the queue: the end screen, focus on the results
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Results", "the results heading")
    text = page.text()
    assert "Score: 11 / 12" in text
    assert "Total: 11 of 12 points" in text
    scores = page.find(".asn-request-scores").text
    assert "Ani Lestari" in scores and "6 / 6" in scores and "Budi Hartono" in scores and "5 / 6" in scores
    competencies = page.find(".asn-competencies").text
    assert "Accountable" in competencies and "4 / 4" in competencies
    assert "Public service" in competencies and "7 / 8" in competencies
    assert page.button("Try again").is_displayed()
    page.assert_accessible()  # at the end
    page.screenshot("digital_service_end")

    # the explanation of rB names what was missed
    tab_to(page, is_button("Budi Hartono"), "the queue button for Budi Hartono")
    keys(page, Keys.ENTER)
    wait_focus(page, lambda e: e.tag_name == "h3" and e.text == "Budi Hartono", "the case heading")
    result = page.find(".asn-case-result").text
    assert "This request: 5 of 6 points." in result
    assert "is not valid: ISSUE-EXPIRED-DOMICILE" in result
    assert "Your answer: Not met (“expired last year”)" in result
    assert "Your answer: 23 March 2026" in result and "Not correct (0 of 1 point)" in result
    assert "Expected: 24 March 2026" in result  # show_answer="finished"
    page.assert_accessible()
    page.driver.execute_script("document.querySelector('.asn-case-result').scrollIntoView()")
    page.screenshot("digital_service_explanation")


def test_end_feedback_waits_for_the_queue(page):
    name = add_desk(requests=("rA", "rB"), feedback="end")
    page.open(f"/view/{name}/?student=endmode")
    page.button("Ani Lestari").click()
    wait_focus(page, lambda e: e.text == "Ani Lestari", "the case heading")
    page.button("Submit").click()
    # an incomplete form is not sent: the learner is told what is missing
    page.wait_until(lambda: "Still missing: ID card, Domicile letter, Decision, Route to, Due date"
                    in page.find(".asn-alert").text)
    assert page.active().get_attribute("type") == "radio"
    for legend in ("ID card", "Domicile letter"):
        fieldset = next(f for f in page.find_all(".asn-block fieldset")
                        if f.find_element(By.TAG_NAME, "legend").text == legend)
        fieldset.find_element(By.CSS_SELECTOR, "label").click()
    decision = next(f for f in page.find_all(".asn-block fieldset")
                    if f.find_element(By.TAG_NAME, "legend").text == "Decision")
    decision.find_element(By.CSS_SELECTOR, "label").click()
    from selenium.webdriver.support.ui import Select

    Select(page.by_label("Route to")).select_by_visible_text("Main Office")
    page.by_label("Due date").send_keys("2026-03-20")
    page.wait_until(lambda: page.by_label("Due date").get_attribute("value") == "2026-03-20")
    page.button("Submit").click()
    wait_focus(page, lambda e: e.text == "Result", "the result heading")
    result = page.find(".asn-case-result").text
    assert "The explanation is shown when every request in the queue is submitted." in result
    assert "of 6 points" not in result and "Correct" not in result
    assert "Your answer: Approve" in result
    page.button("Next request: Budi Hartono").click()
    wait_focus(page, lambda e: e.text == "Budi Hartono", "the next case heading")


def test_the_desk_fits_a_phone(page):
    name = add_desk()
    page.driver.set_window_size(360, 640)
    try:
        page.open(f"/view/{name}/?student=phone")
        assert no_horizontal_scroll(page)
        for button in page.find_all(".asn-queue-open"):
            assert button.size["height"] >= 44, button.text
        page.screenshot("digital_service_360_queue")
        page.button("Citra Dewi").click()
        wait_focus(page, lambda e: e.text == "Citra Dewi", "the case heading")
        assert "NOTE-TEXT-C" in page.text()
        assert no_horizontal_scroll(page)
        for control in [page.by_label("Route to"), page.by_label("Due date"), page.button("Submit")]:
            assert control.size["height"] >= 44
            assert control.location["x"] + control.size["width"] <= page.driver.execute_script(
                "return document.documentElement.clientWidth")
        for label in page.find_all(".asn-radio-row label"):
            assert label.size["height"] >= 44, label.text
        page.screenshot("digital_service_360_case")
        page.driver.execute_script("document.querySelector('.asn-form').scrollIntoView()")
        page.screenshot("digital_service_360_form")
        page.assert_accessible()
    finally:
        page.driver.set_window_size(1200, 900)


FAIL_DRAFTS = """
window.__asnRealFetch = window.__asnRealFetch || window.fetch;
window.fetch = function (url, options) {
  if (String(url).indexOf('/draft/') !== -1) { return Promise.reject(new TypeError('offline')); }
  return window.__asnRealFetch(url, options);
};
"""


def test_a_failed_save_says_so_and_retries(page):
    name = add_desk(requests=("rA",))
    page.open(f"/view/{name}/?student=offline")
    page.button("Ani Lestari").click()
    wait_focus(page, lambda e: e.text == "Ani Lestari", "the case heading")
    page.driver.execute_script(FAIL_DRAFTS)
    page.by_label("Reason (optional)").send_keys("checked at the desk")
    status = page.find(".asn-draft-status")
    page.wait_until(lambda: status.text == "Not saved — retry")
    page.wait_until(lambda: "not saved" in page.find(".asn-live").text)
    page.driver.execute_script("window.fetch = window.__asnRealFetch;")
    retry = status.find_element(By.TAG_NAME, "button")
    assert retry.text == "retry"
    retry.send_keys(Keys.ENTER)
    page.wait_until(lambda: page.find(".asn-draft-status").text == "Draft saved")
    page.driver.refresh()
    page.wait_for(".asn-body[aria-busy='false']")
    page.button("Ani Lestari").click()
    wait_focus(page, lambda e: e.text == "Ani Lestari", "the case heading")
    assert page.by_label("Reason (optional)").get_attribute("value") == "checked at the desk"


def test_after_the_due_date_the_form_is_closed(page):
    name = add_desk(requests=("rA",), extra='due="2020-01-01T00:00:00Z"')
    page.open(f"/view/{name}/?student=late")
    assert "The due date has passed" in page.text()
    page.button("Ani Lestari").click()
    wait_focus(page, lambda e: e.text == "Ani Lestari", "the case heading")
    assert page.button("Submit").get_attribute("disabled") is not None
    assert all(not control.is_enabled()
               for control in page.find_all(".asn-form input, .asn-form select, .asn-form textarea"))
    page.assert_accessible()
