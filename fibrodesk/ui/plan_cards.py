"""The Planner page's plan cards: one card per plan (what, when, the dose now, the target
and the pacing rule's latest decision in words), and the dialog listing every decision of
a plan ("Why...").

A card only shows and asks: its Change and Stop buttons emit ``changeRequested`` and
``stopRequested`` with the plan, and the page (:mod:`fibrodesk.ui.planner_page`) runs them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import day_name
from fibrodesk.core.plan_text import weekdays_text, with_revision
from fibrodesk.db import planner
from fibrodesk.db.planner import PlanView

KIND_WORDS = {
    "aerobic": "aerobic",
    "strength": "gentle strength",
    "stretching": "stretching",
    "balance": "balance",
    "mind_body": "mind and body",
}


def bigger(label: QLabel, factor: float = 1.2, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


class WrapHost(QWidget):
    """A scroll area's content that is as tall as its wrapped lines need at its width
    (QScrollArea alone sizes it by a guess, cutting the plan cards' wrapped lines)."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None:
            need = layout.totalHeightForWidth(self.width())
            if need > 0 and need != self.minimumHeight():
                self.setMinimumHeight(need)


def decision_words(plan: PlanView) -> str:
    """The latest decision in words, with the day it was made."""
    latest = plan.latest
    if latest is None:
        return ""
    if latest.action == "start":
        return latest.reason
    return (
        f"Review of {day_name(latest.review_date)}: {with_revision(latest.reason, latest.revision)}"
    )


class DecisionsDialog(QDialog):
    """Every pacing decision of one plan, newest first, each with its reason."""

    def __init__(self, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionsDialog")
        self.setWindowTitle(f"{plan.exercise_name}: how the dose has moved")
        box = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("decisionsList")
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Pacing decisions, newest first")
        for d in planner.decisions(plan.id):
            self.list.addItem(
                f"{day_name(d.review_date)} {d.review_date.year}: "
                f"{plan.dose_text(d.new_dose)}. {with_revision(d.reason, d.revision)}"
            )
        box.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(620, 420)


class PlanCard(QFrame):
    """One plan: what, when, how much now, the target, and the latest decision."""

    changeRequested = Signal(object)  # the PlanView
    stopRequested = Signal(object)  # the PlanView

    def __init__(self, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName(f"plan_{plan.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        self.name = bigger(QLabel(plan.exercise_name), 1.15)
        self.name.setObjectName("planName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # an exercise name is text
        self.name.setWordWrap(True)  # every line of a card wraps: a narrow column, no scrolling
        box.addWidget(self.name)
        self.when = QLabel(
            f"{KIND_WORDS.get(plan.kind, plan.kind).capitalize()} \N{MIDDLE DOT} "
            f"{weekdays_text(plan.weekdays)} at {plan.time_of_day}"
        )
        self.when.setObjectName("planWhen")
        self.when.setWordWrap(True)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.when)
        self.dose = QLabel(
            f"Now: <b>{plan.dose_text()}</b> \N{MIDDLE DOT} target {plan.dose_text(plan.target_dose)}"
        )
        self.dose.setObjectName("planDose")
        self.dose.setTextFormat(Qt.TextFormat.RichText)
        self.dose.setWordWrap(True)
        box.addWidget(self.dose)
        bar = QProgressBar()
        bar.setRange(0, plan.target_dose)
        bar.setValue(min(plan.current_dose, plan.target_dose))
        bar.setFormat(f"{plan.current_dose} of {plan.target_dose}")
        bar.setAccessibleName(f"Dose {plan.current_dose} of target {plan.target_dose}")
        bar.setMaximumHeight(bar.fontMetrics().height() + 6)
        box.addWidget(bar)
        self.decision = QLabel(decision_words(plan))
        self.decision.setObjectName("latestDecision")
        self.decision.setTextFormat(Qt.TextFormat.PlainText)
        self.decision.setWordWrap(True)
        self.decision.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.decision)
        if plan.next_session is not None:
            following = QLabel(f"Next session: {day_name(plan.next_session)}")
            following.setWordWrap(True)
            box.addWidget(following)
        row = QHBoxLayout()
        self.change = QPushButton("Change\N{HORIZONTAL ELLIPSIS}")
        self.change.setObjectName("changePlan")
        self.change.setAccessibleName(f"Change {plan.exercise_name} plan")
        self.change.clicked.connect(lambda: self.changeRequested.emit(plan))
        self.history = QPushButton("Why\N{HORIZONTAL ELLIPSIS}")
        self.history.setObjectName("planHistory")
        self.history.setAccessibleName(f"How the {plan.exercise_name} dose has moved, and why")
        self.history.setToolTip("Every change of dose, with its reason")
        self.history.clicked.connect(lambda: DecisionsDialog(plan, self.window()).exec())
        self.stop = QPushButton("Stop\N{HORIZONTAL ELLIPSIS}")
        self.stop.setObjectName("stopPlan")
        self.stop.setAccessibleName(f"Stop {plan.exercise_name} plan")
        self.stop.clicked.connect(lambda: self.stopRequested.emit(plan))
        for button in (self.change, self.history, self.stop):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.setAccessibleName(
            f"{plan.exercise_name}: now {plan.dose_text()}, target "
            f"{plan.dose_text(plan.target_dose)}. {decision_words(plan)}"
        )
