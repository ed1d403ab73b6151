// How static/js/asn_common.js puts text on the page: learner text always as text nodes, author
// HTML (sanitized on the server) only through the `html` key; and what a failed call says.
// A recording stand-in for the few DOM calls el() makes is enough to see which path a value took.
import {test} from "node:test";
import assert from "node:assert/strict";
import {fakeDocument, load} from "./load.mjs";

test("el inserts strings and numbers as text nodes, never as HTML", () => {
  const A = fakeDocument(load(["static/js/asn_common.js"])).AsnXBlocks;
  const learnerText = "<img src=x onerror=alert(1)>";
  const node = A.el("p", {}, [learnerText, 42, null, false, undefined]);
  assert.equal(node.innerHTMLSet, null);
  assert.deepEqual(node.children.map((c) => c.text), [learnerText, "42"]);
});

test("el sets author HTML only through the html key, and text through the text key", () => {
  const A = fakeDocument(load(["static/js/asn_common.js"])).AsnXBlocks;
  assert.equal(A.el("div", {html: "<p>Author</p>"}).innerHTMLSet, "<p>Author</p>");
  const text = A.el("div", {text: "<p>as text</p>"});
  assert.equal(text.innerHTMLSet, null);
  assert.equal(text.textContent, "<p>as text</p>");
});

test("el writes attributes as strings, drops empty ones and binds handlers", () => {
  const A = fakeDocument(load(["static/js/asn_common.js"])).AsnXBlocks;
  const click = () => {};
  const node = A.el("button", {type: "button", disabled: true, hidden: false, title: null,
    "aria-describedby": undefined, tabindex: 0, onclick: click});
  assert.deepEqual({...node.attributes}, {type: "button", disabled: "", tabindex: "0"});
  assert.equal(node.listeners.click, click);
});

test("a failed call says the server's reason, or why it failed", () => {
  const A = load(["static/js/asn_common.js"]).AsnXBlocks;
  const errorText = A.Client.prototype.errorText;
  assert.equal(errorText({status: 400, data: {error: "The answer is too long."}}), "The answer is too long.");
  assert.match(errorText({status: 0, data: null}), /connection failed/);
  assert.match(errorText({status: 500, data: null}), /server could not process/);
});

test("uid gives distinct ids with the prefix asked", () => {
  const A = load(["static/js/asn_common.js"]).AsnXBlocks;
  const ids = new Set(Array.from({length: 50}, () => A.uid("f")));
  assert.equal(ids.size, 50);
  for (const id of ids) { assert.match(id, /^f-\d+-[a-z0-9]+$/); }
  assert.match(A.uid(), /^asn-/);
});

test("readPayload reads the JSON script of a block, and an empty payload when it is broken", () => {
  const A = load(["static/js/asn_common.js"]).AsnXBlocks;
  const element = (text) => ({querySelector: () => (text === null ? null : {textContent: text})});
  assert.equal(A.readPayload(element('{"version": 3}')).version, 3);
  assert.deepEqual({...A.readPayload(element("{broken"))}, {});
  assert.deepEqual({...A.readPayload(element(null))}, {});
  const jquery = {jquery: "3.7", 0: element('{"a": 1}')};  // Studio hands a jQuery-wrapped node
  assert.equal(A.readPayload(jquery).a, 1);
});

function controllerPage(payload) {
  const window = fakeDocument(load(["static/js/asn_common.js"]));
  const node = (cls) => { const n = window.document.createElement("div"); n.className = cls; return n; };
  const body = node("asn-body"), live = node("asn-live"), alert = node("asn-alert");
  const found = {".asn-block": null, ".asn-body": body, ".asn-live": live, ".asn-alert": alert};
  const element = {querySelector: (selector) => found[selector]};
  const drawn = [];
  const ctl = window.AsnXBlocks.Controller({handlerUrl: () => "/h"}, element, {payload},
    (c, p, focus) => { drawn.push([p, focus]); });
  return {ctl, body, drawn, window};
}

function texts(node, out = []) {
  if (node.text !== undefined) { out.push(node.text); }
  (node.children || []).forEach((child) => texts(child, out));
  return out;
}

