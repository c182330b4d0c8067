"""The fhir export: pain marks as a FHIR R4 Bundle of Observations (domain.md s.8).

One Observation per pain mark:

* ``status`` final, ``category`` survey, ``code`` LOINC 72514-3 "Pain severity - 0-10
  verbal numeric rating [Score] - Reported", ``valueInteger`` the intensity 0-10;
* ``effectiveDateTime`` the entry's local time with its UTC offset;
* ``bodySite``: ``text`` the region's label (side included), a coding in
  ``urn:fibrodesk:region`` with the full region id, and a SNOMED CT body-structure coding
  only for regions whose concept was checked (the side stays in the text and the region
  code; SNOMED's laterality qualifiers are not post-coordinated here);
* ``interpretation``: the SNOMED CT severity band of the score (0 none, 1-3 mild, 4-6
  moderate, 7-9 severe, 10 the worst);
* ``id`` the pain mark's id and ``fullUrl`` ``urn:uuid:<id>``.

The Bundle is a ``collection``: a set of resources for a clinician's system, not a
transaction; there is no Patient resource because the diary names nobody.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now

from . import records as r

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
REGION_SYSTEM = "urn:fibrodesk:region"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"

BANDS: tuple[tuple[int, int, str, str], ...] = (
    (0, 0, "301379001", "No pain"),
    (1, 3, "40196000", "Mild pain"),
    (4, 6, "50415004", "Moderate pain"),
    (7, 9, "76948002", "Severe pain"),
    (10, 10, "67849003", "Excruciating pain"),
)
"""(lowest, highest, SNOMED CT code, display) per severity band, domain.md s.8."""

BODY_STRUCTURES: dict[str, tuple[str, str]] = {
    "hip_outer": ("29836001", "Hip region structure"),
    "thigh_front": ("68367000", "Thigh structure"),
    "thigh_inner": ("68367000", "Thigh structure"),
    "thigh_outer": ("68367000", "Thigh structure"),
    "thigh_back": ("68367000", "Thigh structure"),
    "knee_front": ("72696002", "Knee region structure"),
    "knee_inner": ("72696002", "Knee region structure"),
    "knee_back": ("72696002", "Knee region structure"),
    "shin": ("78234002", "Shin structure"),
    "calf": ("53840002", "Calf of leg"),
    "ankle": ("344001", "Ankle region structure"),
    "heel": ("76853006", "Heel structure"),
    "foot_top": ("56459004", "Foot structure"),
    "sole": ("56459004", "Foot structure"),
    "buttock": ("46862004", "Buttock structure"),
    "shoulder": ("16982005", "Shoulder region structure"),
    "upper_arm": ("40983000", "Structure of upper limb between shoulder and elbow"),
    "lower_arm": ("14975008", "Forearm structure"),
    "hand": ("85562004", "Hand structure"),
    "head": ("69536005", "Head structure"),
    "neck": ("45048000", "Neck structure"),
    "chest": ("51185008", "Thoracic structure"),
}
"""SNOMED CT body structures by region stem, only where the concept was checked against
published value sets; groin, jaw, upper and lower back and abdomen carry the FibroDesk
region code and the text only."""


def band(intensity: int) -> tuple[str, str]:
    """The SNOMED CT severity band ``(code, display)`` of a 0-10 score."""
    for lo, hi, code, display in BANDS:
        if lo <= intensity <= hi:
            return code, display
    raise ValueError(f"pain intensity {intensity} is outside 0 to 10")


def _full_url(record_id: str) -> str:
    try:
        return f"urn:uuid:{uuid.UUID(record_id)}"
    except ValueError:  # an id that is not a UUID still gets a stable one
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:fibrodesk:pain_mark:' + record_id)}"


def observation(mark: r.Row, entry: r.Row) -> dict[str, Any]:
    """The Observation for one pain mark and the entry it belongs to."""
    region = catalogue().region(mark["region"])
    site_codes = [{"system": REGION_SYSTEM, "code": region.id, "display": region.label}]
    if region.stem in BODY_STRUCTURES:
        code, display = BODY_STRUCTURES[region.stem]
        site_codes.append({"system": SNOMED, "code": code, "display": display})
    band_code, band_display = band(mark["intensity"])
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": mark["id"],
        "status": "final",
        "category": [
            {"coding": [{"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}
        ],
        "code": {
            "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
            "text": "Pain severity (0-10)",
        },
        "effectiveDateTime": entry["recorded_at"],
        "valueInteger": mark["intensity"],
        "interpretation": [
            {
                "coding": [{"system": SNOMED, "code": band_code, "display": band_display}],
                "text": band_display,
            }
        ],
        "bodySite": {"coding": site_codes, "text": region.label},
    }
    notes = []
    if mark["qualities"]:
        labels = [
            catalogue().qualities[q].label.lower() if q in catalogue().qualities else q
            for q in mark["qualities"].split(";")
        ]
        notes.append({"text": "Qualities: " + ", ".join(labels) + "."})
    if mark["note"]:
        notes.append({"text": mark["note"]})
    if notes:
        resource["note"] = notes
    return resource


def bundle(tables: dict[str, list[r.Row]]) -> dict[str, Any]:
    entries = {row["id"]: row for row in tables.get("entry", [])}
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": iso(now()),
        "entry": [
            {
                "fullUrl": _full_url(mark["id"]),
                "resource": observation(mark, entries[mark["entry_id"]]),
            }
            for mark in tables.get("pain_mark", [])
        ],
    }


def write_fhir(out: Path, start: date | None = None, end: date | None = None) -> str:
    """Write the pain marks (of the range) as a FHIR R4 Bundle; returns what was written."""
    out = r.check_target(out)
    tables = r.collect(start, end, only=("entry", "pain_mark"))
    doc = bundle(tables)
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8", "backslashreplace")
    r.atomic_write(out, data)
    count = len(doc["entry"])
    return f"Wrote {out} ({count:,} pain observation{'s' if count != 1 else ''})."
