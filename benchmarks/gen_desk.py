"""Generate a large, valid service desk (``asn_digital_service`` OLX) for benchmarks.

``generate(n_requests, seed)`` is deterministic: the same arguments give the same text, so
timings compare across runs. The desk mixes valid, invalid and missing documents, eligible
and ineligible applicants, route overrides, urgent requests and holidays, so every grading
path is exercised. The content validates with no errors and no warnings.

Usage: ``python benchmarks/gen_desk.py 500 7 > desk.xml``
"""
from __future__ import annotations

import datetime as _dt
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from asn_xblocks.core.olx import to_string
from asn_xblocks.digital_service.model import Content, Document, Field, Request, Requirement, Service, Unit, export

DOC_TYPES = ["ktp", "kk", "nib", "npwp", "domisili", "akta", "foto", "skl", "pkp", "imb"]
N_UNITS = 6
N_SERVICES = 8
START = _dt.date(2026, 1, 5)


def _nik(rng: random.Random) -> str:
    return "3299" + "".join(str(rng.randrange(10)) for _ in range(12))


def generate(n_requests: int, seed: int) -> str:
    rng = random.Random(seed)
    units = [Unit(f"u{i}", f"Unit Layanan {i}") for i in range(1, N_UNITS + 1)]
    holidays = sorted({(START + _dt.timedelta(days=rng.randrange(300))).isoformat()
                       for _ in range(12)})
    services = []
    for i in range(1, N_SERVICES + 1):
        types = rng.sample(DOC_TYPES, rng.randint(2, 5))
        services.append(Service(
            id=f"s{i}", name=f"Layanan {i}", sla_days=str(rng.randint(1, 14)),
            unit=rng.choice(units).id, fee=str(rng.choice([0, 0, 50000, 150000])),
            requirements=[Requirement(id=f"q{j}", label=f"Dokumen {t.upper()}", document=t,
                                      competency=rng.choice([None, "akuntabel", "kompeten"]))
                          for j, t in enumerate(types, 1)]))
    requests = []
    for i in range(1, n_requests + 1):
        service = rng.choice(services)
        nik = _nik(rng)
        documents = []
        for j, req in enumerate(service.requirements, 1):
            roll = rng.random()
            if roll < 0.1:
                continue  # missing document
            valid = roll >= 0.2
            documents.append(Document(
                id=f"d{j}", type=req.document, title=f"{req.label} pemohon {i}", valid=valid,
                issue="" if valid else "Masa berlaku dokumen sudah habis (contoh fiktif).",
                fields=[Field("NIK", nik if valid else _nik(rng)),
                        Field("Nama", f"PEMOHON {i}"),
                        Field("Berlaku hingga", "2025-12-31" if not valid else "SEUMUR HIDUP")]))
        if not documents:  # every request carries at least one document
            req = service.requirements[0]
            documents.append(Document(id="d1", type=req.document, title=f"{req.label} pemohon {i}",
                                      fields=[Field("NIK", nik)]))
        requests.append(Request(
            id=f"r{i}", service=service.id, applicant=f"Pemohon {i} (contoh fiktif)",
            submitted=(START + _dt.timedelta(days=rng.randrange(300))).isoformat(),
            eligible=rng.random() > 0.1,
            route=rng.choice(units).id if rng.random() < 0.1 else "",
            priority="urgent" if rng.random() < 0.2 else "normal",
            documents=documents,
            note_html=f"<p>Catatan untuk berkas {i}.</p>" if rng.random() < 0.3 else ""))
    content = Content(intro_html="<p>Meja layanan uji beban (contoh fiktif).</p>",
                      shuffle=bool(seed % 2), lang="id", units=units, holidays=holidays,
                      services=services, requests=requests)
    root = export(content)
    root.set("display_name", f"Benchmark desk ({n_requests} requests)")
    return to_string(root)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.stdout.write(generate(count, seed))
