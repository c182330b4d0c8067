"""Drawing a report page in points: fonts by kind, their measures, and a QPainter that
takes points. Shared by the page layout (:mod:`fibrodesk.report.pages`) and the figures it
places (:mod:`fibrodesk.report.figures`), so that neither imports the other back."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

REFERENCE_DPI = 1200
INK = QColor(0, 0, 0)
GREY = QColor(90, 90, 90)
RULE = QColor(150, 150, 150)
SHADE = QColor(236, 236, 236)

SIZES = {
    "title": 17.0,
    "h2": 11.5,
    "h3": 10.0,
    "body": 9.0,
    "small": 8.0,
    "table": 8.5,
    "tiny": 6.5,
}


def font(kind: str, bold: bool = False) -> QFont:
    """The font of ``kind``, in the application font's family (a copy: change it freely)."""
    return QFont(_font(QGuiApplication.font().family(), kind, bold))


@cache
def _font(family: str, kind: str, bold: bool) -> QFont:
    f = QFont(family)
    f.setPointSizeF(SIZES[kind])
    f.setBold(bold or kind in ("title", "h2", "h3"))
    f.setKerning(True)
    # No ligatures: "ff" stays two letters when the PDF's text is searched or read aloud.
    for tag in ("liga", "clig", "dlig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


@cache
def _reference() -> QImage:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    dots = round(REFERENCE_DPI / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


class Metrics:
    """Font measures in points, from the 1200-dpi reference."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bool], QFontMetricsF] = {}
        self.scale = 72.0 / REFERENCE_DPI

    def fm(self, kind: str, bold: bool = False) -> QFontMetricsF:
        key = (kind, bold)
        if key not in self._cache:
            self._cache[key] = QFontMetricsF(font(kind, bold), _reference())
        return self._cache[key]

    def width(self, text: str, kind: str, bold: bool = False) -> float:
        return self.fm(kind, bold).horizontalAdvance(text) * self.scale

    def line(self, kind: str, bold: bool = False) -> float:
        return self.fm(kind, bold).lineSpacing() * self.scale

    def ascent(self, kind: str, bold: bool = False) -> float:
        return self.fm(kind, bold).ascent() * self.scale

    def wrap(self, text: str, kind: str, width: float, bold: bool = False) -> list[str]:
        """Greedy word wrap; a word longer than the line is cut where it must be."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            if "" not in words:
                found = self._fit(words, kind, width, bold)
                if found is not None:
                    lines += found
                    continue
            current = ""
            for word in paragraph.split(" "):
                trial = f"{current} {word}" if current else word
                if self.width(trial, kind, bold) <= width:
                    current = trial
                    continue
                if current:
                    lines.append(current)
                while self.width(word, kind, bold) > width and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and self.width(word[:cut], kind, bold) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                current = word
            lines.append(current)
        return lines

    def _fit(self, words: list[str], kind: str, width: float, bold: bool) -> list[str] | None:
        """The lines :meth:`wrap` makes of ``words`` (single spaces between them), each
        line's end found by bisection: a start of a line is never wider than the whole
        line, so the longest start that fits is where adding word by word stops. None when
        a word alone is wider than the line (:meth:`wrap` cuts it)."""
        lines: list[str] = []
        k, n = 0, len(words)
        while k < n:
            if self.width(" ".join(words[k:]), kind, bold) <= width:
                lines.append(" ".join(words[k:]))
                break
            fits, too_long = k, n  # words[k:fits] fit (none yet), words[k:too_long] not
            while too_long - fits > 1:
                mid = (fits + too_long) // 2
                if self.width(" ".join(words[k:mid]), kind, bold) <= width:
                    fits = mid
                else:
                    too_long = mid
            if fits == k:  # the first word alone does not fit
                return None
            lines.append(" ".join(words[k:fits]))
            k = fits
        return lines


class Canvas:
    """A QPainter that takes points and fonts by kind."""

    def __init__(self, painter: QPainter, dpi: float) -> None:
        self.p = painter
        self.u = dpi / 72.0

    def text(
        self, x: float, y: float, text: str, kind: str, bold: bool = False, color: QColor = INK
    ) -> None:
        """Draw ``text`` with its top-left at (x, y) points."""
        self.p.setFont(font(kind, bold))
        self.p.setPen(color)
        ascent = METRICS.ascent(kind, bold)
        self.p.drawText(QPointF(x * self.u, (y + ascent) * self.u), text)

    def hline(
        self, x0: float, x1: float, y: float, color: QColor = RULE, width: float = 0.5
    ) -> None:
        self.p.setPen(QPen(color, width * self.u))
        self.p.drawLine(QPointF(x0 * self.u, y * self.u), QPointF(x1 * self.u, y * self.u))

    def fill(self, x: float, y: float, w: float, h: float, color: QColor) -> None:
        self.p.fillRect(QRectF(x * self.u, y * self.u, w * self.u, h * self.u), color)

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.u, y * self.u, w * self.u, h * self.u)


METRICS = Metrics()
