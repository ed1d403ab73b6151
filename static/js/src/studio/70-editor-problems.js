/* Studio bundle: problems beside the items they concern, the block's insights, the server
 * check and the block's check tools. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var severityText = S.severityText, problemItem = S.problemItem, countsText = S.countsText, Editor = S.Editor;


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
}(window));
