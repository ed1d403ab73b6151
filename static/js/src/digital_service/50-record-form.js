/* Digital service bundle: a record to file — the letter's particulars, the agency's
 * retention schedule (JRA) and the filing form (classification code, access class,
 * active and inactive retention, final disposition, note). */
(function (global) {
  "use strict";
  var desk = global.AsnXBlocks.desk;

  desk.recordForm = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    D.letterSection = function (record) {
      var headingId = D.prefix + "-letter-" + D.key(record.id);
      var items = [el("dt", {}, [_("Kind")]), el("dd", {}, [record.record_kind_label]),
        el("dt", {}, [_("Dated")]), el("dd", {}, [record.submitted_label])];
      if (record.sender) { items.push(el("dt", {}, [_("Sender")]), el("dd", {}, [record.sender])); }
      if (record.recipient) { items.push(el("dt", {}, [_("Recipient")]), el("dd", {}, [record.recipient])); }
      return el("section", {"class": "asn-standard asn-letter", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("The record")]),
        el("dl", {"class": "asn-standard-list"}, items)
      ]);
    };

    /* The agency's retention schedule, as the service standard is shown for a request: a
     * table in a disclosure (long schedules stay out of the way until needed). */
    D.scheduleSection = function (view, record) {
      var archive = view.archive;
      var headingId = D.prefix + "-jra-" + D.key(record.id);
      var rows = archive.schedule.map(function (row) {
        return [row.code, row.label, row.active === null ? "—" : String(row.active),
          row.inactive === null ? "—" : String(row.inactive), row.disposition_label, row.note || ""];
      });
      var table = A.table("asn-jra", _("Retention schedule (JRA)"),
        [_("Code"), _("Subject"), _("Active (years)"), _("Inactive (years)"), _("Final disposition"), _("Note")], rows);
      return el("section", {"class": "asn-standard asn-jra-section", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("The agency's retention schedule (JRA)")]),
        el("p", {"class": "asn-hint"}, [_("A code without a row of its own takes the row of its nearest parent code (the code before the last dot).")]),
        el("details", {"class": "asn-jra-details"}, [el("summary", {}, [A.format(A.ngettext("Show the schedule ({n} row)",
          "Show the schedule ({n} rows)", rows.length), {n: rows.length})]), table])
      ]);
    };

    function yearsInput(id, value, max, onChange) {
      var input = el("input", {type: "number", id: id, "class": "asn-years", min: 0, max: max, step: 1, inputmode: "numeric"}, []);
      input.value = value === undefined || value === null ? "" : String(value);
      input.addEventListener("input", onChange);
      return input;
    }

    function readYears(input) {
      var text = input.value.trim();
      if (!/^\d{1,3}$/.test(text)) { return text ? NaN : null; }
      return parseInt(text, 10);
    }

    D.recordForm = function (ctl, payload, view, record) {
      var archive = view.archive;
      var form = D.formOf(record);
      var disabled = !!payload.past_due;
      var statusNode = el("span", {"class": "asn-draft-status"}, []);
      var base = D.prefix + "-" + D.key(record.id);
      var changed = function () { D.queueDraft(ctl, record.id, read(false).form, statusNode, "record"); };

      var picker = D.codePicker(base, archive.scheme, form.code || "", changed);
      var access = D.radioGroup(base + "-access", _("Access classification"),
        archive.access.map(function (a) { return {value: a.id, label: a.label}; }), form.access || null, changed);
      var activeId = base + "-active", inactiveId = base + "-inactive";
      var active = yearsInput(activeId, form.active, archive.max_years, changed);
      var inactive = yearsInput(inactiveId, form.inactive, archive.max_years, changed);
      var disposition = D.radioGroup(base + "-disposition", _("Final disposition"),
        archive.dispositions.map(function (d) { return {value: d.id, label: d.label}; }), form.disposition || null, changed);
      var noteId = base + "-note";
      var note = el("textarea", {id: noteId, rows: 3, maxlength: desk.MAX_NOTE}, []);
      note.value = form.note || "";
      note.addEventListener("input", changed);

      function read(complete) {
        var out = {}, missing = [], bad = null;
        var code = picker.value();
        if (code) { out.code = code; } else { missing.push({label: _("Classification code"), node: picker.select}); }
        var a = access.value();
        if (a) { out.access = a; } else { missing.push({label: _("Access classification"), node: access.inputs[0]}); }
        [[active, "active", _("Active retention (years)")], [inactive, "inactive", _("Inactive retention (years)")]].forEach(function (p) {
          var n = readYears(p[0]);
          if (n === null) { missing.push({label: p[2], node: p[0]}); }
          else if (isNaN(n) || n > archive.max_years) { bad = bad || {label: p[2], node: p[0]}; }
          else { out[p[1]] = n; }
        });
        var d = disposition.value();
        if (d) { out.disposition = d; } else { missing.push({label: _("Final disposition"), node: disposition.inputs[0]}); }
        if (note.value || !complete) { out.note = note.value; }
        return {form: out, missing: missing, bad: bad};
      }

      var submit = el("button", {type: "button", "class": "asn-button asn-submit", disabled: disabled}, [_("Submit")]);
      submit.addEventListener("click", function () {
        var result = read(true);
        if (result.bad) {
          result.bad.node.setAttribute("aria-invalid", "true");
          ctl.client.showError(A.format(_("{field}: give a whole number of years from 0 to {max}."),
            {field: result.bad.label, max: archive.max_years}));
          ctl.client.focus(result.bad.node);
          return;
        }
        [active, inactive].forEach(function (input) { input.removeAttribute("aria-invalid"); });
        if (D.refuseIncomplete(ctl, result, note)) { return; }
        D.submitTask(ctl, submit, {type: "submit_record", record: record.id, form: result.form}, record.id,
          _("Record submitted: {points}. The explanation is shown."), _("Record submitted."));
      });

      var fields = el("div", {"class": "asn-form-fields"}, [
        picker.node,
        access.node,
        el("fieldset", {"class": "asn-retention"}, [el("legend", {}, [_("Retention from the JRA")]),
          el("div", {"class": "asn-years-row"}, [
            el("div", {"class": "asn-field"}, [el("label", {"for": activeId}, [_("Active retention (years)")]), active]),
            el("div", {"class": "asn-field"}, [el("label", {"for": inactiveId}, [_("Inactive retention (years)")]), inactive])
          ])]),
        disposition.node,
        el("div", {"class": "asn-field asn-note-field"}, [el("label", {"for": noteId}, [_("Note for the file (optional)")]), note])
      ]);
      return D.formSection(base + "-form", _("File the record"), fields, submit, statusNode, disabled);
    };
  };
}(window));
