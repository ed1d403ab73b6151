/* Studio bundle: lists of items in the form: add, move, delete with undo, each item an expandable
 * <details>. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var Editor = S.Editor;

  /* A list of items: each an expandable <details> with its fields and buttons to move it
   * up or down and to delete it; "Add ..." buttons after the list. */
  Editor.prototype.listView = function (f, owner, ownerType, path) {
    var self = this;
    if (!Array.isArray(owner[f.key])) { owner[f.key] = []; }
    var list = owner[f.key];
    var legendId = A.uid("lg");
    var ol = el("ol", {"class": "asn-ed-items"}, []);
    if (f.tree && !f.scalar) {
      // a tree by code: sorted, each code's children in a list nested in its item (what
      // screen readers announce as levels); the undo note first
      ol.className += " asn-ed-tree";
      if (this.undo && this.undo.list === list) { ol.appendChild(this.undoView()); }
      var branch = function (nodes, into) {
        nodes.forEach(function (node) {
          var li = self.itemView(f, list, node.index, owner, path + "." + node.index);
          li.setAttribute("data-depth", String(node.depth));
          if (node.children.length) { li.appendChild(branch(node.children, el("ol", {"class": "asn-ed-items asn-ed-subtree"}, []))); }
          into.appendChild(li);
        });
        return into;
      };
      branch(S.treeOrder(list, f.tree.key, f.tree.separator), ol);
    } else {
      list.forEach(function (item, index) {
        if (self.undo && self.undo.list === list && self.undo.index === index) { ol.appendChild(self.undoView()); }
        ol.appendChild(f.scalar ? self.scalarItem(f, list, index, path + "." + index)
          : self.itemView(f, list, index, owner, path + "." + index));
      });
      if (this.undo && this.undo.list === list && this.undo.index >= list.length) { ol.appendChild(this.undoView()); }
    }
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
    if (this.previewTypes().indexOf(typeName) >= 0 && item.id) {
      previewButton = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Preview from here")]);
      previewButton.addEventListener("click", function () { self.previewAt = item.id; self.switchTo("preview"); });
    }
    var actions = [up, down, del, previewButton];
    if (f.tree) {
      // a tree is ordered by its codes: no moving; a child is added under a code instead
      actions = [this.addChildButton(f, list, index, typeName, path), del, previewButton];
    }
    bodyBox.appendChild(el("div", {"class": "asn-actions asn-ed-item-actions"}, actions));
    var details = el("details", {"class": "asn-ed-item", open: this.open.get(item) === true}, [summary, bodyBox]);
    details.addEventListener("toggle", function () { self.open.set(item, details.open); });
    this.views.push({record: item, type: typeName, list: list, summary: summary, summaryText: summaryText,
      badge: badge, problems: problemsBox, insight: insightBox, body: bodyBox, details: details,
      buttons: {up: up, down: down, "delete": del}});
    return el("li", {"class": "asn-ed-li"}, [details]);
  };

  /* "Add child code" on an item of a tree list: a new item whose code is this one's and
   * the separator, put after it, opened, with the caret at the end of its code. */
  Editor.prototype.addChildButton = function (f, list, index, typeName, path) {
    var self = this, item = list[index], tree = f.tree;
    if (!tree.add_child) { return null; }
    var label = this.summary(typeName, item);
    var b = el("button", {type: "button", "class": "asn-button asn-secondary asn-ed-add-child", "data-focus": path + "#child",
      "aria-label": tree.add_child_for ? A.format(tree.add_child_for, {item: label}) : null}, [tree.add_child]);
    b.addEventListener("click", function () {
      self.undo = null;
      var child = self.newRecord(typeName, list);
      child[tree.key] = String(item[tree.key] || "") + tree.separator;
      list.splice(list.indexOf(item) + 1, 0, child);
      self.open.set(child, true);
      self.changed();
      self.renderForm();
      self.client.announce(A.format(_("Added: {item}."), {item: self.summary(typeName, child)}));
      var view = self.viewOf(child);
      var input = view && view.body.querySelector("input:not([data-id-field])");
      if (input) {
        self.reveal(input);
        input.focus();
        if (typeof input.setSelectionRange === "function") { input.setSelectionRange(input.value.length, input.value.length); }
      }
    });
    return b;
  };

  Editor.prototype.refreshSummary = function (record) {
    var view = this.viewOf(record);
    if (view) { view.summaryText.textContent = this.summary(view.type, record); }
  };
}(window));
