/* Studio bundle: the editor's state and its model of the content: the schema's record types,
 * defaults, ids, summaries and the records a reference may point to. The constructor builds
 * the page (50-editor-page.js); nothing else here draws. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, S = A.studio;
  var clone = S.clone, plain = S.plain, clip = S.clip, debounce = S.debounce;

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
    var more = spec.summary_more ? record[spec.summary_more] : "";
    if (more !== null && more !== undefined && String(more) !== "") { text = text ? text + " — " + String(more) : String(more); }
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

  S.Editor = Editor;
}(window));
