"""What authors see in the Studio editor, in real headless Chromium: the validation status and
the problem list drawn from one list (after a check in the OLX source and a refused save);
parser errors and content errors with their line; icons that need no emoji font; a Save bar
that never covers the last problem or button; delete with a keyboard-reachable Undo."""
from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.test_studio_browser import add_scenario, expand, item, open_editor, press, text_of
from tests.integration.case_fixtures import case_xml


def four_errors() -> str:
    """The case with four errors, each about an item with an id (see the expected lines)."""
    x = case_xml()
    x = x.replace('<option id="a" score="2"><text>Alpha</text>', '<option id="a" score="1"><text>Alpha</text>')
    x = x.replace('<option id="a" score="1"><text>Yes</text>', '<option id="a" score="0"><text>Yes</text>')
    x = x.replace('<stage id="s2" title="Second">', '<stage id="s1" title="Second">')
    return x.replace('<option id="b" correct="true"><text>Right two</text>',
                     '<option id="b" correct="true"><text></text>')


def line_of(source: str, needle: str, nth: int = 0) -> int:
    lines = [n for n, text in enumerate(source.split("\n"), 1) if needle in text]
    return lines[nth]


def status(page) -> str:
    return text_of(page.find(".asn-ed-status"))


def listed(page, box: str) -> list[str]:
    return [text_of(li) for li in page.find_all(f"{box} .asn-problems > li")]


def set_olx(page, source: str) -> None:
    page.driver.execute_script(
        "var a = document.querySelector('.asn-olx'); a.value = arguments[0];"
        "a.dispatchEvent(new Event('input', {bubbles: true}));", source)


def show_list(page) -> None:
    page.driver.execute_script("document.querySelector('.asn-problems-box').scrollIntoView({block: 'end'})")


def counts(text: str) -> tuple[int, int]:
    found = re.search(r"(\d+) errors?, (\d+) warnings?", text)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def test_status_and_list_agree_after_an_olx_check_and_a_refused_save(page):
    name = add_scenario(case_xml())
    open_editor(page, name)
    page.wait_until(lambda: status(page) == "No problems found.")
    assert text_of(page.find(".asn-ed-problems")) == "No problems found."

    press(page.button("OLX source"))
    page.wait_until(lambda: page.find(".asn-olx").is_displayed())
    source = four_errors()
    set_olx(page, source)
    press(page.button("Check"))
    # before: "No problems found." stood above four errors; now both come from one list
    page.wait_until(lambda: status(page) == "4 errors, 0 warnings")
    problems = listed(page, ".asn-problems-box")
    assert len(problems) == 4 and all(p.startswith("Error:") for p in problems)
    expected = {"s1": line_of(source, '<stage id="s1"', 1), "q1": line_of(source, 'id="q1"'),
                "q2": line_of(source, 'id="q2"'), "q3": line_of(source, 'id="q3"')}
    for problem in problems:
        item_id = re.search(r"\[(\w+)\]", problem).group(1)
        assert f"(line {expected[item_id]})" in problem, problem
    assert "asn-ed-has-errors" in page.find(".asn-ed-status").get_attribute("class")
    page.assert_accessible()
    show_list(page)
    page.screenshot("studio-status-olx-check")

    # "line N" is a button that selects that line of the source
    go = page.find(".asn-problems-box .asn-ed-line")
    line = int(re.search(r"\d+", go.text).group(0))
    press(go)
    selected = page.driver.execute_script(
        "var a = document.activeElement; return [a.className, a.value.slice(0, a.selectionStart).split('\\n').length];")
    assert selected == ["asn-olx", line]

    # a refused save says so before the same counts, above the same list
    press(page.button("Save"))
    page.wait_until(lambda: status(page).startswith("The content has errors; nothing was saved."))
    assert counts(status(page)) == (len(listed(page, ".asn-problems-box")), 0) == (4, 0)
    show_list(page)
    page.screenshot("studio-status-refused-save")

    # unreadable XML: the parser's complaint as a sentence with line and column, counted
    set_olx(page, source.replace("<narrative><p>NARRATIVE-ONE</p></narrative>",
                                 "<narrative><p>NARRATIVE-ONE</narrative>"))
    press(page.button("Check"))
    page.wait_until(lambda: status(page) == "1 error, 0 warnings")
    (problem,) = listed(page, ".asn-problems-box")
    bad = line_of(source, "NARRATIVE-ONE")
    assert re.search(rf"Line {bad}, column \d+: the element <p> opened on line {bad} "
                     rf"is closed with </narrative>\.", problem), problem
    page.assert_accessible()
    show_list(page)
    page.screenshot("studio-status-olx-syntax")


def test_form_status_counts_what_the_form_list_shows(page):
    name = add_scenario(four_errors())
    open_editor(page, name)
    page.wait_until(lambda: counts(status(page)) == (4, 0))
    assert len(listed(page, ".asn-ed-problems")) == 4
    # a change is being checked: the counts stay those of the list shown
    press(page.by_label("Display name"), "x")
    page.wait_until(lambda: counts(status(page)) == (4, 0) and "Checking" not in status(page))
    assert len(listed(page, ".asn-ed-problems")) == 4


