"""Generate a large, valid records-filing desk (``asn_digital_service`` OLX) for benchmarks.

``generate(n_records, seed, n_codes=1000)`` is deterministic. The classification scheme is a
three-level tree (``000`` → ``000.1`` → ``000.1.1``) of ``n_codes`` codes; as in a real JRA
(and the demo's), retention rows sit on every top-level code and on some parent codes, so
most records' retention comes from an ancestor's row. Records carry one document and an
explanation each and mix access classes, kinds and priorities. The content validates with no
errors and no warnings.

Usage: ``python benchmarks/gen_records.py 500 7 > records.xml``
"""
from __future__ import annotations

import datetime as _dt
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from asn_xblocks.core.olx import to_string
from asn_xblocks.digital_service import archive
from asn_xblocks.digital_service.documents import Document, Field
from asn_xblocks.digital_service.model import Content, export

START = _dt.date(2026, 1, 5)


def scheme(n_codes: int) -> list[str]:
    """``n_codes`` codes, parents first: 10 top-level codes, 9 children each, then third-level
    codes spread evenly under the second level until the count is reached."""
    tops = [f"{i}00" for i in range(10)]
    seconds = [f"{top}.{j}" for top in tops for j in range(1, 10)]
    codes = tops + seconds
    k = 1
    while len(codes) < n_codes:
        for second in seconds:
            if len(codes) >= n_codes:
                break
            codes.append(f"{second}.{k}")
        k += 1
    return codes


def generate(n_records: int, seed: int, n_codes: int = 1000) -> str:
    rng = random.Random(seed)
    codes = scheme(n_codes)
    classifications = [archive.Classification(code, f"Klasifikasi {code}") for code in codes]
    retentions = []
    for code in codes:
        depth = code.count(".")
        # every top-level code has a row (so every code finds one); a third of the second
        # level and a tenth of the third level have rows of their own
        if depth == 0 or (depth == 1 and rng.random() < 1 / 3) or (depth == 2 and rng.random() < 0.1):
            retentions.append(archive.Retention(
                code=code, active=str(rng.randint(1, 5)), inactive=str(rng.randint(0, 10)),
                disposition=rng.choice(archive.DISPOSITIONS),
                note="setelah kegiatan selesai" if rng.random() < 0.1 else ""))
    leaves = [code for code in codes if code.count(".") == 2]
    records = []
    for i in range(1, n_records + 1):
        code = rng.choice(leaves)
        records.append(archive.Record(
            id=f"a{i}", title=f"Naskah dinas {i} (contoh fiktif)",
            kind=rng.choice(archive.RECORD_KINDS),
            dated=(START + _dt.timedelta(days=rng.randrange(300))).isoformat(),
            sender=f"Instansi Pengirim {i % 37}", code=code,
            access=rng.choice(archive.ACCESS_CLASSES),
            priority="urgent" if rng.random() < 0.2 else "normal",
            documents=[Document(id="d1", type="surat", title=f"Surat Nomor B-{i}/{code}/2026",
                                fields=[Field("Perihal", f"Perihal naskah {i}"),
                                        Field("Lampiran", f"{rng.randint(0, 3)} berkas")])],
            note_html=f"<p>Catatan untuk naskah {i}.</p>" if rng.random() < 0.3 else "",
            explain_html=f"<p>Naskah {i} diberkaskan dengan kode {code}.</p>"))
    content = Content(intro_html="<p>Pemberkasan arsip uji beban (contoh fiktif).</p>",
                      lang="id", classifications=classifications, retentions=retentions,
                      records=records)
    root = export(content)
    root.set("display_name", f"Benchmark records ({n_records} records, {n_codes} codes)")
    return to_string(root)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.stdout.write(generate(count, seed))
