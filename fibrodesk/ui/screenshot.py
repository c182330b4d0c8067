"""Render every main page of a diary to PNG without showing a window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from fibrodesk.errors import SaveError


def render_pages(data_dir: Path, out: Path, size: tuple[int, int] = (1280, 860)) -> list[Path]:
    """Build the window on ``data_dir``, show each page off-screen, save ``<page>.png``."""
    from fibrodesk.db.database import close_diary
    from fibrodesk.ui.build import build_main_window
    from fibrodesk.ui.main_window import PAGES

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(
            f"The folder {out} cannot be created ({exc.strerror}); choose another."
        ) from None
    from PySide6.QtCore import Qt

    window = build_main_window(data_dir)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    written = []
    try:
        for key, *_rest in PAGES:
            window.show_page(key)
            window.ensurePolished()
            QApplication.processEvents()
            path = out / f"{key}.png"
            if not window.grab().save(str(path)):
                raise SaveError(f"{path} could not be written; check the folder.")
            written.append(path)
    finally:
        window.close()
        window.deleteLater()
        close_diary()
    return written
