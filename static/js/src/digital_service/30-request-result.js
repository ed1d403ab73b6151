/* Digital service bundle: what a submitted request shows — the answers, and the
 * explanation of every part when the settings allow it. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.requestResult = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    /* The ``key`` of the entry ``id`` of ``list`` (the id itself when the list lacks it). */
    function labelOf(list, id, key) {
      var found = list.filter(function (x) { return x.id === id; })[0];
      return found ? found[key] : id;
    }

    function givenText(view, item, form, due) {
      var kind = item.kind, entry = (form.requirements || {})[item.id] || {};
      if (kind === "requirement") {
        if (entry.met === undefined || entry.met === null) { return "—"; }
        var text = entry.met ? _("Met") : _("Not met");
        return entry.reason ? text + " (“" + entry.reason + "”)" : text;
      }
      return (kind === "decision" ? form.decision && labelOf(view.decisions, form.decision, "label")
        : kind === "route" ? form.route && labelOf(view.units, form.route, "name") : kind === "due" && due) || "—";
    }

    D.requestResult = function (ctl, view, request) {
      var form = request.submitted || {};
      var result = request.result;
      var headingId = D.prefix + "-result-" + D.key(request.id);
      var heading = el("h4", {id: headingId}, [_("Result")]);
      var parts = [heading, D.resultHead(view, request)];
      var items = result ? result.items
        : request.service.requirements.map(function (r) { return {kind: "requirement", id: r.id, label: r.label}; })
          .concat([{kind: "decision", label: _("Decision")}, {kind: "route", label: _("Route to")}, {kind: "due", label: _("Due date")}]);
      parts.push(el("ul", {"class": "asn-result-items"}, items.map(function (item) {
        return D.resultItem(item, givenText(view, item, form, request.due_label));
      })));
      parts.push(D.noteBlock(form));
      parts.push(el("div", {"class": "asn-actions"}, [D.nextButton(ctl, view, request)]));
      return {section: el("section", {"class": "asn-result asn-case-result", "aria-labelledby": headingId}, parts), heading: heading};
    };
  };
}(window));
