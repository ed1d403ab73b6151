#!/usr/bin/env python
"""First usable view on a slow network: how long a learner waits, in a real browser.

The workbench is served from this process (a threaded WSGI server, as Django's live-server
tests run it; responses gzip-compressed as the LMS's web server sends static files, the same
for every page) with one scenario per block page: our three blocks on their demo content and
the three anchors on theirs (``benchmarks/subjects.py``). Headless Chromium (Debian's
chromium and chromium-driver, started as tests/browser/conftest.py starts them) loads each
page through the DevTools network throttle — 400 ms latency, 50,000 B/s down and up (400
kbit/s), the browser cache disabled — as a new learner each time (``?student=``), in
Bahasa Indonesia (``?lang=id``: our blocks then load their Indonesian catalogue too).

What is timed: from navigation start until the learner can act, i.e. inside the block both
(a) a form control (button, input, select, textarea) that is enabled, visible and not in a
region still marked ``aria-busy="true"``, and (b) a visible text of 20 characters or more that
is not a control's label. A script installed before any of the page's own scripts
(``Page.addScriptToEvaluateOnNewDocument``) checks that on every DOM mutation and every
animation frame and records ``performance.now()`` — the page's own clock, whose origin is
the navigation start — the first time both hold. No sleeps: the harness waits for the
page's report. Every page also loads the workbench's own files (its CSS, jQuery, the
runtime JS, the Django JS catalogue): the same for all six, so they count alike.

branching-xblock's learner bundle appends two Paragon stylesheets from cdn.jsdelivr.net; they
are blocked here (no network to the outside on the benchmark machine, and a CDN's speed is
not the block's), which does not hold its view back: it renders without waiting for them.

Output: ``bench: first_view[NAME] ratio=X target<=0.5 ok|FAIL`` (ours ÷ the best anchor's
median) and ``bench: vs_anchor.first_view[NAME] ratio=X target<=1 ok|FAIL``, with every
block's median, p90 and bytes transferred; the workbench page with the baseline block (no
control: its DOMContentLoaded, when the page's scripts have run and a block's JS would
start) shows what every page costs before any block's own work. Runs alone::

    .venv/bin/python benchmarks/first_view.py            # 15 loads per block
    .venv/bin/python benchmarks/first_view.py --quick    # 5 loads per block (a trial)
    .venv/bin/python benchmarks/first_view.py --loads 25
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-extensions", "--lang=id-ID", "--window-size=1200,900"]
NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}
BLOCKED = ["*cdn.jsdelivr.net*"]
TARGET = 0.5

PROBE = r"""
(function () {
  var tag = new URLSearchParams(location.search).get("fv");
  if (!tag) { return; }
  window.__fv = null;
  window.__fvWaiters = [];
  var CONTROLS = "button, input, select, textarea";
  function visible(el) {
    if (el.checkVisibility) {
      return el.checkVisibility({visibilityProperty: true, opacityProperty: true});
    }
    return el.getClientRects().length > 0;
  }
  function control(root) {
    var list = root.querySelectorAll(CONTROLS);
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (el.disabled || el.type === "hidden" || el.getAttribute("aria-disabled") === "true" ||
          el.closest('[aria-busy="true"]') || !visible(el)) { continue; }
      return true;
    }
    return false;
  }
  function content(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!parent || node.data.trim().length < 20) { continue; }
      if (parent.closest('script, style, template, button, select, option, textarea, ' +
                         'label, [aria-busy="true"]')) { continue; }
      if (visible(parent)) { return true; }
    }
    return false;
  }
  function record(t) {
    window.__fv = t;
    window.__fvWaiters.forEach(function (done) { done(window.__fv); });
  }
  if (new URLSearchParams(location.search).get("fvref")) {
    // the reference page (a block with no control): the workbench page's own scripts
    // have run (DOMContentLoaded: where every block's JS starts)
    document.addEventListener("DOMContentLoaded", function () { record(performance.now()); });
    return;
  }
  function check() {
    if (window.__fv !== null) { return true; }
    var root = document.querySelector('[data-block-type="' + tag + '"]');
    if (!root || !control(root) || !content(root)) { return false; }
    record(performance.now());
    return true;
  }
  var observer = new MutationObserver(function () { if (check()) { observer.disconnect(); } });
  observer.observe(document, {subtree: true, childList: true, attributes: true,
                              characterData: true});
  (function frame() { if (!check()) { requestAnimationFrame(frame); } })();
})();
"""

WAIT = """
const done = arguments[arguments.length - 1];
const bytes = () => performance.getEntries().reduce((sum, e) => sum + (e.transferSize || 0), 0);
const files = () => performance.getEntries().filter((e) => e.transferSize)
  .map((e) => [e.name.replace(location.origin, '').split('?')[0], e.transferSize]);
