"""The Studio form editor in real headless Chromium: each block is built from empty through
the forms by keyboard (no mouse: keys go to the focused element), saved, and then played
as a learner. axe runs on the editor (form, OLX source and preview)."""
from __future__ import annotations

import itertools

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

_names = itertools.count()


def add_scenario(xml: str) -> str:
    from workbench.scenarios import add_xml_scenario

    name = f"studio_browser.{next(_names)}"
    add_xml_scenario(name, name, xml)
    return name


def open_editor(page, name):
    page.open(f"/scenario/{name}/studio_view/?student=staff")
    page.wait_for(".asn-ed .asn-ed-content")


# --- keyboard helpers ---------------------------------------------------------------------------

def keys(page, *sequence):
    """Type into whatever has focus (the page moved focus there, or Tab did)."""
    ActionChains(page.driver).send_keys(*sequence).perform()


def press(element, key=Keys.ENTER):
    """Focus a control and press a key on it, as a keyboard user would after tabbing."""
    element.send_keys(key)


def text_of(element) -> str:
    return " ".join(element.text.split())


def item(page, *path):
    """The item (<details>) reached through summaries starting with each of ``path``; found
    afresh each time, since the form is redrawn after items are added, moved or deleted."""
    root = page.driver
    for summary_start in path:
        for details in root.find_elements(By.CSS_SELECTOR, "details.asn-ed-item"):
            summary = details.find_element(By.CSS_SELECTOR, ":scope > summary")
            if text_of(summary).startswith(summary_start):
                root = details
                break
        else:
            raise AssertionError(f"no item {summary_start!r}")
    return root


def control(scope, label):
    """A form control inside ``scope`` by its label (the first match in document order)."""
    for node in scope.find_elements(By.CSS_SELECTOR, "label, .asn-ed-label"):
        if text_of(node) != label:
            continue
        if node.tag_name == "label":
            return scope.find_element(By.ID, node.get_attribute("for"))
        return node.find_element(By.XPATH, "following-sibling::div[@class='asn-ed-richbox']"
                                           "//*[@contenteditable='true']")
    raise AssertionError(f"no control labelled {label!r}")


def own_button(details, name):
    """A button of this item itself (not of the items nested inside it)."""
    for button in details.find_elements(By.CSS_SELECTOR,
                                        ":scope > .asn-ed-item-body > .asn-actions > button, "
                                        ":scope > .asn-ed-item-body > fieldset > .asn-ed-adders > button"):
        if text_of(button) == name:
            return button
    raise AssertionError(f"no button {name!r} in this item")


def expand(page, details):
    if not details.get_attribute("open"):
        press(details.find_element(By.CSS_SELECTOR, ":scope > summary"))
        page.wait_until(lambda: details.get_attribute("open") is not None)


def active_label(page) -> str:
    active = page.active()
    element_id = active.get_attribute("id")
    if element_id:
        labels = page.driver.find_elements(By.XPATH, f"//label[@for='{element_id}']")
        if labels:
            return text_of(labels[0])
    labelled_by = active.get_attribute("aria-labelledby")
    if labelled_by:
        return text_of(page.driver.find_element(By.ID, labelled_by.split()[0]))
    return active.tag_name


def save_and_wait(page):
    press(page.button("Save"))
    page.wait_until(lambda: text_of(page.find(".asn-ed-status")).startswith("Saved"))
    assert page.active() == page.button("Save")


# --- the case study -----------------------------------------------------------------------------

