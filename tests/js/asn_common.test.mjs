// The pure helpers of static/js/asn_common.js: text formatting, numbers as the server writes
// them (core/formatting.py) and the translation fallbacks.
import {test} from "node:test";
import assert from "node:assert/strict";
import {load, run} from "./load.mjs";

const common = (lang) => load(["static/js/asn_common.js"], {lang}).AsnXBlocks;

test("format fills named placeholders and leaves unknown ones", () => {
  const A = common();
  assert.equal(A.format("{n} of {total}", {n: 2, total: 5}), "2 of 5");
  assert.equal(A.format("{n} and {missing}", {n: 0}), "0 and {missing}");
  assert.equal(A.format("{toString}", {}), "{toString}");  // own keys only
});

test("fmtNum groups thousands and drops trailing zeros, in English", () => {
  const A = common("en");
  assert.equal(A.fmtNum(1234.5), "1,234.5");
  assert.equal(A.fmtNum(1234567), "1,234,567");
  assert.equal(A.fmtNum(2.5, 2), "2.5");
  assert.equal(A.fmtNum(2.456, 2), "2.46");
  assert.equal(A.fmtNum(3.0), "3");
  assert.equal(A.fmtNum(0.04), "0");
});

test("fmtNum writes Indonesian separators", () => {
  const A = common("id");
  assert.equal(A.fmtNum(1234.5), "1.234,5");
  assert.equal(A.fmtNum(1234567.25, 2), "1.234.567,25");
});

test("fmtNum rounds a tie away from zero and never writes minus zero", () => {
  const A = common("en");
  assert.equal(A.fmtNum(0.25), "0.3");
  assert.equal(A.fmtNum(-0.25), "-0.3");
  assert.equal(A.fmtNum(-0.04), "0");
  assert.equal(A.fmtNum(-1234.5), "-1,234.5");
});

test("fmtNum returns what is not a number as text", () => {
  const A = common("en");
  assert.equal(A.fmtNum("n/a"), "n/a");
  assert.equal(A.fmtNum(Infinity), "Infinity");
  assert.equal(A.fmtNum("12.5"), "12.5");
});

test("fmtPercent follows the page's language", () => {
  assert.equal(common("en").fmtPercent(33.333), "33.3%");
  assert.equal(common("id").fmtPercent(33.333), "33,3 %");
  assert.equal(common("id-ID").fmtPercent(100), "100 %");
});

test("gettext reads a bundle's catalogue in its own global", () => {
  const window = load(["static/js/asn_common.js", "static/js/translations/id/asn_case_study.js"]);
  const A = window.AsnXBlocks;
  assert.equal(A.gettext("Retry"), window.AsnXBlocksI18n_asn_case_study.django.catalog.Retry);
  assert.notEqual(A.gettext("Retry"), "Retry");
  assert.equal(A.gettext("no such text"), "no such text");
});

test("the platform's catalogue comes first, the bundles' fill what it lacks", () => {
  const window = load(["static/js/asn_common.js", "static/js/translations/id/asn_case_study.js"]);
  window.AsnXBlocksI18n = {gettext: (s) => (s === "Retry" ? "ULANGI (Atlas)" : s),
    ngettext: (s, p, n) => (n === 1 ? s : p)};
  const A = window.AsnXBlocks;
  assert.equal(A.gettext("Retry"), "ULANGI (Atlas)");
  assert.equal(A.gettext("Draft saved"), window.AsnXBlocksI18n_asn_case_study.django.catalog["Draft saved"]);
});

test("without a catalogue gettext and ngettext give the English source", () => {
  const A = common();
  assert.equal(A.gettext("Retry"), "Retry");
  assert.equal(A.ngettext("{n} error", "{n} errors", 1), "{n} error");
  assert.equal(A.ngettext("{n} error", "{n} errors", 2), "{n} errors");
  assert.equal(A.ngettext("{n} error", "{n} errors", 0), "{n} errors");
});

test("loading the file twice keeps the first AsnXBlocks", () => {
  const window = load(["static/js/asn_common.js"]);
  const first = window.AsnXBlocks;
  first.studio = {};  // what a bundle loaded after it added
  run(window, "static/js/asn_common.js");
  assert.equal(window.AsnXBlocks, first);
  assert.deepEqual(window.AsnXBlocks.studio, {});
});
