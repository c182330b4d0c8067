"""Tag and pressure-fall insights (issue 15 points 3 and 4) on small diaries worked by hand:
7 days a side at least, each side's mean, days and middle half, the day after, context
rows before the range, gaps, the 5 hPa edge, and no causal wording."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fibrodesk.core.triggers import (
    MIN_DAYS,
    PRESSURE_FALL_HPA,
    pressure_falls,
    pressure_insights,
    tag_insights,
)

NAN = float("nan")
D0 = dt.date(2026, 3, 1)


def day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def dates(n: int) -> np.ndarray:
    return np.datetime64(D0.isoformat(), "D") + np.arange(n)


# ------------------------------------------------------------------ tags
#
# 16 days; "stress" on the even days 0, 2, ..., 14.
# Same day: tagged (even) 6 7 5 6 8 6 7 5 -> mean 50/8 = 6.25; sorted 5 5 6 6 6 7 7 8,
#   q1 at 1.75 -> 5 + 0.75 = 5.75, q3 at 5.25 -> 7.0.
#   without (odd) 3 4 3 2 4 3 5 4 -> mean 28/8 = 3.5; sorted 2 3 3 3 4 4 4 5, q1 3.0, q3 4.0.
# Day after: after a tagged day = the odd days 1..15: 3.5 (8 days, 3.0 to 4.0);
#   after an untagged day = the even days 2..14 (day 0 has no day before it in the
#   arrays): 7 5 6 8 6 7 5 -> mean 44/7 = 6.2857 -> 6.3; sorted 5 5 6 6 7 7 8,
#   q1 at 1.5 -> 5.5, q3 at 4.5 -> 7.0.
TAGGED = [6, 7, 5, 6, 8, 6, 7, 5]
UNTAGGED = [3, 4, 3, 2, 4, 3, 5, 4]
LEG = [v for pair in zip(TAGGED, UNTAGGED, strict=True) for v in pair]
STRESS = {"stress": [day(i) for i in range(0, 16, 2)]}


def test_tag_same_day_and_day_after() -> None:
    same, after = tag_insights(dates(16), LEG, STRESS)
    assert same.kind == "tag"
    assert same.sentence == (
        'On days tagged "stress" your leg pain averaged 6.3 (8 days, middle half 5.8 to 7.0); '
        "on days without it 3.5 (8 days, middle half 3.0 to 4.0)."
    )
    assert same.numbers == {"mean_tagged": 6.25, "mean_other": 3.5}
    assert [(s.n, s.q1, s.q3) for s in same.sides] == [(8, 5.75, 7.0), (8, 3.0, 4.0)]
    assert after.kind == "tag_next_day"
    assert after.sentence == (
        'On days after a day tagged "stress" your leg pain averaged 3.5 (8 days, middle half '
        "3.0 to 4.0); on days after a day without it 6.3 (7 days, middle half 5.5 to 7.0)."
    )
    assert after.numbers["mean_other"] == pytest.approx(44 / 7)
    assert (after.n_days_a, after.n_days_b) == (8, 7)


@pytest.mark.parametrize(("tagged_days", "shown"), [(6, []), (7, ["tag", "tag_next_day"])])
def test_seven_days_a_side_at_least(tagged_days: int, shown: list[str]) -> None:
    # "stress" on the first 6 (or 7) even days only: 6 (7) tagged days, and 6 (7) days
    # after a tagged day (1, 3, ...); the other sides have 10 (9) and 9 (8) days.
    tags = {"stress": [day(2 * i) for i in range(tagged_days)]}
    found = tag_insights(dates(16), LEG, tags)
    assert [i.kind for i in found] == shown
    assert all(i.n_days_a == tagged_days for i in found)
    assert MIN_DAYS == 7


def test_a_tagged_day_without_leg_pain_counts_on_no_side() -> None:
    # Leg pain missing on two tagged days (0 and 4): 6 tagged days with a value (< 7).
    leg = list(LEG)
    leg[0] = leg[4] = NAN
    assert "tag" not in [i.kind for i in tag_insights(dates(16), leg, STRESS)]


def test_a_gap_leaves_the_day_after_out() -> None:
    # Day 14 removed from the arrays: day 15 has no day before it, so after a tagged day
    # keeps 1..13 (7 days) and after an untagged day keeps 2..12 (6 days): no day-after
    # insight. The same day keeps 7 tagged days (0..12) and 8 without.
    keep = [i for i in range(16) if i != 14]
    found = tag_insights(dates(16)[keep], [LEG[i] for i in keep], STRESS)
    assert [i.kind for i in found] == ["tag"]  # 7 tagged days remain, 8 without


def test_context_row_before_the_range() -> None:
    # The range starts on day 1: day 0 is context only. Same day: tagged 2..14 (7 days),
    # untagged 1..15 (8 days). The day after may read day 0's tag: day 1 stays "after a
    # tagged day".
    same, after = tag_insights(dates(16), LEG, STRESS, start=day(1))
    assert (same.n_days_a, same.n_days_b) == (7, 8)
    assert (after.n_days_a, after.n_days_b) == (8, 7)


def test_tags_in_name_order_and_tags_on_days_outside_ignored() -> None:
    tags = {"travel": [day(30)], "Cold": STRESS["stress"], "stress": STRESS["stress"]}
    found = tag_insights(dates(16), LEG, tags)
    assert [i.sentence.split('"')[1] for i in found] == ["Cold", "Cold", "stress", "stress"]


def test_no_days_at_all() -> None:
    assert tag_insights(dates(0), [], STRESS) == []


# ------------------------------------------------------------------ pressure
#
# Day:      0    1    2    3      4    5    6    7    8    9    10   11   12   13   14   15
# hPa:   1010 1005 1012 1007.1 1013 1000 1008 1001 1009 1003 1010 1004 1011 1005 1012 1006
# fall:     -    5   -7   4.9    -6   13   -8    7   -8    6   -7    6   -7    6   -7    6
# leg:      9    6    3    4      3    7    2    5    4    6    3    8    5    6    4    7
# Fell by 5 or more (5 exactly counts, 4.9 does not): days 1 5 7 9 11 13 15 -> leg
#   6 7 5 6 8 6 7: mean 45/7 = 6.43 -> 6.4; sorted 5 6 6 6 7 7 8, q1 at 1.5 -> 6.0, q3 7.0.
# Other days: 2 3 4 6 8 10 12 14 -> 3 4 3 2 4 3 5 4: mean 3.5, q1 3.0, q3 4.0.
# Day 0 has no day before: on neither side (its 9 counts nowhere).
# Day after a fall: days 2 6 8 10 12 14 (16 is not in the diary): 6 days -> not shown.
PRESSURE = [
    1010,
    1005,
    1012,
    1007.1,
    1013,
    1000,
    1008,
    1001,
    1009,
    1003,
    1010,
    1004,
    1011,
    1005,
    1012,
    1006,
]
PRESSURE_LEG = [9, 6, 3, 4, 3, 7, 2, 5, 4, 6, 3, 8, 5, 6, 4, 7]


def test_pressure_fall_same_day() -> None:
    assert PRESSURE_FALL_HPA == 5
    pressure = {day(i): float(p) for i, p in enumerate(PRESSURE)}
    [found] = pressure_insights(dates(16), PRESSURE_LEG, pressure)
    assert found.kind == "pressure_fall"
    assert found.sentence == (
        "On days when the air pressure was 5 hPa or more below the day before your leg pain "
        "averaged 6.4 (7 days, middle half 6.0 to 7.0); on other days with the pressure "
        "known 3.5 (8 days, middle half 3.0 to 4.0)."
    )
    assert found.numbers["mean_fall"] == pytest.approx(45 / 7)


def test_pressure_fall_next_day() -> None:
    # Day 16 added (1012 hPa, leg 2): after a fall now days 2 6 8 10 12 14 16 ->
    # 3 2 4 3 5 4 2: mean 23/7 = 3.29 -> 3.3; sorted 2 2 3 3 4 4 5, q1 2.5, q3 4.0.
    # After other days: 3 4 5 7 9 11 13 15 -> 4 3 7 5 6 8 6 7: mean 46/8 = 5.75 -> 5.8;
    # sorted 3 4 5 6 6 7 7 8, q1 at 1.75 -> 4.75 -> 4.8, q3 at 5.25 -> 7.0.
    pressure = {day(i): float(p) for i, p in enumerate([*PRESSURE, 1012])}
    found = pressure_insights(dates(17), [*PRESSURE_LEG, 2], pressure)
    after = [i for i in found if i.kind == "pressure_fall_next_day"][0]
    assert after.sentence == (
        "On days after a day the air pressure fell by 5 hPa or more your leg pain averaged "
        "3.3 (7 days, middle half 2.5 to 4.0); after other days with the pressure known "
        "5.8 (8 days, middle half 4.8 to 7.0)."
    )


def test_a_missing_pressure_puts_a_day_on_neither_side() -> None:
    # Without day 4's pressure, day 4 (a rise) and day 5 (a fall of 13) have no fall:
    # 6 days fell -> nothing shown.
    pressure = {day(i): float(p) for i, p in enumerate(PRESSURE) if i != 4}
    assert pressure_falls(pressure).get(day(5)) is None
    assert pressure_insights(dates(16), PRESSURE_LEG, pressure) == []


def test_pressure_falls() -> None:
    falls = pressure_falls({day(0): 1010.0, day(1): 1004.0, day(3): 1000.0})
    assert falls == {day(1): 6.0}


@pytest.mark.parametrize("kind", ["tag", "pressure"])
def test_no_causal_words(kind: str) -> None:
    if kind == "tag":
        found = tag_insights(dates(16), LEG, STRESS)
    else:
        pressure = {day(i): float(p) for i, p in enumerate(PRESSURE)}
        found = pressure_insights(dates(16), PRESSURE_LEG, pressure)
    assert found
    for insight in found:
        for word in ("because", "caused", "triggers", "makes", "due to"):
            assert word not in insight.sentence.lower()
