"""The pages after the summary: graphs over the period, then the tables of flares, falls,
notes for the doctor and tender-point exams (no Qt)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.scoring import TENDER_POINTS_TOTAL, tender_point_count
from fibrodesk.report.document import (
    Block,
    Chart,
    Heading,
    Line,
    Para,
    Table,
    decisions_on_summary,
    decisions_table,
    one,
)
from fibrodesk.report.period import short_day
from fibrodesk.report.summary import ReportSummary, Series

NOTE_LIMIT = 1500  # characters of one note in a table cell; the rest is in the diary


def _ordinals(days: np.ndarray, shift: float = 0.0) -> tuple[float, ...]:
    return tuple(float(d.astype(dt.date).toordinal()) + shift for d in days)


def _values(values: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _known(values: np.ndarray) -> np.ndarray:
    return values[~np.isnan(values)]


def _range_words(values: np.ndarray, unit: str = "") -> str:
    known = _known(values)
    if known.size == 0:
        return "no values"
    return (
        f"{known.size} values, mean {one(float(known.mean()))}{unit}, "
        f"lowest {known.min():g}, highest {known.max():g}"
    )


def _sleep_top(hours: np.ndarray) -> float:
    """The sleep graph's top: 12 hours, or the longest night rounded up to even hours."""
    known = _known(hours)
    longest = float(known.max()) if known.size else 0.0
    return max(12.0, 2.0 * math.ceil(longest / 2))


def _charts(s: ReportSummary, series: Series) -> list[Block]:
    x0 = float(s.period.start.toordinal())
    x1 = float(s.period.end.toordinal()) + 1.0
    days = _ordinals(series.days, 0.5)
    weeks = _ordinals(series.weeks, 3.5)  # a week's value sits in its middle

    def daily(
        title: str, values: np.ndarray, top: float, unit: str, words: str, suffix: str = ""
    ) -> Chart:
        """A graph of one daily check-in value as a line, and its range in words."""
        line = Line("daily", days, _values(values), "line", 0)
        return Chart(
            title, (x0, x1), (0, top), unit, (line,), f"{words}: {_range_words(values, suffix)}."
        )

    charts = [
        Chart(
            "Leg pain: each day's highest leg mark, and the mean of each calendar week",
            (x0, x1),
            (0, 10),
            "0–10",
            (
                Line("daily", days, _values(series.leg_pain), "points", 1),
                Line("weekly mean", weeks, _values(series.leg_weekly), "line", 0),
            ),
            "Leg pain by day: " + _range_words(series.leg_pain) + ".",
        ),
        daily(
            "Overall pain (daily check-in)", series.overall_pain, 10, "0–10", "Overall pain by day"
        ),
        daily(
            "Sleep (hours a night)",
            series.sleep_hours,
            _sleep_top(series.sleep_hours),
            "hours",
            "Sleep by night",
            " hours",
        ),
        daily("Fatigue (daily check-in)", series.fatigue, 10, "0–10", "Fatigue by day"),
        Chart(
            "Weekly WPI (0–19) and SSS (0–12), ACR 2016",
            (x0, x1),
            (0, 20),
            "score",
            (
                Line("WPI", weeks, _values(series.wpi), "line", 0),
                Line("SSS", weeks, _values(series.sss), "line", 1),
            ),
            f"Weekly WPI: {_range_words(series.wpi)}. Weekly SSS: {_range_words(series.sss)}.",
        ),
        Chart(
            "FIQR total (0–100)",
            (x0, x1),
            (0, 100),
            "0–100",
            (
                Line(
                    "FIQR",
                    tuple(d.toordinal() + 0.5 for d in series.fiqr_days),
                    series.fiqr_totals,
                    "line",
                    0,
                ),
            ),
            "FIQR totals: "
            + (
                "; ".join(
                    f"{short_day(d)} {t:.1f}"
                    for d, t in zip(series.fiqr_days, series.fiqr_totals, strict=True)
                )
                or "none in this period"
            )
            + ".",
        ),
    ]
    return [Heading("Graphs over the period"), *charts]


def _flares(s: ReportSummary) -> list[Block]:
    if not s.flares:
        return [Heading("Flares", 3), Para("No flare days in this period.")]
    rows = tuple(
        (short_day(f.start), short_day(f.end), str(f.days), f.note[:NOTE_LIMIT]) for f in s.flares
    )
    return [Heading("Flares", 3), Table(("From", "To", "Days", "Note"), rows, (1.3, 1.3, 0.6, 5))]


def _falls(s: ReportSummary) -> list[Block]:
    if not s.falls:
        return [Heading("Falls and near-falls", 3), Para("None logged in this period.")]
    rows = tuple((short_day(f.day), str(f.count), f.note[:NOTE_LIMIT]) for f in s.falls)
    return [
        Heading("Falls and near-falls", 3),
        Table(("Date", "Falls or near-falls", "That day's note"), rows, (1.3, 1.3, 5.4)),
    ]


def _notes(s: ReportSummary) -> list[Block]:
    if not s.notes:
        return [
            Heading("Notes for my doctor", 3),
            Para("No note in this period is marked \u201cfor my doctor\u201d."),
        ]
    rows = tuple((short_day(n.day), n.source, n.text[:NOTE_LIMIT]) for n in s.notes)
    return [
        Heading("Notes for my doctor", 3),
        Table(("Date", "From", "Note"), rows, (1.3, 1.1, 5.6)),
    ]


def _exams(s: ReportSummary) -> list[Block]:
    if not s.exams:
        return [Heading("Tender-point exams (ACR 1990)", 3), Para("No exam in this period.")]
    cat = catalogue()
    rows = tuple(
        (
            short_day(e.day),
            f"{tender_point_count(e.painful)} of {TENDER_POINTS_TOTAL}",
            "; ".join(cat.tender_points[p].label for p in e.painful) or "none",
        )
        for e in s.exams
    )
    return [
        Heading("Tender-point exams (ACR 1990)", 3),
        Table(("Date", "Painful", "Painful points"), rows, (1.3, 1, 5.7)),
    ]


def evidence_blocks(s: ReportSummary) -> list[Block]:
    """Graphs, then the tables."""
    blocks: list[Block] = []
    if s.series is not None and s.series.days.size:
        blocks += _charts(s, s.series)
    blocks.append(Heading("Tables"))
    if s.decisions and not decisions_on_summary(s):
        blocks += [Heading("Pacing decisions", 3), decisions_table(s)]
    blocks += _flares(s) + _falls(s) + _notes(s) + _exams(s)
    return blocks
