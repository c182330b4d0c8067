"""The optional FIQR of the week on the Today page's Week tab.

Every item shows its own anchors for 0 and 10 (domain.md s.5: the direction differs from
item to item). The total is scored by :func:`fibrodesk.core.fiqr.fiqr`; a section with
more than two items missing is said to be less reliable.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from fibrodesk.core.change import change_words, fiqr_trend
from fibrodesk.core.clock import week_start
from fibrodesk.core.fiqr import fiqr, fiqr_less_reliable
from fibrodesk.core.fiqr_items import FIQR_ITEMS, FIQR_SECTION_TITLES, FIQR_SECTIONS
from fibrodesk.core.wording import one_decimal
from fibrodesk.db import questionnaires, weekly
from fibrodesk.ui.answer_fields import OptionalSpinBox
from fibrodesk.ui.context import AppContext

SECTION_WORDS = {"function": "function", "overall": "overall impact", "symptoms": "symptoms"}


class QuestionGrid(QWidget):
    """Questions in words on the left (wrapping to the width there is), answers right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)

    def addRow(  # noqa: N802 (QFormLayout-like)
        self, label: QLabel, field: QWidget, under: QLabel | None = None
    ) -> None:
        """One question; ``under`` is a line beneath its words (an item's two ends)."""
        row = self._grid.rowCount()
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignTop)
        if under is not None:
            self._grid.addWidget(under, row + 1, 0)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class FiqrBox(QGroupBox):
    """The week's FIQR: 21 items, each with its own two ends, and the total.

    Attributes:
        day: a day of the week shown.
        fields: the 21 inputs, in questionnaire order.
        anchor_labels: the line under each item saying what 0 and 10 mean.
        toggle, body, total_label: the show/hide button, the questions, the total.
    """

    def __init__(self, ctx: AppContext, source: object, parent: QWidget | None = None) -> None:
        super().__init__("FIQR questionnaire (optional)", parent)
        self.ctx = ctx
        self._source = source
        self.day = date.min
        self._loading = False
        # Answers that could not be written stay on screen until they are.
        self._pending: dict[date, list[int | None]] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            "How much did fibromyalgia affect you over the past 7 days? Each item 0 to 10; "
            "read the two ends under each item, they differ. Skip any you like."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.toggle = QPushButton("Show the FIQR &questions")
        self.toggle.setObjectName("fiqrToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName("Show or hide the FIQR questions")
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.body = QWidget()
        form = QVBoxLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        self.fields: list[OptionalSpinBox] = []
        self.anchor_labels: list[QLabel] = []
        for section_key in FIQR_SECTIONS:
            head = _bold(QLabel(FIQR_SECTION_TITLES[section_key]))
            head.setWordWrap(True)
            form.addWidget(head)
            section = QuestionGrid()
            items = [item for item in FIQR_ITEMS if item.section == section_key]
            key = "symptom" if section_key == "symptoms" else section_key
            for number, item in enumerate(items, start=1):
                spin = OptionalSpinBox(0, 10, f"FIQR: {item.label}, {item.anchors}")
                spin.setObjectName(f"fiqr_{key}_{number}")
                spin.setAccessibleDescription(item.anchors)
                spin.editingFinished.connect(self._changed)
                text = QLabel(item.label)
                text.setObjectName(f"fiqr_{key}_{number}_label")
                text.setTextFormat(Qt.TextFormat.PlainText)
                text.setWordWrap(True)
                text.setBuddy(spin)
                ends = QLabel(f"0 = {item.low}  ...  10 = {item.high}")
                ends.setObjectName(f"fiqr_{key}_{number}_anchors")
                ends.setTextFormat(Qt.TextFormat.PlainText)
                ends.setWordWrap(True)
                section.addRow(text, spin, ends)
                self.fields.append(spin)
                self.anchor_labels.append(ends)
            form.addWidget(section)
        layout.addWidget(self.body)
        self.body.setVisible(False)
        self.toggle.toggled.connect(self._show_body)
        self.total_label = QLabel()
        self.total_label.setObjectName("fiqrTotal")
        self.total_label.setWordWrap(True)
        layout.addWidget(self.total_label)
        self.change_label = QLabel()
        self.change_label.setObjectName("fiqrChange")
        self.change_label.setWordWrap(True)
        self.change_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.change_label)

    # ------------------------------------------------------------------ loading

    def set_day(self, day: date) -> None:
        if week_start(day) != week_start(self.day) and self.day != date.min:
            self._changed()
        self.day = day
        self.reload()

    def reload(self) -> None:
        stored = weekly.get_fiqr(self.day)
        values = stored.items() if stored is not None else [None] * 21
        pending = self._pending.get(week_start(self.day))
        if pending is not None:
            values = pending
        self._loading = True
        try:
            for spin, value in zip(self.fields, values, strict=True):
                if not spin.hasFocus():
                    spin.set_answer(value)
        finally:
            self._loading = False
        if (stored is not None or pending) and not self.toggle.isChecked():
            self.toggle.setChecked(True)
        self.show_total()
        self.show_change()

    def show_change(self) -> None:
        """The FIQR trend up to this week: change since the first and the last
        questionnaire, marked when it passes the minimal clinically important difference."""
        rows = questionnaires.fiqr_answers_by_day()
        upto = week_start(self.day) + timedelta(days=6)
        scored: list[tuple[date, float]] = []
        for day, items in rows:
            try:
                scored.append((day, fiqr(items[:9], items[9:11], items[11:])))
            except ValueError:  # a section wholly blank: no total
                continue
        trend = fiqr_trend(scored, upto)
        if trend is None or trend.since_first is None or trend.since_last is None:
            self.change_label.setText(
                "Change over time: shown from your second questionnaire on."
                if trend is not None
                else ""
            )
            return
        parts = [change_words(trend.since_first, "first")]
        if trend.since_last.since != trend.since_first.since:
            parts.append(change_words(trend.since_last, "last one"))
        self.change_label.setText(
            f"This total ({one_decimal(trend.total)}) " + "; ".join(parts) + "."
        )

    def answers(self) -> tuple[list[int | None], list[int | None], list[int | None]]:
        values = [spin.answer() for spin in self.fields]
        return values[:9], values[9:11], values[11:]

    def show_total(self) -> None:
        function, overall, symptoms = self.answers()
        items = function + overall + symptoms
        answered = sum(v is not None for v in items)
        if answered == 0:
            self.total_label.setText("FIQR total: not filled in this week.")
            return
        try:
            total = fiqr(function, overall, symptoms)
        except ValueError:
            self.total_label.setText(
                f"FIQR: {answered} of 21 answered. Answer at least one item in each of the "
                "three parts to see the total."
            )
            return
        note = "" if answered == 21 else f" ({answered} of 21 answered; blanks are scaled)"
        text = f"FIQR total: {one_decimal(total)} of 100{note}"
        weak = fiqr_less_reliable(items)
        if weak:
            names = " and ".join(SECTION_WORDS[name] for name in weak)
            text += (
                f". Less reliable: more than two items of {names} are blank, so the total "
                "rests on a guess for them."
            )
        self.total_label.setText(text)

    # ------------------------------------------------------------------ changes

    def _changed(self) -> None:
        self.show_total()
        if self._loading or self.day == date.min:
            return
        function, overall, symptoms = self.answers()
        stored = weekly.get_fiqr(self.day)
        values = function + overall + symptoms
        monday = week_start(self.day)
        if (stored is not None and stored.items() == values) or (
            stored is None and all(v is None for v in values)
        ):
            self._pending.pop(monday, None)
            return
        day = self.day
        done = self.ctx.perform(
            lambda: weekly.record_fiqr(day, function, overall, symptoms), source=self._source
        )
        if done is None:
            self._pending[monday] = values
        else:
            self._pending.pop(monday, None)
            self.show_change()

    def _show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setText("Hide the FIQR &questions" if shown else "Show the FIQR &questions")
        self.show_total()
