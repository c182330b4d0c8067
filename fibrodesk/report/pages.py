"""Lay the report's document out on pages and paint them with QPainter.

The layout is done in points (1/72 inch), with font metrics taken at 1200 dpi, so
that the PDF, the print-out and the window's preview break pages at the same places.
It keeps only where each page starts and ends (a :class:`PageSpan`, three numbers): the
pieces of a page (:class:`Item`, with their wrapped lines) are made again when that page
is painted and dropped after it, so a thirty-year report is never held laid out whole.
Painting converts points to the device's pixels (``dpi / 72``) and gives fonts in points,
so the same code draws on a QPdfWriter, a QPrinter or a QImage. Colours are fixed (black
text on white paper), never the window's palette: the report is white in the dark theme.
"""

from __future__ import annotations

from bisect import bisect_right
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
    repeat: int | None = None  # a table header (its item number) to repeat after a break


@dataclass(frozen=True, slots=True)
class PageSpan:
    """One page: the items numbered ``first`` up to ``stop`` (not included), after the
    table header numbered ``header`` when a table runs on from the page before."""

    first: int
    stop: int
    header: int | None = None


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
    """The document broken into pages of a given size (points).

    ``pages`` holds a :class:`PageSpan` per page; the document's items are numbered in
    order (a block gives one item, or one per fact, bullet or table row) and made on
    demand by :meth:`item`."""

    def __init__(self, doc: Document, page_width: float, page_height: float) -> None:
        self.doc = doc
        self.width = page_width
        self.height = page_height
        self.text_width = page_width - 2 * MARGIN
        # The number of each block's first item (and, last, the number of items).
        self._firsts = [0]
        for block in doc.blocks:
            self._firsts.append(self._firsts[-1] + _count(block))
        self.pages: list[PageSpan] = []
        self._paginate()

    def item(self, number: int) -> Item:
        """Item ``number`` of the document, made now (its lines wrapped)."""
        b = bisect_right(self._firsts, number) - 1
        return self._item(self.doc.blocks[b], number - self._firsts[b], self._firsts[b])

    # ---------------------------------------------------------------- items

    def _item(self, block: Block, i: int, first: int) -> Item:
        """Item ``i`` of ``block``, whose first item is numbered ``first``."""
        w = self.text_width
        if isinstance(block, PageBreak):
            return Item(0, lambda c, x, y: None, page_break=True)
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
            return item
        if isinstance(block, Para):
            kind = "small" if block.style == "small" else "body"
            bold = block.style == "strong"
            color = GREY if block.style == "small" else INK
            return _lines_item(
                METRICS.wrap(block.text, kind, w, bold), kind, bold, 0, 1.0, 2.0, color
            )
        if isinstance(block, Facts):
            return self._fact(*block.rows[i])
        if isinstance(block, Bullets):
            mark = f"{i + 1}." if block.numbered else "•"
            return _lines_item(
                METRICS.wrap(block.items[i], "body", w - 14), "body", False, 14, 0.5, 1.0, INK, mark
            )
        if isinstance(block, Table):
            return self._table_item(block, i, first)
        if isinstance(block, LegMaps):
            return Item(
                figures.MAPS_HEIGHT + 4,
                lambda c, x, y: figures.paint_leg_maps(c, x, y, w, block),
            )
        if isinstance(block, Chart):
            return Item(
                figures.CHART_HEIGHT + 6, lambda c, x, y: figures.paint_chart(c, x, y, w, block)
            )
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

    def _table_item(self, t: Table, i: int, first: int) -> Item:
        """The header (``i`` 0), row ``i`` (from 1) or the space after the table."""
        if i == len(t.rows) + 1:
            return Item(4.0, lambda c, x, y: None)
        total = sum(t.widths)
        pad = 3.0
        cols = [self.text_width * wgt / total for wgt in t.widths]
        kind = t.size
        step = METRICS.line(kind)
        bold = i == 0
        cells = t.header if bold else t.rows[i - 1]
        wrapped = [
            METRICS.wrap(cell, kind, cw - 2 * pad, bold)
            for cell, cw in zip(cells, cols, strict=True)
        ]
        h = max(len(lines) for lines in wrapped) * step + 2 * pad

        def paint(c: Canvas, x: float, y: float) -> None:
            if bold:
                c.fill(x, y, self.text_width, h, SHADE)
            cx = x
            for lines, cw in zip(wrapped, cols, strict=True):
                for n, line in enumerate(lines):
                    c.text(cx + pad, y + pad + n * step, line, kind, bold)
                cx += cw
            c.hline(x, x + self.text_width, y + h, RULE, 0.4)

        if bold:
            return Item(h, paint, keep_with_next=True)
        return Item(h, paint, repeat=first)

    # ---------------------------------------------------------------- pages

    def _paginate(self) -> None:
        """Break the items into pages: an item goes to the next page when it does not fit,
        with the items it keeps with (a heading with what follows it); a table's header
        is repeated on the page its rows run on to. Only each page's span is kept."""
        top, bottom = MARGIN, self.height - MARGIN - FOOTER
        count = self._firsts[-1]
        made: dict[int, Item] = {}  # items made for the look-ahead, dropped once passed

        def at(number: int) -> Item:
            if number not in made:
                made[number] = self.item(number)
            return made[number]

        first, header, filled, y = 0, None, False, top
        i = 0
        while i < count:
            for passed in [n for n in made if n < i]:
                del made[passed]
            item = at(i)
            if item.page_break:
                if filled:
                    self.pages.append(PageSpan(first, i, header))
                first, header, filled, y = i + 1, None, False, top
                i += 1
                continue
            need = item.height
            j = i
            while at(j).keep_with_next and j + 1 < count and not at(j + 1).page_break:
                j += 1
                need += at(j).height
                if need > bottom - top:
                    break
            if y + need > bottom and filled:
                self.pages.append(PageSpan(first, i, header))
                first, header, filled, y = i, None, False, top
                if item.repeat is not None:
                    header, filled = item.repeat, True
                    y += self.item(item.repeat).height
            filled = True
            y += item.height
            i += 1
        if filled:
            self.pages.append(PageSpan(first, count, header))
        if not self.pages:
            self.pages.append(PageSpan(0, 0))

    def paint_page(self, painter: QPainter, dpi: float, index: int) -> None:
        """Paint page ``index`` (from 0) on a device of ``dpi``, whose origin is the
        paper's top-left corner."""
        c = Canvas(painter, dpi)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        c.fill(0, 0, self.width, self.height, QColor(255, 255, 255))
        span = self.pages[index]
        y = MARGIN
        numbers = range(span.first, span.stop)
        for number in numbers if span.header is None else (span.header, *numbers):
            item = self.item(number)
            item.paint(c, MARGIN, y)
            y += item.height
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


def _count(block: Block) -> int:
    """How many items ``block`` gives (without making them)."""
    if isinstance(block, Facts):
        return len(block.rows)
    if isinstance(block, Bullets):
        return len(block.items)
    if isinstance(block, Table):
        return len(block.rows) + 2  # the header, the rows, the space after
    return 1
