"""The service desk in real headless Chromium: a learner works two requests by keyboard,
and files a record by keyboard and at phone width.

The desks are the small hand-checked ones from tests/integration/desk_fixtures.py (rA and
rB, 6 points each; records kA and kB, 5 points each), added as workbench scenarios after the
live workbench was reset.

Every wait is for a condition on the page as it is now (where focus is, what a field
holds), never for a change: on a busy machine the change may already have happened before
the wait starts, and a page re-rendered under the test's feet (a stale element, a slow
driver call) only means "not yet".
"""
from __future__ import annotations

import itertools

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.integration.desk_fixtures import desk_xml, records_xml

_names = itertools.count()


def add_desk(**kwargs) -> str:
    from workbench.scenarios import add_xml_scenario

    name = f"ds_browser.{next(_names)}"
    add_xml_scenario(name, name, desk_xml(**kwargs))
    return name


def add_records_desk(**kwargs) -> str:
    from workbench.scenarios import add_xml_scenario

    name = f"ds_browser.{next(_names)}"
    add_xml_scenario(name, name, records_xml(**kwargs))
    return name


# --- keyboard helpers -------------------------------------------------------------------

def keys(page, *sequence):
    ActionChains(page.driver).send_keys(*sequence).perform()


def page_describe(element) -> str:
    try:
        return f"<{element.tag_name} {element.get_attribute('type') or ''}> {element.text!r}"
    except WebDriverException:
        return "<an element the page has just replaced>"


def holds(page, predicate) -> bool:
    """``predicate`` on the focused element now; a stale element or a driver call that timed
    out on a busy machine reads as "no", never as an error."""
    try:
        return bool(predicate(page.active()))
    except WebDriverException:
        return False


def tab_to(page, predicate, what: str, limit: int = 80):
    """Press Tab until the focused element satisfies ``predicate``; return it. The focused
    element is read again (without another Tab) when the page replaced it meanwhile."""
    for _ in range(limit):
        keys(page, Keys.TAB)
        for _again in range(3):
            try:
                active = page.active()
                if predicate(active):
                    return active
                break
            except WebDriverException:
                continue
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


def wait_focus(page, predicate, what, timeout: float = 60):
    """Wait until focus is where ``predicate`` says: a condition, so focus that arrived
    before the wait began satisfies it at once, and a failed wait is checked once more
    before it is reported (the condition is what matters, not when it came true)."""
    try:
        page.wait_until(lambda: holds(page, predicate), timeout=timeout)
    except AssertionError as exc:
        if holds(page, predicate):
            return
        raise AssertionError(f"focus never reached {what}; it is on {page_describe(page.active())}") from exc


def wait_text(page, text):
    page.wait_until(lambda: text in page.text())


def heading(level, text):
    return lambda e: e.tag_name == level and " ".join(e.text.split()) == text


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
    assert "Holidays: 19 March 2026 (Holiday set by the desk)." in hint.text

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
    # rA's answer left out the desk's documents and services (the page held them): the
    # browser kept them from the view it had
    assert "ID card of Budi" in page.text() and "Shop permit" in page.text()
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


# --- records --------------------------------------------------------------------------------

def _file_kA_by_keyboard(page, from_queue=True):
    """File the meeting invitation kA right, by keyboard only: search the scheme, pick the
    code in the native select by type-ahead, the access class and disposition by arrows, the
    years by typing."""
    if from_queue:
        tab_to(page, is_button("Meeting invitation"), "the queue button for the invitation")
        keys(page, Keys.ENTER)
    else:
        page.find(".asn-case-heading").click()  # start tabbing from the top of the case
    wait_focus(page, heading("h3", "Meeting invitation"), "the record's heading")
    text = page.text()
    assert "Planning Board" in text and "Invitation letter" in text
    assert "retention schedule (JRA)" in text
    tab_to(page, labelled("Search the classification scheme"), "the scheme search field")
    keys(page, "invit")
    page.wait_until(lambda: "1 code matches “invit”." in page.find(".asn-code-status").text)
    tab_to(page, labelled("Classification code"), "the Classification code select")
    options = [" ".join(o.text.split()) for o in page.find_all(".asn-code-select option")]
    assert "000.5.2 — Invitations" in options
    keys(page, "000.5.2")  # type-ahead on the closed select: its options start with the code
    page.wait_until(lambda: page.by_label("Classification code").get_attribute("value") == "000.5.2")
    choose_radio(page, "Access classification", 0)  # Regular
    assert group_state(page, "Access classification") == {
        "Regular": True, "Limited": False, "Secret": False, "Top secret": False}
    tab_to(page, labelled("Active retention (years)"), "the active retention field")
    keys(page, "2")
    tab_to(page, labelled("Inactive retention (years)"), "the inactive retention field")
    keys(page, "1")
    page.wait_until(lambda: page.by_label("Inactive retention (years)").get_attribute("value") == "1")
    choose_radio(page, "Final disposition", 0)  # Destroy
    tab_to(page, is_button("Submit"), "the Submit button")
    keys(page, Keys.ENTER)
    wait_focus(page, heading("h4", "Result"), "the result heading")


