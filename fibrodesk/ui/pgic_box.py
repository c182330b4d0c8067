"""The Patient Global Impression of Change, offered every 4 weeks on the Week tab.

Seven steps from "very much improved" to "very much worse" (domain.md s.5). Shown when
it is due (4 weeks after the diary's first day, then 4 weeks after the last answer) and
the week on screen holds today, or when the week on screen holds an answer (to change
it). History plots the answers.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from fibrodesk.core.change import pgic_due
from fibrodesk.core.clock import now, week_start
from fibrodesk.core.fiqr_items import PGIC_ANSWERS, PGIC_QUESTION
from fibrodesk.db import questionnaires
from fibrodesk.ui.context import AppContext


class PgicBox(QGroupBox):
    """The PGIC question: seven answers in a list, and a button to save the one chosen.

    Attributes:
        answer_combo: the seven answers (1..7 as item data), "choose an answer" first.
        save_button: stores the chosen answer for :attr:`answer_day`.
        answer_day: the day the answer belongs to (today, or the day of the answer shown).
    """

    def __init__(self, ctx: AppContext, source: object) -> None:
        super().__init__("Every 4 weeks: how has your condition changed?")
        self.setObjectName("pgicBox")
        self.ctx = ctx
        self._source = source
        self.answer_day = now().date()
        layout = QVBoxLayout(self)
        question = QLabel(PGIC_QUESTION)
        question.setWordWrap(True)
        layout.addWidget(question)
        row = QHBoxLayout()
        self.answer_combo = QComboBox()
        self.answer_combo.setObjectName("pgicAnswer")
        self.answer_combo.setAccessibleName("Change in your overall condition")
        self.answer_combo.addItem("choose an answer", None)
        for number, text in enumerate(PGIC_ANSWERS, start=1):
            self.answer_combo.addItem(text, number)
        question.setBuddy(self.answer_combo)
        row.addWidget(self.answer_combo, 1)
        self.save_button = QPushButton("Save answer")
        self.save_button.setObjectName("pgicSave")
        self.save_button.clicked.connect(self._save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("pgicStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)

    def show_week(self, day: date) -> None:
        """Show the question for the week holding ``day``, or hide it when not due there."""
        today = now().date()
        monday = week_start(day)
        answers = questionnaires.pgic_answers()
        in_week = [(d, a) for d, a in answers if monday <= d <= monday + timedelta(days=6)]
        if in_week:
            self.answer_day, answer = in_week[-1]
            self.answer_combo.setCurrentIndex(self.answer_combo.findData(answer))
            self.status.setText(f"Answered on {self.answer_day:%a %d %b %Y}; you can change it.")
            self.setVisible(True)
            return
        last = answers[-1][0] if answers else None
        due = pgic_due(today, questionnaires.first_day(), last)
        holds_today = monday <= today <= monday + timedelta(days=6)
        self.answer_day = today
        self.answer_combo.setCurrentIndex(0)
        self.status.setText("Asked every 4 weeks; it takes one answer.")
        self.setVisible(due and holds_today)

    def _save(self) -> None:
        answer = self.answer_combo.currentData()
        if answer is None:
            self.status.setText("Choose one of the seven answers first.")
            return
        day = self.answer_day
        done = self.ctx.perform(lambda: questionnaires.save_pgic(day, int(answer)), source=self)
        if done is not None:
            self.status.setText(f"Saved for {day:%a %d %b %Y}. Thank you.")
