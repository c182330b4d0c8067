"""The History page's stacked graphs: what each shows and how a range is drawn on them.

Each graph is a :class:`~fibrodesk.ui.history_plots.PlotPanel`; all share one date axis.
Overall and leg pain (core.legpain's measure) with flare days shaded, weekly WPI/SSS/FS
with the ACR 2016 thresholds, tender points with the 11-of-18 line, sleep/fatigue/fog,
exercise per week planned and done with next-day leg pain, FIQR, and the PGIC answers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout

from fibrodesk.core.fiqr_items import PGIC_ANSWERS
from fibrodesk.core.scoring import DISCLAIMER, TENDER_POINTS_NEEDED, TENDER_POINTS_TOTAL
from fibrodesk.db import history
from fibrodesk.ui.history_plots import (
    BLUE,
    DAY,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY,
    VERMILION,
    FlareBars,
    HistoryViewBox,
    PlotPanel,
    Readout,
    seconds,
    set_line,
    set_points,
)

WEEK_MIDDLE = 3 * DAY  # weekly values sit on the Thursday of their week
PAIN_TICKS = range(0, 11, 2)
LONG_RANGE_DAYS = 180  # longer ranges: faint daily lines under weekly or monthly means
FAINT_ALPHA = 90


def period_means(
    days: np.ndarray, values: np.ndarray, *, monthly: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the known values of each calendar week (Monday to Sunday) or month,
    drawn at the middle of its period; periods without a value are left out."""
    unit = "M" if monthly else "W"
    if monthly:
        period = days.astype("datetime64[M]")
    else:
        # Weeks start on Monday: 1970-01-01 (day 0) was a Thursday.
        number = days.astype(np.int64)
        period = (number - (number + 3) % 7).astype("datetime64[D]")
    keys, index = np.unique(period, return_inverse=True)
    known = ~np.isnan(values)
    counts = np.bincount(index[known], minlength=keys.size)
    sums = np.bincount(index[known], weights=values[known], minlength=keys.size)
    some = counts > 0
    starts = keys.astype("datetime64[D]")
    ends = (keys + np.timedelta64(1, unit)).astype("datetime64[D]") if monthly else starts + 7
    middle = (seconds(starts) + seconds(ends)) / 2 - DAY / 2
    return middle[some], sums[some] / counts[some]


