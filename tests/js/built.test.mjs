// The built copies the views link (static/min/js/<bundle>.js: a bundle's modules joined in name
// order, then minified) run as one script each and define what their modules define.
import {test} from "node:test";
import assert from "node:assert/strict";
import {bundleModules, load} from "./load.mjs";

const keys = (object) => Object.keys(object).sort();

for (const [name, entry] of [["studio", "AsnStudioInit"], ["staff", "AsnStaffPanel"]]) {
  test(`the built ${name} bundle defines what its modules define`, () => {
    const built = load(["static/min/js/asn_common.js", `static/min/js/${name}.js`]);
    const modules = load(["static/js/asn_common.js", ...bundleModules(name)]);
    assert.equal(typeof built[entry], "function");
    assert.ok(keys(modules.AsnXBlocks[name]).length > 5);
    assert.deepEqual(keys(built.AsnXBlocks[name]), keys(modules.AsnXBlocks[name]));
  });
}

test("the built studio bundle keeps every editor method", () => {
  const built = load(["static/min/js/asn_common.js", "static/min/js/studio.js"]).AsnXBlocks.studio;
  const modules = load(["static/js/asn_common.js", ...bundleModules("studio")]).AsnXBlocks.studio;
  assert.deepEqual(keys(built.Editor.prototype), keys(modules.Editor.prototype));
  assert.ok(keys(built.Editor.prototype).length > 40);
});
