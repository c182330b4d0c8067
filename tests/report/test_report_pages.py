"""The report is laid out a page at a time (issue 16 point 3): the layout keeps where
each page starts and ends, the pieces of a page exist only while it is painted, and the
pages break where laying everything out at once broke them."""

from __future__ import annotations

import gc
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QPageSize

from fibrodesk.report.document import Document, Facts, Heading, PageBreak, Para, Table
from fibrodesk.report.pages import FOOTER, MARGIN, Item, PageSpan
from fibrodesk.report.writer import layout_for, write_pdf

WORDS = "Calf cramps at night after a long walk, better after stretching in the morning."


def _document() -> Document:
    """Six pages: paragraphs, facts, a page break, and a table running over
    several pages (its header repeated on each)."""
    rows = tuple((f"{n} March", f"{n % 19} of 18", f"{WORDS} ({n})") for n in range(1, 181))
    return Document(
        "Clinician report",
        "Ada, 1 March to 31 March",
        (
            Heading("Clinician report", 1),
            *(Para(f"{WORDS} Paragraph {n}.") for n in range(40)),
            Facts((("Period", "1 March to 31 March"), ("Made", "1 April"))),
            PageBreak(),
            Heading("Tender-point exams", 3),
            Table(("Date", "Painful", "Note"), rows, (1.3, 1, 5.7)),
            Para("The end."),
        ),
    )


def _live_items() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Item))


def test_no_page_is_held_laid_out(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    layout = layout_for(_document(), QPageSize(QPageSize.PageSizeId.A4))
    assert len(layout.pages) >= 5
    assert all(isinstance(page, PageSpan) for page in layout.pages)
    assert _live_items() == 0  # laid out: only the spans are kept
    between: list[int] = []

    def progress(done: int, total: int) -> bool:
        between.append(_live_items())  # before each page is painted, and after the last
        return True

    out = tmp_path / "r.pdf"
    assert write_pdf(layout, out, progress=progress) == len(layout.pages)
    assert between == [0] * (len(layout.pages) + 1)  # page k's pieces gone before k + 1
    text = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert len(text) == len(layout.pages)
    # The page break and the repeated header: the table starts a page, and each page it
    # runs on to starts with its header again.
    table_pages = [t for t in text if "(1)" in t or "Painful" in t]
    assert table_pages[0].startswith("Tender-point exams Date Painful Note 1 March")
    assert all(t.startswith("Date Painful Note") for t in table_pages[1:])
    rows = [n for t in text for n in range(1, 181) if f"{WORDS} ({n})" in t]
    assert rows == list(range(1, 181))  # every row once, in order
    assert text[-1].count("The end.") == 1


def test_spans_are_the_pages_of_laying_out_everything(qapp) -> None:  # type: ignore[no-untyped-def]
    """Each page span, made again item by item, fits the page: the items follow on
    without gap or overlap and end above the footer, and the next page starts with the
    item that did not fit."""
    layout = layout_for(_document(), QPageSize(QPageSize.PageSizeId.A4))
    bottom = layout.height - MARGIN - FOOTER
    previous_stop = 0
    for page in layout.pages:
        assert page.first >= previous_stop
        numbers = list(range(page.first, page.stop))
        if page.header is not None:
            numbers.insert(0, page.header)
        heights = [layout.item(n).height for n in numbers]
        assert MARGIN + sum(heights) <= bottom
        if page is not layout.pages[-1]:
            following = layout.item(page.stop)
            if not (following.page_break or following.keep_with_next):
                assert MARGIN + sum(heights) + following.height > bottom
        previous_stop = page.stop


def _word_by_word(text: str, kind: str, width: float) -> list[str]:
    """Greedy word wrap, a word at a time: what each line must hold."""
    from fibrodesk.report.canvas import METRICS

    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            trial = f"{current} {word}" if current else word
            if METRICS.width(trial, kind) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while METRICS.width(word, kind) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and METRICS.width(word[:cut], kind) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def test_lines_break_where_adding_word_by_word_breaks_them(qapp) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.report.canvas import METRICS

    texts = [
        WORDS,
        WORDS * 4,
        "",
        "one",
        "  two leading spaces and  a double one ",
        "Pneumonoultramicroscopicsilicovolcanoconiosis in the left calf, twice",
        f"{WORDS}\n\n{WORDS}",
        "Held: a session was cut short for pain on Wednesday 11 March.",
    ]
    for text in texts:
        for kind in ("body", "table", "small"):
            for width in (40.0, 95.5, 160.0, 511.0):
                assert METRICS.wrap(text, kind, width) == _word_by_word(text, kind, width)
    exact = METRICS.width("Calf cramps at night", "body")  # a line exactly as wide fits
    assert METRICS.wrap("Calf cramps at night", "body", exact) == ["Calf cramps at night"]
    assert METRICS.wrap("Calf cramps at night after", "body", exact)[0] == "Calf cramps at night"
