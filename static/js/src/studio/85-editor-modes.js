/* Studio bundle: the OLX source mode and switching between form, OLX source and preview. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var countsText = S.countsText, Editor = S.Editor;


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
}(window));
