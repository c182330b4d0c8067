"""The History page: "am I getting better?", "what goes with worse days?", and pictures to
show a doctor.

The window builds this page the first time it is shown (``LazyPage``), and only then is
this module imported, with pyqtgraph and numpy: start-up never pays for them.

What it shows, for a chosen range (7 days to all of the diary, or two dates):

* stacked graphs sharing one date axis (pan by dragging, Ctrl + wheel to zoom): overall
  and leg pain with flare days shaded, weekly WPI/SSS/FS with the ACR 2016 thresholds,
  tender points with the 11-of-18 line, sleep/fatigue/fog, exercise per week planned and
  done with next-day leg pain, FIQR, and one chosen body region;
* a body heat map of two periods side by side;
* plain-words patterns from :mod:`fibrodesk.core.insights`.

The page is put together from :mod:`~fibrodesk.ui.history_cache` (the ranges loaded
from :mod:`fibrodesk.db.history` and their patterns), :mod:`~fibrodesk.ui.history_range_bar`
(the range buttons, dates and summary), :mod:`~fibrodesk.ui.history_graphs` (the stacked
graphs), :mod:`~fibrodesk.ui.history_regions` (one region over time, the two heat maps) and
:mod:`~fibrodesk.ui.insights_box` (the patterns in words); this module builds the page from
them, keeps the range chosen and redraws on a change.
Patterns are worked out on a worker thread (:mod:`~fibrodesk.ui.history_worker`) while the
graphs are drawn, once per range; the box says it is looking until they are in. A change
in the diary that the page shows (``ctx.changed``) drops all of that and reloads.
"""

# ruff: noqa: E402 (imports after linecache.clearcache(), on purpose: see below)
from __future__ import annotations

import datetime as dt
import linecache
from pathlib import Path

import numpy  # noqa: F401 (imported here, before the first clearcache: see below)

# PySide6 reads the source of every module imported after it (``inspect.getsource``, to
# look for ``from __feature__ import``), and linecache keeps every line it read: with the
# start-up modules, numpy and pyqtgraph some 180,000 lines in 330 files, 10 to 15 MB of
# small strings that nothing reads again (a traceback reads its lines anew). Dropped here,
# after numpy, so that pyqtgraph's import fills the room they leave instead of growing
# the process, and again after all the imports (below), for the page to be built in.
# Measured on a ten-year diary: 8 MB less resident than dropping them once, at the end.
linecache.clearcache()

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import insights as core_insights
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import now
from fibrodesk.db import history
from fibrodesk.ui.context import AppContext, Change
from fibrodesk.ui.empty_state import EmptyState
from fibrodesk.ui.history_cache import (
    DEFAULT_RANGE,
    RANGES,
    HistoryCache,
    fitting_range,
    summary_words,
)
from fibrodesk.ui.history_graphs import HistoryGraphs
from fibrodesk.ui.history_plots import PlotPanel, seconds, snap_to_day
from fibrodesk.ui.history_range_bar import RangeBar
from fibrodesk.ui.history_regions import HeatSection, RegionSection, most_often_hurt
from fibrodesk.ui.history_worker import PatternsWorker
from fibrodesk.ui.insights_box import InsightsBox
from fibrodesk.ui.page_title import page_title

linecache.clearcache()  # pyqtgraph's lines (see the top), before the page is built

# What a change must touch for the graphs to reload (the doses, tags, weather and cycle
# for the treatment summaries and the trigger insights of issue 15).
TOUCHES = (
    "marks",
    "checkin",
    "tender",
    "weekly",
    "fiqr",
    "sessions",
    "plans",
    "doses",
    "tags",
    "weather",
    "cycle",
)


def today() -> dt.date:
    return now().date()


