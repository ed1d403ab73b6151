"""The browser's number helpers (asn_common.js ``fmtNum`` / ``fmtPercent``) write numbers as
the server's formatter does (core/formatting.py): the few numbers the browser computes
itself read like the ones the server sends. Runs the helpers in Node (a subprocess)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from asn_xblocks.core.formatting import format_number, format_percent

ROOT = Path(__file__).resolve().parents[2]


SAMPLES = [0, 0.04, -0.04, 1 / 3, 2 / 3, 10, 33.35, 87.5, 99.96, 1234.5, 1234567.25, -1.25]


def test_the_browser_helpers_follow_the_same_rule():
    """asn_common.js fmtNum / fmtPercent, run by Node, against format_number / format_percent."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed")
    source = (ROOT / "static" / "js" / "asn_common.js").read_text(encoding="utf-8")
    start = source.index("  function isIndonesian()")
    end = source.index("function fmtPercent(")
    end = source.index("\n  }\n", end) + 4
    script = (
        "var samples = " + json.dumps(SAMPLES) + "; var out = {};\n"
        "['id', 'en'].forEach(function (lang) {\n"
        "  var document = {documentElement: {lang: lang}};\n"
        "  var helpers = new Function('document', " + json.dumps(source[start:end])
        + " + '; return [fmtNum, fmtPercent];')(document);\n"
        "  out[lang] = samples.map(function (v) {\n"
        "    return [helpers[0](v), helpers[0](v, 2), helpers[1](v)]; });\n"
        "});\n"
        "console.log(JSON.stringify(out));\n")
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60,
                            check=True)
    browser = json.loads(result.stdout)
    for lang in ("id", "en"):
        server = [[format_number(v, lang), format_number(v, lang, 2), format_percent(v / 100, lang)]
                  for v in SAMPLES]
        assert browser[lang] == server, lang
