"""Every record kind round-trips, and the database itself refuses impossible values."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from fibrodesk.core.clock import iso, new_id, now
from fibrodesk.db import models as m


def _entry(**kw: object) -> m.Entry:
    return m.Entry.create(recorded_at="2026-03-02T08:15:00+01:00", date="2026-03-02", **kw)


def _plan() -> m.Plan:
    ex = m.Exercise.create(id="flat_walking", name="Walking", kind="aerobic", unit="minutes")
    return m.Plan.create(
        exercise=ex,
        weekdays=0b10101,
        start_date="2026-03-02",
        unit="minutes",
        start_dose=5,
        current_dose=5,
        target_dose=30,
    )


def test_every_model_round_trips(diary):
    entry = _entry(label="Morning", note="Legs heavy")
    mark = m.PainMark.create(
        entry=entry,
        region="knee_inner_left",
        intensity=0,
        qualities="aching;burning",
        note="=not a formula",
    )
    checkin = m.CheckIn.create(
        date="2026-03-02",
        overall_pain=6,
        sleep_hours=5.5,
        flare=True,
        stiffness_minutes=45,
        falls=1,
    )
    m.CheckInTreatment.create(checkin=checkin, name="Amitriptyline", dose="10 mg")
    m.Treatment.create(name="Heat pad", kind="heat")
    m.Flare.create(start_date="2026-03-01", end_date="2026-03-04")
    exam = m.TenderExam.create(date="2026-03-02", recorded_at="2026-03-02T18:00:00+01:00")
    m.TenderPointResult.create(exam=exam, point="knee_left", painful=True, pain=7)
    m.WeeklySymptoms.create(
        week_start="2026-03-02",
        fatigue=3,
        unrefreshed=2,
        cognitive=1,
        headaches=True,
        lower_abdomen=False,
        depression=None,
        months=14,
    )
    m.WpiOverride.create(week_start="2026-03-02", area="lower_leg_left", painful=False)
    fiqr = m.FiqrResponse.create(date="2026-03-02", function_1=4, symptom_10=None)
    plan = _plan()
    m.PacingDecision.create(
        plan=plan,
        review_date="2026-03-09",
        action="hold",
        old_dose=5,
        new_dose=5,
        reason="Held: flare logged on Monday 2 March.",
    )
    m.ExerciseSession.create(
        plan=plan,
        exercise="flat_walking",
        scheduled_for="2026-03-02T10:30:00+01:00",
        date="2026-03-02",
        planned_dose=5,
        unit="minutes",
        status="partly",
        actual_dose=3,
        effort=3,
        pain_before=4,
        pain_after=5,
        stopped_for_pain=True,
        skip_reason="pain",
    )
    m.Pgic.create(date="2026-03-30", answer=3)
    heat = m.Treatment.get(m.Treatment.name == "Heat pad")
    m.TreatmentDose.create(
        treatment=heat, taken_at="2026-03-02T18:00:00+01:00", date="2026-03-02", amount=20.0
    )
    m.SideEffect.create(treatment=heat, date="2026-03-02", effect="other", severity=2)
    tag = m.Tag.create(name="long standing")
    m.DayTag.create(tag=tag, date="2026-03-02", entry=entry)
    m.Weather.create(date="2026-03-02", pressure_hpa=1003.5, temperature_c=-2.5)
    m.PeriodStart.create(date="2026-03-01")

    got = m.PainMark.get_by_id(mark.id)
    assert (got.region, got.intensity, got.qualities, got.note) == (
        "knee_inner_left",
        0,
        "aching;burning",
        "=not a formula",
    )
    assert got.entry.recorded_at == "2026-03-02T08:15:00+01:00"
    c = m.CheckIn.get(m.CheckIn.date == "2026-03-02")
    assert (c.overall_pain, c.sleep_hours, c.flare, c.fatigue) == (6, 5.5, True, None)
    assert [t.name for t in c.treatments] == ["Amitriptyline"]
    assert m.TenderPointResult.get().painful is True
    assert m.WeeklySymptoms.get().depression is None
    assert m.FiqrResponse.get_by_id(fiqr.id).function_1 == 4
    s = m.ExerciseSession.get()
    assert (s.status, s.actual_dose, s.stopped_for_pain, s.plan.id) == ("partly", 3, True, plan.id)
    assert s.skip_reason == "pain" and m.Pgic.get().answer == 3
    assert c.for_doctor is False and m.PacingDecision.get().revision == ""
    assert (heat.schedule, heat.unit, heat.amount) == ("as_needed", "", None)
    assert m.TreatmentDose.get().treatment.name == "Heat pad"
    assert m.DayTag.get().entry.id == entry.id and m.Weather.get().source == "typed"
    for model in m.MODELS:
        if model not in (m.Setting, m.Exercise):  # a library exercise keeps its library id
            row = model.get()
            assert len(row.id) == 36 and row.created_at <= row.updated_at


def test_ids_are_uuids_and_times_carry_offsets(diary):
    e = _entry()
    assert e.id.count("-") == 4
    assert e.created_at[-6] in "+-" and e.created_at[10] == "T"
    assert iso(now())[-6] in "+-"
    assert new_id() != new_id()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda e: m.PainMark.create(entry=e, region="knee_left", intensity=5),
            id="unknown-region",
        ),
        pytest.param(
            lambda e: m.PainMark.create(entry=e, region="calf_left", intensity=11),
            id="intensity-11",
        ),
        pytest.param(
            lambda e: m.PainMark.create(entry=e, region="calf_left", intensity=-1),
            id="intensity-neg",
        ),
        pytest.param(
            lambda e: m.db.execute_sql(
                "INSERT INTO pain_mark (id, created_at, updated_at, entry_id, region, intensity,"
                " qualities, note) VALUES ('x', ?, ?, ?, 'calf_left', 4.5, '', '')",
                (e.created_at, e.created_at, e.id),
            ),
            id="intensity-fraction-raw-sql",
        ),
        pytest.param(lambda e: m.CheckIn.create(date="2026-03-02", sleep_hours=25), id="sleep-25h"),
        pytest.param(lambda e: m.CheckIn.create(date="2026-03-02", fatigue=42), id="fatigue-42"),
        pytest.param(lambda e: m.CheckIn.create(date="2026-3-2"), id="bad-date"),
        pytest.param(lambda e: m.CheckIn.create(date="2026-03-02", falls=-1), id="falls-neg"),
        pytest.param(
            lambda e: m.Entry.create(recorded_at="2026-03-02T08:15:00", date="2026-03-02"),
            id="time-without-offset",
        ),
        pytest.param(
            lambda e: m.WeeklySymptoms.create(week_start="2026-03-02", fatigue=4), id="sss-4"
        ),
        pytest.param(
            lambda e: m.WpiOverride.create(
                week_start="2026-03-02", area="ankle_left", painful=True
            ),
            id="not-a-wpi-area",
        ),
        pytest.param(
            lambda e: m.TenderPointResult.create(
                exam=m.TenderExam.create(
                    date="2026-03-02", recorded_at="2026-03-02T18:00:00+01:00"
                ),
                point="ankle_left",
                painful=True,
            ),
            id="unknown-point",
        ),
        pytest.param(
            lambda e: m.PacingDecision.create(
                plan=_plan(), review_date="2026-03-09", action="sprint", new_dose=5
            ),
            id="unknown-action",
        ),
        pytest.param(
            lambda e: m.Flare.create(start_date="2026-03-05", end_date="2026-03-01"),
            id="flare-ends-before-start",
        ),
        pytest.param(
            lambda e: m.PainMark.create(entry="no-such-entry", region="calf_left", intensity=3),
            id="dangling-foreign-key",
        ),
    ],
)
def test_constraints_refuse_impossible_values(diary, make):
    entry = _entry()
    with pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)):
        with m.db.atomic():
            make(entry)


def test_one_mark_per_region_per_entry(diary):
    entry = _entry()
    m.PainMark.create(entry=entry, region="calf_left", intensity=3)
    with pytest.raises(peewee.IntegrityError):
        m.PainMark.create(entry=entry, region="calf_left", intensity=4)


def test_deleting_an_entry_removes_its_marks(diary):
    entry = _entry()
    m.PainMark.create(entry=entry, region="calf_left", intensity=3)
    entry.delete_instance()
    assert m.PainMark.select().count() == 0
