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

from fibrodesk.core.baseline import baseline_from_tolerance, baseline_from_trials
from fibrodesk.core.pacing import (
    ACTIONS,
    PacingDecision,
    PacingSettings,
    WeekReview,
    day_name,
    decide,
    increase_step,
    lower_to_target,
    review_periods,
    review_week,
    step_back_dose,
)
from fibrodesk.core.pacing_week import average_leg_pain, payback_days

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


WEEK = (MON, SUN)

REASONS = [
    (WeekReview(10, 30, flare_days=[TUE]), "Held: flare logged on Tuesday 3 March."),
    (
        WeekReview(10, 30, flare_days=[THU, TUE, TUE]),
        "Held: flares logged on Tuesday 3 March and Thursday 5 March.",
    ),
    # The payback reason quotes the leg pain it used, the day, and the distance from usual.
    (
        WeekReview(10, 30, payback_days=[WED], baseline_pain=4, leg_pain_by_day={WED: 7}),
        "Stepped back by 2 minutes: leg pain 7 on Wednesday 4 March, 3 above your usual 4, "
        "the day after a session (a payback day).",
    ),
    (
        WeekReview(
            10,
            30,
            payback_days=[WED, FRI],
            baseline_pain=Fraction(43, 14),
            baseline_is_average=True,
            leg_pain_by_day={WED: 7, FRI: 8},
        ),
        "Stepped back by 2 minutes: leg pain 7 on Wednesday 4 March, 3.9 above your usual 3.1 "
        "(your average of the two weeks before) and leg pain 8 on Friday 6 March, 4.9 above "
        "your usual 3.1 (your average of the two weeks before), the day after a session "
        "(payback days).",
    ),
    (
        WeekReview(10, 30, payback_days=[WED, FRI], baseline_pain=2.5),
        "Stepped back by 2 minutes: leg pain on Wednesday 4 March and Friday 6 March was 3 "
        "or more above your usual 2.5 (payback days).",
    ),
    (
        WeekReview(1, 30, payback_days=[WED], baseline_pain=3, leg_pain_by_day={WED: 6.5}),
        "Stepped back: leg pain 6.5 on Wednesday 4 March, 3.5 above your usual 3, the day "
        "after a session (a payback day). 1 minute is already the smallest dose, so it stays "
        "there.",
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
        WeekReview(10, 30, skipped_for_pain=[THU, FRI]),
        "Held: sessions were skipped for pain on Thursday 5 March and Friday 6 March.",
    ),
    (
        WeekReview(
            10, 30, leg_pain_prev_two_weeks_avg=3.0, leg_pain_review_week_avg=5.2, week=WEEK
        ),
        "Held: average leg pain was 5.2 from Monday 2 March to Sunday 8 March, up 2.2 from "
        "3.0 in the two weeks before.",
    ),
    (
        WeekReview(10, 30, leg_pain_prev_two_weeks_avg=3.0, leg_pain_review_week_avg=5.2),
        "Held: average leg pain was 5.2 in the review week, up 2.2 from 3.0 in the two weeks "
        "before.",
    ),
    (
        WeekReview(10, 30, flare_days=[TUE], cut_short_for_pain=[FRI]),
        "Held: flare logged on Tuesday 3 March; a session was cut short for pain on "
        "Friday 6 March.",
    ),
    (
        WeekReview(10, 30, untried=True, week=WEEK),
        "Held: no session was done in full from Monday 2 March to Sunday 8 March, so 10 "
        "minutes stays until it has been tried.",
    ),
    (
        WeekReview(35, 30, flare_days=[TUE]),
        "Held: flare logged on Tuesday 3 March. Brought down to your target of 30 minutes.",
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


def _weeks(start: int, target: int, reviews: list[WeekReview]) -> list[PacingDecision]:
    """Week after week as the planner reviews a plan each Monday: ``decide`` on the dose
    in force (the first week ``start``, then the previous decision's new dose)."""
    decisions: list[PacingDecision] = []
    dose = start
    for review in reviews:
        decisions.append(decide(replace(review, dose=dose, target=target)))
        dose = decisions[-1].new_dose
    return decisions


def test_weeks_carry_the_dose_forward() -> None:
    plain = WeekReview(1, 1)
    weeks = [
        replace(plain, is_first_week=True),
        plain,
        plain,
        replace(plain, flare_days=[TUE]),
        replace(plain, payback_days=[WED]),
        plain,
    ]
    decisions = _weeks(5, 8, weeks)
    assert [(d.action, d.new_dose) for d in decisions] == [
        ("start", 5),
        ("increase", 6),
        ("increase", 7),
        ("hold", 7),
        ("step_back", 6),
        ("increase", 7),
    ]


def test_walking_reaches_thirty_minutes_from_five() -> None:
    decisions = _weeks(5, 30, [WeekReview(1, 1)] * 40)
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
        skipped_for_pain=draw(st.lists(DAYS, max_size=2)),
        untried=draw(st.booleans()),
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
    if review.target < review.dose:
        assert decision.new_dose <= review.target  # a lowered target wins over the floor
    elif review.dose > settings.floor:
        assert settings.floor <= decision.new_dose < review.dose
        assert review.dose - decision.new_dose >= 1
    else:
        assert decision.new_dose == review.dose  # already at the floor: stays there


@given(reviews(), settings_st())
def test_a_hold_reason_never_increases(review: WeekReview, settings: PacingSettings) -> None:
    decision = decide(review, settings)
    if review.flare_days or review.cut_short_for_pain or review.skipped_for_pain:
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
        skipped_for_pain=[],
        untried=False,
        payback_days=[],
        leg_pain_prev_two_weeks_avg=before,
        leg_pain_review_week_avg=now,
    )
    rise = Fraction(str(now)) - Fraction(str(before))
    assert (decide(review).action == "hold") == (rise >= 2)


def _review_of_week_9_to_15_march(**facts: object) -> WeekReview:
    """The review on Monday 16 March of a small diary: leg pain 3 on each of the two weeks
    before (23 February - 8 March), 4 on each day of the week, 7 on Thursday 12 March."""
    before = {date(2026, 2, 23) + timedelta(days=i): 3 for i in range(14)}
    week = {date(2026, 3, 9) + timedelta(days=i): 4 for i in range(7)}
    week[date(2026, 3, 12)] = 7  # the day after Wednesday's session
    given: dict[str, object] = {
        "dose": 10,
        "target": 30,
        "unit": "minutes",
        "leg_pain": {**before, **week},
        "flare_days": [],
        "session_days": [date(2026, 3, 11)],
        "full_days": [date(2026, 3, 11)],
        "cut_short": [],
        "baseline_pain": None,
    }
    given.update(facts)
    return review_week(date(2026, 3, 16), **given)  # type: ignore[arg-type]


def test_review_week_gathers_the_rule_inputs_from_day_facts() -> None:
    """One review for the planner and the demo: worked from a small diary by hand."""
    review = _review_of_week_9_to_15_march(
        flare_days=[date(2026, 3, 1), date(2026, 3, 10)],  # only the second is in the week
        session_days=[date(2026, 3, 8), date(2026, 3, 11), date(2026, 3, 15)],
        cut_short=[date(2026, 3, 13), date(2026, 2, 1)],
        skipped_for_pain=[date(2026, 3, 14), date(2026, 3, 16)],
    )
    assert review.week == (date(2026, 3, 9), date(2026, 3, 15))
    assert review.leg_pain_prev_two_weeks_avg == 3
    assert review.leg_pain_review_week_avg == Fraction(6 * 4 + 7, 7)  # exact, not rounded
    assert review.baseline_pain == 3 and review.baseline_is_average
    assert review.flare_days == [date(2026, 3, 10)]
    assert review.cut_short_for_pain == [date(2026, 3, 13)]
    assert review.skipped_for_pain == [date(2026, 3, 14)]
    assert not review.untried
    # 12 March: 7 >= 3 + 3. The 15 March session's next day is outside the week.
    assert review.payback_days == [date(2026, 3, 12)]
    assert review.leg_pain_by_day == {date(2026, 3, 12): 7}
    decision = decide(review)
    assert decision.action == "step_back"
    assert decision.reason == (
        "Stepped back by 2 minutes: leg pain 7 on Thursday 12 March, 4 above your usual 3 "
        "(your average of the two weeks before), the day after a session (a payback day)."
    )
    own = _review_of_week_9_to_15_march(baseline_pain=5)
    assert own.baseline_pain == 5 and own.payback_days == []  # 7 < 5 + 3
    assert not own.baseline_is_average


@pytest.mark.parametrize(
    ("full_days", "action", "reason"),
    [
        ([date(2026, 3, 11)], "increase", "Increased by 1 minute (10% a week at most)."),
        (
            [],
            "hold",
            "Held: no session was done in full from Monday 9 March to Sunday 15 March, so "
            "10 minutes stays until it has been tried.",
        ),
        # A session done in full on the day before the week does not try this week's dose.
        (
            [date(2026, 3, 8)],
            "hold",
            "Held: no session was done in full from Monday 9 March to Sunday 15 March, so "
            "10 minutes stays until it has been tried.",
        ),
    ],
)
def test_an_untried_dose_holds(full_days: list[date], action: str, reason: str) -> None:
    decision = decide(_review_of_week_9_to_15_march(baseline_pain=5, full_days=full_days))
    assert (decision.action, decision.reason) == (action, reason)


def test_an_untried_dose_at_target_is_at_target_and_a_lowered_target_still_applies() -> None:
    at = _review_of_week_9_to_15_march(baseline_pain=5, full_days=[], dose=30, target=30)
    assert decide(at).action == "at_target"
    above = _review_of_week_9_to_15_march(baseline_pain=5, full_days=[], dose=30, target=20)
    assert (decide(above).action, decide(above).new_dose) == ("at_target", 20)


def test_a_day_without_a_leg_mark_is_never_a_payback_day() -> None:
    """Leg pain comes only from leg marks: a day missing from the map has no value."""
    pain = {TUE: 9}
    assert payback_days([MON, WED], pain, baseline_pain=1) == [TUE]  # Thursday has no value


# --------------------------------------------------------------------------- exactness

EXACT = [
    # (before, review week) averages: a rise of exactly 2 holds, a hair less does not.
    (Fraction(3), Fraction(5), "hold"),
    (Fraction(3003, 1000), Fraction(5), "increase"),  # a rise of 1.997
    (3.003, 5.0, "increase"),
    (Fraction(43, 14), Fraction(71, 14), "hold"),  # 3.07... to 5.07...: exactly 2
    (Fraction(43, 14), Fraction(5), "increase"),  # 1.93: shown 3.1 -> 5.0, not a rise of 2
    (Fraction(22, 7), Fraction(36, 7), "hold"),
]


@pytest.mark.parametrize(("before", "now", "action"), EXACT)
def test_the_rise_is_compared_on_exact_values(
    before: Fraction | float, now: Fraction | float, action: str
) -> None:
    review = WeekReview(10, 30, leg_pain_prev_two_weeks_avg=before, leg_pain_review_week_avg=now)
    assert decide(review).action == action


def test_payback_is_compared_on_exact_values() -> None:
    # Usual leg pain 43/14 (3.07...): 6 is 2.93 above it, not 3; 7 is.
    usual = Fraction(43, 14)
    assert payback_days([MON], {TUE: 6}, usual) == []
    assert payback_days([MON], {TUE: 7}, usual) == [TUE]
    assert payback_days([MON], {TUE: 6}, 3) == [TUE]  # exactly 3 above


def test_averages_stay_exact() -> None:
    pain = {MON: 3, TUE: 4, WED: 4}
    assert average_leg_pain(pain, MON, SUN) == Fraction(11, 3)
    assert average_leg_pain({MON: 3, TUE: 4}, MON, SUN) is None  # fewer than 3 days


# --------------------------------------------------------------------------- step back, target

STEP_BACK = [
    # dose, settings, new dose: dose x 0.8 to the nearest unit, halves up, at least one
    # unit less, never below the floor, never up.
    (1, PacingSettings(), 1),
    (2, PacingSettings(), 1),  # 1.6 -> 2, but at least one unit less
    (3, PacingSettings(), 2),  # 2.4
    (5, PacingSettings(), 4),
    (8, PacingSettings(), 6),  # 6.4
    (10, PacingSettings(), 8),
    (12, PacingSettings(), 10),  # 9.6 rounds up
    (13, PacingSettings(), 10),  # 10.4
    (30, PacingSettings(), 24),
    (10, PacingSettings(step_back_pct=25), 8),  # 7.5: halves up
    (5, PacingSettings(step_back_pct=50), 3),  # 2.5: halves up
    (2, PacingSettings(step_back_pct=25), 1),  # 1.5 -> 2, at least one unit less
    (10, PacingSettings(step_back_pct=0), 9),  # nothing off, still one unit less
    (4, PacingSettings(floor=3), 3),  # 3.2 -> 3
    (4, PacingSettings(floor=4), 4),  # at the floor: stays
    (2, PacingSettings(floor=3), 2),  # below a raised floor: never up
]


@pytest.mark.parametrize(("dose", "settings", "new"), STEP_BACK)
def test_step_back_table(dose: int, settings: PacingSettings, new: int) -> None:
    assert step_back_dose(dose, settings) == new
    review = WeekReview(dose, 1000, payback_days=[WED])
    assert decide(review, settings).new_dose == new


TARGET = [
    # dose, target, facts, action, new dose: a lowered target applies at once, even held.
    (35, 30, {}, "at_target", 30),
    (35, 30, {"flare_days": [TUE]}, "hold", 30),
    (35, 30, {"cut_short_for_pain": [FRI]}, "hold", 30),
    (35, 30, {"untried": True}, "at_target", 30),
    (40, 20, {"payback_days": [WED]}, "step_back", 20),  # 32 by the step, 20 by the target
    (25, 30, {"payback_days": [WED]}, "step_back", 20),
    (30, 30, {"flare_days": [TUE]}, "hold", 30),
]


@pytest.mark.parametrize(("dose", "target", "facts", "action", "new"), TARGET)
def test_a_lowered_target_applies_at_once(
    dose: int, target: int, facts: dict[str, object], action: str, new: int
) -> None:
    decision = decide(WeekReview(dose, target, **facts))  # type: ignore[arg-type]
    assert (decision.action, decision.new_dose) == (action, new)


def test_lower_to_target() -> None:
    assert lower_to_target(12, 15, "minutes") is None
    assert lower_to_target(12, 12, "minutes") is None
    decision = lower_to_target(12, 10, "reps")
    assert decision == PacingDecision(
        "at_target", 10, "Brought down to your new target of 10 repetitions at once."
    )


@given(reviews(), settings_st(), st.integers(1, 400))
def test_never_above_a_lowered_target(
    review: WeekReview, settings: PacingSettings, target: int
) -> None:
    assert decide(replace(review, target=target), settings).new_dose <= max(target, 1)


@given(reviews(), settings_st())
def test_skipped_or_cut_short_for_pain_never_increases(
    review: WeekReview, settings: PacingSettings
) -> None:
    if review.skipped_for_pain or review.cut_short_for_pain:
        decision = decide(review, settings)
        assert decision.action in ("hold", "step_back")
        assert decision.new_dose <= review.dose
