"""Long work from the window shows progress and is cancelled with its dialog's Cancel
button, leaving the diary and the files as they were (issue 16 point 6).

The dialogs appear after half a second (``minimumDuration`` 500 ms); here the dialog is
shown at its first progress report, as it is once that time is up, and the person
presses its Cancel button then, so the tests wait for no clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from fibrodesk.db import marks
from fibrodesk.db import models as m
from fibrodesk.ui import transfer
from fibrodesk.ui.backups_dialog import BackupsDialog
from fibrodesk.ui.long_work import progress_dialog
from fibrodesk.ui.transfer import ExportRequest, Prompts
from tests.db.test_index_locks_leftovers import content
from tests.io.fixtures.sample import build_sample
from tests.ui.test_transfer import sample_export, told  # noqa: F401 (fixtures)


def _cancelled_by_the_person(qtbot: Any, name: str, pressed: list[str]) -> Any:
    """A dialog factory: the dialog shows at once; at the first progress it shows, the
    person clicks its Cancel button."""

    class PressCancel(QProgressDialog):
        def setValue(self, value: int) -> None:  # noqa: N802 (Qt name)
            super().setValue(value)
            if not pressed:
                self.show()  # as at the end of minimumDuration, here 0 ms
                qtbot.waitExposed(self)
                (button,) = self.findChildren(QPushButton)
                assert button.text() == "Cancel" and self.isVisible()
                pressed.append(name)
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def make(cls: type, parent: Any) -> QProgressDialog:
        real = progress_dialog(parent, name, "", "")
        dialog = PressCancel(real.labelText(), "Cancel", 0, 1, parent)
        dialog.setObjectName(name)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        real.deleteLater()
        return dialog

    return classmethod(make)


def test_every_long_work_dialog_waits_half_a_second(qapp: Any) -> None:
    for make in (Prompts.progress_dialog, Prompts.export_progress, BackupsDialog.progress_dialog):
        dialog = make(None)
        assert dialog.minimumDuration() == 500
        assert dialog.findChild(QPushButton).text() == "Cancel"  # type: ignore[union-attr]
        dialog.deleteLater()


def test_cancel_an_import_and_the_diary_is_unchanged(
    sample_export: Path,  # noqa: F811
    window: Any,
    qtbot: Any,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    diary = Path(m.db.database)
    pressed: list[str] = []
    monkeypatch.setattr(
        Prompts, "progress_dialog", _cancelled_by_the_person(qtbot, "importProgress", pressed)
    )
    before = content(diary)
    with qtbot.assertNotEmitted(window.ctx.changed):
        assert transfer.import_with_progress(window.ctx, window, sample_export) is None
    assert pressed == ["importProgress"]
    assert told["info"] == ["The import was cancelled; the diary was left exactly as it was."]
    assert content(diary) == before


def test_cancel_an_export_and_the_old_file_is_untouched(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_sample()
    out = tmp_path / "exports" / "diary.json"
    out.parent.mkdir()
    out.write_bytes(b"last month's export")
    pressed: list[str] = []
    monkeypatch.setattr(
        Prompts, "export_progress", _cancelled_by_the_person(qtbot, "exportProgress", pressed)
    )
    request = ExportRequest("json", out)
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )
    assert transfer.export_dialog(window.ctx, window) is None
    assert pressed == ["exportProgress"]
    assert told["info"] == [
        f"The export was cancelled; nothing was written, and {out} is as it was."
    ]
    assert out.read_bytes() == b"last month's export"
    assert [p.name for p in out.parent.iterdir()] == ["diary.json"]  # no unfinished part
    # Without Cancel the same export goes through, off the window's thread.
    monkeypatch.setattr(
        Prompts,
        "export_progress",
        classmethod(lambda cls, parent: progress_dialog(parent, "e", "", "")),
    )
    message = transfer.export_dialog(window.ctx, window)
    assert message is not None and message.startswith(f"Wrote {out}")
    assert out.read_bytes().startswith(b"{")


def test_cancel_a_backup_and_no_copy_is_left(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    marks.create_entry(date(2026, 11, 20))
    dialog = BackupsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    folder = window.ctx.data_dir / "backups"
    before = sorted(folder.iterdir()) if folder.exists() else []
    pressed: list[str] = []
    monkeypatch.setattr(
        BackupsDialog, "progress_dialog", _cancelled_by_the_person(qtbot, "backupProgress", pressed)
    )
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert pressed == ["backupProgress"]
    assert dialog.status.text() == "The backup was cancelled; nothing was written."
    after = sorted(folder.iterdir()) if folder.exists() else []
    assert after == before  # neither a backup nor an unfinished copy


@pytest.mark.parametrize(("reads_only", "expected"), [(True, -1000), (False, -4000)])
def test_a_job_that_only_reads_keeps_a_small_page_cache(
    diary: Path, qapp: Any, reads_only: bool, expected: int
) -> None:
    """A reader opened for one job (History's patterns, a report's figures) reads each
    page once: its connection caches 1 MB, not the diary connection's 4 MB. A job that
    writes (an import) keeps the diary's cache."""
    from fibrodesk.ui.long_work import Job

    job = Job(
        lambda _progress: m.db.execute_sql("PRAGMA cache_size").fetchone()[0],
        "test-reader",
        reads_only=reads_only,
    )
    job.start()
    job.wait()
    assert job.error is None and job.result == expected
    # The window's own connection is left as it was.
    assert m.db.execute_sql("PRAGMA cache_size").fetchone()[0] == -4000
