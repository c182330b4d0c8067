"""Laterality of the leg maps in the PDF itself, paper by locale, fonts embedded, and the
report's figures computed without Qt."""

from __future__ import annotations

import ast
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from fibrodesk.db.marks import create_entry, set_mark
from fibrodesk.report.build import build_document
from fibrodesk.report.period import Period
from fibrodesk.report.summary import build_summary
from fibrodesk.report.writer import layout_for, page_size_for, write_pdf

PACKAGE = Path(__file__).resolve().parents[2] / "fibrodesk" / "report"


def _positions(pdf: Path, wanted: set[str]) -> list[tuple[str, float]]:
    """Each wanted text on page 1 with its x position, in drawing order."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() in wanted:
            found.append((text.strip(), tm[4] * cm[0] + cm[4]))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter])
def test_leg_maps_put_each_side_where_the_patient_has_it(
    diary: Path, qapp, tmp_path: Path, paper: QPageSize.PageSizeId
) -> None:  # type: ignore[no-untyped-def]
    # Four body-map days: the left front knee hurts on all 4 (100%), the right on 2 (50%);
    # the left calf on 3 (75%), the right calf on 1 (25%).
    for i in range(4):
        entry = create_entry(date(2026, 3, 2 + i), time(9, 0))
        set_mark(entry.id, "knee_front_left", 6)
        if i < 2:
            set_mark(entry.id, "knee_front_right", 6)
        if i < 3:
            set_mark(entry.id, "calf_left", 6)
        if i < 1:
            set_mark(entry.id, "calf_right", 6)
    summary = build_summary(Period(date(2026, 3, 2), date(2026, 3, 29)))
    out = tmp_path / "maps.pdf"
    write_pdf(layout_for(build_document(summary), QPageSize(paper)), out)
    found = _positions(out, {"L", "R", "100", "50", "75", "25"})
    x = {text: pos for text, pos in found if text not in ("L", "R")}
    markers = [(text, pos) for text, pos in found if text in ("L", "R")]
    # This period's front figure, then its back figure (the period before has no marks).
    front_markers, back_markers = dict(markers[0:2]), dict(markers[2:4])
    # Front view: the patient's left is on the viewer's right.
    assert front_markers["R"] < front_markers["L"]
    assert x["50"] < x["100"]  # right knee (50%) left of the left knee (100%)
    assert front_markers["R"] < x["50"] < x["100"] < front_markers["L"]
    # Back view: the patient's left is on the viewer's left.
    assert back_markers["L"] < back_markers["R"]
    assert back_markers["L"] < x["75"] < x["25"] < back_markers["R"]
    assert front_markers["L"] < back_markers["L"]  # back figure to the right of the front


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        (QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
        (QLocale.Country.Canada, QPageSize.PageSizeId.Letter),
        (QLocale.Country.Mexico, QPageSize.PageSizeId.Letter),
        (QLocale.Country.UnitedKingdom, QPageSize.PageSizeId.A4),
        (QLocale.Country.Germany, QPageSize.PageSizeId.A4),
        (QLocale.Country.Australia, QPageSize.PageSizeId.A4),
    ],
)
def test_paper_follows_the_locale(qapp, territory, expected) -> None:  # type: ignore[no-untyped-def]
    locale = QLocale(QLocale.Language.AnyLanguage, territory)
    assert page_size_for(locale).id() == expected


def test_fonts_are_embedded_and_pages_are_white(diary: Path, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.report.writer import render_page

    out = tmp_path / "r.pdf"
    layout = layout_for(build_document(build_summary(Period(date(2026, 3, 2), date(2026, 3, 29)))))
    write_pdf(layout, out)
    page = PdfReader(out).pages[0]
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    image = render_page(layout, 0, 30)
    assert image.pixelColor(2, 2).name() == "#ffffff"  # paper white, whatever the theme


@pytest.mark.parametrize("module", ["period.py", "summary.py", "document.py", "evidence.py"])
def test_figures_and_document_need_no_qt(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text("utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")]
