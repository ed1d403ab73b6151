// Loads the real front-end scripts (static/js/...) into a fresh context, as a page's <script>
// elements would: each file runs with `window` as its global object. Only what the pure
// helpers touch is provided (no DOM): `document.documentElement.lang` for number formats.
import {readFileSync, readdirSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import vm from "node:vm";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The modules of bundle `name` (static/js/src/<name>/), in the order the build joins them. */
export function bundleModules(name) {
  const folder = join("static", "js", "src", name);
  return readdirSync(join(ROOT, folder)).filter((f) => f.endsWith(".js")).sort()
    .map((f) => join(folder, f));
}

/** Runs `paths` (relative to the repository) in one new context; returns its window. */
export function load(paths, {lang = "en"} = {}) {
  const window = {
    document: {documentElement: {lang}, cookie: ""},
    setTimeout, clearTimeout, console
  };
  window.window = window;
  vm.createContext(window);
  for (const path of paths) { run(window, path); }
  return window;
}

/** Runs one more script in the context of a window `load` made. */
export function run(window, path) {
  vm.runInContext(readFileSync(join(ROOT, path), "utf-8"), window, {filename: path});
}

/** A recording stand-in for the DOM calls the scripts make (createElement, createTextNode
 * and what they call on a node): enough to see what reached the page and by which path —
 * text nodes (`{text}`), author HTML (`innerHTMLSet`), attributes, listeners. Setting
 * `textContent` empties a node, as the DOM does. Returns `window`. */
export function fakeDocument(window) {
  window.document.createElement = (tag) => {
    const node = {
      tag, attributes: {}, children: [], listeners: {}, innerHTMLSet: null, disabled: false,
      classList: {toggle() {}, add() {}},
      setAttribute(key, value) { this.attributes[key] = value; },
      getAttribute(key) { return this.attributes[key]; },
      addEventListener(type, fn) { this.listeners[type] = fn; },
      appendChild(child) { this.children.push(child); return child; },
      focus() { window.focused = this; }
    };
    Object.defineProperty(node, "innerHTML", {set(html) { node.innerHTMLSet = html; }});
    Object.defineProperty(node, "textContent", {
      get() { return node._text || ""; },
      set(text) { node._text = text; node.children = []; }
    });
    return node;
  };
  window.document.createTextNode = (text) => ({text});
  return window;
}
