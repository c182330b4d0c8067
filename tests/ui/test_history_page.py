"""The History page on a demo diary: what each graph shows equals the diary's numbers
computed here independently, one row at a time, in plain Python."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QPalette

from fibrodesk.core import scoring
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.cycle import phase_insights
from fibrodesk.core.insights import boom_bust_episodes, compute_insights
from fibrodesk.core.triggers import pressure_insights, tag_insights
from fibrodesk.core.wording import one_decimal
from fibrodesk.db.changes import Change

NAN = float("nan")
DAY = 86400.0
LEGS = {r.id for r in catalogue().regions.values() if r.leg}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def demo_dir(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "diary"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.fixture
def shown(qtbot, demo_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """The main window on the demo diary, shown off-screen."""
    from fibrodesk.app import build_main_window
    from fibrodesk.db.database import close_diary

    win = build_main_window(demo_dir)
    qtbot.addWidget(win)
    win.resize(1280, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    close_diary()


@pytest.fixture
def page(shown):  # type: ignore[no-untyped-def]
    return shown.show_page("history")


class Plain:
    """The diary read row by row with sqlite3, aggregated in plain Python."""

    def __init__(self, data_dir: Path) -> None:
        conn = sqlite3.connect(data_dir / "fibrodesk.sqlite3")
        try:
            self.leg: dict[str, list[int]] = defaultdict(list)
            self.region_max: dict[tuple[str, str], int] = {}
            self.marked: set[str] = set()
            for date, region, intensity in conn.execute(
                "SELECT e.date, m.region, m.intensity FROM pain_mark m "
                "JOIN entry e ON e.id = m.entry_id"
            ):
                self.marked.add(date)
                if region in LEGS:
                    self.leg[date].append(intensity)
                key = (date, region)
                self.region_max[key] = max(intensity, self.region_max.get(key, 0))
            self.checkin = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT date, overall_pain, sleep_hours, flare, fatigue, fog FROM check_in"
                )
            }
            self.minutes: dict[str, float] = defaultdict(float)
            self.planned: dict[str, float] = defaultdict(float)
            for date, unit, status, planned, actual in conn.execute(
                "SELECT date, unit, status, planned_dose, actual_dose FROM exercise_session"
            ):
                if unit == "minutes":
                    self.planned[date] += planned
                    if status == "done":
                        self.minutes[date] += actual if actual is not None else planned
                    elif status == "partly":
                        self.minutes[date] += actual or 0
            self.tender: dict[str, int] = defaultdict(int)
            for date, painful in conn.execute(
                "SELECT t.date, p.painful FROM tender_point_result p "
                "JOIN tender_exam t ON t.id = p.exam_id"
            ):
                self.tender[date] += painful
            # Issue 15's triggers: each tag's days (on the day or one of its entries), the
            # daily pressure, and the period starts when cycle tracking is on.
            self.tags: dict[str, set[dt.date]] = defaultdict(set)
            for name, date in conn.execute(
                "SELECT t.name, d.date FROM day_tag d JOIN tag t ON t.id = d.tag_id"
            ):
                self.tags[name].add(dt.date.fromisoformat(date))
            self.pressure = {
                dt.date.fromisoformat(date): hpa
                for date, hpa in conn.execute(
                    "SELECT date, pressure_hpa FROM weather WHERE pressure_hpa IS NOT NULL"
                )
            }
            cycle_on = conn.execute("SELECT value FROM setting WHERE key = 'cycle/enabled'")
            self.cycle_on = [row[0] for row in cycle_on] in (['"1"'], ["1"], ["true"])
            self.period_starts = [
                dt.date.fromisoformat(d) for (d,) in conn.execute("SELECT date FROM period_start")
            ]
            self.fiqr: dict[str, list[float]] = defaultdict(list)
            for row in conn.execute("SELECT * FROM fiqr_response"):
                names = [d[0] for d in conn.execute("SELECT * FROM fiqr_response").description]
                answers = dict(zip(names, row, strict=True))
                items = [answers[f"function_{i}"] for i in range(1, 10)]
                overall = [answers["overall_1"], answers["overall_2"]]
                symptoms = [answers[f"symptom_{i}"] for i in range(1, 11)]
                self.fiqr[answers["date"]].append(scoring.fiqr(items, overall, symptoms))
        finally:
            conn.close()

    def leg_pain(self, day: str) -> float:
        """domain.md s.7: the day's highest leg mark, no value without one."""
        return max(self.leg[day]) if self.leg.get(day) else NAN

    def overall(self, day: str) -> float:
        value = self.checkin.get(day, (None,))[0]
        return NAN if value is None else float(value)

    def sleep(self, day: str) -> float:
        row = self.checkin.get(day)
        return NAN if row is None or row[1] is None else float(row[1])

    def flare(self, day: str) -> bool:
        row = self.checkin.get(day)
        return bool(row and row[2])


