/* Studio bundle: the form: settings, content sections and one control per field, with the
 * field-level checks (ids, references, conditions). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var debounce = S.debounce, richText = S.richText, Editor = S.Editor;


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
        richText(value, labelId, function (v) { owner[f.key] = v; self.changed(); if (self.isSummaryKey(typeName, f.key)) { self.refreshSummary(owner); } }, path),
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
        } else if (self.isSummaryKey(typeName, f.key)) {
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
          if (self.isSummaryKey(typeName, f.key)) { self.refreshSummary(owner); }
        });
      }
    }
    return el("div", {"class": wrapperClass}, [el("label", {"for": id, id: labelId}, [f.label]), help, control, datalist || null, message]);
  };

  /* Whether field ``key`` shows in the item's summary (``summary`` or ``summary_more``). */
  Editor.prototype.isSummaryKey = function (typeName, key) {
    var spec = this.schema.types[typeName];
    return Boolean(spec) && (key === spec.summary || key === spec.summary_more);
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
}(window));
