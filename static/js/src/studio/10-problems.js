/* Studio bundle: validation problems as text and lists (the editor, the OLX source and the
 * unit-page summary show them alike). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;

  function severityText(p) { return p.severity === "error" ? _("Error") : _("Warning"); }

  /* One problem as a list item: "Error: message [id]" and, for the OLX source, "line N"
   * (a button selecting that line in ``area`` when given). The severity's icon is a CSS
   * shape (no emoji font needed); the words "Error"/"Warning" are its text. */
  function problemItem(p, extra, area) {
    var parts = [severityText(p) + ": " + p.message + (p.item_id ? " [" + p.item_id + "]" : "")];
    if (p.line) {
      var where = A.format(_("line {n}"), {n: p.line});
      if (area) {
        var go = el("button", {type: "button", "class": "asn-link-button asn-ed-line",
          "aria-label": A.format(_("Go to line {n} of the OLX source"), {n: p.line})}, [where]);
        go.addEventListener("click", function () { selectLine(area, p.line); });
        parts.push(" (", go, ")");
      } else {
        parts.push(el("span", {"class": "asn-ed-line"}, [" (" + where + ")"]));
      }
    }
    if (extra) { parts.push(" ", extra); }
    return el("li", {"class": "asn-" + p.severity}, parts);
  }

  function problemList(problems, area) {
    if (!problems || !problems.length) { return el("p", {"class": "asn-ok"}, [_("No problems found.")]); }
    return el("ul", {"class": "asn-problems"}, problems.map(function (p) { return problemItem(p, null, area); }));
  }

  /* Select line ``n`` (1-based) of a textarea and scroll it into view. */
  function selectLine(area, n) {
    var lines = area.value.split("\n"), start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i += 1) { start += lines[i].length + 1; }
    var end = start + (lines[n - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var lineHeight = parseFloat(global.getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (n - 3) * lineHeight);
  }

  function countsText(problems) {
    var errors = 0, warnings = 0;
    (problems || []).forEach(function (p) { if (p.severity === "error") { errors += 1; } else { warnings += 1; } });
    if (!errors && !warnings) { return _("No problems found."); }
    return A.format(A.ngettext("{n} error", "{n} errors", errors), {n: errors}) + ", " +
      A.format(A.ngettext("{n} warning", "{n} warnings", warnings), {n: warnings});
  }

  S.severityText = severityText; S.problemItem = problemItem; S.problemList = problemList; S.selectLine = selectLine; S.countsText = countsText;
}(window));
