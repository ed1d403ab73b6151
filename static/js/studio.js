/* Studio: the unit-page summary (author_view) and the OLX-source editor (studio_view).
 * Talks to Studio / the Authoring MFE only through runtime.notify. */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, el = A.el, _ = A.gettext;

  function problemList(problems) {
    if (!problems || !problems.length) { return el("p", {"class": "asn-ok"}, [_("No problems found.")]); }
    return el("ul", {"class": "asn-problems"}, problems.map(function (p) {
      return el("li", {"class": "asn-" + p.severity}, [
        (p.severity === "error" ? _("Error") : _("Warning")) + ": " + p.message + (p.item_id ? " [" + p.item_id + "]" : "")
      ]);
    }));
  }

  function authorView(client, payload) {
    var s = payload.summary || {};
    var facts = Object.keys(s).filter(function (k) { return typeof s[k] === "number"; }).map(function (k) {
      return el("li", {}, [k.replace(/_/g, " ") + ": " + A.fmtNum(s[k])]);
    });
    client.body.appendChild(el("ul", {"class": "asn-summary"}, facts.concat([
      el("li", {}, [A.format(_("Points in the gradebook: {points}"), {points: payload.max_points})]),
      el("li", {}, [A.format(_("Maximum attempts: {n}"), {n: payload.max_attempts === 0 ? _("unlimited") : payload.max_attempts})])
    ])));
    client.body.appendChild(el("p", {}, [A.format(_("Validation: {errors} errors, {warnings} warnings"), payload)]));
    client.body.appendChild(problemList(payload.problems));
  }

  function studioView(runtime, client, payload) {
    var areaId = A.uid("olx");
    var area = el("textarea", {id: areaId, "class": "asn-olx", spellcheck: "false"}, []);
    area.value = payload.olx;
    var problems = el("div", {"class": "asn-problems-box", "aria-live": "polite"}, [problemList(payload.problems)]);
    function send(handler) {
      return client.call(handler, {olx: area.value});
    }
    var check = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Check")]);
    check.addEventListener("click", function () {
      send("studio_check").then(function (r) {
        problems.textContent = "";
        problems.appendChild(r.ok ? problemList(r.data.problems) : el("p", {}, [client.errorText(r)]));
      });
    });
    var save = el("button", {type: "button", "class": "asn-button"}, [_("Save")]);
    save.addEventListener("click", function () {
      if (runtime.notify) { runtime.notify("save", {state: "start"}); }
      send("studio_save").then(function (r) {
        problems.textContent = "";
        if (r.ok) {
          problems.appendChild(problemList(r.data.problems));
          client.announce(_("Saved."));
          if (runtime.notify) { runtime.notify("save", {state: "end"}); }
        } else {
          problems.appendChild(el("p", {}, [client.errorText(r)]));
          if (r.data && r.data.problems) { problems.appendChild(problemList(r.data.problems)); }
          if (runtime.notify) { runtime.notify("error", {title: _("Not saved"), message: client.errorText(r)}); }
        }
      });
    });
    var cancel = el("button", {type: "button", "class": "asn-button asn-secondary"}, [_("Cancel")]);
    cancel.addEventListener("click", function () { if (runtime.notify) { runtime.notify("cancel", {}); } });
    client.body.appendChild(el("div", {"class": "asn-studio"}, [
      el("label", {"for": areaId}, [_("OLX source")]), area,
      el("div", {"class": "asn-actions"}, [check, save, cancel]), problems
    ]));
  }

  global.AsnStudioInit = function (runtime, element, init) {
    var client = new A.Client(runtime, element);
    init.payload = init.payload || A.readPayload(element);
    client.body.textContent = "";
    client.body.setAttribute("aria-busy", "false");
    if (init.mode === "author") { authorView(client, init.payload); } else { studioView(runtime, client, init.payload); }
  };
}(window));
