/* Studio bundle: saving, and what Studio is told (runtime.notify). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, _ = A.gettext, S = A.studio;
  var notify = S.notify, countsText = S.countsText, Editor = S.Editor;

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
}(window));
