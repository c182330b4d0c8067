"""Message boxes whose text is always plain text.

A sentence may carry a file name, an exercise or entry name typed by the person or read
from an import; Qt's message boxes would render one that looks like HTML (``<img ...>``).
Every message box of the app is made here, with ``Qt.PlainText``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box showing ``text`` exactly as written."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def warn(parent: QWidget | None, sentence: str) -> None:
    plain_box(parent, QMessageBox.Icon.Warning, "FibroDesk", sentence).exec()


def inform(parent: QWidget | None, sentence: str) -> None:
    plain_box(parent, QMessageBox.Icon.Information, "FibroDesk", sentence).exec()


def ask_yes_no(parent: QWidget | None, question: str) -> bool:
    """Yes or no, No by default (a slip of Enter changes nothing)."""
    box = plain_box(parent, QMessageBox.Icon.Question, "FibroDesk", question)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
