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
# the desks whose queue is service requests only (01_ to 09_) and those that hold records
SERVICE_DEMOS = [p for p in DEMO_FILES if p.name[:2] < "10"]
RECORD_DEMOS = [p for p in DEMO_FILES if p.name[:2] >= "10"]

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


# A records desk: a small scheme where 000.5 carries the JRA row of its child 000.5.2 (the
# "row on the parent" trap), a personnel code whose letters are limited, and a code kept
# permanently. Secrets are marked so that leak tests can look for them.
RECORDS = """<asn_digital_service display_name="Arsip" max_attempts="2" {root_attrs}>
  <intro><p>Meja arsip uji (contoh fiktif).</p></intro>
  <classification code="000" label="Umum"/>
  <classification code="000.5" label="Ketatausahaan"/>
  <classification code="000.5.2" label="Undangan"/>
  <classification code="000.9" label="Pengadaan"/>
  <classification code="800" label="Kepegawaian"/>
  <classification code="800.1" label="Pengadaan Pegawai"/>
  <classification code="800.2" label="Mutasi"/>
  <retention code="000" active="1" inactive="1" disposition="musnah"/>
  <retention code="000.5" active="2" inactive="3" disposition="musnah"/>
  <retention code="000.9" active="3" inactive="7" disposition="dinilai_kembali"/>
  <retention code="800" active="2" inactive="5" disposition="dinilai_kembali"/>
  <retention code="800.1" active="5" inactive="10" disposition="permanen"/>
  <retention code="800.2" active="3" inactive="5" disposition="musnah"/>
  <record id="x1" title="Undangan rapat koordinasi" kind="incoming" dated="2026-03-16"
          sender="Bappeda" code="000.5.2" access="biasa">
    <document id="d1" type="surat" title="Surat undangan"><field name="Perihal">Undangan rapat</field></document>
    <explain><p>SECRET-EXPLAIN-X1 undangan, baris JRA pada induk.</p></explain>
  </record>
  <record id="x2" title="Usul mutasi pegawai" kind="incoming" dated="2026-03-17"
          sender="Sekretariat" code="800.2" access="terbatas" priority="urgent">
    <document id="d1" type="surat" title="Nota dinas"><field name="Perihal">Usul mutasi</field></document>
    <explain><p>SECRET-EXPLAIN-X2 data pribadi pegawai.</p></explain>
  </record>
  <record id="x3" title="Keputusan pengangkatan CPNS" kind="outgoing" dated="2026-03-18"
          recipient="BKN" code="800.1" access="rahasia">
    <document id="d1" type="sk" title="Salinan SK"><field name="Nomor">SK-12/BKPSDM/2026</field></document>
    <explain><p>SECRET-EXPLAIN-X3 disimpan permanen.</p></explain>
  </record>
</asn_digital_service>
"""


def records_desk(root_attrs: str = ""):
    return CORE.parse(parse_olx(RECORDS.format(root_attrs=root_attrs)))


def right_record_form(content, record_id: str) -> dict:
    """The form a careful archivist would submit."""
    from asn_xblocks.digital_service import archive

    record = content.record(record_id)
    row = archive.retention_for(record.code, content.schedule())
    return {"code": record.code, "access": record.access, "active": int(row.active),
            "inactive": int(row.inactive), "disposition": row.disposition}


def file_record(content, attempt, record_id, form=None):
    form = right_record_form(content, record_id) if form is None else form
    return CORE.apply_action(content, attempt,
                             {"type": "submit_record", "record": record_id, "form": form})


def submit_task(content, attempt, task_id):
    """Submit the right form for a request or a record."""
    if content.record(task_id) is not None:
        return file_record(content, attempt, task_id)
    return submit(content, attempt, task_id)
