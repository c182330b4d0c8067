"""The body map for screen readers: every region and tender point is an accessible child.

The map is one painted widget, so Qt alone shows a screen reader a single "Body map".
:func:`install` adds a factory (``QAccessible.installFactory``) that gives each
:class:`~fibrodesk.ui.body_map.BodyMap` a :class:`BodyMapAccessible`, a
``QAccessibleWidget`` whose children are Python ``QAccessibleInterface`` objects, one per
region and per shown tender point, as MuseScore and other painted Qt views do. Each child
has a name (the body part with the patient's side and its WPI area), a role (a button for
a region, a check box for a tender point), a state (focused, selected; tender points
checked when tender) and a value ("intensity 5", "no mark"). The widget calls
:func:`announce_focus` when its keyboard cursor moves and :func:`announce_change` when a
mark or tender point changes.

Qt's accessibility cache keeps every interface it has handed out (by unique id) until
the application ends, so the children are kept here for as long (``_kept``) and turn
invalid when their map is destroyed: Python never frees an interface Qt still holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from fibrodesk.core.catalogue import catalogue

if TYPE_CHECKING:
    from fibrodesk.ui.body_painter import MapState

_installed = False
#: Every child interface ever made, alive until the process ends (see above).
_kept: list[_ItemAccessible] = []
#: Every event this module sent (kind, child index), newest last; tests read it.
sent: list[tuple[QAccessible.Event, int]] = []


def item_name(item_id: str) -> str:
    """What a screen reader calls a region or tender point: part, patient's side, WPI area.

    "Inside of knee, left (patient's left); WPI area: Lower leg, left";
    "Knee, left (patient's left): tender point".
    """
    cat = catalogue()
    if item_id in cat.tender_points:
        tp = cat.tender_points[item_id]
        return f"{_with_side(tp.label, tp.side)}: tender point"
    region = cat.region(item_id)
    area = cat.wpi_areas.get(region.wpi_area) if region.wpi_area else None
    where = f"WPI area: {area.label}" if area else "no WPI area"
    return f"{_with_side(region.label, region.side)}; {where}"


def describe(state: MapState, item_id: str) -> str:
    """One line for a region or tender point: name and state, as read aloud."""
    cat = catalogue()
    if item_id in cat.tender_points:
        tp = cat.tender_points[item_id]
        return f"{tp.label}, tender point: {state_text(state, item_id)}"
    region = cat.region(item_id)
    if state.heat_colors is not None and state.heat_texts and item_id in state.heat_texts:
        return f"{region.label}: {state.heat_texts[item_id]}"
    if item_id in state.marks:
        return f"{region.label}: intensity {state.marks[item_id]}"
    return f"{region.label}: no mark"


def tooltip_text(state: MapState, item_id: str) -> str:
    """Tooltip for a region (name, WPI area, intensity) or a tender point."""
    cat = catalogue()
    if item_id in cat.tender_points:
        tp = cat.tender_points[item_id]
        word = state_text(state, item_id)
        return f"{tp.label} (tender point)\n{tp.site}\n{word.capitalize()}"
    region = cat.region(item_id)
    area = cat.wpi_areas.get(region.wpi_area) if region.wpi_area else None
    lines = [
        region.label,
        f"WPI area: {area.label}" if area else "no WPI area",
        f"Intensity {state.marks[item_id]}" if item_id in state.marks else "no mark",
    ]
    if state.heat_colors is not None and state.heat_texts and item_id in state.heat_texts:
        lines.append(state.heat_texts[item_id])
    return "\n".join(lines)


def state_text(state: MapState, item_id: str) -> str:
    """The state of a region ("intensity 5", "no mark", a heat-map text) or a tender
    point ("tender", "not tender"), as a screen reader reads it."""
    if item_id in catalogue().tender_points:
        return "tender" if item_id in state.painful else "not tender"
    heat = state.heat_texts
    if state.heat_colors is not None:
        return heat[item_id] if heat and item_id in heat else "no data"
    if item_id in state.marks:
        return f"marked, intensity {state.marks[item_id]}"
    return "no mark"


def next_click_text(state: MapState) -> str:
    """The line under the figures: what a click records ("" when not told)."""
    value = state.next_intensity
    if value is None:
        return ""
    return f"A click on an unmarked spot records intensity {value}; type 0-9 to change it."


def _with_side(label: str, side: str | None) -> str:
    return f"{label} (patient's {side})" if side else label


class _ItemAccessible(QAccessibleInterface):
    """One region or tender point of the map, as a screen reader sees it."""

    def __init__(self, owner: BodyMapAccessible, item_id: str) -> None:
        super().__init__()
        self._owner: BodyMapAccessible | None = owner
        self._body_map: QWidget | None = owner.body_map
        self.item_id = item_id
        self._tender = item_id in catalogue().tender_points

    def invalidate(self) -> None:
        """The map is gone: answer as an invalid interface from now on."""
        self._owner = None
        self._body_map = None

    def _map(self) -> QWidget:
        assert self._body_map is not None
        return self._body_map

    def isValid(self) -> bool:  # noqa: N802 (Qt override)
        return self._body_map is not None

    def object(self) -> QObject | None:
        return None

    def window(self) -> QWindow | None:
        return None if self._owner is None else self._owner.window()

    def parent(self) -> QAccessibleInterface | None:
        return self._owner

    def child(self, index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:  # noqa: N802 (Qt override)
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802
        return None

    def relations(self, match: object = None) -> list:
        return []

    def text(self, t: QAccessible.Text) -> str:
        if self._body_map is None:
            return ""
        if t == QAccessible.Text.Name:
            return item_name(self.item_id)
        if t in (QAccessible.Text.Value, QAccessible.Text.Description):
            return self._map().item_state_text(self.item_id)
        if t == QAccessible.Text.Help:
            if self._tender:
                return "Space or a click marks it tender or not tender."
            return "Space or a click marks it; then type 0 to 9, or + and -, for the intensity."
        return ""

    def setText(self, t: QAccessible.Text, text: str) -> None:  # noqa: N802
        pass

    def rect(self) -> QRect:
        if self._body_map is None:
            return QRect()
        local = self._map().item_rect(self.item_id)
        return QRect(self._map().mapToGlobal(local.topLeft()), local.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.CheckBox if self._tender else QAccessible.Role.Button

    def state(self) -> QAccessible.State:
        s = QAccessible.State()
        if self._body_map is None:
            s.invalid = True
            return s
        body_map = self._body_map
        s.focusable = True
        s.focused = body_map.hasFocus() and body_map.focus_item() == self.item_id
        if self._tender:
            s.checkable = True
            s.checked = self.item_id in body_map.tender_points()
            s.invisible = not body_map.show_tender_points()
        else:
            s.selectable = True
            s.selected = body_map.selected() == self.item_id
        return s


class BodyMapAccessible(QAccessibleWidget):
    """The body map with one accessible child per region and shown tender point."""

    def __init__(self, body_map: QWidget) -> None:
        super().__init__(body_map, QAccessible.Role.Pane)
        self.body_map = body_map
        self._children: dict[str, _ItemAccessible] = {}
        children = self._children
        body_map.destroyed.connect(lambda: [c.invalidate() for c in children.values()])

    def _order(self) -> list[str]:
        return self.body_map.focus_order()

    def _child_for(self, item_id: str) -> _ItemAccessible:
        child = self._children.get(item_id)
        if child is None:
            child = self._children[item_id] = _ItemAccessible(self, item_id)
            _kept.append(child)
        return child

    def childCount(self) -> int:  # noqa: N802 (Qt override)
        return len(self._order())

    def child(self, index: int) -> QAccessibleInterface | None:
        order = self._order()
        return self._child_for(order[index]) if 0 <= index < len(order) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        item_id = getattr(child, "item_id", None)
        order = self._order()
        return order.index(item_id) if item_id in order else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        item = self.body_map.region_at(self.body_map.mapFromGlobal(QPoint(x, y)))
        return self._child_for(item) if item else None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802
        item = self.body_map.focus_item()
        if self.body_map.hasFocus() and item in self._order():
            return self._child_for(item)
        return None

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return self.body_map.accessibleName()
        if t == QAccessible.Text.Description:
            return self.body_map.accessibleDescription()
        return super().text(t)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    # A class attribute, not isinstance: this module is imported by body_map.py.
    if getattr(type(obj), "accessible_items", False):
        return BodyMapAccessible(obj)
    return None


def install() -> None:
    """Install the factory once per process (before the first map is queried)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _send(widget: QWidget, kind: QAccessible.Event, index: int) -> None:
    sent.append((kind, index))
    del sent[:-50]
    if QAccessible.isActive():
        event = QAccessibleEvent(widget, kind)
        event.setChild(index)
        QAccessible.updateAccessibility(event)


def announce_focus(body_map: QWidget, item_id: str | None) -> None:
    """Tell screen readers that the keyboard cursor is now on ``item_id``."""
    order = body_map.focus_order()
    if item_id in order and body_map.hasFocus():
        _send(body_map, QAccessible.Event.Focus, order.index(item_id))


def announce_change(body_map: QWidget, item_ids: list[str]) -> None:
    """Tell screen readers that these items' state (mark, tender) changed."""
    order = body_map.focus_order()
    for item_id in item_ids:
        if item_id in order:
            _send(body_map, QAccessible.Event.StateChanged, order.index(item_id))
            _send(body_map, QAccessible.Event.DescriptionChanged, order.index(item_id))
