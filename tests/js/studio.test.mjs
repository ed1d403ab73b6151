// The pure parts of the Studio bundle (static/js/src/studio/): problem counts, text clipping,
// and the editor's model of the content (defaults, new ids, summaries, references), which
// needs no page: an editor's methods run on a plain object holding a schema and content.
import {test} from "node:test";
import assert from "node:assert/strict";
import {bundleModules, load} from "./load.mjs";

function studio() {
  return load(["static/js/asn_common.js", ...bundleModules("studio")]).AsnXBlocks.studio;
}

const SCHEMA = {
  root: "case",
  types: {
    case: {label: "Case", fields: [
      {key: "title", kind: "text"},
      {key: "stages", kind: "list", of: ["stage"]},
      {key: "shuffle", kind: "bool"},
      {key: "limit", kind: "int", nullable: true}
    ]},
    stage: {label: "Stage", id_prefix: "s", id_scope: "block", summary: "prompt_html",
      template: {prompt_html: "<p>New stage</p>"},
      fields: [
        {key: "id", kind: "text"},
        {key: "prompt_html", kind: "html"},
        {key: "points", kind: "number", default: 1},
        {key: "options", kind: "list", of: ["option"], tag_key: "type"}
      ]},
    option: {label: "Option", tag: "choice", id_letters: true, id_scope: "siblings", summary: "text",
      fields: [{key: "id", kind: "text"}, {key: "text", kind: "text"}, {key: "next", kind: "ref", default: "s1"}]}
  }
};

// objects made in the scripts' context have its prototypes: compare their JSON
const json = (value) => JSON.parse(JSON.stringify(value));

function editor(S, content) {
  const ed = Object.create(S.Editor.prototype);
  ed.schema = SCHEMA;
  ed.content = content;
  return ed;
}

test("every module ran and the runtime's entry point exists", () => {
  const window = load(["static/js/asn_common.js", ...bundleModules("studio")]);
  assert.equal(typeof window.AsnStudioInit, "function");
  for (const name of ["notify", "clone", "clip", "debounce", "countsText", "problemList", "richText", "authorView"]) {
    assert.equal(typeof window.AsnXBlocks.studio[name], "function", name);
  }
  for (const method of ["build", "renderForm", "listView", "applyProblems", "preview", "switchTo", "save"]) {
    assert.equal(typeof window.AsnXBlocks.studio.Editor.prototype[method], "function", method);
  }
});

test("countsText counts errors and warnings with plurals", () => {
  const S = studio();
  assert.equal(S.countsText([]), "No problems found.");
  assert.equal(S.countsText(null), "No problems found.");
  assert.equal(S.countsText([{severity: "error"}, {severity: "warning"}, {severity: "warning"}]), "1 error, 2 warnings");
  assert.equal(S.countsText([{severity: "error"}, {severity: "error"}]), "2 errors, 0 warnings");
});

test("clip shortens long text with an ellipsis, to the length asked", () => {
  const S = studio();
  assert.equal(S.clip("short", 10), "short");
  assert.equal(S.clip("abcdefghijk", 5), "abcd…");
  assert.equal(S.clip("abcdefghijk", 5).length, 5);
  assert.equal(S.clip(null, 5), "");
});

test("clone copies deeply", () => {
  const S = studio();
  const original = {a: [1, {b: 2}]};
  const copy = S.clone(original);
  copy.a[1].b = 3;
  assert.equal(original.a[1].b, 2);
});

test("severityText names the severity", () => {
  const S = studio();
  assert.equal(S.severityText({severity: "error"}), "Error");
  assert.equal(S.severityText({severity: "warning"}), "Warning");
});

test("debounce runs the last call once, and cancel stops it", async () => {
  const S = studio();
  const calls = [];
  const fn = S.debounce((x) => calls.push(x), 1);
  fn(1); fn(2);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(calls, [2]);
  fn(3); fn.cancel();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(calls, [2]);
});

test("a new record has every field, its template and the first free id", () => {
  const S = studio();
  const ed = editor(S, {title: "T", stages: [{id: "s1", prompt_html: "", points: 1, options: []}]});
  const record = ed.newRecord("stage", ed.content.stages);
  assert.deepEqual(json(record), {id: "s2", prompt_html: "<p>New stage</p>", points: 1, options: []});
});

test("ids by letter among siblings, tagged by the list's tag key", () => {
  const S = studio();
  const options = [{type: "choice", id: "a", text: "x", next: "s1"}];
  const ed = editor(S, {title: "", stages: [{id: "s1", options: options}]});
  assert.deepEqual(json(ed.newRecord("option", options)), {type: "choice", id: "b", text: "", next: "s1"});
  assert.equal(ed.itemType(SCHEMA.types.stage.fields[3], options[0]), "option");
});

