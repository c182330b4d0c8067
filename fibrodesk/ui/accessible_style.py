"""Fusion, with check-box, radio-button and text-field edges that can be seen (WCAG 1.4.11).

Fusion draws those edges from the window colour (a text field's too), which nearly vanish on a dark theme and
stay under 3:1 on a light one (see :mod:`fibrodesk.ui.theme`). This proxy lets Fusion
draw the indicator, then draws its edge again in :func:`fibrodesk.ui.colors.control_edge`
(or in the focus colour when the box has the keyboard focus), on the same geometry.
Imported only when the style is installed, after the first frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from fibrodesk.ui.colors import control_edge

_PE = QStyle.PrimitiveElement
_BOXES = (_PE.PE_IndicatorCheckBox, _PE.PE_IndicatorItemViewItemCheck)


class AccessibleStyle(QProxyStyle):
    """Fusion with readable check-box and radio-button edges."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def name(self) -> str:  # what QStyleFactory calls it: the style underneath
        return self.baseStyle().name()

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _BOXES:
            self._edge(option, painter, round_=False)
        elif element == _PE.PE_IndicatorRadioButton:
            self._edge(option, painter, round_=True)
        elif element == _PE.PE_FrameLineEdit and not (
            option.state & QStyle.StateFlag.State_HasFocus
        ):
            self._edge(option, painter, round_=False)

    @staticmethod
    def _edge(option: QStyleOption, painter: QPainter, *, round_: bool) -> None:
        state = option.state
        focused = bool(state & QStyle.StateFlag.State_HasFocus) and bool(
            state & QStyle.StateFlag.State_KeyboardFocusChange
        )
        palette = option.palette
        color = palette.highlight().color() if focused else control_edge(palette)
        if not state & QStyle.StateFlag.State_Enabled:
            color.setAlpha(140)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, 1.5 if focused else 1.2))
        rect = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()