class HistoryPage(QWidget):
    """Graphs, heat maps and patterns of a chosen range of the diary.

    Attributes:
        ctx: the shared context.
        graphs: the stacked graphs (:class:`HistoryGraphs`); ``panels`` and ``curves``
            are its dictionaries of graphs and of the items drawing each series.
        cache: the ranges loaded and their patterns (:class:`HistoryCache`).
        range_bar: the range buttons, dates and summary (:class:`RangeBar`; built with the
            content, like the sections below).
        region_section, heat_section: one region over time, and the two heat maps.
        insights_box: the patterns in words (:class:`InsightsBox`).
        data: the :class:`history.HistoryData` on screen (None while the diary is empty).
        region: the region whose history the region graph shows.
        insights, episodes: what :mod:`fibrodesk.core.insights` found in the range.
        patterns_worker: works the patterns out off the window's thread
            (:class:`PatternsWorker`).

    Signals:
        insightsUpdated(): the patterns of the range on screen were written out.
    """

    insightsUpdated = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.graphs = HistoryGraphs()
        self.panels = self.graphs.panels
        self.curves = self.graphs.curves
        self.cache = HistoryCache()
        self.data: history.HistoryData | None = None
        self.region: str | None = None
        self.episodes: list[core_insights.BoomBustEpisode] = []
        self.insights: list[core_insights.Insight] = []
        self._insights_pending = False  # the range's patterns are being worked out
        self.patterns_worker = PatternsWorker(self)
        self.patterns_worker.found.connect(self._patterns_found)
        self.patterns_worker.failed.connect(self._patterns_failed)
        self._watched: QObject | None = None
        # Until the person picks a range, the first one fits what the diary holds.
        self._range_chosen = ctx.settings.contains("history/range")
        self._range_key = str(ctx.settings.value("history/range", DEFAULT_RANGE))
        if self._range_key not in {key for key, _t, _d in RANGES}:
            self._range_key = DEFAULT_RANGE
        self._custom: tuple[dt.date, dt.date] | None = None
        self._dirty = False
        self._proxies: list[pg.SignalProxy] = []
        self._content: QWidget | None = None
        self._following = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = page_title("History")  # over the empty state and the graphs alike
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        title.setContentsMargins(margin, margin, margin, 0)  # where the other pages' titles are
        layout.addWidget(title)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.empty_state = EmptyState(
            "Nothing to look back on yet",
            "After a few days of entries, your graphs and a body heat map will appear here.",
        )
        self.empty_state.setObjectName("historyEmptyState")
        self.stack.addWidget(self.empty_state)
        ctx.changed.connect(self._on_changed)
        self.reload()

    # ------------------------------------------------------------------ public

    @staticmethod
    def ask_png_path(parent: QWidget, suggested: Path) -> Path | None:
        """Ask where to save a graph; None when cancelled. Tests replace this."""
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Save graph as PNG", str(suggested), "PNG pictures (*.png)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".png" else path.with_suffix(".png")

    @property
    def _span(self) -> tuple[dt.date, dt.date] | None:
        return self.cache.span

    def range_dates(self) -> tuple[dt.date, dt.date]:
        """First and last day of the chosen range."""
        end = today()
        if self._range_key == "custom" and self._custom is not None:
            return self._custom
        days = dict((key, d) for key, _t, d in RANGES).get(self._range_key)
        if days is None:  # all (or custom before any dates were set)
            first = self._span[0] if self._span else end
            return min(first, end), end
        return end - dt.timedelta(days=days - 1), end

    def set_range(self, key: str) -> None:
        """Show one of the ranges in :data:`RANGES`."""
        if key not in self._range_buttons_keys():
            raise ValueError(f"unknown range {key!r}")
        self._range_key = key
        self._range_chosen = True
        self.ctx.settings.setValue("history/range", key)
        if key == "custom" and self._custom is None:
            self._custom = (
                self.range_dates()
                if self.data is None
                else (
                    self.data.start,
                    self.data.end,
                )
            )
        self._show_range()

    def set_custom_range(self, start: dt.date, end: dt.date) -> None:
        """Show the days from ``start`` to ``end`` (swapped if given the wrong way round)."""
        if end < start:
            start, end = end, start
        self._custom = (start, end)
        self._range_key = "custom"
        self._show_range()

    def select_region(self, region_id: str) -> None:
        """Show one region's history in the region graph."""
        catalogue().region(region_id)  # raises ValueError for an unknown id
        self.region = region_id
        if self._content is not None:
            self.region_map.set_selected(region_id)
            self._update_region_plot()

    def reload(self) -> None:
        """Read the diary again and redraw (everything kept from earlier reads is dropped)."""
        self._dirty = False
        self._cancel_insights()  # worked out on the diary before the change: never shown
        span = self.cache.clear()
        if span is not None and not self._range_chosen:
            self._range_key = fitting_range(span[0], today())
        if span is None:
            self.data = None
            self.stack.setCurrentWidget(self.empty_state)
            return
        if self._content is None:
            self._build()
        assert self._content is not None
        self.stack.setCurrentWidget(self._content)
        self._show_range()

    # ------------------------------------------------------------------ building

    def _range_buttons_keys(self) -> list[str]:
        return [key for key, _t, _d in RANGES]

    def _build(self) -> None:
        content = QWidget()
        content.setObjectName("historyContent")
        outer = QVBoxLayout(content)
        outer.setContentsMargins(8, 8, 8, 0)
        self.range_bar = RangeBar()
        self.range_bar.rangeClicked.connect(self.set_range)
        self.range_bar.datesEdited.connect(self._custom_edited)
        self.range_buttons = self.range_bar.buttons
        self.range_group = self.range_bar.group
        self.from_edit, self.to_edit = self.range_bar.from_edit, self.range_bar.to_edit
        self.summary = self.range_bar.summary
        outer.addWidget(self.range_bar)

        scroll = QScrollArea()
        scroll.setObjectName("historyScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 12, 12)
        self.insights_box = InsightsBox()
        self.insights_label = self.insights_box.label
        self.episodes_list = self.insights_box.episodes_list
        # The graphs come first: they are what a person opens History for, and the
        # patterns in words (with treatments, tags and pressure) can run to a screenful,
        # which pushed every graph below the fold on a laptop or at a large font.
        self.graphs.build(column)
        column.addWidget(self.insights_box)
        self.region_section = RegionSection(self.graphs.build_region_panel())
        self.region_map = self.region_section.region_map
        self.region_map.regionClicked.connect(self.select_region)
        self.region_legend = self.region_section.region_legend
        column.addWidget(self.region_section)
        self.heat_section = HeatSection()
        self.heat_view = self.heat_section.heat_view
        self.heat_view.periodsChanged.connect(self._update_heat)
        column.addWidget(self.heat_section)
        column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.scroll = scroll

        first = self.panels["overall_pain"].plot
        for panel in self.panels.values():
            if panel.plot is not first and panel.key != "region":
                panel.plot.setXLink(first)
        # The region graph sits beside its body map, not under the others, and pyqtgraph
        # links by screen position: it follows the same dates by hand instead.
        first.sigXRangeChanged.connect(lambda _vb, r: self._follow_x("region", r))
        self.panels["region"].plot.sigXRangeChanged.connect(
            lambda _vb, r: self._follow_x("overall_pain", r)
        )
        for panel in self.panels.values():
            panel.saveRequested.connect(self._save_panel)
            proxy = pg.SignalProxy(
                panel.widget.scene().sigMouseMoved,
                rateLimit=60,
                slot=lambda event, p=panel: self.hover(p, event[0]),
            )
            self._proxies.append(proxy)
        self._apply_palette()
        self.stack.addWidget(content)
        self._content = content

    # ------------------------------------------------------------------ data

    def _show_range(self) -> None:
        if self._span is None or self._content is None:
            return
        start, end = self.range_dates()
        self.data = self.cache.data_for(start, end)
        self.range_bar.show_range(self._range_key, start, end)
        self._apply(self.data)

    def _custom_edited(self) -> None:
        start, end = self.range_bar.dates()
        if (start, end) != self.range_dates() or self._range_key != "custom":
            self.set_custom_range(start, end)

    # ------------------------------------------------------------------ drawing

    def _apply(self, data: history.HistoryData) -> None:
        self.graphs.apply(data)
        if self.region is None:
            self.region = most_often_hurt(data)
        self._update_region_plot()
        self.range_bar.set_summary(summary_words(data), data.start, data.end)
        self._update_heat()
        self._schedule_insights(data)

    def _update_region_plot(self) -> None:
        if self.data is None or self.region is None:
            return
        self.region_section.show_region(self.data, self.region, self.curves["region/max"])

    def _schedule_insights(self, data: history.HistoryData) -> None:
        """Patterns are worked out on a worker thread (on ten years they take seconds),
        once per range until the diary changes; a range already done is shown at once."""
        if self.cache.has_patterns(data):
            # Written out just after the graphs (a long range's text takes a moment).
            self._cancel_insights()
            self._insights_pending = True
            QTimer.singleShot(0, self, self._show_kept)
            return
        self.insights_box.show_pending()
        self._watch_window()  # the window closing stops the worker
        self._insights_pending = True
        self.patterns_worker.request(data)

    def _show_kept(self) -> None:
        data = self.data
        if not self._insights_pending or data is None or not self.cache.has_patterns(data):
            return  # superseded: a later range (or reload) decides
        self._insights_pending = False
        self._show_insights(data)

    def _cancel_insights(self) -> None:
        self._insights_pending = False
        self.patterns_worker.cancel()

    def _patterns_found(self, data: history.HistoryData, found: object) -> None:
        self.cache.keep(data, found)  # type: ignore[arg-type]
        shown = self.data
        if shown is None or (shown.start, shown.end) != (data.start, data.end):
            return  # another range is shown (its own request superseded this one)
        self._insights_pending = False
        self._show_insights(shown)

    def _patterns_failed(self, sentence: str) -> None:
        self._insights_pending = False
        self.insights_box.label.setText(sentence)
        self.insights_box.treatments_label.setText("")

    def _show_insights(self, data: history.HistoryData) -> None:
        self.insights, self.episodes = self.cache.patterns(data)
        self.insights_box.show_patterns(self.insights, self.episodes)
        self.insights_box.show_treatments(self.cache.treatments(data))
        self.insightsUpdated.emit()

    def _watch_window(self) -> None:
        top = self.window()
        if top is not self and top is not self._watched:
            top.installEventFilter(self)
            self._watched = top

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The window closes (and then its diary): the patterns being worked out are
        # dropped and worked out again when the page is next shown.
        if (
            watched is self._watched
            and event.type() == QEvent.Type.Close
            and self.patterns_worker.running()
        ):
            self._insights_pending = False
            self.patterns_worker.stop()
            self._dirty = True
        return super().eventFilter(watched, event)

    def _update_heat(self) -> None:
        if self.data is not None:
            self.heat_section.refresh(self.data, self.cache, today(), self.region_map)

    # ------------------------------------------------------------------ hover, save, look

    def hover(self, panel: PlotPanel, scene_pos: QPointF) -> None:
        """Show the hovered day's date and values on every graph."""
        vb = panel.plot.vb
        if self.data is None or not vb.sceneBoundingRect().contains(scene_pos):
            return
        x = snap_to_day(vb.mapSceneToView(scene_pos).x())
        days = self.data.daily.days
        first, last = seconds(days[:1])[0], seconds(days[-1:])[0]
        if not first <= x <= last:
            return
        for p in self.panels.values():
            p.show_day(x)

    def _follow_x(self, key: str, x_range: tuple[float, float]) -> None:
        if self._following:
            return
        self._following = True
        try:
            self.panels[key].plot.setXRange(*x_range, padding=0)
        finally:
            self._following = False

    def _save_panel(self, panel: PlotPanel) -> None:
        start, end = self.range_dates()
        suggested = Path.home() / f"fibrodesk-{panel.key}-{start}-to-{end}.png"
        path = self.ask_png_path(self, suggested)
        if path is None:
            return
        try:
            panel.save_png(path)
        except OSError as exc:
            self.ctx.saveFailed.emit(
                f"The graph could not be saved to {path} ({exc}); choose another folder."
            )

    def _apply_palette(self) -> None:
        for panel in self.panels.values():
            panel.apply_palette(self.palette())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and self._content is not None:
            self._apply_palette()
        super().changeEvent(event)

    # ------------------------------------------------------------------ changes

    def _on_changed(self, change: Change) -> None:
        if not change.touches(*TOUCHES):
            return
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self._watch_window()  # the window closing stops the patterns' worker
        if self._dirty:
            self.reload()
        super().showEvent(event)
