/* Digital Public-Service Exercise: the learner's view of a mock desk.
 *
 * A desk's queue holds requests (check documents, decide, route, set the due date) and
 * records (file a letter: classification code, access class, retention, disposition). Two
 * screens inside the block: the queue (one button per task, named by the applicant or the
 * record's title) and a case (the references, the documents and the work form). The server
 * sends no key before a task is submitted; these modules render what they get, keep the
 * work form saved as a draft while the learner works, and submit a task when its form is
 * complete. Learner text is always inserted as text; author HTML (intro, notes, the
 * record's explanation) arrives sanitized and is inserted with {html: ...}.
 *
 * The modules (static/js/src/digital_service/, built into one file in name order) meet in
 * AsnXBlocks.desk: each adds functions that install their part on the desk's context ``D``
 * (the controller's helpers, the screen state); 90-desk.js creates the context, installs
 * every part and starts the controller (the built copy renames a property of ``D`` that the
 * modules name only as ``D.name``: scripts/assets.py CONTEXTS). The records' parts (their words, the code chooser,
 * the filing form, a filed record's result) are modules of their own,
 * static/js/src/digital_service_records/, built together with these into
 * digital_service_records.js, which desks whose content has records load instead of this
 * bundle (DigitalServiceBlock.bundles): a desk of requests only downloads none of them. This module: constants, dates and the helpers
 * every part uses. */
