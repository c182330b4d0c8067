"""The clinician report of a long diary in bounded memory (issue 16 point 3): what it
reads is counted in SQLite or read from where the diary begins, and the figures stay
those worked out by hand from tests/report/known_diary.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fibrodesk.db import history
from fibrodesk.report import summary as summary_module
from fibrodesk.report.period import Period
from fibrodesk.report.summary import TreatmentUse, build_summary
from tests.report import known_diary as k


def test_treatments_are_counted_by_days_and_doses(diary: Path) -> None:
    k.build()
    s = build_summary(k.PERIOD, generated=k.GENERATED)
    # Pregabalin on 2, 3 and 9 March: 75 mg twice, 150 mg once; the heat pad on 2 March,
    # with no dose written, is the person's own (no remembered treatment of that name).
    assert s.treatments == (
        TreatmentUse("Pregabalin", "medication", 3, (("75 mg", 2), ("150 mg", 1))),
        TreatmentUse("Heat pad", "own", 1, ()),
    )


def test_the_comparison_is_read_only_from_the_diarys_first_day(
    diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report of the whole diary compares with a period before anything was recorded:
    the history is read from the first day recorded, and every figure is what reading
    the whole comparison period gives."""
    k.build()
    period = Period(date(2026, 2, 20), date(2026, 3, 29))  # the period before: 14 Jan-19 Feb
    read_from: list[date] = []
    load = history.load_history

    def recording(start: date, end: date) -> history.HistoryData:
        read_from.append(start)
        return load(start, end)

    monkeypatch.setattr(history, "load_history", recording)
    bounded = build_summary(period, generated=k.GENERATED)
    assert read_from == [k.B[10]]  # the first mark; nothing before it
    monkeypatch.setattr(history, "diary_span", lambda: None)
    whole = build_summary(period, generated=k.GENERATED)
    assert read_from[-1] == period.previous().start
    assert (bounded.leg_before, bounded.leg) == (whole.leg_before, whole.leg)
    assert bounded.leg_before.days == 2 and bounded.leg_before.high == 4  # 10 and 11 February
    assert bounded.leg_map_before == whole.leg_map_before
    assert bounded.leg_map_before.body_map_days == 2
    assert bounded.insights == whole.insights
    assert bounded.series is not None and whole.series is not None
    assert bounded.series.days.tolist() == whole.series.days.tolist()
    assert bounded.series.leg_weekly.tolist() == pytest.approx(
        whole.series.leg_weekly.tolist(), nan_ok=True
    )


def test_a_period_starting_before_the_diary_reads_from_the_period(
    diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    k.build()
    period = Period(date(2026, 1, 1), date(2026, 3, 29))  # starts before the first record
    assert summary_module._read_from(period, period.previous()) == period.start
