"""The import runs beside the window, not inside it (issue 14 point 6, issue 10 point 1):
on a worker thread with its own connection; a body-map click made while it runs is saved
and kept when the import is cancelled, and Cancel undoes exactly the import."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from fibrodesk.db import models as m
from fibrodesk.ui import transfer
from fibrodesk.ui.transfer import Prompts
from tests.db.test_index_locks_leftovers import content
from tests.ui.test_transfer import sample_export, told  # noqa: F401 (fixtures)


def test_a_click_during_the_import_is_kept_when_it_is_cancelled(
    sample_export: Path,  # noqa: F811  (made before the window opens its diary)
    window: Any,
    qtbot: Any,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    diary = Path(m.db.database)
    from fibrodesk.ui.body_map import BodyMap

    bmap = window.findChild(BodyMap, "bodyMap")
    assert bmap is not None
    threads: list[str] = []

    class ClickThenCancel(QProgressDialog):
        """The person clicks the knee while the import reads, then presses Cancel."""

        asked = 0

        def wasCanceled(self) -> bool:  # noqa: N802 (Qt name)
            ClickThenCancel.asked += 1
            threads.append(threading.current_thread().name)
            if ClickThenCancel.asked == 1:
                with qtbot.waitSignal(window.ctx.changed):
                    qtbot.mouseClick(
                        bmap, Qt.MouseButton.LeftButton, pos=bmap.region_center("knee_inner_left")
                    )
            return ClickThenCancel.asked >= 3

    monkeypatch.setattr(
        Prompts, "progress_dialog", classmethod(lambda cls, parent: ClickThenCancel(parent))
    )
    before = content(diary)
    assert transfer.import_with_progress(window.ctx, window, sample_export) is None
    assert told["info"] == ["The import was cancelled; the diary was left exactly as it was."]
    after = dict(content(diary))
    # Exactly the click is new: one entry with one mark; nothing of the file's 12 marks.
    assert [r[0] for r in after["pain_mark"] if r not in dict(before)["pain_mark"]] == [
        r[0] for r in after["pain_mark"]
    ]
    assert [r[4] for r in after["pain_mark"]] == ["knee_inner_left"]  # id, times, entry, region
    assert len(after["entry"]) == len(dict(before)["entry"]) + 1
    for table, rows in before:
        if table not in ("entry", "pain_mark", "setting"):
            assert after[table] == rows, table
    # The window answered every progress report on its own thread, never inside a
    # transaction of its own (the import's runs on the worker's connection).
    assert set(threads) == {threading.main_thread().name}


def test_progress_is_shown_after_half_a_second() -> None:
    dialog = Prompts.progress_dialog(None)
    assert dialog.minimumDuration() == 500


def test_the_import_runs_on_a_thread_and_connection_of_its_own(
    sample_export: Path,  # noqa: F811
    window: Any,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fibrodesk.db import importing

    seen: list[tuple[str, bool]] = []
    real = importing.import_records

    def spy(*args: Any, **kw: Any) -> Any:
        seen.append((threading.current_thread().name, m.db.connection() is gui_connection))
        return real(*args, **kw)

    gui_connection = m.db.connection()
    monkeypatch.setattr("fibrodesk.io.importer.import_records", spy)
    report = transfer.import_with_progress(window.ctx, window, sample_export)
    assert report is not None and report.counts["pain_mark"].added == 12
    assert seen == [("fibrodesk-import", False)]
    assert m.PainMark.select().count() == 12  # committed, seen from the window's connection
