"""The fhir export: pain marks as a FHIR R4 Bundle of Observations (domain.md s.8), and
medication doses as MedicationStatements (:mod:`fibrodesk.io.fhir_medication`).

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
from .fhir_medication import is_medication, medication_statement

FHIR_TABLES = ("entry", "pain_mark", "treatment", "treatment_dose")
"""The tables the bundle is made from."""

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
REGION_SYSTEM = "urn:fibrodesk:region"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"

BANDS: tuple[tuple[int, int, str, str], ...] = (
    (7, 9, "76948002", "Severe pain"),
    (10, 10, "67849003", "Excruciating pain"),
)
"""(lowest, highest, SNOMED CT code, display) of the severity bands whose code and meaning
a public source confirms (domain.md s.8):

* 76948002 |Severe pain (finding)|: HL7 Denmark DK Core IG, example ``ElsePainVRS``
  (github.com/hl7dk/dk-core, ``input/fsh``), a VRS "severe pain" answer;
* 67849003 |Excruciating pain|: the CADEC corpus' SNOMED CT annotations
  ("67849003 | Excruciating pain |").

The other bands (301379001, 40196000, 50415004 for none, mild, moderate) were not found
with their meaning in any public source checked, so scores 0 to 6 carry no band:
``valueInteger`` holds the score itself."""

LEG_SITES: dict[tuple[str, str], tuple[str, str]] = {
    ("groin", "left"): ("85119005", "Left inguinal region structure"),
    ("groin", "right"): ("37117007", "Right inguinal region structure"),
    ("thigh", "left"): ("61396006", "Structure of left thigh"),
    ("thigh", "right"): ("11207009", "Structure of right thigh"),
    ("knee", "left"): ("82169009", "Structure of left knee region"),
    ("knee", "right"): ("6757004", "Structure of right knee region"),
    ("lower_leg", "left"): ("48979004", "Structure of left lower leg"),
    ("lower_leg", "right"): ("32696007", "Structure of right lower leg"),
    ("ankle", "left"): ("51636004", "Structure of left ankle"),
    ("ankle", "right"): ("6685009", "Structure of right ankle"),
    ("foot", "left"): ("239919000", "Entire left foot"),
    ("foot", "right"): ("239830003", "Entire right foot"),
    ("hip", "left"): ("287679003", "Left hip region structure"),
    ("hip", "right"): ("287579007", "Right hip region structure"),
    ("buttock", "left"): ("723979003", "Structure of left buttock"),
    ("buttock", "right"): ("723980000", "Structure of right buttock"),
}
"""SNOMED CT body structures with laterality (pre-coordinated left/right concepts), by
part and side. Each code and display was checked against a public source:

* thigh, knee region, lower leg, ankle, hip region, entire foot: the IHE PCC Paramedicine
  Summary of Care IG, ValueSet ``Physical.Finding.of.Extremities.TargetSite.VS``
  (https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Extremities.TargetSite.VS.html;
  source github.com/IHE/PCC.PCS, ``input/fsh``);
* left and right inguinal region (85119005, 37117007): a DICOM-derived anatomy table
  (``LINGUINAL`` -> 85119005 "Left inguinal region") and an HL7 FSH body-site value set
  for sensor placement listing both, with the same displays;
* left and right buttock (723979003, 723980000): NHS England's vaccination service
  delivery sites ("Structure of left/right buttock (body structure)") and the
  ezmedicationinput body-site table, which agree.

