"""Make (or change) a paced exercise plan: exercise, days, time, starting dose, target.

The dialog does the thinking a foggy day makes hard: it suggests days that alternate
aerobic and strength work (:func:`fibrodesk.core.schedule.suggest_days`), warns when the
week breaks the rules (strength at most twice a week, alternate days), offers a starting
dose from three trials or from a good and a bad day, and keeps the pacing numbers at
their domain.md defaults unless the person opens "Advanced".

``PlanDialog.ask(ctx, parent)`` returns the answers as a dict (or None); the page saves
them with :func:`save_plan`, so a test can drive or replace either.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import pacing
from fibrodesk.core.baseline import baseline_from_tolerance, baseline_from_trials
from fibrodesk.core.clock import WEEKDAY_NAMES
from fibrodesk.core.exercises import CATEGORIES, library
from fibrodesk.core.plan_text import SHORT_DAYS, amount_text, weekdays_text
from fibrodesk.core.schedule import PlanDays, schedule_warnings, suggest_days
from fibrodesk.db import planner
from fibrodesk.db.planner import NewExercise, PlanAnswers, PlanView
from fibrodesk.ui.answer_fields import WheelNeedsFocus
from fibrodesk.ui.context import AppContext

CATEGORY_LABELS = {
    "walking": "Walking",
    "water": "In the water",
    "cycling": "Cycling",
    "tai_chi": "Tai chi",
    "yoga": "Gentle yoga",
    "stretching": "Stretching",
    "strength": "Gentle strength",
    "balance": "Balance (near support)",
    "own": "My own exercises",
}
KIND_LABELS = {
    "aerobic": "Aerobic (walking, cycling, water)",
    "strength": "Gentle strength",
    "stretching": "Stretching",
    "balance": "Balance",
    "mind_body": "Mind and body (tai chi, yoga)",
}
KIND_WHY = {
    "aerobic": "aerobic work about 3 times a week, on alternate days",
    "strength": "strength twice a week, with a rest day between",
    "stretching": "stretching can be done every day",
    "balance": "balance practice can be done every day",
    "mind_body": "about 3 times a week, on alternate days",
}
ROLE = Qt.ItemDataRole.UserRole


class _Spin(WheelNeedsFocus, QSpinBox):
    """A spin box that the wheel changes only once it has the focus."""

    def __init__(self, lo: int, hi: int, name: str, suffix: str = "") -> None:
        super().__init__()
        self.setRange(lo, hi)
        self.setSuffix(suffix)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class _Real(WheelNeedsFocus, QDoubleSpinBox):
    def __init__(self, lo: float, hi: float, step: float, name: str, suffix: str = "") -> None:
        super().__init__()
        self.setRange(lo, hi)
        self.setDecimals(1)
        self.setSingleStep(step)
        self.setSuffix(suffix)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _disclosure(open_: bool) -> str:
    """The arrow of a show/hide button: pointing down when its section is open."""
    return (
        "\N{BLACK DOWN-POINTING SMALL TRIANGLE}"
        if open_
        else "\N{BLACK RIGHT-POINTING SMALL TRIANGLE}"
    )


HELPER_TEXT = "&Help me find a starting dose"
ADVANCED_TEXT = "Ad&vanced"


def _add_disclosure(
    box: QVBoxLayout, text: str, name: str, body: QWidget, on_toggled: Callable[[bool], None]
) -> QPushButton:
    """A checkable button that shows ``body`` (added hidden, under it) while it is down."""
    button = QPushButton(f"{text} {_disclosure(False)}")
    button.setObjectName(name)
    button.setCheckable(True)
    button.toggled.connect(on_toggled)
    box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    body.hide()
    box.addWidget(body)
    return button


def _unit_suffix(unit: str) -> str:
    return " minutes" if unit == "minutes" else " repetitions"


class CustomExerciseDialog(QDialog):
    """Describe the person's own exercise: name, kind, unit, how to do it, cautions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customExerciseDialog")
        self.setWindowTitle("Add my own exercise")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("customName")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("For example: walk to the post box")
        form.addRow("&Name:", self.name)
        self.kind = QComboBox()
        self.kind.setObjectName("customKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        form.addRow("&Kind:", self.kind)
        self.unit = QComboBox()
        self.unit.setObjectName("customUnit")
        self.unit.addItem("minutes", "minutes")
        self.unit.addItem("repetitions", "reps")
        form.addRow("&Counted in:", self.unit)
        self.how_to = QPlainTextEdit()
        self.how_to.setObjectName("customHowTo")
        self.how_to.setTabChangesFocus(True)
        self.how_to.setAccessibleName("How to do it")
        form.addRow("&How to do it:", self.how_to)
        self.cautions = QLineEdit()
        self.cautions.setObjectName("customCautions")
        form.addRow("Take &care:", self.cautions)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add")
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "name": " ".join(self.name.text().split()),
            "kind": self.kind.currentData(),
            "unit": self.unit.currentData(),
            "how_to": self.how_to.toPlainText().strip(),
            "cautions": self.cautions.text().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> dict[str, Any] | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class PlanDialog(QDialog):
    """Ask for a new plan, or for changes to one (``plan`` given).

    Attributes:
        editing: the plan being changed, or None for a new plan.
        tree: the exercise picker, grouped by category.
        day_boxes: the seven weekday check boxes, Monday first.
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        plan: PlanView | None = None,
        initial: dict[str, Any] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing = plan
        self.today = today or date.today()
        self._days_touched = False
        self._doses_touched = False
        self._new_custom: list[dict[str, Any]] = []
        self.setObjectName("planDialog")
        self.setWindowTitle("Change plan" if plan else "Choose a gentle exercise")
        self.resize(980, 680)

        outer = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

        # -- left: the picker -------------------------------------------------------------
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        pick = QLabel("<b>1. Choose an exercise</b>")
        left_box.addWidget(pick)
        self.tree = QTreeWidget()
        self.tree.setObjectName("exerciseTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Exercises, grouped by kind")
        pick.setBuddy(self.tree)
        left_box.addWidget(self.tree, 1)
        self.add_own = QPushButton("&Add my own exercise\N{HORIZONTAL ELLIPSIS}")
        self.add_own.setObjectName("addOwnExercise")
        self.add_own.clicked.connect(self._add_own)
        left_box.addWidget(self.add_own)
        split.addWidget(left)

        # -- right: details and the plan ----------------------------------------------------
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right = QWidget()
        box = QVBoxLayout(right)
        scroll.setWidget(right)
        split.addWidget(scroll)
        split.setSizes([320, 660])

        self.title = QLabel("Pick an exercise on the left to see how it is done.")
        self.title.setObjectName("exerciseTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        box.addWidget(self.title)
        self.how_to = QLabel()
        self.how_to.setObjectName("exerciseHowTo")
        self.how_to.setWordWrap(True)
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.how_to)
        self.cautions = QLabel()
        self.cautions.setObjectName("exerciseCautions")
        self.cautions.setWordWrap(True)
        self.cautions.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.cautions)

        # days and time
        days_group = QGroupBox("2. Days and time")
        days_box = QVBoxLayout(days_group)
        day_row = QHBoxLayout()
        self.day_boxes: list[QCheckBox] = []
        for index, name in enumerate(WEEKDAY_NAMES):
            check = QCheckBox(SHORT_DAYS[index])
            check.setObjectName(f"day_{index}")
            check.setAccessibleName(name)
            check.toggled.connect(self._days_changed)
            self.day_boxes.append(check)
            day_row.addWidget(check)
        day_row.addStretch(1)
        days_box.addLayout(day_row)
        suggest_row = QHBoxLayout()
        self.suggestion = QLabel()
        self.suggestion.setObjectName("daySuggestion")
        self.suggestion.setWordWrap(True)
        suggest_row.addWidget(self.suggestion, 1)
        self.use_suggestion = QPushButton("Use su&ggested days")
        self.use_suggestion.setObjectName("useSuggestedDays")
        self.use_suggestion.clicked.connect(self._apply_suggestion)
        suggest_row.addWidget(self.use_suggestion)
        days_box.addLayout(suggest_row)
        self.warnings = QLabel()
        self.warnings.setObjectName("scheduleWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        days_box.addWidget(self.warnings)
        when = QFormLayout()
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setObjectName("planTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of day")
        when.addRow("&Time:", self.time)
        self.start_date = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.start_date.setObjectName("planStartDate")
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setAccessibleName("First day")
        when.addRow("&First day:", self.start_date)
        self.reminders = QCheckBox("&Remind me at the session time")
        self.reminders.setObjectName("planReminders")
        self.reminders.setChecked(True)
        when.addRow("", self.reminders)
        days_box.addLayout(when)
        box.addWidget(days_group)

        # dose
        dose_group = QGroupBox("3. How much")
        dose_form = QFormLayout(dose_group)
        self.start_dose = _Spin(1, planner.MAX_DOSE, "Starting dose")
        self.start_dose.setObjectName("startDose")
        self.start_dose.valueChanged.connect(self._dose_edited)
        dose_form.addRow("&Starting dose:", self.start_dose)
        self.target = _Spin(1, planner.MAX_DOSE, "Target")
        self.target.setObjectName("targetDose")
        self.target.valueChanged.connect(self._dose_edited)
        dose_form.addRow("Targ&et:", self.target)
        hint = QLabel(
            "Start with a dose you could manage even on a bad day. The planner adds at most "
            "10% a week, holds after a flare, and steps back after a payback day."
        )
        hint.setWordWrap(True)
        dose_form.addRow(hint)
        self.baseline_pain = _Real(-0.5, 10, 0.5, "Usual leg pain")
        self.baseline_pain.setObjectName("baselinePain")
        self.baseline_pain.setSpecialValueText("not known")
        self.baseline_pain.setValue(-0.5)
        self.baseline_pain.setToolTip(
            "Your usual leg pain, 0-10. A day after a session with leg pain 3 or more above it "
            "is a payback day. Left unknown, the planner uses your average of the two weeks "
            "before each review."
        )
        dose_form.addRow("&Usual leg pain (0-10):", self.baseline_pain)
        box.addWidget(dose_group)

        # baseline helper and advanced settings, each behind a show/hide button
        self.helper = self._build_helper()
        self.helper_toggle = _add_disclosure(
            box, HELPER_TEXT, "baselineHelperToggle", self.helper, self._toggle_helper
        )
        self.advanced = self._build_advanced()
        self.advanced_toggle = _add_disclosure(
            box, ADVANCED_TEXT, "advancedToggle", self.advanced, self._toggle_advanced
        )
        box.addStretch(1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("acceptPlan")
        self.ok.setText("Save changes" if plan else "Start this plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self._existing = planner.plan_days(exclude_plan=plan.id if plan else None)
        self._fill_tree()
        self.tree.currentItemChanged.connect(self._exercise_changed)
        if plan is not None:
            self._load_plan(plan)
        else:
            self.baseline_pain.setValue(self._usual_pain())
        if initial:
            self.set_values(initial)
        self._refresh()

    # -- building -----------------------------------------------------------------------
    def _fill_tree(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for category in (*CATEGORIES, "own"):
            item = QTreeWidgetItem([CATEGORY_LABELS.get(category, category)])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            groups[category] = item
        for ex in library().values():
            child = QTreeWidgetItem([ex.name])
            child.setData(0, ROLE, ("library", ex.id))
            child.setToolTip(0, ex.how_to)
            groups[ex.category].addChild(child)
        for own in planner.custom_exercises():
            child = QTreeWidgetItem([own.name])
            child.setData(0, ROLE, ("custom", own.id))
            groups["own"].addChild(child)
        for item in groups.values():
            if item.childCount():
                self.tree.addTopLevelItem(item)
                item.setExpanded(True)
        self._groups = groups

    def _build_helper(self) -> QGroupBox:
        group = QGroupBox("Find a starting dose")
        group.setObjectName("baselineHelper")
        grid = QGridLayout(group)
        self.helper_mode = QButtonGroup(group)
        self.trials_mode = QRadioButton(
            "From three tria&ls on flare-free days (their mean minus 20%)"
        )
        self.trials_mode.setChecked(True)
        self.tolerance_mode = QRadioButton("From a good &day and a bad day (their mean)")
        self.helper_mode.addButton(self.trials_mode)
        self.helper_mode.addButton(self.tolerance_mode)
        grid.addWidget(self.trials_mode, 0, 0, 1, 4)
        self.trials = [_Spin(0, planner.MAX_DOSE, f"Trial {i + 1}") for i in range(3)]
        row = QHBoxLayout()
        for index, spin in enumerate(self.trials):
            spin.setObjectName(f"trial_{index}")
            spin.valueChanged.connect(self._helper_changed)
            label = QLabel(f"Day {index + 1}:")
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 4)
        grid.addWidget(self.tolerance_mode, 2, 0, 1, 4)
        tol_row = QHBoxLayout()
        self.good_day = _Spin(0, planner.MAX_DOSE, "On a good day")
        self.good_day.setObjectName("goodDay")
        self.bad_day = _Spin(0, planner.MAX_DOSE, "On a bad day")
        self.bad_day.setObjectName("badDay")
        for label_text, spin in (("Good day:", self.good_day), ("Bad day:", self.bad_day)):
            label = QLabel(label_text)
            label.setBuddy(spin)
            tol_row.addWidget(label)
            tol_row.addWidget(spin)
            spin.valueChanged.connect(self._helper_changed)
        tol_row.addStretch(1)
        grid.addLayout(tol_row, 3, 0, 1, 4)
        self.trials_mode.toggled.connect(self._helper_changed)
        self.helper_result = QLabel()
        self.helper_result.setObjectName("baselineResult")
        self.helper_result.setWordWrap(True)
        grid.addWidget(self.helper_result, 4, 0, 1, 3)
        self.use_helper = QPushButton("Use this d&ose")
        self.use_helper.setObjectName("useBaseline")
        self.use_helper.clicked.connect(self._apply_helper)
        grid.addWidget(self.use_helper, 4, 3)
        return group

    def _build_advanced(self) -> QGroupBox:
        group = QGroupBox("Pacing rule (the usual values suit most people)")
        group.setObjectName("advancedSettings")
        form = QFormLayout(group)
        d = pacing.DEFAULT_SETTINGS
        self.max_increase = _Real(0, 100, 1, "Largest weekly increase", " %")
        self.max_increase.setObjectName("maxIncrease")
        self.max_increase.setValue(d.max_increase_pct)
        form.addRow("Increase each week by at &most:", self.max_increase)
        self.step_back = _Real(1, 90, 1, "Step back by", " %")
        self.step_back.setObjectName("stepBack")
        self.step_back.setValue(d.step_back_pct)
        form.addRow("After a payback day, step &back by:", self.step_back)
        self.floor = _Spin(1, planner.MAX_DOSE, "Never go below")
        self.floor.setObjectName("floorDose")
        self.floor.setValue(d.floor)
        form.addRow("&Never go below:", self.floor)
        self.rise_hold = _Real(0.5, 10, 0.5, "Hold when leg pain rises by")
        self.rise_hold.setObjectName("riseHold")
        self.rise_hold.setValue(d.leg_pain_rise_hold)
        form.addRow("Hold when average leg pain r&ises by:", self.rise_hold)
        self.margin = _Real(0.5, 10, 0.5, "Payback day margin")
        self.margin.setObjectName("paybackMargin")
        self.margin.setValue(d.payback_margin)
        form.addRow("&Payback day: leg pain above usual by:", self.margin)
        reset = QPushButton("Bac&k to the usual values")
        reset.clicked.connect(self._reset_advanced)
        form.addRow("", reset)
        return group

    # -- loading ------------------------------------------------------------------------
    def _usual_pain(self) -> float:
        usual = planner.usual_leg_pain(self.today)
        return -0.5 if usual is None else usual

    def _load_plan(self, plan: PlanView) -> None:
        self._select_exercise(("library" if not plan.custom else "custom", plan.exercise_id))
        self.tree.setEnabled(False)
        self.add_own.setEnabled(False)
        for index, check in enumerate(self.day_boxes):
            check.setChecked(index in plan.weekdays)
        self._days_touched = True
        hour, minute = (int(x) for x in plan.time_of_day.split(":"))
        self.time.setTime(QTime(hour, minute))
        self.start_date.setDate(
            QDate(plan.start_date.year, plan.start_date.month, plan.start_date.day)
        )
        self.start_date.setEnabled(False)
        self.start_dose.setValue(plan.current_dose)
        self.start_dose.setEnabled(False)
        self.start_dose.setToolTip("The dose now; the weekly review moves it.")
        self.target.setValue(plan.target_dose)
        self._doses_touched = True
        self.baseline_pain.setValue(-0.5 if plan.baseline_pain is None else plan.baseline_pain)
        self.reminders.setChecked(plan.reminders)
        s = plan.settings
        self.max_increase.setValue(s.max_increase_pct)
        self.step_back.setValue(s.step_back_pct)
        self.floor.setValue(s.floor)
        self.rise_hold.setValue(s.leg_pain_rise_hold)
        self.margin.setValue(s.payback_margin)
        self.helper_toggle.hide()

    def _select_exercise(self, key: tuple[str, str]) -> None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                if tuple(child.data(0, ROLE) or ()) == tuple(key):
                    self.tree.setCurrentItem(child)
                    return

    # -- the chosen exercise ------------------------------------------------------------
    def exercise_key(self) -> tuple[str, Any] | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        return tuple(data) if data else None  # type: ignore[return-value]

    def exercise_info(self) -> dict[str, Any] | None:
        """Name, kind, unit, sets, how-to, cautions and default doses of the choice."""
        key = self.exercise_key()
        if key is None:
            return None
        source, ref = key
        if source == "library":
            ex = library()[ref]
            return {
                "name": ex.name,
                "kind": ex.kind,
                "unit": ex.unit,
                "sets": ex.sets,
                "how_to": ex.how_to,
                "cautions": list(ex.cautions),
                "equipment": list(ex.equipment),
                "start": ex.default_start,
                "target": ex.default_target,
            }
        if source == "custom":
            row = next((e for e in planner.custom_exercises() if e.id == ref), None)
            if row is None:
                return None
            return {
                "name": row.name,
                "kind": row.kind,
                "unit": row.unit,
                "sets": row.sets,
                "how_to": row.how_to,
                "cautions": [c for c in row.cautions.splitlines() if c],
                "equipment": [],
                "start": row.default_start,
                "target": row.default_target,
            }
        new = self._new_custom[int(ref)]
        unit = new["unit"]
        return {
            "name": new["name"],
            "kind": new["kind"],
            "unit": unit,
            "sets": 1,
            "how_to": new["how_to"],
            "cautions": [new["cautions"]] if new["cautions"] else [],
            "equipment": [],
            "start": 5,
            "target": 30 if unit == "minutes" else 15,
        }

    def _exercise_changed(self, *_args: Any) -> None:
        info = self.exercise_info()
        if info is None:
            self._refresh()
            return
        self.title.setText(info["name"])
        self.how_to.setText(info["how_to"] or "No description given.")
        parts = []
        if info["equipment"]:
            parts.append("<b>You need:</b> " + ", ".join(info["equipment"]))
        if info["cautions"]:
            parts.append("<b>Take care:</b> " + " ".join(info["cautions"]))
        self.cautions.setText("<br>".join(parts))
        suffix = _unit_suffix(info["unit"])
        if info["unit"] == "reps" and info["sets"] > 1:
            suffix += f" \u00d7 {info['sets']} sets"
        for spin in (
            self.start_dose,
            self.target,
            self.floor,
            self.good_day,
            self.bad_day,
            *self.trials,
        ):
            spin.setSuffix(suffix if spin is not self.floor else _unit_suffix(info["unit"]))
        if self.editing is None and not self._doses_touched:
            self._set_doses(info["start"], info["target"])
        if self.editing is None and not self._days_touched:
            self._apply_suggestion(touched=False)
        self._refresh()

    def _set_doses(self, start: int, target: int) -> None:
        self.start_dose.blockSignals(True)
        self.target.blockSignals(True)
        self.start_dose.setValue(start)
        self.target.setValue(target)
        self.start_dose.blockSignals(False)
        self.target.blockSignals(False)

    def _add_own(self) -> None:
        values = CustomExerciseDialog.ask(self)
        if values is not None:
            self.add_custom_choice(values)

    def add_custom_choice(self, values: dict[str, Any]) -> None:
        """Offer the person's new exercise in the picker and choose it (saved with the plan)."""
        self._new_custom.append(values)
        group = self._groups["own"]
        if self.tree.indexOfTopLevelItem(group) < 0:
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        child = QTreeWidgetItem([values["name"]])
        child.setData(0, ROLE, ("new", len(self._new_custom) - 1))
        group.addChild(child)
        self._doses_touched = False
        self.tree.setCurrentItem(child)

    # -- days ---------------------------------------------------------------------------
    def weekdays(self) -> list[int]:
        return [i for i, check in enumerate(self.day_boxes) if check.isChecked()]

    def suggested_days(self) -> list[int]:
        info = self.exercise_info()
        if info is None:
            return []
        week: dict[int, list[str]] = {}
        for plan in self._existing:
            for day in plan.weekdays:
                week.setdefault(day, []).append(plan.kind)
        return suggest_days(info["kind"], week)

    def _apply_suggestion(self, touched: bool = True) -> None:
        days = self.suggested_days()
        if not days:
            return
        for index, check in enumerate(self.day_boxes):
            check.blockSignals(True)
            check.setChecked(index in days)
            check.blockSignals(False)
        self._days_touched = bool(touched)
        self._refresh()

    def _days_changed(self, _on: bool = False) -> None:
        self._days_touched = True
        self._refresh()

    def _dose_edited(self, _value: int = 0) -> None:
        self._doses_touched = True
        self._refresh()

    # -- helper and advanced ------------------------------------------------------------
    def _toggle_helper(self, on: bool) -> None:
        self.helper.setVisible(on)
        self.helper_toggle.setText(f"{HELPER_TEXT} {_disclosure(on)}")
        self._helper_changed()

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setText(f"{ADVANCED_TEXT} {_disclosure(on)}")

    def _reset_advanced(self) -> None:
        d = pacing.DEFAULT_SETTINGS
        self.max_increase.setValue(d.max_increase_pct)
        self.step_back.setValue(d.step_back_pct)
        self.floor.setValue(d.floor)
        self.rise_hold.setValue(d.leg_pain_rise_hold)
        self.margin.setValue(d.payback_margin)

    def helper_dose(self) -> int | None:
        """The starting dose the helper suggests, or None until it has numbers."""
        try:
            if self.trials_mode.isChecked():
                values = [s.value() for s in self.trials]
                if not any(values):
                    return None
                return baseline_from_trials(values)
            if not (self.good_day.value() or self.bad_day.value()):
                return None
            return baseline_from_tolerance(self.good_day.value(), self.bad_day.value())
        except ValueError:
            return None

    def _helper_changed(self, *_args: Any) -> None:
        dose = self.helper_dose()
        info = self.exercise_info()
        unit = info["unit"] if info else "minutes"
        if dose is None:
            self.helper_result.setText(
                "Do the exercise on three flare-free days and note how much felt comfortable; "
                "or write what you manage on a good day and on a bad day."
            )
        else:
            self.helper_result.setText(f"Suggested starting dose: {amount_text(dose, unit)}.")
        self.use_helper.setEnabled(dose is not None)

    def _apply_helper(self) -> None:
        dose = self.helper_dose()
        if dose is not None:
            self.start_dose.setValue(dose)
            if self.target.value() < dose:
                self.target.setValue(dose)

    # -- checks -------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """What still stops the plan from being saved, in words."""
        found = []
        if self.exercise_info() is None:
            found.append("Choose an exercise.")
        if not self.weekdays():
            found.append("Choose at least one day.")
        if self.editing is None and self.start_dose.value() > self.target.value():
            found.append("The starting dose is above the target.")
        return found

    def schedule_warnings(self) -> list[str]:
        info = self.exercise_info()
        days = tuple(self.weekdays())
        if info is None or not days:
            return []
        this = PlanDays(name=info["name"], kind=info["kind"], weekdays=days)
        return schedule_warnings([*self._existing, this])

    def _refresh(self) -> None:
        info = self.exercise_info()
        if info is None:
            self.suggestion.setText("")
            self.use_suggestion.setEnabled(False)
        else:
            days = self.suggested_days()
            self.suggestion.setText(
                f"Suggested: {weekdays_text(days)} ({KIND_WHY.get(info['kind'], '')})."
            )
            self.use_suggestion.setEnabled(days != self.weekdays())
        warnings = self.schedule_warnings()
        problems = self.problems()
        lines = ["\N{WARNING SIGN} " + w for w in warnings]
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))
        self.ok.setEnabled(not problems)
        self.ok.setToolTip(" ".join(problems))
        self._helper_changed()

    # -- values -------------------------------------------------------------------------
    def settings(self) -> pacing.PacingSettings:
        return pacing.PacingSettings(
            max_increase_pct=round(self.max_increase.value(), 1),
            step_back_pct=round(self.step_back.value(), 1),
            floor=self.floor.value(),
            leg_pain_rise_hold=round(self.rise_hold.value(), 1),
            payback_margin=round(self.margin.value(), 1),
        )

    def values(self) -> dict[str, Any]:
        key = self.exercise_key()
        pain = round(self.baseline_pain.value(), 1)
        qdate = self.start_date.date()
        custom = None
        exercise_id = None
        if key is not None:
            if key[0] == "new":
                custom = dict(self._new_custom[int(key[1])])
            else:
                exercise_id = key[1]
        return {
            "plan_id": self.editing.id if self.editing else None,
            "exercise_id": exercise_id,
            "custom_exercise": custom,
            "weekdays": planner.weekdays_to_mask(self.weekdays()),
            "time_of_day": self.time.time().toString("HH:mm"),
            "start_date": date(qdate.year(), qdate.month(), qdate.day()),
            "start_dose": self.start_dose.value(),
            "target_dose": self.target.value(),
            "settings": self.settings(),
            "baseline_pain": None if pain < 0 else pain,
            "reminders": self.reminders.isChecked(),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        """Put answers back (after a failed save), so nothing typed is lost."""
        if values.get("custom_exercise"):
            self.add_custom_choice(values["custom_exercise"])
        elif values.get("exercise_id") and self.editing is None:
            source = "library" if values["exercise_id"] in library() else "custom"
            self._select_exercise((source, values["exercise_id"]))
        if "weekdays" in values:
            days = planner.mask_to_weekdays(values["weekdays"])
            for index, check in enumerate(self.day_boxes):
                check.setChecked(index in days)
        if values.get("time_of_day"):
            hour, minute = (int(x) for x in values["time_of_day"].split(":"))
            self.time.setTime(QTime(hour, minute))
        if values.get("start_date") and self.editing is None:
            d = values["start_date"]
            self.start_date.setDate(QDate(d.year, d.month, d.day))
        if values.get("start_dose") and self.editing is None:
            self.start_dose.setValue(values["start_dose"])
        if values.get("target_dose"):
            self.target.setValue(values["target_dose"])
        if "baseline_pain" in values:
            pain = values["baseline_pain"]
            self.baseline_pain.setValue(-0.5 if pain is None else pain)
        if "reminders" in values:
            self.reminders.setChecked(bool(values["reminders"]))
        s = values.get("settings")
        if isinstance(s, pacing.PacingSettings):
            self.max_increase.setValue(s.max_increase_pct)
            self.step_back.setValue(s.step_back_pct)
            self.floor.setValue(s.floor)
            self.rise_hold.setValue(s.leg_pain_rise_hold)
            self.margin.setValue(s.payback_margin)
        self._refresh()

    # -- asking -------------------------------------------------------------------------
    @classmethod
    def ask(
        cls,
        ctx: AppContext,
        parent: QWidget | None = None,
        plan: PlanView | None = None,
        initial: dict[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """Show the dialog; the answers (see :meth:`values`) or None when cancelled."""
        dialog = cls(ctx, parent, plan, initial)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


def plan_answers(values: dict[str, Any]) -> PlanAnswers:
    """The dialog's answers (:meth:`PlanDialog.values`) as :func:`planner.save_plan` takes
    them; a new own exercise starts at the plan's doses."""
    custom = values.get("custom_exercise")
    new_exercise = None
    if custom:
        new_exercise = NewExercise(
            name=custom["name"],
            kind=custom["kind"],
            unit=custom["unit"],
            how_to=custom.get("how_to", ""),
            cautions=custom.get("cautions", ""),
            default_start=values["start_dose"],
            default_target=values["target_dose"],
        )
    return PlanAnswers(
        plan_id=values.get("plan_id"),
        exercise_id=values.get("exercise_id"),
        new_exercise=new_exercise,
        weekdays=values["weekdays"],
        time_of_day=values["time_of_day"],
        start_date=values["start_date"],
        start_dose=values["start_dose"],
        target_dose=values["target_dose"],
        settings=values["settings"],
        baseline_pain=values["baseline_pain"],
        reminders=values["reminders"],
    )


def plan_flow(
    ctx: AppContext, parent: QWidget | None = None, plan: PlanView | None = None
) -> str | None:
    """Ask for a plan and save it; if saving fails, ask again with what was typed.

    Returns the plan id once saved, None when the person cancels.
    """
    problems: list[str] = []

    def remember(sentence: str) -> None:
        problems.append(sentence)

    ctx.saveFailed.connect(remember)
    try:
        values: dict[str, Any] | None = None
        while True:
            values = PlanDialog.ask(ctx, parent, plan, values)
            if values is None:
                return None
            saved = ctx.perform(lambda v=values: planner.save_plan(plan_answers(v)), source=parent)
            if saved is not None:
                return saved.value
    finally:
        ctx.saveFailed.disconnect(remember)
