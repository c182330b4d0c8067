"""The fhir export: a FHIR R4 Bundle of pain-severity Observations (domain.md s.8)."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import models as m
from fibrodesk.io import fhir
from fibrodesk.io.export import export_diary
from tests.io.fixtures.sample import build_sample

BANDS = {7: "76948002", 9: "76948002", 10: "67849003"}
"""The verified band edges (domain.md s.8: only codes a public source confirms)."""

LEG_CODES = {
    "groin": ("85119005", "37117007"),
    "thigh_front": ("61396006", "11207009"),
    "thigh_inner": ("61396006", "11207009"),
    "thigh_outer": ("61396006", "11207009"),
    "thigh_back": ("61396006", "11207009"),
    "knee_front": ("82169009", "6757004"),
    "knee_inner": ("82169009", "6757004"),
    "knee_back": ("82169009", "6757004"),
    "shin": ("48979004", "32696007"),
    "calf": ("48979004", "32696007"),
    "ankle": ("51636004", "6685009"),
    "foot_top": ("239919000", "239830003"),
    "sole": ("239919000", "239830003"),
    "heel": ("239919000", "239830003"),
    "buttock": ("723979003", "723980000"),
    "hip_outer": ("287679003", "287579007"),
}
"""(left, right) SNOMED CT code of each leg-region stem, worked from the cited sources in
fibrodesk/io/fhir.py, written out here independently."""


def _bundle(tmp_path: Path, start: date | None = None, end: date | None = None) -> dict:
    export_diary("fhir", tmp_path / "out.json", start, end)
    return json.loads((tmp_path / "out.json").read_text("utf-8"))


def _observations(doc: dict) -> list[dict]:
    """The bundle's Observations (medication doses are MedicationStatements beside them)."""
    return [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "Observation"]


@pytest.mark.parametrize(("intensity", "code"), sorted(BANDS.items()))
def test_severity_band_edges(intensity: int, code: str) -> None:
    band = fhir.band(intensity)
    assert band is not None and band[0] == code


def test_only_verified_bands_are_given() -> None:
    assert [fhir.band(i) for i in range(7)] == [None] * 7
    assert [fhir.band(i)[0] for i in range(7, 11)] == ["76948002"] * 3 + ["67849003"]  # type: ignore[index]
    for bad in (-1, 11, 42):
        with pytest.raises(ValueError):
            fhir.band(bad)


@pytest.mark.parametrize("stem", sorted(LEG_CODES))
@pytest.mark.parametrize("side", ["left", "right"])
def test_every_leg_region_has_a_lateral_snomed_code_then_its_own(stem: str, side: str) -> None:
    region = catalogue().region(f"{stem}_{side}")
    mark = {
        "id": "00000000-0000-4000-8000-000000000001",
        "entry_id": "e",
        "region": region.id,
        "intensity": 8,
        "qualities": "",
        "note": "",
    }
    entry = {"recorded_at": "2026-03-01T08:00:00+01:00"}
    site = fhir.observation(mark, entry)["bodySite"]
    left, right = LEG_CODES[stem]
    snomed, own = site["coding"]
    assert snomed["system"] == "http://snomed.info/sct"
    assert snomed["code"] == (left if side == "left" else right)
    assert side in snomed["display"].lower()
    assert own == {"system": "urn:fibrodesk:region", "code": region.id, "display": region.label}


