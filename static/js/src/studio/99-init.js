/* Studio bundle: the runtime's entry point (initialize_js names AsnStudioInit). */
(function (global) {
  "use strict";
  var A = global.AsnXBlocks, S = A.studio;
  var authorView = S.authorView, Editor = S.Editor;

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
