/* Studio bundle: the small rich-text area of author HTML fields. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;

  /* A small rich-text area: a contenteditable box with a toolbar (bold, italic, lists,
   * link) and an "Edit HTML" switch to a plain textarea. Works by keyboard: Tab reaches
   * the toolbar (arrow keys move within it) and the text; Ctrl+B / Ctrl+I work too. */
  function richText(value, labelId, onChange, focusKey) {
    var area = el("div", {"class": "asn-ed-rich", contenteditable: "true", role: "textbox",
      "aria-multiline": "true", "aria-labelledby": labelId, spellcheck: "true", "data-focus": focusKey}, []);
    area.innerHTML = value || ""; // author HTML, sanitized on import/save
    var sourceId = A.uid("html");
    var source = el("textarea", {id: sourceId, "class": "asn-ed-source", rows: 6, hidden: true,
      "aria-labelledby": labelId + " " + sourceId + "-l", spellcheck: "false"}, []);
    var sourceLabel = el("span", {id: sourceId + "-l", "class": "asn-visually-hidden"}, [_("(HTML source)")]);
    var range = null;
    function current() {
      var html = area.innerHTML;
      if (!area.textContent.trim() && !area.querySelector("img")) { return ""; }
      return html.replace(/(<br\s*\/?>)+$/i, "");
    }
    area.addEventListener("input", function () { onChange(current()); });
    area.addEventListener("blur", function () {
      var sel = global.getSelection();
      if (sel && sel.rangeCount && area.contains(sel.anchorNode)) { range = sel.getRangeAt(0).cloneRange(); }
    });
    source.addEventListener("input", function () { onChange(source.value); });
    function restore() {
      area.focus();
      if (range) {
        var sel = global.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
    function command(name, arg) {
      return function () {
        if (!source.hidden) { return; }
        restore();
        try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* older browsers */ }
        document.execCommand(name, false, arg || null);
        onChange(current());
      };
    }
    var htmlToggle;
    var buttons = [
      [_("Bold"), "B", command("bold")],
      [_("Italic"), "I", command("italic")],
      [_("Bulleted list"), "•", command("insertUnorderedList")],
      [_("Numbered list"), "1.", command("insertOrderedList")],
      [_("Link"), _("Link"), function () {
        if (!source.hidden) { return; }
        var url = global.prompt(_("Link address (https://…)"), "https://");
        if (url && /^(https?:|mailto:)/i.test(url.trim())) { command("createLink", url.trim())(); }
      }],
      [_("Remove link"), _("Unlink"), command("unlink")]
    ].map(function (b) {
      var btn = el("button", {type: "button", "class": "asn-ed-tool", "aria-label": b[0], title: b[0], tabindex: "-1"},
        [el("span", {"aria-hidden": "true"}, [b[1]])]);
      btn.addEventListener("mousedown", function (e) { e.preventDefault(); });
      btn.addEventListener("click", b[2]);
      return btn;
    });
    htmlToggle = el("button", {type: "button", "class": "asn-ed-tool asn-ed-tool-wide", "aria-pressed": "false", tabindex: "-1"}, [_("Edit HTML")]);
    htmlToggle.addEventListener("click", function () {
      var toSource = source.hidden;
      if (toSource) {
        source.value = current();
        source.hidden = false; area.hidden = true;
        htmlToggle.setAttribute("aria-pressed", "true");
        source.focus();
      } else {
        area.innerHTML = source.value;
        source.hidden = true; area.hidden = false;
        htmlToggle.setAttribute("aria-pressed", "false");
        area.focus();
      }
    });
    buttons.push(htmlToggle);
    buttons[0].setAttribute("tabindex", "0");
    buttons[0].setAttribute("data-focus", focusKey + "#tools");
    var toolbar = el("div", {role: "toolbar", "class": "asn-ed-toolbar", "aria-labelledby": labelId}, buttons);
    toolbar.addEventListener("keydown", function (e) {
      var index = buttons.indexOf(document.activeElement);
      if (index < 0) { return; }
      var next = null;
      if (e.key === "ArrowRight") { next = (index + 1) % buttons.length; }
      if (e.key === "ArrowLeft") { next = (index - 1 + buttons.length) % buttons.length; }
      if (e.key === "Home") { next = 0; }
      if (e.key === "End") { next = buttons.length - 1; }
      if (next === null) { return; }
      e.preventDefault();
      buttons.forEach(function (b, i) { b.setAttribute("tabindex", i === next ? "0" : "-1"); });
      buttons[next].focus();
    });
    return el("div", {"class": "asn-ed-richbox"}, [toolbar, area, sourceLabel, source]);
  }

  S.richText = richText;
}(window));
