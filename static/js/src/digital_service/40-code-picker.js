/* Digital service bundle: the classification-code chooser.
 *
 * A native <select> (labelled "Classification code"; each option shows the code and its
 * label, grouped under the scheme's top-level codes) plus a search field that narrows the
 * options to the codes whose code or label contains what is typed. Native controls work by
 * keyboard, with screen readers and as the phone's own picker at 360 px; the search field
 * keeps schemes of hundreds of codes usable. The chosen code always stays in the list.
 * A polite status line says how many codes match. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.codePicker = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    /* Lower case without accents, so "pengadaan" finds "Pengadaan" and "é" finds "e". */
    function fold(text) {
      var t = String(text || "").toLowerCase();
      return t.normalize ? t.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : t;
    }

    /* Build the picker for ``scheme`` ([{code, label, depth}]) with ``chosen`` selected;
     * ``onChange`` runs when the learner picks a code. */
    D.codePicker = function (base, scheme, chosen, onChange) {
      var selectId = base + "-code", searchId = base + "-code-search", statusId = base + "-code-status";
      var tops = {};
      scheme.forEach(function (c) { if (c.depth === 0) { tops[c.code] = c.label; } });
      var search = el("input", {type: "search", id: searchId, "class": "asn-code-search", autocomplete: "off",
        spellcheck: "false", maxlength: 80, "aria-controls": selectId, "aria-describedby": statusId}, []);
      var select = el("select", {id: selectId, "class": "asn-code-select"}, []);
      var status = el("p", {id: statusId, "class": "asn-hint asn-code-status", role: "status"}, []);
      var current = chosen || "";

      function optionFor(c) {
        return el("option", {value: c.code}, [c.code + " — " + c.label]);
      }

      function fill(query) {
        var q = fold(query).trim();
        select.textContent = "";
        select.appendChild(el("option", {value: ""}, [_("Choose a code")]));
        var groups = {}, order = [], count = 0;
        scheme.forEach(function (c) {
          var hit = !q || fold(c.code).indexOf(q) >= 0 || fold(c.label).indexOf(q) >= 0;
          if (!hit && c.code !== current) { return; }
          if (hit) { count += 1; }
          var top = c.code.split(".")[0];
          if (!groups[top]) {
            var label = tops[top] ? top + " — " + tops[top] : top;
            groups[top] = el("optgroup", {label: label}, []);
            order.push(top);
          }
          groups[top].appendChild(optionFor(c));
        });
        order.forEach(function (top) { select.appendChild(groups[top]); });
        select.value = current;
        status.textContent = q ? A.format(A.ngettext("{n} code matches “{query}”.", "{n} codes match “{query}”.", count),
          {n: count, query: query.trim()}) : A.format(A.ngettext("{n} code in the scheme.", "{n} codes in the scheme.", count), {n: count});
      }

      var timer = null;
      search.addEventListener("input", function () {
        // rebuilding a thousand options on every key would make typing lag on a phone
        if (timer) { global.clearTimeout(timer); }
        timer = global.setTimeout(function () { timer = null; fill(search.value); }, 150);
      });
      search.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); if (timer) { global.clearTimeout(timer); timer = null; fill(search.value); } select.focus(); }
      });
      select.addEventListener("change", function () { current = select.value; onChange(); });
      fill("");

      var node = el("div", {"class": "asn-field asn-code-field"}, [
        el("label", {"for": searchId}, [_("Search the classification scheme")]),
        search,
        status,
        el("label", {"for": selectId}, [_("Classification code")]),
        select
      ]);
      return {node: node, select: select, value: function () { return select.value || ""; }};
    };
  };
}(window));
