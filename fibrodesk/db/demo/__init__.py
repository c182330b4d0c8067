"""A realistic, deterministic sample diary for trying the app and for benchmarks.

The sample is a day-by-day simulation of one person, not independent random rows
(:mod:`.journal`):

* a slowly drifting pain level with a seasonal swing, and flares lasting 3-10 days that
  raise pain, fatigue and fog;
* check-ins on most days, one to three body-map sittings a day with marks concentrated
  in the legs (each region with its own usual level and qualities);
* weekly tender-point exams and SSS answers, a monthly FIQR;
* exercise plans whose dose is set each week by the real pacing rule (:mod:`.planner`),
  with occasional "boom" days followed by payback pain and sometimes a flare;
* treatments and triggers (:mod:`.treatments`): a regular evening medicine, one tried and
  stopped for dizziness, as-needed painkillers each followed by an entry, heat and TENS
  sessions, side effects, tags, a season of daily weather, and, with ``cycle``, period
  starts (cycle tracking is then switched on in the sample diary).

Everything is drawn from one ``random.Random(seed)``, ids included, and timestamps are
derived from the simulated dates, so the same seed and end date give the same diary.
Rows go in through ``executemany`` in one transaction: ten years take a few seconds.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fibrodesk.core.clock import now
from fibrodesk.db.database import has_entries, transaction
from fibrodesk.db.models import (
    MODELS,
    CheckIn,
    DayTag,
    Entry,
    ExerciseSession,
    Flare,
    PainMark,
    Plan,
    SideEffect,
    TenderExam,
    TreatmentDose,
    Weather,
)
from fibrodesk.errors import UserError

from .journal import simulate

__all__ = ["DENSITIES", "generate_demo"]

DENSITIES = ("normal", "heavy")
"""How much a simulated person logs: ``normal`` one or two body-map sittings on most days
with about 12 marks each; ``heavy`` about five sittings a day with 20 to 30 marks each
(about 450,000 marks in ten years), for measuring the app on the heaviest diaries."""


def generate_demo(
    years: int = 2,
    seed: int = 1,
    end: date | None = None,
    density: str = "normal",
    cycle: bool = False,
) -> str:
    """Fill the open, empty diary with ``years`` of sample up to ``end`` (default today).

    ``density`` is one of :data:`DENSITIES`; ``cycle`` switches cycle tracking on in the
    sample and records period starts (off by default, as in a new diary). Refuses a diary
    that already holds entries. Returns a one-line summary.
    """
    if density not in DENSITIES:
        raise ValueError(f"unknown demo density {density!r}")
    if has_entries():
        raise UserError(
            "This diary already holds entries, so no sample was added; "
            "use an empty folder with --data-dir to try the demo."
        )
    end = end or now().date()
    start = end - timedelta(days=round(365.25 * years) - 1)
    rows = simulate(random.Random(seed), start, end, heavy=density == "heavy", cycle=cycle)
    with transaction():
        rows.write(MODELS)  # MODELS lists parents before the records that point to them
    return (
        f"Added a {years}-year sample diary ({start} to {end}): "
        f"{rows.count(Entry)} entries with {rows.count(PainMark)} pain marks, "
        f"{rows.count(CheckIn)} check-ins, {rows.count(TenderExam)} tender-point exams, "
        f"{rows.count(Flare)} flares, {rows.count(Plan)} exercise plans with "
        f"{rows.count(ExerciseSession)} sessions, {rows.count(TreatmentDose)} doses and "
        f"treatment sessions, {rows.count(SideEffect)} side effects, {rows.count(DayTag)} "
        f"tags, {rows.count(Weather)} days of weather"
        + (", cycle tracking on" if cycle else "")
        + "."
    )
