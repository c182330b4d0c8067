"""History queries: hand-built diaries for each convention, and a demo diary checked
against the same numbers computed independently in plain Python from the rows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from playhouse.test_utils import assert_query_count

from fibrodesk.core import scoring
from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import history
from fibrodesk.db.history_series import heat_stats
from fibrodesk.db.models import (
    FIQR_COLUMNS,
    CheckIn,
    Entry,
    Exercise,
    ExerciseSession,
    FiqrResponse,
    PainMark,
    TenderExam,
    TenderPointResult,
    WeeklySymptoms,
    WpiOverride,
)

NAN = float("nan")
D = dt.date
MONDAY = D(2024, 3, 4)  # a Monday


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def sitting(on: dt.date, marks: dict[str, int], hour: int = 8) -> None:
    entry = Entry.create(recorded_at=f"{on}T{hour:02d}:00:00+01:00", date=on.isoformat())
    for region, intensity in marks.items():
        PainMark.create(entry=entry, region=region, intensity=intensity)


def session(on: dt.date, planned: int, status: str, actual: int | None, unit: str = "minutes"):
    exercise = Exercise.get_or_create(
        id=f"walk-{unit}", defaults={"name": "Walking", "kind": "aerobic", "unit": unit}
    )[0]
    ExerciseSession.create(
        exercise=exercise,
        scheduled_for=f"{on}T10:00:00+01:00",
        date=on.isoformat(),
        planned_dose=planned,
        unit=unit,
        status=status,
        actual_dose=actual,
    )


def at(series_days: np.ndarray, values: np.ndarray, on: dt.date) -> float:
    index = int(np.flatnonzero(series_days == np.datetime64(on.isoformat(), "D"))[0])
    return float(values[index])


# --------------------------------------------------------------------------- empty


def test_an_empty_diary_has_no_span_and_a_grid_of_missing_values(diary: Path) -> None:
    assert history.diary_span() is None
    data = history.load_history(day(0), day(9))
    assert data.daily.days.dtype == np.dtype("datetime64[D]")
    assert list(data.daily.days) == [np.datetime64(day(i).isoformat()) for i in range(10)]
    for name in ("overall_pain", "leg_pain", "leg_pain_7d", "fiqr", "tender_count"):
        assert np.isnan(getattr(data.daily, name)).all(), name
    assert not data.daily.flare.any()
    assert (data.daily.exercise_minutes == 0).all()
    assert np.isnan(data.weekly.wpi).all()
    assert list(data.weekly.weeks) == [np.datetime64(MONDAY.isoformat()), np.datetime64(day(7))]


def test_a_range_that_ends_before_it_starts_is_refused(diary: Path) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        history.load_history(day(5), day(1))


# --------------------------------------------------------------------------- daily


def test_leg_pain_is_the_highest_leg_mark_of_all_sittings(diary: Path) -> None:
    """domain.md s.7, through core.legpain: the highest, never a mean, never overall pain."""
    sitting(day(0), {"calf_left": 4, "knee_inner_right": 6, "neck": 9})
    sitting(day(0), {"calf_left": 8, "head": 10}, hour=20)
    sitting(day(1), {"neck": 5})  # a body-map day without leg marks
    sitting(day(2), {"sole_right": 0})  # 0 is a real value
    CheckIn.create(date=day(1).isoformat(), overall_pain=7)  # never stands in for it
    data = history.load_history(day(0), day(3))
    d = data.daily
    np.testing.assert_array_equal(d.leg_pain, [8, NAN, 0, NAN])
    assert d.overall_pain[1] == 7
    assert list(data.regions.marked) == [True, True, True, False]
    assert data.regions.column("calf_left")[0] == 8
    assert data.regions.column("neck")[1] == 5
    assert np.isnan(data.regions.column("calf_left")[1])


def test_checkin_values_land_on_their_days(diary: Path) -> None:
    CheckIn.create(
        date=day(1).isoformat(), overall_pain=7, fatigue=6, fog=2, sleep_hours=5.5, flare=True
    )
    CheckIn.create(date=day(3).isoformat(), overall_pain=0, flare=False)
    d = history.load_history(day(0), day(4)).daily
    np.testing.assert_array_equal(d.overall_pain, [NAN, 7, NAN, 0, NAN])
    np.testing.assert_array_equal(d.fatigue, [NAN, 6, NAN, NAN, NAN])
    np.testing.assert_array_equal(d.fog, [NAN, 2, NAN, NAN, NAN])
    np.testing.assert_array_equal(d.sleep_hours, [NAN, 5.5, NAN, NAN, NAN])
    assert list(d.flare) == [False, True, False, False, False]


def test_the_rolling_mean_needs_3_known_days_of_the_7(diary: Path) -> None:
    for offset, pain in ((0, 2), (2, 4), (5, 9), (9, 1)):
        CheckIn.create(date=day(offset).isoformat(), overall_pain=pain)
    d = history.load_history(day(0), day(12)).daily
    # day 5 and 6: 2, 4, 9 -> 5; day 7: 4, 9 (day 0 left the window) -> too few
    expected = [NAN, NAN, NAN, NAN, NAN, 5, 5, NAN, NAN, NAN, NAN, NAN, NAN]
    np.testing.assert_allclose(d.overall_pain_7d, expected)


def test_the_rolling_mean_reads_the_days_before_the_range(diary: Path) -> None:
    for offset in range(7):
        CheckIn.create(date=day(offset).isoformat(), overall_pain=offset)
    d = history.load_history(day(6), day(6)).daily
    assert d.days.size == 1
    assert d.overall_pain_7d[0] == pytest.approx(3.0)


def test_exercise_minutes_count_done_and_partly_sessions_in_minutes(diary: Path) -> None:
    session(day(0), 10, "done", 12)
    session(day(0), 10, "done", None)  # logged done without a dose: the planned one
    session(day(1), 20, "partly", 5)
    session(day(1), 20, "skipped", None)
    session(day(2), 15, "planned", None)
    session(day(2), 30, "done", 30, unit="reps")  # repetitions are not minutes
    data = history.load_history(day(0), day(6))
    d = data.daily
    np.testing.assert_array_equal(d.exercise_minutes, [22, 5, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(d.planned_minutes, [20, 40, 15, 0, 0, 0, 0])
    assert data.weekly.done_minutes[0] == 27
    assert data.weekly.planned_minutes[0] == 75


def test_next_day_leg_pain_is_the_weeks_mean_after_exercise_days(diary: Path) -> None:
    session(day(0), 10, "done", 10)
    session(day(2), 10, "done", 10)
    session(day(4), 10, "skipped", None)
    session(day(6), 10, "done", 10)  # the day after is in the next week's range
    sitting(day(1), {"calf_left": 6})
    sitting(day(3), {"calf_left": 2, "calf_right": 4})  # the day's leg pain: 4
    sitting(day(5), {"calf_left": 9})  # after a skipped session: not counted
    sitting(day(7), {"calf_left": 1})
    weekly = history.load_history(day(0), day(13)).weekly
    assert weekly.next_day_leg_pain[0] == pytest.approx((6 + 4 + 1) / 3)
    assert np.isnan(weekly.next_day_leg_pain[1])


def test_tender_point_count_per_exam_day(diary: Path) -> None:
    exam = TenderExam.create(date=day(2).isoformat(), recorded_at=f"{day(2)}T09:00:00+01:00")
    points = list(catalogue().tender_points)
    for i, point in enumerate(points):
        TenderPointResult.create(exam=exam, point=point, painful=i % 3 != 0)
    d = history.load_history(day(0), day(3)).daily
    # the same count as the Today page and the report (one definition in core/scoring)
    painful = scoring.tender_point_count([p for i, p in enumerate(points) if i % 3 != 0])
    np.testing.assert_array_equal(d.tender_count, [NAN, NAN, painful, NAN])


def test_fiqr_totals_match_the_scoring_rule_including_missing_items(diary: Path) -> None:
    answers_a = [3, 4, None, 5, 6, 7, 2, 1, 0] + [5, 6] + [7, 6, 5, None, 3, 2, 1, 8, 9, 4]
    answers_b = [1] * 9 + [2, None] + [3] * 10
    for answers in (answers_a, answers_b):
        FiqrResponse.create(
            date=day(1).isoformat(), **dict(zip(FIQR_COLUMNS, answers, strict=True))
        )
    FiqrResponse.create(date=day(2).isoformat(), **dict(zip(FIQR_COLUMNS, answers_b, strict=True)))

    def total(a: list[int | None]) -> float:
        return scoring.fiqr(a[:9], a[9:11], a[11:])

    d = history.load_history(day(0), day(2)).daily
    assert np.isnan(d.fiqr[0])
    assert d.fiqr[1] == pytest.approx((total(answers_a) + total(answers_b)) / 2)
    assert d.fiqr[2] == pytest.approx(total(answers_b))


# --------------------------------------------------------------------------- weekly


def test_weekly_wpi_sss_and_fs_follow_the_2016_rules_and_overrides(diary: Path) -> None:
    # Week 1: knee (lower leg left), calf right, shoulder left; a 0 mark does not count;
    # jaw on Sunday counts; the override removes the left shoulder girdle and adds neck.
    sitting(day(0), {"knee_inner_left": 5, "calf_right": 2, "thigh_front_left": 0})
    sitting(day(3), {"shoulder_left": 4, "heel_left": 7})  # heel: WPI area none
    sitting(day(6), {"jaw_right": 1})
    WpiOverride.create(week_start=MONDAY.isoformat(), area="shoulder_girdle_left", painful=False)
    WpiOverride.create(week_start=MONDAY.isoformat(), area="neck", painful=True)
    WeeklySymptoms.create(
        week_start=MONDAY.isoformat(),
        fatigue=2,
        unrefreshed=3,
        cognitive=1,
        headaches=True,
        lower_abdomen=False,
        depression=True,
        months=6,
    )
    # Week 2: marks only on Monday; SSS answers incomplete.
    sitting(day(7), {"buttock_left": 3, "hip_outer_left": 6})
    WeeklySymptoms.create(week_start=day(7).isoformat(), fatigue=1, unrefreshed=1, cognitive=1)
    # Week 3: nothing at all.
    weekly = history.load_history(day(0), day(20)).weekly

    areas1 = scoring.wpi_from_areas(
        scoring.wpi_areas(
            ["knee_inner_left", "calf_right", "shoulder_left", "heel_left", "jaw_right"]
        ),
        {"shoulder_girdle_left": False, "neck": True},
    )
    sss1 = scoring.sss(2, 3, 1, True, False, True)
    assert weekly.wpi[0] == len(areas1) == 4
    assert weekly.sss[0] == sss1 == 8
    assert weekly.fs[0] == 12
    assert weekly.wpi[1] == len(scoring.wpi_areas(["buttock_left", "hip_outer_left"])) == 1
    assert np.isnan(weekly.sss[1]) and np.isnan(weekly.fs[1])
    assert np.isnan(weekly.wpi[2])


def test_a_week_with_only_overrides_is_scored_from_them(diary: Path) -> None:
    WpiOverride.create(week_start=MONDAY.isoformat(), area="neck", painful=True)
    assert history.load_history(day(0), day(6)).weekly.wpi[0] == 1


# --------------------------------------------------------------------------- heat map


def test_heat_stats_count_body_map_days_and_mean_strength(diary: Path) -> None:
    sitting(day(0), {"calf_left": 4, "neck": 0})
    sitting(day(0), {"calf_left": 6}, hour=20)  # the day's highest counts: 6
    sitting(day(1), {"calf_left": 0})
    sitting(day(2), {"calf_left": 2, "knee_front_right": 8})
    sitting(day(5), {"neck": 3})  # outside the period below
    data = history.load_history(day(0), day(6))
    stats = heat_stats(data.regions, day(0), day(3))
    i = stats.regions.index
    assert stats.body_map_days == 3
    assert stats.days_hurt[i("calf_left")] == 2
    assert stats.share[i("calf_left")] == pytest.approx(2 / 3)
    assert stats.mean_intensity[i("calf_left")] == pytest.approx((6 + 2) / 2)
    assert stats.days_hurt[i("neck")] == 0 and np.isnan(stats.mean_intensity[i("neck")])
    assert stats.share[i("knee_front_right")] == pytest.approx(1 / 3)
    empty = heat_stats(data.regions, day(3), day(4))
    assert empty.body_map_days == 0 and (empty.share == 0).all()


# --------------------------------------------------------------------------- demo diary


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    folder = tmp_path_factory.mktemp("demo") / "diary"
    open_diary(folder)
    generate_demo(years=1, seed=3, end=DEMO_END)
    close_diary()
    return folder


DEMO_END = D(2025, 6, 30)


@pytest.fixture
def demo(demo_template: Path) -> sqlite3.Connection:
    from fibrodesk.db.database import close_diary, open_diary

    open_diary(demo_template)
    conn = sqlite3.connect(demo_template / "fibrodesk.sqlite3")
    yield conn
    conn.close()
    close_diary()


def plain_daily(conn: sqlite3.Connection) -> dict[str, dict[str, float]]:
    """The daily numbers, computed one row at a time in plain Python."""
    legs = {r.id for r in catalogue().regions.values() if r.leg}
    leg_marks: dict[str, list[int]] = defaultdict(list)
    for date, region, intensity in conn.execute(
        "SELECT e.date, m.region, m.intensity FROM pain_mark m JOIN entry e ON e.id = m.entry_id"
    ):
        if region in legs:
            leg_marks[date].append(intensity)
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for date, marks in leg_marks.items():
        out[date]["leg_pain"] = max(marks)
    for date, pain, sleep, flare in conn.execute(
        "SELECT date, overall_pain, sleep_hours, flare FROM check_in"
    ):
        if pain is not None:
            out[date]["overall_pain"] = pain
        if sleep is not None:
            out[date]["sleep_hours"] = sleep
        if flare:
            out[date]["flare"] = 1
    for date, unit, status, planned, actual in conn.execute(
        "SELECT date, unit, status, planned_dose, actual_dose FROM exercise_session"
    ):
        if unit != "minutes":
            continue
        out[date]["planned_minutes"] = out[date].get("planned_minutes", 0) + planned
        done = {"done": actual if actual is not None else planned, "partly": actual or 0}
        out[date]["exercise_minutes"] = out[date].get("exercise_minutes", 0) + done.get(status, 0)
    return out


def test_demo_daily_arrays_equal_a_plain_python_computation(demo: sqlite3.Connection) -> None:
    start = DEMO_END - dt.timedelta(days=364)
    data = history.load_history(start, DEMO_END)
    expected = plain_daily(demo)
    d = data.daily
    assert d.days[0] == np.datetime64(start) and d.days[-1] == np.datetime64(DEMO_END)
    defaults = {"flare": 0, "exercise_minutes": 0, "planned_minutes": 0}
    for name in (
        "leg_pain",
        "overall_pain",
        "sleep_hours",
        "flare",
        "exercise_minutes",
        "planned_minutes",
    ):
        want = [expected.get(str(x), {}).get(name, defaults.get(name, NAN)) for x in d.days]
        np.testing.assert_allclose(getattr(d, name).astype(float), want, err_msg=name)
    assert np.isfinite(d.leg_pain).sum() > 300  # the demo really has data


def test_demo_weekly_wpi_equals_the_scoring_rule(demo: sqlite3.Connection) -> None:
    start, end = D(2025, 3, 3), D(2025, 4, 27)  # eight whole weeks
    weekly = history.load_history(start, end).weekly
    painful: dict[str, set[str]] = defaultdict(set)
    for date, region, intensity in demo.execute(
        "SELECT e.date, m.region, m.intensity FROM pain_mark m JOIN entry e ON e.id = m.entry_id"
    ):
        monday = D.fromisoformat(date) - dt.timedelta(days=D.fromisoformat(date).weekday())
        painful[monday.isoformat()]  # a week with marks is scored, even if all are 0
        if intensity >= 1:
            painful[monday.isoformat()].add(region)
    sss = {
        row[0]: scoring.sss(*row[1:])
        for row in demo.execute(
            "SELECT week_start, fatigue, unrefreshed, cognitive, headaches, lower_abdomen, "
            "depression FROM weekly_symptoms"
        )
        if None not in row
    }
    assert len(weekly.weeks) == 8
    for i, monday in enumerate(map(str, weekly.weeks)):
        if monday in painful:
            assert weekly.wpi[i] == len(scoring.wpi_areas(painful[monday])), monday
        else:
            assert np.isnan(weekly.wpi[i]), monday
        if monday in sss:
            assert weekly.sss[i] == sss[monday]
            assert weekly.fs[i] == weekly.wpi[i] + sss[monday]
        else:
            assert np.isnan(weekly.sss[i]) and np.isnan(weekly.fs[i])
    assert np.isfinite(weekly.fs).sum() >= 6


def test_a_slice_of_a_longer_load_equals_a_load_of_the_slice(demo: sqlite3.Connection) -> None:
    full = history.load_history(DEMO_END - dt.timedelta(days=364), DEMO_END)
    a, b = D(2025, 2, 12), D(2025, 5, 4)  # b is a Sunday: the last week is whole
    part, direct = full.between(a, b), history.load_history(a, b)
    for f in fields(direct.daily):
        np.testing.assert_array_equal(getattr(part.daily, f.name), getattr(direct.daily, f.name))
    for f in fields(direct.weekly):
        np.testing.assert_array_equal(getattr(part.weekly, f.name), getattr(direct.weekly, f.name))
    np.testing.assert_array_equal(part.regions.max_intensity, direct.regions.max_intensity)
    assert (part.start, part.end) == (a, b)


def test_one_load_runs_a_fixed_number_of_queries(demo: sqlite3.Connection) -> None:
    """No query per day or per row (the N+1 guard): the same 7 statements for any range."""
    with assert_query_count(len(history.QUERIES)):
        history.load_history(DEMO_END - dt.timedelta(days=364), DEMO_END)
    with assert_query_count(len(history.QUERIES)):
        history.load_history(DEMO_END - dt.timedelta(days=6), DEMO_END)


def test_the_span_covers_what_was_recorded(demo: sqlite3.Connection) -> None:
    span = history.diary_span()
    assert span is not None
    days = [
        D.fromisoformat(row[0])
        for table, column in (
            ("entry", "date"),
            ("check_in", "date"),
            ("tender_exam", "date"),
            ("fiqr_response", "date"),
            ("weekly_symptoms", "week_start"),
        )
        for row in demo.execute(f"SELECT {column} FROM {table}")
    ]
    days += [
        D.fromisoformat(row[0])
        for row in demo.execute("SELECT date FROM exercise_session WHERE status <> 'planned'")
    ]
    assert span == (min(days), max(days))


def test_pgic_answers_land_on_their_days(diary: Path) -> None:
    from fibrodesk.db.models import Pgic

    Pgic.create(date=day(1).isoformat(), answer=2)
    Pgic.create(date=day(3).isoformat(), answer=7)
    d = history.load_history(day(0), day(3)).daily
    np.testing.assert_array_equal(d.pgic, [NAN, 2, NAN, 7])
