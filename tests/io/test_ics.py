"""The plans' calendar file, read back with icalendar as a calendar app would read it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from fibrodesk.db import planner
from fibrodesk.errors import UserError
from fibrodesk.io.ics import write_ics

MON = date(2026, 3, 2)


def read(path: Path) -> list:
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    return list(cal.walk("VEVENT"))


def test_plans_become_weekly_events_with_a_reminder(diary, tmp_path: Path) -> None:
    walk = planner.create_plan(
        "flat_walking", planner.weekdays_to_mask([0, 2, 4]), "10:30", MON, 12, 30, today=MON
    )
    stand = planner.create_plan(
        "sit_to_stand",
        planner.weekdays_to_mask([1, 3]),
        "11:00",
        MON,
        5,
        15,
        end_date=date(2026, 5, 31),
        today=MON,
    )
    out = tmp_path / "plans.ics"
    summary = write_ics(out, MON)
    assert summary.startswith("Wrote 2 exercise plans to") and "\n" not in summary

    events = {str(e["UID"]): e for e in read(out)}
    assert set(events) == {f"{walk.id}@fibrodesk", f"{stand.id}@fibrodesk"}
    for event in events.values():
        assert isinstance(event.decoded("DTSTAMP"), datetime)
        assert event.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"]
        assert not ("UNTIL" in rule and "COUNT" in rule)
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == timedelta(minutes=-15)
        assert alarms[0]["DESCRIPTION"]
        assert b"TRIGGER:-PT15M" in alarms[0].to_ical()

    walking = events[f"{walk.id}@fibrodesk"]
    assert walking["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert "UNTIL" not in walking["RRULE"] and "COUNT" not in walking["RRULE"]
    assert str(walking["SUMMARY"]) == "FibroDesk: Flat walking 12 minutes"
    assert walking.decoded("DURATION") == timedelta(minutes=12)
    start = walking.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute, start.tzinfo) == (MON, 10, 30, None)
    assert "First week: start gently at 12 minutes." in str(walking["DESCRIPTION"])
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in out.read_bytes()

    standing = events[f"{stand.id}@fibrodesk"]
    assert standing["RRULE"]["BYDAY"] == ["TU", "TH"]
    assert standing["RRULE"]["UNTIL"][0].date() == date(2026, 5, 31)
    assert standing.decoded("DTSTART").date() == date(2026, 3, 3)  # first Tuesday
    assert standing.decoded("DURATION") == timedelta(minutes=15)
    assert str(standing["SUMMARY"]) == "FibroDesk: Sit-to-stand 5 reps"


def test_uid_is_stable_and_range_is_respected(diary, tmp_path: Path) -> None:
    plan = planner.create_plan(
        "flat_walking", planner.weekdays_to_mask([0, 2, 4]), "09:00", MON, 10, 30, today=MON
    )
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    write_ics(first, today=MON)
    write_ics(second, date(2026, 4, 1), date(2026, 4, 30))
    (a,) = read(first)
    (b,) = read(second)
    assert str(a["UID"]) == str(b["UID"]) == f"{plan.id}@fibrodesk"
    assert b.decoded("DTSTART").date() == date(2026, 4, 1)  # a Wednesday
    assert b["RRULE"]["UNTIL"][0].date() == date(2026, 4, 30)
    assert "COUNT" not in b["RRULE"]


def test_no_plan_is_a_plain_error(diary, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no active exercise plan"):
        write_ics(tmp_path / "none.ics")
    assert not (tmp_path / "none.ics").exists()


def test_stopped_plans_are_left_out(diary, tmp_path: Path) -> None:
    keep = planner.create_plan("calf_stretch", 127, "20:00", MON, 2, 5, today=MON)
    gone = planner.create_plan(
        "bridge", planner.weekdays_to_mask([1, 4]), "11:00", MON, 5, 12, today=MON
    )
    planner.stop_plan(gone, today=MON)
    write_ics(tmp_path / "p.ics", today=MON)
    (event,) = read(tmp_path / "p.ics")
    assert str(event["UID"]) == f"{keep.id}@fibrodesk"
    assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def test_without_a_start_the_events_begin_today(diary, tmp_path: Path) -> None:
    planner.create_plan(
        "flat_walking", planner.weekdays_to_mask([0, 2, 4]), "09:00", MON, 10, 30, today=MON
    )
    write_ics(tmp_path / "now.ics", today=date(2026, 6, 10))  # a Wednesday
    (event,) = read(tmp_path / "now.ics")
    assert event.decoded("DTSTART").date() == date(2026, 6, 10)
    write_ics(tmp_path / "early.ics", today=date(2026, 2, 1))  # before the plan starts
    (event,) = read(tmp_path / "early.ics")
    assert event.decoded("DTSTART").date() == MON
