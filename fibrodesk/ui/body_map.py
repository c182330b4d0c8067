"""The body map widget: front and back figures; click or use the keyboard to pick regions.

The widget keeps what is shown (:class:`~fibrodesk.ui.body_painter.MapState`), handles
mouse and keyboard and emits signals; it never reads or writes the diary (the Today and
History pages do that). Geometry and hit-testing live Qt-free in
:mod:`fibrodesk.core.body_geometry`, painting in :mod:`fibrodesk.ui.body_painter`.

Laterality (domain.md s.1): in the front view the patient's right is on the viewer's
left; in the back view the patient's left is on the viewer's left.

Accessibility: the map is one focusable widget with a keyboard focus cursor over regions
and tender points. Each region and tender point is its own accessible child
(:mod:`fibrodesk.ui.body_map_access`), and the focused item is also in
``accessibleDescription`` ("Inside of knee, left: intensity 5").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fibrodesk.core.body_geometry import region_at
from fibrodesk.core.catalogue import catalogue
from fibrodesk.ui import body_map_access
from fibrodesk.ui.body_painter import BodyPainter, MapState


class BodyMap(QWidget):
    """Front and back body figures; click or use the keyboard to pick regions.

    The widget never touches the database: it shows what it is given (``set_marks``,
    ``set_tender_points``, ``set_region_colors``) and reports what the user does.

    Signals:
        regionClicked(str): a region was clicked, or Space/Enter on the focused region.
            The region is selected first.
        tenderPointClicked(str): a tender point was clicked, or Space/Enter on it.
        intensityKeyPressed(str, int): digit 0-9 typed with a region selected.
        intensityStepped(str, int): +1 for '+' or '=', -1 for '-', on the selected region.
        deletePressed(str): Delete or Backspace with a region selected.
        selectionChanged(str): the selected region changed ("" when none).
    """

    #: body_map_access gives every widget of a class with this its per-item children.
    accessible_items = True

    regionClicked = Signal(str)
    tenderPointClicked = Signal(str)
    intensityKeyPressed = Signal(str, int)
    intensityStepped = Signal(str, int)
    deletePressed = Signal(str)
    selectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMap")
        self.setAccessibleName("Body map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cat = catalogue()
        self._state = MapState()
        self._painter = BodyPainter(self, self._state)
        self._views = self._painter.views
        self._pressed: str | None = None
        body_map_access.install()
        self._update_accessible_description()

    # ------------------------------------------------------------------ public API

    def set_marks(self, intensities: Mapping[str, int]) -> None:
        """Show the marks: region id -> intensity 0-10 (regions not given: no mark)."""
        old = self._state.marks
        self._state.marks = {
            rid: max(0, min(10, int(v))) for rid, v in intensities.items() if v is not None
        }
        self._update_accessible_description()
        changed = [
            rid
            for rid in old.keys() | self._state.marks.keys()
            if old.get(rid) != self._state.marks.get(rid)
        ]
        numbers = {str(m[rid]) for m in (old, self._state.marks) for rid in changed if rid in m}
        self._update_items(changed, numbers)
        body_map_access.announce_change(self, changed)

    def marks(self) -> dict[str, int]:
        return dict(self._state.marks)

    def set_tender_points(self, painful: Iterable[str]) -> None:
        """Which tender points are drawn as painful."""
        old, self._state.painful = self._state.painful, set(painful)
        self._update_accessible_description()
        self._update_items(old ^ self._state.painful)
        body_map_access.announce_change(self, sorted(old ^ self._state.painful))

    def tender_points(self) -> set[str]:
        """The tender points drawn as painful."""
        return set(self._state.painful)

    def set_next_intensity(self, value: int | None) -> None:
        """Say on the map what intensity the next click on an unmarked region records
        (None: say nothing, as on the History page's heat map)."""
        value = None if value is None else max(0, min(10, int(value)))
        if value != self._state.next_intensity:
            self._state.next_intensity = value
            self._painter.layout.footer = value is not None
            self._painter.invalidate()
            self._update_accessible_description()
            self.update()

    def next_intensity(self) -> int | None:
        return self._state.next_intensity

    def set_selected(self, region_id: str | None) -> None:
        """Select a region (None or "" for none); emits selectionChanged if it changed."""
        region_id = region_id or None
        if region_id is not None and region_id not in self._cat.regions:
            raise ValueError(f"unknown body region {region_id!r}")
        if region_id == self._state.selected:
            return
        old, self._state.selected = self._state.selected, region_id
        self._update_items(rid for rid in (old, region_id) if rid)
        self.selectionChanged.emit(region_id or "")

    def selected(self) -> str | None:
        return self._state.selected

    def set_show_tender_points(self, show: bool) -> None:
        """Show or hide the tender-point markers (hidden ones are not clickable)."""
        self._state.show_tender_points = bool(show)
        if not show and self._state.focus in self._cat.tender_points:
            self._set_focus_item(None)
        if not show and self._state.hover in self._cat.tender_points:
            self._state.hover = None
        self.update()

    def show_tender_points(self) -> bool:
        return self._state.show_tender_points

    def set_region_colors(
        self, colors: Mapping[str, QColor] | None, texts: Mapping[str, str] | None = None
    ) -> None:
        """Heat-map mode: fill regions with these colours and write these texts on them.

        Overrides the ``set_marks`` colouring while given; pass None to go back.
        """
        if colors is None:
            self._state.heat_colors = None
            self._state.heat_texts = None
        else:
            self._state.heat_colors = {rid: QColor(c) for rid, c in colors.items()}
            self._state.heat_texts = dict(texts) if texts else {}
        self.update()

    def region_center(self, region_id: str) -> QPoint:
        """A point inside the region (in its catalogue view), in widget coordinates.

        ``region_at`` maps it back to ``region_id``: it is the region's pole of
        inaccessibility, clear of tender-point markers and their hit squares.
        """
        region = self._cat.region(region_id)
        return self._painter.layout.label_point(region.view, region_id).toPoint()

    def tender_point_center(self, point_id: str) -> QPoint:
        """Centre of a tender point's marker, in widget coordinates."""
        try:
            tp = self._cat.tender_points[point_id]
        except KeyError:
            raise ValueError(f"unknown tender point {point_id!r}") from None
        return self._painter.layout.tender_centres(tp.view)[point_id].toPoint()

    def region_at(self, pos: QPointF | QPoint) -> str | None:
        """The tender point or region id under a widget position, or None.

        A shown tender point wins over the region under it, anywhere in its hit square
        (at least 24 x 24 px at any map size)."""
        layout = self._painter.layout
        if self._state.show_tender_points:
            point_id = layout.tender_at(QPointF(pos))
            if point_id is not None:
                return point_id
        found = layout.view_point_at(QPointF(pos))
        if found is None:
            return None
        name, point = found
        return region_at(self._views[name], (point.x(), point.y()), tender_points=False)

    def item_rect(self, item_id: str) -> QRect:
        """Where a region (in its catalogue view) or tender point is drawn, in widget
        coordinates."""
        layout = self._painter.layout
        if item_id in self._cat.tender_points:
            view = self._cat.tender_points[item_id].view
            return layout.tender_hit_rect(view, item_id).toAlignedRect()
        return layout.region_rect(self._cat.region(item_id).view, item_id).adjusted(4, 4, -4, -4)

    def focus_item(self) -> str | None:
        """The region or tender point under the keyboard focus cursor."""
        return self._state.focus

    def focus_first_leg_region(self) -> None:
        """Keyboard focus on the map, its cursor shown on the first leg region (not a
        tender point), so Enter marks it and the arrows move from there."""
        legs = [r.id for r in self._cat.regions.values() if r.leg]
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_focus_visible(True)
        if legs:
            self._set_focus_item(legs[0])

    def sizeHint(self) -> QSize:
        # Modest, so a page asks no more than a laptop screen has; the map grows into
        # whatever room the page gives it (Expanding).
        return QSize(400, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 260)

    # ------------------------------------------------------------------ layout and paint

    def _scale(self) -> float:
        return self._painter.layout.scale()

    def _to_widget(self, view: str, point: tuple[float, float]) -> QPointF:
        return self._painter.layout.to_widget(view, point)

    def _update_items(self, items: Iterable[str], labels: Iterable[str] = ()) -> None:
        self._painter.update_items(items, labels)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painter.paint(event)

    def resizeEvent(self, event) -> None:
        self._painter.invalidate()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._painter.invalidate(static=True)
            self.update()
        super().changeEvent(event)

    # ------------------------------------------------------------------ descriptions

    def describe(self, item_id: str) -> str:
        """One line for a region or tender point: name and state, as read aloud."""
        return body_map_access.describe(self._state, item_id)

    def tooltip_text(self, item_id: str) -> str:
        """Tooltip for a region (name, WPI area, intensity) or a tender point."""
        return body_map_access.tooltip_text(self._state, item_id)

    def item_state_text(self, item_id: str) -> str:
        """A region's or tender point's state, as a screen reader reads it."""
        return body_map_access.state_text(self._state, item_id)

    def next_click_text(self) -> str:
        """What a click on an unmarked region records, in words ("" when not told)."""
        return body_map_access.next_click_text(self._state)

    def _update_accessible_description(self) -> None:
        if self._state.focus is None:
            desc = "Front and back of the body. Use Tab or the arrow keys to move, Space to mark."
            if self._state.next_intensity is not None:
                desc += " " + self.next_click_text()
        else:
            desc = self.describe(self._state.focus)
        if desc != self.accessibleDescription():
            self.setAccessibleDescription(desc)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
                )

    # ------------------------------------------------------------------ keyboard

    def focus_order(self) -> list[str]:
        """Keyboard order: leg tender points, leg regions top-down, then the upper body."""
        cat = self._cat
        tps = list(cat.tender_points.values()) if self._state.show_tender_points else []
        order = [t.id for t in tps if t.leg]
        order += [r.id for r in cat.regions.values() if r.leg]
        upper = [r for r in cat.regions.values() if not r.leg]
        upper.sort(key=lambda r: self._views[r.view].label_points[r.id][1])
        order += [r.id for r in upper]
        order += [t.id for t in tps if not t.leg]
        return order

    def _item_center(self, item_id: str) -> QPointF:
        if item_id in self._cat.tender_points:
            tp = self._cat.tender_points[item_id]
            return self._painter.layout.tender_centres(tp.view)[item_id]
        region = self._cat.region(item_id)
        return self._painter.layout.label_point(region.view, item_id)

    def _set_focus_item(self, item_id: str | None) -> None:
        if item_id != self._state.focus:
            old, self._state.focus = self._state.focus, item_id
            self._update_accessible_description()
            self._update_items(i for i in (old, item_id) if i)
            body_map_access.announce_focus(self, item_id)

    def _set_focus_visible(self, visible: bool) -> None:
        """Whether the focus cursor is drawn (keyboard use) or not (mouse use)."""
        if visible != self._state.focus_drawn:
            self._state.focus_drawn = visible
            if self._state.focus is not None:
                self._update_items([self._state.focus])

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves through the items; past the last one it leaves the widget."""
        order = self.focus_order()
        if self._state.focus in order:
            j = order.index(self._state.focus) + (1 if next else -1)
        else:
            j = 0 if next else len(order) - 1
        if 0 <= j < len(order):
            self._set_focus_visible(True)
            self._set_focus_item(order[j])
            return True
        self._set_focus_item(None)
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        order = self.focus_order()
        if event.reason() == Qt.FocusReason.TabFocusReason and order:
            self._set_focus_visible(True)
            self._set_focus_item(order[0])
        elif event.reason() == Qt.FocusReason.BacktabFocusReason and order:
            self._set_focus_visible(True)
            self._set_focus_item(order[-1])
        elif event.reason() not in (
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self._set_focus_visible(True)
            if self._state.focus is None and order:
                self._set_focus_item(self._state.selected or order[0])
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _move_focus_spatially(self, dx: int, dy: int) -> None:
        order = self.focus_order()
        if not order:
            return
        if self._state.focus not in order:
            self._set_focus_item(
                self._state.selected if self._state.selected in order else order[0]
            )
            return
        here = self._item_center(self._state.focus)
        best: tuple[float, str] | None = None
        for item in order:
            if item == self._state.focus:
                continue
            c = self._item_center(item)
            vx, vy = c.x() - here.x(), c.y() - here.y()
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 1.0 or across > 2.5 * along + 10:
                continue
            score = along + 2.0 * across
            if best is None or score < best[0]:
                best = (score, item)
        if best is not None:
            self._set_focus_item(best[1])

    def _activate(self, item_id: str) -> None:
        if item_id in self._cat.tender_points:
            self.tenderPointClicked.emit(item_id)
        else:
            self.set_selected(item_id)
            self.regionClicked.emit(item_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        sel = self._state.selected
        if key in arrows:
            self._set_focus_visible(True)
            self._move_focus_spatially(*arrows[key])
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.focus_order():
            self._set_focus_visible(True)
            order = self.focus_order()
            self._set_focus_item(order[0] if key == Qt.Key.Key_Home else order[-1])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select):
            if self._state.focus is None:
                event.ignore()
                return
            self._set_focus_visible(True)
            self._activate(self._state.focus)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and sel:
            self.intensityKeyPressed.emit(sel, int(key) - int(Qt.Key.Key_0))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and sel:
            self.intensityStepped.emit(sel, 1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) and sel:
            self.intensityStepped.emit(sel, -1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and sel:
            self.deletePressed.emit(sel)
        elif key == Qt.Key.Key_Escape and sel:
            self.set_selected(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.region_at(event.position()) or ""
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed is None:
            super().mouseReleaseEvent(event)
            return
        item = self.region_at(event.position()) or ""
        pressed, self._pressed = self._pressed, None
        if item != pressed:
            return
        self._set_focus_visible(False)
        if item:
            self._set_focus_item(item)
            self._activate(item)
        else:
            self.set_selected(None)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self.region_at(event.position())
        if item != self._state.hover:
            old, self._state.hover = self._state.hover, item
            if item is None:
                self.unsetCursor()
            else:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            self._update_items(i for i in (old, item) if i)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._state.hover is not None:
            old, self._state.hover = self._state.hover, None
            self.unsetCursor()
            self._update_items([old])
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            item = self.region_at(QPointF(event.pos()))
            if item is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(item), self)
            return True
        return super().event(event)
