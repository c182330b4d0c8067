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

BANDS = {
    0: "301379001",
    1: "40196000",
    3: "40196000",
    4: "50415004",
    6: "50415004",
    7: "76948002",
    9: "76948002",
    10: "67849003",
}
"""The band edges, from domain.md s.8."""


def _bundle(tmp_path: Path, start: date | None = None, end: date | None = None) -> dict:
    export_diary("fhir", tmp_path / "out.json", start, end)
    return json.loads((tmp_path / "out.json").read_text("utf-8"))


@pytest.mark.parametrize(("intensity", "code"), sorted(BANDS.items()))
def test_severity_band_edges(intensity: int, code: str) -> None:
    assert fhir.band(intensity)[0] == code


def test_every_score_has_a_band_and_no_other_does() -> None:
    expected = ["301379001"] + ["40196000"] * 3 + ["50415004"] * 3 + ["76948002"] * 3
    assert [fhir.band(i)[0] for i in range(11)] == [*expected, "67849003"]
    for bad in (-1, 11, 42):
        with pytest.raises(ValueError):
            fhir.band(bad)


def test_bundle_structure(diary: Path, tmp_path: Path) -> None:
    ids = build_sample()
    doc = _bundle(tmp_path)
    assert doc["resourceType"] == "Bundle" and doc["type"] == "collection"
    uuid.UUID(doc["id"])
    assert doc["timestamp"][10] == "T" and doc["timestamp"][-6] in "+-"
    assert len(doc["entry"]) == len(ids["marks"]) == 12
    for item in doc["entry"]:
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
        band = obs["interpretation"][0]["coding"][0]
        assert band["system"] == "http://snomed.info/sct"
        assert band["code"] == fhir.band(intensity)[0]
        assert obs["effectiveDateTime"][-6] in "+-"  # local time with its offset
        site = obs["bodySite"]
        region = site["coding"][0]
        assert region["system"] == "urn:fibrodesk:region"
        assert site["text"] == catalogue().regions[region["code"]].label


def test_every_band_appears_and_matches_its_score(diary: Path, tmp_path: Path) -> None:
    build_sample()
    seen = {
        obs["valueInteger"]: obs["interpretation"][0]["coding"][0]["code"]
        for obs in (item["resource"] for item in _bundle(tmp_path)["entry"])
    }
    assert set(seen) == set(range(11))
    for intensity, code in BANDS.items():
        assert seen[intensity] == code


def test_body_site_keeps_the_side_and_adds_snomed_where_known(diary: Path, tmp_path: Path) -> None:
    build_sample()
    by_region = {
        obs["bodySite"]["coding"][0]["code"]: obs
        for obs in (item["resource"] for item in _bundle(tmp_path)["entry"])
    }
    knee = by_region["knee_inner_left"]["bodySite"]
    assert knee["text"] == catalogue().regions["knee_inner_left"].label
    assert "left" in knee["text"].lower()
    assert knee["coding"][1] == {
        "system": "http://snomed.info/sct",
        "code": "72696002",
        "display": "Knee region structure",
    }
    assert by_region["calf_right"]["bodySite"]["coding"][1]["code"] == "53840002"
    # No SNOMED code where none was checked: the region code and the text carry it.
    assert [c["system"] for c in by_region["lower_back"]["bodySite"]["coding"]] == [
        "urn:fibrodesk:region"
    ]


def test_effective_time_is_the_entry_time_with_its_offset(diary: Path, tmp_path: Path) -> None:
    build_sample()
    times = {item["resource"]["effectiveDateTime"] for item in _bundle(tmp_path)["entry"]}
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
    assert len(doc["entry"]) == 4
    assert m.PainMark.select().count() == 12
