"""Make (or change) a paced exercise plan: exercise, days, time, starting dose, target.

The dialog does the thinking a foggy day makes hard: it suggests days that alternate
aerobic and strength work and warns when the week breaks the rules (strength at most twice
a week, alternate days; :mod:`fibrodesk.ui.plan_days`), offers a starting dose
(:mod:`fibrodesk.ui.dose_helper`), and keeps the pacing numbers at their domain.md
defaults unless the person opens "Advanced" (:mod:`fibrodesk.ui.pacing_box`). The
exercise is chosen and described in :mod:`fibrodesk.ui.exercise_picker`. This module
puts them together with the dose box and reads and writes the answers.

``PlanDialog.ask(ctx, parent)`` returns the answers as a dict (or None);
:func:`fibrodesk.ui.plan_flow.plan_flow` saves them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import pacing
from fibrodesk.core.clock import now
from fibrodesk.core.exercises import library
from fibrodesk.db import planner
from fibrodesk.db.planner import PlanView
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.dose_helper import DoseHelper
from fibrodesk.ui.exercise_picker import ExerciseDetails, ExercisePicker
from fibrodesk.ui.pacing_box import PacingSettingsBox
from fibrodesk.ui.plan_days import PlanDaysBox
from fibrodesk.ui.plan_fields import DoseSpin, NumberSpin, add_disclosure, disclosure, unit_suffix
from fibrodesk.ui.reflow import within_screen

HELPER_TEXT = "&Help me find a starting dose"
ADVANCED_TEXT = "Ad&vanced"


class PlanDialog(QDialog):
    """Ask for a new plan, or for changes to one (``plan`` given).

    Attributes:
        editing: the plan being changed, or None for a new plan.
        picker: the exercise picker (``tree`` is its list).
        details: how the chosen exercise is done (``title``, ``how_to``, ``cautions``).
        days: the days-and-time box (``day_boxes``, ``time``, ``start_date``, ``reminders``).
        helper: the dose helper; advanced: the pacing-settings box.
        problem: why the last save was refused, shown above the buttons.
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        plan: PlanView | None = None,
        initial: dict[str, Any] | None = None,
        today: date | None = None,
        problem: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing = plan
        self.today = today or now().date()
        self._days_touched = False
        self._doses_touched = False
        self.setObjectName("planDialog")
        self.setWindowTitle("Change plan" if plan else "Choose a gentle exercise")
        self.resize(within_screen(self, 980, 680))

        outer = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

        self.picker = ExercisePicker()
        self.tree = self.picker.tree
        self.add_own = self.picker.add_own
        split.addWidget(self.picker)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right = QWidget()
        box = QVBoxLayout(right)
        scroll.setWidget(right)
        split.addWidget(scroll)
        split.setSizes([320, 660])
        self.details = ExerciseDetails()
        self.title, self.how_to, self.cautions = (
            self.details.title,
            self.details.how_to,
            self.details.cautions,
        )
        box.addWidget(self.details)
        self._existing = planner.plan_days(exclude_plan=plan.id if plan else None)
        self.days = PlanDaysBox(self._existing, self.today)
        self.days.daysToggled.connect(self._days_changed)
        # Suggested days are not the person's own choice: another exercise re-suggests.
        self.days.suggestionUsed.connect(lambda: self._apply_suggestion(touched=False))
        self.day_boxes = self.days.day_boxes
        self.suggestion, self.use_suggestion = self.days.suggestion, self.days.use_suggestion
        self.warnings = self.days.warnings
        self.time, self.start_date = self.days.time, self.days.start_date
        self.reminders = self.days.reminders
        box.addWidget(self.days)
        self._build_dose(box)

        self.helper = DoseHelper()
        self.helper.useDose.connect(self._apply_helper)
        self.helper_toggle = add_disclosure(
            box, HELPER_TEXT, "baselineHelperToggle", self.helper, self._toggle_helper
        )
        self.trials, self.good_day, self.bad_day = (
            self.helper.trials,
            self.helper.good_day,
            self.helper.bad_day,
        )
        self.trials_mode, self.tolerance_mode = self.helper.trials_mode, self.helper.tolerance_mode
        self.use_helper = self.helper.use
        self.advanced = PacingSettingsBox()
        self.advanced_toggle = add_disclosure(
            box, ADVANCED_TEXT, "advancedToggle", self.advanced, self._toggle_advanced
        )
        self.max_increase, self.step_back, self.floor = (
            self.advanced.max_increase,
            self.advanced.step_back,
            self.advanced.floor,
        )
        self.rise_hold, self.margin = self.advanced.rise_hold, self.advanced.margin
        box.addStretch(1)

        self.problem = QLabel(problem)
        self.problem.setObjectName("saveProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setVisible(bool(problem))
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("acceptPlan")
        self.ok.setText("Save changes" if plan else "Start this plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self.picker.changed.connect(self._exercise_changed)
        if plan is not None:
            self._load_plan(plan)
        else:
            self.baseline_pain.setValue(self._usual_pain())
        if initial:
            self.set_values(initial)
        self._refresh()

    # -- building -----------------------------------------------------------------------
    def _build_dose(self, box: QVBoxLayout) -> None:
        dose_group = QGroupBox("3. How much")
        dose_form = QFormLayout(dose_group)
        self.start_dose = DoseSpin(1, planner.MAX_DOSE, "Starting dose")
        self.start_dose.setObjectName("startDose")
        self.start_dose.valueChanged.connect(self._dose_edited)
        dose_form.addRow("&Starting dose:", self.start_dose)
        self.target = DoseSpin(1, planner.MAX_DOSE, "Target")
        self.target.setObjectName("targetDose")
        self.target.valueChanged.connect(self._dose_edited)
        dose_form.addRow("Targ&et:", self.target)
        hint = QLabel(
            "Start with a dose you could manage even on a bad day. The planner adds at most "
            "10% a week, holds after a flare, and steps back after a payback day. A lower "
            "target applies at once."
        )
        hint.setWordWrap(True)
        dose_form.addRow(hint)
        self.baseline_pain = NumberSpin(-0.5, 10, 0.5, "Usual leg pain")
        self.baseline_pain.setObjectName("baselinePain")
        self.baseline_pain.setSpecialValueText("not known")
        self.baseline_pain.setValue(-0.5)
        self.baseline_pain.setToolTip(
            "Your usual leg pain, 0-10 (the highest leg mark of a day). A day after a session "
            "with leg pain 3 or more above it is a payback day. Left unknown, the planner "
            "uses your average of the two weeks before each review."
        )
        dose_form.addRow("&Usual leg pain (0-10):", self.baseline_pain)
        box.addWidget(dose_group)

    # -- loading ------------------------------------------------------------------------
    def _usual_pain(self) -> float:
        usual = planner.usual_leg_pain(self.today)
        return -0.5 if usual is None else usual

    def _load_plan(self, plan: PlanView) -> None:
        self._select_exercise(("library" if not plan.custom else "custom", plan.exercise_id))
        self.tree.setEnabled(False)
        self.add_own.setEnabled(False)
        self.days.set_weekdays(plan.weekdays)
        self._days_touched = True
        self.days.set_time_text(plan.time_of_day)
        self.days.set_start_date(plan.start_date)
        self.start_date.setEnabled(False)
        self.start_dose.setValue(plan.current_dose)
        self.start_dose.setEnabled(False)
        self.start_dose.setToolTip("The dose now; the weekly review moves it.")
        self.target.setValue(plan.target_dose)
        self._doses_touched = True
        self.baseline_pain.setValue(-0.5 if plan.baseline_pain is None else plan.baseline_pain)
        self.reminders.setChecked(plan.reminders)
        self.advanced.set_settings(plan.settings)
        self.helper_toggle.hide()

    def _select_exercise(self, key: tuple[str, str]) -> None:
        self.picker.select(key)

    # -- the chosen exercise ------------------------------------------------------------
    def exercise_key(self) -> tuple[str, Any] | None:
        return self.picker.key()

    def exercise_info(self) -> dict[str, Any] | None:
        """Name, kind, unit, sets, how-to, cautions and default doses of the choice."""
        return self.picker.info()

    def _exercise_changed(self) -> None:
        info = self.exercise_info()
        if info is None:
            self._refresh()
            return
        self.details.show_exercise(info)
        suffix = unit_suffix(info["unit"])
        if info["unit"] == "reps" and info["sets"] > 1:
            suffix += f" \u00d7 {info['sets']} sets"
        for spin in (self.start_dose, self.target):
            spin.setSuffix(suffix)
        self.helper.set_unit(info["unit"], suffix)
        self.advanced.set_unit(info["unit"])
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

    def add_custom_choice(self, values: dict[str, Any]) -> None:
        """Offer the person's new exercise in the picker and choose it (saved with the plan)."""
        self._doses_touched = False
        self.picker.add_custom_choice(values)

    # -- days ---------------------------------------------------------------------------
    def weekdays(self) -> list[int]:
        return self.days.weekdays()

    def suggested_days(self) -> list[int]:
        return self.days.suggested_days(self.exercise_info())

    def _apply_suggestion(self, touched: bool = True) -> None:
        days = self.suggested_days()
        if not days:
            return
        self.days.set_weekdays(days, quiet=True)
        self._days_touched = bool(touched)
        self._refresh()

    def _days_changed(self) -> None:
        self._days_touched = True
        self._refresh()

    def _dose_edited(self, _value: int = 0) -> None:
        self._doses_touched = True
        self._refresh()

    # -- helper and advanced ------------------------------------------------------------
    def _toggle_helper(self, on: bool) -> None:
        self.helper.setVisible(on)
        self.helper_toggle.setText(f"{HELPER_TEXT} {disclosure(on)}")
        self.helper.refresh()

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setText(f"{ADVANCED_TEXT} {disclosure(on)}")

    def _apply_helper(self, dose: int) -> None:
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

    def _refresh(self) -> None:
        self.days.refresh(self.exercise_info())
        problems = self.problems()
        self.ok.setEnabled(not problems)
        self.ok.setToolTip(" ".join(problems))

    # -- values -------------------------------------------------------------------------
    def settings(self) -> pacing.PacingSettings:
        return self.advanced.settings()

    def values(self) -> dict[str, Any]:
        key = self.exercise_key()
        pain = round(self.baseline_pain.value(), 1)
        return {
            "plan_id": self.editing.id if self.editing else None,
            "exercise_id": key[1] if key is not None and key[0] != "new" else None,
            "custom_exercise": self.picker.new_choice(),
            "weekdays": planner.weekdays_to_mask(self.weekdays()),
            "time_of_day": self.days.time_text(),
            "start_date": self.days.first_day(),
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
            self.days.set_weekdays(planner.mask_to_weekdays(values["weekdays"]))
        if values.get("time_of_day"):
            self.days.set_time_text(values["time_of_day"])
        if values.get("start_date") and self.editing is None:
            self.days.set_start_date(values["start_date"])
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
            self.advanced.set_settings(s)
        self._refresh()

    # -- asking -------------------------------------------------------------------------
    @classmethod
    def ask(
        cls,
        ctx: AppContext,
        parent: QWidget | None = None,
        plan: PlanView | None = None,
        initial: dict[str, Any] | None = None,
        problem: str = "",
    ) -> dict[str, Any] | None:
        """Show the dialog; the answers (see :meth:`values`) or None when cancelled."""
        dialog = cls(ctx, parent, plan, initial, problem=problem)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()