Where a region is a part of one of these (the calf and the shin of the lower leg, the
heel, sole and top of the foot), the containing structure is coded: true, if less
detailed; the detail stays in the FibroDesk region coding and the text."""

LEG_PART: dict[str, str] = {
    "groin": "groin",
    "thigh_front": "thigh",
    "thigh_inner": "thigh",
    "thigh_outer": "thigh",
    "thigh_back": "thigh",
    "knee_front": "knee",
    "knee_inner": "knee",
    "knee_back": "knee",
    "shin": "lower_leg",
    "calf": "lower_leg",
    "ankle": "ankle",
    "foot_top": "foot",
    "sole": "foot",
    "heel": "foot",
    "buttock": "buttock",
    "hip_outer": "hip",
}
"""Each of the 16 leg-region stems (domain.md s.1) and the structure it is coded as."""

BODY_STRUCTURES: dict[str, tuple[str, str]] = {
    "shoulder": ("16982005", "Shoulder region structure"),
    "upper_arm": ("40983000", "Structure of upper limb between shoulder and elbow"),
    "lower_arm": ("14975008", "Forearm structure"),
    "hand": ("85562004", "Hand structure"),
    "head": ("69536005", "Head structure"),
    "neck": ("45048000", "Neck structure"),
    "chest": ("51185008", "Thoracic structure"),
}
"""SNOMED CT body structures of upper-body stems (no side), kept from the earlier export;
jaw, upper and lower back and abdomen carry the FibroDesk region code and text only."""


def body_site(stem: str, side: str | None) -> tuple[str, str] | None:
    """The SNOMED CT ``(code, display)`` of a region, with its side for a leg region."""
    part = LEG_PART.get(stem)
    if part is not None:
        return LEG_SITES.get((part, side or ""))
    return BODY_STRUCTURES.get(stem)


def band(intensity: int) -> tuple[str, str] | None:
    """The verified SNOMED CT severity band ``(code, display)`` of a 0-10 score, or None
    where no verified band covers it."""
    if not 0 <= intensity <= 10:
        raise ValueError(f"pain intensity {intensity} is outside 0 to 10")
    for lo, hi, code, display in BANDS:
        if lo <= intensity <= hi:
            return code, display
    return None


def _full_url(record_id: str, table: str = "pain_mark") -> str:
    try:
        return f"urn:uuid:{uuid.UUID(record_id)}"
    except ValueError:  # an id that is not a UUID still gets a stable one
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:fibrodesk:{table}:' + record_id)}"


def _statements(tables: dict[str, Any]) -> Any:
    """``(dose, treatment)`` of every medication dose, in the tables' order."""
    treatments = {row["id"]: row for row in tables.get("treatment", [])}
    for dose in tables.get("treatment_dose", []):
        treatment = treatments.get(dose["treatment_id"])
        if is_medication(treatment):
            yield dose, treatment


def _statement_item(dose: r.Row, treatment: r.Row) -> dict[str, Any]:
    return {
        "fullUrl": _full_url(dose["id"], "treatment_dose"),
        "resource": medication_statement(dose, treatment),
    }


def observation(mark: r.Row, entry: r.Row) -> dict[str, Any]:
    """The Observation for one pain mark and the entry it belongs to."""
    region = catalogue().region(mark["region"])
    site_codes: list[dict[str, str]] = []
    structure = body_site(region.stem, region.side)
    if structure is not None:
        code, display = structure
        site_codes.append({"system": SNOMED, "code": code, "display": display})
    site_codes.append({"system": REGION_SYSTEM, "code": region.id, "display": region.label})
    severity = band(mark["intensity"])
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
        "bodySite": {"coding": site_codes, "text": region.label},
    }
    if severity is not None:
        resource["interpretation"] = [
            {
                "coding": [{"system": SNOMED, "code": severity[0], "display": severity[1]}],
                "text": severity[1],
            }
        ]
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
        ]
        + [_statement_item(dose, treatment) for dose, treatment in _statements(tables)],
    }


def write_fhir(out: Path, start: date | None = None, end: date | None = None) -> str:
    """Write the pain marks (of the range) as a FHIR R4 Bundle, each Observation as its
    mark is read (the bundle is never held whole), then a MedicationStatement per
    medication dose; returns what was written."""
    out = r.check_target(out)
    count = statements = 0
    with r.snapshot():
        tables = r.collect(start, end, only=FHIR_TABLES, stream=True)
        entries = {row["id"]: row for row in tables["entry"]}
        head = {
            "resourceType": "Bundle",
            "id": str(uuid.uuid4()),
            "type": "collection",
            "timestamp": iso(now()),
        }
        with r.atomic_stream(out) as fh:
            fh.write(json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "entry": [')
            for mark in tables["pain_mark"]:
                item = {
                    "fullUrl": _full_url(mark["id"]),
                    "resource": observation(mark, entries[mark["entry_id"]]),
                }
                text = (", " if count else "") + json.dumps(item, ensure_ascii=False)
                fh.write(text.encode("utf-8", "backslashreplace"))
                count += 1
            for dose, treatment in _statements(tables):
                item = _statement_item(dose, treatment)
                text = (", " if count + statements else "") + json.dumps(item, ensure_ascii=False)
                fh.write(text.encode("utf-8", "backslashreplace"))
                statements += 1
            fh.write(b"]}")
    said = f"{count:,} pain observation{'s' if count != 1 else ''}"
    if statements:
        said += f", {statements:,} medication statement{'s' if statements != 1 else ''}"
    return f"Wrote {out} ({said})."
