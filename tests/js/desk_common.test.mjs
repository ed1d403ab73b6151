// The service desk's built scripts begin with their own copy of asn_common.js
// (asn_xblocks/shell/assets.py INCLUDES_COMMON): a desk's learner view links only them. Where
// asn_common.js is linked on its own too (the desk's staff view, Studio, a page with another
// block of the package), whichever runs second returns at once: one AsnXBlocks, holding what
// every script added to it.
import {test} from "node:test";
import assert from "node:assert/strict";
import {load, run} from "./load.mjs";

const DESKS = ["static/min/js/digital_service.js", "static/min/js/digital_service_records.js",
  "static/min/js/i18n/id/digital_service_records.js"];

for (const desk of DESKS) {
  test(`${desk} runs alone, with its own asn_common.js`, () => {
    const window = load([desk]);
    assert.equal(typeof window.AsnDigitalService, "function");
    assert.equal(typeof window.AsnXBlocks.gettext, "function");
    assert.equal(typeof window.AsnXBlocks.desk, "object");
  });

  test(`${desk} after asn_common.js keeps the first AsnXBlocks`, () => {
    const window = load(["static/min/js/asn_common.js"]);
    const first = window.AsnXBlocks;
    first.studio = {};  // what a bundle loaded before the desk's added
    run(window, desk);
    assert.equal(window.AsnXBlocks, first);
    assert.deepEqual(first.studio, {});
    assert.equal(typeof first.desk, "object");
    assert.equal(typeof window.AsnDigitalService, "function");
  });

  test(`asn_common.js after ${desk} changes nothing`, () => {
    const window = load([desk]);
    const first = window.AsnXBlocks, desks = first.desk;
    run(window, "static/min/js/asn_common.js");
    run(window, "static/js/asn_common.js");
    assert.equal(window.AsnXBlocks, first);
    assert.equal(window.AsnXBlocks.desk, desks);
  });
}

test("the desk's Indonesian script translates with its own catalogue", () => {
  const window = load(["static/min/js/i18n/id/digital_service_records.js"], {lang: "id"});
  assert.equal(window.AsnXBlocks.gettext("Draft saved"), "Draf tersimpan");
});
