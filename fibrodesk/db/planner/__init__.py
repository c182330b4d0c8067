"""Exercise plans, their sessions and the weekly pacing review, on the diary. No Qt.

Split along its seams: :mod:`.exercises` (library and own exercises), :mod:`.plans`
(make, change, stop, read), :mod:`.schedule` (planned sessions), :mod:`.sessions` (log
and read sessions) and :mod:`.reviews` (the weekly review and its revision). The names
below are the planner's public face, used as ``planner.log_session(...)``.
"""

from __future__ import annotations

from .common import (
    HORIZON_DAYS,
    LOGGED_STATUSES,
    MAX_DOSE,
    REVIEW_DAYS,
    STATUSES,
    DecisionView,
    mask_to_weekdays,
    weekdays_to_mask,
)
from .exercises import (
    NewExercise,
    OwnExercise,
    add_custom_exercise,
    custom_exercises,
    ensure_exercise,
    library_fields,
)
from .plans import (
    PlanAnswers,
    PlanView,
    create_plan,
    decisions,
    plan,
    plan_days,
    plans,
    save_plan,
    stop_plan,
    update_plan,
    week_assignments,
)
from .reminders import reminder_settings, save_reminder_settings
from .reviews import (
    WeekFacts,
    due_reviews,
    has_due_work,
    leg_pain_by_day,
    plan_settings,
    revise_review,
    run_due_reviews,
    usual_leg_pain,
    week_facts,
    weekly_review,
)
from .schedule import schedule_sessions
from .sessions import (
    SessionView,
    diary_written_on,
    log_session,
    reset_session,
    session,
    sessions_between,
)

__all__ = [
    "HORIZON_DAYS",
    "LOGGED_STATUSES",
    "MAX_DOSE",
    "REVIEW_DAYS",
    "STATUSES",
    "DecisionView",
    "NewExercise",
    "OwnExercise",
    "PlanAnswers",
    "PlanView",
    "SessionView",
    "WeekFacts",
    "add_custom_exercise",
    "create_plan",
    "custom_exercises",
    "decisions",
    "diary_written_on",
    "due_reviews",
    "ensure_exercise",
    "has_due_work",
    "leg_pain_by_day",
    "library_fields",
    "log_session",
    "mask_to_weekdays",
    "plan",
    "plan_days",
    "plan_settings",
    "plans",
    "reminder_settings",
    "reset_session",
    "revise_review",
    "run_due_reviews",
    "save_plan",
    "save_reminder_settings",
    "schedule_sessions",
    "session",
    "sessions_between",
    "stop_plan",
    "update_plan",
    "usual_leg_pain",
    "week_assignments",
    "week_facts",
    "weekdays_to_mask",
    "weekly_review",
]
