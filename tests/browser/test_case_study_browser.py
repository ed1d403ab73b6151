"""A learner completes a case study in real Chromium: keyboard and mouse, a reload
mid-way without losing anything, the debrief, and axe at start, mid-way and end."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import case_xml


def add_case(xml: str) -> str:
    from workbench.scenarios import add_xml_scenario

    add_xml_scenario("browser.case", "browser-case", xml)
    return "browser.case"


def tab_to(page, element, limit=60):
    """Press Tab until ``element`` has focus: proves it is reachable by keyboard."""
    body = page.driver.find_element("tag name", "body")
    body.click()
    for _ in range(limit):
        if page.active() == element:
            return
        ActionChains(page.driver).send_keys(Keys.TAB).perform()
    raise AssertionError("element not reachable by Tab")


def test_learner_completes_a_case_by_keyboard_and_mouse(page):
    name = add_case(case_xml(grading="completion"))
    page.open(f"/view/{name}/?student=alice")
    page.assert_accessible()
    page.screenshot("case_study_start")

    # Stage 1 by keyboard: Tab to the first radio, arrow to "Beta"? No: Space selects
    # the focused radio; arrows move within the group.
    alpha = page.by_label("Alpha")
    tab_to(page, alpha)
    ActionChains(page.driver).send_keys(Keys.SPACE).perform()
    assert alpha.is_selected()
    right_one = page.by_label("Right one")
    tab_to(page, right_one)
    ActionChains(page.driver).send_keys(Keys.SPACE).perform()
    right_two = page.by_label("Right two")
    ActionChains(page.driver).send_keys(Keys.TAB).perform()
    assert page.active() == right_two
    ActionChains(page.driver).send_keys(Keys.SPACE).perform()
    submit = page.button("Submit")
    tab_to(page, submit)
    ActionChains(page.driver).send_keys(Keys.ENTER).perform()

    page.wait_until(lambda: "NARRATIVE-TWO" in page.text())
    text = page.text()
    assert "FEEDBACK-ALPHA" in text and "Correct" in text
    assert page.find(".asn-live").text  # announced
    # focus moved to the new stage's heading
    assert page.active().tag_name == "h3" and "Second" in page.active().text
    page.assert_accessible()

    # Stage 2 with the mouse, reloading mid-way: the draft survives
    area = page.find("textarea.asn-reflection-text")
    area.click()
    area.send_keys("I would refuse the gift and report")
    page.wait_until(lambda: page.find(".asn-draft-status").text == "Draft saved")
    assert "7 words" in page.find(".asn-word-count").text
    page.open(f"/view/{name}/?student=alice")
    area = page.find("textarea.asn-reflection-text")
    assert area.get_attribute("value") == "I would refuse the gift and report"
    assert page.by_label("Alpha").is_selected()  # the frozen stage shows the answer
    assert not page.by_label("Alpha").is_enabled()
    page.screenshot("case_study_midway")
    page.by_label("Yes").click()
    page.button("Submit").click()

    page.wait_until(lambda: "DEBRIEF-TEXT" in page.text())
    text = page.text()
    assert "Score: 10 / 10" in text
    assert "MODEL-ANSWER" in text
    assert "Your result per competency" in text
    assert page.active().text == "Debrief"
    page.assert_accessible()
    page.screenshot("case_study_end")


def test_a_failed_draft_save_says_not_saved_and_retries(page):
    name = add_case(case_xml(grading="completion"))
    page.open(f"/view/{name}/?student=bob")
    page.by_label("Alpha").click()
    page.by_label("Right one").click()
    page.button("Submit").click()
    page.wait_for("textarea.asn-reflection-text")
    # the network fails for draft saves only
    page.driver.execute_script("""
      window.__realFetch = window.fetch;
      window.fetch = function (url, opts) {
        if (String(url).indexOf('/draft/') >= 0) { return Promise.reject(new TypeError('offline')); }
        return window.__realFetch(url, opts);
      };""")
    area = page.find("textarea.asn-reflection-text")
    area.send_keys("words that must not be lost")
    page.wait_until(lambda: "Not saved" in page.find(".asn-draft-status").text)
    page.driver.execute_script("window.fetch = window.__realFetch;")
    page.button("retry").click()
    page.wait_until(lambda: page.find(".asn-draft-status").text == "Draft saved")
    page.open(f"/view/{name}/?student=bob")
    assert page.find("textarea.asn-reflection-text").get_attribute("value") == "words that must not be lost"


def test_reflection_html_is_shown_as_text(page):
    name = add_case(case_xml(grading="completion"))
    page.open(f"/view/{name}/?student=carol")
    page.by_label("Alpha").click()
    page.by_label("Right one").click()
    page.button("Submit").click()
    area = page.wait_for("textarea.asn-reflection-text")
    area.send_keys("<img src=x onerror=\"window.__pwned=1\"> is not allowed")
    page.by_label("Yes").click()
    page.button("Submit").click()
    page.wait_until(lambda: "DEBRIEF-TEXT" in page.text())
    assert page.driver.execute_script("return window.__pwned === undefined")
    assert "<img src=x" in page.find(".asn-learner-text").text


def test_phone_width_has_no_horizontal_scroll(page):
    page.driver.set_window_size(360, 640)
    page.open("/view/asn_case_study.0/?student=phone")
    assert page.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    small = page.driver.execute_script("""
      return Array.from(document.querySelectorAll(
          '.asn-block button, .asn-block input[type=radio], .asn-block input[type=checkbox]'))
        .map(e => e.closest('label, .asn-option-line, button') || e)
        .filter(e => e.getBoundingClientRect().height < 44).length""")
    assert small == 0
    page.screenshot("case_study_phone")


def test_slow_network_and_a_failed_submit_count_once(page):
    """Requests delayed (emulated slow 3G), a double click, and a submit whose first try fails
    on the network: the learner's answers are kept and the stage is recorded once."""
    from asn_xblocks.review.models import LearnerReview

    name = add_case(case_xml(grading="completion"))
    page.open(f"/view/{name}/?student=dian")
    page.driver.set_network_conditions(offline=False, latency=600, download_throughput=50 * 1024,
                                       upload_throughput=20 * 1024)
    try:
        page.by_label("Beta").click()
        page.by_label("Right one").click()
        page.driver.execute_script("""
          window.__realFetch = window.fetch; window.__failed = 0;
          window.fetch = function (url, opts) {
            if (String(url).indexOf('/act/') >= 0 && window.__failed === 0) {
              window.__failed = 1; return Promise.reject(new TypeError('network down'));
            }
            return window.__realFetch(url, opts);
          };""")
        submit = page.button("Submit")
        page.driver.execute_script("arguments[0].click(); arguments[0].click();", submit)
        page.wait_until(lambda: "Retry" in page.find(".asn-alert").text)
        assert page.by_label("Beta").is_selected()  # nothing lost
        page.driver.execute_script("arguments[0].click(); arguments[0].click();", page.button("Retry"))
        page.wait_until(lambda: "NARRATIVE-TWO" in page.text())
    finally:
        page.driver.delete_network_conditions()
    row = LearnerReview.objects.get(learner_id__isnull=False, username="dian")
    assert row.state_version == 1  # one step, however many clicks and retries


