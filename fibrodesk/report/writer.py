"""Write the report as a PDF, print it, or render its pages as images, with Qt itself.

``QPdfWriter`` embeds the fonts it uses (as subsets) and keeps the text as text, so the
PDF can be searched and read aloud. The paper is A4, or US Letter where the system's
locale is in a country that uses it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from fibrodesk.errors import SaveError
from fibrodesk.progress import Cancelled, Progress, share
from fibrodesk.report.document import Document
from fibrodesk.report.pages import Layout

PDF_DPI = 1200
# Where US Letter is the usual paper (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset(
    {
        "UnitedStates",
        "Canada",
        "Mexico",
        "Chile",
        "Colombia",
        "CostaRica",
        "Guatemala",
        "Panama",
        "Philippines",
        "PuertoRico",
        "Venezuela",
        "DominicanRepublic",
        "ElSalvador",
        "Nicaragua",
        "Honduras",
        "Belize",
    }
)


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """A4, or Letter in the Americas' Letter countries, by the system locale."""
    locale = locale or QLocale.system()
    territory = locale.territory().name
    size = (
        QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES else QPageSize.PageSizeId.A4
    )
    return QPageSize(size)


def page_points(size: QPageSize) -> tuple[float, float]:
    rect = size.size(QPageSize.Unit.Point)
    return float(rect.width()), float(rect.height())


def layout_for(doc: Document, size: QPageSize | None = None) -> Layout:
    return Layout(doc, *page_points(size or page_size_for()))


def write_pdf(
    layout: Layout,
    out: Path,
    size: QPageSize | None = None,
    progress: Progress | None = None,
) -> int:
    """Write every page of ``layout`` to ``out``; returns the number of pages.

    Raises :class:`SaveError` when the file cannot be written. ``progress(done, total)``
    hears of each page painted (and of none yet, first); when it returns False the
    unfinished file is removed, ``out`` is left as it was and
    :class:`~fibrodesk.progress.Cancelled` is raised.
    """
    size = size or QPageSize(QSizeF(layout.width, layout.height), QPageSize.Unit.Point)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(
            f"The folder {out.parent} cannot be created ({exc.strerror}); choose another."
        ) from None
    tmp = out.with_name(f".{out.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_DPI)
    writer.setTitle(layout.doc.title)
    writer.setCreator("FibroDesk")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        tmp.unlink(missing_ok=True)
        raise SaveError(f"{out} could not be written; check the folder and the free space.")
    pages = len(layout.pages)
    try:
        for index in range(pages):
            if progress is not None and not progress(index, pages):
                raise Cancelled(f"The report was not saved; {out} is as it was.")
            if index:
                writer.newPage()
            layout.paint_page(painter, PDF_DPI, index)
        if progress is not None:
            progress(pages, pages)
    except BaseException:
        painter.end()
        del writer  # the file is closed before it is removed
        tmp.unlink(missing_ok=True)
        raise
    painter.end()
    try:
        if tmp.stat().st_size == 0:
            raise OSError(28, "nothing was written")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(
            f"{out} could not be written ({exc.strerror}); check the folder and the free space."
        ) from None
    return len(layout.pages)


def render_page(layout: Layout, index: int, dpi: float = 96.0) -> QImage:
    """One page as an image (white paper), for the preview and for checks."""
    width = round(layout.width * dpi / 72)
    height = round(layout.height * dpi / 72)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        layout.paint_page(painter, dpi, index)
    finally:
        painter.end()
    return image


def print_layout(layout: Layout, printer: object) -> None:
    """Paint every page on a set-up ``QPrinter`` (full page: origin at the paper's corner)."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    dpi = printer.resolution()
    painter = QPainter()
    if not painter.begin(printer):
        raise SaveError("The printer could not be started; check it is on and try again.")
    try:
        first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
        last = printer.toPage() - 1 if printer.toPage() else len(layout.pages) - 1
        for n, index in enumerate(range(first, min(last, len(layout.pages) - 1) + 1)):
            if n:
                printer.newPage()
            layout.paint_page(painter, dpi, index)
    finally:
        painter.end()


_APP: list[object] = []  # a QGuiApplication made for a command-line export, kept alive


def _ensure_gui() -> None:
    """A QGuiApplication for fonts and painting; off-screen when none is running."""
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP.append(QGuiApplication(sys.argv[:1]))


def export_report(
    out: Path, start: object = None, end: object = None, progress: Progress | None = None
) -> str:
    """``fibrodesk export --format pdf``: the report for ``start`` to ``end`` (the whole
    diary when neither is given; today when no end), written to ``out``.

    ``progress(done, total)`` hears of the figures gathered, then of each page painted;
    when it returns False the export stops, nothing is written and an earlier file at
    ``out`` stays as it was (:class:`~fibrodesk.progress.Cancelled`)."""
    from datetime import date

    from fibrodesk.core.clock import now
    from fibrodesk.db.history import diary_span
    from fibrodesk.report.build import build_document
    from fibrodesk.report.period import export_period
    from fibrodesk.report.summary import build_summary

    _ensure_gui()
    period = export_period(
        start if isinstance(start, date) else None,
        end if isinstance(end, date) else None,
        diary_span(),
        now().date(),
    )
    out = Path(out).expanduser()
    said = f"The export was cancelled; nothing was written, and {out} is as it was."
    gathering = share(progress, 0, 2, said)
    summary = build_summary(
        period, progress=None if gathering is None else (lambda p: gathering(p, 100) and None)
    )
    layout = layout_for(build_document(summary))
    pages = write_pdf(layout, out, progress=share(progress, 1, 2, said))
    return f"Wrote the clinician report for {period.words()} ({pages} pages) to {out}."
