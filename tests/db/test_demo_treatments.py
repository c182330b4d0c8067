"""The demo's treatments and triggers (issue 15 point 6): a regular medicine confirmed at
its time, as-needed doses each followed 1 to 4 hours later by an entry (with an entry
within 3 hours before, so the effect can be paired), heat and TENS sessions, side
effects, tags, a season of weather, period starts only with cycle tracking on."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import treatments, triggers
from fibrodesk.db.database import check_diary, close_diary, open_diary
from fibrodesk.db.demo import generate_demo
from fibrodesk.db.models import (
    CheckIn,
    CheckInTreatment,
    Entry,
    PainMark,
    PeriodStart,
    SideEffect,
    Tag,
    Treatment,
    Weather,
)

END = date(2026, 3, 31)
START = END - timedelta(days=365)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo15")
    open_diary(path)
    summary = generate_demo(years=1, seed=11, end=END)
    yield summary
    close_diary()
    assert check_diary(path) == []


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_the_list_holds_regular_as_needed_and_session_treatments(year):
    items = {t.name: t for t in treatments.list_treatments()}
    amitriptyline = items["Amitriptyline"]
    assert amitriptyline.regular and amitriptyline.times == ("21:30",)
    assert (amitriptyline.amount, amitriptyline.unit, amitriptyline.dose) == (10.0, "mg", "10 mg")
    assert not items["Paracetamol"].regular and items["Paracetamol"].medication
    assert items["Heat pad"].kind == "heat" and items["TENS"].kind == "tens"
    pregabalin = items["Pregabalin"]  # tried for some weeks, then stopped
    assert pregabalin.start_date and pregabalin.stop_date
    assert 60 <= (pregabalin.stop_date - pregabalin.start_date).days <= 80
    assert "doses and treatment sessions" in year


def test_the_regular_dose_is_confirmed_at_its_time_on_most_days(year):
    doses = treatments.doses_between(START, END)
    evening = [d for d in doses if d.name == "Amitriptyline"]
    assert {d.clock_time for d in evening} == {"21:30"}
    assert len({d.date for d in evening}) == len(evening)  # once a day
    assert 0.85 * 365 <= len(evening) <= 365
    confirmed = treatments.regular_doses(evening[-1].date)
    assert any(r.name == "Amitriptyline" and r.confirmed for r in confirmed)
    stop = treatments.get_treatment(Treatment.get(Treatment.name == "Pregabalin").id).stop_date  # type: ignore[union-attr]
    assert all(d.date <= stop for d in doses if d.name == "Pregabalin")
    # the check-in ticks the medicines of its day
    ticked = {
        c.checkin.date
        for c in CheckInTreatment.select()
        .join(CheckIn)
        .where(CheckInTreatment.name == "Amitriptyline")
    }
    assert ticked <= {d.date.isoformat() for d in evening}


def test_each_as_needed_dose_has_an_entry_before_and_one_1_to_4_hours_after(year):
    entries = sorted(_time(e.recorded_at) for e in Entry.select(Entry.recorded_at))
    painkillers = [d for d in treatments.doses_between(START, END) if d.name == "Paracetamol"]
    assert len(painkillers) >= 20
    for dose in painkillers:
        assert dose.as_needed
        before = [e for e in entries if dose.taken_at - timedelta(hours=3) <= e <= dose.taken_at]
        after = [
            e
            for e in entries
            if dose.taken_at + timedelta(hours=1) <= e <= dose.taken_at + timedelta(hours=4)
        ]
        assert before and after, dose


def test_legs_are_eased_in_the_entry_after_a_dose(year):
    """The simulated painkiller helps: over all pairs, the median leg mark falls."""
    cat = catalogue()
    by_entry: dict[str, dict[str, int]] = {}
    for mark in PainMark.select(PainMark.entry, PainMark.region, PainMark.intensity):
        if cat.regions[mark.region].leg:
            by_entry.setdefault(mark.entry_id, {})[mark.region] = mark.intensity
    entries = sorted((_time(e.recorded_at), e.id) for e in Entry.select())
    changes: list[int] = []
    for dose in treatments.doses_between(START, END):
        if dose.name != "Paracetamol":
            continue
        before = [i for t, i in entries if dose.taken_at - timedelta(hours=3) <= t <= dose.taken_at]
        after = [
            i
            for t, i in entries
            if dose.taken_at + timedelta(hours=1) <= t <= dose.taken_at + timedelta(hours=4)
        ]
        first, then = by_entry.get(before[-1], {}), by_entry.get(after[0], {})
        changes += [then[r] - first[r] for r in first.keys() & then.keys()]
    assert len(changes) >= 50
    assert statistics.median(changes) < 0


def test_heat_and_tens_sessions_and_side_effects(year):
    kinds = Counter(d.kind for d in treatments.doses_between(START, END))
    assert kinds["heat"] >= 50 and kinds["tens"] >= 10
    sessions = [d for d in treatments.doses_between(START, END) if d.kind in ("heat", "tens")]
    assert {d.unit for d in sessions} == {"minutes"}
    effects = treatments.side_effects_between(START, END)
    assert {e.effect for e in effects} >= {"drowsiness", "dizziness"}
    assert all(0 <= e.severity <= 10 for e in effects)
    dizzy = [e for e in effects if e.effect == "dizziness"]
    assert {e.name for e in dizzy} == {"Pregabalin"}
    assert SideEffect.select().count() == len(effects)


def test_tags_on_some_days_and_some_entries(year):
    rows = triggers.tags_between(START, END)
    names = Counter(r.name for r in rows)
    assert names["poor sleep"] >= 7 and names["long standing"] >= 7 and names["stress"] >= 7
    assert any(r.entry_id for r in rows) and any(r.entry_id is None for r in rows)
    tagged_days = {r.date for r in rows}
    assert 0.15 * 365 <= len(tagged_days) <= 0.7 * 365  # tags on some days, not all
    assert Tag.select().count() == len(names)
    assert {t.name for t in triggers.list_tags()} >= set(triggers.SUGGESTED_TAGS)


def test_a_season_of_daily_weather(year):
    weather = triggers.weather_between(START, END)
    assert len(weather) == 183
    days = [w.day for w in weather]
    assert days == [END - timedelta(days=182 - k) for k in range(183)]  # daily, to the end
    assert all(870 <= w.pressure_hpa <= 1090 for w in weather if w.pressure_hpa is not None)
    assert all(-60 <= w.temperature_c <= 60 for w in weather if w.temperature_c is not None)
    falls = [
        b
        for a, b in zip(weather, weather[1:], strict=False)
        if a.pressure_hpa - b.pressure_hpa >= 5
    ]
    assert len(falls) >= 5  # fronts, for the pressure-fall insight
    assert {w.source for w in weather} == {"typed", "imported"}
    assert Weather.select().count() == 183


def test_no_period_starts_in_a_diary_without_cycle_tracking(year):
    assert PeriodStart.select().count() == 0 and not triggers.cycle_enabled()


def test_with_cycle_the_demo_records_period_starts_and_switches_tracking_on(tmp_path):
    close_diary()  # the module's diary: its checks above are done
    open_diary(tmp_path / "cycle")
    try:
        summary = generate_demo(years=1, seed=11, end=END, cycle=True)
        assert "cycle tracking on" in summary
        assert triggers.cycle_enabled()
        starts = triggers.period_starts(START, END)
        gaps = {(b - a).days for a, b in zip(starts, starts[1:], strict=False)}
        assert 11 <= len(starts) <= 15 and gaps <= set(range(26, 32))
    finally:
        close_diary()


def test_the_cycle_flag_from_the_command_line(tmp_path, capsys):
    import sqlite3

    from fibrodesk.app import main

    d = tmp_path / "d"
    assert main(["demo", "--years", "1", "--cycle", "--data-dir", str(d)]) == 0
    assert "cycle tracking on" in capsys.readouterr().out
    conn = sqlite3.connect(d / "fibrodesk.sqlite3")
    try:
        assert conn.execute("SELECT count(*) FROM period_start").fetchone()[0] >= 11
        assert conn.execute("SELECT value FROM setting WHERE key = 'cycle/enabled'").fetchone()
    finally:
        conn.close()


def _last_day_doses(path, moment):  # type: ignore[no-untyped-def]
    from fibrodesk.core import clock

    clock.set_clock(moment)
    try:
        open_diary(path)
        generate_demo(years=1, seed=11, end=moment.date())
        return [d for d in treatments.doses_between(moment.date(), moment.date())]
    finally:
        clock.set_clock(None)
        close_diary()


def test_no_dose_is_logged_later_than_now(tmp_path):
    """Generated at noon, the demo's last day holds no evening dose: a dose 'taken at
    21:30' shown at 12:00 would be wrong. Generated just before midnight, it does."""
    noon = datetime(2026, 3, 31, 12, 0).astimezone()
    late = datetime(2026, 3, 31, 23, 59).astimezone()
    at_noon = _last_day_doses(tmp_path / "noon", noon)
    at_night = _last_day_doses(tmp_path / "night", late)
    assert all(d.taken_at <= noon for d in at_noon)
    assert any(d.taken_at > noon for d in at_night)
