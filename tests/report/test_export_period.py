"""Which days ``fibrodesk export --format pdf`` (and File > Export as pdf) report on: one
rule, report.period.export_period, for both. Worked by hand from its docstring."""

from __future__ import annotations

from datetime import date

import pytest

from fibrodesk.report.period import Period, export_period

TODAY = date(2026, 11, 29)
SPAN = (date(2024, 3, 1), date(2026, 11, 20))  # the diary's first and last day


@pytest.mark.parametrize(
    ("start", "end", "span", "expected"),
    [
        # Neither: the whole diary, up to today (its last day is earlier).
        (None, None, SPAN, Period(date(2024, 3, 1), TODAY)),
        # Neither, a diary with days after today (typed ahead): up to its last day.
        (None, None, (SPAN[0], date(2026, 12, 5)), Period(date(2024, 3, 1), date(2026, 12, 5))),
        # Only a start: from it to today.
        (date(2026, 1, 1), None, SPAN, Period(date(2026, 1, 1), TODAY)),
        # Only an end: from the diary's first day to it.
        (None, date(2025, 6, 30), SPAN, Period(date(2024, 3, 1), date(2025, 6, 30))),
        # Both, in order; and reversed: a start after the end reports the end day alone.
        (date(2025, 1, 1), date(2025, 1, 31), SPAN, Period(date(2025, 1, 1), date(2025, 1, 31))),
        (date(2025, 2, 1), date(2025, 1, 31), SPAN, Period(date(2025, 1, 31), date(2025, 1, 31))),
        # An empty diary: the four weeks to today, or to the end asked for.
        (None, None, None, Period(date(2026, 11, 2), TODAY)),
        (None, date(2026, 6, 28), None, Period(date(2026, 6, 1), date(2026, 6, 28))),
        # An empty diary with a start: from it to today.
        (date(2026, 11, 1), None, None, Period(date(2026, 11, 1), TODAY)),
    ],
)
def test_export_period(
    start: date | None, end: date | None, span: tuple[date, date] | None, expected: Period
) -> None:
    assert export_period(start, end, span, TODAY) == expected
