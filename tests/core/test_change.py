"""FIQR change over time against the MCID (a fall of 14% or more: Bennett et al. 2009,
J Rheumatol 36:1304) and the 4-weekly PGIC (domain.md s.5): tables with the edges."""

from __future__ import annotations

import datetime as dt

import pytest

from fibrodesk.core.change import change_words, fiqr_change, fiqr_trend, pgic_due
from fibrodesk.core.fiqr_items import PGIC_ANSWERS, pgic_text

D = dt.date


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        (50.0, 43.0, True),  # exactly 14% lower: 7 of 50
        (50.0, 43.1, False),  # 13.8% lower
        (50.0, 30.0, True),  # 40% lower
        (50.0, 57.0, False),  # 14% higher is not an improvement
        (50.0, 50.0, False),
        (100.0, 86.0, True),
        (10.0, 8.6, True),  # 14% of a small total is a small fall
        (10.0, 8.7, False),
        (0.0, 0.0, False),  # nothing to fall from
    ],
)
def test_a_fall_of_14_percent_or_more_is_meaningful(
    before: float, after: float, meaningful: bool
) -> None:
    change = fiqr_change(D(2025, 1, 6), before, after)
    assert change.meaningful is meaningful
    assert change.points == pytest.approx(after - before)


def test_a_total_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        fiqr_change(D(2025, 1, 6), 101, 50)


def test_trend_since_the_first_and_since_the_last() -> None:
    totals = [(D(2025, 3, 3), 60.0), (D(2025, 1, 6), 70.0), (D(2025, 4, 7), 55.0)]
    trend = fiqr_trend(totals)
    assert trend is not None and (trend.day, trend.total) == (D(2025, 4, 7), 55.0)
    assert trend.since_first is not None and trend.since_last is not None
    assert (trend.since_first.since, trend.since_first.points) == (D(2025, 1, 6), -15.0)
    assert trend.since_first.meaningful  # 15 of 70 is 21%
    assert (trend.since_last.since, trend.since_last.points) == (D(2025, 3, 3), -5.0)
    assert not trend.since_last.meaningful  # 5 of 60 is 8%
    # Up to March: the April questionnaire is not in it yet.
    march = fiqr_trend(totals, upto=D(2025, 3, 31))
    assert march is not None and march.total == 60.0
    assert fiqr_trend(totals[:1]) is not None and fiqr_trend(totals[:1]).since_first is None
    assert fiqr_trend([]) is None


def test_change_words() -> None:
    words = change_words(fiqr_change(D(2025, 1, 6), 70.0, 55.0), "first")
    assert words == (
        "since your first (6 Jan 2025, 70.0): 15.0 lower (21.4%), a fall of 14% or more: "
        "a meaningful improvement"
    )
    assert "higher (10%)" in change_words(fiqr_change(D(2025, 1, 6), 50.0, 55.0), "last one")


@pytest.mark.parametrize(
    ("today", "start", "last", "due"),
    [
        (D(2025, 3, 28), D(2025, 3, 1), None, False),  # 27 days of diary
        (D(2025, 3, 29), D(2025, 3, 1), None, True),  # 28 days: first offer
        (D(2025, 4, 25), D(2025, 1, 1), D(2025, 3, 29), False),  # 27 days after the answer
        (D(2025, 4, 26), D(2025, 1, 1), D(2025, 3, 29), True),  # 4 weeks after it
        (D(2025, 4, 26), None, None, False),  # an empty diary
    ],
)
def test_the_pgic_is_offered_every_4_weeks(
    today: dt.date, start: dt.date | None, last: dt.date | None, due: bool
) -> None:
    assert pgic_due(today, start, last) is due


def test_the_pgic_has_seven_steps_in_order() -> None:
    assert len(PGIC_ANSWERS) == 7
    assert pgic_text(1) == "Very much improved" and pgic_text(4) == "No change"
    assert pgic_text(7) == "Very much worse"
    for bad in (0, 8, True):
        with pytest.raises(ValueError):
            pgic_text(bad)
