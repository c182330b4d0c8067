"""Paints the body map: figures, region fills and numbers, outlines, tender points.

:class:`BodyPainter` belongs to one :class:`fibrodesk.ui.body_map.BodyMap`: it lays the
two figures out in the widget, paints what a :class:`MapState` holds and says which
rectangles a change of state dirties. The widget owns the state, the events and the
signals; geometry and hit-testing are Qt-free in :mod:`fibrodesk.core.body_geometry`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from fibrodesk.core.catalogue import catalogue
from fibrodesk.ui import body_items
from fibrodesk.ui import colors as ui_colors
from fibrodesk.ui.body_layout import BodyLayout


@dataclass(frozen=True)
class _Look:
    """Colours and fonts of one paint, from the palette and the widget font."""

    window: QColor
    text: QColor
    highlight: QColor
    body: QColor  # "no mark"
    edge: QColor  # region edges
    outline: QColor  # silhouette outline
    caption_font: QFont
    number_font: QFont
    number_font_key: str
    side_font: QFont
    device_scale: float  # device pixels per widget pixel


@dataclass
class MapState:
    """What the map shows: the widget changes it, the painter draws it.

    Attributes:
        marks: region id -> intensity 0-10.
        painful: tender points found painful.
        selected: the selected region, or None.
        hover: the region or tender point under the mouse, or None.
        focus: the region or tender point under the keyboard cursor, or None.
        focus_drawn: whether the keyboard cursor is drawn (keyboard use, not mouse).
        show_tender_points: whether tender points are drawn (and clickable).
        heat_colors, heat_texts: heat-map mode, overriding the marks while not None.
        next_intensity: what a click on an unmarked region records, said under the
            figures (None: nothing said).
    """

    marks: dict[str, int] = field(default_factory=dict)
    painful: set[str] = field(default_factory=set)
    selected: str | None = None
    hover: str | None = None
    focus: str | None = None
    focus_drawn: bool = False
    show_tender_points: bool = True
    heat_colors: dict[str, QColor] | None = None
    heat_texts: dict[str, str] | None = None
    next_intensity: int | None = None


class BodyPainter:
    """Layout and painting of one body map widget.

    Attributes:
        state: what is drawn (shared with the widget).
        views: the two figures' geometry.
        use_static_cache: paint through the cached layers; False paints everything
            directly (tests compare the two).
    """

    def __init__(self, widget: QWidget, state: MapState) -> None:
        self._w = widget
        self.state = state
        self._cat = catalogue()
        self.layout = BodyLayout(widget)
        self.views = self.layout.views
        self._region_paths = self.layout.region_paths
        self._silhouettes = self.layout.silhouettes
        # (key, full, outline): the static layers, see "painting" below.
        self._static: tuple[tuple[object, ...], QPixmap, QPixmap] | None = None
        self.use_static_cache = True

    def invalidate(self, *, static: bool = False) -> None:
        """Forget the layout (after a resize) and, with ``static``, the cached layers."""
        self.layout.invalidate()
        if static:
            self._static = None

    # ------------------------------------------------------------------ painting
    #
    # What is drawn, in order, for each figure: caption; silhouette in the "no mark"
    # colour; every region (its fill, if marked, then its edge); the silhouette outline;
    # hover, selection and focus outlines; the numbers; the "L"/"R" markers; the tender
    # points. ``_paint_direct`` draws exactly that.
    #
    # ``_paint_cached`` draws the same picture cheaply (a paint used to stroke about 85
    # antialiased paths; the two ~950-point silhouette outlines with round joins alone
    # took over half of it). ``_static_layers`` keeps two pixmaps at the widget's size
    # times its pixel ratio, rebuilt only when size, pixel ratio, palette, style or font
    # change: ``full``, the picture with no state (captions, silhouettes, every region's
    # edge unfilled, the silhouette outlines, the markers), and ``outline``, the
    # silhouette outlines alone on transparency. A paint draws ``full``; then, clipped to
    # the bounding rectangles of the filled regions, replays in order the background,
    # silhouette, the regions that reach the clip (with their fills), ``outline`` and the
    # markers, so that there every pixel goes through the steps of ``_paint_direct``
    # (``outline`` is blended from a pixmap, which could round an edge pixel one level
    # differently); then hover, selection and focus outlines, numbers and tender points.
    # Each number's layout and halo outline are computed once per size and font.
    #
    # State changes repaint only the rectangles of what changed (``_update_items``), and a
    # paint skips whatever lies outside the area being repainted.
    def _look(self, device_scale: float) -> _Look:
        pal = self._w.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        body = ui_colors.no_mark_color(pal)
        caption_font = self.layout.caption_font()
        side_font = QFont(caption_font)
        if caption_font.pointSizeF() > 0:
            side_font.setPointSizeF(caption_font.pointSizeF() * 1.25)
        elif caption_font.pixelSize() > 0:
            side_font.setPixelSize(round(caption_font.pixelSize() * 1.25))
        number_font = self.layout.number_font()
        return _Look(
            window=window,
            text=text,
            highlight=pal.color(QPalette.ColorRole.Highlight),
            body=body,
            edge=ui_colors.mix(body, text, 0.45),
            outline=ui_colors.mix(window, text, 0.75),
            caption_font=caption_font,
            number_font=number_font,
            number_font_key=number_font.key(),
            side_font=side_font,
            device_scale=device_scale,
        )

    def _fill_for(self, region_id: str) -> QColor | None:
        if self.state.heat_colors is not None:
            return self.state.heat_colors.get(region_id)
        if region_id in self.state.marks:
            return ui_colors.intensity_color(self.state.marks[region_id])
        return None

    def _text_for(self, region_id: str) -> str | None:
        if self.state.heat_colors is not None:
            return (self.state.heat_texts or {}).get(region_id)
        if region_id in self.state.marks:
            return str(self.state.marks[region_id])
        return None

    def paint(self, event: QPaintEvent) -> None:
        """Paint the widget (called from its ``paintEvent``)."""
        p = QPainter(self._w)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # The cached pixmaps are made for the screen: pixel ratio as the widget's, no
        # rotation or extra scale (render() into an image or a printer may differ).
        device = p.deviceTransform()
        dpr = self._w.devicePixelRatioF()
        look = self._look(device.m11())
        if (
            self.use_static_cache
            and self._w.width() > 0
            and self._w.height() > 0
            and device.m12() == 0
            and device.m21() == 0
            and math.isclose(device.m11(), dpr)
            and math.isclose(device.m22(), dpr)
        ):
            self._paint_cached(p, look, event.region())
        else:
            self._paint_direct(p, look)
        p.end()

    def _paint_direct(self, p: QPainter, look: _Look) -> None:
        """The whole picture, every path drawn (no cache)."""
        p.fillRect(self._w.rect(), look.window)
        for name in self.views:
            self._draw_caption_and_body(p, look, name)
            self._draw_regions(p, look, name, fills=True)
            self._draw_outline(p, look, name)
            self._draw_highlights(p, look, name)
            self._draw_labels(p, look, name)
            self._draw_markers(p, look, name)
            self._draw_tender_points(p, look, name)
        self._draw_footer(p, look)

    def _paint_cached(self, p: QPainter, look: _Look, area: QRegion) -> None:
        """The same picture from the static layers plus what the state adds."""
        full, outline = self._static_layers(look)
        p.drawPixmap(0, 0, full)
        filled = QRegion()
        for name, view in self.views.items():
            for rid in view.regions:
                if self._fill_for(rid) is not None:
                    filled += self.layout.region_rect(name, rid)
        filled &= area
        if not filled.isEmpty():
            # Inside the filled regions' rectangles, the same steps as _paint_direct.
            p.save()
            p.setClipRegion(filled, Qt.ClipOperation.IntersectClip)
            p.fillRect(self._w.rect(), look.window)
            placed = self.layout.placed()
            for name in self.views:
                if filled.intersects(placed[name].box.toAlignedRect().adjusted(-4, -4, 4, 4)):
                    self._draw_caption_and_body(p, look, name, within=filled)
                    self._draw_regions(p, look, name, fills=True, within=filled)
            p.drawPixmap(0, 0, outline)
            for name in self.views:
                self._draw_markers(p, look, name, within=filled)
            p.restore()
        for name in self.views:
            self._draw_highlights(p, look, name, within=area)
            self._draw_labels(p, look, name, within=area)
            self._draw_tender_points(p, look, name, within=area)
        self._draw_footer(p, look, within=area)

    def _static_layers(self, look: _Look) -> tuple[QPixmap, QPixmap]:
        """The ``full`` and ``outline`` pixmaps, rebuilt when size, pixel ratio, palette or
        font change (nothing in them depends on marks, selection or heat-map colours)."""
        dpr = self._w.devicePixelRatioF()
        key = (
            self._w.width(),
            self._w.height(),
            dpr,
            self._w.palette().cacheKey(),
            self._w.font().key(),
        )
        if self._static is not None and self._static[0] == key:
            return self._static[1], self._static[2]
        self._static = None  # let the old pixmaps go before the new ones are made
        size = QSize(
            max(1, math.ceil(self._w.width() * dpr)), max(1, math.ceil(self._w.height() * dpr))
        )
        full = QPixmap(size)
        full.setDevicePixelRatio(dpr)
        full.fill(look.window)
        outline = QPixmap(size)
        outline.setDevicePixelRatio(dpr)
        outline.fill(Qt.GlobalColor.transparent)
        for pixmap in (full, outline):
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for name in self.views:
                if pixmap is full:
                    self._draw_caption_and_body(p, look, name)
                    self._draw_regions(p, look, name, fills=False)
                self._draw_outline(p, look, name)
                if pixmap is full:
                    self._draw_markers(p, look, name)
            p.end()
        self._static = (key, full, outline)
        return full, outline

    def static_cache_key(self) -> int | None:
        """``cacheKey()`` of the cached static picture (None before the first paint)."""
        return None if self._static is None else self._static[1].cacheKey()

    def _draw_caption_and_body(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        where = self.layout.placed()[name]
        if within is None or within.intersects(where.caption.toAlignedRect()):
            p.setFont(look.caption_font)
            p.setPen(look.text)
            p.drawText(where.caption, Qt.AlignmentFlag.AlignCenter, self.views[name].caption)
        p.save()
        p.setTransform(where.transform)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(look.body)
        p.drawPath(self._silhouettes[name])
        p.restore()

    def _draw_regions(
        self, p: QPainter, look: _Look, name: str, *, fills: bool, within: QRegion | None = None
    ) -> None:
        """Each region's fill (when ``fills`` and it has one) and edge. With ``within``,
        regions that cannot reach it are left out."""
        p.save()
        p.setTransform(self.layout.placed()[name].transform)
        edge_pen = QPen(look.edge, 1.0)
        edge_pen.setCosmetic(True)
        edge_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for rid, path in self._region_paths[name].items():
            if within is not None and not within.intersects(self.layout.region_rect(name, rid)):
                continue
            fill = self._fill_for(rid) if fills else None
            p.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
            p.setPen(edge_pen)
            p.drawPath(path)
        p.restore()

    def _draw_outline(self, p: QPainter, look: _Look, name: str) -> None:
        """The silhouette outline (the costliest path: about 900 points, round joins)."""
        p.save()
        p.setTransform(self.layout.placed()[name].transform)
        out_pen = QPen(look.outline, 1.6)
        out_pen.setCosmetic(True)
        out_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(out_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._silhouettes[name])
        p.restore()

    def _draw_highlights(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        """Hover, selection and keyboard focus outlines of the regions in this view."""
        paths = self._region_paths[name]

        def shown(rid: str | None) -> QPainterPath | None:
            if rid is None or rid not in paths:
                return None
            if within is not None and not within.intersects(self.layout.region_rect(name, rid)):
                return None
            return paths[rid]

        hover = shown(self.state.hover) if self.state.hover != self.state.selected else None
        selected = shown(self.state.selected)
        focus = shown(self.state.focus) if self.focus_shown() else None
        if hover is None and selected is None and focus is None:
            return
        p.save()
        p.setTransform(self.layout.placed()[name].transform)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if hover is not None:
            hover_pen = QPen(ui_colors.mix(look.highlight, look.text, 0.15), 2.0)
            hover_pen.setCosmetic(True)
            p.setPen(hover_pen)
            p.drawPath(hover)
        if selected is not None:
            # On a band of the window colour, so that the selection colour stands out
            # 3:1 or more whatever the fills around it (WCAG 1.4.11).
            band = QPen(look.window, 6.5)
            band.setCosmetic(True)
            band.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(band)
            p.drawPath(selected)
            sel_pen = QPen(look.highlight, 3.5)
            sel_pen.setCosmetic(True)
            sel_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(sel_pen)
            p.drawPath(selected)
        if focus is not None:
            body_items.draw_focus_path(p, focus, look.text, look.window)
        p.restore()

    def _draw_labels(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        # Texts are drawn untransformed so they follow the widget font, not the scale.
        for rid in self.views[name].regions:
            label = self._text_for(rid)
            if not label:
                continue
            placed = self.layout.label(
                name, rid, label, look.number_font, look.number_font_key, look.device_scale
            )
            if within is not None and not within.intersects(placed.rect):
                continue
            fill = self._fill_for(rid) or look.body
            body_items.draw_label(p, placed, label, fill)

    def _draw_markers(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        p.setFont(look.side_font)
        p.setPen(look.text)
        for side, (mx, my) in self.views[name].markers.items():
            c = self.layout.to_widget(name, (mx, my))
            rect = QRectF(c.x() - 30, c.y() - 20, 60, 40)
            if within is not None and not within.intersects(rect.toAlignedRect()):
                continue
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, side)

    def _draw_tender_points(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        if not self.state.show_tender_points:
            return
        focus = self.state.focus if self.focus_shown() else None
        for pid, centre in self.layout.tender_centres(name).items():
            if within is not None and not within.intersects(self.layout.tender_rect(name, pid)):
                continue
            body_items.draw_tender_point(
                p,
                centre,
                self.layout.tender_radius(name, pid),
                tender=pid in self.state.painful,
                hover=pid == self.state.hover,
                focus=pid == focus,
                text=look.text,
                window=look.window,
                highlight=look.highlight,
            )

    # Bounding rectangles (widget coordinates, with room for outlines and antialiasing):
    # what a paint may skip, and what a change of state repaints.
    def _draw_footer(self, p: QPainter, look: _Look, within: QRegion | None = None) -> None:
        value = self.state.next_intensity
        rect = self.layout.footer_rect()
        if value is None or rect.isEmpty():
            return
        if within is None or within.intersects(rect.toAlignedRect()):
            body_items.draw_next_click(p, rect, value, self._w.font(), look.text)

    def update_items(self, items: Iterable[str], labels: Iterable[str] = ()) -> None:
        """Repaint only where these regions or tender points (and these numbers on the
        regions) are drawn; everything else on screen stays as it is."""
        if not self._w.isVisible():
            return
        items = list(items)
        if len(items) > 12:
            self._w.update()
            return
        texts = [t for t in labels if t]
        number_font = self.layout.number_font()
        font_key = number_font.key() if texts else ""
        dpr = self._w.devicePixelRatioF()
        dirty = QRegion()
        for item in items:
            if item not in self._cat.tender_points and item not in self._cat.regions:
                self._w.update()
                return
            for name, view in self.views.items():
                if item in view.tender_points:
                    dirty += self.layout.tender_rect(name, item)
                elif item in view.regions:
                    dirty += self.layout.region_rect(name, item)
                    for text in texts:
                        label = self.layout.label(name, item, text, number_font, font_key, dpr)
                        dirty += label.rect
        if not dirty.isEmpty():
            self._w.update(dirty)

    def focus_shown(self) -> bool:
        """Whether the keyboard cursor is drawn now."""
        return self._w.hasFocus() and self.state.focus_drawn and self.state.focus is not None
