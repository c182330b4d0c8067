"""The daily log's storage functions, checked against the rows they leave behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from datetime import time as dtime

import pytest

from fibrodesk.core.clock import parse_iso
from fibrodesk.core.scoring import fiqr
from fibrodesk.db import checkins, questionnaires
from fibrodesk.db.marks import (
    MarkInfo,
    create_entry,
    delete_entry,
    delete_mark,
    last_intensity,
    list_entries,
    marks_of_entry,
    put_mark,
    restore_entry,
    set_entry_time,
    set_mark,
    set_mark_details,
    step_mark,
)
from fibrodesk.db.models import (
    CheckIn,
    CheckInTreatment,
    Entry,
    FiqrResponse,
    PainMark,
    TenderExam,
    TenderPointResult,
    Treatment,
    WeeklySymptoms,
    WpiOverride,
)
from fibrodesk.db.settings import get_setting
from fibrodesk.db.tender import PointResult, exam_points, painful_points, set_point, toggle_point
from fibrodesk.db.weekly import (
    WeeklyAnswers,
    get_fiqr,
    get_weekly,
    record_weekly,
    save_fiqr,
    set_wpi_override,
)

DAY = date(2026, 3, 18)  # a Wednesday
MONDAY = date(2026, 3, 16)


# ------------------------------------------------------------------------------ entries


def test_entries_of_a_day_in_time_order_with_counts(diary) -> None:
    evening = create_entry(DAY, dtime(19, 5), "Evening")
    morning = create_entry(DAY, dtime(8, 30), "Morning")
    create_entry(DAY + timedelta(days=1), dtime(9, 0), "Morning")
    set_mark(morning.id, "knee_inner_left", 6)
    set_mark(morning.id, "calf_right", 3)

    entries = list_entries(DAY)

    assert [(e.label, e.time, e.mark_count) for e in entries] == [
        ("Morning", dtime(8, 30), 2),
        ("Evening", dtime(19, 5), 0),
    ]
    row = Entry.get_by_id(evening.id)
    assert row.date == "2026-03-18"
    stamp = parse_iso(row.recorded_at)
    assert (stamp.hour, stamp.minute) == (19, 5)
    assert stamp.utcoffset() is not None


def test_default_label_follows_the_time_of_day(diary) -> None:
    assert create_entry(DAY, dtime(7, 0)).label == "Morning"
    assert create_entry(DAY, dtime(14, 0)).label == "Afternoon"
    assert create_entry(DAY, dtime(21, 0)).label == "Evening"


def test_set_entry_time_keeps_the_day(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0), "Morning")
    moved = set_entry_time(entry.id, dtime(10, 45))
    assert moved.time == dtime(10, 45) and moved.day == DAY
    assert Entry.get_by_id(entry.id).recorded_at.startswith("2026-03-18T10:45:00")


def test_delete_entry_and_restore_it_with_its_marks(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0), "Morning")
    set_mark(entry.id, "sole_right", 4)
    set_mark_details(entry.id, "sole_right", ["burning"], "after the walk")

    snapshot = delete_entry(entry.id)

    assert snapshot is not None and len(snapshot.marks) == 1
    assert Entry.select().count() == 0 and PainMark.select().count() == 0
    restore_entry(snapshot)
    mark = PainMark.get()
    assert (mark.id, mark.region, mark.intensity, mark.qualities, mark.note) == (
        snapshot.marks[0].id,
        "sole_right",
        4,
        "burning",
        "after the walk",
    )
    assert delete_entry("no-such-id") is None


# ------------------------------------------------------------------------------ marks


def test_set_mark_upserts_and_remembers_the_intensity(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0))
    assert last_intensity() == 5

    set_mark(entry.id, "thigh_back_right", 7)
    set_mark_details(entry.id, "thigh_back_right", ["aching", "cramping"], "hamstring")
    mark = set_mark(entry.id, "thigh_back_right", 2)

    assert PainMark.select().count() == 1
    assert mark.intensity == 2 and mark.qualities == ("aching", "cramping")
    assert mark.note == "hamstring"
    assert get_setting("last_intensity") == 2 and last_intensity() == 2


def test_zero_is_a_real_intensity_and_out_of_range_is_refused(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0))
    assert set_mark(entry.id, "groin_left", 0).intensity == 0
    assert PainMark.get().intensity == 0
    with pytest.raises(ValueError):
        set_mark(entry.id, "groin_left", 11)
    with pytest.raises(ValueError):
        set_mark(entry.id, "knee", 3)


def test_step_mark_is_capped_at_0_and_10(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0))
    set_mark(entry.id, "calf_left", 9)
    assert step_mark(entry.id, "calf_left", 1).intensity == 10
    assert step_mark(entry.id, "calf_left", 1).intensity == 10
    set_mark(entry.id, "calf_left", 1)
    assert step_mark(entry.id, "calf_left", -1).intensity == 0
    assert step_mark(entry.id, "calf_left", -1).intensity == 0


def test_qualities_are_checked_and_stored_in_catalogue_order(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0))
    set_mark(entry.id, "shin_left", 5)
    mark = set_mark_details(entry.id, "shin_left", ["tingling", "aching"], "")
    assert mark.qualities == ("aching", "tingling")
    assert PainMark.get().qualities == "aching;tingling"
    with pytest.raises(ValueError):
        set_mark_details(entry.id, "shin_left", ["itchy"], "")


def test_put_mark_and_delete_mark_round_trip(diary) -> None:
    entry = create_entry(DAY, dtime(8, 0))
    set_mark(entry.id, "heel_left", 6)
    removed = delete_mark(entry.id, "heel_left")
    assert removed is not None and PainMark.select().count() == 0
    assert delete_mark(entry.id, "heel_left") is None
    back = put_mark(removed)
    assert back == removed
    changed = put_mark(MarkInfo(removed.id, entry.id, "heel_left", 1, ("cold",), "n"))
    assert (changed.intensity, changed.qualities, changed.note) == (1, ("cold",), "n")
    assert marks_of_entry(entry.id) == {"heel_left": changed}


def test_week_regions_cover_the_calendar_week_and_skip_zero(diary) -> None:
    """The week is Monday to Sunday (domain.md s.4), not the 7 days ending on a day."""
    from fibrodesk.db import questionnaires

    def mark(day: date, region: str, intensity: int) -> None:
        entry = create_entry(day, dtime(9, 0))
        set_mark(entry.id, region, intensity)

    mark(MONDAY, "knee_inner_left", 4)
    mark(MONDAY + timedelta(days=6), "calf_right", 2)
    mark(MONDAY - timedelta(days=1), "groin_left", 8)  # the Sunday before: another week
    mark(MONDAY, "shin_right", 0)  # checked, no pain
    mark(MONDAY + timedelta(days=7), "neck", 5)  # the Monday after

    assert questionnaires.week_regions(MONDAY + timedelta(days=3)) == {
        "knee_inner_left",
        "calf_right",
    }


# ------------------------------------------------------------------------------ check-ins


def test_checkin_saved_and_read_back_with_none_as_unanswered(diary) -> None:
    fields = {"overall_pain": 0, "sleep_hours": 6.5, "flare": True, "note": "rainy"}
    saved = checkins.save_checkin(DAY, fields, [checkins.TreatmentUse("Heat")])

    row = CheckIn.get()
    assert (row.overall_pain, row.fatigue, row.sleep_hours, row.flare, row.note) == (
        0,
        None,
        6.5,
        True,
        "rainy",
    )
    assert saved.fields["overall_pain"] == 0 and saved.fields["fatigue"] is None
    assert [t.name for t in saved.treatments] == ["Heat"]
    assert checkins.get_checkin(DAY) == saved
    assert checkins.get_checkin(DAY + timedelta(days=1)) is None


def test_checkin_saved_twice_updates_the_same_row(diary) -> None:
    checkins.save_checkin(DAY, {"fatigue": 7}, [checkins.TreatmentUse("Heat")])
    checkins.save_checkin(DAY, {"fatigue": 3}, [checkins.TreatmentUse("Massage")])
    assert CheckIn.select().count() == 1 and CheckIn.get().fatigue == 3
    assert [t.name for t in CheckInTreatment.select()] == ["Massage"]


def test_checkin_refuses_values_out_of_range(diary) -> None:
    with pytest.raises(ValueError):
        checkins.save_checkin(DAY, {"mood": 11})
    with pytest.raises(ValueError):
        checkins.save_checkin(DAY, {"weather": 3})
    assert CheckIn.select().count() == 0


def test_same_as_yesterday_copies_the_most_recent_earlier_checkin(diary) -> None:
    checkins.save_checkin(
        DAY - timedelta(days=3),
        {"fatigue": 6, "flare": True, "note": "old note"},
        [checkins.TreatmentUse("Pregabalin", "75 mg")],
    )
    checkins.save_checkin(DAY, {"note": "today's own note"})

    done = checkins.copy_previous_checkin(DAY)

    assert done is not None
    assert done.source.day == DAY - timedelta(days=3)
    assert done.before is not None and done.before.fields["fatigue"] is None
    copied = done.after
    assert copied.fields["fatigue"] == 6 and copied.fields["flare"] is True
    assert copied.fields["note"] == "today's own note"
    assert copied.treatments == (checkins.TreatmentUse("Pregabalin", "75 mg"),)
    assert checkins.copy_previous_checkin(DAY - timedelta(days=10)) is None


def test_treatments_are_remembered_and_can_be_hidden(diary) -> None:
    names = [t.name for t in checkins.remembered_treatments()]
    assert names[:4] == ["Heat", "Massage", "Stretching", "TENS"]

    checkins.remember_treatment("Pregabalin", "medication", "75 mg")
    checkins.save_checkin(DAY, {}, [checkins.TreatmentUse("Warm bath")])

    pick = {t.name: t for t in checkins.remembered_treatments()}
    assert pick["Pregabalin"] == checkins.TreatmentInfo("Pregabalin", "medication", "75 mg")
    assert "Warm bath" in pick
    checkins.forget_treatment("Heat")
    assert "Heat" not in {t.name for t in checkins.remembered_treatments()}
    assert Treatment.get(Treatment.name == "Heat").hidden


# ------------------------------------------------------------------------------ tender points


def test_toggle_point_records_the_days_exam(diary) -> None:
    assert toggle_point(DAY, "knee_left") is True
    assert toggle_point(DAY, "gluteal_right") is True
    assert toggle_point(DAY, "knee_left") is False

    assert TenderExam.select().count() == 1 and TenderExam.get().date == "2026-03-18"
    rows = {r.point: bool(r.painful) for r in TenderPointResult.select()}
    assert rows == {"knee_left": False, "gluteal_right": True}
    assert painful_points(DAY) == {"gluteal_right"}
    assert exam_points(DAY + timedelta(days=1)) == {}
    with pytest.raises(ValueError):
        toggle_point(DAY, "knee_inner_left")


def test_set_point_none_removes_and_drops_an_empty_exam(diary) -> None:
    set_point(DAY, "occiput_left", True, 7)
    assert exam_points(DAY) == {"occiput_left": PointResult(True, 7)}
    set_point(DAY, "occiput_left", None)
    assert TenderExam.select().count() == 0


# ------------------------------------------------------------------------------ weekly


def test_weekly_answers_by_monday(diary) -> None:
    assert get_weekly(MONDAY) == WeeklyAnswers()
    # as the Week tab saves: the week's answers with some changed, the others kept
    record_weekly(MONDAY, replace(get_weekly(MONDAY), fatigue=2, headaches=False))
    record_weekly(MONDAY, replace(get_weekly(MONDAY), months=5))
    answers = get_weekly(MONDAY)
    assert (answers.fatigue, answers.headaches, answers.months) == (2, False, 5)
    assert WeeklySymptoms.get().week_start == "2026-03-16"
    with pytest.raises(ValueError):
        get_weekly(DAY)  # not a Monday


def test_wpi_override_wins_over_the_map_and_can_be_removed(diary) -> None:
    entry = create_entry(DAY, dtime(9, 0))
    set_mark(entry.id, "knee_inner_left", 5)
    set_mark(entry.id, "calf_left", 5)

    set_wpi_override(MONDAY, "lower_leg_left", False)
    set_wpi_override(MONDAY, "neck", True)
    pain = questionnaires.week_pain(DAY)

    assert pain.derived == {"lower_leg_left"}
    assert pain.overrides == {"lower_leg_left": False, "neck": True}
    assert pain.areas == {"neck"}
    assert {(r.area, r.painful) for r in WpiOverride.select()} == {
        ("lower_leg_left", False),
        ("neck", True),
    }
    set_wpi_override(MONDAY, "lower_leg_left", None)
    assert questionnaires.week_pain(DAY).areas == {"neck", "lower_leg_left"}


# ------------------------------------------------------------------------------ FIQR


def test_fiqr_saved_per_week_and_scored_with_missing_items(diary) -> None:
    function = [5, None, 4, 6, 7, 3, 5, 2, 8]
    overall = [6, 4]
    symptoms = [7, 3, 6, 5, 4, 5, 3, 6, None, 2]

    save_fiqr(DAY, function, overall, symptoms)
    save_fiqr(DAY + timedelta(days=2), function, overall, [9, *symptoms[1:]])

    assert FiqrResponse.select().count() == 1  # same week: the same questionnaire
    answers = get_fiqr(MONDAY)
    assert answers is not None and answers.symptoms[0] == 9 and answers.day == DAY
    assert answers.answered() == 19
    expected = fiqr(function, overall, [9, *symptoms[1:]])
    assert fiqr(answers.function, answers.overall, answers.symptoms) == pytest.approx(expected)
    assert get_fiqr(DAY + timedelta(days=7)) is None

    assert save_fiqr(DAY, [None] * 9, [None] * 2, [None] * 10) is None
    assert FiqrResponse.select().count() == 0


def test_flare_flags_make_episodes_of_consecutive_days(diary):
    from datetime import date

    from fibrodesk.db import checkins
    from fibrodesk.db.models import Flare

    def runs() -> list[tuple[str, str]]:
        return [(f.start_date, f.end_date) for f in Flare.select().order_by(Flare.start_date)]

    mon = date(2026, 3, 2)
    day = lambda n: date.fromordinal(mon.toordinal() + n)  # noqa: E731
    checkins.save_checkin(day(0), {"flare": True})
    checkins.save_checkin(day(1), {"flare": True, "overall_pain": 7})
    assert runs() == [("2026-03-02", "2026-03-03")]
    Flare.update(note="After the wedding").execute()
    checkins.save_checkin(day(3), {"flare": True})
    assert runs() == [("2026-03-02", "2026-03-03"), ("2026-03-05", "2026-03-05")]
    checkins.save_checkin(day(2), {"flare": True})  # the gap closes: one episode, note kept
    assert runs() == [("2026-03-02", "2026-03-05")]
    assert Flare.get().note == "After the wedding"
    checkins.save_checkin(day(2), {"flare": False})  # splits again
    assert runs() == [("2026-03-02", "2026-03-03"), ("2026-03-05", "2026-03-05")]
    checkins.delete_checkin(day(3))
    checkins.save_checkin(day(0), {"flare": None})
    assert runs() == [("2026-03-03", "2026-03-03")]
    checkins.save_checkin(day(1), {"flare": False})
    assert runs() == []
