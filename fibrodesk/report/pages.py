"""Lay the report's document out on pages and paint them with QPainter.

The layout is done once, in points (1/72 inch), with font metrics taken at 1200 dpi, so
that the PDF, the print-out and the window's preview break pages at the same places.
Painting converts points to the device's pixels (``dpi / 72``) and gives fonts in points,
so the same code draws on a QPdfWriter, a QPrinter or a QImage. Colours are fixed (black
text on white paper), never the window's palette: the report is white in the dark theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPainter

from fibrodesk.report import figures
from fibrodesk.report.canvas import (
    GREY,
    INK,
    METRICS,
    RULE,
    SHADE,
    Canvas,
)
from fibrodesk.report.document import (
    Block,
    Bullets,
    Chart,
    Document,
    Facts,
    Heading,
    LegMaps,
    PageBreak,
    Para,
    Table,
)

MARGIN = 42.0  # points, each side
FOOTER = 26.0  # room at the bottom for the page number
Painter = Callable[[Canvas, float, float], None]


@dataclass(slots=True)
class Item:
    """A piece of a page: its height in points and how to paint it at (x, y)."""

    height: float
    paint: Painter
    keep_with_next: bool = False
    page_break: bool = False
    repeat: Item | None = None  # a table header to repeat after a page break


def _lines_item(
    lines: list[str],
    kind: str,
    bold: bool,
    indent: float,
    before: float,
    after: float,
    color: QColor = INK,
    prefix: str = "",
) -> Item:
    step = METRICS.line(kind, bold)

    def paint(c: Canvas, x: float, y: float) -> None:
        if prefix:
            c.text(
                x + indent - METRICS.width(prefix + " ", kind, bold),
                y + before,
                prefix,
                kind,
                bold,
                color,
            )
        for i, line in enumerate(lines):
            c.text(x + indent, y + before + i * step, line, kind, bold, color)

    return Item(before + step * len(lines) + after, paint)


class Layout:
    """The document broken into pages of a given size (points)."""

    def __init__(self, doc: Document, page_width: float, page_height: float) -> None:
        self.doc = doc
        self.width = page_width
        self.height = page_height
        self.text_width = page_width - 2 * MARGIN
        self.pages: list[list[tuple[Item, float]]] = []
        self._paginate([item for block in doc.blocks for item in self._items(block)])

    # ---------------------------------------------------------------- items

    def _items(self, block: Block) -> list[Item]:
        w = self.text_width
        if isinstance(block, PageBreak):
            return [Item(0, lambda c, x, y: None, page_break=True)]
        if isinstance(block, Heading):
            kind = {1: "title", 2: "h2", 3: "h3"}[block.level]
            before = {1: 0.0, 2: 9.0, 3: 5.0}[block.level]
            item = _lines_item(METRICS.wrap(block.text, kind, w), kind, True, 0, before, 3.0)
            if block.level == 2:
                inner = item.paint

                def ruled(
                    c: Canvas, x: float, y: float, inner: Painter = inner, h: float = item.height
                ) -> None:
                    inner(c, x, y)
                    c.hline(x, x + w, y + h - 1.5, RULE, 0.6)

                item = Item(item.height + 1.5, ruled)
            item.keep_with_next = True
            return [item]
        if isinstance(block, Para):
            kind = "small" if block.style == "small" else "body"
            bold = block.style == "strong"
            color = GREY if block.style == "small" else INK
            return [
                _lines_item(METRICS.wrap(block.text, kind, w, bold), kind, bold, 0, 1.0, 2.0, color)
            ]
        if isinstance(block, Facts):
            return [self._fact(label, value) for label, value in block.rows]
        if isinstance(block, Bullets):
            items = []
            for n, text in enumerate(block.items, start=1):
                mark = f"{n}." if block.numbered else "•"
                items.append(
                    _lines_item(
                        METRICS.wrap(text, "body", w - 14), "body", False, 14, 0.5, 1.0, INK, mark
                    )
                )
            return items
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, LegMaps):
            return [
                Item(
                    figures.MAPS_HEIGHT + 4,
                    lambda c, x, y: figures.paint_leg_maps(c, x, y, w, block),
                )
            ]
        if isinstance(block, Chart):
            return [
                Item(
                    figures.CHART_HEIGHT + 6, lambda c, x, y: figures.paint_chart(c, x, y, w, block)
                )
            ]
        raise TypeError(f"unknown block {block!r}")

    def _fact(self, label: str, value: str) -> Item:
        label_w = 96.0
        lines = METRICS.wrap(value, "body", self.text_width - label_w)
        step = METRICS.line("body")

        def paint(c: Canvas, x: float, y: float) -> None:
            c.text(x, y, label, "body", True)
            for i, line in enumerate(lines):
                c.text(x + label_w, y + i * step, line, "body")

        return Item(step * len(lines) + 1.0, paint)

    def _table(self, t: Table) -> list[Item]:
        total = sum(t.widths)
        pad = 3.0
        cols = [self.text_width * wgt / total for wgt in t.widths]
        kind = t.size
        step = METRICS.line(kind)

        def row_item(cells: tuple[str, ...], bold: bool, shade: bool) -> Item:
            wrapped = [
                METRICS.wrap(cell, kind, cw - 2 * pad, bold)
                for cell, cw in zip(cells, cols, strict=True)
            ]
            h = max(len(lines) for lines in wrapped) * step + 2 * pad

            def paint(c: Canvas, x: float, y: float) -> None:
                if shade:
                    c.fill(x, y, self.text_width, h, SHADE)
                cx = x
                for lines, cw in zip(wrapped, cols, strict=True):
                    for i, line in enumerate(lines):
                        c.text(cx + pad, y + pad + i * step, line, kind, bold)
                    cx += cw
                c.hline(x, x + self.text_width, y + h, RULE, 0.4)

            return Item(h, paint)

        header = row_item(t.header, True, True)
        header.keep_with_next = True
        rows = [row_item(r, False, False) for r in t.rows]
        for r in rows:
            r.repeat = header
        return [header, *rows, Item(4.0, lambda c, x, y: None)]

    # ---------------------------------------------------------------- pages

    def _paginate(self, items: list[Item]) -> None:
        top, bottom = MARGIN, self.height - MARGIN - FOOTER
        page: list[tuple[Item, float]] = []
        y = top
        i = 0
        while i < len(items):
            item = items[i]
            if item.page_break:
                if page:
                    self.pages.append(page)
                page, y = [], top
                i += 1
                continue
            need = item.height
            j = i
            while items[j].keep_with_next and j + 1 < len(items) and not items[j + 1].page_break:
                j += 1
                need += items[j].height
                if need > bottom - top:
                    break
            if y + need > bottom and page:
                self.pages.append(page)
                page, y = [], top
                if item.repeat is not None:
                    page.append((item.repeat, y))
                    y += item.repeat.height
            page.append((item, y))
            y += item.height
            i += 1
        if page:
            self.pages.append(page)
        if not self.pages:
            self.pages.append([])

    def paint_page(self, painter: QPainter, dpi: float, index: int) -> None:
        """Paint page ``index`` (from 0) on a device of ``dpi``, whose origin is the
        paper's top-left corner."""
        c = Canvas(painter, dpi)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        c.fill(0, 0, self.width, self.height, QColor(255, 255, 255))
        for item, y in self.pages[index]:
            item.paint(c, MARGIN, y)
        foot_y = self.height - MARGIN - FOOTER + 10
        c.hline(MARGIN, self.width - MARGIN, foot_y, RULE, 0.5)
        c.text(MARGIN, foot_y + 4, self.doc.footer, "small", False, GREY)
        number = f"Page {index + 1} of {len(self.pages)}"
        c.text(
            self.width - MARGIN - METRICS.width(number, "small"),
            foot_y + 4,
            number,
            "small",
            False,
            GREY,
        )
