"""Ask for a plan and save it with one operation (:func:`fibrodesk.db.planner.save_plan`);
on a refused save (a full disk) ask again with everything typed and the reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fibrodesk.db import planner
from fibrodesk.db.planner import NewExercise, PlanAnswers, PlanView
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.plan_dialog import PlanDialog


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
            problem = problems[-1] if problems else ""
            values = PlanDialog.ask(ctx, parent, plan, values, problem=problem)
            if values is None:
                return None
            saved = ctx.perform(lambda v=values: planner.save_plan(plan_answers(v)), source=parent)
            if saved is not None:
                return saved.value
    finally:
        ctx.saveFailed.disconnect(remember)
