"""What every page starts with: its title, a visible heading (issue 13 point 7).

One look for all of them (bold, 1.4 times the text size, as the Today page's day title),
so a person always sees where they are, whatever page or state (empty or full) it is in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

TITLE_SCALE = 1.4
"""A page title's size against the text around it (the Today page's day title too)."""


def page_title(text: str, parent: QWidget | None = None) -> QLabel:
    """A page's heading: ``objectName`` ``pageTitle``, bold, :data:`TITLE_SCALE` larger."""
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
    label.setFont(font)
    return label
