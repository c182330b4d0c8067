"""Building the main window on a diary: shared by the ``fibrodesk`` command
(:mod:`fibrodesk.app`), the screenshots (:mod:`fibrodesk.ui.screenshot`) and the tests,
without either importing the other."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow


def build_main_window(data_dir: str | Path, *, diary_open: bool = True) -> QMainWindow:
    """Open the diary in ``data_dir`` and build the main window on it (not shown).

    A QApplication must exist. The window's ``ctx`` attribute is the shared context.
    With ``diary_open=False`` the diary is neither opened nor read: the window shows
    "Opening your diary…" until its ``diary_opened()`` is called with the diary open
    (the ``fibrodesk`` command's start, :mod:`fibrodesk.ui.startup`).
    """
    from fibrodesk.ui.context import AppContext
    from fibrodesk.ui.main_window import MainWindow
    from fibrodesk.ui.theme import apply_theme, install_style

    data_dir = Path(data_dir)
    if diary_open:
        from fibrodesk.db.database import open_diary

        open_diary(data_dir)
    ctx = AppContext(data_dir, create=diary_open)
    apply_theme(str(ctx.settings.value("theme", "system")))
    if diary_open:
        # The command's window (diary_open=False) gets it after its first frame instead:
        # see fibrodesk.ui.startup.WindowStart.begin.
        install_style()
    return MainWindow(ctx, diary_open=diary_open)
