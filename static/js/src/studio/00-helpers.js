/* Studio: the unit-page summary (author_view) and the editor (studio_view).
 *
 * The editor is one generic form renderer driven by the block's schema (sent by the
 * server, see asn_xblocks/shell/studio_forms.py): it edits the content model's JSON —
 * settings, fields and nested lists of items that can be added, edited, moved with
 * buttons and deleted (with undo) — plus an "OLX source" mode and a playable preview of the
 * learner view (played on the server's engine by studio_preview_act; nothing is saved). Validation is the server's (one validator for import, validate() and the
 * editor); problems are shown next to the item they concern. Author HTML fields are small
 * rich-text areas written here; the server sanitizes them on save, as on import.
 * Talks to Studio / the Authoring MFE only through runtime.notify ('save', 'cancel', 'error'):
 * save {state: "start"} before the request, save {state: "end"} only once the server has
 * answered 200 (Studio's runtime then closes the editor: cms.runtime.v1.js calls the modal's
 * onSave, which tells the MFE saveEditedXBlockData / closeXBlockEditorModal), error
 * {title, message} (and no "end") when the save fails, cancel when the author cancels. The
 * data are plain JSON: the Learning Core iframe posts them to the MFE as they are.
 *
 * Its modules (static/js/src/studio/, built into one file in name order) meet in
 * AsnXBlocks.studio: each takes what it needs from there and adds what it defines.
 * This module: the small helpers (telling the runtime, copying JSON, author HTML as plain
 * text, clipping, debouncing). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, S = A.studio = {};

  function notify(runtime, name, data) {
    if (runtime && typeof runtime.notify === "function") { runtime.notify(name, data || {}); }
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function plain(html) {
    var box = document.createElement("div");
    box.innerHTML = html || ""; // author HTML already sanitized; only read as text here
    return (box.textContent || "").replace(/\s+/g, " ").trim();
  }

  function clip(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function debounce(fn, delay) {
    var timer = null;
    var wrapped = function () {
      var args = arguments;
      if (timer) { global.clearTimeout(timer); }
      timer = global.setTimeout(function () { timer = null; fn.apply(null, args); }, delay);
    };
    wrapped.cancel = function () { if (timer) { global.clearTimeout(timer); timer = null; } };
    return wrapped;
  }

  /* Two codes compared part by part (parts split at ``sep``; parts of digits by their
   * value, so "000.1.10" comes after "000.1.2"); a code comes before the codes below it. */
  function compareCodes(a, b, sep) {
    var pa = a.split(sep), pb = b.split(sep);
    for (var i = 0; i < Math.min(pa.length, pb.length); i += 1) {
      var x = pa[i], y = pb[i];
      if (/^\d+$/.test(x) && /^\d+$/.test(y) && Number(x) !== Number(y)) { return Number(x) - Number(y); }
      if (x !== y) { return x < y ? -1 : 1; }
    }
    return pa.length - pb.length;
  }

  /* A list of records shown as a tree by their ``key`` (a code whose parent is the part
   * before its last ``sep``): the top nodes, each {index (in the list), code, depth (the
   * number of ``sep`` in the code), children}, sorted by code; a node sits under its
   * nearest ancestor present in the list. Records without a code come last, at the top.
   * Display only: the list itself keeps its order. */
  function treeOrder(list, key, sep) {
    var nodes = list.map(function (item, index) {
      var code = item && item[key] !== null && item[key] !== undefined ? String(item[key]) : "";
      return {index: index, code: code, depth: code ? code.split(sep).length - 1 : 0, children: []};
    });
    nodes.sort(function (a, b) {
      if (!a.code || !b.code) { return (a.code ? 0 : 1) - (b.code ? 0 : 1) || a.index - b.index; }
      return compareCodes(a.code, b.code, sep) || a.index - b.index;
    });
    var byCode = {}, roots = [];
    nodes.forEach(function (node) {
      var parent = null, code = node.code;
      while (!parent && code.lastIndexOf(sep) > 0) {
        code = code.slice(0, code.lastIndexOf(sep));
        parent = Object.prototype.hasOwnProperty.call(byCode, code) ? byCode[code] : null;
      }
      (parent ? parent.children : roots).push(node);
      if (node.code && !Object.prototype.hasOwnProperty.call(byCode, node.code)) { byCode[node.code] = node; }
    });
    return roots;
  }

  S.notify = notify; S.clone = clone; S.plain = plain; S.clip = clip; S.debounce = debounce;
  S.compareCodes = compareCodes; S.treeOrder = treeOrder;
}(window));
