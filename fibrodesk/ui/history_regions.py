"""The History page's "where it hurt" sections: one body region over time (a body map to
choose it, coloured by how often each region hurt, beside its graph) and the heat maps of
two periods side by side.

Imports pyqtgraph (through :mod:`~fibrodesk.ui.history_plots`): only the History page
imports this module.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import history
from fibrodesk.db.history_series import LEG_REGION_IDS, HeatStats, heat_stats
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.heatmap_view import HeatLegend, HeatMapView, heat_encoding
from fibrodesk.ui.history_cache import HistoryCache
from fibrodesk.ui.history_plots import PlotPanel, seconds, set_points


def most_often_hurt(data: history.HistoryData) -> str:
    """The region with the most days of pain in ``data`` (the first leg region if none)."""
    stats = heat_stats(data.regions, data.start, data.end)
    if stats.days_hurt.max(initial=0) == 0:
        return LEG_REGION_IDS[0]
    return stats.regions[int(np.argmax(stats.days_hurt))]


class RegionSection(QGroupBox):
    """A body map to choose a region, its colour key, and the region's graph beside it.

    Attributes:
        region_map: the body map (``regionClicked(str)`` when a region is clicked).
        region_legend: the key of the map's colours.
        panel: the region's graph.
    """

    def __init__(self, panel: PlotPanel, parent: QWidget | None = None) -> None:
        super().__init__("One body region over time", parent)
        self.setObjectName("regionBox")
        self.panel = panel
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        hint = QLabel("Click a region to see its pain over the range.")
        hint.setWordWrap(True)
        left.addWidget(hint)
        self.region_map = BodyMap()
        self.region_map.setObjectName("historyRegionMap")
        self.region_map.setAccessibleName("Body map: choose a region to plot")
        self.region_map.set_show_tender_points(False)
        self.region_map.setFixedSize(320, 340)
        left.addWidget(self.region_map, 1)
        # The map is coloured by how often each region hurt: its key sits beside it.
        self.region_legend = HeatLegend()
        self.region_legend.setObjectName("regionMapLegend")
        left.addWidget(self.region_legend)
        row.addLayout(left)
        row.addWidget(panel, 1)

    def show_region(self, data: history.HistoryData, region: str, curve: pg.PlotDataItem) -> None:
        """Draw ``region``'s highest pain of each day of ``data`` with ``curve``."""
        values = data.regions.column(region)
        known = ~np.isnan(values)
        x = seconds(data.regions.days)
        set_points(curve, x[known], values[known])
        panel = self.panel
        label = catalogue().region(region).label
        panel.title = f"{label}: highest pain each day"
        panel.title_label.setText(f"<b>{panel.title}</b> ({int(known.sum())} days with a mark)")
        panel.widget.setAccessibleName(panel.title)
        self.region_map.set_selected(region)


class HeatSection(QGroupBox):
    """Two periods' heat maps side by side (``heat_view``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Where it hurt: two periods side by side", parent)
        self.setObjectName("heatBox")
        layout = QVBoxLayout(self)
        self.heat_view = HeatMapView()
        layout.addWidget(self.heat_view)

    def refresh(
        self, data: history.HistoryData, cache: HistoryCache, today: dt.date, region_map: BodyMap
    ) -> None:
        """Redraw both periods, and colour ``region_map`` by how often each region hurt in
        the range of ``data``."""
        start, end = data.start, data.end

        def stats_for(a: dt.date, b: dt.date) -> HeatStats:
            return heat_stats(cache.region_days_for(a, b, data), a, b)

        self.heat_view.refresh(stats_for, today, (start, end))
        fills, _texts = heat_encoding(stats_for(start, end))
        region_map.set_region_colors(fills, {})
