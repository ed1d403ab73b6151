"""The editor's contract with Studio, in real headless Chromium: the block's studio_view and
author_view run under a small copy of what Studio does around them, injected before any
page script, and the test reads what Studio would have seen.

Studio's side is written from reading the platform (never copied):

* openedx/edx-platform cms/static/cms/js/xblock/cms.runtime.v1.js @18d6a25a (the same code
  in openedx/openedx-platform): ``notify`` dispatches to handlers. ``save`` ``start`` shows a
  "Saving" notification; ``save`` ``end`` hides it (it has to follow a ``start``) and calls
  the editor modal's ``onSave``, which closes the editor and refreshes the unit; ``cancel``
  calls the modal's ``cancel``; ``error`` shows ``data.message`` titled ``data.title`` (a
  missing title gets ORA's "OpenAssessment Save Error", a missing message shows nothing).
* openedx/openedx-platform cms/static/js/views/modals/edit_xblock.js @2bd610a4 and
  base_modal.js @7098502c: ``onSave`` posts ``saveEditedXBlockData``, closing posts
  ``closeXBlockEditorModal`` to the Authoring MFE (frontend-app-authoring @f10e018e,
  src/course-unit/xblock-container-iframe); the modal adds its own Save/Cancel unless the
  editor has ``.editor-with-buttons`` (xblock_editor.js ``hasCustomButtons``).
* openedx/edx-platform common/static/js/xblock/core.js @1ad6ea0b and cms/static/js/views/
  xblock.js @002b3df6: the block is initialized with the element Studio found
  (``$('.xblock').first()``, jQuery-wrapped), and the runtime then sets ``element``,
  ``name``, ``type`` and ``runtime`` on the object the init function returned.
* openedx/openedx-platform common/templates/xblock_v2/xblock_iframe.html @2ce8c522: the
  Learning Core iframe posts ``{type: 'xblock-event', eventName, data}`` to the MFE, so the
  data must survive ``postMessage`` (structured clone), and its ``handlerUrl`` reads the
  URL off the very element object the init function received.

The handler's answer is held back (``delay``), so an "end" sent before the server answered
would show in the order of the log.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios"
_names = itertools.count()

STUDIO_SHIM = r"""
(function () {
  "use strict";
  var log = [], violations = [], state = {saving: false, modal: null, delay: 400};
  window.__asnStudio = {log: log, violations: violations, state: state};
  function record(entry) { entry.seq = log.length; log.push(entry); }
  function violate(text) { violations.push(text); }

  // Handler requests: logged, and their answer held back by state.delay.
  var realFetch = window.fetch.bind(window);
  window.fetch = function (url, options) {
    var handler = String(url).split("?")[0].replace(/\/+$/, "").split("/").pop();
    record({kind: "request", handler: handler});
    function answer(status, value, failed) {
      return new Promise(function (resolve, reject) {
        setTimeout(function () {
          record({kind: "response", handler: handler, status: status});
          if (failed) { reject(value); } else { resolve(value); }
        }, state.delay);
      });
    }
    return realFetch(url, options).then(function (r) { return answer(r.status, r, false); },
                                        function (e) { return answer(0, e, true); });
  };

  // The editor modal (edit_xblock.js / base_modal.js): what it tells the MFE.
  var modal = {
    onSave: function () { record({kind: "post", type: "saveEditedXBlockData"}); modal.hide(); },
    hide: function () { record({kind: "post", type: "closeXBlockEditorModal"}); },
    cancel: function () { modal.hide(); }
  };

  // BaseRuntime.v1's handlers (cms.runtime.v1.js).
  function dispatch(name, data) {
    if (name === "save" && data.state === "start") {
      state.saving = true;
      record({kind: "studio", what: "notification", text: data.message || "Saving"});
    } else if (name === "save" && data.state === "end") {
      if (!state.saving) { violate("save end without a save start: this.notification.hide() throws"); }
      state.saving = false;
      if (state.modal && state.modal.onSave) { state.modal.onSave(); }
      record({kind: "studio", what: "notification hidden"});
    } else if (name === "cancel") {
      if (state.modal) { state.modal.cancel(); dispatch("modal-hidden", {}); }
    } else if (name === "error") {
      var message = data.message || data.msg;
      if (!message) { violate("error without a message: Studio shows nothing"); return; }
      if (!data.title) { violate("error without a title: Studio titles it 'OpenAssessment Save Error'"); }
      record({kind: "studio", what: "alert", title: data.title, message: message});
    } else if (name === "modal-shown") {
      state.modal = data;
    } else if (name === "modal-hidden") {
      state.modal = null;
    }
  }

  function studioRuntime(workbench, given) {
    return {
      handlerUrl: function (element, name, suffix, query) {
        if (element !== given) { violate("handlerUrl(" + name + ") got another element than init did"); }
        return workbench.handlerUrl(element, name, suffix, query);
      },
      notify: function (name, data) {
        if (!data || typeof data !== "object") {
          violate(name + ": data is not an object");
        } else {
          try { structuredClone(data); } catch (e) { violate(name + ": data cannot be posted: " + e); }
        }
        record({kind: "notify", name: name, data: JSON.parse(JSON.stringify(data === undefined ? null : data))});
        dispatch(name, data || {});
      }
    };
  }

  // core.js constructBlock + views/xblock.js + EditXBlockModal.onDisplayXBlock.
  function asStudio(init) {
    return function (runtime, element, args) {
      var node = element && element.jquery ? element[0] : element;
      var $el = window.jQuery(node);
      var studio = studioRuntime(runtime, $el);
      function Block() { return init.apply(this, [studio, $el, args]); }
      Block.prototype = init.prototype;
      var block = new Block();
      block.runtime = studio;
      block.element = $el;
      block.name = $el.data("name");
      block.type = args && args.tag;
      if (args && args.mode === "studio") {
        var custom = $el.is(".editor-with-buttons") || $el.find(".editor-with-buttons").length > 0;
        record({kind: "studio", what: "modal buttons", custom: custom});
        if (!custom) { violate("the editor modal would add its own Save and Cancel"); }
        dispatch("modal-shown", modal);
      }
      record({kind: "studio", what: "initialized", mode: args && args.mode});
      return block;
    };
  }

  var wrapped = null;
  Object.defineProperty(window, "AsnStudioInit", {
    configurable: true,
    get: function () { return wrapped; },
    set: function (fn) { wrapped = typeof fn === "function" ? asStudio(fn) : fn; }
  });
}());
"""


def add_scenario(xml: str) -> str:
    from workbench.scenarios import add_xml_scenario

    name = f"studio_contract.{next(_names)}"
    add_xml_scenario(name, name, xml)
    return name


def demo(tag: str, filename: str) -> str:
    return (SCENARIOS / tag / filename).read_text(encoding="utf-8")


@pytest.fixture
def studio(page):
    """The page, with Studio's side installed before any script of the next page load."""
    driver = page.driver
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STUDIO_SHIM})
    yield page
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def seen(page) -> dict:
    return page.driver.execute_script(
        "return window.__asnStudio ? {log: window.__asnStudio.log, violations: window.__asnStudio.violations}"
        " : {log: [], violations: ['Studio shim missing']}")