def test_case_study_built_from_empty_by_keyboard_then_completed(page):
    name = add_scenario('<asn_case_study display_name="Built in the form"/>')
    open_editor(page, name)
    page.wait_until(lambda: "no stages" in page.find(".asn-ed-problems").text)
    page.assert_accessible()

    press(page.by_label("Reflection grading"), "Full points")  # typing picks the option
    assert page.by_label("Reflection grading").get_attribute("value") == "completion"

    press(page.button("Add stage"))
    assert active_label(page) == "Title"  # focus moved into the new stage
    keys(page, "At the door")
    keys(page, Keys.TAB, Keys.TAB)  # the narrative's toolbar, then its text
    assert active_label(page) == "Narrative"
    keys(page, "A courier brings a parcel from a contractor.")
    assert "At the door" in text_of(item(page, "Stage s1").find_element(By.CSS_SELECTOR, "summary"))

    press(own_button(item(page, "Stage s1"), "Add question"))
    assert active_label(page) == "Kind"
    question = ("Stage s1", "Question q1")
    press(control(item(page, *question), "Prompt"), "What do you do?")
    # problems are listed next to the item before saving: the options have no text yet
    page.wait_until(lambda: "has no text" in item(page, *question).find_element(
        By.CSS_SELECTOR, ":scope > .asn-ed-item-body > .asn-ed-item-problems").text)
    assert "error" in text_of(item(page, *question).find_element(By.CSS_SELECTOR, "summary"))

    for option, text in (("Option a", "Refuse and report"), ("Option b", "Keep it")):
        expand(page, item(page, *question, option))
        press(control(item(page, *question, option), "Text"), text)
    page.wait_until(lambda: not item(page, *question).find_element(
        By.CSS_SELECTOR, ":scope > .asn-ed-item-body > .asn-ed-item-problems").text)

    # a third option: added, moved up, deleted (undo offered), all with the keyboard
    press(own_button(item(page, *question), "Add option"))
    assert active_label(page) == "Text"
    keys(page, "Ask a colleague")

    def options():
        return [text_of(s).split(":")[0] for s in item(page, *question).find_elements(
            By.CSS_SELECTOR, ":scope > .asn-ed-item-body details.asn-ed-item > summary")]

    press(own_button(item(page, *question, "Option c"), "Move up"))
    assert options() == ["Option a", "Option c", "Option b"]
    assert page.active().get_attribute("aria-label").startswith("Move up: Option c")
    press(page.active(), Keys.SPACE)  # up again: at the top, focus falls back to "Move down"
    assert options() == ["Option c", "Option a", "Option b"]
    assert page.active().get_attribute("aria-label").startswith("Move down: Option c")
    press(own_button(item(page, *question, "Option c"), "Delete"))
    assert text_of(page.active()) == "Undo delete"
    assert "Deleted: Option c" in page.find(".asn-ed-undo").text
    assert options() == ["Option a", "Option b"]
    page.assert_accessible()

    press(own_button(item(page, "Stage s1"), "Add reflection"))
    assert active_label(page) == "Points"
    reflection = ("Stage s1", "Reflection r1")
    press(control(item(page, *reflection), "Minimum words"), Keys.CONTROL + "a")
    keys(page, "3")
    press(control(item(page, *reflection), "Prompt"), "Why?")
    page.wait_until(lambda: text_of(page.find(".asn-ed-status")) == "No problems found.")
    save_and_wait(page)

    # the OLX source mode shows what the form built, and switching back round-trips it
    press(page.find("[role=tab][aria-controls]"), Keys.ARROW_RIGHT)
    page.wait_until(lambda: page.find(".asn-olx").is_displayed())
    source = page.find(".asn-olx").get_attribute("value")
    assert 'reflection_grading="completion"' in source and "Refuse and report" in source
    assert '<option id="a" score="1">' in source and "Ask a colleague" not in source
    page.assert_accessible()
    keys(page, Keys.ARROW_RIGHT)  # the Preview tab
    page.wait_until(lambda: page.find_all(".asn-ed-preview .asn-question"))
    preview = page.find(".asn-ed-preview")
    assert "What do you do?" in preview.text
    assert "Preview — nothing is saved" in page.text()  # playable (test_studio_preview_browser)
    assert any(e.is_enabled() for e in preview.find_elements(By.CSS_SELECTOR, "input[type=radio]"))
    page.assert_accessible()
    page.screenshot("studio_case_preview")

    # the learner plays what was built
    page.open(f"/view/{name}/?student=alice")
    assert "At the door" in page.text()
    press(page.by_label("Refuse and report"), Keys.SPACE)
    press(page.find("textarea.asn-reflection-text"), "I refuse it politely")
    press(page.button("Submit"))
    page.wait_until(lambda: "Score: 2 / 2" in page.text())


# --- the simulation -----------------------------------------------------------------------------

