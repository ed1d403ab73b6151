/* Studio bundle: the unit-page summary (author_view): the block's facts and its validation. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var problemList = S.problemList;

  function authorView(client, payload) {
    var facts = (payload.facts || []).map(function (f) {
      return el("li", {}, [f.label + ": " + A.fmtNum(f.value)]);
    });
    facts.push(el("li", {}, [A.format(_("Points in the gradebook: {points}"), {points: payload.max_points})]));
    facts.push(el("li", {}, [A.format(_("Maximum attempts: {n}"), {n: payload.max_attempts === 0 ? _("unlimited") : payload.max_attempts})]));
    if (payload.competencies && payload.competencies.length) {
      facts.push(el("li", {}, [A.format(_("Competencies: {list}"), {list: payload.competencies.join(", ")})]));
    }
    client.body.appendChild(el("ul", {"class": "asn-summary"}, facts));
    var status = payload.errors ? "asn-error" : payload.warnings ? "asn-warning" : "asn-ok";
    client.body.appendChild(el("p", {"class": "asn-ed-validation " + status}, [
      A.format(_("Validation: {errors} errors, {warnings} warnings"), payload)]));
    if (payload.problems && payload.problems.length) { client.body.appendChild(problemList(payload.problems)); }
  }

  S.authorView = authorView;
}(window));
