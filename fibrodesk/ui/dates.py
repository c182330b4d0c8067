"""How a day is written in the app's date fields: ``29 Nov 2026`` (Qt's ``d MMM yyyy``),
with a calendar to pick from, the same on every page and dialog (issue 13 point 7)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

DAY_FORMAT = "d MMM yyyy"
"""A day in a date field (ranges on History, Reports, the export dialog)."""


def date_field(day: date, name: str, accessible: str) -> QDateEdit:
    """A date field showing ``day`` as the rest of the app does, with a calendar popup."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DAY_FORMAT)
    return edit