def test_the_bundle_validates_as_fhir_r4b(diary: Path, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    build_sample()
    doc = _bundle(tmp_path)
    parsed = Bundle.model_validate(doc)
    observations = [i for i in parsed.entry if i.resource.__resource_type__ == "Observation"]
    assert len(observations) == 12  # and the medication doses (test_fhir_medication.py)


def test_bundle_structure(diary: Path, tmp_path: Path) -> None:
    ids = build_sample()
    doc = _bundle(tmp_path)
    assert doc["resourceType"] == "Bundle" and doc["type"] == "collection"
    uuid.UUID(doc["id"])
    assert doc["timestamp"][10] == "T" and doc["timestamp"][-6] in "+-"
    observations = [e for e in doc["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert len(observations) == len(ids["marks"]) == 12
    for item in observations:
        obs = item["resource"]
        assert item["fullUrl"] == f"urn:uuid:{obs['id']}"
        assert obs["id"] in ids["marks"]
        assert obs["resourceType"] == "Observation" and obs["status"] == "final"
        assert obs["category"] == [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ]
        assert obs["code"]["coding"] == [
            {
                "system": "http://loinc.org",
                "code": "72514-3",
                "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            }
        ]
        intensity = ids["marks"][obs["id"]]
        assert obs["valueInteger"] == intensity and isinstance(obs["valueInteger"], int)
        expected = fhir.band(intensity)
        if expected is None:
            assert "interpretation" not in obs
        else:
            band = obs["interpretation"][0]["coding"][0]
            assert band["system"] == "http://snomed.info/sct" and band["code"] == expected[0]
        assert obs["effectiveDateTime"][-6] in "+-"  # local time with its offset
        site = obs["bodySite"]
        region = site["coding"][-1]
        assert region["system"] == "urn:fibrodesk:region"
        assert site["text"] == catalogue().regions[region["code"]].label


def test_every_band_appears_and_matches_its_score(diary: Path, tmp_path: Path) -> None:
    build_sample()
    seen = {
        obs["valueInteger"]: obs.get("interpretation", [{"coding": [{"code": None}]}])[0]["coding"][
            0
        ]["code"]
        for obs in _observations(_bundle(tmp_path))
    }
    assert set(seen) == set(range(11))
    for intensity, code in BANDS.items():
        assert seen[intensity] == code
    assert [seen[i] for i in range(7)] == [None] * 7


def test_body_site_keeps_the_side_and_adds_snomed_where_known(diary: Path, tmp_path: Path) -> None:
    build_sample()
    by_region = {
        obs["bodySite"]["coding"][-1]["code"]: obs for obs in _observations(_bundle(tmp_path))
    }
    knee = by_region["knee_inner_left"]["bodySite"]
    assert knee["text"] == catalogue().regions["knee_inner_left"].label
    assert "left" in knee["text"].lower()
    assert knee["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "82169009",
        "display": "Structure of left knee region",
    }
    assert by_region["calf_right"]["bodySite"]["coding"][0]["code"] == "32696007"
    # No SNOMED code where none was checked: the region code and the text carry it.
    assert [c["system"] for c in by_region["lower_back"]["bodySite"]["coding"]] == [
        "urn:fibrodesk:region"
    ]


def test_effective_time_is_the_entry_time_with_its_offset(diary: Path, tmp_path: Path) -> None:
    build_sample()
    times = {obs["effectiveDateTime"] for obs in _observations(_bundle(tmp_path))}
    assert times == {
        "2025-03-01T08:30:00+01:00",
        "2025-03-02T08:30:00+02:00",
        "2025-03-10T08:30:00-05:00",
    }


def test_notes_and_qualities_go_in_note(diary: Path, tmp_path: Path) -> None:
    build_sample()
    notes = [
        [n["text"] for n in item["resource"].get("note", [])] for item in _bundle(tmp_path)["entry"]
    ]
    assert ["Qualities: aching, burning."] in [n[:1] for n in notes]
    assert any("=SUM(A1)" in n for n in notes)


def test_fhir_range(diary: Path, tmp_path: Path) -> None:
    build_sample()
    doc = _bundle(tmp_path, date(2025, 3, 2), date(2025, 3, 2))
    kinds = [e["resource"]["resourceType"] for e in doc["entry"]]
    assert kinds == ["Observation"] * 4 + ["MedicationStatement"]
    assert m.PainMark.select().count() == 12
