"""The week's ACR 2016 picture and the optional FIQR, shown as information.

The week is the calendar week, Monday to Sunday, that holds the day on screen (domain.md
s.4), the same weeks History plots. The WPI is read from that week's body-map marks (an
area counts when any of its regions had intensity 1 or more); the person can tick or
untick any area by hand, which is stored as an override for that week and labelled "set
by you". The SSS questions, the FS score with its severity band, the generalized-pain
count and the criteria sentence follow, with the disclaimer set apart as information, not
a diagnosis. "Generally present for at least 3 months" is computed from the date the
widespread pain began, asked once (and changeable), not asked every week.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import now, week_start
from fibrodesk.core.scoring import (
    DISCLAIMER,
    MIN_MONTHS,
    SSS_ITEMS,
    acr2016_from_areas,
    criteria_sentence,
    fs_band,
    generalized_regions,
    months_since,
)
from fibrodesk.db import questionnaires, weekly
from fibrodesk.db.weekly import WeeklyAnswers
from fibrodesk.ui.answer_fields import ChoiceCombo
from fibrodesk.ui.context import AppContext, Change
from fibrodesk.ui.fiqr_box import FiqrBox, QuestionGrid
from fibrodesk.ui.pgic_box import PgicBox

SEVERITY_CHOICES: list[tuple[str, object]] = [
    ("0: none", 0),
    ("1: slight or mild", 1),
    ("2: moderate", 2),
    ("3: severe", 3),
]
YES_NO_CHOICES: list[tuple[str, object]] = [("No", False), ("Yes", True)]

ONSET_NOT_GIVEN = QDate(1900, 1, 1)  # the onset field's "not given"

SSS_QUESTIONS: tuple[tuple[str, str, list[tuple[str, object]]], ...] = (
    ("fatigue", "Tiredness (fatigue), past week", SEVERITY_CHOICES),
    ("unrefreshed", "Waking up tired (unrefreshed), past week", SEVERITY_CHOICES),
    ("cognitive", "Thinking or memory problems, past week", SEVERITY_CHOICES),
    ("headaches", "Headaches, past 6 months", YES_NO_CHOICES),
    ("lower_abdomen", "Pain or cramps in the lower belly, past 6 months", YES_NO_CHOICES),
    ("depression", "Depression, past 6 months", YES_NO_CHOICES),
)


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class WeeklyPanel(QWidget):
    """The calendar week holding :attr:`day`: WPI areas, SSS answers, scores, the FIQR.

    Attributes:
        day: the day on screen; the week shown is Monday to Sunday around it.
        area_boxes: WPI area id -> its checkbox.
        sss_fields: SSS field name -> its input (the six SSS items).
        onset_edit: the date the widespread pain began ("not given" at its minimum).
        fiqr: the week's FIQR box.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("weeklyPanel")
        self.day = now().date()
        self._loading = False
        self._pain: questionnaires.WeekPain | None = None
        self._stored_months: int | None = None  # a week answered before the date was asked
        # Answers that could not be written stay on screen until they are.
        self._sss_pending: dict[date, WeeklyAnswers] = {}
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
        wpi_box = QGroupBox("Where it hurt this week, Monday to Sunday (WPI)")
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
        form = QuestionGrid()
        QVBoxLayout(sss_box).addWidget(form)
        self.sss_fields: dict[str, ChoiceCombo] = {}
        for name, label, choices in SSS_QUESTIONS:
            combo = ChoiceCombo(choices, label.replace("&", ""))
            combo.setObjectName(f"sss_{name}")
            combo.currentIndexChanged.connect(self._sss_changed)
            text = QLabel(label)
            text.setBuddy(combo)
            text.setWordWrap(True)
            form.addRow(text, combo)
            self.sss_fields[name] = combo
        onset = QDateEdit()
        onset.setObjectName("painOnset")
        onset.setCalendarPopup(True)
        onset.setDisplayFormat("d MMM yyyy")
        onset.setMinimumDate(ONSET_NOT_GIVEN)
        onset.setSpecialValueText("not given")
        onset.setAccessibleName("Date the widespread pain began")
        onset.setToolTip(
            "Asked once; change it any time. From it the app works out whether the pain "
            f"has been generally present for at least {MIN_MONTHS} months."
        )
        onset.editingFinished.connect(self._onset_edited)
        onset.calendarWidget().clicked.connect(lambda _d: self._onset_edited())
        onset_label = QLabel("When did the widespread pain begin? (asked once)")
        onset_label.setBuddy(onset)
        onset_label.setWordWrap(True)
        form.addRow(onset_label, onset)
        self.onset_edit = onset
        self.duration_label = QLabel()
        self.duration_label.setObjectName("painDuration")
        self.duration_label.setWordWrap(True)
        form.addRow(self.duration_label, QWidget())
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

        # -- FIQR, and every 4 weeks the PGIC
        self.fiqr = FiqrBox(ctx, self)
        layout.addWidget(self.fiqr)
        self.pgic = PgicBox(ctx, self)
        layout.addWidget(self.pgic)
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

    # The FIQR box's parts, by the names the page had before it was split out.
    @property
    def fiqr_toggle(self) -> QPushButton:
        return self.fiqr.toggle

    @property
    def fiqr_body(self) -> QWidget:
        return self.fiqr.body

    @property
    def fiqr_fields(self) -> list:  # type: ignore[type-arg]
        return self.fiqr.fields

    @property
    def fiqr_label(self) -> QLabel:
        return self.fiqr.total_label

    def set_day(self, day: date) -> None:
        if week_start(day) != self.week_start:
            self._sss_changed()
        self.day = day
        self.fiqr.set_day(day)
        self.reload()

    @property
    def week_start(self) -> date:
        return week_start(self.day)

    def reload(self) -> None:
        """Show the week of :attr:`day` as the diary holds it."""
        monday = self.week_start
        self.title.setText(f"Week of {_short(monday)} to {_short(monday + timedelta(days=6))}")
        self.wpi_hint.setText(
            f"Ticked from your body-map marks of {_short(monday)} to "
            f"{_short(monday + timedelta(days=6))} (any mark of 1 or more). Change a tick to "
            "set an area yourself."
        )
        self._load_areas()
        self._load_sss()
        self._load_onset()
        self._show_scores()
        self.pgic.show_week(self.day)

    def _load_areas(self) -> None:
        pain = questionnaires.week_pain(self.day)
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
                    box.setToolTip("No mark of 1 or more in this area this week.")
                    box.setAccessibleDescription("")
        finally:
            self._loading = False
        by_hand = len(pain.overrides)
        extra = f" ({by_hand} set by you)" if by_hand else ""
        self.wpi_label.setText(f"WPI: {len(pain.areas)} of 19 areas{extra}")

    def _load_sss(self) -> None:
        stored = weekly.get_weekly(self.week_start)
        self._stored_months = stored.months
        answers = self._sss_pending.get(self.week_start) or stored
        self._loading = True
        try:
            for name, widget in self.sss_fields.items():
                widget.set_answer(getattr(answers, name))
        finally:
            self._loading = False

    def _load_onset(self) -> None:
        onset = questionnaires.pain_onset()
        if self.onset_edit.hasFocus():
            return  # being typed in; its own editingFinished will save it
        self.onset_edit.blockSignals(True)
        self.onset_edit.setDate(
            ONSET_NOT_GIVEN if onset is None else QDate(onset.year, onset.month, onset.day)
        )
        self.onset_edit.blockSignals(False)

    # ------------------------------------------------------------------ scores

    def answers(self) -> WeeklyAnswers:
        values = {name: widget.answer() for name, widget in self.sss_fields.items()}
        return WeeklyAnswers(**values, months=self._stored_months)  # type: ignore[arg-type]

    def onset(self) -> date | None:
        """The date in the onset field, None while "not given"."""
        value = self.onset_edit.date()
        if value == ONSET_NOT_GIVEN:
            return None
        day = value.toPython()
        assert isinstance(day, date)
        return day

    def months(self) -> int | None:
        """How long the widespread pain has lasted at the end of the week shown (or today,
        while the week is not over), in whole months; from the onset date, else from a
        months answer the week held before the date was asked; None when neither."""
        onset = self.onset()
        if onset is None:
            return self._stored_months
        return months_since(onset, min(self.week_start + timedelta(days=6), now().date()))

    def _show_scores(self) -> None:
        areas = self._pain.areas if self._pain is not None else frozenset()
        answers = self.answers()
        regions = generalized_regions(areas)
        self.regions_label.setText(f"Regions with pain: {regions} of 5")
        months = self.months()
        if months is None:
            self.duration_label.setText(
                "Give the date above for the 2016 criteria's duration condition."
            )
        else:
            self.duration_label.setText(
                f"Widespread pain for {months} month{'' if months == 1 else 's'} by the end "
                f"of this week: generally present for at least {MIN_MONTHS} months: "
                f"{'yes' if months >= MIN_MONTHS else 'not yet'}."
            )
        missing = [name for name in SSS_ITEMS if getattr(answers, name) is None]
        if missing:
            self.sss_label.setText(
                f"SSS: answer the {len(missing)} open question{'s' if len(missing) != 1 else ''}"
                " above to see it."
            )
            self.fs_label.setText(f"FS: needs the SSS (WPI so far {len(areas)}).")
            self.criteria.setText(
                "The 2016 criteria sentence appears once every question above is answered."
            )
            return
        assert answers.fatigue is not None and answers.unrefreshed is not None
        assert answers.cognitive is not None
        result = acr2016_from_areas(
            areas,
            answers.fatigue,
            answers.unrefreshed,
            answers.cognitive,
            bool(answers.headaches),
            bool(answers.lower_abdomen),
            bool(answers.depression),
            0 if months is None else months,
        )
        self.sss_label.setText(f"SSS: {result.sss} of 12")
        self.fs_label.setText(
            f"FS (WPI + SSS): {result.fs} of 31, in the {fs_band(result.fs)} band "
            "(Wolfe 2015: 0-3 none, 4-7 mild, 8-11 moderate, 12-19 severe, 20-31 very severe)"
        )
        if months is None:
            self.criteria.setText(
                "The 2016 criteria sentence appears once the date the widespread pain began "
                "is given above."
            )
            return
        sentence = criteria_sentence(result).removesuffix(DISCLAIMER).strip()
        self.criteria.setText(sentence)

    # ------------------------------------------------------------------ changes

    def _area_toggled(self, area: str, checked: bool) -> None:
        if self._loading or self._pain is None:
            return
        derived = area in self._pain.derived
        value: bool | None = None if checked == derived else checked
        monday = self.week_start
        self.ctx.perform(lambda: weekly.set_wpi_override(monday, area, value), source=self)
        self._load_areas()
        self._show_scores()

    def _sss_changed(self) -> None:
        if self._loading:
            return
        answers = self.answers()
        monday = self.week_start
        if answers == weekly.get_weekly(monday):
            self._sss_pending.pop(monday, None)
            self._show_scores()
            return
        if self.ctx.perform(lambda: weekly.record_weekly(monday, answers), source=self) is None:
            self._sss_pending[monday] = answers
        else:
            self._sss_pending.pop(monday, None)
        self._show_scores()

    def _onset_edited(self) -> None:
        onset = self.onset()
        if onset == questionnaires.pain_onset():
            return
        if onset is not None and onset > now().date():
            self.ctx.saveFailed.emit(
                "The date the pain began cannot be in the future; choose today or a day before."
            )
            return
        self.ctx.perform(lambda: questionnaires.set_pain_onset(onset), source=self)
        self._show_scores()

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is self:
            return
        if change.touches("marks", "weekly"):
            self.reload()
        if change.touches("fiqr"):
            self.fiqr.reload()
            self.pgic.show_week(self.day)