test("the controller draws the status bar, and the block's view only when there is one to draw", () => {
  const view = {stage: "s1"};
  let page = controllerPage({version: 1, attempts: {used: 1, limit: 2}, view});
  assert.equal(page.drawn.length, 1);
  assert.equal(page.drawn[0][0].view, view);
  assert.ok(texts(page.body).some((t) => /Attempts used: 1 of 2/.test(t)));

  page = controllerPage({version: 1, attempts: {used: 2, limit: 2, left: 0}, locked: true, view});
  assert.equal(page.drawn.length, 0);  // no attempt left: the notice, not the view
  assert.ok(texts(page.body).includes("You have used all your attempts."));

  page = controllerPage({version: 1, attempts: {}, view: null});
  assert.equal(page.drawn.length, 0);
  assert.equal(page.body.children.length, 1);  // the status bar alone
});

test("an answer that leaves out what the held view has is completed from it", () => {
  const held = {units: ["u1"], requests: {a: {status: "new", documents: ["d"]}, b: {status: "new", documents: ["e"]}}};
  const page = controllerPage({version: 1, attempts: {}, rev: "r1", view: held});
  page.ctl.render({version: 2, attempts: {}, rev: "r1",
    view: {trimmed: "requests", requests: {a: {status: "submitted"}, b: {status: "new"}}}}, "step");
  const view = page.drawn[1][0].view;
  assert.deepEqual(view.units, ["u1"]);
  assert.deepEqual(view.requests.a, {status: "submitted", documents: ["d"]});
  assert.deepEqual(view.requests.b, {status: "new", documents: ["e"]});
  // a whole view replaces the held one as it is
  page.ctl.render({version: 3, attempts: {}, view: {requests: {a: {status: "new"}}}});
  assert.deepEqual(page.drawn[2][0].view, {requests: {a: {status: "new"}}});
});

test("an answer without a score keeps the one shown; a score or null in the answer replaces it", () => {
  const score = {label: "Score: 10 / 10", pending: false};
  const page = controllerPage({version: 1, attempts: {}, score, view: {}});
  page.ctl.render({version: 2, attempts: {}, view: {}}, "step");  // an unfinished attempt's action
  assert.equal(page.drawn[1][0].score, score);
  assert.ok(texts(page.body).includes("Score: 10 / 10"));
  page.ctl.render({version: 3, attempts: {}, score: {label: "Score: 6 / 10"}, view: {}});
  assert.ok(texts(page.body).includes("Score: 6 / 10"));
  page.ctl.render({version: 4, attempts: {}, score: null, view: {}});
  assert.ok(!texts(page.body).some((t) => /Score:/.test(t)));
});

test("an action waits for a draft already on its way, which holds the learner's lock", async () => {
  const page = controllerPage({version: 1, attempts: {}, view: {}});
  const reply = (data) => ({ok: true, status: 200, text: () => Promise.resolve(JSON.stringify(data))});
  const sent = [];
  let draftOnItsWay, releaseDraft, released = false;
  const draftSent = new Promise((resolve) => { draftOnItsWay = resolve; });
  page.window.fetch = (url, init) => {
    const body = JSON.parse(init.body);
    sent.push({body, afterTheDraft: released});
    if (body.draft) {
      draftOnItsWay();
      return new Promise((resolve) => { releaseDraft = () => { released = true; resolve(reply({saved: true})); }; });
    }
    return Promise.resolve(reply({version: 2, attempts: {}, view: {}}));
  };
  const status = page.window.document.createElement("span");
  page.ctl.saveDraft("r1", {reflection: "r1", text: "half a thought"}, status);
  page.ctl.flushDrafts(true);  // its timer is due: the draft goes now
  await draftSent;
  const acted = page.ctl.act({type: "submit_stage", stage: "s1"});
  releaseDraft();
  await acted;
  assert.deepEqual(sent.map((s) => [s.body.draft ? "draft" : "act", s.afterTheDraft]),
    [["draft", false], ["act", true]]);
  assert.equal(page.drawn.at(-1)[0].version, 2);
});
