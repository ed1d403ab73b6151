/* asn-xblocks: the instructor review panel, shown under the learner view to course staff.
 * Every handler it calls checks staff rights again on the server.
 *
 * Tabs (role=tablist; arrow keys, Home, End): "Learners" (table with sort, filters, pages,
 * drill-down, score override, CSV download) and "Grading queue" (reflections graded on the
 * rubric; case study with staff grading only). More tabs can be added by other scripts
 * loaded before the panel starts:
 *   (window.AsnStaffTabs = window.AsnStaffTabs || []).push({
 *     id: "analytics", label: function (_) { return _("Analytics"); },
 *     render: function (container, api) { ... }   // api: {client, call, el, _, A, runtime, element}
 *   });
 * Learner text (names, answers, comments, reasons) is always inserted as text; author HTML
 * (prompts, feedback) arrives sanitized from the server and is inserted as HTML.
 *
 * Its modules (static/js/src/staff/, built into one file in name order) meet in
 * AsnXBlocks.staff: each adds one function that installs its part of a panel on the panel's
 * context ``P`` (the runtime, the block's client, the tabs' state) and puts there what the
 * other parts call; 90-panel.js creates the context, installs every part and starts the
 * panel. This module: the small helpers every part uses. */
(function (global) {
  "use strict";
  global.AsnXBlocks.staff = {};

  global.AsnXBlocks.staff.kit = function (P) {
    var A = P.A, el = A.el, _ = A.gettext;
    var client = P.client, prefix = P.prefix;

    function call(handler, payload) { return client.call(handler, payload); }

    function alertBox() { return el("div", {"class": "asn-staff-alert", role: "alert"}, []); }

    function showAlert(box, message) {
      box.textContent = "";
      if (message) { box.appendChild(el("p", {}, [message])); }
    }

    function busy(container, on) { container.setAttribute("aria-busy", on ? "true" : "false"); }

    function errorOf(result) { return client.errorText(result); }

    function field(labelText, control, hint) {
      var id = control.id || A.uid(prefix + "-f");
      control.id = id;
      var parts = [el("label", {"for": id}, [labelText]), control];
      if (hint) {
        var hintId = id + "-hint";
        control.setAttribute("aria-describedby", hintId);
        parts.push(el("span", {id: hintId, "class": "asn-hint"}, [hint]));
      }
      return el("div", {"class": "asn-field"}, parts);
    }

    function option(value, text, selected) {
      return el("option", {value: value, selected: !!selected}, [text]);
    }

    function markText(mark) {
      return {correct: _("Correct"), partial: _("Partly correct"), incorrect: _("Incorrect")}[mark] || "";
    }

    function pager(page, pages, onGo, label) {
      var prev = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: page <= 1,
        onclick: function () { onGo(page - 1); }}, [_("Previous page")]);
      var next = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: page >= pages,
        onclick: function () { onGo(page + 1); }}, [_("Next page")]);
      return el("nav", {"class": "asn-staff-pager", "aria-label": label}, [
        prev, el("span", {"class": "asn-staff-page"}, [A.format(_("Page {page} of {pages}"), {page: page, pages: pages})]), next
      ]);
    }

    P.call = call; P.alertBox = alertBox; P.showAlert = showAlert; P.busy = busy; P.errorOf = errorOf;
    P.field = field; P.option = option; P.markText = markText; P.pager = pager;
  };
}(window));