def find(log, **match):
    return [e for e in log if all(e.get(k) == v for k, v in match.items())]


def notifications(log, *names):
    return [e for e in log if e["kind"] == "notify" and e["name"] in names]


def open_editor(page, name):
    page.open(f"/scenario/{name}/studio_view/?student=staff")
    page.wait_for(".asn-ed .asn-ed-content")
    log = seen(page)["log"]
    assert find(log, kind="studio", what="initialized", mode="studio"), log
    assert find(log, kind="studio", what="modal buttons", custom=True), log


def click(page, name):
    page.button(name).click()


def save_and_wait(page):
    """Click Save and wait until Studio's runtime heard the outcome (end or error)."""
    click(page, "Save")
    page.wait_until(lambda: notifications(seen(page)["log"], "error") or
                    find(seen(page)["log"], kind="notify", name="save", data={"state": "end"}))
    record = seen(page)
    assert record["violations"] == []
    return record


def test_save_sends_start_then_end_only_after_the_server_answered(studio):
    page = studio
    name = add_scenario(demo("asn_case_study", "04_vendor_trip_en.xml"))
    open_editor(page, name)

    record = save_and_wait(page)
    log = record["log"]
    assert notifications(log, "error", "cancel") == []

    saves = notifications(log, "save")
    assert [e["data"]["state"] for e in saves] == ["start", "end"], saves
    start, end = saves
    request, = find(log, kind="request", handler="studio_save_form")
    response, = find(log, kind="response", handler="studio_save_form")
    assert response["status"] == 200
    assert start["seq"] < request["seq"] < response["seq"] < end["seq"], log
    # Studio's runtime then closes the editor and the MFE refreshes the unit
    posts = [e["type"] for e in log if e["kind"] == "post"]
    assert posts == ["saveEditedXBlockData", "closeXBlockEditorModal"]
    assert all(e["seq"] > end["seq"] for e in log if e["kind"] == "post")
    page.wait_until(lambda: page.find(".asn-ed-status").text.startswith("Saved"))


def test_a_refused_save_sends_error_with_title_and_message_and_no_end(studio):
    page = studio
    name = add_scenario('<asn_case_study display_name="Refused in the contract test"/>')
    open_editor(page, name)

    record = save_and_wait(page)
    log = record["log"]

    saves = notifications(log, "save")
    assert [e["data"]["state"] for e in saves] == ["start"], saves
    error, = notifications(log, "error")
    request, = find(log, kind="request", handler="studio_save_form")
    response, = find(log, kind="response", handler="studio_save_form")
    assert response["status"] == 400
    assert saves[0]["seq"] < request["seq"] < response["seq"] < error["seq"], log
    assert error["data"]["title"] == "Not saved"
    assert error["data"]["message"] == "The content has errors; nothing was saved."
    assert find(log, kind="studio", what="alert", title="Not saved")
    assert [e for e in log if e["kind"] == "post"] == []  # the editor stays open
    assert error["data"]["message"] in page.find(".asn-alert").text


def test_cancel_sends_cancel_and_studio_closes_the_editor(studio):
    page = studio
    name = add_scenario(demo("asn_digital_service", "03_business_permit_en.xml"))
    open_editor(page, name)

    click(page, "Cancel")
    page.wait_until(lambda: notifications(seen(page)["log"], "cancel"))
    record = seen(page)
    log = record["log"]
    assert record["violations"] == []
    cancel, = notifications(log, "cancel")
    assert cancel["data"] == {}
    assert notifications(log, "save", "error") == []
    assert [e["type"] for e in log if e["kind"] == "post"] == ["closeXBlockEditorModal"]
    assert find(log, kind="request", handler="studio_save_form") == []


def test_the_unit_page_summary_renders_from_a_jquery_element(studio):
    """author_view, as Studio re-initializes it after an edit (views/xblock.js)."""
    page = studio
    name = add_scenario(demo("asn_change_simulation", "03_e_performance_en.xml"))
    page.open(f"/scenario/{name}/author_view/?student=staff")
    page.wait_for(".asn-summary")
    record = seen(page)
    assert record["violations"] == []
    assert find(record["log"], kind="studio", what="initialized", mode="author")
    assert notifications(record["log"], "save", "error", "cancel") == []
    assert "Validation:" in page.text()
