/* Digital service bundle: what a filed record shows — the answers, the explanation of
 * every part, and the author's reasoning once the answers may be seen. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.recordResult = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    function labelOf(list, id) {
      var found = (list || []).filter(function (x) { return x.id === id; })[0];
      return found ? found.label : (id || "—");
    }

    function codeText(view, code) {
      if (!code) { return "—"; }
      var found = view.archive.scheme.filter(function (c) { return c.code === code; })[0];
      return found ? code + " — " + found.label : code;
    }

    function givenText(view, item, form) {
      var archive = view.archive;
      if (item.kind === "code") { return codeText(view, form.code); }
      if (item.kind === "access") { return labelOf(archive.access, form.access); }
      if (item.kind === "retention") {
        if (form.active === undefined || form.inactive === undefined) { return "—"; }
        return A.format(_("{active} / {inactive} (years)"), {active: form.active, inactive: form.inactive});
      }
      if (item.kind === "disposition") { return labelOf(archive.dispositions, form.disposition); }
      return "—";
    }

    D.recordResult = function (ctl, view, record) {
      var form = record.submitted || {};
      var result = record.result;
      var headingId = D.prefix + "-result-" + D.key(record.id);
      var heading = el("h4", {id: headingId}, [_("Result")]);
      var parts = [heading, D.resultHead(view, record)];
      var items = result ? result.items : [
        {kind: "code", label: _("Classification code")}, {kind: "access", label: _("Access classification")},
        {kind: "retention", label: _("Retention (active / inactive years)")}, {kind: "disposition", label: _("Final disposition")}];
      parts.push(el("ul", {"class": "asn-result-items"}, items.map(function (item) {
        return D.resultItem(item, givenText(view, item, form));
      })));
      if (record.explain_html) {
        parts.push(el("div", {"class": "asn-explain"}, [el("h5", {}, [_("Why")]), el("div", {html: record.explain_html})]));
      }
      if (form.note) {
        parts.push(el("div", {"class": "asn-your-note"}, [el("h5", {}, [_("Your note")]),
          el("p", {"class": "asn-learner-text"}, [form.note])]));
      }
      parts.push(el("div", {"class": "asn-actions"}, [D.nextButton(ctl, view, record)]));
      return {section: el("section", {"class": "asn-result asn-case-result", "aria-labelledby": headingId}, parts), heading: heading};
    };
  };
}(window));