@pytest.mark.parametrize("width, height", [(1200, 900), (360, 640)])
def test_icons_are_shapes_not_emoji(page, width, height):
    page.driver.set_window_size(width, height)
    name = add_scenario(four_errors().replace('<stage id="s1" title="Second">', '<stage id="s2" title="Second">'))
    open_editor(page, name)
    page.wait_until(lambda: counts(status(page)) == (3, 0))
    icons = page.driver.execute_script("""
        return Array.from(document.querySelectorAll(
            '.asn-ed-status, .asn-problems li, .asn-ed-summary-error .asn-ed-badge')).map(function (n) {
          var s = getComputedStyle(n, '::before');
          return [s.content, s.backgroundImage.slice(0, 25), s.width];
        });""")
    assert icons and all(icon[0] == '""' and icon[1].startswith('url("data:image/svg+xml,')
                         for icon in icons), icons
    assert not re.search("[\u26d4\u26a0\u2713\u2714\u274c]", page.find(".asn-ed").text)
    first = page.find(".asn-ed-problems .asn-problems li")
    assert first.text.startswith("Error: ")  # the icon's text alternative, in words
    page.assert_accessible()
    page.screenshot(f"studio-icons-{width}")


def bar_clear(page, css: str) -> dict:
    """Where the element ``css`` (the last match) ends and the Save bar begins."""
    return page.driver.execute_script("""
        var all = Array.from(document.querySelectorAll(arguments[0])).filter(function (n) { return n.offsetParent; });
        var node = all[all.length - 1], bar = document.querySelector('.asn-ed-actions');
        var r = node.getBoundingClientRect(), b = bar.getBoundingClientRect();
        var sticky = getComputedStyle(bar).position === 'sticky';
        return {bottom: r.bottom, top: r.top, barTop: b.top, barBottom: b.bottom, sticky: sticky,
                overlaps: r.bottom > b.top + 0.5 && r.top < b.bottom - 0.5, height: innerHeight};""", css)


@pytest.mark.parametrize("width, height", [(1366, 768), (360, 640)])
def test_the_save_bar_never_covers_the_last_problem_or_button(page, width, height):
    page.driver.set_window_size(width, height)
    name = add_scenario(four_errors())
    open_editor(page, name)
    page.wait_until(lambda: counts(status(page)) == (4, 0))
    last_problem = ".asn-ed-problems .asn-problems > li"
    last_button = ".asn-ed-panel:not([hidden]) button"
    for css in (last_problem, last_button):
        # scrolled to its end (what "Go to", focus and find-in-page do), and at the page's end
        page.driver.execute_script("""
            var all = Array.from(document.querySelectorAll(arguments[0]))
                .filter(function (n) { return n.offsetParent; });
            all[all.length - 1].scrollIntoView({block: 'end'});""", css)
        where = bar_clear(page, css)
        assert not where["overlaps"], (css, where)
        page.driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
        where = bar_clear(page, css)
        assert not where["overlaps"], (css, where)
    # by keyboard: the last button focused from the top of the page is clear of the bar
    page.driver.execute_script("window.scrollTo(0, 0)")
    page.driver.execute_script("""
        var all = Array.from(document.querySelectorAll(arguments[0])).filter(function (n) { return n.offsetParent; });
        all[all.length - 1].focus();""", last_button)
    assert not bar_clear(page, last_button)["overlaps"]
    assert bar_clear(page, last_button)["sticky"]  # the bar itself is still there to use
    page.screenshot(f"studio-save-bar-{width}")


@pytest.mark.parametrize("width, height", [(1200, 900), (360, 640)])
def test_delete_a_stage_then_undo_by_keyboard(page, width, height):
    page.driver.set_window_size(width, height)
    name = add_scenario(case_xml())
    open_editor(page, name)
    stage = item(page, "Stage s2")
    expand(page, stage)
    delete = stage.find_element(By.CSS_SELECTOR, ":scope > .asn-ed-item-body > .asn-actions > .asn-ed-delete")
    press(delete)
    page.wait_until(lambda: text_of(page.active()) == "Undo delete")  # focus on Undo
    notice = page.find(".asn-ed-undo")
    assert text_of(notice).startswith("Deleted: Stage s2")
    assert page.driver.execute_script(
        "return document.querySelector('.asn-live, [aria-live]') !== null")
    page.wait_until(lambda: "Deleted: Stage s2" in page.driver.execute_script(
        "return Array.from(document.querySelectorAll('[aria-live]'))"
        ".map(function (n) { return n.textContent; }).join(' ')"))
    assert not [s for s in page.find_all("details.asn-ed-item > summary") if text_of(s).startswith("Stage s2")]
    page.assert_accessible()
    page.screenshot(f"studio-delete-undo-{width}")
    page.active().send_keys(Keys.ENTER)
    page.wait_until(lambda: text_of(page.active()).startswith("Stage s2"))  # restored, focus on it
    assert not page.find_all(".asn-ed-undo")
    summaries = [text_of(s) for s in page.find_all(".asn-ed-content > fieldset > ol > li > details > summary")]
    assert [s[:8] for s in summaries] == ["Stage s1", "Stage s2"]