test("defaults follow the field's kind", () => {
  const S = studio();
  const ed = editor(S, {});
  assert.equal(ed.defaultFor({kind: "bool"}), false);
  assert.equal(ed.defaultFor({kind: "int"}), null);
  assert.equal(ed.defaultFor({kind: "int", nullable: true}), null);
  assert.deepEqual(json(ed.defaultFor({kind: "list"})), []);
  assert.equal(ed.defaultFor({kind: "text"}), "");
  const listDefault = {kind: "list", default: ["x"]};
  assert.deepEqual(json(ed.defaultFor(listDefault)), ["x"]);
  assert.notEqual(ed.defaultFor(listDefault), listDefault.default);  // a copy, not the schema's
});

test("summaries and reference options read author HTML as text", () => {
  // plain() reads author HTML through a detached element: give the context a minimal one
  const window = load(["static/js/asn_common.js", ...bundleModules("studio")]);
  window.document.createElement = () => {
    const box = {};
    Object.defineProperty(box, "innerHTML", {set(html) { box.textContent = html.replace(/<[^>]*>/g, " "); }});
    return box;
  };
  const S = window.AsnXBlocks.studio;
  const ed = editor(S, {title: "", stages: [
    {id: "s1", prompt_html: "<p>Read the <b>letter</b> from the regent's office carefully</p>", options: []},
    {id: "s2", prompt_html: "", options: []}
  ]});
  assert.equal(ed.summary("stage", ed.content.stages[0]), "Stage s1: Read the letter from the regent's office carefully");
  assert.deepEqual(json(ed.refOptions(["stage"])), [
    ["s1", "Stage s1 — Read the letter from the regent's offic…"],  // 40 characters at most
    ["s2", "Stage s2"]
  ]);
});

test("ids in scope cover the whole block, except the record itself", () => {
  const S = studio();
  const stages = [{id: "s1", options: []}, {id: "s3", options: []}];
  const ed = editor(S, {title: "", stages: stages});
  assert.deepEqual(json(ed.idsInScope("stage", stages, stages[0])), {s3: true});
  assert.equal(ed.newId("stage", stages), "s2");
});

// A list shown as a tree by its codes (the classification scheme): sorted part by part,
// each code under its nearest ancestor present, depth = number of separators.
test("treeOrder sorts codes as a tree under their nearest present ancestor", () => {
  const S = studio();
  const list = [{code: "000.1.10"}, {code: "100"}, {code: "000.1.2"}, {code: ""}, {code: "000"},
    {code: "000.1"}, {code: "100.2.5"}, {code: "000.1."}];
  const roots = json(S.treeOrder(list, "code", "."));
  const flat = [];
  (function visit(nodes, level) {
    nodes.forEach((n) => { flat.push([n.code, n.depth, level]); visit(n.children, level + 1); });
  }(roots, 1));
  assert.deepEqual(flat, [
    ["000", 0, 1], ["000.1", 1, 2], ["000.1.", 2, 3], ["000.1.2", 2, 3], ["000.1.10", 2, 3],
    ["100", 0, 1], ["100.2.5", 2, 2], ["", 0, 1]
  ]);
  assert.equal(roots[0].index, 4);
  assert.deepEqual(list.map((x) => x.code)[0], "000.1.10", "the list itself is not reordered");
});

test("compareCodes orders numeric parts by value and a code before its children", () => {
  const S = studio();
  assert.ok(S.compareCodes("000.1.2", "000.1.10", ".") < 0);
  assert.ok(S.compareCodes("000.1", "000.1.2", ".") < 0);
  assert.ok(S.compareCodes("B.2", "A.9", ".") > 0);
  assert.equal(S.compareCodes("800.1", "800.1", "."), 0);
  assert.equal(json(S.treeOrder([{code: "a"}, {code: "a"}], "code", ".")).length, 2, "duplicates stay");
});

test("previewTypes reads at_type as one type or a list of types", () => {
  const S = studio();
  const ed = Object.create(S.Editor.prototype);
  ed.previewInfo = {};
  assert.deepEqual(json(ed.previewTypes()), []);
  ed.previewInfo = {at_type: "stage"};
  assert.deepEqual(json(ed.previewTypes()), ["stage"]);
  ed.previewInfo = {at_type: ["request", "record"]};
  assert.deepEqual(json(ed.previewTypes()), ["request", "record"]);
});

test("summary adds the summary_more field (a code and its label)", () => {
  const S = studio();
  const ed = Object.create(S.Editor.prototype);
  ed.schema = {root: "c", types: {c: {label: "C", fields: []},
    code: {label: "Classification code", summary: "code", summary_more: "label", fields: []}}};
  assert.equal(ed.summary("code", {code: "000.5", label: "Correspondence"}), "Classification code: 000.5 — Correspondence");
  assert.equal(ed.summary("code", {code: "000.5", label: ""}), "Classification code: 000.5");
  assert.equal(ed.summary("code", {code: "", label: "Correspondence"}), "Classification code: Correspondence");
  assert.ok(ed.isSummaryKey("code", "label") && ed.isSummaryKey("code", "code") && !ed.isSummaryKey("code", "x"));
});
