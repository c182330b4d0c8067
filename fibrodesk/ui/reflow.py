"""Parts that stand side by side when the window has room and one above the other when it
has not (a large system font, a small laptop screen).

A page sits in a scroll area that lets it grow down, never sideways; so a splitter's
orientation cannot follow the page's own width (the page is never narrower than its
minimum). :class:`SplitterReflow` watches the width the scroll area shows and turns the
splitter to vertical when its parts' minimum widths, side by side, do not fit there.
It also keeps each part at least as tall as its wrapped lines need at its width: a
splitter, unlike a layout, does not ask its parts' height for width, and would cut them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QFrame,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

#: Kept off a screen's available height for a panel the platform does not report (px).
PANEL = 40


def within_screen(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or less: what fits on the screen ``widget`` opens on, with
    room for a title bar and a panel. A dialog's first size; its content scrolls."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    title = widget.fontMetrics().height() * 2
    return QSize(min(width, area.width() - 20), min(height, area.height() - title - PANEL))


def scrolling_down(widget: QWidget) -> QScrollArea:
    """``widget`` in a column that scrolls down, never sideways, and is never narrower than
    ``widget`` needs (a larger font widens it; the page then stacks its columns)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(widget.minimumSizeHint().width() + bar + 2)
    return area


def scrolling_dialog(dialog: QDialog, body: QWidget, buttons: QWidget) -> QScrollArea:
    """Lay ``dialog`` out as ``body`` above ``buttons``: at a large font on a small screen
    the body scrolls down and the buttons stay in view below it. The dialog opens at the
    size it asks for, or at what fits the screen. Returns the scroll area."""
    body_layout = body.layout()
    if body_layout is not None:
        body_layout.setContentsMargins(0, 0, 0, 0)
    area = scrolling_down(body)
    outer = QVBoxLayout(dialog)
    outer.addWidget(area, 1)
    outer.addWidget(buttons)
    want = body.sizeHint()
    height = want.height() + buttons.sizeHint().height() + 3 * outer.spacing() + 24
    width = max(area.minimumWidth(), want.width()) + 24
    dialog.resize(within_screen(dialog, width, height))
    return area


def visible_width(widget: QWidget) -> int:
    """The width a person sees of ``widget``'s column: its nearest scroll area's viewport
    (the scroll area's own width when the page is wider), else the widget's width."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent.viewport().width()
        parent = parent.parentWidget()
    return widget.width()


class SplitterReflow(QObject):
    """Keeps ``splitter`` horizontal while its parts fit side by side in the visible width
    of ``page``, vertical otherwise. ``margin`` is what the page takes around the splitter."""

    def __init__(
        self,
        splitter: QSplitter,
        page: QWidget,
        margin: int = 24,
        turned: Callable[[Qt.Orientation], None] | None = None,
        wrapped_heights: bool = True,
    ) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.page = page
        self.margin = margin
        self.turned = turned  # told the new orientation, to give parts room for it
        self.wrapped_heights = wrapped_heights  # parts at least as tall as their lines
        self._watched: QWidget | None = None
        self._busy = False
        page.installEventFilter(self)
        for i in range(splitter.count()):
            splitter.widget(i).installEventFilter(self)

    def side_by_side_width(self) -> int:
        """The narrowest width the parts need side by side."""
        s = self.splitter
        parts = [s.widget(i) for i in range(s.count())]
        shown = [w for w in parts if not w.isHidden()]
        widths = [max(w.minimumSizeHint().width(), w.minimumWidth()) for w in shown]
        return sum(widths) + s.handleWidth() * max(0, len(shown) - 1)

    def update(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            room = visible_width(self.page) - self.margin
            wanted = (
                Qt.Orientation.Horizontal
                if room >= self.side_by_side_width()
                else Qt.Orientation.Vertical
            )
            if self.splitter.orientation() != wanted:
                self.splitter.setOrientation(wanted)
                if self.turned is not None:
                    self.turned(wanted)
            for i in range(self.splitter.count() if self.wrapped_heights else 0):
                part = self.splitter.widget(i)
                if not part.isVisible() or part.testAttribute(
                    Qt.WidgetAttribute.WA_PendingResizeEvent
                ):
                    continue  # its width is not laid out yet
                if part.hasHeightForWidth() and part.width() > 0:
                    need = part.heightForWidth(part.width())
                    if need > 0 and need != part.minimumHeight():
                        part.setMinimumHeight(need)
        finally:
            self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if watched is self.page and kind in (QEvent.Type.Show, QEvent.Type.ParentChange):
            self._watch_viewport()
            # Once the page is laid out (asked now, its parts' sizes are not settled yet).
            QTimer.singleShot(0, self, self.update)
        elif kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.update()
        return False

    def _watch_viewport(self) -> None:
        parent = self.page.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        viewport = parent.viewport() if parent is not None else self.page
        if viewport is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            viewport.installEventFilter(self)
            self._watched = viewport


class GrowToContent(QObject):
    """While on, ``area`` (made by :func:`scrolling_down`) is as tall as its content and has
    no scrollbar of its own; off, it scrolls by itself again.

    When a page stacks its columns (a large font, a small screen) the page is one long
    column that scrolls. A box in it that scrolled as well would take the mouse wheel
    whenever the pointer passed over it, and hide its last rows behind a second, small
    scrollbar. A person expects one column with one scrollbar: the box shows all its rows
    and the wheel over it scrolls the page."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.on = False
        self._content: QWidget | None = None
        area.viewport().installEventFilter(self)

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self.area.setVerticalScrollBarPolicy(policy)
        self.update()

    def needed_height(self) -> int:
        """The content's height at the width the area shows it, and the area's frame."""
        content = self.area.widget()
        if content is None:
            return 0
        if content is not self._content:  # built later (a tab's panel on first show)
            content.installEventFilter(self)
            self._content = content
        width = self.area.viewport().width()
        if content.hasHeightForWidth() and width > 0:
            # Wrapped lines at the width shown (a size hint guesses a narrow width, and
            # would leave a band of empty space below the lines).
            need = content.heightForWidth(width)
        else:
            need = content.sizeHint().height()
        return max(need, content.minimumSizeHint().height()) + 2 * self.area.frameWidth()

    def update(self) -> None:
        need = self.needed_height() if self.on else 0
        if need != self.area.minimumHeight():
            self.area.setMinimumHeight(need)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self.on and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self.update()
        return False
