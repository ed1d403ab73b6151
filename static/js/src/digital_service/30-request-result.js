/* Digital service bundle: what a submitted request shows — the answers, and the
 * explanation of every part when the settings allow it. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.requestResult = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    function decisionLabel(view, id) {
      var found = view.decisions.filter(function (d) { return d.id === id; })[0];
      return found ? found.label : id;
    }

    function unitName(view, id) {
      for (var i = 0; i < view.units.length; i += 1) {
        if (view.units[i].id === id) { return view.units[i].name; }
      }
      return id || "";
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
      if (form.note) {
        parts.push(el("div", {"class": "asn-your-note"}, [el("h5", {}, [_("Your note")]),
          el("p", {"class": "asn-learner-text"}, [form.note])]));
      }
      parts.push(el("div", {"class": "asn-actions"}, [D.nextButton(ctl, view, request)]));
      return {section: el("section", {"class": "asn-result asn-case-result", "aria-labelledby": headingId}, parts), heading: heading};
    };
  };
}(window));
