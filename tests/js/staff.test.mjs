// The staff panel bundle (static/js/src/staff/): every part installs on one panel context,
// and the pure helpers of its kit.
import {test} from "node:test";
import assert from "node:assert/strict";
import {bundleModules, load} from "./load.mjs";

function panelContext() {
  const window = load(["static/js/asn_common.js", ...bundleModules("staff")]);
  const A = window.AsnXBlocks;
  const client = {
    call: (handler, payload) => Promise.resolve({handler, payload}),
    errorText: (result) => "error " + result.status
  };
  return {window, A, P: {A, client, prefix: "staff-1"}};
}

test("the bundle defines the panel's entry point and one installer per part", () => {
  const {window, A} = panelContext();
  assert.equal(typeof window.AsnStaffPanel, "function");
  for (const part of ["kit", "tabs", "learners", "learnerDetail", "override", "queue", "gradeForm"]) {
    assert.equal(typeof A.staff[part], "function", part);
  }
});

test("the parts' installers define what the other parts call", () => {
  const {A} = panelContext();
  const installs = {
    kit: ["call", "alertBox", "showAlert", "busy", "errorOf", "field", "option", "markText", "pager"],
    learners: ["renderLearnersTab", "loadLearners"],
    learnerDetail: ["openLearner", "renderDetail"],
    override: ["overrideSection"],
    queue: ["updateQueueLabel", "renderQueueTab", "openGrading", "renderGrading"],
    gradeForm: ["gradeForm"]
  };
  for (const [part, names] of Object.entries(installs)) {
    const P = {A, client: {}, prefix: "p", L: {}, Q: {}, learners: {}, queue: {}};
    A.staff.kit(P);
    A.staff[part](P);
    for (const name of names) { assert.equal(typeof P[name], "function", part + ": " + name); }
  }
});

test("markText names a mark and nothing else", () => {
  const {A, P} = panelContext();
  A.staff.kit(P);
  assert.equal(P.markText("correct"), "Correct");
  assert.equal(P.markText("partial"), "Partly correct");
  assert.equal(P.markText("incorrect"), "Incorrect");
  assert.equal(P.markText(undefined), "");
});

test("call and errorOf go through the block's client", async () => {
  const {A, P} = panelContext();
  A.staff.kit(P);
  assert.deepEqual({...(await P.call("staff_queue", {page: 2}))}, {handler: "staff_queue", payload: {page: 2}});
  assert.equal(P.errorOf({status: 409}), "error 409");
});
