"""The case study on a phone and when a submission is refused, in real Chromium: the marks
("Correct", "Partly correct", "Best answer") sit under the option text at 360 px and no word
is broken mid-word; a refused submission points at the field (aria-invalid, a message tied
by aria-describedby, the word counter highlighted, focus on the first problem, announced),
whether the browser or the server refuses it; checked options survive a reload."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import case_xml

LONG_ALPHA = ("Menolak parsel dengan sopan dan melaporkannya kepada Unit Pengendalian "
              "Gratifikasi dalam tiga puluh hari kerja")
LONG_BETA = "Menerima parsel lalu menyerahkannya kepada atasan langsung"


def add_case(xml: str) -> str:
    from workbench.scenarios import add_xml_scenario

    add_xml_scenario("browser.casephone", "browser-casephone", xml)
    return "browser.casephone"


def press(page, key):
    ActionChains(page.driver).send_keys(key).perform()


def tab_to(page, element, limit=80):
    page.driver.find_element("tag name", "body").click()
    for _ in range(limit):
        if page.active() == element:
            return
        press(page, Keys.TAB)
    raise AssertionError(f"element not reachable by Tab; {page.diagnostics()}")


# every word of the option labels on one line: a word split over two lines has two boxes
WORDS_BROKEN = """
const broken = [];
document.querySelectorAll('.asn-option-line label').forEach(label => {
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const re = /\\S+/g; let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) { broken.push(m[0]); }
    }
  }
});
return broken;"""

MARK_PLACES = """
return Array.from(document.querySelectorAll('.asn-option-line')).filter(l => l.querySelector('.asn-marks'))
  .map(line => {
    const label = line.querySelector('label').getBoundingClientRect();
    const marks = line.querySelector('.asn-marks').getBoundingClientRect();
    return {labelWidth: label.width, labelBottom: label.bottom, marksTop: marks.top,
            lineWidth: line.getBoundingClientRect().width};
  });"""


def test_marks_sit_under_the_option_text_on_a_phone(page):
    xml = case_xml(grading="completion").replace("<text>Alpha</text>", f"<text>{LONG_ALPHA}</text>")
    xml = xml.replace("<text>Beta</text>", f"<text>{LONG_BETA}</text>")
    name = add_case(xml)
    page.driver.set_window_size(360, 800)
    page.open(f"/view/{name}/?student=phonemarks")
    page.by_label(LONG_BETA).click()
    page.by_label("Right one").click()
    page.button("Submit").click()
    page.wait_until(lambda: "NARRATIVE-TWO" in page.text())
    places = page.driver.execute_script(MARK_PLACES)
    assert places  # "Partly correct" and "Best answer" marks are shown
    for place in places:
        assert place["marksTop"] >= place["labelBottom"] - 1, place  # under the text
        assert place["labelWidth"] >= 0.75 * place["lineWidth"], place  # the text keeps the width
    assert page.driver.execute_script(WORDS_BROKEN) == []
    assert "Partly correct" in page.text()
    assert page.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.assert_accessible()
    page.driver.execute_script("document.querySelector('.asn-marks').scrollIntoView({block: 'center'})")
    page.screenshot("case_study_phone_marks")
    # at laptop width the marks stay beside the text, still without mid-word breaks
    page.driver.set_window_size(1200, 900)
    page.wait_until(lambda: all(p["marksTop"] < p["labelBottom"] - 1
                                for p in page.driver.execute_script(MARK_PLACES)))
    assert page.driver.execute_script(WORDS_BROKEN) == []


def described_by(page, control):
    ids = (control.get_attribute("aria-describedby") or "").split()
    return " ".join(page.driver.find_element("id", i).text for i in ids)


def test_a_refused_submit_points_at_the_field_by_keyboard(page):
    name = add_case(case_xml(grading="completion"))
    page.driver.set_window_size(360, 800)
    page.open(f"/view/{name}/?student=fielderrors")
    # nothing chosen: the first question is marked and gets focus, and it is announced
    submit = page.button("Submit")
    tab_to(page, submit)
    press(page, Keys.ENTER)
    first = page.by_label("Alpha")
    page.wait_until(lambda: page.active() == first)
    assert first.get_attribute("aria-invalid") == "true"
    assert "Choose an option." in described_by(page, first)
    many = page.by_label("Right one")
    assert many.get_attribute("aria-invalid") == "true"
    assert "Check at least one option." in described_by(page, many)
    page.wait_until(lambda: "Not submitted: 2 answers need attention." in page.find(".asn-live").text)
    assert "Choose an option." in page.find(".asn-live").text
    assert page.find(".asn-alert").text == ""  # no generic alert under the button
    page.assert_accessible()
    # choosing clears the mark of that question only
    press(page, Keys.SPACE)
    page.wait_until(lambda: first.get_attribute("aria-invalid") is None)
    assert many.get_attribute("aria-invalid") == "true"
    tab_to(page, many)
    press(page, Keys.SPACE)
    page.wait_until(lambda: many.get_attribute("aria-invalid") is None)
    tab_to(page, page.button("Submit"))
    press(page, Keys.ENTER)
    area = page.wait_for("textarea.asn-reflection-text")
    # a reflection two words short: the field, its counter, the message, focus, announcement
    area.send_keys("terlalu")
    page.by_label("Yes").click()
    tab_to(page, page.button("Submit"))
    press(page, Keys.ENTER)
    page.wait_until(lambda: page.active() == page.find("textarea.asn-reflection-text"))
    area = page.find("textarea.asn-reflection-text")
    assert area.get_attribute("aria-invalid") == "true"
    described = described_by(page, area)
    assert "Write at least 3 words (you wrote 1)." in described and "1 word" in described
    assert "asn-count-invalid" in page.find(".asn-word-count").get_attribute("class")
    page.wait_until(lambda: "Not submitted: 1 answer needs attention." in page.find(".asn-live").text)
    page.assert_accessible()
    page.screenshot("case_study_phone_field_error")
    # enough words: the mark goes as the learner types
    area.send_keys(" pendek sekali")
    page.wait_until(lambda: area.get_attribute("aria-invalid") is None)
    assert "asn-count-invalid" not in page.find(".asn-word-count").get_attribute("class")


def test_a_server_refusal_naming_an_item_is_shown_at_that_field(page):
    """The word limit is checked on the server too; its 400 names the reflection."""
    name = add_case(case_xml(grading="completion"))
    page.open(f"/view/{name}/?student=serverrefusal")
    page.by_label("Alpha").click()
    page.by_label("Right one").click()
    page.button("Submit").click()
    area = page.wait_for("textarea.asn-reflection-text")
    area.send_keys("cukup tiga kata")
    page.by_label("Yes").click()
    page.driver.execute_script("""
      const real = window.fetch;
      window.fetch = function (url, opts) {
        if (String(url).indexOf('/act/') >= 0) {
          return Promise.resolve(new Response(JSON.stringify(
            {error: 'Write at least 40 words (you wrote 3).', item: 'r1'}),
            {status: 400, headers: {'Content-Type': 'application/json'}}));
        }
        return real.apply(this, arguments);
      };""")
    page.button("Submit").click()
    page.wait_until(lambda: page.find("textarea.asn-reflection-text").get_attribute("aria-invalid") == "true")
    area = page.find("textarea.asn-reflection-text")
    assert page.active() == area
    assert "Write at least 40 words (you wrote 3)." in described_by(page, area)
    assert page.find(".asn-alert").text == ""
    page.wait_until(lambda: "Write at least 40 words" in page.find(".asn-live").text)
    page.assert_accessible()


def test_checked_options_survive_a_reload(page):
    name = add_case(case_xml(grading="completion"))
    url = f"/view/{name}/?student=choicedrafts"
    page.open(url)
    tab_to(page, page.by_label("Alpha"))  # Tab reaches the group, arrows choose in it
    press(page, Keys.ARROW_DOWN)
    assert page.by_label("Beta").is_selected()
    page.by_label("Right one").click()
    page.by_label("Wrong one").click()
    page.wait_until(lambda: [s.text for s in page.find_all(".asn-question .asn-draft-status")]
                    == ["Draft saved", "Draft saved"])
    page.by_label("Wrong one").click()  # unchecked again
    page.wait_until(lambda: [s.text for s in page.find_all(".asn-question .asn-draft-status")]
                    == ["Draft saved", "Draft saved"])
    page.assert_accessible()
    page.open(url)
    page.wait_until(lambda: page.by_label("Beta").is_selected())
    assert not page.by_label("Alpha").is_selected()
    assert page.by_label("Right one").is_selected() and not page.by_label("Wrong one").is_selected()
    page.button("Submit").click()
    page.wait_until(lambda: "NARRATIVE-TWO" in page.text())
    assert "FEEDBACK-BETA" in page.text()
