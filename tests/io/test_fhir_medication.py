"""FHIR MedicationStatements for medication doses (issue 15 point 6), validated with the
fhir.resources R4B models as the Observations are."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fibrodesk.db import models as m
from fibrodesk.io.export import export_diary
from tests.io.fixtures.sample import build_sample, insert, stamp


def _bundle(tmp_path: Path, start: date | None = None, end: date | None = None) -> dict:
    export_diary("fhir", tmp_path / "out.json", start, end)
    return json.loads((tmp_path / "out.json").read_text("utf-8"))


def _statements(doc: dict) -> list[dict]:
    return [
        e["resource"]
        for e in doc["entry"]
        if e["resource"]["resourceType"] == "MedicationStatement"
    ]


def test_the_bundle_with_statements_validates_as_fhir_r4b(diary: Path, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.medicationstatement import MedicationStatement

    build_sample()
    doc = _bundle(tmp_path)
    parsed = Bundle.model_validate(doc)
    kinds = [item.resource.__resource_type__ for item in parsed.entry]
    assert kinds == ["Observation"] * 12 + ["MedicationStatement"] * 2
    for resource in _statements(doc):
        statement = MedicationStatement.model_validate(resource)
        assert statement.status == "completed"
        assert statement.subject.display == "The person keeping this diary"


def test_one_statement_per_medication_dose_with_its_time_and_quantity(
    diary: Path, tmp_path: Path
) -> None:
    build_sample()
    doses = {
        d.id: d
        for d in m.TreatmentDose.select().join(m.Treatment).where(m.Treatment.kind == "medication")
    }
    doc = _bundle(tmp_path)
    statements = _statements(doc)
    assert {s["id"] for s in statements} == set(doses)  # the heat session is not a medicine
    first, second = statements
    assert [e["fullUrl"] for e in doc["entry"][-2:]] == [
        f"urn:uuid:{first['id']}",
        f"urn:uuid:{second['id']}",
    ]
    assert first["medicationCodeableConcept"] == {"text": "-Ibuprofen"}
    assert first["effectiveDateTime"] == "2025-03-01T08:00:00+01:00"
    assert second["effectiveDateTime"] == "2025-03-02T20:30:00+02:00"
    assert first["category"]["coding"][0]["code"] == "patientspecified"
    assert first["dosage"] == [
        {
            "asNeededBoolean": False,  # a regular medicine
            "text": "200 mg",
            "doseAndRate": [
                {
                    "doseQuantity": {
                        "value": 200.0,
                        "unit": "mg",
                        "system": "http://unitsofmeasure.org",
                        "code": "mg",
                    }
                }
            ],
        }
    ]
    assert second["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 400.0
    assert first["reasonCode"] == [{"text": "=knees"}]
    assert "note" not in first and second["note"] == [{"text": "=double"}]


def test_a_dose_without_amount_or_ucum_unit(diary: Path, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    drops = insert(
        m.Treatment, id="t-drops", name="Valerian", kind="medication", dose="a few", unit=""
    )
    tablets = insert(
        m.Treatment, id="t-tabs", name="Paracetamol", kind="medication", amount=2.0, unit="tablet"
    )
    insert(
        m.TreatmentDose,
        id="d-1",
        treatment=drops,
        taken_at=stamp("2025-03-01", "22:00:00"),
        date="2025-03-01",
    )
    insert(
        m.TreatmentDose,
        id="d-2",
        treatment=tablets,
        taken_at=stamp("2025-03-01", "09:00:00"),
        date="2025-03-01",
        amount=2.0,
        unit="tablet",
    )
    doc = _bundle(tmp_path)
    Bundle.model_validate(doc)
    by_name = {s["medicationCodeableConcept"]["text"]: s for s in _statements(doc)}
    assert by_name["Valerian"]["dosage"] == [{"asNeededBoolean": True, "text": "a few"}]
    assert by_name["Paracetamol"]["dosage"][0]["doseAndRate"] == [
        {"doseQuantity": {"value": 2.0, "unit": "tablet"}}
    ]
    # ids that are not UUIDs still get a stable urn:uuid
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in doc["entry"])


def test_a_range_keeps_the_doses_of_its_days(diary: Path, tmp_path: Path) -> None:
    build_sample()
    doc = _bundle(tmp_path, date(2025, 3, 2), date(2025, 3, 2))
    assert [s["effectiveDateTime"][:10] for s in _statements(doc)] == ["2025-03-02"]
    assert len(doc["entry"]) == 4 + 1
