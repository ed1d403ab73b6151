"""Shared fixtures for the digital-service unit tests (imported by the test_ds_* modules).

Named test_* only because this folder holds test files only; it defines no tests.
"""
from __future__ import annotations

from pathlib import Path

from asn_xblocks.core.olx import parse_olx
from asn_xblocks.digital_service import rules
from asn_xblocks.digital_service.core import CORE

ROOT = Path(__file__).resolve().parents[3]
DEMO_DIR = ROOT / "asn_xblocks" / "demo" / "scenarios" / "asn_digital_service"
DEMO_FILES = sorted(DEMO_DIR.glob("*.xml"))

DESK = """<asn_digital_service display_name="Desk" max_attempts="2" weight="10" {root_attrs}>
  <intro><p>Meja layanan uji (contoh fiktif).</p></intro>
  <unit id="dpm" name="DPMPTSP"/>
  <unit id="dinkop" name="Dinas Koperasi"/>
  <holiday date="2026-03-19"/>
  <holiday date="2026-03-20"/>
  <service id="izin" name="Izin Usaha Mikro" sla_days="3" unit="dpm" fee="150000">
    <requirement id="ktp" label="KTP-el" document="ktp" competency="akuntabel"/>
    <requirement id="npwp" label="NPWP" document="npwp"/>
  </service>
  <request id="a" service="izin" applicant="Siti" submitted="2026-03-16">
    <document id="d1" type="ktp" title="KTP Siti"><field name="NIK">3299000000000001</field></document>
    <document id="d2" type="npwp" title="NPWP Siti"><field name="NPWP">12.345</field></document>
  </request>
  <request id="b" service="izin" applicant="Budi" submitted="2026-03-13" priority="urgent">
    <document id="d1" type="ktp" title="KTP Budi"><field name="NIK">3299000000000002</field></document>
    <document id="d2" type="npwp" title="NPWP Budi" valid="false" issue="SECRET-ISSUE-B nama berbeda">
      <field name="Nama">BUDIMAN</field>
    </document>
    <note><p>Catatan berkas Budi.</p></note>
  </request>
  <request id="c" service="izin" applicant="Koperasi Maju" submitted="2026-03-18" eligible="false"
           reason="SECRET-REASON-C modal usaha di atas batas usaha mikro."
           route="dinkop" competency="pengambilan_keputusan">
    <document id="d1" type="ktp" title="KTP Ketua"><field name="NIK">3299000000000003</field></document>
  </request>
</asn_digital_service>
"""


def desk(root_attrs: str = ""):
    return CORE.parse(parse_olx(DESK.format(root_attrs=root_attrs)))


def parse_text(text: str):
    return CORE.parse(parse_olx(text))


def right_form(content, request_id: str) -> dict:
    """The form a perfect desk officer would submit."""
    truth = rules.expected(content, content.request(request_id))
    return {"requirements": {t.requirement.id: {"met": t.met} for t in truth.requirements},
            "decision": truth.decision, "route": truth.route, "due": truth.due_date.isoformat()}


def submit(content, attempt, request_id, form=None):
    form = right_form(content, request_id) if form is None else form
    return CORE.apply_action(content, attempt,
                             {"type": "submit_request", "request": request_id, "form": form})