# --- classification and numeric questions, by keyboard, in Indonesian, on a phone ----------

def press(page, *keys):
    ActionChains(page.driver).send_keys(*keys).perform()


NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= window.innerWidth"


def open_kinds(page, student):
    from tests.integration.case_fixtures import kinds_xml

    name = add_case(kinds_xml("id"))
    page.driver.set_window_size(360, 800)
    page.open(f"/view/{name}/?student={student}&lang=id")
    return name


def test_a_classification_by_keyboard_on_a_phone(page):
    open_kinds(page, "klasifikasi")
    page.screenshot("case_study_classify_360")
    page.assert_accessible()
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    groups = page.find_all(".asn-classify .asn-sort-item")
    assert len(groups) == 4
    # each statement is a radio group named by its text, offering the category labels
    first = groups[0]
    assert first.find_element("tag name", "legend").text == "Permits issued on time"
    labels = [label.text for label in first.find_elements("tag name", "label")]
    assert labels == ["Result", "Activity"]
    # Tab into each group; Space takes the focused (first) category, → moves to the next
    radios = page.find_all('.asn-classify input[type="radio"]')
    tab_to(page, radios[0])
    for index, wanted in enumerate(["hasil", "kegiatan", "hasil", "kegiatan"]):
        if wanted == "hasil":
            press(page, Keys.SPACE)
        else:
            press(page, Keys.ARROW_RIGHT)
        active = page.active()
        assert active.get_attribute("value") == wanted and active.is_selected()
        if index < 3:
            press(page, Keys.TAB)
    press(page, Keys.TAB)
    assert page.active().get_attribute("data-question") == "q2"
    page.active().send_keys("87,5")
    press(page, Keys.TAB)
    page.active().send_keys("1.500.000")
    press(page, Keys.TAB)
    assert page.active().text == "Kirim"
    press(page, Keys.ENTER)
    page.wait_until(lambda: len(page.find_all(".asn-sort-item .asn-mark-correct")) == 4)
    assert not page.find_all('.asn-classify input[type="radio"]:not([disabled])')
    assert "ITEMFEEDBACKONE" in page.text()  # per-statement feedback after submission
    page.screenshot("case_study_classify_360_submitted")
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    page.assert_accessible()


