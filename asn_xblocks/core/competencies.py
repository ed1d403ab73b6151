"""The built-in competency catalogue (PRODUCT.md "Competencies").

Labels are English source strings marked for translation; blocks may declare more with
``<competency id="..." label="..."/>`` and those labels are the author's own text.
"""
from __future__ import annotations

from .i18n import N_

MANAGERIAL = {
    "integritas": N_("Integrity"),
    "kerja_sama": N_("Cooperation"),
    "komunikasi": N_("Communication"),
    "orientasi_hasil": N_("Results orientation"),
    "pelayanan_publik": N_("Public service"),
    "pengembangan_diri": N_("Developing self and others"),
    "mengelola_perubahan": N_("Managing change"),
    "pengambilan_keputusan": N_("Decision making"),
    "perekat_bangsa": N_("National unity"),
}

BERAKHLAK = {
    "berorientasi_pelayanan": N_("Service oriented"),
    "akuntabel": N_("Accountable"),
    "kompeten": N_("Competent"),
    "harmonis": N_("Harmonious"),
    "loyal": N_("Loyal"),
    "adaptif": N_("Adaptive"),
    "kolaboratif": N_("Collaborative"),
}

BUILT_IN: dict[str, str] = {**MANAGERIAL, **BERAKHLAK}


def is_known(competency_id: str, declared: dict[str, str]) -> bool:
    return competency_id in BUILT_IN or competency_id in declared


def label(competency_id: str, declared: dict[str, str], gettext=None) -> str:
    """Declared labels win (the author's words); built-ins are translated; else the id."""
    if competency_id in declared:
        return declared[competency_id]
    if competency_id in BUILT_IN:
        return gettext(BUILT_IN[competency_id]) if gettext else BUILT_IN[competency_id]
    return competency_id