const finish = (t) => done({ms: t, bytes: bytes(), files: files()});
if (window.__fv === undefined) { done({ms: null, bytes: bytes(), error: 'probe not installed'}); }
else if (window.__fv !== null) { finish(window.__fv); }
else { window.__fvWaiters.push(finish); }
"""


# --- the server -------------------------------------------------------------------------------

class Gzip:
    """gzip for text responses the browser accepts it for (as the LMS's web server sends
    static files), compressed once per distinct body."""

    TYPES = ("text/", "application/javascript", "application/x-javascript", "application/json")

    def __init__(self, app):
        self.app = app
        self.cache: dict[str, bytes] = {}

    def __call__(self, environ, start_response):
        if "gzip" not in environ.get("HTTP_ACCEPT_ENCODING", ""):
            return self.app(environ, start_response)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: captured.setdefault("written", []).append(data)

        result = self.app(environ, capture)
        try:
            body = b"".join(captured.get("written", [])) + b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = captured["headers"]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        encoded = any(k.lower() == "content-encoding" for k, _v in headers)
        if len(body) > 256 and not encoded and kind.startswith(self.TYPES):
            key = hashlib.sha256(body).hexdigest()
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, 6)
            body = self.cache[key]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
                        ("Vary", "Accept-Encoding")]
        start_response(captured["status"], headers)
        return [body]


def serve() -> tuple[object, str]:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", 0), Quiet, allow_reuse_address=False)
    httpd.set_app(Gzip(StaticFilesHandler(get_wsgi_application())))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def pages() -> list[tuple[str, str, str, str]]:
    """(name, kind, block tag, workbench scenario id) for each block, one scenario each."""
    from workbench.scenarios import add_xml_scenario

    from benchmarks import subjects as subjects_mod

    out = []
    for s in subjects_mod.subjects():
        if s.kind not in ("ours", "anchor", "baseline"):
            continue
        scenario = f"fv_{s.name}"
        add_xml_scenario(scenario, f"First view: {s.name}", s.xml)
        out.append((s.name, "reference" if s.kind == "baseline" else s.kind, s.tag, scenario))
    return out


# --- the browser ------------------------------------------------------------------------------

def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="asn-firstview-")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(180)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", NETWORK)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
    return driver, profile


def load(driver, base: str, scenario: str, tag: str, student: str, reference: bool) -> dict:
    driver.delete_all_cookies()
    driver.get(f"{base}/scenario/{scenario}/?student={student}&lang=id&fv={tag}"
               + ("&fvref=1" if reference else ""))
    return driver.execute_async_script(WAIT)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 loads per block (a trial)")
    parser.add_argument("--loads", type=int, default=15, help="timed loads per block (≥ 15)")
    args = parser.parse_args(argv)
    loads = 5 if args.quick else max(args.loads, 15)
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        print("bench: first_view not available — needs Debian's chromium and chromium-driver")
        return 0
    harness.setup("first_view.db")
    httpd, base = serve()
    blocks = pages()
    driver, profile = browser()
    print(f"== First usable view: {loads} loads per block, round-robin, latency "
          f"{NETWORK['latency']} ms, {NETWORK['downloadThroughput']:,} B/s down/up, cache "
          f"disabled ==", flush=True)
    times: dict[str, list[float]] = {name: [] for name, *_rest in blocks}
    sizes: dict[str, list[int]] = {name: [] for name, *_rest in blocks}
    files: dict[str, list] = {}
    started = time.perf_counter()
    try:
        for name, kind, tag, scenario in blocks:  # untimed: server-side caches warm
            result = load(driver, base, scenario, tag, f"fvwarm-{name}", kind == "reference")
            if result.get("ms") is None:
                print(f"bench: first_view[{name}] not available — {result.get('error')}")
        for i in range(loads):
            k = i % len(blocks)
            for name, kind, tag, scenario in blocks[k:] + blocks[:k]:
                result = load(driver, base, scenario, tag, f"fv{i}-{name}", kind == "reference")
                if result.get("ms") is not None:
                    times[name].append(float(result["ms"]))
                    sizes[name].append(int(result["bytes"]))
                    files[name] = result.get("files") or []
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        httpd.shutdown()
    for name, kind, _tag, _scenario in blocks:
        t = times[name]
        if t:
            what = ("DOMContentLoaded (a block with no control)" if kind == "reference"
                    else "usable")
            print(f"  {name} ({kind}): {what} median {median(t):.0f} ms, p90 {p90(t):.0f} ms, "
                  f"{median(sizes[name]):,.0f} B transferred (median), {len(t)} loads", flush=True)
            listing = ", ".join(f"{path} {size:,}" for path, size in
                                sorted(files.get(name, []), key=lambda item: -item[1]))
            print(f"    last load's files (bytes on the wire): {listing}", flush=True)
    reference = next((median(times[name]) for name, kind, *_r in blocks
                      if kind == "reference" and times[name]), None)
    anchors = {name: median(times[name]) for name, kind, *_r in blocks if kind == "anchor" and times[name]}
    for name, kind, *_rest in blocks:
        if kind != "ours":
            continue
        if not times[name] or not anchors:
            print(f"bench: first_view[{name}] not available — "
                  f"{'no anchor measured' if times[name] else 'no load finished'}")
            continue
        best = min(anchors, key=anchors.get)
        ours = median(times[name])
        ratio = ours / anchors[best]
        listing = ", ".join(f"{a} {v:.0f} ms" for a, v in anchors.items())
        detail = (f"median {ours:.0f} ms, p90 {p90(times[name]):.0f} ms ÷ best anchor {best} "
                  f"{anchors[best]:.0f} ms; anchors: {listing}; {len(times[name])} loads")
        if reference is not None and anchors[best] > reference:
            detail += (f"; beyond the workbench page alone ({reference:.0f} ms): "
                       f"{(ours - reference) / (anchors[best] - reference):.2f} of the best "
                       f"anchor's")
        print(f"bench: first_view[{name}] ratio={ratio:.2f} target<={TARGET:g} "
              f"{'ok' if ratio <= TARGET else 'FAIL'}  ({detail})", flush=True)
        print(f"bench: vs_anchor.first_view[{name}] ratio={ratio:.2f} target<=1 "
              f"{'ok' if ratio <= 1 else 'FAIL'}  ({detail})", flush=True)
    print(f"  total {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
