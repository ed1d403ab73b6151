/* Digital Public-Service Exercise: the learner's view of a mock service desk.
 *
 * Two screens inside the block: the queue (one button per request, named by the
 * applicant) and a case (the service standard, the documents, the applicant's note and the
 * work form). The server sends no key before a request is submitted; this file renders
 * what it gets, keeps the work form saved as a draft while the learner works, and submits
 * a request when its form is complete. Learner text is always inserted as text; author
 * HTML (intro, note) arrives sanitized and is inserted with {html: ...}.
 */
(function (global) {
  "use strict";

  var MAX_REASON = 500;
  var MAX_NOTE = 2000;
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  // A number of 8 or more digits, maybe grouped by single dots, dashes, slashes or spaces
  // (NIK, NPWP, NIB, KK numbers): kept on one line in a document card, since comparing
  // them is the task.
  var DIGIT_RUN = /\d(?:[ .\/-]?\d){7,}/g;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* A typed due date as ISO, or null: YYYY-MM-DD or day-first DD/MM/YYYY (the server reads
   * the same two forms; a slashed date is always day first in this package). */
  function typedToIso(text) {
    var t = (text || "").trim(), m = DAY_FIRST.exec(t), y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; } else {
      m = ISO_DATE.exec(t);
      if (!m) { return null; }
      y = +m[1]; mo = +m[2]; d = +m[3];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) { return null; }
    return y + "-" + pad(mo) + "-" + pad(d);
  }

  /* An ISO date written the way this UI asks for it (view.date_input.order). */
  function isoToTyped(iso, order) {
    var m = ISO_DATE.exec(iso || "");
    if (!m) { return iso || ""; }
    return order === "dmy" ? m[3] + "/" + m[2] + "/" + m[1] : iso;
  }

  function AsnDigitalService(runtime, element, init) {
    var A = global.AsnXBlocks, el = A.el, _ = A.gettext;
    var prefix = A.uid("ds");
    // Which screen is shown; kept across re-renders of the same attempt.
    var ui = {open: null, back: null};
    // The learner's latest edits per request (newer than the last saved draft while a
    // save is pending); cleared when a new attempt starts.
    var local = {};
    // The due date as typed, per request, while it cannot be read yet (never sent).
    var typed = {};
    // Element ids are built from numbers, not from the author's ids (which may hold spaces).
    var keys = Object.create(null), keyCount = 0;

    function key(id) {
      if (!(id in keys)) { keyCount += 1; keys[id] = keyCount; }
      return keys[id];
    }

    function decisionLabel(view, id) {
      var found = view.decisions.filter(function (d) { return d.id === id; })[0];
      return found ? found.label : id;
    }

    function statusLabel(status) {
      return {"new": _("New"), draft: _("In progress"), submitted: _("Submitted")}[status] || status;
    }

    function slaText(service) {
      var n = service.sla_days;
      return n ? A.format(A.ngettext("{n} working day", "{n} working days", n), {n: n}) : "—";
    }

    /* Service, received date, priority and status: under a queue entry and a case heading. */
    function metaItems(request, status) {
      return [
        el("li", {}, [request.service_name || request.service.name]),
        el("li", {}, [A.format(_("Received: {date}"), {date: request.submitted_label})]),
        el("li", {"class": request.priority === "urgent" ? "asn-urgent" : null},
          [A.format(_("Priority: {priority}"), {priority: request.priority_label})]),
        el("li", {"class": "asn-queue-status"}, [A.format(_("Status: {status}"), {status: status})])
      ];
    }

    function dateUsable(iso) {
      var m = ISO_DATE.exec(iso || "");
      return !!m && +m[1] >= 2000 && +m[1] <= 2100;
    }

    function points(earned, possible) {
      return A.format(A.ngettext("{earned} of {possible} point", "{earned} of {possible} points", possible),
        {earned: A.fmtNum(earned, 2), possible: A.fmtNum(possible, 2)});
    }

    function unitName(view, id) {
      for (var i = 0; i < view.units.length; i += 1) {
        if (view.units[i].id === id) { return view.units[i].name; }
      }
      return id || "";
    }

    function formOf(request) {
      if (Object.prototype.hasOwnProperty.call(local, request.id)) { return local[request.id]; }
      return request.draft || {};
    }

    function firstOpen(view, after) {
      var ids = view.queue.map(function (q) { return q.id; });
      var start = after ? ids.indexOf(after) + 1 : 0;
      var ordered = ids.slice(start).concat(ids.slice(0, start));
      for (var i = 0; i < ordered.length; i += 1) {
        if (view.requests[ordered[i]].status !== "submitted") { return ordered[i]; }
      }
      return null;
    }

    /* The form is saved as a draft while the learner works (shared draft saver). */
    function queueDraft(ctl, requestId, form, statusNode) {
      local[requestId] = form;
      ctl.saveDraft(requestId, {request: requestId, form: form}, statusNode, {
        saved: function () {
          var request = ctl.payload.view && ctl.payload.view.requests[requestId];
          if (request && request.status !== "submitted") {
            request.draft = form;
            request.status = "draft";
          }
        },
        conflict: function (message) { ctl.reload(message); }
      });
    }

    /* --- navigation ---------------------------------------------------------------- */

    function openRequest(ctl, requestId) {
      ctl.flushDrafts(true);
      ctl.client.clearError();
      ui.open = requestId;
      ui.back = requestId;
      ctl.render(ctl.payload, "open");
    }

    function showQueue(ctl) {
      ctl.flushDrafts(true);
      ctl.client.clearError();
      ui.open = null;
      ctl.render(ctl.payload, "queue");
    }

    /* --- the queue and the end screen ---------------------------------------------- */

    function queueItem(ctl, view, item) {
      var request = view.requests[item.id];
      var metaId = prefix + "-meta-" + key(item.id);
      var status = statusLabel(item.status);
      if (request.result && request.result.earned !== null && request.result.earned !== undefined) {
        status += " — " + points(request.result.earned, request.result.possible);
      }
      var button = el("button", {
        type: "button", "class": "asn-queue-open", "aria-describedby": metaId, "data-request": item.id,
        onclick: function () { openRequest(ctl, item.id); }
      }, [item.applicant]);
      return el("li", {"class": "asn-queue-item asn-queue-" + item.status}, [
        button,
        el("ul", {id: metaId, "class": "asn-queue-meta"}, metaItems(item, status))
      ]);
    }

    function resultsSection(view) {
      var heading = el("h3", {id: prefix + "-results"}, [_("Results")]);
      var parts = [heading];
      if (view.totals) {
        parts.push(el("p", {"class": "asn-raw-score"}, [A.format(_("Total: {points}"),
          {points: points(view.totals.earned, view.totals.possible)})]));
      }
      if (view.scores && view.scores.length) {
        parts.push(A.table("asn-request-scores", _("Score per request"), [_("Applicant"), _("Service"), _("Points")],
          view.scores.map(function (row) {
            return [row.applicant, row.service_name, A.fmtNum(row.earned, 2) + " / " + A.fmtNum(row.possible, 2)];
          })));
      } else {
        parts.push(el("p", {}, [_("Every request in the queue has been submitted.")]));
      }
      var table = A.competencyTable(view.competencies || []);
      if (table) { parts.push(table); }
      parts.push(el("p", {"class": "asn-hint"}, [_("Open a request below to read the explanation of each part.")]));
      return {section: el("section", {"class": "asn-result asn-desk-results", "aria-labelledby": heading.id}, parts), heading: heading};
    }

    function renderDesk(ctl, payload, view, focusTarget) {
      var body = ctl.client.body;
      var focusNode = null;
      if (view.finished) {
        var results = resultsSection(view);
        body.appendChild(results.section);
        if (focusTarget === "step") { focusNode = results.heading; }
      }
      if (view.intro_html && !view.finished) {
        body.appendChild(el("div", {"class": "asn-intro", html: view.intro_html}));
      }
      var headingId = prefix + "-queue";
      var heading = el("h3", {id: headingId}, [_("Queue")]);
      var progress = [A.format(_("{n} of {total} requests submitted."), {n: view.submitted_count, total: view.total_count})];
      if (view.score && !view.finished) {
        progress.push(" " + A.format(_("Points so far: {points}."), {points: points(view.score.earned, view.score.possible)}));
      }
      var buttons = {};
      var list = el("ul", {"class": "asn-queue"}, view.queue.map(function (item) {
        var node = queueItem(ctl, view, item);
        buttons[item.id] = node.querySelector("button");
        return node;
      }));
      var orderNote = view.queue_order === "received" && view.queue.length > 1
        ? el("p", {"class": "asn-hint asn-queue-order"}, [_("Ordered by date received, urgent requests first within a day.")])
        : null;  // a shuffled queue keeps each learner's own order and says nothing
      body.appendChild(el("section", {"class": "asn-queue-section", "aria-labelledby": headingId}, [
        heading, el("p", {"class": "asn-progress"}, progress), orderNote, list
      ]));
      if (focusTarget === "queue") { focusNode = buttons[ui.back] || heading; }
      if (focusTarget === "start") { focusNode = heading; }
      if (focusNode) { ctl.client.focus(focusNode); }
    }

    /* --- one case -------------------------------------------------------------------- */

    function standardSection(request) {
      var service = request.service;
      var headingId = prefix + "-std-" + key(request.id);
      var items = [
        el("dt", {}, [_("Service")]), el("dd", {}, [service.name]),
        el("dt", {}, [_("Requirements")]),
        el("dd", {}, [el("ul", {"class": "asn-requirements"}, service.requirements.map(function (r) {
          return el("li", {}, [r.label]);
        }))]),
        el("dt", {}, [_("Time limit")]),
        el("dd", {}, [slaText(service)]),
        el("dt", {}, [_("Fee")]), el("dd", {}, [service.fee_label || "—"]),
        el("dt", {}, [_("Responsible unit")]), el("dd", {}, [service.unit_name || "—"])
      ];
      return el("section", {"class": "asn-standard", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("Service standard")]),
        el("dl", {"class": "asn-standard-list"}, items)
      ]);
    }

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

    function documentsSection(request) {
      var headingId = prefix + "-docs-" + key(request.id);
      var cards = request.documents.map(function (doc) {
        return el("article", {"class": "asn-doc", "aria-label": doc.title || doc.type_label}, [
          el("h5", {}, [doc.title || doc.type_label]),
          el("p", {"class": "asn-doc-type"}, [A.format(_("Document type: {type}"), {type: doc.type_label})]),
          doc.fields.length ? el("dl", {}, doc.fields.reduce(function (acc, f) {
            acc.push(el("dt", {}, [f.name]), el("dd", {}, fieldValue(f.value)));
            return acc;
          }, [])) : null
        ]);
      });
      return el("section", {"class": "asn-documents", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [A.format(_("Attached documents ({n})"), {n: request.documents.length})]),
        cards.length ? el("div", {"class": "asn-docs"}, cards) : el("p", {}, [_("No documents are attached.")])
      ]);
    }

    function radioGroup(name, legend, options, chosen, onChange, legendClass) {
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
    }

    function workForm(ctl, payload, view, request) {
      var form = formOf(request);
      var judged = form.requirements || {};
      var disabled = !!payload.past_due;
      var statusNode = el("span", {"class": "asn-draft-status"}, []);
      var controls = {requirements: []};
      var changed = function () {
        queueDraft(ctl, request.id, read(false).form, statusNode);
      };

      var reqNodes = request.service.requirements.map(function (req, index) {
        var entry = judged[req.id] || {};
        var chosen = entry.met === true ? "met" : entry.met === false ? "not_met" : null;
        var group = radioGroup(prefix + "-" + key(request.id) + "-req-" + index, req.label,
          [{value: "met", label: _("Met")}, {value: "not_met", label: _("Not met")}], chosen, changed);
        var reasonId = prefix + "-" + key(request.id) + "-reason-" + index;
        var reason = el("input", {type: "text", id: reasonId, maxlength: MAX_REASON, "class": "asn-reason"});
        reason.value = entry.reason || "";
        reason.addEventListener("input", changed);
        group.node.appendChild(el("div", {"class": "asn-field"}, [
          el("label", {"for": reasonId}, [_("Reason (optional)")]), reason]));
        group.node.classList.add("asn-requirement");
        controls.requirements.push({req: req, group: group, reason: reason});
        return group.node;
      });

      var decision = radioGroup(prefix + "-" + key(request.id) + "-decision", _("Decision"),
        view.decisions.map(function (d) { return {value: d.id, label: d.label}; }),
        form.decision || null, changed);

      var routeId = prefix + "-" + key(request.id) + "-route";
      var route = el("select", {id: routeId}, [el("option", {value: ""}, [_("Choose a unit")])].concat(
        view.units.map(function (u) { return el("option", {value: u.id}, [u.name]); })));
      route.value = form.route || "";
      route.addEventListener("change", changed);

      var dueId = prefix + "-" + key(request.id) + "-due";
      var hintId = dueId + "-hint";
      var formatId = dueId + "-format";
      var dateInput = view.date_input || {order: "ymd", format: "YYYY-MM-DD", example: "2026-03-19"};
      // A text field of our own, not <input type="date">: the browser's date input writes
      // dates in the browser's locale, and the learner must see the UI language's format.
      var due = el("input", {type: "text", id: dueId, "class": "asn-due", autocomplete: "off",
        spellcheck: "false", maxlength: 20, "aria-describedby": formatId + " " + hintId});
      due.value = Object.prototype.hasOwnProperty.call(typed, request.id) ? typed[request.id]
        : isoToTyped(form.due, dateInput.order);
      var dueChanged = function () {
        if (due.value.trim() && !typedToIso(due.value)) { typed[request.id] = due.value; } else { delete typed[request.id]; }
        due.removeAttribute("aria-invalid");
        changed();
      };
      due.addEventListener("input", dueChanged);
      var dueFormat = el("span", {id: formatId, "class": "asn-due-format"},
        [A.format(_("Format: {format} (for example {example})"), {format: dateInput.format, example: dateInput.example})]);
      var holidays = view.holidays.length
        ? A.format(_("Holidays: {dates}."), {dates: view.holidays.map(function (h) { return h.label; }).join(", ")})
        : _("No holidays are declared for this desk.");
      var hint = el("div", {id: hintId, "class": "asn-hint asn-due-hint"}, [
        el("p", {}, [A.format(_("Received on {date}; time limit: {limit}."), {
          date: request.submitted_label,
          limit: slaText(request.service)
        })]),
        el("p", {}, [_("The day the file is received is not counted; Saturdays, Sundays and holidays are skipped.")]),
        el("p", {"class": "asn-holidays"}, [holidays])
      ]);

      var noteId = prefix + "-" + key(request.id) + "-note";
      var note = el("textarea", {id: noteId, rows: 3, maxlength: MAX_NOTE}, []);
      note.value = form.note || "";
      note.addEventListener("input", changed);

      function read(complete) {
        var out = {requirements: {}}, missing = [];
        controls.requirements.forEach(function (c) {
          var value = c.group.value();
          var entry = {};
          if (value) { entry.met = value === "met"; }
          if (c.reason.value) { entry.reason = c.reason.value; }
          if (value || c.reason.value) { out.requirements[c.req.id] = entry; }
          if (!value) { missing.push({label: c.req.label, node: c.group.inputs[0]}); }
        });
        var d = decision.value();
        if (d) { out.decision = d; } else { missing.push({label: _("Decision"), node: decision.inputs[0]}); }
        if (route.value) { out.route = route.value; } else { missing.push({label: _("Route to"), node: route}); }
        var dueIso = typedToIso(due.value), unreadable = null;
        if (dateUsable(dueIso)) { out.due = dueIso; } else if (!due.value.trim()) { missing.push({label: _("Due date"), node: due}); }
        else { unreadable = due.value.trim(); }  // kept in the field, never sent
        if (note.value || !complete) { out.note = note.value; }
        return {form: out, missing: missing, unreadable: unreadable};
      }

      var submit = el("button", {type: "button", "class": "asn-button asn-submit", disabled: disabled}, [_("Submit")]);
      submit.addEventListener("click", function () {
        var result = read(true);
        if (result.unreadable !== null) {
          due.setAttribute("aria-invalid", "true");
          ctl.client.showError(A.format(_("The due date “{value}” cannot be read: write it as {format}, for example {example}."),
            {value: result.unreadable, format: dateInput.format, example: dateInput.example}));
          ctl.client.focus(due);
          return;
        }
        if (result.missing.length) {
          ctl.client.showError(A.format(_("Complete the form before submitting. Still missing: {parts}."),
            {parts: result.missing.map(function (m) { return m.label; }).join(", ")}));
          ctl.client.focus(result.missing[0].node);
          return;
        }
        if (result.form.note && result.form.note.length > MAX_NOTE) {
          ctl.client.showError(A.format(_("The note must be at most {limit} characters."), {limit: MAX_NOTE}));
          ctl.client.focus(note);
          return;
        }
        submit.disabled = true;
        ctl.flushDrafts(false).then(function () {
          return ctl.act({type: "submit_request", request: request.id, form: result.form}, function (data) {
            delete local[request.id];
            delete typed[request.id];
            var v = data.view, done = v && v.requests[request.id];
            if (v && v.finished) {
              ctl.client.announce(_("Every request is submitted. Your results are shown."));
            } else if (done && done.result && done.result.earned !== null && done.result.earned !== undefined) {
              ctl.client.announce(A.format(_("Request submitted: {points}. The explanation is shown."),
                {points: points(done.result.earned, done.result.possible)}));
            } else {
              ctl.client.announce(_("Request submitted."));
            }
          });
        }).then(function () { submit.disabled = false; });
      });

      var headingId = prefix + "-form-" + key(request.id);
      var fields = el("div", {"class": "asn-form-fields"}, [
        el("h5", {}, [_("Requirements")])
      ].concat(reqNodes, [
        el("h5", {}, [_("Decision and routing")]),
        decision.node,
        el("div", {"class": "asn-field"}, [el("label", {"for": routeId}, [_("Route to")]), route]),
        el("div", {"class": "asn-field"}, [el("label", {"for": dueId}, [_("Due date")]),
          el("div", {"class": "asn-due-row"}, [due, dueFormat]), hint]),
        el("div", {"class": "asn-field asn-note-field"}, [el("label", {"for": noteId}, [_("Note for the file (optional)")]), note])
      ]));
      if (disabled) {
        Array.prototype.forEach.call(fields.querySelectorAll("input, select, textarea"), function (c) { c.disabled = true; });
      }
      return el("section", {"class": "asn-form", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("Process the request")]),
        el("p", {"class": "asn-hint"}, [_("Your work is saved as a draft while you work; submit when the form is complete.")]),
        fields,
        el("div", {"class": "asn-actions"}, [submit, statusNode])
      ]);
    }

    function givenText(view, item, form, due) {
      if (!form) { return "—"; }
      if (item.kind === "requirement") {
        var entry = (form.requirements || {})[item.id] || {};
        if (entry.met === undefined || entry.met === null) { return "—"; }
        var text = entry.met ? _("Met") : _("Not met");
        return entry.reason ? text + " (“" + entry.reason + "”)" : text;
      }
      if (item.kind === "decision") { return form.decision ? decisionLabel(view, form.decision) : "—"; }
      if (item.kind === "route") { return form.route ? unitName(view, form.route) : "—"; }
      if (item.kind === "due") { return due || "—"; }
      return "—";
    }

    /* What was submitted: the answers, and the explanation when the settings allow it. */
    function submittedSection(ctl, view, request) {
      var form = request.submitted || {};
      var result = request.result;
      var headingId = prefix + "-result-" + key(request.id);
      var heading = el("h4", {id: headingId}, [_("Result")]);
      var parts = [heading];
      var scored = result && result.earned !== null && result.earned !== undefined;
      if (scored) {
        parts.push(el("p", {"class": "asn-raw-score"}, [A.format(_("This request: {points}."), {points: points(result.earned, result.possible)})]));
      } else if (!result && view.feedback === "end" && !view.finished) {
        parts.push(el("p", {"class": "asn-notice"}, [_("Submitted. The explanation is shown when every request in the queue is submitted.")]));
      } else {
        parts.push(el("p", {}, [_("Submitted.")]));
      }
      var rows;
      if (result) {
        rows = result.items.map(function (item) {
          var line = [el("strong", {}, [item.label]), " ",
            el("span", {}, [A.format(_("Your answer: {answer}"), {answer: givenText(view, item, form, request.due_label)})])];
          if (item.ok !== null && item.ok !== undefined) {
            line.push(" ", el("span", {"class": "asn-mark " + (item.ok ? "asn-ok" : "asn-miss")},
              [(item.ok ? _("Correct") : _("Not correct")) + " (" + points(item.earned, item.possible) + ")"]));
          }
          var children = [el("p", {"class": "asn-result-line"}, line)];
          if (item.message) { children.push(el("p", {"class": "asn-explanation"}, [item.message])); }
          if (item.expected_label) {
            children.push(el("p", {"class": "asn-expected"}, [A.format(_("Expected: {answer}"), {answer: item.expected_label})]));
          }
          return el("li", {"class": "asn-result-item"}, children);
        });
      } else {
        var items = request.service.requirements.map(function (r) { return {kind: "requirement", id: r.id, label: r.label}; })
          .concat([{kind: "decision", label: _("Decision")}, {kind: "route", label: _("Route to")}, {kind: "due", label: _("Due date")}]);
        rows = items.map(function (item) {
          return el("li", {"class": "asn-result-item"}, [el("p", {"class": "asn-result-line"}, [
            el("strong", {}, [item.label]), " ", A.format(_("Your answer: {answer}"), {answer: givenText(view, item, form, request.due_label)})])]);
        });
      }
      parts.push(el("ul", {"class": "asn-result-items"}, rows));
      if (form.note) {
        parts.push(el("div", {"class": "asn-your-note"}, [el("h5", {}, [_("Your note")]),
          el("p", {"class": "asn-learner-text"}, [form.note])]));
      }
      var next = view.finished ? null : firstOpen(view, request.id);
      var actions = [];
      if (next) {
        actions.push(el("button", {type: "button", "class": "asn-button asn-next", onclick: function () { openRequest(ctl, next); }},
          [A.format(_("Next request: {applicant}"), {applicant: view.requests[next].applicant})]));
      }
      parts.push(el("div", {"class": "asn-actions"}, actions));
      return {section: el("section", {"class": "asn-result asn-case-result", "aria-labelledby": headingId}, parts), heading: heading};
    }

    function renderCase(ctl, payload, view, request, focusTarget) {
      var body = ctl.client.body;
      var headingId = prefix + "-case-" + key(request.id);
      var heading = el("h3", {id: headingId, "class": "asn-case-heading"}, [request.applicant]);
      var back = function () {
        return el("button", {type: "button", "class": "asn-button asn-secondary asn-back", onclick: function () { showQueue(ctl); }},
          [_("Back to the queue")]);
      };
      var meta = el("ul", {"class": "asn-queue-meta asn-case-meta"}, metaItems(request, statusLabel(request.status)));
      var parts = [el("div", {"class": "asn-actions"}, [back()]), heading, meta,
        standardSection(request), documentsSection(request)];
      if (request.note_html) {
        var noteHeading = prefix + "-note-" + key(request.id);
        parts.push(el("section", {"class": "asn-applicant-note", "aria-labelledby": noteHeading}, [
          el("h4", {id: noteHeading}, [_("Applicant's note")]),
          el("div", {html: request.note_html})
        ]));
      }
      var focusNode = heading;
      if (request.status === "submitted") {
        var submitted = submittedSection(ctl, view, request);
        parts.push(submitted.section);
        if (focusTarget === "step") { focusNode = submitted.heading; }
      } else if (view.finished) {
        parts.push(el("p", {"class": "asn-notice"}, [_("This attempt is finished.")]));
      } else {
        parts.push(workForm(ctl, payload, view, request));
      }
      parts.push(el("div", {"class": "asn-actions"}, [back()]));
      body.appendChild(el("section", {"class": "asn-case", "aria-labelledby": headingId}, parts));
      if (focusTarget === "open" || focusTarget === "step") { ctl.client.focus(focusNode); }
    }

    function render(ctl, payload, focusTarget) {
      var body = ctl.client.body, view = payload.view;
      body.appendChild(ctl.statusBar(payload));
      if (payload.locked) {
        body.appendChild(el("p", {"class": "asn-notice"}, [_("You have used all your attempts.")]));
        return;
      }
      if (!view) { return; }
      if (focusTarget === "start") { ui.open = null; ui.back = null; local = {}; typed = {}; }
      if (focusTarget === "step" && view.finished) { ui.open = null; }
      // Drop local edits of requests that are now submitted (e.g. from another window).
      Object.keys(local).forEach(function (id) {
        if (!view.requests[id] || view.requests[id].status === "submitted") { delete local[id]; }
      });
      if (ui.open && !view.requests[ui.open]) { ui.open = null; }
      if (ui.open) {
        renderCase(ctl, payload, view, view.requests[ui.open], focusTarget);
      } else {
        renderDesk(ctl, payload, view, focusTarget);
      }
    }

    return A.Controller(runtime, element, init, render);
  }

  global.AsnDigitalService = function (runtime, element, init) { return AsnDigitalService(runtime, element, init); };
}(window));