def test_simulation_built_from_empty_then_played(page):
    name = add_scenario('<asn_change_simulation display_name="Built simulation"/>')
    open_editor(page, name)

    press(page.button("Add metric"))
    assert active_label(page) == "Label"
    keys(page, "Morale")
    press(page.button("Add ending"))
    assert active_label(page) == "Title"
    keys(page, "Well done")
    press(page.button("Add node"))
    assert active_label(page) == "Title"
    keys(page, "First meeting")
    press(control(item(page, "Node n1"), "Situation"), "The team is worried.")
    press(own_button(item(page, "Node n1"), "Add choice"))
    assert active_label(page) == "Text"
    keys(page, "Listen first")
    choice = ("Node n1", "Choice c1")
    press(control(item(page, *choice), "Goes to"), "Ending e1")
    condition = control(item(page, *choice), "Offered only when (condition)")
    press(condition, "m1 >")
    message = page.find(f"#{condition.get_attribute('id')}-msg")
    page.wait_until(lambda: condition.get_attribute("aria-invalid") == "true")
    assert message.text and message.text != "The condition is valid."  # the parser's words
    assert "asn-ed-msg-error" in message.get_attribute("class")
    keys(page, " 10")
    page.wait_until(lambda: message.text == "The condition is valid.")
    press(own_button(item(page, *choice), "Add effect"))
    press(control(item(page, *choice, "Effect"), "Metric"), "Metric m1")
    press(control(item(page, *choice, "Effect"), "Value"), "5")
    press(page.by_label("Start"), "Node n1")
    # one node with a single choice: a warning (the learner has nothing to decide there)
    page.wait_until(lambda: text_of(page.find(".asn-ed-status")) == "0 errors, 1 warning")
    assert "offers a single choice" in page.text()

    # the map: every place is a keyboard-reachable link that jumps to its form
    page.wait_until(lambda: page.find_all(".asn-ed-map a[data-item='e1']"))
    press(page.find(".asn-ed-map a[data-item='e1']"))
    assert text_of(page.active()).startswith("Ending e1: Well done")
    assert "n1 “First meeting”" in page.find(".asn-ed-maplist").get_attribute("textContent")

    # renaming an id carries the references along; focus goes where Tab sent it
    id_input = control(item(page, "Ending e1"), "Id")
    press(id_input, Keys.CONTROL + "a")
    keys(page, "e_good", Keys.TAB)
    page.wait_until(lambda: control(item(page, "Node n1", "Choice c1"), "Goes to")
                    .get_attribute("value") == "e_good")
    assert active_label(page) == "Title" and page.active().get_attribute("value") == "Well done"
    page.wait_until(lambda: page.find_all(".asn-ed-map a[data-item='e_good']"))  # map redrawn

    press(page.button("Check all paths"))
    page.wait_until(lambda: page.find_all(".asn-ed-report h4"))
    report = page.find(".asn-ed-report").text
    assert "e_good “Well done”: reached. Choices on the shortest path: 1." in report
    assert page.active().tag_name == "h4"
    page.assert_accessible()
    save_and_wait(page)
    page.screenshot("studio_simulation")
    page.driver.set_window_size(360, 800)  # a phone: the editor still fits, still passes axe
    page.wait_until(lambda: page.driver.execute_script(
        "return document.querySelector('.asn-ed').scrollWidth <= document.querySelector('.asn-ed').clientWidth"))
    page.assert_accessible()
    page.screenshot("studio_simulation_360")
    page.driver.set_window_size(1200, 900)

    page.open(f"/view/{name}/?student=bob")
    assert "The team is worried." in page.text()
    press(page.button("Listen first"))
    page.wait_until(lambda: "Well done" in page.text())


# --- the service desk ------------------------------------------------------------------------------

