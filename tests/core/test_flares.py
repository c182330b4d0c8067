from datetime import date

import pytest

from fibrodesk.core.flares import episodes

D = date(2026, 3, 2)  # a Monday


def d(n: int) -> date:
    return date.fromordinal(D.toordinal() + n)


@pytest.mark.parametrize(
    "days, expected",
    [
        ([], []),
        ([0], [(0, 0)]),
        ([0, 1, 2], [(0, 2)]),
        ([2, 0, 1, 1], [(0, 2)]),  # order and repeats do not matter
        ([0, 2], [(0, 0), (2, 2)]),  # a gap of one day splits
        ([0, 1, 3, 4, 5, 9], [(0, 1), (3, 5), (9, 9)]),
    ],
)
def test_episodes_are_runs_of_consecutive_days(days, expected):
    assert episodes(d(n) for n in days) == [(d(a), d(b)) for a, b in expected]


def test_runs_cross_month_and_year_ends():
    assert episodes([date(2025, 12, 31), date(2026, 1, 1)]) == [
        (date(2025, 12, 31), date(2026, 1, 1))
    ]