(function (global) {
  "use strict";
  var desk = global.AsnXBlocks.desk = {};

  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  // A number of 8 or more digits, maybe grouped by single dots, dashes, slashes or spaces
  // (NIK, NPWP, NIB, KK numbers): kept on one line in a document card, since comparing
  // them is the task.
  var DIGIT_RUN = /\d(?:[ ./-]?\d){7,}/g;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* A typed due date as ISO, or null: YYYY-MM-DD or day-first DD/MM/YYYY (the server reads
   * the same two forms; a slashed date is always day first in this package). */
  desk.typedToIso = function (text) {
    var t = (text || "").trim(), m = DAY_FIRST.exec(t), y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; } else {
      m = ISO_DATE.exec(t);
      if (!m) { return null; }
      y = +m[1]; mo = +m[2]; d = +m[3];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) { return null; }
    return y + "-" + pad(mo) + "-" + pad(d);
  };

  /* An ISO date written the way this UI asks for it (view.date_input.order). */
  desk.isoToTyped = function (iso, order) {
    var m = ISO_DATE.exec(iso || "");
    if (!m) { return iso || ""; }
    return order === "dmy" ? m[3] + "/" + m[2] + "/" + m[1] : iso;
  };

  desk.dateUsable = function (iso) {
    var m = ISO_DATE.exec(iso || "");
    return !!m && +m[1] >= 2000 && +m[1] <= 2100;
  };

  desk.MAX_REASON = 500;
  desk.MAX_NOTE = 2000;

  /* The helpers every part uses, installed on the context. */
  desk.kit = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;
    // Element ids are built from numbers, not from the author's ids (which may hold spaces).
    var keys = Object.create(null), keyCount = 0;

    D.key = function (id) {
      if (!(id in keys)) { keyCount += 1; keys[id] = keyCount; }
      return keys[id];
    };

    /* The words of a desk of requests. A desk with records reads the records bundle's
     * instead: D.recordWords for a record, D.archiveWords for the desk as a whole (its
     * tasks may be records and requests). */
    D.requestWords = {
      received: _("Received: {date}"), documents: _("Attached documents ({n})"), points: _("This request: {points}."),
      next: _("Next request: {applicant}"), note: _("Applicant's note"),
      wait: _("Submitted. The explanation is shown when every request in the queue is submitted."),
      scores: _("Score per request"), columns: [_("Applicant"), _("Service"), _("Points")],
      none: _("Every request in the queue has been submitted."),
      open: _("Open a request below to read the explanation of each part."),
      progress: _("{n} of {total} requests submitted."),
      order: _("Ordered by date received, urgent requests first within a day."),
      done: _("Every request is submitted. Your results are shown.")
    };
    /* A word for ``task`` (a record or a request) ... */
    D.taskWord = function (task, key) { return (task.kind === "record" ? D.recordWords : D.requestWords)[key]; };
    /* ... and one for the desk as a whole. */
    D.deskWord = function (view, key) { return (view.archive ? D.archiveWords : D.requestWords)[key]; };

    D.statusLabel = function (status) {
      return {"new": _("New"), draft: _("In progress"), submitted: _("Submitted")}[status] || status;
    };

    D.points = function (earned, possible) {
      return A.format(A.ngettext("{earned} of {possible} point", "{earned} of {possible} points", possible),
        {earned: A.fmtNum(earned, 2), possible: A.fmtNum(possible, 2)});
    };

    /* What a queue entry and a case heading say under the name: for a request its service,
     * received date, priority and status; for a record its kind, date, priority, status. */
    D.metaItems = function (task, status) {
      return [
        el("li", {}, [task.record_kind_label || task.service_name || task.service.name]),
        el("li", {}, [A.format(D.taskWord(task, "received"), {date: task.submitted_label})]),
        el("li", {"class": task.priority === "urgent" ? "asn-urgent" : null},
          [A.format(_("Priority: {priority}"), {priority: task.priority_label})]),
        el("li", {"class": "asn-queue-status"}, [A.format(_("Status: {status}"), {status: status})])
      ];
    };

    D.formOf = function (task) {
      if (Object.prototype.hasOwnProperty.call(D.local, task.id)) { return D.local[task.id]; }
      return task.draft || {};
    };

    /* The first task not yet submitted, in queue order after ``after`` (wrapping round). */
    D.firstOpen = function (view, after) {
      var ids = view.queue.map(function (q) { return q.id; }), start = ids.indexOf(after) + 1;
      ids = ids.slice(start).concat(ids.slice(0, start));
      return ids.filter(function (id) { return view.requests[id].status !== "submitted"; })[0] || null;
    };

    /* The form is saved as a draft while the learner works (shared draft saver); ``field``
     * names the task in the draft: "request" or "record". */
    D.queueDraft = function (ctl, taskId, form, statusNode, field) {
      D.local[taskId] = form;
      var payload = {form: form};
      payload[field || "request"] = taskId;
      ctl.saveDraft(taskId, payload, statusNode, {
        saved: function () {
          var task = ctl.payload.view && ctl.payload.view.requests[taskId];
          if (task && task.status !== "submitted") {
            task.draft = form;
            task.status = "draft";
          }
        },
        conflict: function (message) { ctl.reload(message); }
      });
    };

    D.openTask = function (ctl, taskId) {
      ctl.flushDrafts(true);
      ctl.client.clearError();
      D.ui.open = taskId;
      D.ui.back = taskId;
      ctl.render(ctl.payload, "open");
    };

    D.showQueue = function (ctl) {
      ctl.flushDrafts(true);
      ctl.client.clearError();
      D.ui.open = null;
      ctl.render(ctl.payload, "queue");
    };

    D.radioGroup = function (name, legend, options, chosen, onChange, legendClass) {
      var inputs = [];
      var row = el("div", {"class": "asn-radio-row"}, options.map(function (option, index) {
        var id = name + "-" + index;
        var input = el("input", {type: "radio", id: id, name: name, value: option.value,
          checked: chosen === option.value});
        input.addEventListener("change", onChange);
        inputs.push(input);
        return el("label", {"for": id}, [input, option.label]);
      }));
      var fieldset = el("fieldset", {}, [el("legend", {"class": legendClass || null}, [legend]), row]);
      return {node: fieldset, inputs: inputs, value: function () {
        for (var i = 0; i < inputs.length; i += 1) { if (inputs[i].checked) { return inputs[i].value; } }
        return null;
      }};
    };

    /* A definition list of [term, value] pairs; a pair without a value is left out. */
    D.dl = function (cls, pairs) {
      var items = [];
      pairs.forEach(function (p) { if (p[1]) { items.push(el("dt", {}, [p[0]]), el("dd", {}, [].concat(p[1]))); } });
      return el("dl", {"class": cls}, items);
    };

    /* A labelled field: the label of the control ``id``, then ``nodes``. */
    D.field = function (id, label, nodes, cls) {
      return el("div", {"class": "asn-field" + (cls ? " " + cls : "")}, [el("label", {"for": id}, [label])].concat(nodes));
    };

    /* A field value as text nodes, each long digit run in an unbreakable span. */
    function fieldValue(value) {
      var parts = [], last = 0, text = String(value), m;
      DIGIT_RUN.lastIndex = 0;
      while ((m = DIGIT_RUN.exec(text)) !== null) {
        if (m.index > last) { parts.push(text.slice(last, m.index)); }
        parts.push(el("span", {"class": "asn-digits"}, [m[0]]));
        last = m.index + m[0].length;
      }
      if (last < text.length) { parts.push(text.slice(last)); }
      return parts;
    }

    D.documentsSection = function (task) {
      var headingId = D.prefix + "-docs-" + D.key(task.id);
      var cards = task.documents.map(function (doc) {
        return el("article", {"class": "asn-doc", "aria-label": doc.title || doc.type_label}, [
          el("h5", {}, [doc.title || doc.type_label]),
          el("p", {"class": "asn-doc-type"}, [A.format(_("Document type: {type}"), {type: doc.type_label})]),
          doc.fields.length ? D.dl(null, doc.fields.map(function (f) { return [f.name, fieldValue(f.value)]; })) : null
        ]);
      });
      var title = A.format(D.taskWord(task, "documents"), {n: task.documents.length});
      return el("section", {"class": "asn-documents", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [title]),
        cards.length ? el("div", {"class": "asn-docs"}, cards) : el("p", {}, [_("No documents are attached.")])
      ]);
    };

    /* One result item: the learner's answer, the mark and points, the explanation and,
     * when the settings allow it, the expected answer. */
    D.resultItem = function (item, answerText) {
      var line = [el("strong", {}, [item.label]), " ",
        el("span", {}, [A.format(_("Your answer: {answer}"), {answer: answerText})])];
      if (item.ok !== null && item.ok !== undefined) {
        line.push(" ", el("span", {"class": "asn-mark asn-mark-" + (item.ok ? "correct" : "incorrect")},
          [(item.ok ? _("Correct") : _("Not correct")) + " (" + D.points(item.earned, item.possible) + ")"]));
      }
      var children = [el("p", {"class": "asn-result-line"}, line)];
      if (item.message) { children.push(el("p", {"class": "asn-explanation"}, [item.message])); }
      if (item.expected_label) {
        children.push(el("p", {"class": "asn-expected"}, [A.format(_("Expected: {answer}"), {answer: item.expected_label})]));
      }
      return el("li", {"class": "asn-result-item"}, children);
    };

    /* The head of a submitted task's result: its points or why there are none yet. */
    D.resultHead = function (view, task) {
      var result = task.result;
      if (result && result.earned !== null && result.earned !== undefined) {
        return el("p", {"class": "asn-raw-score"}, [A.format(D.taskWord(task, "points"), {points: D.points(result.earned, result.possible)})]);
      }
      if (!result && view.feedback === "end" && !view.finished) {
        return el("p", {"class": "asn-notice"}, [D.deskWord(view, "wait")]);
      }
      return el("p", {}, [_("Submitted.")]);
    };

    /* The learner's note on a submitted task, when they wrote one. */
    D.noteBlock = function (form) {
      return form.note ? el("div", {"class": "asn-your-note"}, [el("h5", {}, [_("Your note")]),
        el("p", {"class": "asn-learner-text"}, [form.note])]) : null;
    };

    /* "Next: ..." after a submitted task, while the queue has open tasks. */
    D.nextButton = function (ctl, view, task) {
      var next = view.finished ? null : D.firstOpen(view, task.id);
      if (!next) { return null; }
      var nextTask = view.requests[next];
      var label = A.format(D.taskWord(nextTask, "next"), nextTask);  // {title} of a record, {applicant} of a request
      return el("button", {type: "button", "class": "asn-button asn-next", onclick: function () { D.openTask(ctl, next); }}, [label]);
    };
  };
}(window));