def test_service_desk_built_from_empty_then_worked(page):
    name = add_scenario('<asn_digital_service display_name="Built desk"/>')
    open_editor(page, name)

    press(page.button("Add unit"))
    assert active_label(page) == "Name"
    keys(page, "Front office")
    press(page.button("Add service"))
    assert active_label(page) == "Name"
    keys(page, "Business permit")
    press(control(item(page, "Service svc1"), "Responsible unit"), "Unit u1")
    press(own_button(item(page, "Service svc1"), "Add requirement"))
    assert active_label(page) == "Label"
    keys(page, "ID card")
    press(control(item(page, "Service svc1", "Requirement req1"), "Document type that meets it"), "ktp")

    press(page.button("Add request"))
    assert active_label(page) == "Applicant"
    keys(page, "Budi Santoso")
    press(control(item(page, "Request r1"), "Service"), "Service svc1")
    control(item(page, "Request r1"), "Submitted on").send_keys("03", "16", "2026")  # en-US order
    press(own_button(item(page, "Request r1"), "Add document"))
    assert active_label(page) == "Type"
    keys(page, "ktp")
    press(control(item(page, "Request r1", "Document d1"), "Title"), "KTP Budi")
    request = item(page, "Request r1")

    # the engine's expected outcome, next to the request, before saving
    page.wait_until(lambda: "Due date: 19 March 2026" in request.find_element(
        By.CSS_SELECTOR, ":scope > .asn-ed-item-body > .asn-ed-item-insight").text)
    expected = request.find_element(By.CSS_SELECTOR, ":scope > .asn-ed-item-body > .asn-ed-item-insight").text
    assert "Decision: Approve" in expected and "Route to: Front office" in expected
    # the one request goes to its service's own unit: routing is no decision here (a warning)
    page.wait_until(lambda: text_of(page.find(".asn-ed-status")) == "0 errors, 1 warning")
    assert "Routing is not a decision here" in page.text()
    page.assert_accessible()
    save_and_wait(page)

    page.open(f"/view/{name}/?student=carol")
    press(page.button("Budi Santoso"))
    page.wait_until(lambda: page.find_all("input.asn-due"))
    for fieldset in page.find_all(".asn-block fieldset"):
        legend = text_of(fieldset.find_element(By.TAG_NAME, "legend"))
        if legend == "ID card":
            press(fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")[0], Keys.SPACE)
        if legend == "Decision":
            press(fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")[0], Keys.SPACE)
    press(page.by_label("Route to"), "Front office")
    page.by_label("Due date").send_keys("2026-03-19")  # the English UI's format
    press(page.button("Submit"))
    page.wait_until(lambda: "Score: 5 / 5" in page.text())


# --- the desk's classification scheme as a tree ----------------------------------------------

def test_the_desk_scheme_is_a_tree_and_a_child_code_is_added_by_keyboard(page):
    from tests.integration.desk_fixtures import records_xml

    invitations = '  <classification code="000.5.2" label="Invitations"/>\n'
    xml = records_xml().replace(invitations, "").replace(
        '  <classification code="800.5" label="Staff discipline"/>\n',
        '  <classification code="800.5" label="Staff discipline"/>\n' + invitations)
    name = add_scenario(xml)
    open_editor(page, name)
    scheme = page.find("fieldset.asn-ed-list:has(> ol.asn-ed-tree)")
    assert text_of(scheme.find_element(By.TAG_NAME, "legend")) == "Classification scheme"

    def tree():
        """(summary, nesting level of its list) in document order."""
        return page.driver.execute_script("""
            var box = document.querySelector("ol.asn-ed-tree");
            return Array.from(box.querySelectorAll("details.asn-ed-item > summary")).map(function (s) {
              var level = 0;
              for (var n = s; n !== box.parentNode; n = n.parentNode) { if (n.tagName === "OL") { level += 1; } }
              return [s.textContent.trim(), level];
            });""")

    # sorted by code (000.5.2 is written last), each code in a list nested in its parent's item
    assert tree() == [["Classification code: 000 — General", 1],
                      ["Classification code: 000.5 — Correspondence", 2],
                      ["Classification code: 000.5.2 — Invitations", 3],
                      ["Classification code: 800 — Personnel", 1],
                      ["Classification code: 800.5 — Staff discipline", 2]]
    parent = item(page, "Classification code: 000.5")
    assert parent.find_element(By.XPATH, "..").get_attribute("data-depth") == "1"
    expand(page, parent)
    add_child = own_button(parent, "Add child code")
    assert add_child.get_attribute("aria-label") == \
        "Add a child code under Classification code: 000.5 — Correspondence"
    assert not [b for b in parent.find_elements(By.CSS_SELECTOR, ":scope > .asn-ed-item-body button")
                if text_of(b) in ("Move up", "Move down")]  # a tree is ordered by its codes
    press(add_child)
    page.wait_until(lambda: page.active().get_attribute("value") == "000.5.")
    assert active_label(page).startswith("Code (its parent")
    keys(page, "3", Keys.TAB, "Thanks")
    assert tree()[:4] == [["Classification code: 000 — General", 1],
                          ["Classification code: 000.5 — Correspondence", 2],
                          ["Classification code: 000.5.3 — Thanks", 3],
                          ["Classification code: 000.5.2 — Invitations", 3]]  # sorted again when redrawn
    page.wait_until(lambda: "Checking" not in text_of(page.find(".asn-ed-status")))
    status = text_of(page.find(".asn-ed-status"))
    assert status == "No problems found." or status.startswith("0 errors"), status
    page.assert_accessible()
    save_and_wait(page)
    open_editor(page, name)  # saved, and sorted by code when drawn again
    assert tree()[2:4] == [["Classification code: 000.5.2 — Invitations", 3],
                           ["Classification code: 000.5.3 — Thanks", 3]]
    # a phone: the deepest code, opened, still fits
    expand(page, item(page, "Classification code: 000.5.3"))
    page.driver.set_window_size(360, 800)
    try:
        page.wait_until(lambda: page.driver.execute_script(
            "var ed = document.querySelector('.asn-ed'); return ed.scrollWidth <= ed.clientWidth"))
        page.screenshot("studio_desk_scheme_tree_360")
    finally:
        page.driver.set_window_size(1200, 900)
