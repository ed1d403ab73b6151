/* Digital service records bundle: a record to file — the letter's particulars, the agency's
 * retention schedule (JRA) and the filing form (classification code, access class, active
 * and inactive retention, final disposition, note). */
(function (global) {
  "use strict";
  global.AsnXBlocks.desk.recordForm = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    D.letterSection = function (record) {
      var headingId = D.prefix + "-letter-" + D.key(record.id);
      return el("section", {"class": "asn-standard asn-letter", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("The record")]),
        D.dl("asn-standard-list", [[_("Kind"), record.record_kind_label], [_("Dated"), record.submitted_label],
          [_("Sender"), record.sender], [_("Recipient"), record.recipient]])
      ]);
    };

    /* The agency's retention schedule, as the service standard is shown for a request: a
     * table in a disclosure (long schedules stay out of the way until needed). */
    D.scheduleSection = function (view, record) {
      var headingId = D.prefix + "-jra-" + D.key(record.id);
      function years(n) { return n === null ? "—" : String(n); }
      var rows = view.archive.schedule.map(function (row) {
        return [row.code, row.label, years(row.active), years(row.inactive), row.disposition_label, row.note || ""];
      });
      return el("section", {"class": "asn-standard asn-jra-section", "aria-labelledby": headingId}, [
        el("h4", {id: headingId}, [_("The agency's retention schedule (JRA)")]),
        el("p", {"class": "asn-hint"}, [_("A code without its own row follows its parent code (the part before the last dot).")]),
        el("details", {"class": "asn-jra-details"}, [
          el("summary", {}, [A.format(A.ngettext("Show the schedule ({n} row)", "Show the schedule ({n} rows)", rows.length), {n: rows.length})]),
          A.table("asn-jra", _("Retention schedule (JRA)"), [_("Code"), _("Subject"), _("Active (years)"),
            _("Inactive (years)"), _("Final disposition"), _("Note")], rows)])
      ]);
    };

    D.recordForm = function (ctl, payload, view, record) {
      var archive = view.archive, max = archive.max_years, form = D.formOf(record), disabled = !!payload.past_due;
      var statusNode = el("span", {"class": "asn-draft-status"});
      var base = D.prefix + "-" + D.key(record.id);
      var changed = function () { D.queueDraft(ctl, record.id, read().form, statusNode, "record"); };
      function radios(name, legend, options) {
        return D.radioGroup(base + "-" + name, legend, options.map(function (o) { return {value: o.id, label: o.label}; }),
          form[name] || null, changed);
      }
      /* A number of whole years with its label: a retention period of the JRA. */
      function years(name, label) {
        var input = el("input", {type: "number", id: base + "-" + name, "class": "asn-years", min: 0, max: max, step: 1,
          inputmode: "numeric", oninput: changed});
        input.value = form[name] === undefined || form[name] === null ? "" : String(form[name]);
        return {name: name, label: label, input: input, node: D.field(input.id, label, [input])};
      }

      var picker = D.codePicker(base, archive.scheme, form.code || "", changed);
      var access = radios("access", _("Access classification"), archive.access);
      var retention = [years("active", _("Active retention (years)")), years("inactive", _("Inactive retention (years)"))];
      var disposition = radios("disposition", _("Final disposition"), archive.dispositions);
      var note = el("textarea", {id: base + "-note", rows: 3, maxlength: global.AsnXBlocks.desk.MAX_NOTE, oninput: changed});
      note.value = form.note || "";

      /* The form as the server reads it, with what is missing and the first bad number. */
      function read(complete) {
        var out = {}, missing = [], bad = null;
        function need(name, value, label, node) {
          if (value) { out[name] = value; } else { missing.push({label: label, node: node}); }
        }
        need("code", picker.value(), _("Classification code"), picker.select);
        need("access", access.value(), _("Access classification"), access.inputs[0]);
        retention.forEach(function (r) {
          var text = r.input.value.trim();
          if (!text) { missing.push({label: r.label, node: r.input}); }
          else if (!/^\d{1,3}$/.test(text) || +text > max) { bad = bad || {label: r.label, node: r.input}; }
          else { out[r.name] = +text; }
        });
        need("disposition", disposition.value(), _("Final disposition"), disposition.inputs[0]);
        if (note.value || !complete) { out.note = note.value; }
        return {form: out, missing: missing, bad: bad};
      }

      var submit = el("button", {type: "button", "class": "asn-button asn-submit", disabled: disabled}, [_("Submit")]);
      submit.addEventListener("click", function () {
        var result = read(true), bad = result.bad;
        retention.forEach(function (r) { r.input.removeAttribute("aria-invalid"); });
        if (bad) {
          bad.node.setAttribute("aria-invalid", "true");
          ctl.client.showError(A.format(_("{field}: give a whole number of years from 0 to {max}."), {field: bad.label, max: max}));
          ctl.client.focus(bad.node);
          return;
        }
        if (D.refuseIncomplete(ctl, result, note)) { return; }
        D.submitTask(ctl, submit, {type: "submit_record", record: record.id, form: result.form}, record.id,
          _("Record submitted: {points}. The explanation is shown."), _("Record submitted."));
      });

      return D.formSection(base + "-form", _("File the record"), el("div", {"class": "asn-form-fields"}, [
        picker.node,
        access.node,
        el("fieldset", {"class": "asn-retention"}, [el("legend", {}, [_("Retention from the JRA")]),
          el("div", {"class": "asn-years-row"}, retention.map(function (r) { return r.node; }))]),
        disposition.node,
        D.field(note.id, _("Note for the file (optional)"), [note], "asn-note-field")
      ]), submit, statusNode, disabled);
    };
  };
}(window));
