"""The exercise plans as an iCalendar file (RFC 5545), for a phone or desktop calendar.

One VEVENT per active plan, repeating weekly on the plan's days
(``RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR``), with a display alarm 15 minutes before. Written
with the ``icalendar`` library, which handles folding, escaping and value types.

Choices:

* **Floating local time.** ``DTSTART`` carries no time zone: a session at 10:30 stays at
  10:30 on the person's clock wherever they are and across daylight-saving changes,
  which is what a plan made "at 10:30" means. ``UNTIL`` is then floating too, as
  RFC 5545 requires.
* **Stable UID** ``<plan id>@fibrodesk``, and ``SEQUENCE`` = the number of pacing
  decisions, so importing a newer export updates the event (new dose, new reason)
  instead of adding a second one.
* ``UNTIL`` only when the plan has an end date (or the export an end); never ``COUNT``.
* ``DURATION`` is the dose for a minutes plan, 15 minutes for a repetitions plan.
* **From today.** Without a start date the events begin today (or at the plan's start,
  if later): the dose written is the one in force now, so past weeks, done at other
  doses, are left to the diary's own exports.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from fibrodesk.core import clock
from fibrodesk.db import planner
from fibrodesk.db.planner import PlanView
from fibrodesk.errors import SaveError, UserError

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
REPS_DURATION = timedelta(minutes=15)
ALARM_BEFORE = timedelta(minutes=15)
PRODID = "-//FibroDesk//Exercise plans//EN"


def _unit_word(dose: int, unit: str) -> str:
    if unit == "minutes":
        return "minute" if dose == 1 else "minutes"
    return "rep" if dose == 1 else "reps"


def summary_of(plan: PlanView) -> str:
    """``FibroDesk: Flat walking 12 minutes``."""
    dose = plan.current_dose
    return f"FibroDesk: {plan.exercise_name} {dose} {_unit_word(dose, plan.unit)}"


def _description(plan: PlanView) -> str:
    parts = [f"Current dose: {plan.dose_text()} (target {plan.dose_text(plan.target_dose)})."]
    if plan.how_to:
        parts.append(plan.how_to)
    if plan.cautions:
        parts.append("Take care: " + " ".join(plan.cautions.splitlines()))
    if plan.latest is not None:
        parts.append(f"Pacing: {plan.latest.reason}")
    parts.append("Stop at the dose, even on a good day: that is what makes next week possible.")
    return "\n\n".join(parts)


def _first_day(plan: PlanView, start: date | None) -> date:
    day = max(plan.start_date, start) if start else plan.start_date
    while day.weekday() not in plan.weekdays:
        day += timedelta(days=1)
    return day


def _until(plan: PlanView, end: date | None) -> date | None:
    ends = [d for d in (plan.end_date, end) if d is not None]
    return min(ends) if ends else None


def plan_event(plan: PlanView, start: date | None = None, end: date | None = None) -> Event | None:
    """The VEVENT of one plan, or None when no session of it falls in the range."""
    first = _first_day(plan, start)
    until = _until(plan, end)
    if until is not None and first > until:
        return None
    hour, minute = (int(x) for x in plan.time_of_day.split(":"))
    event = Event()
    event.add("uid", f"{plan.id}@fibrodesk")
    event.add("dtstamp", clock.now().astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", datetime.combine(first, time(hour, minute)))  # floating local time
    if plan.unit == "minutes":
        event.add("duration", timedelta(minutes=plan.current_dose))
    else:
        event.add("duration", REPS_DURATION)
    event.add("summary", summary_of(plan))
    event.add("description", _description(plan))
    event.add("categories", ["Exercise"])
    rule: dict[str, object] = {"freq": "weekly", "byday": [BYDAY[d] for d in plan.weekdays]}
    if until is not None:
        rule["until"] = datetime.combine(until, time(23, 59, 59))
    event.add("rrule", rule)
    updated = datetime.fromisoformat(plan.updated_at).astimezone(UTC)
    event.add("last-modified", updated)
    event.add("sequence", len(planner.decisions(plan.id)))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary_of(plan))
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def build_calendar(
    start: date | None = None, end: date | None = None, today: date | None = None
) -> tuple[Calendar, int]:
    """The calendar of the active plans with a session between ``start`` (default today)
    and ``end``."""
    start = start or today or clock.today()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "FibroDesk exercise")
    count = 0
    for plan in planner.plans():
        if end is not None and plan.start_date > end:
            continue
        event = plan_event(plan, start, end)
        if event is not None:
            cal.add_component(event)
            count += 1
    return cal, count


def write_ics(
    path: Path | str, start: date | None = None, end: date | None = None, today: date | None = None
) -> str:
    """Write the active exercise plans to ``path`` as iCalendar; returns a one-line summary.

    Raises :class:`UserError` when there is no plan to write, and :class:`SaveError` when
    the file cannot be written.
    """
    path = Path(path)
    cal, count = build_calendar(start, end, today)
    if count == 0:
        raise UserError(
            "There is no active exercise plan in that period to put in a calendar; "
            "make a plan on the Planner page first."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(cal.to_ical())
    except OSError as exc:
        raise SaveError(
            f"The calendar file {path} could not be written ({exc.strerror}); "
            "check the folder or choose another."
        ) from None
    plans = "plan" if count == 1 else "plans"
    return (
        f"Wrote {count} exercise {plans} to {path}, repeating weekly with a reminder "
        f"{int(ALARM_BEFORE.total_seconds() // 60)} minutes before each session."
    )
