"""The pacing-settings box of the plan dialog: the rule's numbers (domain.md s.7), at
their usual values unless the person changes them."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QPushButton, QWidget

from fibrodesk.core import pacing
from fibrodesk.db.planner import MAX_DOSE
from fibrodesk.ui.plan_fields import DoseSpin, NumberSpin, unit_suffix


class PacingSettingsBox(QGroupBox):
    """Largest weekly increase, step back, floor, the leg-pain rise that holds and the
    payback margin: :meth:`settings` gives them as the rule takes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Pacing rule (the usual values suit most people)", parent)
        self.setObjectName("advancedSettings")
        form = QFormLayout(self)
        self.max_increase = NumberSpin(0, 100, 1, "Largest weekly increase", " %")
        self.max_increase.setObjectName("maxIncrease")
        form.addRow("Increase each week by at &most:", self.max_increase)
        self.step_back = NumberSpin(1, 90, 1, "Step back by", " %")
        self.step_back.setObjectName("stepBack")
        form.addRow("After a payback day, step &back by:", self.step_back)
        self.floor = DoseSpin(1, MAX_DOSE, "Never go below")
        self.floor.setObjectName("floorDose")
        form.addRow("&Never go below:", self.floor)
        self.rise_hold = NumberSpin(0.5, 10, 0.5, "Hold when leg pain rises by")
        self.rise_hold.setObjectName("riseHold")
        form.addRow("Hold when average leg pain r&ises by:", self.rise_hold)
        self.margin = NumberSpin(0.5, 10, 0.5, "Payback day margin")
        self.margin.setObjectName("paybackMargin")
        form.addRow("&Payback day: leg pain above usual by:", self.margin)
        reset = QPushButton("Bac&k to the usual values")
        reset.clicked.connect(self.reset)
        form.addRow("", reset)
        self.reset()

    def reset(self) -> None:
        """Back to the domain.md defaults."""
        self.set_settings(pacing.DEFAULT_SETTINGS)

    def set_settings(self, s: pacing.PacingSettings) -> None:
        self.max_increase.setValue(float(s.max_increase_pct))
        self.step_back.setValue(float(s.step_back_pct))
        self.floor.setValue(s.floor)
        self.rise_hold.setValue(float(s.leg_pain_rise_hold))
        self.margin.setValue(float(s.payback_margin))

    def set_unit(self, unit: str) -> None:
        self.floor.setSuffix(unit_suffix(unit))

    def settings(self) -> pacing.PacingSettings:
        return pacing.PacingSettings(
            max_increase_pct=round(self.max_increase.value(), 1),
            step_back_pct=round(self.step_back.value(), 1),
            floor=self.floor.value(),
            leg_pain_rise_hold=round(self.rise_hold.value(), 1),
            payback_margin=round(self.margin.value(), 1),
        )