class HistoryGraphs:
    """The graphs of the History page and the items drawing each series.

    Attributes:
        panels: graph key -> :class:`PlotPanel` (``overall_pain``, ``leg_pain``,
            ``acr2016``, ``tender_points``, ``sleep``, ``exercise``, ``fiqr``, ``pgic``,
            and ``region`` once :meth:`build_region_panel` ran).
        curves: "<panel>/<series>" -> the pyqtgraph item drawing it.
        data: the data drawn last (None before the first).
    """

    def __init__(self) -> None:
        self.panels: dict[str, PlotPanel] = {}
        self.curves: dict[str, pg.GraphicsObject] = {}
        self.data: history.HistoryData | None = None

    def build(self, column: QVBoxLayout) -> None:
        """The stacked graphs, each added to ``column``."""

        def panel(
            key: str,
            title: str,
            y_label: str,
            y_range: tuple[float, float] | None,
            ticks: Sequence[float] | None = None,
        ) -> PlotPanel:
            p = PlotPanel(key, title, y_label, y_range, y_ticks=ticks)
            self.panels[key] = p
            column.addWidget(p)
            return p

        def curve(p: PlotPanel, name: str, label: str, color: str, **kw) -> pg.PlotDataItem:
            item = p.add_curve(label, color, **kw)
            self.curves[f"{p.key}/{name}"] = item
            return item

        def flare(p: PlotPanel) -> None:
            bars = FlareBars()
            bars.setZValue(-10)
            p.plot.addItem(bars, ignoreBounds=True)
            p.add_legend("flare days", VERMILION, "shade")
            self.curves[f"{p.key}/flare"] = bars

        overall = panel(
            "overall_pain", "Overall pain (daily check-in)", "pain 0-10", (0, 10), PAIN_TICKS
        )
        flare(overall)
        curve(overall, "daily", "daily", SKY)
        curve(overall, "rolling", "7-day mean", BLUE, width=2)
        curve(overall, "means", "weekly or monthly mean", BLUE, width=2, readout=False)

        leg = panel("leg_pain", "Leg pain (body map)", "pain 0-10", (0, 10), PAIN_TICKS)
        flare(leg)
        # One leg-pain measure (core.legpain): the day's highest leg mark.
        curve(leg, "daily", "daily highest", ORANGE)
        curve(leg, "rolling", "7-day mean", BLUE, width=2)
        curve(leg, "means", "weekly or monthly mean", VERMILION, width=2, readout=False)

        acr = panel(
            "acr2016", "Weekly WPI, SSS and FS (ACR 2016)", "score", (0, 31), range(0, 31, 5)
        )
        acr.setToolTip(DISCLAIMER)
        week = 7 * DAY - DAY
        for name, label, color in (
            ("wpi", "WPI", ORANGE),
            ("sss", "SSS", BLUE),
            ("fs", "FS", PURPLE),
        ):
            curve(acr, name, label, color, symbol="o", readout=False)
            acr.readouts.append(Readout(label, self._weekly_values(name), week, 0))
        acr.add_threshold(7, "WPI 7", ORANGE)
        acr.add_threshold(4, "WPI 4", ORANGE)
        acr.add_threshold(5, "SSS 5", BLUE)
        acr.add_threshold(9, "SSS 9", BLUE)

        tender = panel(
            "tender_points",
            "Tender points painful (ACR 1990)",
            "of 18",
            (0, TENDER_POINTS_TOTAL),
            range(0, TENDER_POINTS_TOTAL + 1, 3),
        )
        curve(tender, "count", "painful points", PURPLE, symbol="o", decimals=0)
        tender.add_threshold(
            TENDER_POINTS_NEEDED, f"{TENDER_POINTS_NEEDED} of {TENDER_POINTS_TOTAL}", VERMILION
        )

        sleep = panel(
            "sleep",
            "Sleep, fatigue and fog (daily check-in)",
            "hours / 0-10",
            (0, 12),
            range(0, 13, 2),
        )
        curve(sleep, "sleep_hours", "sleep hours", BLUE)
        curve(sleep, "fatigue", "fatigue", ORANGE)
        curve(sleep, "fog", "fog", PURPLE, style=Qt.PenStyle.DashLine)

        self._build_exercise(panel("exercise", "Exercise per week", "minutes", None))

        fiqr = panel("fiqr", "FIQR total (0-100)", "score", (0, 100), range(0, 101, 20))
        curve(fiqr, "total", "FIQR", PURPLE, symbol="o")

        pgic = panel(
            "pgic",
            "Change since you started the diary (PGIC, every 4 weeks): 1 very much improved"
            " ... 4 no change ... 7 very much worse",
            "answer 1-7",
            (0.5, 7.5),
            range(1, 8),
        )
        pgic.setToolTip("; ".join(f"{n} {text.lower()}" for n, text in enumerate(PGIC_ANSWERS, 1)))
        curve(pgic, "answer", "your answer", BLUE, symbol="o", decimals=0)
        pgic.add_threshold(4, "4 no change", GREY)

    def _weekly_values(self, name: str):  # type: ignore[no-untyped-def]
        def values() -> tuple[np.ndarray, np.ndarray]:
            if self.data is None:
                return np.empty(0), np.empty(0)
            weekly = self.data.weekly
            return seconds(weekly.weeks), getattr(weekly, name)

        return values

    def _build_exercise(self, p: PlotPanel) -> None:
        planned = pg.BarGraphItem(
            x=[], height=[], width=1.0, pen=pg.mkPen(GREY, width=1), brush=QColor(153, 153, 153, 70)
        )
        done = pg.BarGraphItem(x=[], height=[], width=1.0, pen=None, brush=GREEN)
        p.plot.addItem(planned)
        p.plot.addItem(done)
        p.add_legend("planned", GREY, "bar")
        p.add_legend("done", GREEN, "bar")
        self.curves["exercise/planned"] = planned
        self.curves["exercise/done"] = done
        week = 7 * DAY - DAY
        p.readouts.append(Readout("planned min", self._weekly_values("planned_minutes"), week, 0))
        p.readouts.append(Readout("done min", self._weekly_values("done_minutes"), week, 0))

        # Next-day leg pain on its own 0-10 axis at the right (pyqtgraph MultiplePlotAxes).
        right = HistoryViewBox(enableMouse=False)
        right.setMouseEnabled(x=False, y=False)
        p.plot.scene().addItem(right)
        p._right_axis_taken = True
        p.plot.showAxis("right")
        axis = p.plot.getAxis("right")
        axis.linkToView(right)
        axis.setLabel("leg pain next day")
        right.setXLink(p.plot)
        right.setYRange(0, 10, padding=0.02)
        item = pg.PlotDataItem(
            pen=pg.mkPen(VERMILION, width=1),
            symbol="o",
            symbolSize=5,
            symbolBrush=VERMILION,
            symbolPen=None,
            connect="finite",
        )
        right.addItem(item)
        p.add_legend("leg pain the day after exercise (weekly mean, right axis)", VERMILION)
        p.readouts.append(
            Readout("leg pain next day", self._weekly_values("next_day_leg_pain"), week)
        )
        self.curves["exercise/next_day_leg_pain"] = item

        def follow() -> None:
            right.setGeometry(p.plot.vb.sceneBoundingRect())
            right.linkedViewChanged(p.plot.vb, right.XAxis)

        p.plot.vb.sigResized.connect(follow)
        self._right_view = right

    def build_region_panel(self) -> PlotPanel:
        """The one-region graph (the page puts it beside its body map)."""
        p = PlotPanel("region", "Choose a region", "pain 0-10", (0, 10), 300, PAIN_TICKS)
        self.panels["region"] = p
        item = p.add_curve("highest each day", ORANGE, symbol="o")
        self.curves["region/max"] = item
        return p

    @staticmethod
    def _fade(item: pg.PlotDataItem, faint: bool) -> None:
        pen = pg.mkPen(item.opts["pen"])
        color = pen.color()
        color.setAlpha(FAINT_ALPHA if faint else 255)
        pen.setColor(color)
        item.setPen(pen)
        brush = QColor(color)
        item.setSymbolBrush(brush)

    def apply(self, data: history.HistoryData) -> None:
        """Draw ``data`` on every graph but the region's, and fit the dates."""
        self.data = data
        daily, weekly = data.daily, data.weekly
        x = seconds(daily.days)
        c = self.curves
        c["overall_pain/flare"].set_days(x, daily.flare)
        c["leg_pain/flare"].set_days(x, daily.flare)
        long_range = daily.days.size > LONG_RANGE_DAYS
        for key, values, rolling in (
            ("overall_pain", daily.overall_pain, daily.overall_pain_7d),
            ("leg_pain", daily.leg_pain, daily.leg_pain_7d),
        ):
            set_line(c[f"{key}/daily"], x, values)
            # At a year and more the daily line is faint, under weekly (monthly beyond
            # three years) means; the 7-day mean would only repeat the weekly one.
            self._fade(c[f"{key}/daily"], long_range)
            if long_range:
                mx, my = period_means(daily.days, values, monthly=daily.days.size > 3 * 365)
                c[f"{key}/means"].setData(mx, my)
                c[f"{key}/rolling"].setData([], [])
            else:
                c[f"{key}/means"].setData([], [])
                c[f"{key}/rolling"].setData(x, rolling)

        xw = seconds(weekly.weeks) + WEEK_MIDDLE
        for name in ("wpi", "sss", "fs"):
            values = getattr(weekly, name)
            known = ~np.isnan(values)
            set_points(c[f"acr2016/{name}"], xw[known], values[known])
        for key, values in (
            ("tender_points/count", daily.tender_count),
            ("fiqr/total", daily.fiqr),
            ("pgic/answer", daily.pgic),
        ):
            known = ~np.isnan(values)
            set_points(c[key], x[known], values[known])
        set_line(c["sleep/sleep_hours"], x, daily.sleep_hours)
        set_line(c["sleep/fatigue"], x, daily.fatigue)
        set_line(c["sleep/fog"], x, daily.fog)
        c["exercise/planned"].setOpts(
            x=xw - 1.1 * DAY, height=weekly.planned_minutes, width=2.2 * DAY
        )
        c["exercise/done"].setOpts(x=xw + 1.1 * DAY, height=weekly.done_minutes, width=2.2 * DAY)
        known = ~np.isnan(weekly.next_day_leg_pain)
        set_points(c["exercise/next_day_leg_pain"], xw[known], weekly.next_day_leg_pain[known])

        left = float(x[0] - DAY / 2)
        right = float(x[-1] + DAY / 2)
        for panel in self.panels.values():
            panel.plot.vb.setLimits(xMin=left, xMax=right, minXRange=3 * DAY)
        self._right_view.setLimits(xMin=left, xMax=right, minXRange=3 * DAY)
        self.panels["overall_pain"].plot.setXRange(left, right, padding=0)
