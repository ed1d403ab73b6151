// How static/js/asn_common.js puts text on the page: learner text always as text nodes, author
// HTML (sanitized on the server) only through the `html` key; and what a failed call says.
// A recording stand-in for the few DOM calls el() makes is enough to see which path a value took.
import {test} from "node:test";
import assert from "node:assert/strict";
import {load} from "./load.mjs";

function fakeDocument(window) {
  window.document.createElement = (tag) => {
    const node = {
      tag, attributes: {}, children: [], listeners: {}, innerHTMLSet: null, textContent: undefined,
      setAttribute(key, value) { this.attributes[key] = value; },
      addEventListener(type, fn) { this.listeners[type] = fn; },
      appendChild(child) { this.children.push(child); return child; }
    };
    Object.defineProperty(node, "innerHTML", {set(html) { node.innerHTMLSet = html; }});
    return node;
  };
  window.document.createTextNode = (text) => ({text});
  return window;
}

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