def days_of(x: np.ndarray) -> list[str]:
    """Dates of x values (each day's noon, UTC) as ISO strings."""
    return [str(d) for d in np.floor(np.asarray(x) / DAY).astype("int64").astype("datetime64[D]")]


def range_days(start: dt.date, end: dt.date) -> list[str]:
    return [str(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]


def x_of(day: dt.date) -> float:
    return (day - dt.date(1970, 1, 1)).days * DAY + DAY / 2


# --------------------------------------------------------------------------- lazy import


def test_pyqtgraph_and_numpy_are_imported_only_when_history_is_first_shown(demo_dir: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from fibrodesk.app import build_main_window\n"
        "window = build_main_window(sys.argv[1])\n"
        "window.show_page('planner'); window.show_page('today')\n"
        "early = sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules)\n"
        "assert not early, f'imported at start-up: {early}'\n"
        "page = window.show_page('history')\n"
        "assert 'pyqtgraph' in sys.modules and 'numpy' in sys.modules\n"
        "assert page.findChild(type(page.panels['leg_pain'].widget)) is not None\n"
        # PySide6 reads every imported module's source into linecache; the page drops
        # those lines (about 10 MB of strings for numpy and pyqtgraph).
        "import linecache\n"
        "kept = [f for f in linecache.cache if 'numpy' in f or 'pyqtgraph' in f]\n"
        "assert not kept, f'source lines kept: {kept[:5]}'\n"
        "print('ok')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_an_empty_diary_shows_the_empty_state_until_something_is_recorded(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db.models import CheckIn

    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("history")
    assert page.stack.currentWidget() is page.empty_state
    today = dt.date.today()

    def first_checkin() -> Change:
        CheckIn.create(date=today.isoformat(), overall_pain=6, flare=True)
        return Change.CHECKIN

    window.ctx.perform(first_checkin)
    assert page.stack.currentWidget() is not page.empty_state
    x, y = page.curves["overall_pain/daily"].getOriginalDataset()
    assert days_of(x)[-1] == str(today) and y[-1] == 6


# --------------------------------------------------------------------------- the graphs


def test_the_graphs_show_the_diarys_values(page, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    plain = Plain(demo_dir)
    start, end = page.range_dates()
    assert (
        end == dt.date.today()
        and (end - start).days == 89
        and page.range_buttons["90d"].isChecked()
    )
    days = range_days(start, end)

    def shown(key: str) -> tuple[list[str], np.ndarray]:
        x, y = page.curves[key].getOriginalDataset()
        return days_of(x), y

    for key, expected in (
        ("leg_pain/daily", plain.leg_pain),
        ("overall_pain/daily", plain.overall),
        ("sleep/sleep_hours", plain.sleep),
    ):
        x_days, y = shown(key)
        assert x_days == days, key
        np.testing.assert_allclose(y, [expected(d) for d in days], err_msg=key)
        # On 90 days nothing is downsampled: the screen shows the same values.
        np.testing.assert_allclose(page.curves[key].getData()[1], y, err_msg=key)
    assert np.isfinite(shown("leg_pain/daily")[1]).sum() > 60

    # 7-day mean of the daily leg pain: known values of the 7 days ending on the day, >= 3.
    first = start - dt.timedelta(days=6)
    daily = {d: plain.leg_pain(d) for d in range_days(first, end)}
    rolling = []
    for d in days:
        window = [
            daily[w]
            for w in range_days(
                dt.date.fromisoformat(d) - dt.timedelta(days=6), dt.date.fromisoformat(d)
            )
        ]
        known = [v for v in window if v == v]
        rolling.append(statistics.fmean(known) if len(known) >= 3 else NAN)
    np.testing.assert_allclose(shown("leg_pain/rolling")[1], rolling)

    # Flare days: one shaded bar per run of consecutive flare days.
    bars = page.curves["leg_pain/flare"]
    runs: list[tuple[str, str]] = []
    for d in days:
        if plain.flare(d):
            if runs and dt.date.fromisoformat(runs[-1][1]) + dt.timedelta(
                days=1
            ) == dt.date.fromisoformat(d):
                runs[-1] = (runs[-1][0], d)
            else:
                runs.append((d, d))
    assert runs, "the demo has flares in 90 days"
    assert days_of(bars.starts + DAY / 2) == [r[0] for r in runs]
    assert days_of(bars.ends - DAY / 2) == [r[1] for r in runs]

    # Sparse series: tender-point exams and FIQR, only on their days.
    x_days, y = shown("tender_points/count")
    assert x_days == [d for d in days if d in plain.tender]
    assert list(y) == [plain.tender[d] for d in x_days]
    x_days, y = shown("fiqr/total")
    assert x_days == [d for d in days if d in plain.fiqr]
    np.testing.assert_allclose(y, [statistics.fmean(plain.fiqr[d]) for d in x_days])


def test_the_weekly_graphs_show_wpi_sss_fs_and_exercise(page, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    plain = Plain(demo_dir)
    conn = sqlite3.connect(demo_dir / "fibrodesk.sqlite3")
    sss = {
        r[0]: scoring.sss(*r[1:])
        for r in conn.execute(
            "SELECT week_start, fatigue, unrefreshed, cognitive, headaches, lower_abdomen, "
            "depression FROM weekly_symptoms"
        )
    }
    conn.close()
    start, end = page.range_dates()
    monday = start - dt.timedelta(days=start.weekday())
    mondays = []
    while monday <= end:
        mondays.append(monday)
        monday += dt.timedelta(days=7)

    def week_days(m: dt.date) -> list[str]:
        return range_days(m, min(m + dt.timedelta(days=6), end))

    x, wpi = page.curves["acr2016/wpi"].getOriginalDataset()
    # Weekly points sit on the Thursday of their week.
    assert days_of(x) == [str(m + dt.timedelta(days=3)) for m in mondays]
    for i, m in enumerate(mondays):
        regions = {r for (d, r), v in plain.region_max.items() if v >= 1 and d in week_days(m)}
        assert wpi[i] == len(scoring.wpi_areas(regions)), m
    x, shown_sss = page.curves["acr2016/sss"].getOriginalDataset()
    assert list(shown_sss) == [sss[str(m)] for m in mondays if str(m) in sss]
    _x, fs = page.curves["acr2016/fs"].getOriginalDataset()
    assert list(fs) == [wpi[i] + sss[str(m)] for i, m in enumerate(mondays) if str(m) in sss]
    lines = {
        line.value(): line
        for line in page.panels["acr2016"].plot.items
        if hasattr(line, "value") and line.angle == 0
    }
    assert {4, 5, 7, 9} <= set(lines)
    tender_lines = [
        item.value()
        for item in page.panels["tender_points"].plot.items
        if hasattr(item, "value") and getattr(item, "angle", None) == 0
    ]
    assert tender_lines == [11]

    done = page.curves["exercise/done"].opts
    planned = page.curves["exercise/planned"].opts
    assert list(done["height"]) == [
        sum(plain.minutes.get(d, 0) for d in week_days(m)) for m in mondays
    ]
    assert list(planned["height"]) == [
        sum(plain.planned.get(d, 0) for d in week_days(m)) for m in mondays
    ]
    assert max(done["height"]) > 0


def test_dense_lines_are_thin_downsampled_and_clipped(page) -> None:  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    for key in ("leg_pain/daily", "overall_pain/daily", "sleep/fatigue"):
        item = page.curves[key]
        assert item.opts["pen"].width() == 1, key
        assert item.opts["autoDownsample"] and item.opts["downsampleMethod"] == "peak", key
        assert item.opts["clipToView"], key
    assert isinstance(page.panels["leg_pain"].axis, pg.DateAxisItem)


# --------------------------------------------------------------------------- ranges


def test_switching_ranges_changes_the_x_range_and_the_data(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    for key, days in (("7d", 7), ("30d", 30), ("1y", 365), ("90d", 90)):
        qtbot.mouseClick(page.range_buttons[key], Qt.MouseButton.LeftButton)
        assert page.range_buttons[key].isChecked()
        start = today - dt.timedelta(days=days - 1)
        x, _y = page.curves["leg_pain/daily"].getOriginalDataset()
        assert days_of(x) == range_days(start, today), key
        left, right = x_of(start) - DAY / 2, x_of(today) + DAY / 2
        for panel in page.panels.values():
            view = panel.plot.vb.viewRange()[0]
            assert view == pytest.approx([left, right], abs=DAY / 100), (key, panel.key)
        assert page.from_edit.date().toPython() == start
    qtbot.mouseClick(page.range_buttons["all"], Qt.MouseButton.LeftButton)
    x, _y = page.curves["overall_pain/daily"].getOriginalDataset()
    assert days_of(x)[0] == str(page._span[0]) and days_of(x)[-1] == str(today)


def test_a_custom_range_from_the_two_date_edits(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    start = dt.date.today() - dt.timedelta(days=200)
    end = start + dt.timedelta(days=40)
    page.from_edit.setDate(QDate(start.year, start.month, start.day))
    page.from_edit.editingFinished.emit()
    page.to_edit.setDate(QDate(end.year, end.month, end.day))
    page.to_edit.editingFinished.emit()
    assert page.range_buttons["custom"].isChecked()
    assert page.range_dates() == (start, end)
    x, _y = page.curves["leg_pain/daily"].getOriginalDataset()
    assert days_of(x) == range_days(start, end)


def test_the_range_is_remembered(qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    page = shown.show_page("history")
    qtbot.mouseClick(page.range_buttons["30d"], Qt.MouseButton.LeftButton)
    assert shown.ctx.settings.value("history/range") == "30d"


# --------------------------------------------------------------------------- one region


def test_clicking_a_region_plots_its_daily_highest_pain(qtbot, page, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    plain = Plain(demo_dir)
    body = page.region_map
    assert body.objectName() == "historyRegionMap" and not body.show_tender_points()
    for region in ("knee_inner_left", "calf_right"):
        with qtbot.waitSignal(body.regionClicked, timeout=2000) as signal:
            qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=body.region_center(region))
        assert signal.args == [region]
        assert page.region == region and body.selected() == region
        start, end = page.range_dates()
        expected = [
            (d, plain.region_max[(d, region)])
            for d in range_days(start, end)
            if (d, region) in plain.region_max
        ]
        x, y = page.curves["region/max"].getOriginalDataset()
        assert days_of(x) == [d for d, _v in expected]
        assert list(y) == [v for _d, v in expected]
        assert len(expected) > 10
        assert catalogue().region(region).label in page.panels["region"].title


# --------------------------------------------------------------------------- heat map


def test_heat_maps_show_how_often_and_how_strongly_each_region_hurt(page, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.ui.colors import heat_color
    from fibrodesk.ui.heatmap_view import period_dates

    plain = Plain(demo_dir)
    before, after = page.heat_view.sides()
    assert before.period() == "three_months" and after.period() == "this_month"
    after.combo.setCurrentIndex(after.combo.findData("last_month"))  # a whole month
    for side in (before, after):
        start, end, _name = period_dates(side.period(), dt.date.today(), page.range_dates())
        assert (side.start, side.end) == (start, end)
        days = set(range_days(start, end))
        body_map_days = days & plain.marked
        expected_texts, expected_fills = {}, {}
        for region in catalogue().regions:
            hurt = [
                plain.region_max[(d, region)]
                for d in days
                if plain.region_max.get((d, region), 0) >= 1
            ]
            if hurt:
                # one decimal, halves up (2.25 -> 2.3), as the app rounds
                expected_texts[region] = one_decimal(statistics.fmean(hurt))
                expected_fills[region] = heat_color(len(hurt) / len(body_map_days)).name()
        assert side.texts == expected_texts
        assert {r: c.name() for r, c in side.fills.items()} == expected_fills
        assert f"{len(body_map_days)} of {len(days)} days" in side.caption.text()
    assert page.heat_view.legend.isVisible()


# --------------------------------------------------------------------------- insights


def test_the_insights_shown_are_core_insights_on_the_diarys_arrays(
    qtbot, page, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    plain = Plain(demo_dir)
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    # A refresh queued meanwhile (a change broadcast while the machine was slow) writes
    # the patterns once more: read them once nothing is pending, as a person would.
    qtbot.waitUntil(
        lambda: (
            not page._insights_pending
            and not page.insights_label.text().startswith("Looking for patterns")
        ),
        timeout=10_000,
    )
    start, end = page.range_dates()
    # The range with the diary's two weeks before it, as context for the insights.
    days = range_days(start - dt.timedelta(days=14), end)
    expected = compute_insights(
        np.array(days, dtype="datetime64[D]"),
        [plain.leg_pain(d) for d in days],
        [plain.overall(d) for d in days],
        [plain.flare(d) for d in days],
        [plain.minutes.get(d, 0.0) for d in days],
        [plain.sleep(d) for d in days],
        start=start,
    )
    assert expected, "a year of demo diary supports some insights"
    # Then the person's tags, pressure falls and (cycle tracking on) cycle phases.
    arrays = (
        np.array(days, dtype="datetime64[D]"),
        [plain.leg_pain(d) for d in days],
    )
    expected += tag_insights(*arrays, plain.tags, start=start)
    expected += pressure_insights(*arrays, plain.pressure, start=start)
    if plain.cycle_on:
        flares = [plain.flare(d) for d in days]
        expected += phase_insights(*arrays, flares, plain.period_starts, start=start)
    assert page.insights_label.text().splitlines() == [i.sentence for i in expected]
    episodes = boom_bust_episodes(
        np.array(days, dtype="datetime64[D]"),
        [plain.minutes.get(d, 0.0) for d in days],
        [plain.flare(d) for d in days],
        start=start,
    )
    shown = [page.episodes_list.item(i).text() for i in range(page.episodes_list.count())]
    assert shown == [e.sentence for e in reversed(episodes)] or (
        not episodes and shown == ["None in this range."]
    )
    causal = re.compile(r"\b(because|caus\w*|leads? to|due to|triggers?|worsens?)\b", re.I)
    assert not causal.search(page.insights_label.text())


def test_the_same_spike_day_gets_the_same_verdict_on_1_year_and_all(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """Scenario (issue 11 point 9): every spike day shown on the 1-year range is judged
    as on All, against the whole diary's two weeks before it, with the same sentence."""
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    year_start, _end = page.range_dates()
    year = {e.date: e.sentence for e in page.episodes}
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["all"], Qt.MouseButton.LeftButton)
    all_start, _end = page.range_dates()
    assert all_start <= year_start
    whole = {e.date: e.sentence for e in page.episodes if e.date >= year_start}
    assert year == whole
    # The first days of the year range are judged too (their fortnight lies before it).
    from fibrodesk.core.spikes import booms

    data = page.data.context
    rows, _longest, _days = booms(data.days, data.exercise_minutes)
    boom_days = {dt.date.fromisoformat(str(d)) for d in data.days[rows]}
    assert {d for d in boom_days if d >= year_start} >= set(year)


def test_a_short_range_says_there_is_not_enough_to_compare(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["7d"], Qt.MouseButton.LeftButton)
    kinds = [i.kind for i in page.insights]
    assert "trend" not in kinds  # needs 7 days on each side of the last 30
    assert "exercise_next_day" not in kinds
    # Back to a range seen before: the same patterns, without working them out again.
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["90d"], Qt.MouseButton.LeftButton)
    first = page.insights
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["7d"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["90d"], Qt.MouseButton.LeftButton)
    assert page.insights is first


# --------------------------------------------------------------------------- hover, PNG, theme


def test_hovering_a_day_shows_its_date_and_values(qtbot, page, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    plain = Plain(demo_dir)
    panel = page.panels["leg_pain"]
    day = next(
        dt.date.today() - dt.timedelta(days=i)
        for i in range(5, 60)
        if plain.leg.get(str(dt.date.today() - dt.timedelta(days=i)))
    )
    page.scroll.ensureWidgetVisible(panel)

    def hover(on: dt.date) -> str:
        scene_pos = panel.plot.vb.mapViewToScene(QPointF(x_of(on), 5.0))
        qtbot.mouseMove(panel.widget.viewport(), panel.widget.mapFromScene(scene_pos))
        text = f"{on:%a %d %b %Y}:"
        qtbot.waitUntil(lambda: panel.readout_label.text().startswith(text), timeout=3000)
        return text

    hover(day - dt.timedelta(days=3))  # a real move from another day, whatever came before
    text = hover(day)
    assert f"daily highest {plain.leg_pain(str(day)):g}" in panel.readout_label.text()
    # Every graph follows the same day.
    assert page.panels["sleep"].readout_label.text().startswith(text)
    assert page.panels["overall_pain"].cursor.value() == pytest.approx(x_of(day))


def test_save_as_png_writes_the_graph(qtbot, page, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "leg pain.png"
    asked = []

    def ask(parent, suggested):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return target

    monkeypatch.setattr(type(page), "ask_png_path", staticmethod(ask))
    qtbot.mouseClick(page.panels["leg_pain"].save_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].suffix == ".png" and "leg_pain" in asked[0].name
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(target))
    assert image.width() >= 800 and image.height() > 100


def test_the_graphs_follow_the_dark_theme(qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    page = shown.show_page("history")
    shown.set_theme("dark")
    qtbot.waitUntil(
        lambda: page.palette().color(QPalette.ColorRole.Window).lightness() < 128, timeout=2000
    )
    panel = page.panels["leg_pain"]
    base = page.palette().color(QPalette.ColorRole.Base)
    text = page.palette().color(QPalette.ColorRole.WindowText)
    assert panel.widget.backgroundBrush().color() == base
    assert panel.plot.getAxis("left").textPen().color() == text
    shown.set_theme("light")
    qtbot.waitUntil(lambda: panel.widget.backgroundBrush().color().lightness() > 128, timeout=2000)


def test_a_change_in_the_diary_redraws_the_graphs(page, shown, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db.models import Entry, PainMark

    today = dt.date.today()

    def add() -> Change:
        entry = Entry.create(recorded_at=f"{today}T23:00:00+00:00", date=today.isoformat())
        PainMark.create(entry=entry, region="shin_left", intensity=10)
        PainMark.create(entry=entry, region="neck", intensity=1)
        return Change.MARKS

    shown.ctx.perform(add)
    plain = Plain(demo_dir)
    assert page.curves["leg_pain/daily"].getOriginalDataset()[1][-1] == 10
    assert plain.leg_pain(str(today)) == 10
    # A change that the graphs do not show leaves them alone.
    data = page.data
    shown.ctx.broadcast("treatments")
    assert page.data is data


def test_the_wheel_is_left_to_the_page_and_ctrl_wheel_zooms_every_graph(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    panel = page.panels["overall_pain"]
    viewport = panel.widget.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    before = panel.plot.vb.viewRange()[0]

    def wheel(modifiers: Qt.KeyboardModifier, steps: int) -> bool:
        event = QWheelEvent(
            centre,
            QPointF(viewport.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120 * steps),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, event)
        return event.isAccepted()

    # A plain wheel is not taken by the graph: Qt passes a real (spontaneous) one on to
    # the scrolling page. (A synthesized event is never passed on, so only that part is
    # checked here.)
    assert not wheel(Qt.KeyboardModifier.NoModifier, -1)
    assert panel.plot.vb.viewRange()[0] == before
    assert wheel(Qt.KeyboardModifier.ControlModifier, 2)
    left, right = panel.plot.vb.viewRange()[0]
    assert right - left < before[1] - before[0]  # zoomed in on the dates
    for other in page.panels.values():
        assert other.plot.vb.viewRange()[0] == pytest.approx([left, right], abs=DAY / 100)


def test_pgic_answers_are_plotted_on_their_days(page, shown) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db import questionnaires

    today = dt.date.today()
    answers = {today - dt.timedelta(days=56): 4, today - dt.timedelta(days=28): 3, today: 2}
    for day, answer in answers.items():
        shown.ctx.perform(lambda d=day, a=answer: questionnaires.save_pgic(d, a))
    x, y = page.curves["pgic/answer"].getOriginalDataset()
    assert dict(zip(days_of(x), y, strict=True)) == {
        str(day): answer for day, answer in answers.items()
    }
    panel = page.panels["pgic"]
    assert "very much improved" in panel.toolTip() and "very much worse" in panel.toolTip()


# --------------------------------------------------------------------------- readable graphs


def test_three_marks_on_a_new_diary_show_as_points_in_a_range_that_fits(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 point 4: three marks on days apart show up (each a dot: a line only joins
    neighbours), and the first range fits the diary: 7 days, not 90 mostly empty ones."""
    from datetime import time as dtime

    from fibrodesk.db.marks import create_entry, set_mark

    today = dt.date.today()
    for days_ago, value in ((0, 4), (2, 6), (4, 3)):
        entry = create_entry(today - dt.timedelta(days=days_ago), dtime(9, 0))
        set_mark(entry.id, "calf_left", value)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("history")
    assert page.range_buttons["7d"].isChecked()
    start, end = page.range_dates()
    assert (end - start).days == 6
    item = page.curves["leg_pain/daily"]
    x, y = item.getOriginalDataset()
    known = ~np.isnan(y)
    assert list(y[known]) == [3, 6, 4]
    assert item.opts["symbol"] == "o"  # each day a dot, though no two are neighbours
    assert int(np.count_nonzero(known[1:] & known[:-1])) == 0


def is_empty(item) -> bool:  # type: ignore[no-untyped-def]
    x = item.getOriginalDataset()[0]
    return x is None or len(x) == 0


def test_a_year_draws_weekly_means_over_a_faint_daily_line(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.ui.history_graphs import FAINT_ALPHA

    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    daily = page.curves["leg_pain/daily"]
    assert daily.opts["pen"].color().alpha() == FAINT_ALPHA
    x, y = page.curves["leg_pain/means"].getOriginalDataset()
    assert is_empty(page.curves["leg_pain/rolling"])
    # Each point is the mean of its Monday-Sunday week's known daily values.
    d = page.data.daily
    values = {str(day): v for day, v in zip(d.days, d.leg_pain, strict=True)}
    some_week = days_of([x[len(x) // 2]])[0]  # the Thursday of that week
    thursday = dt.date.fromisoformat(some_week)
    week = [values.get(str(thursday + dt.timedelta(days=k))) for k in range(-3, 4)]
    known = [v for v in week if v is not None and v == v]
    assert y[len(x) // 2] == pytest.approx(statistics.fmean(known))
    assert thursday.weekday() == 3
    # Back at 90 days: the daily line in full colour with its 7-day mean, no weekly means.
    qtbot.mouseClick(page.range_buttons["90d"], Qt.MouseButton.LeftButton)
    assert daily.opts["pen"].color().alpha() == 255
    assert is_empty(page.curves["leg_pain/means"])
    assert not is_empty(page.curves["leg_pain/rolling"])


def test_threshold_words_are_in_the_key_never_on_the_plot(page) -> None:  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    acr = page.panels["acr2016"]
    lines = [i for i in acr.plot.items if isinstance(i, pg.InfiniteLine) and i.angle == 0]
    assert sorted(line.value() for line in lines) == [4, 5, 7, 9]
    # No text inside the plot, where it would sit on the data or on another label.
    assert all(getattr(line, "label", None) is None for line in lines)
    assert not [i for i in acr.plot.vb.allChildren() if isinstance(i, pg.TextItem)]
    legend = acr.legend_label.text()
    for words in ("WPI 7", "WPI 4", "SSS 5", "SSS 9"):
        assert words in legend
    # 4 and 5 on a 0-31 axis are too close to number apart: no numbers on each other.
    assert acr.plot.getAxis("right")._tickLevels[0] == []
    tender = page.panels["tender_points"]
    assert [v for v, _t in tender.plot.getAxis("right")._tickLevels[0]] == [11]
    assert "11 of 18" in tender.legend_label.text()


def test_the_region_map_has_its_colour_key_beside_it(page) -> None:  # type: ignore[no-untyped-def]
    legend = page.region_legend
    assert legend.isVisible()
    assert legend.parentWidget() is page.region_map.parentWidget()


def test_date_labels_never_collide_at_a_large_font_on_a_small_screen(qtbot, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 point 4, at 1.5 x the font on a 1280 px wide window: on every graph and
    every range, no date label touches another (a day's "29" used to sit on "Oct")."""
    from PySide6.QtWidgets import QApplication

    from fibrodesk.app import build_main_window
    from fibrodesk.db.database import close_diary

    app = QApplication.instance()
    font = app.font()
    large = app.font()
    large.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(large)
    win = build_main_window(demo_dir)
    qtbot.addWidget(win)
    try:
        win.resize(1280, 720)
        win.show()
        qtbot.waitExposed(win)
        page = win.show_page("history")
        image = QImage(10, 10, QImage.Format.Format_ARGB32)
        for key in ("7d", "30d", "90d", "1y", "all"):
            qtbot.mouseClick(page.range_buttons[key], Qt.MouseButton.LeftButton)
            for name, panel in page.panels.items():
                painter = QPainter(image)
                try:
                    specs = panel.plot.getAxis("bottom").generateDrawSpecs(painter)
                finally:
                    painter.end()
                rects = sorted((r.left(), r.right(), text) for r, _flags, text in specs[2])
                assert rects, (key, name)
                for a, b in zip(rects, rects[1:], strict=False):
                    assert b[0] >= a[1], (key, name, a, b)
    finally:
        win.close()
        close_diary()
        app.setFont(font)


def test_the_graphs_come_first_then_the_patterns_in_words(qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    """A person opening History sees the leg-pain graphs at the top of the page; the
    patterns (which run to a screenful with treatments, tags and pressure) follow them."""
    shown.resize(1280, 720)
    page = shown.show_page("history")
    qtbot.waitUntil(lambda: page.insights_box.isVisible())
    inner = page.scroll.widget()
    first_graph = page.panels["overall_pain"].widget
    graph_top = first_graph.mapTo(inner, QPointF(0, 0).toPoint()).y()
    words_top = page.insights_box.mapTo(inner, QPointF(0, 0).toPoint()).y()
    assert graph_top < words_top
    # The first graph is in sight without scrolling.
    assert page.scroll.verticalScrollBar().value() == 0
    assert graph_top + first_graph.height() // 2 < page.scroll.viewport().height()
