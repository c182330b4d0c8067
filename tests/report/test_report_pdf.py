"""The clinician report's PDF: every page-1 figure, worked out by hand from a diary with
known values, is found in the PDF's text (read back with pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize

from fibrodesk.report.build import build_document
from fibrodesk.report.summary import build_summary
from fibrodesk.report.writer import layout_for, write_pdf
from tests.report import known_diary as k


def _text(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def report(diary: Path, qapp, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    k.build()
    summary = build_summary(k.PERIOD, generated=k.GENERATED)
    out = tmp_path / "report.pdf"
    write_pdf(layout_for(build_document(summary), QPageSize(QPageSize.PageSizeId.A4)), out)
    return _text(out)


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.1f}"


def test_page_one_figures_are_in_the_pdf(report: list[str]) -> None:
    summary_pages = " ".join(report)  # page 1 may run on: the summary comes first
    first = report[0]
    assert "Clinician report" in first
    assert "Name: Ada Lovelace <b> · Born: 10 December 1985 · Clinician: Dr. Rheum & Co" in first
    assert "2 March – 29 March 2026 (28 days)" in first
    assert "2 February – 1 March 2026" in first
    # Days with entries: marks on 2, 3, 4, 20; check-ins on 2, 3, 5, 9; exam on 4;
    # FIQR on 20; sessions logged on some plan days (Mon/Wed/Fri from 2 March).
    marks = {d.day for d, _, _ in k.MARKS if d >= k.PERIOD.start}
    checkins = {d.day for d in k.CHECKINS if d >= k.PERIOD.start}
    sessions = {2, 4, 6, 9, 11, 13}  # the first six Monday/Wednesday/Friday sessions, logged
    now_days = marks | checkins | {k.TENDER[0].day, k.FIQR_NOW[0].day} | sessions
    before_days = {d.day for d, _, _ in k.MARKS if d < k.PERIOD.start}
    before_days |= {d.day for d in k.CHECKINS if d < k.PERIOD.start} | {k.FIQR_BEFORE[0].day}
    assert f"Days with entries {len(now_days)} of 28 (before: {len(before_days)} of 28)" in first
    assert "30 March 2026 09:15 with FibroDesk" in first

    # Leg pain: mean and range of the daily highest leg mark, change against before.
    now, before = k.LEG_NOW, k.LEG_BEFORE
    change = sum(now) / len(now) - sum(before) / len(before)
    assert (
        f"Leg pain: mean of the daily highest (0–10) {_mean(now)} (4 days) {_mean(before)} "
        f"(2 days) {change:+.1f}"
    ) in first
    assert (
        f"Leg pain: range of the daily highest {min(now)}–{max(now)} {min(before)}–{max(before)}"
    ) in first
    # Flare days 2, 3 and 5 March: two flares (2-3 and 5); before one flare day.
    assert "Flare days 3 1 +2 Flares 2 1 +1" in first

    # Most affected regions in words: calf right hurt on 2 of the 4 body-map days.
    assert "Calf, right: 2 of 4 body-map days (50%), mean 4.0" in summary_pages

    # WPI of the week of 2 March: lower leg left and right, upper leg right, lower back.
    wpi, sss = 4, 2 + 2 + 1 + 1
    assert f"WPI {wpi} of 19, SSS {sss} of 12, FS {wpi + sss} of 31 (moderate)" in summary_pages
    assert "not a diagnosis" in summary_pages
    assert "Tender points at the latest exam (4 March 2026): 3 of 18 painful." in summary_pages

    # FIQR: 40 on 20 March against 60 on 10 February: a fall of 33%, past the MCID.
    assert "FIQR total 40.0 of 100 on 20 March 2026" in summary_pages
    assert "change -20.0 (higher is worse) against 60.0 on 10 February 2026" in summary_pages
    assert "a fall of 33%, past the minimal clinically important difference" in summary_pages

    # Check-in means this period (and before).
    sleep = [6.5, 7.5, 5.0, 8.0]
    assert f"{_mean(sleep)} hours (4 days)" in summary_pages
    assert "9.0 hours (1 day)" in summary_pages
    assert f"{_mean([5, 7, 6, 2])} (4 days)" in summary_pages  # fatigue
    assert f"{_mean([3, 5])} (2 days)" in summary_pages  # fog
    assert f"{_mean([2, 4])} (2 days)" in summary_pages  # restless legs
    assert f"{_mean([4, 6])} (2 days)" in summary_pages  # leg weakness
    # Falls: each listed with its date.
    assert "Falls or near-falls: 3 on 2 days (2 Mar 2026: 1; 5 Mar 2026: 2)." in summary_pages

    # Exercise.
    assert "Exercise sessions: 3 done, 1 partly done, 2 skipped" in summary_pages
    assert "Skipped for: Too tired (2)." in summary_pages
    # The dose in force at the period's end: the 16 March decision's 10 minutes.
    assert "Flat walking 10 minutes 30 minutes" in summary_pages
    assert f"16 Mar 2026 Flat walking Held: 10 minutes {k.DECISION_REASON}" in summary_pages

    # Treatments with the doses as logged.
    assert "Pregabalin medication 3 days 75 mg (2 days); 150 mg (1 day)" in summary_pages
    assert "Heat pad" in summary_pages

    # Insights of the period with their day counts (flare days 2, 3 and 5 March).
    assert "You logged 3 flare days in these 28 days." in summary_pages

    # The person's questions.
    for n, question in enumerate(k.DETAILS.questions, start=1):
        assert f"{n}. {question}" in summary_pages


def test_following_pages_hold_graphs_and_tables(report: list[str]) -> None:
    rest = " ".join(report[1:])
    assert "Graphs over the period" in rest
    assert "Leg pain: each day's highest leg mark" in rest
    assert "FIQR total (0–100)" in rest
    assert "Tender-point exams (ACR 1990)" in rest
    assert "Knee" in rest  # the painful points are named
    assert "9 Mar 2026 check-in Calf cramps woke me 3 times <i>" in rest  # for my doctor
    assert re.search(r"Page 1 of (\d+)", report[0])
    total = int(re.search(r"Page 1 of (\d+)", report[0]).group(1))  # type: ignore[union-attr]
    assert total == len(report)
    assert f"Page {total} of {total}" in report[-1]


def test_an_empty_period_gives_a_short_report(diary: Path, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.report.period import Period

    summary = build_summary(Period(k.D[2], k.D[29]), generated=k.GENERATED)
    out = tmp_path / "empty.pdf"
    pages = write_pdf(layout_for(build_document(summary)), out)
    text = _text(out)
    assert pages == 1 and len(text) == 1
    assert "Nothing was recorded from 2 March – 29 March 2026" in text[0]


def test_many_pacing_decisions_go_after_the_graphs(
    report: list[str], diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fibrodesk.report import document

    # The known diary's period holds 2 decisions; with room for 1 on the summary, the
    # summary counts them and the table follows the graphs.
    assert "Weekly pacing reviews: Flat walking: started 1×, held 1×." in " ".join(report)
    monkeypatch.setattr(document, "SUMMARY_DECISIONS", 1)
    summary = build_summary(k.PERIOD, generated=k.GENERATED)
    out = tmp_path / "long.pdf"
    write_pdf(layout_for(build_document(summary)), out)
    text = " ".join(_text(out))
    graphs = text.index("Graphs over the period")
    assert text.index("All 2 pacing decisions of the period, each with its reason") < graphs
    assert text.index("Pacing decisions Review Plan Pacing decision Why") > graphs
    assert text.index(k.DECISION_REASON) > graphs
