"""Every message box shows its sentence as plain text (issue 14 point 7: text is text)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fibrodesk.ui import messages
from fibrodesk.ui.transfer import Prompts

HOSTILE = "Nothing was imported from <img src=/etc/passwd width=900><b>x</b>.json."


def _answer(seen: list[tuple[str, Qt.TextFormat]], button: QMessageBox.StandardButton) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close)
            return
        seen.append((box.text(), box.textFormat()))
        target = box.button(button) or box.buttons()[0]
        target.click()

    QTimer.singleShot(0, close)


@pytest.mark.parametrize("show", [messages.warn, messages.inform])
def test_a_sentence_is_shown_exactly_as_written(qtbot: Any, show: Any) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer(seen, QMessageBox.StandardButton.Ok)
    show(None, HOSTILE)
    assert seen == [(HOSTILE, Qt.TextFormat.PlainText)]


def test_a_question_is_plain_and_no_is_the_default(qtbot: Any) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer(seen, QMessageBox.StandardButton.Yes)
    assert messages.ask_yes_no(None, "Stop <b>Walking</b>?") is True
    assert seen == [("Stop <b>Walking</b>?", Qt.TextFormat.PlainText)]
    box = messages.plain_box(None, QMessageBox.Icon.Question, "t", "q")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_the_import_dialogs_sentences_are_plain(qtbot: Any) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer(seen, QMessageBox.StandardButton.Ok)
    Prompts.show_error(None, HOSTILE)
    assert seen == [(HOSTILE, Qt.TextFormat.PlainText)]
