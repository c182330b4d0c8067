"""The weekly scheduling rules (domain.md s.7, Mayo Clinic guidance)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fibrodesk.core.schedule import (
    PlanDays,
    check_week_schedule,
    schedule_ok,
    schedule_warnings,
    suggest_days,
)


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        # Mayo pattern: aerobic Mon/Wed/Fri, strength Tue/Thu, stretching daily.
        (
            {0: ["aerobic", "stretching"], 1: ["strength"], 2: ["aerobic"], 3: ["strength"]}
            | {4: ["aerobic"], 5: ["stretching"], 6: ["stretching", "balance"]},
            [],
        ),
        ({}, []),
        ({d: ["stretching"] for d in range(7)}, []),
        (
            {0: ["strength"], 2: ["strength"], 4: ["strength"]},
            [
                "Strength is planned on 3 days (Monday, Wednesday and Friday); twice a week is enough."
            ],
        ),
        (
            {1: ["strength"], 2: ["strength"]},
            ["Strength on Tuesday and Wednesday: leave a rest day between strength days."],
        ),
        (
            {6: ["strength"], 0: ["strength"]},
            ["Strength on Sunday and Monday: leave a rest day between strength days."],
        ),
        (
            {0: ["aerobic", "strength"], 3: ["strength"]},
            [
                "Aerobic and strength are both on Monday, while Tuesday, Wednesday, Friday, "
                "Saturday and Sunday are free: alternate them where you can."
            ],
        ),
        # Every day already has aerobic or strength work: a shared day cannot be avoided.
        ({d: ["aerobic"] for d in range(7)} | {1: ["aerobic", "strength"], 4: ["strength"]}, []),
    ],
)
def test_check_week_schedule(week: dict[int, list[str]], expected: list[str]) -> None:
    assert check_week_schedule(week) == expected


def test_check_week_schedule_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        check_week_schedule({7: ["aerobic"]})
    with pytest.raises(ValueError):
        check_week_schedule({0: ["running"]})


def test_schedule_warnings_per_plan_and_overall() -> None:
    walk = PlanDays("Flat walking", "aerobic", (0, 2, 4))
    squats = PlanDays("Sit-to-stand", "strength", (1, 3))
    bridges = PlanDays("Bridge", "strength", (1, 3))
    assert schedule_ok([walk, squats, bridges])
    assert schedule_warnings([walk, squats, bridges]) == []

    too_often = PlanDays("Calf raise", "strength", (1, 3, 5))
    assert schedule_warnings([walk, too_often]) == [
        "Calf raise is planned on 3 days a week; strength twice a week is enough."
    ]
    # Each plan twice a week, but together on three days.
    late = PlanDays("Bridge", "strength", (3, 5))
    assert schedule_warnings([walk, squats, late]) == [
        "Strength is planned on 3 days (Tuesday, Thursday and Saturday); twice a week is enough."
    ]
    assert not schedule_ok([walk, squats, late])


@pytest.mark.parametrize(
    ("kind", "existing", "expected"),
    [
        ("aerobic", {}, [0, 2, 4]),
        ("strength", {0: ["aerobic"], 2: ["aerobic"], 4: ["aerobic"]}, [1, 3]),
        ("aerobic", {1: ["strength"], 3: ["strength"]}, [0, 2, 4]),
        ("aerobic", {0: ["strength"], 2: ["strength"]}, [1, 3, 5]),
        ("aerobic", {1: ["aerobic"], 3: ["aerobic"], 5: ["aerobic"]}, [1, 3, 5]),
        ("strength", {2: ["strength"], 5: ["strength"]}, [2, 5]),
        ("stretching", {0: ["aerobic"]}, [0, 1, 2, 3, 4, 5, 6]),
        ("balance", None, [0, 1, 2, 3, 4, 5, 6]),
        ("mind_body", {0: ["aerobic"], 2: ["aerobic"], 4: ["aerobic"]}, [1, 3, 5]),
    ],
)
def test_suggest_days(
    kind: str, existing: dict[int, list[str]] | None, expected: list[int]
) -> None:
    assert suggest_days(kind, existing) == expected


def test_suggest_days_refuses_unknown_kind() -> None:
    with pytest.raises(ValueError):
        suggest_days("running")


SPREAD_TRIPLES = [[0, 2, 4], [0, 2, 5], [0, 3, 5], [1, 3, 5], [1, 3, 6], [1, 4, 6], [2, 4, 6]]
SPREAD_PAIRS = [[a, b] for a in range(7) for b in range(a + 2, 7) if (a, b) != (0, 6)]


@given(st.sampled_from(SPREAD_TRIPLES))
def test_strength_suggested_beside_any_alternate_day_aerobic_plan_is_clean(
    aerobic_days: list[int],
) -> None:
    week = {d: ["aerobic"] for d in aerobic_days}
    days = suggest_days("strength", week)
    assert len(days) == 2
    for d in days:
        week.setdefault(d, []).append("strength")
    assert check_week_schedule(week) == []


@given(st.sampled_from(SPREAD_PAIRS))
def test_aerobic_suggested_beside_any_twice_weekly_strength_plan_is_clean(
    strength_days: list[int],
) -> None:
    week = {d: ["strength"] for d in strength_days}
    days = suggest_days("aerobic", week)
    assert len(days) == 3
    for d in days:
        week.setdefault(d, []).append("aerobic")
    assert check_week_schedule(week) == []
