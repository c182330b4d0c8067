"""Doses paired with the diary's own entries, the summaries per treatment over a range,
one dose's words, and the trigger insights read from the diary (issue 15 points 2-5),
on the hand-worked diary of tests/treatment_diary.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pytest

from fibrodesk.core import clock
from fibrodesk.core.treatment_effect import RegionChange, effect_words
from fibrodesk.db import marks, treatments, triggers
from fibrodesk.db.treatment_history import (
    dose_effect_of,
    effects_between,
    medications_in,
    treatment_summaries,
    trigger_insights,
)
from tests.treatment_diary import TODAY, day, write_diary


@pytest.fixture
def written(diary):  # type: ignore[no-untyped-def]
    clock.set_clock(TODAY)
    try:
        yield write_diary()
    finally:
        clock.set_clock(None)


def test_each_treatment_summarised_over_the_range(written) -> None:  # type: ignore[no-untyped-def]
    heat, ibuprofen = treatment_summaries(day(1), day(20))
    # Heat pad: 7 sessions, 6 paired; 7 March is confounded by the ibuprofen at 15:00.
    assert (heat.treatment_name, heat.doses, heat.paired_doses, heat.confounded) == (
        "Heat pad",
        7,
        6,
        1,
    )
    assert [(r.region, r.pairs, r.median_change) for r in heat.regions] == [
        ("knee_front_right", 6, 0.0),
        ("calf_left", 6, -3.0),
    ]
    # Ibuprofen: its one dose lies between the heat session's entries too.
    assert (ibuprofen.treatment_name, ibuprofen.doses, ibuprofen.paired_doses) == (
        "Ibuprofen",
        1,
        0,
    )
    assert ibuprofen.confounded == 1 and ibuprofen.regions == ()


@pytest.mark.parametrize(("last", "regions"), [(5, 2), (4, 0)])
def test_five_pairs_are_needed(written, last: int, regions: int) -> None:  # type: ignore[no-untyped-def]
    # 1-5 March: five paired sessions, each region summarised; 1-4 March: four, none.
    [heat] = treatment_summaries(day(1), day(last))
    assert heat.paired_doses == last and len(heat.regions) == regions


def test_one_doses_words(written) -> None:  # type: ignore[no-untyped-def]
    effect = dose_effect_of(written["heat 1"])
    assert effect is not None
    assert effect_words(effect) == "right front of knee 5 -> 5 by 16:10, left calf 7 -> 4"
    confounded = dose_effect_of(written["ibuprofen"])
    assert confounded is not None
    assert effect_words(confounded) == (
        "right front of knee 5 -> 5 by 16:10, left calf 7 -> 4 (also taken in between: "
        "Heat pad; not counted in the summary)"
    )
    assert dose_effect_of("no such dose") is None


def test_a_dose_near_midnight_pairs_with_the_next_days_entry(diary) -> None:  # type: ignore[no-untyped-def]
    tens = treatments.save_treatment(treatments.TreatmentItem(name="TENS", kind="tens")).value
    before = marks.create_entry(date(2026, 3, 9), time(22, 0))
    marks.set_mark(before.id, "sole_right", 6)
    after = marks.create_entry(date(2026, 3, 10), time(1, 15))
    marks.set_mark(after.id, "sole_right", 2)
    treatments.log_dose(tens, datetime(2026, 3, 9, 23, 30))
    # A dose the next evening must not be read into 9 March's range.
    treatments.log_dose(tens, datetime(2026, 3, 10, 20, 0))
    [effect] = effects_between(date(2026, 3, 9), date(2026, 3, 9))
    assert effect.pairs == (RegionChange("sole_right", 6, 2),)
    assert effect.after_at is not None and effect.after_at.date() == date(2026, 3, 10)


def test_medications_of_the_period(written) -> None:  # type: ignore[no-untyped-def]
    [ibuprofen] = medications_in(day(1), day(20))  # heat is no medication
    assert (ibuprofen.name, ibuprofen.amount, ibuprofen.unit, ibuprofen.doses) == (
        "Ibuprofen",
        400,
        "mg",
        1,
    )
    assert medications_in(day(8), day(20)) == []  # not taken then, no start date
    regular = treatments.TreatmentItem(
        name="Amitriptyline",
        amount=10,
        unit="mg",
        schedule="regular",
        times=("21:30",),
        start_date=date(2026, 2, 1),
        stop_date=date(2026, 3, 9),
    )
    treatments.save_treatment(regular)
    assert [m.name for m in medications_in(day(9), day(20))] == ["Amitriptyline"]
    assert [m.name for m in medications_in(day(10), day(20))] == []  # stopped the 9th


def _arrays(first: date, last: date, leg: float) -> tuple[np.ndarray, list[float], list[bool]]:
    n = (last - first).days + 1
    days = np.datetime64(first.isoformat(), "D") + np.arange(n)
    return days, [leg] * n, [False] * n


def test_trigger_insights_read_tags_and_pressure_from_the_diary(written) -> None:  # type: ignore[no-untyped-def]
    # History's arrays: 14 days of context before 1 March; leg pain as the diary holds it
    # (7 on 1-7 March, 3 on 8-20 March).
    days, leg, flare = _arrays(day(1) - timedelta(days=14), day(20), float("nan"))
    offset = 14
    for n in range(1, 21):
        leg[offset + n - 1] = 7.0 if n <= 7 else 3.0
    found = trigger_insights(days, leg, flare, day(1), day(20))
    assert [i.kind for i in found] == [
        "tag",
        "tag_next_day",
        "pressure_fall",
        "pressure_fall_next_day",
    ]
    assert found[0].numbers == {"mean_tagged": 7.0, "mean_other": 3.0}
    assert found[2].numbers == {"mean_fall": 7.0, "mean_other": 3.0}


def test_cycle_phases_only_when_cycle_tracking_is_on(diary) -> None:  # type: ignore[no-untyped-def]
    # Starts 1 February, 1 March, 29 March: two 28-day cycles, every day leg pain 5.
    for start in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 3, 29)):
        triggers.set_period_start(start, True)
    days, leg, flare = _arrays(date(2026, 2, 1), date(2026, 3, 28), 5.0)
    assert trigger_insights(days, leg, flare, date(2026, 2, 1), date(2026, 3, 28)) == []
    triggers.set_cycle_enabled(True)
    found = trigger_insights(days, leg, flare, date(2026, 2, 1), date(2026, 3, 28))
    assert [i.kind for i in found] == ["cycle_leg_pain", "cycle_flares"]
    # Menstrual 2 x 5 days, follicular 2 x 9, luteal 2 x 14.
    assert found[1].numbers["days_menstrual"] == 10
    assert found[1].numbers["days_follicular"] == 18
    assert found[1].numbers["days_luteal"] == 28


def test_entries_are_read_only_near_doses(diary) -> None:  # type: ignore[no-untyped-def]
    """No dose: one query, no entry read. With a dose, its day's entries pair as before
    (an entry two months away is not read)."""
    from playhouse.test_utils import count_queries

    far = marks.create_entry(date(2026, 1, 5), time(9, 0))
    marks.set_mark(far.id, "calf_left", 9)
    with count_queries() as counted:
        assert treatment_summaries(date(2026, 1, 1), date(2026, 3, 31)) == []
    assert counted.count == 1
    heat = treatments.save_treatment(treatments.TreatmentItem(name="Heat", kind="heat")).value
    treatments.log_dose(heat, datetime(2026, 3, 10, 12, 0))
    before = marks.create_entry(date(2026, 3, 10), time(11, 0))
    marks.set_mark(before.id, "calf_left", 6)
    after = marks.create_entry(date(2026, 3, 10), time(13, 30))
    marks.set_mark(after.id, "calf_left", 4)
    [effect] = effects_between(date(2026, 1, 1), date(2026, 3, 31))
    assert effect.pairs == (RegionChange("calf_left", 6, 4),)


@pytest.mark.parametrize("stretch", [1, 2, 3, 90])
def test_summaries_paired_a_stretch_at_a_time_are_those_of_the_whole_range(
    written,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    stretch: int,
) -> None:
    """The report reads the entries near doses a stretch of days at a time (bounded
    memory); a stretch ending between a dose and its entries changes nothing."""
    from fibrodesk.core.treatment_effect import summarise
    from fibrodesk.db import treatment_history

    tens = treatments.save_treatment(treatments.TreatmentItem(name="TENS", kind="tens")).value
    for n in range(1, 7):  # six sessions near midnight, their "after" entry the next day
        before = marks.create_entry(day(n), time(22, 0))
        marks.set_mark(before.id, "sole_right", 6)
        after = marks.create_entry(day(n + 1), time(1, 15))
        marks.set_mark(after.id, "sole_right", 2)
        treatments.log_dose(tens, datetime.combine(day(n), time(23, 30)))
    whole = summarise(effects_between(day(1), day(20)))
    monkeypatch.setattr(treatment_history, "SUMMARY_STRETCH", timedelta(days=stretch))
    assert treatment_summaries(day(1), day(20)) == whole
    heat, _ibuprofen, tens_summary = whole
    assert (heat.doses, heat.paired_doses, heat.confounded) == (7, 6, 1)
    assert (tens_summary.doses, tens_summary.paired_doses) == (6, 6)
    assert [(r.region, r.pairs, r.median_change) for r in tens_summary.regions] == [
        ("sole_right", 6, -4.0)
    ]


def test_summaries_equal_the_effects_of_every_dose_on_a_demo_diary(diary) -> None:  # type: ignore[no-untyped-def]
    """The summaries are read compactly (a leg vector an entry, no effect per dose); they
    must equal summarising the pairing of every dose from the diary's own rows (doses and
    entries as the Today page reads them), whole year and shorter ranges alike."""
    from fibrodesk.core.treatment_effect import Dose, dose_effects, summarise
    from fibrodesk.db.demo import generate_demo
    from fibrodesk.db.treatment_day import leg_entries_between

    end = date(2026, 3, 31)
    generate_demo(years=1, seed=3, end=end)
    one = timedelta(days=1)
    ranges = [(end - timedelta(days=364), end), (end - timedelta(days=89), end)]
    ranges += [(date(2025, 6, 1), date(2025, 6, 7)), (date(2025, 9, 15), date(2025, 12, 24))]
    summarised = 0
    for start, last in ranges:
        doses = [
            Dose(row.id, row.treatment_id, row.name, row.taken_at)
            for row in treatments.doses_between(start - one, last + one)
        ]
        in_range = {row.id for row in treatments.doses_between(start, last)}
        effects = dose_effects(doses, leg_entries_between(start - 2 * one, last + 2 * one))
        expected = summarise(e for e in effects if e.dose.id in in_range)
        assert treatment_summaries(start, last) == expected
        assert [e for e in effects if e.dose.id in in_range] == effects_between(start, last)
        summarised += sum(len(s.regions) for s in expected)
    assert summarised > 10  # the demo's doses pair: the comparison is not of empty lists


@pytest.mark.parametrize("made_first", ["A", "B"])
def test_two_entries_at_the_same_minute_the_one_made_first_is_the_entry_after(
    diary, made_first: str
) -> None:  # type: ignore[no-untyped-def]
    """Ties in time are decided by which entry was made first, in the History summaries
    and on the Today page alike (not by the entries' random ids)."""
    from fibrodesk.core.treatment_effect import Dose, dose_effects
    from fibrodesk.db.models import Entry
    from fibrodesk.db.treatment_day import leg_entries_around

    tens = treatments.save_treatment(treatments.TreatmentItem(name="TENS", kind="tens")).value
    before = marks.create_entry(date(2026, 3, 9), time(11, 0))
    marks.set_mark(before.id, "calf_left", 6)
    made = {}
    for name, intensity in (("A", 3), ("B", 5)):
        made[name] = marks.create_entry(date(2026, 3, 9), time(14, 0), label=name)
        marks.set_mark(made[name].id, "calf_left", intensity)
    other = "B" if made_first == "A" else "A"
    for name, stamp in (
        (made_first, "2026-03-09T14:00:01+00:00"),
        (other, "2026-03-09T14:00:05+00:00"),
    ):
        Entry.update(created_at=stamp).where(Entry.id == made[name].id).execute()
    dose_id = treatments.log_dose(tens, datetime(2026, 3, 9, 12, 0)).value
    expected = {"A": 3, "B": 5}[made_first]
    [effect] = effects_between(date(2026, 3, 9), date(2026, 3, 9))
    assert effect.pairs == (RegionChange("calf_left", 6, expected),)
    row = treatments.get_dose(dose_id)
    assert row is not None
    dose = Dose(row.id, row.treatment_id, row.name, row.taken_at)
    [today_effect] = dose_effects([dose], leg_entries_around(date(2026, 3, 9)))
    assert today_effect.pairs == effect.pairs
