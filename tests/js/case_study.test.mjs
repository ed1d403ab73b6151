// The case study's own helpers (static/js/src/case_study/20-case_study.js): the word count
// the reflection's limits are checked with as the learner types.
import {test} from "node:test";
import assert from "node:assert/strict";
import {load, run} from "./load.mjs";

test("wordCount counts words separated by any white space", () => {
  const window = load(["static/js/asn_common.js"]);
  run(window, "static/js/src/case_study/20-case_study.js");
  const A = window.AsnXBlocks;
  assert.equal(A.wordCount("  one two\n\tthree  "), 3);
  assert.equal(A.wordCount(""), 0);
  assert.equal(A.wordCount(null), 0);
  assert.equal(typeof window.AsnCaseStudy, "function");
});
