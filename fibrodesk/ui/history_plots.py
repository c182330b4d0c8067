"""Building blocks of the history page's graphs: a titled plot panel with a date axis, a
hover read-out and a "Save as PNG" button, and a cached item for flare-day bars.

This module imports pyqtgraph at the top: only :mod:`fibrodesk.ui.history_page` imports
it, and the window imports that page the first time it is shown, so start-up never pays
for pyqtgraph.

The x value of a day is the second of its noon since 1970-01-01 00:00 UTC, and the date
axis is told the UTC offset is 0: a tick reads the calendar date the diary stored, whatever
the computer's time zone, and a day's point sits in the middle of its day.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPicture
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.wording import one_decimal

FloatArray = npt.NDArray[np.float64]
DAY = 86400.0
AXIS_WIDTH = 56
MAX_DOTS = 160

# Dense lines are 1 px wide and drawn without antialiasing: crisp and fast at ten years.
pg.setConfigOptions(antialias=False)

# Okabe-Ito: a qualitative palette that stays apart for every common colour-vision
# deficiency, and reads on both the light and the dark background.
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#999999"
FLARE = QColor(213, 94, 0, 46)  # vermilion, faint: shading behind the lines


def seconds(days: npt.NDArray[np.datetime64]) -> FloatArray:
    """x values for days: the seconds of each day's noon, UTC."""
    return days.astype("datetime64[D]").astype("datetime64[s]").astype(np.float64) + DAY / 2


def day_of(x: float) -> np.datetime64:
    """The day an x value falls on (days run from midnight to midnight)."""
    return np.datetime64(int(np.floor(x / DAY)), "D")


def snap_to_day(x: float) -> float:
    """The x value of the day that ``x`` falls on."""
    return float(np.floor(x / DAY) * DAY + DAY / 2)


