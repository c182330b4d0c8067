"""The clinician report lists the period's medications with their doses, what came
together around each treatment, and the side effects (issue 15 point 6), on the
hand-worked diary of tests/treatment_diary.py; read back from the PDF with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize

from fibrodesk.core import clock
from fibrodesk.db import treatments
from fibrodesk.report.build import build_document
from fibrodesk.report.document import Bullets, Heading, Table
from fibrodesk.report.period import Period
from fibrodesk.report.summary import build_summary
from fibrodesk.report.writer import layout_for, write_pdf
from tests.treatment_diary import TODAY, write_diary

PERIOD = Period(date(2026, 3, 1), date(2026, 3, 21))


@pytest.fixture
def written(diary: Path):  # type: ignore[no-untyped-def]
    clock.set_clock(TODAY)
    try:
        write_diary()
        regular = treatments.TreatmentItem(
            name="Amitriptyline",
            amount=10,
            unit="mg",
            schedule="regular",
            times=("08:00", "21:30"),
            start_date=date(2026, 2, 1),
            purpose="sleep",
        )
        treatments.save_treatment(regular)
        yield
    finally:
        clock.set_clock(None)


def _after(blocks: list, heading: str) -> object:  # type: ignore[type-arg]
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return blocks[index + 1]


def test_medications_effects_and_side_effects_in_the_document(written) -> None:  # type: ignore[no-untyped-def]
    blocks = list(build_document(build_summary(PERIOD)).blocks)
    medications = _after(blocks, "Medications")
    assert isinstance(medications, Table)
    assert medications.header == ("Medication", "Dose", "Taken", "For", "Doses logged")
    # Amitriptyline: in force (started 1 February, not stopped), no dose logged with a
    # time; Ibuprofen: as needed, one dose on 7 March. The heat pad is no medication.
    assert medications.rows == (
        (
            "Amitriptyline",
            "10 mg",
            "regular at 08:00 and 21:30; from 1 February 2026",
            "sleep",
            "0",
        ),
        ("Ibuprofen", "400 mg", "as needed", "leg pain", "1"),
    )
    effects = _after(blocks, "Leg pain around each treatment")
    assert isinstance(effects, Bullets)
    assert effects.items[0].startswith("Heat pad: 6 of 7 doses had an entry")
    assert "left calf 3.0 lower afterwards (median 7.0 -> 4.0" in effects.items[0]
    assert effects.items[1].startswith("Ibuprofen: 0 of 1 dose")
    side = _after(blocks, "Side effects")
    assert isinstance(side, Table)
    assert side.rows == (("7 Mar 2026", "Ibuprofen", "nausea", "3/10", "mild"),)


def test_they_reach_the_pdf(written, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    document = build_document(build_summary(PERIOD))
    write_pdf(layout_for(document, QPageSize(QPageSize.PageSizeId.A4)), out)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    for expected in (
        "Medications",
        "Amitriptyline",
        "regular at 08:00 and 21:30",
        "400 mg",
        "Leg pain around each treatment",
        "Heat pad: 6 of 7 doses",
        "nausea",
        "3/10",
    ):
        assert expected in text, expected


def test_a_period_without_any_says_so(diary: Path) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db import marks

    entry = marks.create_entry(date(2026, 3, 2))
    marks.set_mark(entry.id, "calf_left", 4)
    blocks = list(build_document(build_summary(Period(date(2026, 3, 1), date(2026, 3, 7)))).blocks)
    texts = [getattr(b, "text", "") for b in blocks]
    assert "Medications: none set up or taken in this period." in texts
    assert "No dose or session with a time was logged in this period." in texts
    assert "Side effects: none noted in this period." in texts
