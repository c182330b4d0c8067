"""Cycle day and phase from period start days (issue 15 point 5), worked by hand: day 1 is
the start day, menstrual days 1-5, luteal the 14 days before the next start, follicular
between, unknown without a next start or in a cycle over 45 days; and leg pain and flare
days by phase with the insights' 7-day rule."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fibrodesk.core.cycle import (
    LUTEAL_DAYS,
    MAX_CYCLE_DAYS,
    MENSTRUAL_DAYS,
    CycleDay,
    Phase,
    cycle_day,
    cycle_days,
    phase_insights,
)

D = dt.date
M, F, L, U = Phase.MENSTRUAL, Phase.FOLLICULAR, Phase.LUTEAL, Phase.UNKNOWN

# Starts: 1 Jan (28-day cycle), 29 Jan (22 days), 20 Feb (70 days: a start likely not
# marked), 1 May (still running).
STARTS = [D(2026, 5, 1), D(2026, 1, 1), D(2026, 1, 29), D(2026, 2, 20), D(2026, 1, 29)]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 12, 31), CycleDay(None, U)),  # before the first start
        (D(2026, 1, 1), CycleDay(1, M)),  # the start day is day 1
        (D(2026, 1, 5), CycleDay(5, M)),  # last menstrual day
        (D(2026, 1, 6), CycleDay(6, F)),  # first follicular day
        (D(2026, 1, 14), CycleDay(14, F)),  # 15 days before 29 Jan: still follicular
        (D(2026, 1, 15), CycleDay(15, L)),  # 14 days before 29 Jan: luteal
        (D(2026, 1, 28), CycleDay(28, L)),  # the day before the next start
        (D(2026, 1, 29), CycleDay(1, M)),  # the next start
        (D(2026, 2, 5), CycleDay(8, F)),  # 22-day cycle: follicular days 6-8 only
        (D(2026, 2, 6), CycleDay(9, L)),  # 14 days before 20 Feb
        (D(2026, 2, 24), CycleDay(5, M)),  # the 70-day cycle: menstrual days still known
        (D(2026, 2, 25), CycleDay(6, U)),  # then unknown: a start was likely missed
        (D(2026, 4, 5), CycleDay(45, U)),  # day 45
        (D(2026, 4, 6), CycleDay(None, U)),  # day 46: no cycle day
        (D(2026, 5, 5), CycleDay(5, M)),  # the cycle still running
        (D(2026, 5, 6), CycleDay(6, U)),  # luteal days cannot be placed yet
        (D(2026, 6, 14), CycleDay(45, U)),
        (D(2026, 6, 15), CycleDay(None, U)),
    ],
)
def test_cycle_day_and_phase(day: dt.date, expected: CycleDay) -> None:
    assert cycle_day(day, STARTS) == expected


def test_the_conventions() -> None:
    assert (MENSTRUAL_DAYS, LUTEAL_DAYS, MAX_CYCLE_DAYS) == (5, 14, 45)


def test_a_short_cycle_keeps_its_menstrual_days() -> None:
    # Starts 1 and 11 March (10 days): days 1-5 menstrual, 6-10 luteal (all within 14 days
    # of the next start), no follicular day.
    starts = [D(2026, 3, 1), D(2026, 3, 11)]
    found = cycle_days([D(2026, 3, i) for i in range(1, 11)], starts)
    assert [c.phase for c in found.values()] == [M] * 5 + [L] * 5
    assert [c.day for c in found.values()] == list(range(1, 11))


def test_a_45_day_cycle_is_placed_and_a_46_day_one_is_not() -> None:
    # 45 days (1 Jan to 15 Feb): day 31 = 31 Jan is 15 days before: follicular;
    # 46 days (to 16 Feb): the same day is unknown.
    assert cycle_day(D(2026, 1, 31), [D(2026, 1, 1), D(2026, 2, 15)]) == CycleDay(31, F)
    assert cycle_day(D(2026, 2, 1), [D(2026, 1, 1), D(2026, 2, 15)]) == CycleDay(32, L)
    assert cycle_day(D(2026, 1, 31), [D(2026, 1, 1), D(2026, 2, 16)]) == CycleDay(31, U)


def test_no_starts() -> None:
    assert cycle_day(D(2026, 1, 1), []) == CycleDay(None, U)


# ------------------------------------------------------------------ by phase
#
# Two 28-day cycles: starts 1 Jan, 29 Jan, 26 Feb; diary days 1 Jan to 25 Feb (56 days).
# Each cycle: 5 menstrual, 9 follicular (days 6-14), 14 luteal (days 15-28).
# Leg pain: menstrual 6 7 6 5 6 in each cycle -> 5 5 6 6 6 6 6 6 7 7: mean 6.0, q1 (at
#   2.25) 6.0, q3 (at 6.75) 6.0; follicular 3 every day: 3.0 (18 days); luteal: a leg
#   value on only 3 days of each cycle (6 < 7): not shown.
# Flares: day 1 of each cycle (2 of 10 menstrual days), 3 luteal days of the first cycle
#   (3 of 28), none follicular (0 of 18).
START = D(2026, 1, 1)


def _by_phase() -> tuple[np.ndarray, list[float], list[bool]]:
    dates = np.datetime64(START.isoformat(), "D") + np.arange(56)
    leg: list[float] = []
    flare: list[bool] = []
    for i in range(56):
        number = i % 28 + 1
        if number <= 5:
            leg.append([6, 7, 6, 5, 6][number - 1])
        elif number <= 14:
            leg.append(3)
        else:
            leg.append(4 if number in (15, 20, 25) else float("nan"))
        flare.append(number == 1 or (i < 28 and number in (16, 17, 18)))
    return dates, leg, flare


def test_leg_pain_and_flares_by_phase() -> None:
    dates, leg, flare = _by_phase()
    starts = [D(2026, 1, 1), D(2026, 1, 29), D(2026, 2, 26)]
    pain, flares = phase_insights(dates, leg, flare, starts)
    assert pain.kind == "cycle_leg_pain"
    assert pain.sentence == (
        "By cycle phase your leg pain averaged: menstrual (cycle days 1-5) 6.0 (10 days, "
        "middle half 6.0 to 6.0); follicular 3.0 (18 days, middle half 3.0 to 3.0)."
    )
    assert pain.numbers == {"mean_menstrual": 6.0, "mean_follicular": 3.0}
    assert flares.kind == "cycle_flares"
    assert flares.sentence == (
        "Flare days by cycle phase: menstrual (cycle days 1-5) 2 of 10 days; follicular 0 "
        "of 18 days; luteal (the 14 days before a period) 3 of 28 days."
    )


def test_without_the_next_start_the_last_cycle_is_not_placed() -> None:
    # Without the 26 Feb start the second cycle's days 6-28 are unknown: only the first
    # cycle's 9 follicular and 14 luteal days are placed; menstrual keeps its 10 days.
    dates, leg, flare = _by_phase()
    pain, flares = phase_insights(dates, leg, flare, [D(2026, 1, 1), D(2026, 1, 29)])
    assert pain.numbers == {"mean_menstrual": 6.0, "mean_follicular": 3.0}
    assert pain.sides[1].n == 9
    assert flares.numbers["days_luteal"] == 14 and flares.numbers["flares_luteal"] == 3


def test_one_phase_alone_is_no_comparison() -> None:
    # The range from 29 Jan: only the second cycle: menstrual 5 days (< 7), follicular 9,
    # luteal 3 leg values -> one phase with 7 days: no leg pain insight; flare days:
    # follicular 9 and luteal 14 diary days -> shown.
    dates, leg, flare = _by_phase()
    starts = [D(2026, 1, 1), D(2026, 1, 29), D(2026, 2, 26)]
    found = phase_insights(dates, leg, flare, starts, start=D(2026, 1, 29))
    assert [i.kind for i in found] == ["cycle_flares"]
    assert found[0].sentence == (
        "Flare days by cycle phase: follicular 0 of 9 days; luteal (the 14 days before a "
        "period) 0 of 14 days."
    )


def test_no_causal_words() -> None:
    dates, leg, flare = _by_phase()
    found = phase_insights(dates, leg, flare, [D(2026, 1, 1), D(2026, 1, 29), D(2026, 2, 26)])
    for insight in found:
        for word in ("because", "caused", "triggers", "due to"):
            assert word not in insight.sentence.lower()
