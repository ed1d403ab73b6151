/* Digital service bundle: a request's service standard and its work form (requirements,
 * decision, route, due date with the holidays of the request's window, note). */
(function (global) {
  "use strict";
  var desk = global.AsnXBlocks.desk;

  desk.requestForm = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    function slaText(service) {
      var n = service.sla_days;
      return n ? A.format(A.ngettext("{n} working day", "{n} working days", n), {n: n}) : "—";
    }

    D.standardSection = function (request) {
      var service = request.service;
      var headingId = D.prefix + "-std-" + D.key(request.id);
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
    };

    /* The holidays of the request's window, named in the UI language. */
    function holidaysText(request) {
      var days = request.holidays || [];
      if (!days.length) { return _("No holidays fall in this period."); }
      return A.format(_("Holidays: {dates}."), {dates: days.map(function (h) {
        return h.name ? A.format(_("{date} ({name})"), {date: h.label, name: h.name}) : h.label;
      }).join(", ")});
    }

    D.requestForm = function (ctl, payload, view, request) {
      var form = D.formOf(request);
      var judged = form.requirements || {};
      var disabled = !!payload.past_due;
      var statusNode = el("span", {"class": "asn-draft-status"}, []);
      var controls = {requirements: []};
      var base = D.prefix + "-" + D.key(request.id);
      var changed = function () {
        D.queueDraft(ctl, request.id, read(false).form, statusNode, "request");
      };

      var reqNodes = request.service.requirements.map(function (req, index) {
        var entry = judged[req.id] || {};
        var chosen = entry.met === true ? "met" : entry.met === false ? "not_met" : null;
        var group = D.radioGroup(base + "-req-" + index, req.label,
          [{value: "met", label: _("Met")}, {value: "not_met", label: _("Not met")}], chosen, changed);
        var reasonId = base + "-reason-" + index;
        var reason = el("input", {type: "text", id: reasonId, maxlength: desk.MAX_REASON, "class": "asn-reason"});
        reason.value = entry.reason || "";
        reason.addEventListener("input", changed);
        group.node.appendChild(el("div", {"class": "asn-field"}, [
          el("label", {"for": reasonId}, [_("Reason (optional)")]), reason]));
        group.node.classList.add("asn-requirement");
        controls.requirements.push({req: req, group: group, reason: reason});
        return group.node;
      });

      var decision = D.radioGroup(base + "-decision", _("Decision"),
        view.decisions.map(function (d) { return {value: d.id, label: d.label}; }),
        form.decision || null, changed);

      var routeId = base + "-route";
      var route = el("select", {id: routeId}, [el("option", {value: ""}, [_("Choose a unit")])].concat(
        view.units.map(function (u) { return el("option", {value: u.id}, [u.name]); })));
      route.value = form.route || "";
      route.addEventListener("change", changed);

      var dueId = base + "-due";
      var hintId = dueId + "-hint";
      var formatId = dueId + "-format";
      var dateInput = view.date_input || {order: "ymd", format: "YYYY-MM-DD", example: "2026-03-19"};
      // A text field of our own, not <input type="date">: the browser's date input writes
      // dates in the browser's locale, and the learner must see the UI language's format.
      var due = el("input", {type: "text", id: dueId, "class": "asn-due", autocomplete: "off",
        spellcheck: "false", maxlength: 20, "aria-describedby": formatId + " " + hintId});
      due.value = Object.prototype.hasOwnProperty.call(D.typed, request.id) ? D.typed[request.id]
        : desk.isoToTyped(form.due, dateInput.order);
      due.addEventListener("input", function () {
        if (due.value.trim() && !desk.typedToIso(due.value)) { D.typed[request.id] = due.value; } else { delete D.typed[request.id]; }
        due.removeAttribute("aria-invalid");
        changed();
      });
      var dueFormat = el("span", {id: formatId, "class": "asn-due-format"},
        [A.format(_("Format: {format} (for example {example})"), {format: dateInput.format, example: dateInput.example})]);
      var hint = el("div", {id: hintId, "class": "asn-hint asn-due-hint"}, [
        el("p", {}, [A.format(_("Received on {date}; time limit: {limit}."), {
          date: request.submitted_label,
          limit: slaText(request.service)
        })]),
        el("p", {}, [_("The day the file is received is not counted; Saturdays, Sundays and holidays are skipped.")]),
        el("p", {"class": "asn-holidays"}, [holidaysText(request)])
      ]);

      var noteId = base + "-note";
      var note = el("textarea", {id: noteId, rows: 3, maxlength: desk.MAX_NOTE}, []);
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
        var dueIso = desk.typedToIso(due.value), unreadable = null;
        if (desk.dateUsable(dueIso)) { out.due = dueIso; } else if (!due.value.trim()) { missing.push({label: _("Due date"), node: due}); }
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
        if (D.refuseIncomplete(ctl, result, note)) { return; }
        D.submitTask(ctl, submit, {type: "submit_request", request: request.id, form: result.form}, request.id,
          _("Request submitted: {points}. The explanation is shown."), _("Request submitted."));
      });

      var headingId = base + "-form";
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
      return D.formSection(headingId, _("Process the request"), fields, submit, statusNode, disabled);
    };

    /* Shared by both kinds of task: say what is missing, or refuse an oversize note. */
    D.refuseIncomplete = function (ctl, result, note) {
      if (result.missing.length) {
        ctl.client.showError(A.format(_("Complete the form before submitting. Still missing: {parts}."),
          {parts: result.missing.map(function (m) { return m.label; }).join(", ")}));
        ctl.client.focus(result.missing[0].node);
        return true;
      }
      if (result.form.note && result.form.note.length > desk.MAX_NOTE) {
        ctl.client.showError(A.format(_("The note must be at most {limit} characters."), {limit: desk.MAX_NOTE}));
        ctl.client.focus(note);
        return true;
      }
      return false;
    };

    /* Submit a task's action once the drafts are flushed; announce the outcome. */
    D.submitTask = function (ctl, button, action, taskId, scoredText, plainText) {
      button.disabled = true;
      ctl.flushDrafts(false).then(function () {
        return ctl.act(action, function (data) {
          delete D.local[taskId];
          delete D.typed[taskId];
          var v = data.view, done = v && v.requests[taskId];
          if (v && v.finished) {
            ctl.client.announce(v.archive ? _("Every task is submitted. Your results are shown.")
              : _("Every request is submitted. Your results are shown."));
          } else if (done && done.result && done.result.earned !== null && done.result.earned !== undefined) {
            ctl.client.announce(A.format(scoredText, {points: D.points(done.result.earned, done.result.possible)}));
          } else {
            ctl.client.announce(plainText);
          }
        });
      }).then(function () { button.disabled = false; });
    };

    D.formSection = function (headingId, title, fields, submit, statusNode, disabled) {
      if (disabled) {
        Array.prototype.forEach.call(fields.querySelectorAll("input, select, textarea"), function (c) { c.disabled = true; });
      }
      return el("section", {"class": "asn-form", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [title]),
        el("p", {"class": "asn-hint"}, [_("Your work is saved as a draft while you work; submit when the form is complete.")]),
        fields,
        el("div", {"class": "asn-actions"}, [submit, statusNode])
      ]);
    };
  };
}(window));
