// The staff panel's "Course training needs" and "Shared answers" parts: their installers,
// learner text of a shared answer inserted as text only, and the hide button's request.
import {test} from "node:test";
import assert from "node:assert/strict";
import {bundleModules, fakeDocument, load} from "./load.mjs";

function walk(node, out = []) {
  if (!node) { return out; }
  out.push(node);
  (node.children || []).forEach((child) => walk(child, out));
  return out;
}

const XSS = "<img src=x onerror=alert(1)>";
const LIST = {
  rows: [{id: 7, text: XSS, item: "r1", reflection: "Reflect", cohort: "X", cohort_label: "X",
    learner: "ani", helpful: 2, hidden: false,
    featured: false, moderated_by: "", created_text: "", attempt: 1}],
  total: 1, page: 1, page_size: 25, pages: 1, items: [{id: "r1", label: "Reflect"}],
  cohorts: ["X"], counts: {total: 1, hidden: 0, featured: 0}
};

function context(replies) {
  const window = fakeDocument(load(["static/js/asn_common.js", ...bundleModules("staff")]));
  const A = window.AsnXBlocks;
  const calls = [];
  const client = {
    call: (handler, payload) => { calls.push({handler, payload}); return Promise.resolve(replies(handler, payload)); },
    errorText: (result) => "error " + result.status,
    announce: (message) => { window.announced = message; },
    focus() {}
  };
  const P = {A, client, prefix: "staff-1", L: {}, Q: {}, learners: {}, queue: {}};
  A.staff.kit(P);
  return {window, A, P, calls};
}

test("the two parts install their tabs' renderers", () => {
  const {A, P} = context(() => ({ok: true, data: {}}));
  A.staff.courseNeeds(P);
  A.staff.sharedAnswers(P);
  assert.equal(typeof P.renderCourseNeedsTab, "function");
  assert.equal(typeof P.renderSharedTab, "function");
});

test("a shared answer's text is inserted as text, and Hide sends one moderation request", async () => {
  const {window, A, P, calls} = context((handler) => handler === "staff_shared_answers"
    ? {ok: true, data: LIST}
    : {ok: true, data: {answer: {id: 7, hidden: true, featured: false}, message: "Hidden."}});
  A.staff.sharedAnswers(P);
  const panel = window.document.createElement("div");
  P.renderSharedTab(panel);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const nodes = walk(panel);
  assert.ok(nodes.some((n) => n.text === XSS), "the answer is a text node");
  assert.ok(nodes.every((n) => n.innerHTMLSet === null || n.innerHTMLSet === undefined));
  const hide = nodes.find((n) => n.attributes && /asn-shared-hide/.test(n.attributes.class || ""));
  assert.equal(hide.textContent, "Hide");
  hide.listeners.click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(JSON.stringify(calls[calls.length - 1]), JSON.stringify({handler: "staff_moderate_answer", payload: {id: 7, action: "hide"}}));
  assert.equal(hide.textContent, "Show again");
  assert.equal(window.focused, hide);
  assert.equal(window.announced, "Hidden.");
});
