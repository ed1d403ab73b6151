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
      return el("section", {"class": "asn-standard", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("Service standard")]),
        D.dl("asn-standard-list", [[_("Service"), service.name],
          [_("Requirements"), el("ul", {"class": "asn-requirements"}, service.requirements.map(function (r) {
            return el("li", {}, [r.label]);
          }))],
          [_("Time limit"), slaText(service)], [_("Fee"), service.fee_label || "—"],
          [_("Responsible unit"), service.unit_name || "—"]])
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
      var statusNode = el("span", {"class": "asn-draft-status"});
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
        var reason = el("input", {type: "text", id: base + "-reason-" + index, maxlength: desk.MAX_REASON, "class": "asn-reason",
          oninput: changed});
        reason.value = entry.reason || "";
        group.node.appendChild(D.field(reason.id, _("Reason (optional)"), [reason]));
        group.node.classList.add("asn-requirement");
        controls.requirements.push({req: req, group: group, reason: reason});
        return group.node;
      });

      var decision = D.radioGroup(base + "-decision", _("Decision"),
        view.decisions.map(function (d) { return {value: d.id, label: d.label}; }),
        form.decision || null, changed);

      var route = el("select", {id: base + "-route", onchange: changed}, [el("option", {value: ""}, [_("Choose a unit")])].concat(
        view.units.map(function (u) { return el("option", {value: u.id}, [u.name]); })));
      route.value = form.route || "";

      var dueId = base + "-due";
      var hintId = dueId + "-hint";
      var formatId = dueId + "-format";
      var dateInput = view.date_input;  // the UI language's date format (views.py date_input)
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
        el("p", {}, [_("The day of receipt, Saturdays, Sundays and holidays are not counted.")]),
        el("p", {"class": "asn-holidays"}, [holidaysText(request)])
      ]);

      var note = el("textarea", {id: base + "-note", rows: 3, maxlength: desk.MAX_NOTE, oninput: changed});
      note.value = form.note || "";

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

      return D.formSection(base + "-form", _("Process the request"), el("div", {"class": "asn-form-fields"}, [
        el("h5", {}, [_("Requirements")])
      ].concat(reqNodes, [
        el("h5", {}, [_("Decision and routing")]),
        decision.node,
        D.field(route.id, _("Route to"), [route]),
        D.field(dueId, _("Due date"), [el("div", {"class": "asn-due-row"}, [due, dueFormat]), hint]),
        D.field(note.id, _("Note for the file (optional)"), [note], "asn-note-field")
      ])), submit, statusNode, disabled);
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
            ctl.client.announce(D.deskWord(v, "done"));
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
        el("p", {"class": "asn-hint"}, [_("Your work is saved as a draft; submit when the form is complete.")]),
        fields,
        el("div", {"class": "asn-actions"}, [submit, statusNode])
      ]);
    };
  };
}(window));
