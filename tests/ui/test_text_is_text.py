"""Text is text (issue 14 point 7): every string that comes from the person or an import
(entry labels, notes, treatment and exercise names, reasons) is shown as plain text on
every page. A diary whose every such field holds HTML-like text is imported from the
command line, then each page is opened and every label that shows one is checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.demo import generate_demo
from fibrodesk.io.export import export_diary
from tests.db.test_damage_beside_backups import fibrodesk

MARK = "<b>x</b>"
HTML = f'<img src="/etc/hosts" width=900>{MARK}'

TEXT_COLUMNS = {
    "entry": ["label", "note"],
    "pain_mark": ["note"],
    "check_in": ["note"],
    "check_in_treatment": ["name", "dose"],
    "treatment": ["name", "dose"],
    "flare": ["note"],
    "tender_exam": ["note"],
    "exercise": ["name", "how_to", "cautions"],
    "plan": ["note"],
    "pacing_decision": ["reason"],
    "exercise_session": ["reason", "note", "pacing_reason"],
}
"""Free-text columns a person (or a file) fills."""


@pytest.fixture
def html_diary(tmp_path: Path) -> Path:
    """A diary imported from an export whose every free text is HTML-like."""
    src = tmp_path / "src"
    open_diary(src)
    generate_demo(years=1, seed=3)
    close_diary()
    conn = sqlite3.connect(src / "fibrodesk.sqlite3")
    for table, columns in TEXT_COLUMNS.items():
        have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        for column in columns:
            if column not in have:
                continue
            limit = 90 if column in ("label",) else 180
            conn.execute(
                f'UPDATE "{table}" SET "{column}" = substr(? || \' \' || id, 1, ?)',
                (HTML, limit),
            )
    conn.commit()
    conn.close()
    open_diary(src)
    export_diary("json", tmp_path / "html.json")
    close_diary()
    d = tmp_path / "d"
    done = fibrodesk("import", str(tmp_path / "html.json"), "--data-dir", str(d))
    assert done.returncode == 0, done.stderr
    return d


def _offenders(window: Any) -> list[str]:
    bad = []
    for label in window.findChildren(QLabel):
        text = label.text()
        if (MARK in text or "<img" in text) and label.textFormat() != Qt.TextFormat.PlainText:
            bad.append(f"{label.objectName() or type(label.parent()).__name__}: {text[:60]!r}")
    return bad


def test_every_page_shows_imported_html_as_plain_text(html_diary: Path, qtbot: Any) -> None:
    from fibrodesk.app import build_main_window
    from fibrodesk.ui.main_window import PAGES

    window = build_main_window(html_diary)
    qtbot.addWidget(window)
    try:
        window.show()
        shown = 0
        bad: list[str] = []
        for key, *_rest in PAGES:
            window.show_page(key)
            QApplication.processEvents()
            bad += _offenders(window)
            for tabs in window.findChildren(QTabWidget):  # every tab of the page, too
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
                    bad += _offenders(window)
            shown += sum(
                1 for lab in window.findChildren(QLabel) if MARK in lab.text() and lab.isVisible()
            )
        assert shown > 0, "no page showed any imported text: the test would prove nothing"
        assert sorted(set(bad)) == []
    finally:
        window.close()
        close_diary()
