/* Digital service records bundle: what a filed record shows — the answers, the explanation
 * of every part, and the author's reasoning once the answers may be seen. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.recordResult = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    /* The label of ``id`` in a list of {id|code, label}; the id itself when unknown. */
    function labelOf(list, key, id, withId) {
      var found = (list || []).filter(function (x) { return x[key] === id; })[0];
      return !id ? "—" : found ? (withId ? id + " — " : "") + found.label : id;
    }

    function givenText(archive, kind, form) {
      if (kind === "code") { return labelOf(archive.scheme, "code", form.code, true); }
      if (kind === "access") { return labelOf(archive.access, "id", form.access); }
      if (kind === "disposition") { return labelOf(archive.dispositions, "id", form.disposition); }
      return kind !== "retention" || form.active === undefined || form.inactive === undefined ? "—"
        : A.format(_("{active} / {inactive} (years)"), form);
    }

    D.recordResult = function (ctl, view, record) {
      var form = record.submitted || {}, result = record.result;
      var headingId = D.prefix + "-result-" + D.key(record.id);
      var heading = el("h4", {id: headingId}, [_("Result")]);
      var items = result ? result.items : [
        {kind: "code", label: _("Classification code")}, {kind: "access", label: _("Access classification")},
        {kind: "retention", label: _("Retention (active / inactive years)")}, {kind: "disposition", label: _("Final disposition")}];
      return {heading: heading, section: el("section", {"class": "asn-result asn-case-result", "aria-labelledby": headingId}, [
        heading, D.resultHead(view, record),
        el("ul", {"class": "asn-result-items"}, items.map(function (item) {
          return D.resultItem(item, givenText(view.archive, item.kind, form));
        })),
        record.explain_html ? el("div", {"class": "asn-explain"}, [el("h5", {}, [_("Why")]), el("div", {html: record.explain_html})]) : null,
        D.noteBlock(form),
        el("div", {"class": "asn-actions"}, [D.nextButton(ctl, view, record)])
      ])};
    };
  };
}(window));
