"""The pacing rule and the weekly scheduling rules (domain.md s.7 Convention).

Cases are worked by hand from the rule's wording; the property tests check the promises
the rule makes for every input.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fibrodesk.core.pacing import (
    ACTIONS,
    PacingDecision,
    PacingSettings,
    PlanDays,
    WeekReview,
    baseline_from_tolerance,
    baseline_from_trials,
    check_week_schedule,
    day_name,
    decide,
    increase_step,
    next_dose_sequence,
    payback_days,
    review_periods,
    schedule_ok,
    schedule_warnings,
    step_back_dose,
    suggest_days,
)

# Monday 2 March 2026 ... Sunday 8 March 2026: the review week of the worked cases.
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 3, 2) + timedelta(days=i) for i in range(7))


def test_day_names_are_plain_and_locale_free() -> None:
    assert day_name(TUE) == "Tuesday 3 March"
    assert day_name(date(2025, 12, 28)) == "Sunday 28 December"
    assert day_name(date(2025, 12, 28), year=True) == "Sunday 28 December 2025"


# --------------------------------------------------------------------------- worked cases

CASES = [
    # id, review, expected action, expected new dose
    ("5 -> 6: 10% of 5 is below one unit", WeekReview(5, 30), "increase", 6),
    ("30 -> 33: 10%", WeekReview(30, 60), "increase", 33),
    ("15 -> 16: 10% rounds down", WeekReview(15, 60), "increase", 16),
    ("29 -> 30: capped at target", WeekReview(29, 30), "increase", 30),
    ("reps work the same", WeekReview(8, 15, unit="reps"), "increase", 9),
    ("at target", WeekReview(30, 30), "at_target", 30),
    ("above a lowered target", WeekReview(35, 30), "at_target", 30),
    ("flare holds", WeekReview(10, 30, flare_days=[TUE]), "hold", 10),
    (
        "leg pain up 2.0 holds",
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3.0, leg_pain_review_week_avg=5.0),
        "hold",
        10,
    ),
    (
        "leg pain up 2.0 holds despite binary floats (5.3 - 3.3)",
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3.3, leg_pain_review_week_avg=5.3),
        "hold",
        10,
    ),
    (
        "leg pain up 1.9 does not hold",
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3.0, leg_pain_review_week_avg=4.9),
        "increase",
        11,
    ),
    (
        "leg pain down does not hold",
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=6.0, leg_pain_review_week_avg=2.0),
        "increase",
        11,
    ),
    (
        "only one average known does not hold",
        WeekReview(10, 30, leg_pain_review_week_avg=9.0),
        "increase",
        11,
    ),
    ("cut short for pain holds", WeekReview(10, 30, cut_short_for_pain=[FRI]), "hold", 10),
    ("hold wins over at target", WeekReview(30, 30, flare_days=[MON]), "hold", 30),
    ("payback 10 -> 8", WeekReview(10, 30, payback_days=[WED], baseline_pain=3), "step_back", 8),
    ("payback 1 -> 1: floor", WeekReview(1, 30, payback_days=[WED]), "step_back", 1),
    ("payback 3 -> 2: at least one unit", WeekReview(3, 30, payback_days=[WED]), "step_back", 2),
    ("payback 13 -> 10: 2.6 rounds to 3", WeekReview(13, 30, payback_days=[WED]), "step_back", 10),
    ("payback 30 -> 24", WeekReview(30, 30, payback_days=[WED]), "step_back", 24),
    (
        "payback wins over flare",
        WeekReview(10, 30, flare_days=[TUE], payback_days=[WED]),
        "step_back",
        8,
    ),
    ("first week: start", WeekReview(5, 30, is_first_week=True), "start", 5),
    (
        "first week ignores the week's facts",
        WeekReview(5, 30, is_first_week=True, flare_days=[TUE], payback_days=[WED]),
        "start",
        5,
    ),
    (
        "first week above target starts at target",
        WeekReview(40, 30, is_first_week=True),
        "start",
        30,
    ),
]


@pytest.mark.parametrize(
    ("review", "action", "new_dose"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_worked_cases(review: WeekReview, action: str, new_dose: int) -> None:
    decision = decide(review)
    assert (decision.action, decision.new_dose) == (action, new_dose)
    assert decision.reason.endswith(".")


REASONS = [
    (WeekReview(10, 30, flare_days=[TUE]), "Held: flare logged on Tuesday 3 March."),
    (
        WeekReview(10, 30, flare_days=[THU, TUE, TUE]),
        "Held: flares logged on Tuesday 3 March and Thursday 5 March.",
    ),
    (
        WeekReview(
            10,
            30,
            payback_days=[WED],
            baseline_pain=3,
            leg_pain_by_day={WED: 7.0},
        ),
        "Stepped back by 2 minutes: leg pain on Wednesday 4 March was 7, 3 or more above "
        "your usual 3 (a payback day).",
    ),
    (
        WeekReview(10, 30, payback_days=[WED, FRI], baseline_pain=2.5),
        "Stepped back by 2 minutes: leg pain on Wednesday 4 March and Friday 6 March was 3 "
        "or more above your usual 2.5 (payback days).",
    ),
    (
        WeekReview(1, 30, payback_days=[WED], baseline_pain=3, leg_pain_by_day={WED: 6.5}),
        "Stepped back: leg pain on Wednesday 4 March was 6.5, 3 or more above your usual 3 "
        "(a payback day). 1 minute is already the smallest dose, so it stays there.",
    ),
    (WeekReview(5, 30), "Increased by 1 minute (10% a week at most)."),
    (WeekReview(30, 60), "Increased by 3 minutes (10% a week at most)."),
    (
        WeekReview(14, 15, unit="reps"),
        "Increased by 1 repetition to reach your target of 15 repetitions.",
    ),
    (WeekReview(30, 30), "At your target of 30 minutes."),
    (
        WeekReview(10, 30, cut_short_for_pain=[FRI]),
        "Held: a session was cut short for pain on Friday 6 March.",
    ),
    (
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3.0, leg_pain_review_week_avg=5.2),
        "Held: average leg pain rose from 3.0 to 5.2 over the two weeks before.",
    ),
    (
        WeekReview(10, 30, flare_days=[TUE], cut_short_for_pain=[FRI]),
        "Held: flare logged on Tuesday 3 March; a session was cut short for pain on "
        "Friday 6 March.",
    ),
    (WeekReview(5, 30, is_first_week=True), "First week: start gently at 5 minutes."),
]


@pytest.mark.parametrize(("review", "reason"), REASONS)
def test_reasons_name_the_day_in_plain_words(review: WeekReview, reason: str) -> None:
    assert decide(review).reason == reason


def test_user_settings_change_the_numbers() -> None:
    gentle = PacingSettings(max_increase_pct=5, step_back_pct=50, floor=3, payback_margin=2)
    assert decide(WeekReview(40, 60), gentle).new_dose == 42
    assert decide(WeekReview(10, 60, payback_days=[WED]), gentle).new_dose == 5
    assert decide(WeekReview(4, 60, payback_days=[WED]), gentle).new_dose == 3
    assert "2 or more above" in decide(WeekReview(10, 60, payback_days=[WED]), gentle).reason
    wide = PacingSettings(leg_pain_rise_hold=3.0)
    rise_2 = WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3, leg_pain_review_week_avg=5)
    assert decide(rise_2, wide).action == "increase"
    assert decide(WeekReview(4, 30), PacingSettings(min_step=2)).new_dose == 6


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_increase_pct": -1},
        {"max_increase_pct": 101},
        {"min_step": 0},
        {"step_back_pct": 100},
        {"floor": 0},
        {"leg_pain_rise_hold": 0},
        {"payback_margin": float("nan")},
        {"review_days": 0},
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        PacingSettings(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"dose": 0, "target": 10},
        {"dose": 5, "target": 0},
        {"dose": 5.5, "target": 10},
        {"dose": 5, "target": 10, "unit": "seconds"},
        {"dose": 5, "target": 10, "baseline_pain": 11},
        {"dose": 5, "target": 10, "leg_pain_review_week_avg": -1},
    ],
)
def test_bad_reviews_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WeekReview(**kwargs)  # type: ignore[arg-type]


def test_step_back_and_increase_helpers() -> None:
    assert [step_back_dose(d) for d in (1, 2, 3, 5, 8, 10, 13, 30)] == [1, 1, 2, 4, 6, 8, 10, 24]
    assert [increase_step(d) for d in (1, 5, 9, 10, 15, 19, 20, 30)] == [1, 1, 1, 1, 1, 1, 2, 3]
    # A dose already under a user-raised floor never steps *up*.
    assert step_back_dose(2, PacingSettings(floor=3)) == 2


# --------------------------------------------------------------------------- baseline


@pytest.mark.parametrize(
    ("trials", "expected"),
    [
        ([10, 12, 8], 8),  # mean 10, minus 20% = 8
        ([5, 5, 5], 4),
        ([6, 7, 8], 5),  # mean 7, minus 20% = 5.6, rounded down
        ([2.5, 2.5, 2.5], 2),
        ([1, 1, 1], 1),  # 0.8 rounds down to 0; never below 1
        ([0, 0, 0], 1),
        ((30, 30, 30), 24),
    ],
)
def test_baseline_from_trials(trials: list[float], expected: int) -> None:
    assert baseline_from_trials(trials) == expected


@pytest.mark.parametrize(
    "trials", [[], [10], [10, 12], [10, 12, 8, 9], [10, -1, 8], [10, math.nan, 8]]
)
def test_baseline_needs_three_sound_trials(trials: list[float]) -> None:
    with pytest.raises(ValueError):
        baseline_from_trials(trials)


@pytest.mark.parametrize(
    ("good", "bad", "expected"),
    [(20, 10, 15), (10, 20, 15), (5, 2, 4), (6, 3, 5), (0, 0, 1), (30, 5, 18)],
)
def test_baseline_from_tolerance(good: float, bad: float, expected: int) -> None:
    assert baseline_from_tolerance(good, bad) == expected


def test_tolerance_refuses_negative() -> None:
    with pytest.raises(ValueError):
        baseline_from_tolerance(-1, 5)


# --------------------------------------------------------------------------- payback days


def test_payback_days_look_at_the_day_after_each_session() -> None:
    pain = {TUE: 6.0, THU: 5.9, SAT: 9.0, MON: 9.0}
    # Sessions Monday and Wednesday; Saturday's 9 follows no session; Monday's precedes one.
    assert payback_days([MON, WED], pain, baseline_pain=3) == [TUE]
    assert payback_days([MON, WED, MON], pain, baseline_pain=2.9) == [TUE, THU]
    assert payback_days([MON, WED], pain, baseline_pain=None) == []
    assert payback_days([SUN], pain, baseline_pain=0) == []  # no pain logged on the day after
    assert payback_days([MON], pain, baseline_pain=4, margin=2) == [TUE]


def test_review_periods() -> None:
    next_monday = MON + timedelta(days=7)
    review, before = review_periods(next_monday)
    assert review == (MON, SUN)
    assert before == (MON - timedelta(days=14), SUN - timedelta(days=7))


# --------------------------------------------------------------------------- sequences


def test_next_dose_sequence_carries_the_dose_forward() -> None:
    plain = WeekReview(1, 1)
    weeks = [
        replace(plain, is_first_week=True),
        plain,
        plain,
        replace(plain, flare_days=[TUE]),
        replace(plain, payback_days=[WED]),
        plain,
    ]
    decisions = next_dose_sequence(5, 8, weeks)
    assert [(d.action, d.new_dose) for d in decisions] == [
        ("start", 5),
        ("increase", 6),
        ("increase", 7),
        ("hold", 7),
        ("step_back", 6),
        ("increase", 7),
    ]


def test_walking_reaches_thirty_minutes_from_five() -> None:
    decisions = next_dose_sequence(5, 30, [WeekReview(1, 1)] * 40)
    doses = [d.new_dose for d in decisions]
    assert doses[:6] == [6, 7, 8, 9, 10, 11]
    assert doses[-1] == 30 and decisions[-1].action == "at_target"
    assert doses == sorted(doses)


# --------------------------------------------------------------------------- properties

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
PAIN = st.one_of(st.none(), st.floats(min_value=0, max_value=10, allow_nan=False))
PAIN_1DP = st.one_of(st.none(), st.integers(0, 100).map(lambda n: n / 10))


@st.composite
def settings_st(draw: st.DrawFn) -> PacingSettings:
    if draw(st.booleans()):
        return PacingSettings()
    return PacingSettings(
        max_increase_pct=draw(st.sampled_from([5, 10, 12.5, 20, 33.3])),
        min_step=draw(st.integers(1, 3)),
        step_back_pct=draw(st.sampled_from([10, 20, 25, 50])),
        floor=draw(st.integers(1, 5)),
        leg_pain_rise_hold=draw(st.sampled_from([1.0, 1.5, 2.0, 3.0])),
        payback_margin=draw(st.sampled_from([2.0, 3.0, 4.0])),
    )


@st.composite
def reviews(draw: st.DrawFn, first_week: bool | None = False) -> WeekReview:
    return WeekReview(
        dose=draw(st.integers(1, 400)),
        target=draw(st.integers(1, 400)),
        unit=draw(st.sampled_from(["minutes", "reps"])),
        flare_days=draw(st.lists(DAYS, max_size=3)),
        leg_pain_prev_two_weeks_avg=draw(st.one_of(PAIN, PAIN_1DP)),
        leg_pain_review_week_avg=draw(st.one_of(PAIN, PAIN_1DP)),
        cut_short_for_pain=draw(st.lists(DAYS, max_size=3)),
        payback_days=draw(st.lists(DAYS, max_size=2)),
        baseline_pain=draw(PAIN),
        is_first_week=draw(st.booleans()) if first_week is None else first_week,
    )


@given(reviews(first_week=None), settings_st())
def test_decisions_are_well_formed_and_deterministic(
    review: WeekReview, settings: PacingSettings
) -> None:
    decision = decide(review, settings)
    assert isinstance(decision, PacingDecision)
    assert decision.action in ACTIONS
    assert decision.new_dose >= 1
    assert decision.reason and decision.reason.endswith(".")
    assert decide(replace(review), settings) == decision


@given(reviews(), settings_st())
def test_never_more_than_the_weekly_increase(review: WeekReview, settings: PacingSettings) -> None:
    decision = decide(review, settings)
    rise = decision.new_dose - review.dose
    if rise > 0:
        assert decision.action == "increase"
        pct_step = review.dose * Fraction(str(settings.max_increase_pct)) / 100
        # 10% at most, or exactly the one-unit minimum when 10% is smaller than it.
        assert rise <= pct_step or (rise <= settings.min_step and pct_step < settings.min_step)


@given(reviews(first_week=None), settings_st())
def test_never_above_the_target_when_starting_at_or_below_it(
    review: WeekReview, settings: PacingSettings
) -> None:
    if review.dose <= review.target:
        assert decide(review, settings).new_dose <= review.target


@given(reviews(first_week=None), settings_st())
def test_never_below_the_floor(review: WeekReview, settings: PacingSettings) -> None:
    if review.dose >= settings.floor and review.target >= settings.floor:
        assert decide(review, settings).new_dose >= settings.floor


@given(reviews(), settings_st(), DAYS)
def test_a_payback_day_always_steps_back(
    review: WeekReview, settings: PacingSettings, day: date
) -> None:
    review = replace(review, payback_days=[*review.payback_days, day])
    decision = decide(review, settings)
    assert decision.action == "step_back"
    if review.dose > settings.floor:
        assert settings.floor <= decision.new_dose < review.dose
        assert review.dose - decision.new_dose >= 1
    else:
        assert decision.new_dose == review.dose  # already at the floor: stays there


@given(reviews(), settings_st())
def test_a_hold_reason_never_increases(review: WeekReview, settings: PacingSettings) -> None:
    decision = decide(review, settings)
    if review.flare_days or review.cut_short_for_pain:
        assert decision.action in ("hold", "step_back")
        assert decision.new_dose <= review.dose


@given(
    reviews(),
    st.integers(0, 100).map(lambda n: n / 10),
    st.integers(0, 100).map(lambda n: n / 10),
)
def test_leg_pain_rise_holds_exactly_from_two(
    review: WeekReview, before: float, now: float
) -> None:
    review = replace(
        review,
        flare_days=[],
        cut_short_for_pain=[],
        payback_days=[],
        leg_pain_prev_two_weeks_avg=before,
        leg_pain_review_week_avg=now,
    )
    rise = Fraction(str(now)) - Fraction(str(before))
    assert (decide(review).action == "hold") == (rise >= 2)


@given(st.integers(1, 60), st.integers(1, 60), st.lists(reviews(), max_size=30), settings_st())
def test_sequences_carry_forward(
    start: int, target: int, weeks: list[WeekReview], settings: PacingSettings
) -> None:
    decisions = next_dose_sequence(start, target, weeks, settings)
    assert len(decisions) == len(weeks)
    dose = start
    for week, decision in zip(weeks, decisions, strict=True):
        assert decision == decide(replace(week, dose=dose, target=target), settings)
        dose = decision.new_dose


# --------------------------------------------------------------------------- schedule


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


def test_review_week_gathers_the_rule_inputs_from_day_facts():
    """One review for the planner and the demo: worked from a small diary by hand."""
    from datetime import date, timedelta

    from fibrodesk.core.pacing import review_week

    review_day = date(2026, 3, 16)  # a Monday: review week is 9-15 March
    before = {date(2026, 2, 23) + timedelta(days=i): 3.0 for i in range(14)}  # 23 Feb - 8 Mar
    week = {date(2026, 3, 9) + timedelta(days=i): 4.0 for i in range(7)}
    week[date(2026, 3, 12)] = 7.5  # the day after Wednesday's session
    pain = {**before, **week}
    review = review_week(
        review_day,
        dose=10,
        target=30,
        unit="minutes",
        leg_pain=pain,
        flare_days=[date(2026, 3, 1), date(2026, 3, 10)],  # only the second is in the week
        session_days=[date(2026, 3, 8), date(2026, 3, 11), date(2026, 3, 15)],
        cut_short=[date(2026, 3, 13), date(2026, 2, 1)],
        baseline_pain=None,  # falls back to the two weeks before: 3.0
    )
    assert review.leg_pain_prev_two_weeks_avg == 3.0
    assert review.leg_pain_review_week_avg == round((6 * 4.0 + 7.5) / 7, 2)
    assert review.baseline_pain == 3.0
    assert review.flare_days == [date(2026, 3, 10)]
    assert review.cut_short_for_pain == [date(2026, 3, 13)]
    # 12 March: 7.5 >= 3.0 + 3. The 15 March session's next day is outside the week.
    assert review.payback_days == [date(2026, 3, 12)]
    assert review.leg_pain_by_day == {date(2026, 3, 12): 7.5}
    assert decide(review).action == "step_back"
    own = review_week(
        review_day,
        dose=10,
        target=30,
        unit="minutes",
        leg_pain=pain,
        flare_days=[],
        session_days=[date(2026, 3, 11)],
        cut_short=[],
        baseline_pain=5.0,
    )
    assert own.baseline_pain == 5.0 and own.payback_days == []  # 7.5 < 5 + 3
