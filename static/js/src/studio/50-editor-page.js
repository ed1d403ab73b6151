/* Studio bundle: the editor's page: mode tabs, status line, sticky Save bar, the one place
 * problems are shown. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var notify = S.notify, problemList = S.problemList, countsText = S.countsText, Editor = S.Editor;


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
}(window));
