"""How single items of the body map are drawn: a tender point, a number, a focus outline,
the "next click" line. Plain functions of a QPainter, used by
:mod:`fibrodesk.ui.body_painter`."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from fibrodesk.ui import colors as ui_colors
from fibrodesk.ui.body_layout import Label

#: Fill of a tender point found tender: deep violet, apart from the YlOrRd fills.
TENDER_FILL = QColor("#4b2991")


def draw_tender_point(
    p: QPainter,
    c: QPointF,
    r: float,
    *,
    tender: bool,
    hover: bool,
    focus: bool,
    text: QColor,
    window: QColor,
    highlight: QColor,
) -> None:
    """A white disc with a dark ring when not tender; a violet disc with a bold white
    tick when tender.

    Shape, not colour alone, carries the state (colour-blind safe), and the tick reads at a
    glance, where a small dark dot did not.
    """
    ring = max(1.5, r * 0.16)
    if tender:
        p.setPen(QPen(text, ring))
        p.setBrush(TENDER_FILL)
        p.drawEllipse(c, r, r)
        tick = QPainterPath(QPointF(c.x() - 0.48 * r, c.y() + 0.02 * r))
        tick.lineTo(QPointF(c.x() - 0.14 * r, c.y() + 0.38 * r))
        tick.lineTo(QPointF(c.x() + 0.5 * r, c.y() - 0.36 * r))
        pen = QPen(QColor(255, 255, 255), max(2.0, r * 0.24))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(tick)
    else:
        p.setPen(QPen(QColor(20, 20, 24), ring))
        p.setBrush(QColor(255, 255, 255))
        p.drawEllipse(c, r, r)
    if hover:
        p.setPen(QPen(ui_colors.mix(highlight, text, 0.15), 2.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(c, r + 2.5, r + 2.5)
    if focus:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(window, 4.0))
        p.drawEllipse(c, r + 4, r + 4)
        p.setPen(QPen(text, 2.0, Qt.PenStyle.DashLine))
        p.drawEllipse(c, r + 4, r + 4)


def draw_label(p: QPainter, placed: Label, label: str, fill: QColor) -> None:
    """The number centred on its point, with a halo of the fill colour so that it stays
    readable where it runs over the edge of a small region."""
    p.fillPath(placed.halo, fill)
    p.setFont(placed.font)
    p.setPen(ui_colors.readable_text_color(fill))
    p.drawText(placed.baseline, label)


def draw_focus_path(p: QPainter, path: QPainterPath, text: QColor, window: QColor) -> None:
    """The keyboard cursor around a region: a dashed line on a band of the window colour."""
    under = QPen(window, 4.0)
    under.setCosmetic(True)
    p.setPen(under)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    pen = QPen(text, 2.0, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    p.setPen(pen)
    p.drawPath(path)


def next_click_words(value: int) -> str:
    return f"A click marks intensity {value}"


def draw_next_click(p: QPainter, rect: QRectF, value: int, font: QFont, text: QColor) -> None:
    """Under the figures: a swatch of the next click's intensity, and the words."""
    words = next_click_words(value)
    fm = QFontMetricsF(font)
    side = fm.height() * 1.1
    width = side + fm.height() * 0.4 + fm.horizontalAdvance(words)
    x = max(rect.left(), rect.center().x() - width / 2)
    swatch = QRectF(x, rect.center().y() - side / 2, side, side)
    fill = ui_colors.intensity_color(value)
    p.setPen(QPen(text, 1.0))
    p.setBrush(fill)
    p.drawRoundedRect(swatch, 3, 3)
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(ui_colors.readable_text_color(fill))
    p.drawText(swatch, Qt.AlignmentFlag.AlignCenter, str(value))
    p.setFont(font)
    p.setPen(text)
    p.drawText(
        QRectF(swatch.right() + fm.height() * 0.4, rect.top(), rect.right(), rect.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        words,
    )
