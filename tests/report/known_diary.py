"""A small diary with known values for the report's tests, written through the db/
functions a person's clicks call. The figures the report must show are worked out by
hand in the tests from the values here, not by the report's code.

Period: Monday 2 March to Sunday 29 March 2026 (28 days); the comparison period is the
28 days before it, 2 February to 1 March 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from fibrodesk.db import checkins, marks, planner, tender, weekly
from fibrodesk.db.checkins import TreatmentUse
from fibrodesk.db.models import CheckIn, PacingDecision
from fibrodesk.db.report_data import ReportDetails, save_report_details
from fibrodesk.db.weekly import WeeklyAnswers
from fibrodesk.report.period import Period

PERIOD = Period(date(2026, 3, 2), date(2026, 3, 29))
GENERATED = datetime(2026, 3, 30, 9, 15, tzinfo=UTC)

D = {n: date(2026, 3, n) for n in range(1, 32)}
B = {n: date(2026, 2, n) for n in range(1, 29)}

# (day, region, intensity): leg pain of a day is its highest leg mark.
MARKS = [
    (D[2], "knee_inner_left", 6),
    (D[2], "calf_right", 3),
    (D[3], "thigh_outer_right", 4),
    (D[4], "shin_left", 8),
    (D[4], "lower_back", 9),  # not a leg region: the day's leg pain stays 8
    (D[20], "calf_right", 5),
    (B[10], "calf_left", 2),
    (B[11], "calf_left", 4),
]
# Leg pain by day in the period: 6, 4, 8, 5; before: 2, 4.
LEG_NOW = [6, 4, 8, 5]
LEG_BEFORE = [2, 4]

CHECKINS = {
    D[2]: dict(
        sleep_hours=6.5,
        fatigue=5,
        fog=3,
        restless_legs=2,
        leg_weakness=4,
        overall_pain=5,
        falls=1,
        flare=True,
    ),
    D[3]: dict(
        sleep_hours=7.5,
        fatigue=7,
        fog=5,
        restless_legs=4,
        leg_weakness=6,
        overall_pain=6,
        falls=0,
        flare=True,
    ),
    D[5]: dict(sleep_hours=5.0, fatigue=6, flare=True, falls=2),
    D[9]: dict(sleep_hours=8.0, fatigue=2, flare=False, note="Calf cramps woke me 3 times <i>"),
    B[12]: dict(
        sleep_hours=9.0,
        fatigue=1,
        fog=1,
        restless_legs=1,
        leg_weakness=1,
        overall_pain=2,
        flare=True,
    ),
}
TREATMENTS = {
    D[2]: [TreatmentUse("Pregabalin", "75 mg"), TreatmentUse("Heat pad")],
    D[3]: [TreatmentUse("Pregabalin", "150 mg")],
    D[9]: [TreatmentUse("Pregabalin", "75 mg")],
}
TENDER = (D[4], ["knee_left", "gluteal_right", "trapezius_left"])
SSS_WEEK = D[2]
SSS = WeeklyAnswers(
    fatigue=2,
    unrefreshed=2,
    cognitive=1,
    headaches=True,
    lower_abdomen=False,
    depression=False,
    months=12,
)
FIQR_BEFORE = (B[10], 6)  # every item 6: 54/3 + 12 + 60/2 = 60
FIQR_NOW = (D[20], 4)  # every item 4: 36/3 + 8 + 40/2 = 40
DETAILS = ReportDetails(
    name="Ada Lovelace <b>",
    birth_date="10 December 1985",
    clinician="Dr. Rheum & Co",
    questions=("Could the calf pain at night be restless legs?", "Is 30 minutes of walking safe?"),
)
SESSIONS = {"done": 3, "partly": 1, "skipped": 2}
DECISION_REASON = "Held: a session was cut short for pain on Wednesday 11 March."


def build() -> None:
    for day, region, intensity in MARKS:
        entry = marks.create_entry(day, time(9, 0))
        marks.set_mark(entry.id, region, intensity)
    checkins.remember_treatment("Pregabalin", "medication", "75 mg")
    for day, fields in CHECKINS.items():
        checkins.save_checkin(day, fields, TREATMENTS.get(day, ()))
    day, points = TENDER
    for point in points:
        tender.set_point(day, point, True)
    tender.set_point(day, "knee_right", False)
    weekly.save_weekly(SSS_WEEK, SSS)
    for day, value in (FIQR_BEFORE, FIQR_NOW):
        weekly.save_fiqr(day, [value] * 9, [value] * 2, [value] * 10)
    plan = planner.create_plan("flat_walking", 0b0010101, "10:00", D[2], 10, 30, today=D[2])
    sessions = [s for s in planner.sessions_between(D[2], D[29]) if s.plan_id == plan.id]
    statuses = ["done"] * 3 + ["partly"] + ["skipped"] * 2
    for session, status in zip(sessions, statuses, strict=False):
        if status == "skipped":
            planner.log_session(session.id, status, reason="Too tired")
        elif status == "partly":
            planner.log_session(session.id, status, actual_dose=6, stopped_for_pain=True)
        else:
            planner.log_session(session.id, status)
    PacingDecision.create(
        plan=plan.id,
        review_date="2026-03-16",
        action="hold",
        old_dose=10,
        new_dose=10,
        reason=DECISION_REASON,
    )
    CheckIn.update(for_doctor=True).where(CheckIn.date == D[9].isoformat()).execute()
    save_report_details(DETAILS)