def test_a_number_in_the_wrong_format_is_refused_at_its_field(page):
    open_kinds(page, "angka")
    number = page.find('input[data-question="q2"]')
    # a text field with the decimal keyboard, named by the prompt, the format under it
    assert number.get_attribute("type") == "text"
    assert number.get_attribute("inputmode") == "decimal"
    assert number.accessible_name == "Achievement?"
    hint = page.find("#" + number.get_attribute("aria-describedby").split()[0])
    assert "3,25" in hint.text and "2.750.000" in hint.text and "%" in hint.text
    radios = page.find_all('.asn-classify input[type="radio"]')
    tab_to(page, radios[0])
    for _ in range(4):  # every statement in the first category (2 of 4 right)
        press(page, Keys.SPACE, Keys.TAB)
    assert page.active() == number
    number.send_keys("87.5")  # an English decimal on an Indonesian page
    press(page, Keys.TAB)
    page.active().send_keys("1.500.000")
    press(page, Keys.TAB, Keys.ENTER)
    page.wait_until(lambda: number.get_attribute("aria-invalid") == "true")
    page.driver.execute_script("arguments[0].scrollIntoView()", number)
    page.screenshot("case_study_numeric_refused_360")
    message = page.find(".asn-numeric .asn-field-error")
    assert "87.5" in message.text and "3,25" in message.text
    assert message.get_attribute("id") in number.get_attribute("aria-describedby")
    assert page.active() == number  # focus on the field to fix
    page.assert_accessible()
    number.clear()
    number.send_keys("87,5")
    page.button("Kirim").click()
    page.wait_until(lambda: page.find_all(".asn-numeric .asn-mark-correct"))
    assert "87,5" in page.find(".asn-numeric").text
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    page.assert_accessible()


def test_both_kinds_are_edited_in_the_studio_forms(page):
    """The form editor shows a classification and a numeric question with their own fields,
    offers to add each, and saves them unchanged."""
    from workbench.scenarios import add_xml_scenario

    from tests.integration.case_fixtures import kinds_xml

    add_xml_scenario("browser.casestudio", "browser-casestudio", kinds_xml("id"))
    page.open("/scenario/browser.casestudio/studio_view/?student=staff")
    page.wait_for(".asn-ed .asn-ed-content")
    for details in page.find_all("details"):  # open every item to see its fields
        if not details.get_attribute("open"):
            page.driver.execute_script("arguments[0].open = true", details)
    labels = {" ".join(n.text.split()) for n in page.find_all("label, .asn-ed-label")}
    assert {"Right category", "Expected answer", "Tolerance"} <= labels
    assert "Categories (2 to 8)" in page.find(".asn-ed").text
    buttons = {" ".join(b.text.split()) for b in page.find_all("button")}
    assert {"Add classification question", "Add numeric question", "Add statement",
            "Add category"} <= buttons
    answer = page.by_label("Expected answer")
    assert answer.get_attribute("value") == "87.5"
    right = page.find_all(".asn-ed-ref select, .asn-ed-field select")
    assert any(s.get_attribute("value") == "hasil" for s in right)
    page.assert_accessible(".asn-ed")
    page.button("Save").click()
    page.wait_until(lambda: " ".join(page.find(".asn-ed-status").text.split()).startswith("Saved"))
