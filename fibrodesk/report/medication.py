"""The report's medications, what came together around each treatment, and side effects
(issue 15 point 6), placed after page 1 by :mod:`fibrodesk.report.build` (no Qt).

- *Medications*: each medication in force or taken in the period, with its dose, how it
  is taken (regular at its times, or as needed), its dates and purpose, and the doses
  logged in the period.
- *Leg pain around each treatment*: :func:`fibrodesk.core.treatment_effect.summary_words`
  per treatment with a dose in the period (a region only from 5 pairs; what came together
  in time, never a cause).
- *Side effects*: each noted side effect, its day, severity 0-10 and note.
"""

from __future__ import annotations

from fibrodesk.core.treatment_effect import MIN_PAIRS, summary_words
from fibrodesk.db.treatment_history import MedicationRow
from fibrodesk.report.document import Block, Bullets, Heading, Para, Table, days
from fibrodesk.report.period import day_words, short_day
from fibrodesk.report.summary import ReportSummary

NOTE_LIMIT = 300  # characters of a side effect's note in the table; the rest is in the diary


def dose_words(row: MedicationRow) -> str:
    """``500 mg``, ``2 tablet``; ``–`` when no amount was given."""
    if row.amount is None:
        return row.unit or "–"
    amount = f"{row.amount:g}"
    return f"{amount} {row.unit}".strip()


def taken_words(row: MedicationRow) -> str:
    """``regular at 08:00 and 20:00`` or ``as needed``, with its dates in the diary."""
    if row.schedule == "regular":
        times = list(row.times)
        text = "regular" + (
            f" at {', '.join(times[:-1])} and {times[-1]}"
            if len(times) > 1
            else f" at {times[0]}"
            if times
            else ""
        )
    else:
        text = "as needed"
    if row.start_date is not None:
        text += f"; from {day_words(row.start_date)}"
    if row.stop_date is not None:
        text += f"; stopped {day_words(row.stop_date)}"
    return text


def _medications(s: ReportSummary) -> list[Block]:
    if not s.medications:
        return [Para("Medications: none set up or taken in this period.")]
    rows = tuple(
        (
            m.name,
            dose_words(m),
            taken_words(m),
            m.purpose or "–",
            str(m.doses),
        )
        for m in s.medications
    )
    return [
        Table(
            ("Medication", "Dose", "Taken", "For", "Doses logged"),
            rows,
            (2.4, 1.4, 3.2, 2.2, 1.2),
        )
    ]


def _effects(s: ReportSummary) -> list[Block]:
    if not s.effects:
        return [Para("No dose or session with a time was logged in this period.")]
    return [
        Bullets(tuple(summary_words(e) for e in s.effects)),
        Para(
            "A pair is the leg marks of the last entry in the 3 hours before a dose or "
            "session and of the first entry 1 to 4 hours after it; a leg region is "
            f"summarised from {MIN_PAIRS} pairs, leaving out pairs with another treatment "
            "taken in between. These say what went together in time, not what caused what.",
            "small",
        ),
    ]


def _side_effects(s: ReportSummary) -> list[Block]:
    if not s.side_effects:
        return [Para("Side effects: none noted in this period.")]
    rows = []
    for e in s.side_effects:
        note = e.note if len(e.note) <= NOTE_LIMIT else e.note[: NOTE_LIMIT - 1] + "…"
        rows.append(
            (
                short_day(e.date),
                e.name,
                e.effect,
                f"{e.severity}/10",
                note or "–",
            )
        )
    affected = {e.date for e in s.side_effects}
    return [
        Table(
            ("Day", "Treatment", "Side effect", "Severity", "Note"),
            tuple(rows),
            (1.2, 2.4, 1.6, 1.1, 4),
            caption=f"Side effects noted on {days(len(affected))}.",
        )
    ]


def medication_blocks(s: ReportSummary) -> list[Block]:
    """The medications, the leg pain around each treatment and the side effects."""
    blocks: list[Block] = [Heading("Medications")]
    blocks += _medications(s)
    blocks.append(Heading("Leg pain around each treatment", 3))
    blocks += _effects(s)
    blocks.append(Heading("Side effects", 3))
    blocks += _side_effects(s)
    return blocks
