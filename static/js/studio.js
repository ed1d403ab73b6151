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
 */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext;

  function notify(runtime, name, data) {
    if (runtime && typeof runtime.notify === "function") { runtime.notify(name, data || {}); }
  }

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

  /* ---------------------------------------------------------------- author view */

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

  /* ---------------------------------------------------------------- helpers */

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

  /* ---------------------------------------------------------------- rich text */

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

  /* ---------------------------------------------------------------- the editor */

  function Editor(runtime, element, client, payload) {
    this.runtime = runtime;
    this.element = element;
    this.client = client;
    this.schema = payload.schema;
    this.settingsSchema = payload.settings_schema;
    this.catalogue = payload.catalogue || [];
    this.content = clone(payload.content);
    this.settings = clone(payload.settings);
    this.problems = payload.problems || [];
    this.insights = payload.insights || {sections: [], items: {}};
    this.previewInfo = payload.preview || {};
    this.tools = payload.tools || [];
    this.defaults = payload.defaults || {};
    this.olx = payload.olx || "";
    this.learnersWarning = payload.learners_warning || "";
    this.mode = "form";
    this.open = new WeakMap(); // record → details open
    this.views = []; // item views of the current render
    this.undo = null; // {list, index, item, text}
    this.checkSeq = 0;
    this.dependKeys = this.collectDependKeys();
    var self = this;
    this.scheduleCheck = debounce(function () { self.check(); }, 700);
    this.build();
  }

  Editor.prototype.type = function (name) { return this.schema.types[name]; };

  Editor.prototype.collectDependKeys = function () {
    var keys = {};
    var types = this.schema.types;
    Object.keys(types).forEach(function (name) {
      types[name].fields.forEach(function (f) {
        if (f.visible_if) { keys[f.visible_if.parent] = true; }
        if (f.options_by_root) { keys["root:" + f.options_by_root.root_key] = true; }
      });
    });
    return keys;
  };

  /* The record type of an item in a list field. */
  Editor.prototype.itemType = function (spec, item) {
    if (spec.of.length === 1) { return spec.of[0]; }
    var self = this, tag = item && item[spec.tag_key];
    for (var i = 0; i < spec.of.length; i += 1) {
      if (self.type(spec.of[i]).tag === tag) { return spec.of[i]; }
    }
    return null;
  };

  /* Visit every record: fn(record, typeName, parentRecord, list). */
  Editor.prototype.walk = function (fn) {
    var self = this;
    function visit(typeName, record, parent, list) {
      fn(record, typeName, parent, list);
      self.type(typeName).fields.forEach(function (f) {
        if (f.kind !== "list" || f.scalar || !Array.isArray(record[f.key])) { return; }
        record[f.key].forEach(function (item) {
          var t = self.itemType(f, item);
          if (t) { visit(t, item, record, record[f.key]); }
        });
      });
    }
    visit(this.schema.root, this.content, null, null);
  };

  Editor.prototype.defaultFor = function (f) {
    if (Object.prototype.hasOwnProperty.call(f, "default")) { return clone(f.default); }
    if (f.nullable) { return null; }
    if (f.kind === "list") { return []; }
    if (f.kind === "bool") { return false; }
    if (f.kind === "tristate" || f.kind === "number" || f.kind === "int") { return null; }
    return "";
  };

  /* A record with every field present (nested template records filled in too). */
  Editor.prototype.complete = function (typeName, data) {
    var self = this, spec = this.type(typeName), out = {};
    if (spec.tag) { out[this.tagKeyFor(typeName)] = spec.tag; }
    spec.fields.forEach(function (f) {
      var value = Object.prototype.hasOwnProperty.call(data, f.key) ? data[f.key] : self.defaultFor(f);
      if (f.kind === "list" && !f.scalar && Array.isArray(value)) {
        value = value.map(function (item) { var t = self.itemType(f, item) || f.of[0]; return self.complete(t, item); });
      }
      out[f.key] = value;
    });
    return out;
  };

  Editor.prototype.tagKeyFor = function (typeName) {
    var found = "type", types = this.schema.types;
    Object.keys(types).forEach(function (name) {
      types[name].fields.forEach(function (f) {
        if (f.kind === "list" && f.tag_key && f.of.indexOf(typeName) >= 0) { found = f.tag_key; }
      });
    });
    return found;
  };

  Editor.prototype.idsInScope = function (typeName, list, except) {
    var scope = this.type(typeName).id_scope, ids = {}, self = this;
    if (!scope) { return ids; }
    if (scope === "siblings") {
      (list || []).forEach(function (r) { if (r !== except && r.id) { ids[r.id] = true; } });
      return ids;
    }
    this.walk(function (record, t) {
      if (record !== except && self.type(t).id_scope === scope && record.id) { ids[record.id] = true; }
    });
    return ids;
  };

  Editor.prototype.newId = function (typeName, list) {
    var spec = this.type(typeName), used = this.idsInScope(typeName, list, null), n;
    if (spec.id_letters) {
      for (n = 0; n < 26; n += 1) {
        var letter = String.fromCharCode(97 + n);
        if (!used[letter]) { return letter; }
      }
    }
    for (n = 1; ; n += 1) {
      if (!used[(spec.id_prefix || "x") + n]) { return (spec.id_prefix || "x") + n; }
    }
  };

  Editor.prototype.newRecord = function (typeName, list) {
    var spec = this.type(typeName);
    var record = this.complete(typeName, clone(spec.template || {}));
    if (spec.fields.some(function (f) { return f.key === "id"; })) { record.id = this.newId(typeName, list); }
    return record;
  };

  Editor.prototype.summary = function (typeName, record) {
    var spec = this.type(typeName), parts = [spec.label];
    if (record.id) { parts.push(record.id); }
    var text = spec.summary && spec.summary !== "id" ? record[spec.summary] : "";
    text = spec.summary && /_html$/.test(spec.summary) ? plain(text) : String(text === null || text === undefined ? "" : text);
    return parts.join(" ") + (text ? ": " + clip(text, 70) : "");
  };

  /* Records that a ref field may point to: [id, label] pairs. */
  Editor.prototype.refOptions = function (types) {
    var self = this, out = [];
    this.walk(function (record, t) {
      if (types.indexOf(t) >= 0 && record.id) {
        var spec = self.type(t), text = spec.summary && spec.summary !== "id" ? record[spec.summary] : "";
        if (/_html$/.test(spec.summary || "")) { text = plain(text); }
        out.push([record.id, spec.label + " " + record.id + (text ? " — " + clip(text, 40) : "")]);
      }
    });
    return out;
  };

  Editor.prototype.suggestions = function (pairs) {
    var seen = {}, out = [];
    this.walk(function (record, t) {
      pairs.forEach(function (p) {
        var v = record[p[1]];
        if (p[0] === t && v && !seen[v]) { seen[v] = true; out.push(v); }
      });
    });
    return out;
  };

  /* ---- building the page */

  Editor.prototype.build = function () {
    var self = this, body = this.client.body;
    body.textContent = "";
    var tabs = [["form", _("Form")], ["olx", _("OLX source")], ["preview", _("Preview")]];
    this.tabs = {};
    this.panels = {};
    var tablist = el("div", {role: "tablist", "class": "asn-tabs", "aria-label": _("Editing mode")}, []);
    tabs.forEach(function (t) {
      var tabId = A.uid("tab"), panelId = A.uid("panel");
      var tab = el("button", {type: "button", role: "tab", id: tabId, "aria-controls": panelId,
        "aria-selected": t[0] === "form" ? "true" : "false", tabindex: t[0] === "form" ? "0" : "-1"}, [t[1]]);
      tab.addEventListener("click", function () { self.switchTo(t[0]); });
      tab.addEventListener("keydown", function (e) {
        var order = tabs.map(function (x) { return x[0]; }), i = order.indexOf(t[0]), next = null;
        if (e.key === "ArrowRight") { next = order[(i + 1) % order.length]; }
        if (e.key === "ArrowLeft") { next = order[(i - 1 + order.length) % order.length]; }
        if (e.key === "Home") { next = order[0]; }
        if (e.key === "End") { next = order[order.length - 1]; }
        if (next) { e.preventDefault(); self.tabs[next].focus(); self.switchTo(next); }
      });
      self.tabs[t[0]] = tab;
      tablist.appendChild(tab);
      self.panels[t[0]] = el("div", {role: "tabpanel", id: panelId, "aria-labelledby": tabId,
        "class": "asn-ed-panel", hidden: t[0] !== "form"}, []);
    });
    this.statusCounts = el("span", {"class": "asn-ed-status-counts"}, []);
    this.statusNote = el("span", {"class": "asn-ed-status-note"}, []);
    this.statusLine = el("p", {"class": "asn-ed-status"}, [this.statusNote, this.statusCounts]);
    this.saveButton = el("button", {type: "button", "class": "asn-button"}, [_("Save")]);
    this.saveButton.addEventListener("click", function () { self.save(); });
    var cancel = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Cancel")]);
    cancel.addEventListener("click", function () { notify(self.runtime, "cancel", {}); });
    var actions = [this.saveButton, cancel];
    if (this.learnersWarning) {  /* the server's sentence: learners worked on this block */
      var warningId = A.uid("asn-ed-learners");
      actions.unshift(el("p", {"class": "asn-notice asn-ed-learners", id: warningId}, [this.learnersWarning]));
      this.saveButton.setAttribute("aria-describedby", warningId);
    }
    this.actionBar = el("div", {"class": "asn-actions asn-ed-actions"}, actions);
    var root = el("div", {"class": "asn-studio asn-ed"}, [tablist, this.statusLine,
      this.panels.form, this.panels.olx, this.panels.preview, this.actionBar]);
    body.appendChild(root);
    this.root = root;
    this.buildOlxPanel();
    this.buildPreviewPanel();
    this.renderForm();
    this.showProblems(this.problems);
    this.watchActionBar();
  };

  /* The sticky Save bar must never hide what it follows: its height is kept in
   * --asn-ed-bar (the panels' bottom padding and every control's scroll margin, so focus
   * and "Go to" scroll things above it), and where it would take more than a quarter of
   * the window (a phone held sideways, a long learners warning) it is not sticky at all. */
  Editor.prototype.watchActionBar = function () {
    var self = this, bar = this.actionBar;
    function measure() {
      var root = self.root;
      root.classList.remove("asn-ed-bar-static");
      var height = bar.getBoundingClientRect().height;
      root.style.setProperty("--asn-ed-bar", Math.ceil(height) + "px");
      root.classList.toggle("asn-ed-bar-static", height > (global.innerHeight || 0) / 4);
    }
    measure();
    global.addEventListener("resize", measure);
    if (typeof global.ResizeObserver === "function") { new global.ResizeObserver(measure).observe(bar); }
  };

  /* The one place problems are shown: the status line's counts, the form's problem list
   * and item badges, and the OLX source's list are all drawn here from the same list, so
   * they cannot disagree. ``note`` (checking, saved, not saved, a failed check) is said
   * before the counts and never replaces them. */
  Editor.prototype.showProblems = function (problems, note) {
    this.problems = problems || [];
    this.applyProblems();
    this.olxProblems.textContent = "";
    this.olxProblems.appendChild(problemList(this.problems, this.olxArea));
    this.setStatusNote(note || "");
  };

  Editor.prototype.setStatusNote = function (note) {
    var errors = this.problems.some(function (p) { return p.severity === "error"; });
    var warnings = !errors && this.problems.length > 0;
    this.statusCounts.textContent = countsText(this.problems);
    this.statusNote.textContent = note ? note + " — " : "";
    this.statusLine.className = "asn-ed-status " + (errors ? "asn-ed-has-errors" : warnings ? "asn-ed-has-warnings" : "asn-ed-no-problems");
  };

  /* ---- the form */

  Editor.prototype.renderForm = function (focusKey) {
    var self = this, panel = this.panels.form;
    var scrollY = global.scrollY;
    panel.textContent = "";
    this.views = [];
    this.itemInsights = [];
    var rootSpec = this.type(this.schema.root);
    // Settings: the shell's settings and the content's own settings-like fields
    var settingsBox = el("div", {"class": "asn-ed-grid"}, []);
    this.settingsSchema.forEach(function (f) {
      settingsBox.appendChild(self.fieldView(f, self.settings, "settings", null, "settings." + f.key, true));
    });
    rootSpec.fields.forEach(function (f) {
      var node = f.section === "settings" ? self.fieldView(f, self.content, self.schema.root, null, f.key) : null;
      if (node) { settingsBox.appendChild(node); }
    });
    var settingsHeading = A.uid("h");
    panel.appendChild(el("section", {"class": "asn-ed-section", "aria-labelledby": settingsHeading}, [
      el("h3", {id: settingsHeading}, [_("Settings")]), settingsBox]));
    // Problems
    var problemsHeading = A.uid("h");
    this.problemsHeading = el("h3", {id: problemsHeading, tabindex: "-1"}, [_("Problems")]);
    this.problemsBox = el("div", {"class": "asn-ed-problems"}, []);
    panel.appendChild(el("section", {"class": "asn-ed-section", "aria-labelledby": problemsHeading}, [
      this.problemsHeading, this.problemsBox]));
    // Block insights (the simulation's map) and tools (check all paths)
    this.insightsBox = el("div", {"class": "asn-ed-insights"}, []);
    panel.appendChild(this.insightsBox);
    if (this.tools.length) {
      var toolsHeading = A.uid("h");
      this.toolReport = el("div", {"class": "asn-ed-report"}, []);
      panel.appendChild(el("section", {"class": "asn-ed-section", "aria-labelledby": toolsHeading}, [
        el("h3", {id: toolsHeading}, [_("Checks")]),
        el("div", {"class": "asn-actions"}, this.tools.map(function (tool) {
          var b = el("button", {type: "button", "class": "asn-button asn-secondary"}, [tool.label]);
          b.addEventListener("click", function () { self.runTool(tool, b); });
          return b;
        })),
        this.toolReport
      ]));
    }
    // Content
    var contentHeading = A.uid("h");
    var contentBox = el("div", {"class": "asn-ed-content"}, []);
    rootSpec.fields.forEach(function (f) {
      var node = f.section !== "settings" ? self.fieldView(f, self.content, self.schema.root, null, f.key) : null;
      if (node) { contentBox.appendChild(node); }
    });
    panel.appendChild(el("section", {"class": "asn-ed-section", "aria-labelledby": contentHeading}, [
      el("h3", {id: contentHeading}, [_("Content")]), contentBox]));
    this.applyProblems();
    this.renderInsights();
    if (focusKey) {
      var target = panel.querySelector('[data-focus="' + focusKey.replace(/"/g, '\\"') + '"]');
      if (target && !target.disabled) {
        this.reveal(target);
        target.focus();
      } else {
        global.scrollTo(0, scrollY);
      }
    }
  };

  /* Open every <details> around a node so it can be seen and focused. */
  Editor.prototype.reveal = function (node) {
    for (var n = node.parentNode; n; n = n.parentNode) {
      if (n.tagName === "DETAILS" && !n.open) { n.open = true; }
    }
  };

  Editor.prototype.changed = function () {
    this.dirty = true;
    this.setStatusNote(_("Checking…"));
    this.scheduleCheck();
  };

  /* One field. ``owner`` is the record holding it, ``parent`` that record's parent. */
  Editor.prototype.fieldView = function (f, owner, typeName, parent, path, isSetting) {
    var self = this;
    if (f.visible_if) {
      var pv = parent ? parent[f.visible_if.parent] : null;
      if (f.visible_if["in"].indexOf(pv) < 0) { return null; }
    }
    if (f.kind === "list") { return this.listView(f, owner, typeName, path); }
    var id = A.uid("f"), labelId = id + "-label", helpId = id + "-help", msgId = id + "-msg";
    var value = owner[f.key];
    var describedBy = [];
    var help = f.help ? el("p", {id: helpId, "class": "asn-ed-help"}, [f.help]) : null;
    if (help) { describedBy.push(helpId); }
    var message = el("p", {id: msgId, "class": "asn-ed-msg", "aria-live": "polite"}, []);
    describedBy.push(msgId);
    var control, wrapperClass = "asn-ed-field asn-ed-" + f.kind;
    function set(v) { owner[f.key] = v; self.changed(); }
    var common = {id: id, "data-focus": path, "aria-describedby": describedBy.join(" ")};

    if (f.kind === "html") {
      var label = el("span", {id: labelId, "class": "asn-ed-label"}, [f.label]);
      return el("div", {"class": wrapperClass}, [label, help,
        richText(value, labelId, function (v) { owner[f.key] = v; self.changed(); if (f.key === self.summaryKeyOf(typeName)) { self.refreshSummary(owner); } }, path),
        message]);
    }
    if (f.kind === "bool" || f.kind === "tristate") {
      control = el("input", Object.assign({type: "checkbox", checked: value === true}, common));
      control.addEventListener("change", function () { set(control.checked); });
      return el("div", {"class": wrapperClass + " asn-ed-check"}, [control, el("label", {"for": id}, [f.label]), help, message]);
    }
    var options = null;
    if (f.kind === "select") {
      options = f.options;
      if (f.options_by_root) {
        options = f.options_by_root.map[this.content[f.options_by_root.root_key]] || null;
      }
    } else if (f.kind === "ref") {
      options = [["", f.empty_label || _("— choose —")]].concat(this.refOptions(f.ref));
    } else if (f.kind === "competency") {
      var declared = (this.content.competencies || []).filter(function (c) { return c.id; }).map(function (c) { return [c.id, c.label || c.id]; });
      options = [["", _("None")]].concat(declared, this.catalogue.filter(function (c) {
        return !declared.some(function (d) { return d[0] === c[0]; });
      }));
    }
    if (options) {
      control = el("select", common, []);
      var current = value === null || value === undefined ? "" : String(value);
      var known = options.some(function (o) { return o[0] === current; });
      if (!known) { options = options.concat([[current, current === "" ? _("— choose —") : A.format(_("{value} (unknown)"), {value: current})]]); }
      options.forEach(function (o) {
        control.appendChild(el("option", {value: o[0], selected: o[0] === current}, [o[1]]));
      });
      control.addEventListener("change", function () {
        var v = control.value;
        owner[f.key] = (v === "" && f.nullable) ? null : v;
        self.changed();
        var depends = (isSetting ? "setting:" : (owner === self.content ? "root:" : "")) + f.key;
        if (self.dependKeys[depends]) {
          self.renderForm(path);
        } else if (f.key === self.summaryKeyOf(typeName)) {
          self.refreshSummary(owner);
        }
      });
    } else if (f.kind === "number" || f.kind === "int") {
      control = el("input", Object.assign({type: "number", step: f.kind === "int" ? "1" : "any",
        min: f.min !== undefined ? f.min : null, inputmode: f.kind === "int" ? "numeric" : "decimal",
        placeholder: f.key === "max_attempts" && isSetting ? String(this.defaults.max_attempts) :
          f.key === "weight" && isSetting ? A.fmtNum(this.defaults.raw_maximum) : null}, common));
      control.value = value === null || value === undefined ? "" : String(value);
      control.addEventListener("input", function () {
        var text = control.value.trim();
        var number = text === "" ? null : Number(text);
        if (number !== null && !isFinite(number)) { number = null; }
        if (f.kind === "int" && number !== null) { number = Math.trunc(number); }
        set(number === null ? self.defaultFor(f) : number);
      });
    } else if (f.kind === "textarea") {
      control = el("textarea", Object.assign({rows: 4}, common), []);
      control.value = value || "";
      control.addEventListener("input", function () { set(control.value); });
    } else {
      var type = f.kind === "date" && (!value || /^\d{4}-\d{2}-\d{2}$/.test(value)) ? "date" : "text";
      var attrs = {type: type, inputmode: f.inputmode || null, spellcheck: f.kind === "id" || f.kind === "condition" ? "false" : null,
        autocomplete: "off"};
      if (f.suggest) {
        var listId = A.uid("dl");
        attrs.list = listId;
        var datalist = el("datalist", {id: listId}, this.suggestions(f.suggest).map(function (s) { return el("option", {value: s}, []); }));
      }
      control = el("input", Object.assign(attrs, common));
      control.value = value === null || value === undefined ? "" : String(value);
      if (f.kind === "id") {
        var before = control.value;
        control.addEventListener("focus", function () { before = control.value; });
        control.addEventListener("input", function () {
          owner[f.key] = control.value;
          self.changed();
          self.checkId(typeName, owner, control, message);
          self.refreshSummary(owner);
        });
        control.addEventListener("change", function () {
          var after = control.value;
          if (after && before && after !== before) { self.renameRefs(typeName, before, after, path); }
          before = after;
        });
      } else if (f.kind === "condition") {
        var check = debounce(function () { self.checkCondition(f, control, message); }, 300);
        control.addEventListener("input", function () { set(control.value); check(); });
      } else {
        control.addEventListener("input", function () {
          var v = control.value;
          set(v === "" && f.nullable ? null : v);
          if (f.key === self.summaryKeyOf(typeName)) { self.refreshSummary(owner); }
        });
      }
    }
    return el("div", {"class": wrapperClass}, [el("label", {"for": id, id: labelId}, [f.label]), help, control, datalist || null, message]);
  };

  Editor.prototype.summaryKeyOf = function (typeName) {
    var spec = this.schema.types[typeName];
    return spec ? spec.summary : null;
  };

  Editor.prototype.checkId = function (typeName, record, control, message) {
    var view = this.viewOf(record);
    var used = this.idsInScope(typeName, view ? view.list : null, record);
    var text = "";
    if (!control.value.trim()) { text = _("An id is required."); }
    else if (used[control.value]) { text = _("This id is already used by another item."); }
    message.textContent = text;
    if (text) { control.setAttribute("aria-invalid", "true"); } else { control.removeAttribute("aria-invalid"); }
  };

  Editor.prototype.renameRefs = function (typeName, before, after, path) {
    var self = this, count = 0;
    // Fields (anywhere) that point at records of this type follow the rename.
    var refFields = {};
    Object.keys(this.schema.types).forEach(function (t) {
      self.type(t).fields.forEach(function (f) {
        if (f.kind === "ref" && f.ref.indexOf(typeName) >= 0) { (refFields[t] = refFields[t] || []).push(f.key); }
      });
    });
    this.walk(function (record, t) {
      (refFields[t] || []).forEach(function (key) {
        if (record[key] === before) { record[key] = after; count += 1; }
      });
    });
    if (count) {
      this.client.announce(A.format(A.ngettext("{n} reference to \"{old}\" now points to \"{new}\".",
        "{n} references to \"{old}\" now point to \"{new}\".", count), {n: count, old: before, "new": after}));
    }
    if (!Object.keys(refFields).length) { return; }
    // Redraw the choices of the fields that point here once focus has moved on (the change
    // event comes before the focus moves), and put focus back where the author went.
    global.setTimeout(function () {
      var active = document.activeElement;
      self.renderForm((active && active.getAttribute("data-focus")) || path);
    }, 0);
  };

  Editor.prototype.checkCondition = function (f, control, message) {
    var self = this, names = [];
    if (f.names) {
      this.walk(function (record, t) { if (t === f.names && record.id) { names.push(record.id); } });
    }
    var value = control.value;
    this.client.call("studio_check_field", {kind: "condition", value: value, names: names}).then(function (r) {
      if (control.value !== value) { return; }
      if (!r.ok) { message.textContent = self.client.errorText(r); return; }
      message.textContent = r.data.message || "";
      message.className = "asn-ed-msg" + (r.data.ok ? " asn-ed-msg-ok" : " asn-ed-msg-error");
      if (r.data.ok) { control.removeAttribute("aria-invalid"); } else { control.setAttribute("aria-invalid", "true"); }
    });
  };

  /* A list of items: each an expandable <details> with its fields and buttons to move it
   * up or down and to delete it; "Add ..." buttons after the list. */
  Editor.prototype.listView = function (f, owner, ownerType, path) {
    var self = this;
    if (!Array.isArray(owner[f.key])) { owner[f.key] = []; }
    var list = owner[f.key];
    var legendId = A.uid("lg");
    var ol = el("ol", {"class": "asn-ed-items"}, []);
    list.forEach(function (item, index) {
      if (self.undo && self.undo.list === list && self.undo.index === index) { ol.appendChild(self.undoView()); }
      ol.appendChild(f.scalar ? self.scalarItem(f, list, index, path + "." + index)
        : self.itemView(f, list, index, owner, path + "." + index));
    });
    if (this.undo && this.undo.list === list && this.undo.index >= list.length) { ol.appendChild(this.undoView()); }
    var addTypes = f.scalar ? [null] : f.of;
    var adders = addTypes.map(function (t) {
      var text = t ? self.type(t).add || A.format(_("Add {item}"), {item: self.type(t).label}) : (f.add || _("Add"));
      var b = el("button", {type: "button", "class": "asn-button asn-secondary asn-ed-add", "data-focus": path + "#add-" + (t || "value")}, [text]);
      b.addEventListener("click", function () {
        self.undo = null;
        var item = t ? self.newRecord(t, list) : "";
        list.push(item);
        if (t) { self.open.set(item, true); }
        self.changed();
        self.renderForm();
        self.client.announce(A.format(_("Added: {item}."), {item: t ? self.summary(t, item) : text}));
        var view = t ? self.viewOf(item) : null;
        var target = view ? view.body.querySelector("input:not([data-id-field]), select, textarea, [contenteditable]") || view.summary
          : self.panels.form.querySelector('[data-focus="' + path + "." + (list.length - 1) + '"]');
        if (target) { self.reveal(target); target.focus(); }
      });
      return b;
    });
    var children = [el("legend", {id: legendId}, [f.label])];
    if (f.help) { children.push(el("p", {"class": "asn-ed-help"}, [f.help])); }
    if (!list.length) { children.push(el("p", {"class": "asn-ed-empty"}, [_("None yet.")])); }
    children.push(ol, el("div", {"class": "asn-actions asn-ed-adders"}, adders));
    return el("fieldset", {"class": "asn-ed-list"}, children);
  };

  Editor.prototype.undoView = function () {
    var self = this, undo = this.undo;
    var b = el("button", {type: "button", "class": "asn-button asn-secondary", "data-focus": "#undo"}, [_("Undo delete")]);
    b.addEventListener("click", function () {
      undo.list.splice(Math.min(undo.index, undo.list.length), 0, undo.item);
      self.undo = null;
      self.changed();
      self.renderForm();
      self.client.announce(A.format(_("Restored: {item}."), {item: undo.text}));
      var view = self.viewOf(undo.item);
      if (view) { self.reveal(view.summary); view.summary.focus(); }
    });
    return el("li", {"class": "asn-ed-undo"}, [el("p", {}, [A.format(_("Deleted: {item}."), {item: undo.text})]), b]);
  };

  Editor.prototype.scalarItem = function (f, list, index, path) {
    var self = this, spec = f.scalar;
    var holder = {value: list[index]};
    var field = this.fieldView({key: "value", kind: spec.kind, label: A.format(_("{label} {n}"), {label: spec.label, n: index + 1})},
      holder, null, null, path);
    field.addEventListener("input", function () { list[index] = holder.value; });
    field.addEventListener("change", function () { list[index] = holder.value; });
    var remove = el("button", {type: "button", "class": "asn-button asn-secondary", "data-focus": path + "#delete",
      "aria-label": A.format(_("Delete {item}"), {item: spec.label + " " + (index + 1)})}, [_("Delete")]);
    remove.addEventListener("click", function () {
      var removed = list.splice(index, 1)[0];
      self.undo = {list: list, index: index, item: removed, text: spec.label + " " + (removed || "")};
      self.changed();
      self.renderForm("#undo");
      self.client.announce(A.format(_("Deleted: {item}."), {item: self.undo.text}));
    });
    return el("li", {"class": "asn-ed-scalar"}, [field, remove]);
  };

  Editor.prototype.viewOf = function (record) {
    for (var i = 0; i < this.views.length; i += 1) { if (this.views[i].record === record) { return this.views[i]; } }
    return null;
  };

  Editor.prototype.itemView = function (f, list, index, owner, path) {
    var self = this, item = list[index], typeName = this.itemType(f, item);
    if (!typeName) { return el("li", {}, [_("Unknown item")]); }
    var spec = this.type(typeName);
    var summaryText = el("span", {"class": "asn-ed-summary-text"}, [this.summary(typeName, item)]);
    var badge = el("span", {"class": "asn-ed-badge"}, []);
    var summary = el("summary", {"data-focus": path + "#summary"}, [summaryText, badge]);
    var bodyBox = el("div", {"class": "asn-ed-item-body"}, []);
    var problemsBox = el("div", {"class": "asn-ed-item-problems"}, []);
    var insightBox = el("div", {"class": "asn-ed-item-insight"}, []);
    bodyBox.appendChild(problemsBox);
    spec.fields.forEach(function (field) {
      var node = self.fieldView(field, item, typeName, owner, path + "." + field.key);
      if (node && field.kind === "id") { var input = node.querySelector("input"); if (input) { input.setAttribute("data-id-field", "true"); } }
      if (node) { bodyBox.appendChild(node); }
    });
    bodyBox.appendChild(insightBox);
    var label = this.summary(typeName, item);
    function move(delta, key) {
      var target = index + delta;
      if (target < 0 || target >= list.length) { return; }
      self.undo = null;
      list.splice(index, 1);
      list.splice(target, 0, item);
      self.changed();
      self.renderForm();
      var view = self.viewOf(item);
      var button = view && view.buttons[key];
      if (!button || button.disabled) { button = view && view.buttons[key === "up" ? "down" : "up"]; }
      if (button && button.disabled) { button = view.summary; }
      if (button) { self.reveal(button); button.focus(); }
      self.client.announce(A.format(_("Moved: {item}, now {n} of {count}."), {item: label, n: target + 1, count: list.length}));
    }
    var up = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: index === 0,
      "aria-label": A.format(_("Move up: {item}"), {item: label}), "data-focus": path + "#up"}, [_("Move up")]);
    up.addEventListener("click", function () { move(-1, "up"); });
    var down = el("button", {type: "button", "class": "asn-button asn-secondary", disabled: index === list.length - 1,
      "aria-label": A.format(_("Move down: {item}"), {item: label}), "data-focus": path + "#down"}, [_("Move down")]);
    down.addEventListener("click", function () { move(1, "down"); });
    var del = el("button", {type: "button", "class": "asn-button asn-secondary asn-ed-delete",
      "aria-label": A.format(_("Delete: {item}"), {item: label}), "data-focus": path + "#delete"}, [_("Delete")]);
    del.addEventListener("click", function () {
      list.splice(index, 1);
      self.undo = {list: list, index: index, item: item, text: label};
      self.changed();
      self.renderForm("#undo");
      self.client.announce(A.format(_("Deleted: {item}."), {item: label}));
    });
    var previewButton = null;
    if (this.previewInfo.at_type === typeName && item.id) {
      previewButton = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Preview from here")]);
      previewButton.addEventListener("click", function () { self.previewAt = item.id; self.switchTo("preview"); });
    }
    bodyBox.appendChild(el("div", {"class": "asn-actions asn-ed-item-actions"}, [up, down, del, previewButton]));
    var details = el("details", {"class": "asn-ed-item", open: this.open.get(item) === true}, [summary, bodyBox]);
    details.addEventListener("toggle", function () { self.open.set(item, details.open); });
    this.views.push({record: item, type: typeName, list: list, summary: summary, summaryText: summaryText,
      badge: badge, problems: problemsBox, insight: insightBox, body: bodyBox, details: details,
      buttons: {up: up, down: down, "delete": del}});
    return el("li", {"class": "asn-ed-li"}, [details]);
  };

  Editor.prototype.refreshSummary = function (record) {
    var view = this.viewOf(record);
    if (view) { view.summaryText.textContent = this.summary(view.type, record); }
  };

  /* ---- problems and insights */

  /* The view a problem belongs to: the item with its id (block-wide ids first). */
  Editor.prototype.viewForId = function (id) {
    if (!id) { return null; }
    var best = null, self = this;
    this.views.forEach(function (v) {
      if (v.record.id === id && (!best || (self.type(v.type).id_scope !== "siblings" && self.type(best.type).id_scope === "siblings"))) { best = v; }
    });
    return best;
  };

  Editor.prototype.jumpTo = function (id) {
    var view = this.viewForId(id);
    if (!view) { return false; }
    if (this.mode !== "form") { this.switchTo("form"); }
    view.details.open = true;
    this.open.set(view.record, true);
    this.reveal(view.summary);
    view.summary.focus();
    view.summary.scrollIntoView({block: "start"});
    return true;
  };

  Editor.prototype.goButton = function (id, text) {
    var self = this;
    if (!this.viewForId(id)) { return null; }
    var b = el("button", {type: "button", "class": "asn-link-button", "aria-label": A.format(_("Go to {item}"), {item: text || id})}, [_("Go to")]);
    b.addEventListener("click", function () { self.jumpTo(id); });
    return b;
  };

  Editor.prototype.applyProblems = function () {
    var self = this, byView = new Map();
    var general = [];
    this.problems.forEach(function (p) {
      var view = self.viewForId(p.item_id);
      if (view) {
        if (!byView.has(view)) { byView.set(view, []); }
        byView.get(view).push(p);
      } else {
        general.push(p);
      }
    });
    this.views.forEach(function (view) {
      var list = byView.get(view) || [];
      view.problems.textContent = "";
      view.badge.textContent = "";
      view.summary.classList.toggle("asn-ed-summary-error", list.some(function (p) { return p.severity === "error"; }));
      if (!list.length) { return; }
      var errors = list.filter(function (p) { return p.severity === "error"; }).length;
      view.badge.textContent = " — " + (errors ? A.format(A.ngettext("{n} error", "{n} errors", errors), {n: errors})
        : A.format(A.ngettext("{n} warning", "{n} warnings", list.length), {n: list.length}));
      view.problems.appendChild(el("ul", {"class": "asn-problems"}, list.map(function (p) {
        return el("li", {"class": "asn-" + p.severity}, [severityText(p) + ": " + p.message]);
      })));
    });
    var box = this.problemsBox;
    box.textContent = "";
    if (!this.problems.length) { box.appendChild(el("p", {"class": "asn-ok"}, [_("No problems found.")])); return; }
    box.appendChild(el("p", {}, [countsText(this.problems)]));
    box.appendChild(el("ul", {"class": "asn-problems"}, this.problems.map(function (p) {
      return problemItem(p, self.goButton(p.item_id, p.item_id), null);
    })));
  };

  Editor.prototype.renderInsights = function () {
    var self = this, box = this.insightsBox, insights = this.insights || {};
    box.textContent = "";
    (insights.sections || []).forEach(function (s) {
      var headingId = A.uid("h");
      var parts = [el("h3", {id: headingId}, [s.title])];
      if (s.help) { parts.push(el("p", {"class": "asn-ed-help"}, [s.help])); }
      if (s.note) { parts.push(el("p", {"class": "asn-notice"}, [s.note])); }
      if (s.svg) {
        var map = el("div", {"class": "asn-ed-map", html: s.svg}, []); // server-rendered, labels escaped
        map.addEventListener("click", function (e) {
          var link = e.target.closest ? e.target.closest("[data-item]") : null;
          if (link) { e.preventDefault(); self.jumpTo(link.getAttribute("data-item")); }
        });
        parts.push(map);
      }
      if (s.list && s.list.length) {
        parts.push(el("details", {"class": "asn-ed-maplist"}, [
          el("summary", {}, [s.list_title || _("As a list")]),
          el("ul", {}, s.list.map(function (entry) {
            return el("li", {}, [entry.text + " ", self.goButton(entry.item_id, entry.item_id)]);
          }))
        ]));
      }
      box.appendChild(el("section", {"class": "asn-ed-section asn-ed-insight-" + s.id, "aria-labelledby": headingId}, parts));
    });
    var items = insights.items || {};
    this.views.forEach(function (view) {
      view.insight.textContent = "";
      var found = view.record.id ? items[view.record.id] : null;
      if (!found || self.viewForId(view.record.id) !== view) { return; }
      view.insight.appendChild(el("div", {"class": "asn-ed-expected"}, [
        el("p", {"class": "asn-ed-expected-title"}, [found.title]),
        el("ul", {}, found.lines.map(function (line) { return el("li", {}, [line]); }))
      ]));
    });
  };

  Editor.prototype.formPayload = function () {
    return {content: this.content, settings: this.settings};
  };

  Editor.prototype.check = function () {
    var self = this, seq = ++this.checkSeq;
    if (this.mode === "olx") { return; }
    this.client.call("studio_check_form", this.formPayload()).then(function (r) {
      if (seq !== self.checkSeq) { return; }
      if (r.ok) {
        self.insights = r.data.insights;
        self.showProblems(r.data.problems);
        self.renderInsights();
      } else {
        self.setStatusNote(self.client.errorText(r));
      }
    });
  };

  Editor.prototype.runTool = function (tool, button) {
    var self = this, box = this.toolReport;
    button.disabled = true;
    box.textContent = "";
    box.appendChild(el("p", {}, [_("Working…")]));
    this.client.call("studio_tool", {tool: tool.name, content: this.content, settings: this.settings}).then(function (r) {
      button.disabled = false;
      box.textContent = "";
      if (!r.ok) { box.appendChild(el("p", {"class": "asn-error"}, [self.client.errorText(r)])); return; }
      var report = r.data.report;
      var heading = el("h4", {tabindex: "-1"}, [report.title]);
      box.appendChild(heading);
      (report.summary || []).forEach(function (line) { box.appendChild(el("p", {}, [line])); });
      (report.groups || []).forEach(function (g) {
        box.appendChild(el("h5", {}, [g.title]));
        box.appendChild(g.items.length ? el("ul", {}, g.items.map(function (item) {
          return el("li", {}, [item.text + " ", self.goButton(item.item_id, item.item_id)]);
        })) : el("p", {}, [g.empty || _("None.")]));
      });
      self.client.focus(heading);
      self.client.announce(_("The check is finished."));
    });
  };

  /* ---- modes */

  Editor.prototype.buildOlxPanel = function () {
    var self = this, panel = this.panels.olx, areaId = A.uid("olx");
    this.olxArea = el("textarea", {id: areaId, "class": "asn-olx", spellcheck: "false"}, []);
    this.olxArea.addEventListener("input", function () { self.olxDirty = true; });
    this.olxProblems = el("div", {"class": "asn-problems-box"}, []);
    var check = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Check")]);
    check.addEventListener("click", function () {
      self.client.call("studio_check", {olx: self.olxArea.value}).then(function (r) {
        if (r.ok) {
          self.showProblems(r.data.problems);
          self.client.announce(countsText(r.data.problems));
        } else {  /* unreadable OLX: the parser's sentence (with its line) is the one problem */
          var text = self.client.errorText(r);
          self.showProblems([{severity: "error", code: "olx", message: text, item_id: null}]);
          self.client.announce(text);
        }
      });
    });
    panel.appendChild(el("div", {}, [
      el("label", {"for": areaId}, [_("OLX source")]),
      el("p", {"class": "asn-ed-help"}, [_("The same content as the form. Changes here are read back into the form when you switch to it.")]),
      this.olxArea, el("div", {"class": "asn-actions"}, [check]), this.olxProblems]));
  };

  Editor.prototype.buildPreviewPanel = function () {
    var self = this, panel = this.panels.preview, selectId = A.uid("at");
    this.previewSelect = el("select", {id: selectId}, []);
    var refresh = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Show preview")]);
    refresh.addEventListener("click", function () { self.previewAt = self.previewSelect.value; self.preview(); });
    this.previewHeading = el("h3", {tabindex: "-1"}, [_("Preview of the learner view (not saved)")]);
    this.previewBox = el("div", {"class": "asn-ed-preview"}, []);
    var controls = [el("p", {"class": "asn-ed-help"}, [_("Play the content as it is now in the editor, as a learner would: choices, feedback and the score come from the server. Nothing here is saved.")])];
    if (this.previewInfo.at_type) {
      controls.push(el("div", {"class": "asn-ed-field"}, [el("label", {"for": selectId}, [_("Start the preview at")]), this.previewSelect]));
    }
    controls.push(el("div", {"class": "asn-actions"}, [refresh]));
    // the notice and "Restart preview" stay in place (focus stays on the button on restart)
    var restart = el("button", {type: "button", "class": "asn-button asn-secondary asn-ed-preview-restart"}, [_("Restart preview")]);
    restart.addEventListener("click", function () {
      self.preview().then(function (ok) { if (ok) { self.client.announce(_("The preview started again.")); } });
    });
    var notice = el("div", {"class": "asn-ed-preview-notice"}, [
      el("p", {}, [el("strong", {}, [_("Preview — nothing is saved")])]), restart]);
    panel.appendChild(el("div", {}, [this.previewHeading].concat(controls, [notice, this.previewBox])));
  };

  /* The preview's learner front end talks to a fake runtime: its Client calls are routed
   * here instead of to the learner handlers (installed once; a Client of any other runtime
   * is unchanged). */
  function routePreviewCalls() {
    var proto = A.Client && A.Client.prototype;
    if (!proto || proto.asnPreviewRouted) { return; }
    var original = proto.call;
    proto.call = function (handler, payload) {
      if (this.runtime && typeof this.runtime.asnPreviewCall === "function") {
        return this.runtime.asnPreviewCall(handler, payload);
      }
      return original.apply(this, arguments);
    };
    proto.asnPreviewRouted = true;
  }

  /* The fake runtime's calls: "act" plays one step on the server (studio_preview_act, with
   * the content and the attempt the editor holds), "retry" restarts the preview, "state"
   * answers the payload held, "draft" is a no-op (nothing is saved). */
  Editor.prototype.previewCall = function (run, handler, payload) {
    var self = this, held = this.previewHeld;
    function answer(data) { return Promise.resolve({ok: true, status: 200, data: data}); }
    if (!held || held.run !== run) { return Promise.resolve({ok: false, status: 409, data: {error: _("The preview started again.")}}); }
    if (handler === "state") { return answer(held.payload); }
    if (handler === "draft") { return answer({saved: true, version: held.payload.version}); }
    if (handler === "retry") {
      return this.startPreview(run).then(function (r) { return r.ok ? answer(self.previewHeld.payload) : r; });
    }
    if (handler !== "act") { return Promise.resolve({ok: false, status: 400, data: {error: _("This is not available in the preview.")}}); }
    var body = Object.assign({at: held.at, attempt: held.attempt, action: (payload || {}).action}, held.form);
    return this.client.call("studio_preview_act", body).then(function (r) {
      if (!r.ok || self.previewHeld !== held) { return r.ok ? {ok: false, status: 409, data: {error: _("The preview started again.")}} : r; }
      held.attempt = r.data.attempt;
      held.payload = r.data.payload;
      return {ok: true, status: 200, data: r.data.payload};
    });
  };

  /* A fresh preview attempt from the server (studio_preview), held for run ``run``. */
  Editor.prototype.startPreview = function (run) {
    var self = this, form = this.previewForm, at = this.previewStartAt;
    return this.client.call("studio_preview", Object.assign({at: at}, form)).then(function (r) {
      if (r.ok && self.previewRun === run) {
        self.previewHeld = {run: run, form: form, at: at, attempt: r.data.attempt, payload: r.data.payload};
      }
      return r;
    });
  };

  Editor.prototype.fillPreviewSelect = function () {
    var select = this.previewSelect, self = this, at = this.previewAt || "";
    select.textContent = "";
    select.appendChild(el("option", {value: ""}, [_("The beginning")]));
    if (!this.previewInfo.at_type) { return; }
    this.walk(function (record, t) {
      if (t === self.previewInfo.at_type && record.id) {
        select.appendChild(el("option", {value: record.id, selected: record.id === at}, [self.summary(t, record)]));
      }
    });
  };

  Editor.prototype.preview = function () {
    var self = this, box = this.previewBox;
    box.textContent = "";
    box.appendChild(el("p", {}, [_("Loading…")]));
    this.previewRun = (this.previewRun || 0) + 1;
    this.previewHeld = null;
    this.previewForm = this.formPayload();
    this.previewStartAt = this.previewAt || null;
    var run = this.previewRun;
    return this.startPreview(run).then(function (r) {
      if (self.previewRun !== run) { return false; }
      box.textContent = "";
      if (!r.ok) {
        box.appendChild(el("p", {"class": "asn-error"}, [self.client.errorText(r)]));
        self.client.announce(self.client.errorText(r));
        return false;
      }
      var payload = r.data.payload, lang = payload.view && payload.view.lang;
      var frame = el("div", {"class": "asn-ed-preview-frame"}, [
        el("div", {"class": "asn-block asn-" + self.client.node.getAttribute("data-asn-tag") + " asn-preview", lang: lang === "id" || lang === "en" ? lang : null, "data-mode": "preview"}, [
          el("div", {"class": "asn-body"}, []),
          el("div", {"class": "asn-live", role: "status", "aria-live": "polite"}, []),
          el("div", {"class": "asn-alert", role: "alert"}, [])
        ])
      ]);
      box.appendChild(frame);
      var init = global[self.previewInfo.learner_js];
      if (typeof init !== "function") { box.appendChild(el("p", {}, [_("The learner view cannot be shown here.")])); return false; }
      routePreviewCalls();
      var fakeRuntime = {handlerUrl: function () { return "#preview"; }, notify: function () {},
        asnPreviewCall: function (handler, body) { return self.previewCall(run, handler, body); }};
      init(fakeRuntime, frame, {mode: "learner", payload: payload});
      if (self.previewStartAt && self.previewInfo.open) {
        var opener = frame.querySelector(self.previewInfo.open.replace("{id}", String(self.previewStartAt).replace(/"/g, "")));
        if (opener) { opener.click(); }
      }
      self.client.announce(_("Preview updated."));
      return true;
    });
  };

  Editor.prototype.showPanel = function (mode) {
    var self = this;
    Object.keys(this.panels).forEach(function (m) {
      self.panels[m].hidden = m !== mode;
      self.tabs[m].setAttribute("aria-selected", m === mode ? "true" : "false");
      self.tabs[m].setAttribute("tabindex", m === mode ? "0" : "-1");
    });
    this.mode = mode;
  };

  /* Switch modes: form → OLX shows the form's content as OLX; OLX → form reads the OLX
   * back (an unreadable OLX keeps the author in the OLX mode with the error). */
  Editor.prototype.switchTo = function (mode) {
    var self = this, from = this.mode;
    if (mode === from) { return Promise.resolve(true); }
    this.client.clearError();
    var ready;
    if (from === "olx" && this.olxDirty) {
      ready = this.client.call("studio_from_olx", {olx: this.olxArea.value}).then(function (r) {
        if (!r.ok) {
          self.client.showError(self.client.errorText(r));
          self.tabs.olx.focus();
          return false;
        }
        self.content = r.data.content;
        self.settings = r.data.settings;
        self.problems = r.data.problems;
        self.insights = r.data.insights;
        self.olxDirty = false;
        self.undo = null;
        self.renderForm();
        self.showProblems(r.data.problems);
        return true;
      });
    } else {
      ready = Promise.resolve(true);
    }
    return ready.then(function (ok) {
      if (!ok) { return false; }
      if (mode === "olx") {
        return self.client.call("studio_to_olx", self.formPayload()).then(function (r) {
          if (!r.ok) { self.client.showError(self.client.errorText(r)); return false; }
          self.olxArea.value = r.data.olx;
          self.olxDirty = false;
          self.showProblems(r.data.problems);
          self.showPanel("olx");
          self.client.announce(_("Showing the OLX source."));
          return true;
        });
      }
      self.showPanel(mode);
      if (mode === "preview") {
        self.fillPreviewSelect();
        self.previewHeading.focus();
        return self.preview().then(function () { return true; });
      }
      self.check();
      return true;
    });
  };

  Editor.prototype.save = function () {
    var self = this, button = this.saveButton;
    if (button.disabled) { return; }
    button.disabled = true;
    this.client.clearError();
    this.scheduleCheck.cancel();
    notify(this.runtime, "save", {state: "start", message: _("Saving")});
    var request = this.mode === "olx"
      ? this.client.call("studio_save", {olx: this.olxArea.value})
      : this.client.call("studio_save_form", this.formPayload());
    request.then(function (r) {
      button.disabled = false;
      if (r.ok) {
        // the server saved: Studio hears "end" even if redrawing here were to fail
        try { self.saved(r); } finally { notify(self.runtime, "save", {state: "end"}); }
        return;
      }
      var message = self.client.errorText(r);
      try { self.notSaved(r, message); } finally {
        notify(self.runtime, "error", {title: _("Not saved"), message: message});
      }
    });
  };

  Editor.prototype.saved = function (r) {
    this.problems = r.data.problems;
    this.insights = r.data.insights;
    this.content = r.data.content;
    this.settings = r.data.settings;
    this.dirty = false;
    this.olxDirty = false;
    this.undo = null;
    this.renderForm();
    this.showProblems(r.data.problems, _("Saved."));
    var text = this.problems.length ? A.format(_("Saved, with {counts}."), {counts: countsText(this.problems)}) : _("Saved.");
    this.client.announce(text);
    this.saveButton.focus();
  };

  Editor.prototype.notSaved = function (r, message) {
    var self = this;
    if (r.data && r.data.problems) {
      this.showProblems(r.data.problems, message);
      this.client.showError(message);
      if (this.mode === "form") { this.client.focus(this.problemsHeading); }
    } else {
      this.client.showError(message, r.status === 0 || r.status >= 500 ? function () { self.save(); } : null);
    }
    this.client.announce(message);
  };

  /* ``element`` may be jQuery-wrapped (Studio); the client keeps it for handlerUrl. Returns
   * nothing of ours: the runtime sets element, name, type and runtime on the object an init
   * function returns (common/static/js/xblock/core.js), which would hide Editor methods. */
  global.AsnStudioInit = function (runtime, element, init) {
    var client = new A.Client(runtime, element);
    init.payload = init.payload || A.readPayload(element);
    client.node.setAttribute("data-asn-tag", init.tag || "");
    client.body.textContent = "";
    client.body.setAttribute("aria-busy", "false");
    if (init.mode === "author") { authorView(client, init.payload); return null; }
    // The editor has its own Save and Cancel: Studio's editor modal then shows none of its
    // own (edit_xblock.js asks hasCustomButtons(), i.e. ".editor-with-buttons", right after
    // this init function returns).
    client.root.classList.add("editor-with-buttons");
    client.editor = new Editor(runtime, element, client, init.payload);
    return null;
  };
}(window));
