"""The body heat map of the history page: two periods side by side, with a legend.

Two encodings, so neither has to carry everything: the fill colour says how *often* a
region hurt (its share of the period's body-map days with a mark of 1 or more, on the
colour-blind-safe YlOrRd heat scale of :mod:`fibrodesk.ui.colors`), and the number
written on it says how *strongly* (the mean of its daily highest mark on those days).
A region that never hurt in the period keeps the plain body colour.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.wording import one_decimal
from fibrodesk.db.history_series import HeatStats
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.colors import heat_color

# key, label; the dates follow from today and the page's chosen range.
PERIODS: tuple[tuple[str, str], ...] = (
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("two_months", "Two months ago"),
    ("three_months", "Three months ago"),
    ("six_months", "Six months ago"),
    ("year_ago", "This month a year ago"),
    ("range", "The chosen range"),
)
_MONTHS_BACK = {
    "this_month": 0,
    "last_month": 1,
    "two_months": 2,
    "three_months": 3,
    "six_months": 6,
    "year_ago": 12,
}

StatsFor = Callable[[dt.date, dt.date], HeatStats]


def period_dates(
    key: str, today: dt.date, chosen: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date, str]:
    """First and last day of a period, and its name in words ("August 2026")."""
    if key == "range":
        start, end = chosen
        return start, end, f"{start:%d %b %Y} to {end:%d %b %Y}"
    back = _MONTHS_BACK[key]
    month_index = today.year * 12 + today.month - 1 - back
    year, month = divmod(month_index, 12)
    start = dt.date(year, month + 1, 1)
    last = calendar.monthrange(year, month + 1)[1]
    end = min(dt.date(year, month + 1, last), today)
    return start, end, f"{start:%B %Y}"


def heat_encoding(stats: HeatStats) -> tuple[dict[str, QColor], dict[str, str]]:
    """Fill colours (how often) and texts (how strongly) for the regions that hurt."""
    fills: dict[str, QColor] = {}
    texts: dict[str, str] = {}
    for i, region in enumerate(stats.regions):
        if stats.days_hurt[i] > 0:
            fills[region] = heat_color(float(stats.share[i]))
            texts[region] = one_decimal(stats.mean_intensity[i])
    return fills, texts


class HeatLegend(QWidget):
    """The heat scale from "rarely" to "every day", and what the numbers mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatLegend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Heat map legend")
        self.setAccessibleDescription(
            "Colour: how often a region hurt, from pale yellow (rarely) to dark red (every "
            "body-map day). Number: its mean pain, 0 to 10, on the days it hurt."
        )

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        h = self.fontMetrics().height()
        return QSize(420, int(h * 3.6))

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        h = fm.height()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        title = "How often it hurt:"
        left = fm.horizontalAdvance(title) + h
        width = max(60, min(320, self.width() - left - h))
        bar = QRectF(left, h * 0.3, width, h)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for stop in range(11):
            gradient.setColorAt(stop / 10, heat_color(stop / 10))
        painter.setPen(text_color)
        painter.drawText(QRectF(0, bar.top(), left, h), Qt.AlignmentFlag.AlignVCenter, title)
        painter.fillRect(bar, gradient)
        painter.drawRect(bar)
        for share, label in ((0.0, "rarely"), (0.5, "half the days"), (1.0, "every day")):
            x = bar.left() + share * bar.width()
            box = QRectF(x - 60, bar.bottom() + 2, 120, h)
            align = Qt.AlignmentFlag.AlignHCenter
            if share == 0.0:
                box.moveLeft(x)
                align = Qt.AlignmentFlag.AlignLeft
            elif share == 1.0:
                box.moveRight(x)
                align = Qt.AlignmentFlag.AlignRight
            painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, label)
        painter.drawText(
            QRectF(0, bar.bottom() + h + 4, self.width(), h),
            Qt.AlignmentFlag.AlignLeft,
            "The number on a region: its mean pain (0-10) on the days it hurt. "
            "Plain: no pain recorded there.",
        )
        painter.end()


class HeatMapSide(QWidget):
    """One period: a choice of period, a body map in heat-map mode and a caption.

    Signals:
        periodChanged(str): the period key chosen.
    """

    periodChanged = Signal(str)

    def __init__(self, name: str, period: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"heatSide_{name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.combo = QComboBox()
        self.combo.setObjectName(f"heatPeriod_{name}")
        self.combo.setAccessibleName(f"Period of the {name} heat map")
        for key, label in PERIODS:
            self.combo.addItem(label, key)
        self.combo.setCurrentIndex(self.combo.findData(period))
        self.combo.currentIndexChanged.connect(lambda _i: self.periodChanged.emit(self.period()))
        self.caption = QLabel()
        self.caption.setObjectName(f"heatCaption_{name}")
        self.caption.setWordWrap(True)
        row.addWidget(self.combo)
        row.addWidget(self.caption, 1)
        layout.addLayout(row)
        self.map = BodyMap()
        self.map.setObjectName(f"heatMap_{name}")
        self.map.setAccessibleName(f"Body heat map, {name} period")
        self.map.set_show_tender_points(False)
        self.map.setMinimumSize(300, 340)
        self.map.setMaximumHeight(480)
        layout.addWidget(self.map, 1)
        self.stats: HeatStats | None = None
        self.fills: dict[str, QColor] = {}
        self.texts: dict[str, str] = {}
        self.start: dt.date | None = None
        self.end: dt.date | None = None

    def period(self) -> str:
        return str(self.combo.currentData())

    def show_stats(self, stats: HeatStats, start: dt.date, end: dt.date, name: str) -> None:
        self.stats, self.start, self.end = stats, start, end
        self.fills, self.texts = heat_encoding(stats)
        self.map.set_region_colors(self.fills, self.texts)
        days = (end - start).days + 1
        if stats.body_map_days == 0:
            self.caption.setText(f"{name}: no body-map entries in these {days} days.")
        else:
            self.caption.setText(
                f"{name}: {stats.body_map_days} of {days} days with body-map entries."
            )
        cat = catalogue()
        ranked = sorted(
            (i for i in range(len(stats.regions)) if stats.days_hurt[i] > 0),
            key=lambda i: (-stats.share[i], stats.regions[i]),
        )[:3]
        most = "; ".join(
            f"{cat.regions[stats.regions[i]].label} on {stats.days_hurt[i]} days, "
            f"mean {one_decimal(stats.mean_intensity[i])}"
            for i in ranked
        )
        self.map.setAccessibleDescription(
            f"{self.caption.text()} Most often: {most}." if most else self.caption.text()
        )


class HeatMapView(QWidget):
    """Two periods side by side ("three months ago" and "this month" at first).

    Signals:
        periodsChanged(): either period was changed; the page redraws both.
    """

    periodsChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMapView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.before = HeatMapSide("before", "three_months")
        self.after = HeatMapSide("after", "this_month")
        for side in (self.before, self.after):
            side.periodChanged.connect(lambda _key: self.periodsChanged.emit())
            row.addWidget(side, 1)
        layout.addLayout(row, 1)
        self.legend = HeatLegend()
        layout.addWidget(self.legend)

    def sides(self) -> tuple[HeatMapSide, HeatMapSide]:
        return self.before, self.after

    def refresh(self, stats_for: StatsFor, today: dt.date, chosen: tuple[dt.date, dt.date]) -> None:
        """Recompute both periods with ``stats_for(start, end)``."""
        for side in self.sides():
            start, end, name = period_dates(side.period(), today, chosen)
            side.show_stats(stats_for(start, end), start, end, name)