def test_a_learner_files_a_record_by_keyboard(page):
    name = add_records_desk(max_attempts=2)
    page.open(f"/view/{name}/?student=archivist")
    assert "0 of 2 tasks submitted." in page.text()
    page.assert_accessible()
    _file_kA_by_keyboard(page)
    result = page.find(".asn-case-result").text
    assert "This record: 5 of 5 points." in result
    assert "Your answer: 000.5.2 — Invitations" in result
    assert "Not correct" not in result
    page.wait_until(lambda: "Record submitted: 5 of 5 points" in page.find(".asn-live").text)
    page.assert_accessible()
    page.screenshot("records_filed")

    # the second record, filed wrong by mouse: the explanation names the rule, and the key
    # (with the author's explanation) once the queue is finished (show_answer="finished")
    tab_to(page, is_button("Back to the queue"), "Back to the queue")
    keys(page, Keys.ENTER)
    wait_focus(page, is_button("Meeting invitation"), "the record's button in the queue")
    page.button("Inspection report").click()
    wait_focus(page, heading("h3", "Inspection report"), "the record's heading")
    from selenium.webdriver.support.ui import Select

    Select(page.by_label("Classification code")).select_by_value("800")
    for legend, label in (("Access classification", "Limited"), ("Final disposition", "Re-evaluate")):
        fieldset = next(f for f in page.find_all(".asn-block fieldset")
                        if " ".join(f.find_element(By.TAG_NAME, "legend").text.split()) == legend)
        next(lab for lab in fieldset.find_elements(By.TAG_NAME, "label")
             if " ".join(lab.text.split()) == label).click()
    page.by_label("Active retention (years)").send_keys("2")
    page.by_label("Inactive retention (years)").send_keys("3")
    page.button("Submit").click()
    wait_focus(page, heading("h3", "Results"), "the results heading")
    assert "Total: 7 of 10 points" in page.text()
    page.button("Inspection report").click()
    wait_focus(page, heading("h3", "Inspection report"), "the record's heading")
    result = page.find(".asn-case-result").text
    assert "This record: 2 of 5 points." in result
    assert "under the right main heading" in result
    assert "Expected: 800.5 — Staff discipline" in result and "Expected: Secret" in result
    assert "EXPLAIN-KB-SECRET" in result
    page.assert_accessible()


def test_records_fit_a_phone(page):
    name = add_records_desk()
    page.driver.set_window_size(360, 640)
    try:
        page.open(f"/view/{name}/?student=phonearchivist")
        assert no_horizontal_scroll(page)
        page.button("Meeting invitation").click()
        wait_focus(page, heading("h3", "Meeting invitation"), "the record's heading")
        assert no_horizontal_scroll(page)
        width = page.driver.execute_script("return document.documentElement.clientWidth")
        for control in [page.by_label("Search the classification scheme"),
                        page.by_label("Classification code"),
                        page.by_label("Active retention (years)"), page.button("Submit")]:
            assert control.size["height"] >= 44
            assert control.location["x"] + control.size["width"] <= width
        for label in page.find_all(".asn-radio-row label"):
            assert label.size["height"] >= 44, label.text
        page.find(".asn-jra-details summary").click()
        assert no_horizontal_scroll(page)  # the schedule scrolls inside its own region
        page.driver.execute_script("document.querySelector('.asn-form').scrollIntoView()")
        page.screenshot("records_360_form")
        page.assert_accessible()
        _file_kA_by_keyboard(page, from_queue=False)
        assert "This record: 5 of 5 points." in page.find(".asn-case-result").text
        assert no_horizontal_scroll(page)
        page.assert_accessible()
    finally:
        page.driver.set_window_size(1200, 900)