def runs(flags: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Start and end indexes (both included) of each run of True values."""
    padded = np.concatenate(([False], flags.astype(np.bool_), [False]))
    change = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return change[0::2].astype(np.int64), (change[1::2] - 1).astype(np.int64)


def set_line(item: pg.PlotDataItem, x: FloatArray, y: FloatArray) -> None:
    """Set a daily line's values; with few known values each also gets a dot, so that a
    day with no neighbour (three marks on a new diary) shows instead of vanishing from a
    line that only joins known neighbours."""
    known = int(np.count_nonzero(~np.isnan(y)))
    # (No dots on an empty line: pyqtgraph's dots cannot measure an all-NaN series.)
    item.setSymbol("o" if 0 < known <= MAX_DOTS else None)
    item.setSymbolSize(5)
    item.setData(x, y)


def set_points(item: pg.PlotDataItem, x: FloatArray, y: FloatArray) -> None:
    """Set a sparse series' points; each point gets a dot only while there are few enough
    to tell apart (dots for hundreds of points cost paint time and show nothing more)."""
    item.setSymbol("o" if x.size <= MAX_DOTS else None)
    item.setData(x, y)


class DateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis, whose labels never collide.

    pyqtgraph spaces each level of labels (months, then days) by itself, and always
    draws the top level; with a large font a day's number can land on a month's name
    ("29" on "Oct"). Here a label that would touch one drawn before it is left out, so
    the upper level (earlier in the list) wins.
    """

    GAP = 4.0  # pixels kept free between two labels

    def generateDrawSpecs(self, p):  # type: ignore[no-untyped-def] # noqa: N802
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        kept: list = []  # type: ignore[type-arg]
        for spec in text_specs:
            rect = spec[0].adjusted(-self.GAP, 0, self.GAP, 0)
            if not any(rect.intersects(other[0]) for other in kept):
                kept.append(spec)
        return axis_spec, tick_specs, kept


class HistoryViewBox(pg.ViewBox):
    """A ViewBox for plots inside a scrolling page.

    The wheel scrolls the page, as everywhere else; Ctrl + wheel zooms the date axis.
    Dragging pans; the right-click menu keeps pyqtgraph's Export and view options.
    """

    def wheelEvent(self, ev, axis=None):  # type: ignore[no-untyped-def] # noqa: N802
        if not ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
            ev.ignore()
            return
        super().wheelEvent(ev, axis=0)


class FlareBars(pg.GraphicsObject):
    """Flare days as shaded bars, one per run of consecutive flare days.

    Drawn once into a cached ``QPicture`` (pyqtgraph ``examples/customGraphicsItem.py``),
    so panning and zooming replay the picture instead of re-walking ten years of days.
    """

    def __init__(self, color: QColor = FLARE, low: float = -0.5, high: float = 10.5) -> None:
        super().__init__()
        self._color = QColor(color)
        self._low, self._high = low, high
        self._picture = QPicture()
        self._bounds = QRectF()
        self.starts: FloatArray = np.empty(0)
        self.ends: FloatArray = np.empty(0)

    def set_days(self, x: FloatArray, flare: npt.NDArray[np.bool_]) -> None:
        """Shade the flare days; ``x`` are the days' x values (one per day, in order)."""
        first, last = runs(flare)
        self.starts = x[first] - DAY / 2
        self.ends = x[last] + DAY / 2
        self.prepareGeometryChange()
        self._picture = QPicture()
        painter = QPainter(self._picture)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        height = self._high - self._low
        for start, end in zip(self.starts, self.ends, strict=True):
            painter.drawRect(QRectF(float(start), self._low, float(end - start), height))
        painter.end()
        if self.starts.size:
            left, right = float(self.starts[0]), float(self.ends[-1])
            self._bounds = QRectF(left, self._low, right - left, height)
        else:
            self._bounds = QRectF()
        self.update()

    def paint(self, painter, *args):  # type: ignore[no-untyped-def]
        painter.drawPicture(QPointF(0, 0), self._picture)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return QRectF(self._bounds)


@dataclass
class Readout:
    """One value shown in a panel's hover line.

    Attributes:
        label: what it is ("daily mean").
        values: returns (x, y) arrays to look the hovered day up in.
        span: how far from its x a value still counts for the hovered day (in seconds):
            0 for a daily value, a week for a weekly one keyed by its Monday.
        decimals: how many decimals to show.
    """

    label: str
    values: Callable[[], tuple[FloatArray, FloatArray]]
    span: float = 0.0
    decimals: int = 1

    def at(self, day_x: float) -> float | None:
        x, y = self.values()
        if x is None or len(x) == 0:
            return None
        i = int(np.searchsorted(x, day_x + 1.0, side="right")) - 1
        if i < 0 or day_x - x[i] > self.span + 1.0 or np.isnan(y[i]):
            return None
        return float(y[i])


def _fmt(value: float, decimals: int) -> str:
    # One decimal as a person rounds it (2.25 -> 2.3), as every sentence does.
    text = one_decimal(value) if decimals == 1 else f"{value:.{decimals}f}"
    return text[:-2] if decimals == 1 and text.endswith(".0") else text


class PlotPanel(QWidget):
    """One titled graph: a header (title, legend, hover read-out, Save as PNG) over a
    pyqtgraph plot with a date axis.

    Attributes:
        key: a short name (``leg_pain``); the widget's objectName is ``plot_<key>``.
        plot: the ``PlotItem``; ``widget`` the ``PlotWidget``.
        cursor: the vertical line marking the hovered day.

    Signals:
        saveRequested(PlotPanel): the Save as PNG button was pressed.
    """

    saveRequested = Signal(object)

    def __init__(
        self,
        key: str,
        title: str,
        y_label: str,
        y_range: tuple[float, float] | None,
        height: int = 210,
        y_ticks: Sequence[float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.setObjectName(f"plot_{key}")
        self.readouts: list[Readout] = []
        self.thresholds: list[tuple[float, str]] = []
        self._right_axis_taken = False  # a second scale (exercise) has the right axis
        self._y_range = y_range
        self._legend: list[tuple[str, str, str]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        header = QHBoxLayout()
        self.title_label = QLabel(f"<b>{html.escape(title)}</b>")
        self.legend_label = QLabel()
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.readout_label = QLabel()
        self.readout_label.setObjectName(f"readout_{key}")
        self.readout_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.save_button = QToolButton()
        self.save_button.setText("Save as PNG")
        self.save_button.setObjectName(f"save_{key}")
        self.save_button.setToolTip(f"Save the graph “{title}” as a PNG picture")
        self.save_button.setAccessibleName(f"Save {title} as PNG")
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self))
        # Title and key wrap, on rows of their own, so that a large font or a narrow window
        # wraps them instead of pushing the page sideways.
        self.title_label.setWordWrap(True)
        self.legend_label.setWordWrap(True)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        keys = QHBoxLayout()
        keys.addWidget(self.legend_label, 2)  # the key keeps most of the row
        keys.addSpacing(12)
        keys.addWidget(self.readout_label, 1)
        layout.addLayout(keys)

        self.axis = DateAxis(orientation="bottom", utcOffset=0)
        self.widget = pg.PlotWidget(viewBox=HistoryViewBox(), axisItems={"bottom": self.axis})
        self.widget.setAccessibleName(title)
        self.widget.setToolTip("Drag to move in time, Ctrl + wheel to zoom, right-click for more")
        self.widget.setMinimumHeight(height)
        self.widget.setMaximumHeight(height)
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.setMenuEnabled(True)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setClipToView(True)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("left", y_label)
        # Every panel keeps the same room on both sides, so that the plotting areas line
        # up and a date sits at the same place in every graph (pyqtgraph links x ranges
        # by screen position). The right column stays empty unless a right axis is shown:
        # an empty column costs nothing to paint.
        self.plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.plot.getAxis("right").setWidth(AXIS_WIDTH)
        self.plot.layout.setColumnFixedWidth(2, AXIS_WIDTH)
        if y_ticks is not None:
            self.plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in y_ticks], []])
        if y_range is not None:
            self.plot.setYRange(*y_range, padding=0.04)
            self.plot.enableAutoRange(axis="y", enable=False)
        else:
            self.plot.enableAutoRange(axis="y", enable=True)
        self.plot.enableAutoRange(axis="x", enable=False)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.setZValue(50)
        self.cursor.hide()
        self.plot.addItem(self.cursor, ignoreBounds=True)
        layout.addWidget(self.widget)

    # ---------------------------------------------------------------- items

    def add_curve(
        self,
        label: str,
        color: str,
        *,
        width: int = 1,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        symbol: str | None = None,
        readout: bool = True,
        decimals: int = 1,
        span: float = 0.0,
    ) -> pg.PlotDataItem:
        """A line (1 px unless told) with a legend entry and a place in the read-out."""
        pen = pg.mkPen(color=color, width=width, style=style)
        kwargs: dict[str, object] = {"pen": pen, "name": label, "connect": "finite"}
        if symbol:
            kwargs.update(symbol=symbol, symbolSize=6, symbolBrush=color, symbolPen=None)
        item = self.plot.plot(**kwargs)
        self.add_legend(label, color, "dash" if style != Qt.PenStyle.SolidLine else "line")
        if readout:
            self.readouts.append(Readout(label, item.getOriginalDataset, span, decimals))
        return item

    def add_legend(self, label: str, color: str, kind: str = "line") -> None:
        self._legend.append((label, color, kind))
        marks = {"line": "━", "dash": "╍", "bar": "■", "shade": "■"}
        self.legend_label.setText(
            "&nbsp;&nbsp; ".join(  # a line may break between two entries
                f"<span style='color:{c}'>{marks[k]}</span>&nbsp;{html.escape(name)}"
                for name, c, k in self._legend
            )
        )

    def add_threshold(self, value: float, label: str, color: str) -> pg.InfiniteLine:
        """A dashed horizontal line at a published threshold.

        Its words go in the graph's key above the plot, and its value is a tick on the
        right-hand axis, never a label inside the plot: there a label would sit on the
        data, or on the label of a threshold close by (WPI 4 and SSS 5).
        """
        line = pg.InfiniteLine(
            pos=value,
            angle=0,
            movable=False,
            pen=pg.mkPen(color=color, width=1, style=Qt.PenStyle.DashLine),
        )
        line.setObjectName(f"threshold_{label}")
        line.setToolTip(label)
        self.plot.addItem(line, ignoreBounds=True)
        self.thresholds.append((value, label))
        self.add_legend(label, color, "dash")
        right = self.plot.getAxis("right")
        values = sorted(v for v, _label in self.thresholds)
        gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
        low, high = self._y_range or (0.0, 1.0)
        # Ticks only while the values stand apart (10% of the axis, about two lines of
        # text): 4 and 5 on a 0-31 axis would write one number on the other.
        apart = all(gap >= 0.1 * (high - low) for gap in gaps)
        if not self._right_axis_taken:
            right.setTicks([[(v, f"{v:g}") for v in values] if apart else [], []])
            right.setStyle(showValues=apart)
            self.plot.showAxis("right")
        return line

    # ---------------------------------------------------------------- read-out

    def show_day(self, day_x: float | None) -> None:
        """Move the hover line to a day and write its date and values in the header."""
        if day_x is None:
            self.cursor.hide()
            self.readout_label.clear()
            return
        self.cursor.setPos(day_x)
        self.cursor.show()
        day = day_of(day_x).item()
        parts = []
        for readout in self.readouts:
            value = readout.at(day_x)
            shown = "–" if value is None else _fmt(value, readout.decimals)
            parts.append(f"{readout.label} {shown}")
        self.readout_label.setText(f"{day:%a %d %b %Y}: " + ", ".join(parts))

    # ---------------------------------------------------------------- look

    def apply_palette(self, palette: QPalette) -> None:
        """Background and axes from the window palette, so the dark theme works."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.WindowText)
        self.widget.setBackground(base)
        for name in ("left", "bottom", "right"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(text, width=1))
            axis.setTextPen(pg.mkPen(text))
        muted = QColor(text)
        muted.setAlpha(140)
        self.cursor.setPen(pg.mkPen(muted, width=1, style=Qt.PenStyle.DotLine))

    def save_png(self, path: Path) -> Path:
        """Write the graph to ``path`` as PNG, at twice the screen size for print."""
        import pyqtgraph.exporters as exporters

        exporter = exporters.ImageExporter(self.plot)
        width = max(800, int(self.widget.width() * 2))
        exporter.parameters()["width"] = width
        exporter.export(str(path))
        return path
