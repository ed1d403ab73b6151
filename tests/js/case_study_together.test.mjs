// The case study's learning-together module (static/js/src/case_study/10-together.js): a peer's
// shared answer and the cohort's share reach the page as text nodes only, never as HTML; the
// consent checkbox is labelled and described; one "Helpful" button per peer until one is marked.
import {test} from "node:test";
import assert from "node:assert/strict";
import {fakeDocument, load, run} from "./load.mjs";

function together() {
  const window = fakeDocument(load(["static/js/asn_common.js"]));
  run(window, "static/js/src/case_study/10-together.js");
  return window.AsnXBlocks.caseStudyTogether;
}

function walk(node, out = []) {
  out.push(node);
  (node.children || []).forEach((child) => walk(child, out));
  return out;
}

const PEER = "<script>alert(1)</script> saya akan melapor";

test("a peer's answer and the cohort's share are text, never HTML", () => {
  const T = together();
  const item = {id: "r1", share: {offered: true, shared: false, marked: false, scope: "Answers",
    peers: [{id: 7, text: PEER, featured: true, helpful: 2, helpful_text: "2 learners", marked: false}]}};
  const nodes = walk(T.sharedView({}, item));
  assert.ok(nodes.every((n) => n.innerHTMLSet === null || n.innerHTMLSet === undefined));
  assert.ok(nodes.some((n) => n.text === PEER));
  assert.equal(nodes.filter((n) => n.tag === "button").length, 1);
  const note = walk(T.cohortNote({id: "a", cohort: {percent: 38, text: "<b>38%</b>"}}));
  assert.ok(note.some((n) => n.text === "<b>38%</b>"));
  assert.ok(note.every((n) => n.innerHTMLSet === null || n.innerHTMLSet === undefined));
  assert.equal(T.cohortNote({id: "a"}), null);
});

test("no Helpful button once the learner marked one; nothing before submission", () => {
  const T = together();
  const peers = [{id: 1, text: "a", helpful: 1, helpful_text: "1", marked: true},
    {id: 2, text: "b", helpful: 0, helpful_text: "0", marked: false}];
  const nodes = walk(T.sharedView({}, {id: "r1", share: {offered: true, shared: true, can_withdraw: false, marked: true, peers}}));
  assert.equal(nodes.filter((n) => n.tag === "button").length, 0);
  assert.equal(T.sharedView({}, {id: "r1", share: {offered: true}}), null);
});

test("the consent checkbox has a label and a description", () => {
  const T = together();
  const nodes = walk(T.consentBox("cs1", {id: "r1"}));
  const box = nodes.find((n) => n.tag === "input");
  const label = nodes.find((n) => n.tag === "label");
  assert.equal(box.attributes.type, "checkbox");
  assert.equal(label.attributes.for, box.attributes.id);
  assert.ok(nodes.some((n) => n.attributes && n.attributes.id === box.attributes["aria-describedby"]));
});
