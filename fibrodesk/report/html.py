"""The accessible copy of the report: one HTML file from the same document as the PDF.

Screen readers get real structure: headings, lists, tables with header cells, and each
picture (the leg maps, every graph) as an image with alt text saying what it shows, with
the leg maps' numbers also in a table. Every text is escaped: a name or a note is shown
as written, never read as markup. The file is self-contained (images inline as PNG).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPainter

from fibrodesk.core.catalogue import catalogue
from fibrodesk.errors import SaveError
from fibrodesk.report import figures
from fibrodesk.report.document import (
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
from fibrodesk.report.pages import Canvas

IMAGE_DPI = 144.0
IMAGE_WIDTH = 511.0  # points: the text width of an A4 page

STYLE = """
body { font-family: sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em;
       color: #000; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #aaa; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dt { font-weight: bold; } dd { margin: 0; }
figure { margin: 1em 0; } img { max-width: 100%; height: auto; }
.small { color: #333; font-size: 0.9em; } .strong { font-weight: bold; }
"""


def _png(paint: Callable[[Canvas], None], height: float) -> str:
    """A picture painted by ``paint`` (in points, at the origin) as a base64 PNG."""
    scale = IMAGE_DPI / 72.0
    image = QImage(round(IMAGE_WIDTH * scale), round(height * scale), QImage.Format.Format_RGB32)
    dots = round(IMAGE_DPI / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    try:
        paint(Canvas(painter, IMAGE_DPI))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _img(data: str, alt: str) -> str:
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], caption: str = "") -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{escape(c)}</th>' if i == 0 else f"<td>{escape(c)}</td>")
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _maps(block: LegMaps) -> str:
    data = _png(
        lambda c: figures.paint_leg_maps(c, 0, 4, IMAGE_WIDTH, block), figures.MAPS_HEIGHT + 8
    )
    labels = catalogue().regions
    hurt = sorted(
        (r for r in block.now if block.now.get(r, 0) > 0 or block.before.get(r, 0) > 0),
        key=lambda r: (-block.now.get(r, 0), -block.before.get(r, 0), r),
    )
    rows = tuple(
        (labels[r].label, f"{block.now.get(r, 0):.0%}", f"{block.before.get(r, 0):.0%}")
        for r in hurt
    )
    table = _table(
        ("Leg region", block.now_title, block.before_title),
        rows,
        "Share of body-map days each leg region hurt",
    )
    return f"<figure>{_img(data, block.alt)}<figcaption>{escape(block.alt)}</figcaption></figure>{table}"


def _chart(block: Chart) -> str:
    data = _png(
        lambda c: figures.paint_chart(c, 0, 4, IMAGE_WIDTH, block), figures.CHART_HEIGHT + 8
    )
    return (
        f"<figure>{_img(data, block.alt)}<figcaption>{escape(block.title)}. "
        f"{escape(block.alt)}</figcaption></figure>"
    )


def document_html(doc: Document) -> str:
    """The document as one HTML page."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            css = "" if block.style == "body" else f' class="{block.style}"'
            parts.append(f"<p{css}>{escape(block.text)}</p>")
        elif isinstance(block, Facts):
            items = "".join(f"<dt>{escape(a)}</dt><dd>{escape(b)}</dd>" for a, b in block.rows)
            parts.append(f"<dl>{items}</dl>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            parts.append(_table(block.header, block.rows, block.caption))
        elif isinstance(block, LegMaps):
            parts.append(_maps(block))
        elif isinstance(block, Chart):
            parts.append(_chart(block))
        elif isinstance(block, PageBreak):
            parts.append("<hr>")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.footer)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f'<body>\n<main>\n{body}\n</main>\n<footer><p class="small">{escape(doc.footer)}'
        "</p></footer>\n</body>\n</html>\n"
    )


def write_html(doc: Document, out: Path) -> None:
    """Write the accessible copy; :class:`SaveError` when the file cannot be written."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        tmp.write_text(document_html(doc), encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise SaveError(
            f"{out} could not be written ({exc.strerror}); check the folder and the free space."
        ) from None
