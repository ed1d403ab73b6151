/* Digital service bundle: one case on screen (a request or a record), the render entry
 * point, and the block's start: the context every part is installed on. */
(function (global) {
  "use strict";
  var desk = global.AsnXBlocks.desk;

  desk.cases = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    D.renderCase = function (ctl, payload, view, task, focusTarget) {
      var body = ctl.client.body;
      var isRecord = task.kind === "record";
      var headingId = D.prefix + "-case-" + D.key(task.id);
      var heading = el("h3", {id: headingId, "class": "asn-case-heading"}, [isRecord ? task.title : task.applicant]);
      var back = function () {
        return el("button", {type: "button", "class": "asn-button asn-secondary asn-back", onclick: function () { D.showQueue(ctl); }},
          [_("Back to the queue")]);
      };
      var meta = el("ul", {"class": "asn-queue-meta asn-case-meta"}, D.metaItems(task, D.statusLabel(task.status)));
      var parts = [el("div", {"class": "asn-actions"}, [back()]), heading, meta];
      if (isRecord) {
        parts.push(D.letterSection(task), D.documentsSection(task), D.scheduleSection(view, task));
      } else {
        parts.push(D.standardSection(task), D.documentsSection(task));
      }
      if (task.note_html) {
        var noteHeading = D.prefix + "-note-" + D.key(task.id);
        parts.push(el("section", {"class": "asn-applicant-note", "aria-labelledby": noteHeading}, [
          el("h4", {id: noteHeading}, [D.taskWord(task, "note")]),
          el("div", {html: task.note_html})
        ]));
      }
      var focusNode = heading;
      if (task.status === "submitted") {
        var submitted = isRecord ? D.recordResult(ctl, view, task) : D.requestResult(ctl, view, task);
        parts.push(submitted.section);
        if (focusTarget === "step") { focusNode = submitted.heading; }
      } else if (view.finished) {
        parts.push(el("p", {"class": "asn-notice"}, [_("This attempt is finished.")]));
      } else {
        parts.push(isRecord ? D.recordForm(ctl, payload, view, task) : D.requestForm(ctl, payload, view, task));
      }
      parts.push(el("div", {"class": "asn-actions"}, [back()]));
      body.appendChild(el("section", {"class": "asn-case", "aria-labelledby": headingId}, parts));
      if (focusTarget === "open" || focusTarget === "step") { ctl.client.focus(focusNode); }
    };

    D.render = function (ctl, payload, focusTarget) {
      var view = payload.view;
      // records on a page that has not loaded their bundle (the author added them while the
      // page was open): the page again, with it
      if (view.archive && !D.recordForm) { global.location.reload(); return; }
      if (focusTarget === "start") { D.ui.open = null; D.ui.back = null; D.local = {}; D.typed = {}; }
      if (focusTarget === "step" && view.finished) { D.ui.open = null; }
      // Drop local edits of tasks that are now submitted (e.g. from another window).
      Object.keys(D.local).forEach(function (id) {
        if (!view.requests[id] || view.requests[id].status === "submitted") { delete D.local[id]; }
      });
      if (D.ui.open && !view.requests[D.ui.open]) { D.ui.open = null; }
      if (D.ui.open) {
        D.renderCase(ctl, payload, view, view.requests[D.ui.open], focusTarget);
      } else {
        D.renderDesk(ctl, payload, view, focusTarget);
      }
    };
  };

  function AsnDigitalService(runtime, element, init) {
    var A = global.AsnXBlocks;
    var D = {
      A: A,
      prefix: A.uid("ds"),
      ui: {open: null, back: null},  // which screen is shown; kept across re-renders of an attempt
      local: {},  // the learner's latest edits per task (newer than the saved draft while a save is pending)
      typed: {}   // the due date as typed, per request, while it cannot be read yet (never sent)
    };
    // the records' parts come from the records bundle, which only desks with records load
    ["kit", "recordWords", "queue", "requestForm", "requestResult", "codePicker", "recordForm", "recordResult", "cases"].forEach(function (part) {
      if (desk[part]) { desk[part](D); }
    });
    return A.Controller(runtime, element, init, function (ctl, payload, focusTarget) { D.render(ctl, payload, focusTarget); });
  }

  global.AsnDigitalService = function (runtime, element, init) { return AsnDigitalService(runtime, element, init); };
}(window));
