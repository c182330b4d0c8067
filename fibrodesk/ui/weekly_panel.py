"""The week's ACR 2016 picture and the optional FIQR, shown as information.

The WPI is read from the body-map marks of the 7 days ending on the day shown (an area
counts when any of its regions had intensity 1 or more); the person can tick or untick
any area by hand, which is stored as an override for that week and labelled "set by you".
The SSS questions, the FS score, the generalized-pain count and the criteria sentence
follow, with the disclaimer set apart as information, not a diagnosis.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import now, week_start
from fibrodesk.core.fiqr_items import FIQR_ITEMS, FIQR_SECTION_TITLES, FIQR_SECTIONS
from fibrodesk.core.scoring import (
    DISCLAIMER,
    acr2016_from_areas,
    criteria_sentence,
    fiqr,
    generalized_regions,
)
from fibrodesk.db import journal
from fibrodesk.db.journal import WeeklyAnswers
from fibrodesk.ui.answer_fields import ChoiceCombo, OptionalSpinBox
from fibrodesk.ui.context import AppContext, Change

SEVERITY_CHOICES: list[tuple[str, object]] = [
    ("0: none", 0),
    ("1: slight or mild", 1),
    ("2: moderate", 2),
    ("3: severe", 3),
]
YES_NO_CHOICES: list[tuple[str, object]] = [("No", False), ("Yes", True)]

SSS_QUESTIONS: tuple[tuple[str, str, list[tuple[str, object]]], ...] = (
    ("fatigue", "Tiredness (fatigue), past week", SEVERITY_CHOICES),
    ("unrefreshed", "Waking up tired (unrefreshed), past week", SEVERITY_CHOICES),
    ("cognitive", "Thinking or memory problems, past week", SEVERITY_CHOICES),
    ("headaches", "Headaches, past 6 months", YES_NO_CHOICES),
    ("lower_abdomen", "Pain or cramps in the lower belly, past 6 months", YES_NO_CHOICES),
    ("depression", "Depression, past 6 months", YES_NO_CHOICES),
)


class _QuestionGrid(QWidget):
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


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class WeeklyPanel(QWidget):
    """The week holding :attr:`day`: WPI areas, SSS answers, scores and the FIQR.

    Attributes:
        day: the last day of the 7 days the map is read over.
        area_boxes: WPI area id -> its checkbox.
        sss_fields: SSS field name -> its input.
        fiqr_fields: the 21 FIQR inputs, in questionnaire order.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("weeklyPanel")
        self.day = now().date()
        self._loading = False
        self._pain: journal.WeekPain | None = None
        # Answers that could not be written stay on screen until they are.
        self._sss_pending: dict[date, WeeklyAnswers] = {}
        self._fiqr_pending: dict[date, list[int | None]] = {}
        cat = catalogue()

        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("weeklyTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        # -- WPI
        wpi_box = QGroupBox("Where it hurt in the past week (WPI)")
        wpi_layout = QVBoxLayout(wpi_box)
        self.wpi_hint = QLabel()
        self.wpi_hint.setWordWrap(True)
        wpi_layout.addWidget(self.wpi_hint)
        # One column, grouped by the five generalized-pain regions: long labels stay
        # whole and "(set by you)" has room beside them.
        self.area_boxes: dict[str, QCheckBox] = {}
        for group, group_label in cat.pain_regions.items():
            heading = QLabel(f"{group_label} body" if group != "axial" else "Neck and trunk")
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
            wpi_layout.addWidget(heading)
            for area in cat.wpi_areas.values():
                if area.group != group:
                    continue
                box = QCheckBox(area.label)
                box.setObjectName(f"wpi_{area.id}")
                box.setAccessibleName(f"WPI area {area.label}")
                box.toggled.connect(lambda checked, a=area.id: self._area_toggled(a, checked))
                wpi_layout.addWidget(box)
                self.area_boxes[area.id] = box
        self.wpi_label = QLabel()
        self.wpi_label.setObjectName("wpiTotal")
        wpi_layout.addWidget(self.wpi_label)
        layout.addWidget(wpi_box)

        # -- SSS
        sss_box = QGroupBox("Other symptoms (SSS)")
        form = _QuestionGrid()
        QVBoxLayout(sss_box).addWidget(form)
        self.sss_fields: dict[str, ChoiceCombo | OptionalSpinBox] = {}
        for name, label, choices in SSS_QUESTIONS:
            combo = ChoiceCombo(choices, label.replace("&", ""))
            combo.setObjectName(f"sss_{name}")
            combo.currentIndexChanged.connect(self._sss_changed)
            text = QLabel(label)
            text.setBuddy(combo)
            text.setWordWrap(True)
            form.addRow(text, combo)
            self.sss_fields[name] = combo
        months = OptionalSpinBox(0, 1200, "How many months the symptoms have lasted", " months")
        months.setObjectName("sss_months")
        months.editingFinished.connect(self._sss_changed)
        months_label = QLabel("How many months have the symptoms lasted at a similar level?")
        months_label.setBuddy(months)
        months_label.setWordWrap(True)
        form.addRow(months_label, months)
        self.sss_fields["months"] = months
        layout.addWidget(sss_box)

        # -- results
        results = QGroupBox("This week's scores")
        res = QVBoxLayout(results)
        self.sss_label = QLabel()
        self.sss_label.setObjectName("sssTotal")
        self.fs_label = QLabel()
        self.fs_label.setObjectName("fsTotal")
        self.regions_label = QLabel()
        self.regions_label.setObjectName("regionsTotal")
        self.criteria = QLabel()
        self.criteria.setObjectName("criteriaSentence")
        self.criteria.setWordWrap(True)
        self.criteria.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for score in (self.sss_label, self.fs_label, self.regions_label, self.criteria):
            score.setWordWrap(True)
            res.addWidget(score)
        self.disclaimer = self._info_box(DISCLAIMER)
        res.addWidget(self.disclaimer)
        layout.addWidget(results)

        # -- FIQR
        fiqr_box = QGroupBox("FIQR questionnaire (optional)")
        fiqr_layout = QVBoxLayout(fiqr_box)
        intro = QLabel(
            "How much did fibromyalgia affect you over the past 7 days? Each item 0 to 10; "
            "read the two ends under each item, they differ. Skip any you like."
        )
        intro.setWordWrap(True)
        fiqr_layout.addWidget(intro)
        self.fiqr_toggle = QPushButton("Show the FIQR &questions")
        self.fiqr_toggle.setObjectName("fiqrToggle")
        self.fiqr_toggle.setCheckable(True)
        self.fiqr_toggle.setAccessibleName("Show or hide the FIQR questions")
        fiqr_layout.addWidget(self.fiqr_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.fiqr_body = QWidget()
        fiqr_form = QVBoxLayout(self.fiqr_body)
        fiqr_form.setContentsMargins(0, 0, 0, 0)
        self.fiqr_fields: list[OptionalSpinBox] = []
        # Each item with its own anchors for 0 and 10: the direction differs from item to
        # item (domain.md s.5), so no shared heading says what the ends mean.
        self.fiqr_anchor_labels: list[QLabel] = []
        for section_key in FIQR_SECTIONS:
            head = QLabel(FIQR_SECTION_TITLES[section_key])
            head.setWordWrap(True)
            bold = head.font()
            bold.setBold(True)
            head.setFont(bold)
            fiqr_form.addWidget(head)
            section = _QuestionGrid()
            items = [item for item in FIQR_ITEMS if item.section == section_key]
            key = "symptom" if section_key == "symptoms" else section_key
            for number, item in enumerate(items, start=1):
                spin = OptionalSpinBox(0, 10, f"FIQR: {item.label}, {item.anchors}")
                spin.setObjectName(f"fiqr_{key}_{number}")
                spin.setAccessibleDescription(item.anchors)
                spin.editingFinished.connect(self._fiqr_changed)
                text = QLabel(item.label)
                text.setObjectName(f"fiqr_{key}_{number}_label")
                text.setTextFormat(Qt.TextFormat.PlainText)
                text.setWordWrap(True)
                text.setBuddy(spin)
                ends = QLabel(f"0 = {item.low}  ...  10 = {item.high}")
                ends.setObjectName(f"fiqr_{key}_{number}_anchors")
                ends.setTextFormat(Qt.TextFormat.PlainText)
                ends.setWordWrap(True)
                self.fiqr_anchor_labels.append(ends)
                section.addRow(text, spin, ends)
                self.fiqr_fields.append(spin)
            fiqr_form.addWidget(section)
        fiqr_layout.addWidget(self.fiqr_body)
        self.fiqr_body.setVisible(False)
        self.fiqr_toggle.toggled.connect(self._show_fiqr)
        self.fiqr_label = QLabel()
        self.fiqr_label.setObjectName("fiqrTotal")
        self.fiqr_label.setWordWrap(True)
        fiqr_layout.addWidget(self.fiqr_label)
        layout.addWidget(fiqr_box)
        layout.addStretch(1)

        ctx.changed.connect(self._on_changed)
        self.set_day(self.day)

    def _info_box(self, text: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("disclaimer")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAutoFillBackground(True)
        frame.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        row = QHBoxLayout(frame)
        label = QLabel(f"<b>Information, not a diagnosis.</b> {text}")
        label.setObjectName("disclaimerText")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        frame.setAccessibleName("Information, not a diagnosis")
        frame.setAccessibleDescription(text)
        row.addWidget(label)
        return frame

    # ------------------------------------------------------------------ loading

    def set_day(self, day: date) -> None:
        if week_start(day) != self.week_start:
            self._sss_changed()
            self._fiqr_changed()
        self.day = day
        self.reload()

    @property
    def week_start(self) -> date:
        return week_start(self.day)

    def reload(self) -> None:
        """Show the week of :attr:`day` as the diary holds it."""
        monday = self.week_start
        self.title.setText(f"Week of {_short(monday)} to {_short(monday + timedelta(days=6))}")
        self.wpi_hint.setText(
            f"Ticked from your body-map marks of the 7 days up to {_short(self.day)} "
            "(any mark of 1 or more). Change a tick to set an area yourself."
        )
        self._load_areas()
        self._load_sss()
        self._load_fiqr()
        self._show_scores()
        self._show_fiqr_total()

    def _load_areas(self) -> None:
        pain = journal.week_pain(self.day)
        self._pain = pain
        cat = catalogue()
        self._loading = True
        try:
            for area, box in self.area_boxes.items():
                box.setChecked(area in pain.areas)
                label = cat.wpi_areas[area].label
                if area in pain.overrides:
                    state = "painful" if pain.overrides[area] else "not painful"
                    box.setText(f"{label} (set by you)")
                    box.setToolTip(f"You set this area {state} for this week.")
                    box.setAccessibleDescription(f"set by you: {state}")
                elif area in pain.derived:
                    box.setText(label)
                    regions = sorted(
                        cat.regions[r].label
                        for r in pain.regions
                        if cat.regions[r].wpi_area == area
                    )
                    box.setToolTip("From your map: " + "; ".join(regions))
                    box.setAccessibleDescription("from your body map")
                else:
                    box.setText(label)
                    box.setToolTip("No mark of 1 or more in this area in the 7 days.")
                    box.setAccessibleDescription("")
        finally:
            self._loading = False
        by_hand = len(pain.overrides)
        extra = f" ({by_hand} set by you)" if by_hand else ""
        self.wpi_label.setText(f"WPI: {len(pain.areas)} of 19 areas{extra}")

    def _load_sss(self) -> None:
        answers = self._sss_pending.get(self.week_start) or journal.get_weekly(self.week_start)
        self._loading = True
        try:
            for name, widget in self.sss_fields.items():
                if widget.hasFocus() and name == "months" and widget.answer() != answers.months:
                    continue  # being typed in; its own editingFinished will save it
                widget.set_answer(getattr(answers, name))
        finally:
            self._loading = False

    def _load_fiqr(self) -> None:
        answers = journal.get_fiqr(self.day)
        values = answers.items() if answers is not None else [None] * 21
        pending = self._fiqr_pending.get(self.week_start)
        if pending is not None:
            values = pending
        self._loading = True
        try:
            for spin, value in zip(self.fiqr_fields, values, strict=True):
                if spin.hasFocus():
                    continue
                spin.set_answer(value)
        finally:
            self._loading = False
        if (answers is not None or pending) and not self.fiqr_toggle.isChecked():
            self.fiqr_toggle.setChecked(True)

    # ------------------------------------------------------------------ scores

    def answers(self) -> WeeklyAnswers:
        values = {name: widget.answer() for name, widget in self.sss_fields.items()}
        return WeeklyAnswers(**values)  # type: ignore[arg-type]

    def _show_scores(self) -> None:
        areas = self._pain.areas if self._pain is not None else frozenset()
        answers = self.answers()
        regions = generalized_regions(areas)
        self.regions_label.setText(f"Regions with pain: {regions} of 5")
        if not answers.complete():
            missing = sum(getattr(answers, n) is None for n in journal.SSS_FIELDS)
            self.sss_label.setText(
                f"SSS: answer the {missing} open question{'s' if missing != 1 else ''} "
                "above to see it."
            )
            self.fs_label.setText(f"FS: needs the SSS (WPI so far {len(areas)}).")
            self.criteria.setText(
                "The 2016 criteria sentence appears once every question above is answered."
            )
            return
        assert answers.fatigue is not None and answers.unrefreshed is not None
        assert answers.cognitive is not None and answers.months is not None
        result = acr2016_from_areas(
            areas,
            answers.fatigue,
            answers.unrefreshed,
            answers.cognitive,
            bool(answers.headaches),
            bool(answers.lower_abdomen),
            bool(answers.depression),
            answers.months,
        )
        self.sss_label.setText(f"SSS: {result.sss} of 12")
        self.fs_label.setText(f"FS (WPI + SSS): {result.fs} of 31")
        sentence = criteria_sentence(result).removesuffix(DISCLAIMER).strip()
        self.criteria.setText(sentence)

    def fiqr_answers(self) -> tuple[list[int | None], list[int | None], list[int | None]]:
        values = [spin.answer() for spin in self.fiqr_fields]
        return values[:9], values[9:11], values[11:]

    def _show_fiqr_total(self) -> None:
        function, overall, symptoms = self.fiqr_answers()
        answered = sum(v is not None for v in function + overall + symptoms)
        if answered == 0:
            self.fiqr_label.setText("FIQR total: not filled in this week.")
            return
        try:
            total = fiqr(function, overall, symptoms)
        except ValueError:
            self.fiqr_label.setText(
                f"FIQR: {answered} of 21 answered. Answer at least one item in each of the "
                "three parts to see the total."
            )
            return
        note = "" if answered == 21 else f" ({answered} of 21 answered; blanks are scaled)"
        self.fiqr_label.setText(f"FIQR total: {total:.1f} of 100{note}")

    # ------------------------------------------------------------------ changes

    def _area_toggled(self, area: str, checked: bool) -> None:
        if self._loading or self._pain is None:
            return
        derived = area in self._pain.derived
        value: bool | None = None if checked == derived else checked
        monday = self.week_start
        self.ctx.perform(
            {"weekly"}, lambda: journal.set_wpi_override(monday, area, value), source=self
        )
        self._load_areas()
        self._show_scores()

    def _sss_changed(self) -> None:
        if self._loading:
            return
        answers = self.answers()
        monday = self.week_start
        if answers == journal.get_weekly(monday):
            self._sss_pending.pop(monday, None)
            self._show_scores()
            return

        def save() -> bool:
            journal.save_weekly(monday, answers)
            return True

        if self.ctx.perform({"weekly"}, save, source=self) is None:
            self._sss_pending[monday] = answers
        else:
            self._sss_pending.pop(monday, None)
        self._show_scores()

    def _fiqr_changed(self) -> None:
        self._show_fiqr_total()
        if self._loading:
            return
        function, overall, symptoms = self.fiqr_answers()
        stored = journal.get_fiqr(self.day)
        values = function + overall + symptoms
        if (stored is not None and stored.items() == values) or (
            stored is None and all(v is None for v in values)
        ):
            self._fiqr_pending.pop(self.week_start, None)
            return
        day = self.day

        def save() -> bool:
            journal.save_fiqr(day, function, overall, symptoms)
            return True

        if self.ctx.perform({"fiqr"}, save, source=self) is None:
            self._fiqr_pending[self.week_start] = values
        else:
            self._fiqr_pending.pop(self.week_start, None)

    def _show_fiqr(self, shown: bool) -> None:
        self.fiqr_body.setVisible(shown)
        self.fiqr_toggle.setText(
            "Hide the FIQR &questions" if shown else "Show the FIQR &questions"
        )
        self._show_fiqr_total()

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is self:
            return
        if change.touches("marks", "weekly", "fiqr"):
            self.reload()
