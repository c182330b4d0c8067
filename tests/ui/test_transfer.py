"""Export and import from the window, driven without native dialogs: every question
and message goes through ``Prompts``, replaced here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog

from fibrodesk.db import models as m
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io.export import export_diary
from fibrodesk.ui import transfer
from fibrodesk.ui.transfer import ExportDialog, ExportRequest, Prompts
from tests.io.fixtures.sample import build_sample


@pytest.fixture
def sample_export(tmp_path: Path) -> Path:
    """A json export of the sample diary, made in another folder before the window opens."""
    open_diary(tmp_path / "source")
    build_sample()
    export_diary("json", tmp_path / "sample.json")
    close_diary()
    return tmp_path / "sample.json"


@pytest.fixture
def win(sample_export: Path, window: Any) -> Any:
    return window


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the person was told, instead of message boxes."""
    said: dict[str, list[str]] = {"info": [], "error": []}
    monkeypatch.setattr(Prompts, "show_info", classmethod(lambda cls, p, s: said["info"].append(s)))
    monkeypatch.setattr(
        Prompts, "show_error", classmethod(lambda cls, p, s: said["error"].append(s))
    )
    return said


def _counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in m.MODELS}


# -- export ---------------------------------------------------------------------------


def test_export_dialog_writes_what_was_chosen(
    window: Any, tmp_path: Path, told: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    request = ExportRequest("csv", tmp_path / "mine.zip", date(2025, 1, 1), None)
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )
    message = transfer.export_dialog(window.ctx, window)
    assert (tmp_path / "mine.zip").is_file()
    assert told == {"info": [message], "error": []}
    assert message is not None and message.startswith(f"Wrote {tmp_path / 'mine.zip'}")
    assert window.ctx.settings.value("export/folder") == str(tmp_path)


def test_export_dialog_cancelled_writes_nothing(
    window: Any, told: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: None))
    assert transfer.export_dialog(window.ctx, window) is None
    assert told == {"info": [], "error": []}


def test_export_failure_is_one_sentence(
    window: Any, tmp_path: Path, told: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    request = ExportRequest("pdf", tmp_path / "a-file" / "report.pdf")
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )
    assert transfer.export_dialog(window.ctx, window) is None
    assert told["info"] == [] and len(told["error"]) == 1
    assert told["error"][0].startswith(f"The folder {tmp_path / 'a-file'} cannot be created")
    assert not (tmp_path / "a-file" / "report.pdf").exists()


def test_the_export_dialog(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ExportDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.set_format("json")
    today = date.today().isoformat()
    assert dialog.path_edit.text() == str(tmp_path / f"fibrodesk-{today}.json")
    dialog.set_format("csv")  # a suggested name follows the format
    assert dialog.path_edit.text() == str(tmp_path / f"fibrodesk-{today}.zip")
    assert dialog.request() == ExportRequest("csv", tmp_path / f"fibrodesk-{today}.zip")
    assert not dialog.start_edit.isEnabled()

    dialog.set_range(date(2025, 3, 1), date(2025, 3, 31))
    assert dialog.start_edit.isEnabled()
    assert dialog.request().start == date(2025, 3, 1) and dialog.request().end == date(2025, 3, 31)

    chosen = tmp_path / "chosen.zip"
    monkeypatch.setattr(Prompts, "ask_export_path", classmethod(lambda cls, p, fmt, s: chosen))
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(chosen)

    dialog.set_range(date(2025, 4, 1), date(2025, 3, 1))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and not dialog.problem.isHidden()
    assert "first day is after the last day" in dialog.problem.text()

    dialog.set_format("pdf")  # the clinician report is offered like any other format
    assert ok.isEnabled()
    dialog.set_format("fhir")
    dialog.path_edit.clear()
    assert not ok.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "f.json"))
    dialog.set_range(None, None)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.request() == ExportRequest("fhir", tmp_path / "f.json")


# -- import ---------------------------------------------------------------------------


def test_import_with_progress_then_every_page_refreshes(
    win: Any, sample_export: Path, qtbot: Any, told: dict[str, list[str]]
) -> None:
    with qtbot.waitSignal(win.ctx.changed) as changed:
        report = transfer.import_with_progress(win.ctx, win, sample_export)
    assert changed.args[0].everything
    assert report is not None and report.counts["pain_mark"].added == 12
    assert told == {"info": [report.summary()], "error": []}
    assert m.PainMark.select().count() == 12


def test_a_broken_file_is_one_sentence_and_changes_nothing(
    win: Any, sample_export: Path, tmp_path: Path, qtbot: Any, told: dict[str, list[str]]
) -> None:
    text = sample_export.read_text("utf-8").replace('"region": "head"', '"region": "tail"', 1)
    (tmp_path / "broken.json").write_text(text, "utf-8")
    before = _counts()
    with qtbot.assertNotEmitted(win.ctx.changed):
        assert transfer.import_with_progress(win.ctx, win, tmp_path / "broken.json") is None
    assert told["info"] == [] and len(told["error"]) == 1
    assert "region: 'tail' is not a body-map region FibroDesk knows." in told["error"][0]
    assert "\n" not in told["error"][0]
    assert _counts() == before


def test_cancel_leaves_nothing_half_written(
    win: Any,
    sample_export: Path,
    qtbot: Any,
    told: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class CancelWhileWriting(QProgressDialog):
        """Pressing Cancel once the first table has been written."""

        asked = 0

        def wasCanceled(self) -> bool:  # noqa: N802 (Qt name)
            CancelWhileWriting.asked += 1
            return CancelWhileWriting.asked >= 3

    def make(cls: type, parent: Any) -> QProgressDialog:
        dialog = CancelWhileWriting(parent)
        dialog.setAutoReset(False)
        return dialog

    monkeypatch.setattr(Prompts, "progress_dialog", classmethod(make))
    before = _counts()
    with qtbot.assertNotEmitted(win.ctx.changed):
        assert transfer.import_with_progress(win.ctx, win, sample_export) is None
    assert CancelWhileWriting.asked == 3
    assert told == {
        "info": ["The import was cancelled; the diary was left exactly as it was."],
        "error": [],
    }
    assert _counts() == before


def test_choose_and_import(
    win: Any, sample_export: Path, told: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Prompts, "ask_import_path", classmethod(lambda cls, parent: None))
    assert transfer.choose_and_import(win.ctx, win) is None
    monkeypatch.setattr(Prompts, "ask_import_path", classmethod(lambda cls, parent: sample_export))
    report = transfer.choose_and_import(win.ctx, win)
    assert report is not None and report.added > 0
    folder = sample_export.parent / "csv"
    export_diary("csv", folder)
    monkeypatch.setattr(Prompts, "ask_import_folder", classmethod(lambda cls, parent: folder))
    again = transfer.choose_and_import(win.ctx, win, folder=True)
    assert again is not None and again.added == 0


def test_the_real_progress_dialog(win: Any) -> None:
    dialog = Prompts.progress_dialog(win)
    assert dialog.objectName() == "importProgress"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert not dialog.autoClose() and not dialog.autoReset()
    dialog.deleteLater()
