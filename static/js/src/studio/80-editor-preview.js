/* Studio bundle: the playable preview of the learner view (the server plays each step;
 * nothing is saved). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext, S = A.studio;
  var Editor = S.Editor;

  Editor.prototype.buildPreviewPanel = function () {
    var self = this, panel = this.panels.preview, selectId = A.uid("at");
    this.previewSelect = el("select", {id: selectId}, []);
    var refresh = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Show preview")]);
    refresh.addEventListener("click", function () { self.previewAt = self.previewSelect.value; self.preview(); });
    this.previewHeading = el("h3", {tabindex: "-1"}, [_("Preview of the learner view (not saved)")]);
    this.previewBox = el("div", {"class": "asn-ed-preview"}, []);
    var controls = [el("p", {"class": "asn-ed-help"}, [_("Play the content as it is now in the editor, as a learner would: choices, feedback and the score come from the server. Nothing here is saved.")])];
    if (this.previewTypes().length) {
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
    var types = this.previewTypes();
    if (!types.length) { return; }
    // one group of starting points per type when there are several (requests, records)
    var groups = {};
    types.forEach(function (t) {
      groups[t] = types.length > 1 ? el("optgroup", {label: self.type(t).label}, []) : select;
    });
    this.walk(function (record, t) {
      if (groups[t] && record.id) {
        groups[t].appendChild(el("option", {value: record.id, selected: record.id === at}, [self.summary(t, record)]));
      }
    });
    if (types.length > 1) {
      types.forEach(function (t) { if (groups[t].childNodes.length) { select.appendChild(groups[t]); } });
    }
  };

  /* The types of item the preview may start at: ``at_type`` is one type or a list. */
  Editor.prototype.previewTypes = function () {
    var at = this.previewInfo && this.previewInfo.at_type;
    return !at ? [] : Array.isArray(at) ? at : [at];
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
}(window));
