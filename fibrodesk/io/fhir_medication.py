"""FHIR ``MedicationStatement`` for each medication dose the person logged (issue 15).

One statement per ``treatment_dose`` row of a treatment of kind ``medication``:

* ``status`` completed (the dose was taken), ``category`` patient specified (the person
  reported it, no clinician's record);
* ``medicationCodeableConcept.text`` the medicine's name as the person wrote it (no
  RxNorm or SNOMED code: the diary does not know one);
* ``effectiveDateTime`` ``taken_at``, local time with its UTC offset; ``dateAsserted``
  when the dose was written in the diary;
* ``dosage``: ``text`` the dose in words, ``asNeededBoolean`` from the treatment's
  schedule, and ``doseAndRate.doseQuantity`` (value and unit, with the UCUM code where the
  unit has one) when the amount is known;
* ``reasonCode.text`` what it is for, ``note`` the dose's note;
* ``subject``: FHIR requires one; the diary names nobody, so it is a Reference with only
  a ``display`` ("The person keeping this diary"), as the Observations carry no subject.

Sessions of heat, massage, stretching, TENS or the person's own treatments are not
medicines: they are not in the FHIR bundle (a ``Procedure`` would be the resource, and
no clinician's system asked for one); the json and csv exports carry them.
"""

from __future__ import annotations

from typing import Any

from . import records as r

UCUM = "http://unitsofmeasure.org"
UCUM_CODES = {"mg": "mg", "g": "g", "mcg": "ug", "ml": "mL", "IU": "[iU]", "drops": "[drp]"}
"""The diary's units that have a UCUM code; other units ("tablet") are written as the
quantity's ``unit`` only."""

CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/medication-statement-category"
SUBJECT = {"display": "The person keeping this diary"}


def dose_words(amount: float | None, unit: str) -> str:
    return f"{amount:g} {unit}".strip() if amount is not None else ""


def medication_statement(dose: r.Row, treatment: r.Row) -> dict[str, Any]:
    """The MedicationStatement of one logged dose of a medication."""
    dosage: dict[str, Any] = {"asNeededBoolean": treatment["schedule"] == "as_needed"}
    words = dose_words(dose["amount"], dose["unit"]) or treatment["dose"]
    if words:
        dosage["text"] = words
    if dose["amount"] is not None:
        quantity: dict[str, Any] = {"value": dose["amount"]}
        if dose["unit"]:
            quantity["unit"] = dose["unit"]
            if dose["unit"] in UCUM_CODES:
                quantity["system"] = UCUM
                quantity["code"] = UCUM_CODES[dose["unit"]]
        dosage["doseAndRate"] = [{"doseQuantity": quantity}]
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": dose["id"],
        "status": "completed",
        "category": {
            "coding": [
                {
                    "system": CATEGORY_SYSTEM,
                    "code": "patientspecified",
                    "display": "Patient Specified",
                }
            ]
        },
        "medicationCodeableConcept": {"text": treatment["name"]},
        "subject": dict(SUBJECT),
        "effectiveDateTime": dose["taken_at"],
        "dateAsserted": dose["created_at"],
        "dosage": [dosage],
    }
    if treatment["purpose"]:
        resource["reasonCode"] = [{"text": treatment["purpose"]}]
    if dose["note"]:
        resource["note"] = [{"text": dose["note"]}]
    return resource


def is_medication(treatment: r.Row | None) -> bool:
    return treatment is not None and treatment["kind"] == "medication"
