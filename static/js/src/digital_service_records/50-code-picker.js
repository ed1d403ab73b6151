/* Digital service records bundle (static/js/src/digital_service_records/, built after the
 * desk's own modules into the script only desks whose content has records load): the
 * classification-code chooser.
 *
 * A native <select> (labelled "Classification code"; each option shows the code and its
 * label, grouped under the scheme's top-level codes) and a search field that narrows the
 * options to the codes whose code or label holds what is typed. Native controls work by
 * keyboard, with screen readers and as the phone's own picker at 360 px; the search keeps
 * schemes of hundreds of codes usable. The chosen code always stays in the list. A polite
 * status line says how many codes match. */
(function (global) {
  "use strict";

  global.AsnXBlocks.desk.codePicker = function (D) {
    var A = D.A, el = A.el, _ = A.gettext;

    /* Lower case without accents, so "pengadaan" finds "Pengadaan" and "é" finds "e". */
    function fold(text) {
      var t = String(text || "").toLowerCase();
      return t.normalize ? t.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : t;
    }

    /* The picker for ``scheme`` ([{code, label, depth}]) with ``current`` chosen;
     * ``onChange`` runs when the learner picks a code. */
    D.codePicker = function (base, scheme, current, onChange) {
      var id = base + "-code", searchId = id + "-search", statusId = id + "-status", tops = {}, timer = null;
      scheme.forEach(function (c) { if (c.depth === 0) { tops[c.code] = c.label; } });
      var search = el("input", {type: "search", id: searchId, "class": "asn-code-search", autocomplete: "off",
        spellcheck: "false", maxlength: 80, "aria-controls": id, "aria-describedby": statusId}, []);
      var select = el("select", {id: id, "class": "asn-code-select"}, []);
      var status = el("p", {id: statusId, "class": "asn-hint asn-code-status", role: "status"}, []);

      function fill() {
        var shown = search.value.trim(), q = fold(shown).trim(), groups = {}, n = 0;
        timer = null;
        select.textContent = "";
        select.appendChild(el("option", {value: ""}, [_("Choose a code")]));
        scheme.forEach(function (c) {
          // "\n" never occurs in the one-line query, so no match spans the code and the label
          var hit = !q || fold(c.code + "\n" + c.label).indexOf(q) >= 0, top = c.code.split(".")[0];
          if (!hit && c.code !== current) { return; }
          if (hit) { n += 1; }
          if (!groups[top]) {
            select.appendChild(groups[top] = el("optgroup", {label: tops[top] ? top + " — " + tops[top] : top}, []));
          }
          groups[top].appendChild(el("option", {value: c.code}, [c.code + " — " + c.label]));
        });
        select.value = current;
        status.textContent = A.format(q ? A.ngettext("{n} code matches “{query}”.", "{n} codes match “{query}”.", n)
          : A.ngettext("{n} code in the scheme.", "{n} codes in the scheme.", n), {n: n, query: shown});
      }

      search.addEventListener("input", function () {
        // rebuilding a thousand options on every key would make typing lag on a phone
        global.clearTimeout(timer);
        timer = global.setTimeout(fill, 150);
      });
      search.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          if (timer) { global.clearTimeout(timer); fill(); }
          select.focus();
        }
      });
      select.addEventListener("change", function () { current = select.value; onChange(); });
      fill();
      return {select: select, value: function () { return select.value; }, node: el("div", {"class": "asn-field asn-code-field"}, [
        el("label", {"for": searchId}, [_("Search the classification scheme")]), search, status,
        el("label", {"for": id}, [_("Classification code")]), select])};
    };
  };
}(window));
