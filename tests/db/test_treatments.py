"""Treatments, doses, regular doses and side effects (issue 15): each operation one
transaction, all or nothing under a failing disk, and what it returns is what the diary
holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from fibrodesk.core import clock
from fibrodesk.db import treatments as tr
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.database import run_operation
from fibrodesk.db.models import SideEffect, Treatment, TreatmentDose
from fibrodesk.errors import UserError
from tests.faults import dump, fail_each_write

DAY = date(2026, 3, 2)
CET = timezone(timedelta(hours=1))


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_clock(datetime(2026, 3, 2, 12, 0, tzinfo=CET))
    yield
    clock.set_clock(None)


def _paracetamol(**kw: object) -> str:
    item = tr.TreatmentItem(
        name="Paracetamol", kind="medication", amount=500, unit="mg", purpose="bad days", **kw
    )
    return tr.save_treatment(item).value


def _amitriptyline() -> str:
    item = tr.TreatmentItem(
        name="Amitriptyline",
        amount=10,
        unit="mg",
        schedule="regular",
        times=("21:30",),
        start_date=date(2026, 2, 1),
    )
    return tr.save_treatment(item).value


def test_save_treatment_adds_then_updates_by_id(diary):
    done = tr.save_treatment(
        tr.TreatmentItem(
            name="  Pregabalin ",
            amount=75,
            unit="mg",
            schedule="regular",
            times=("20:00", "08:00", "08:00"),
            purpose="nerve pain",
        )
    )
    assert isinstance(done, Done) and done.change == Change.TREATMENTS
    (item,) = tr.list_treatments()
    assert (item.id, item.name, item.dose, item.times) == (
        done.value,
        "Pregabalin",
        "75 mg",
        ("08:00", "20:00"),
    )
    assert item.regular and item.medication and item.active_on(DAY)
    again = tr.save_treatment(
        tr.TreatmentItem(name="Pregabalin", id=item.id, amount=150, unit="mg", dose="150 mg")
    )
    assert again.value == item.id
    row = Treatment.get_by_id(item.id)
    assert (row.amount, row.schedule, row.times, row.dose) == (150.0, "as_needed", "", "150 mg")
    assert Treatment.select().count() == 1


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (tr.TreatmentItem(name="  "), "needs a name"),
        (tr.TreatmentItem(name="x" * 201), "needs a name"),
        (tr.TreatmentItem(name="A", amount=0), "not a positive number"),
        (tr.TreatmentItem(name="A", amount=-5), "not a positive number"),
        (tr.TreatmentItem(name="A", schedule="regular"), "at least one time"),
        (tr.TreatmentItem(name="A", schedule="regular", times=("8 am",)), "not a time of day"),
        (tr.TreatmentItem(name="A", schedule="regular", times=("25:00",)), "not a time of day"),
        (
            tr.TreatmentItem(name="A", start_date=date(2026, 3, 2), stop_date=date(2026, 3, 1)),
            "stop date is before",
        ),
        (tr.TreatmentItem(name="A", unit="u" * 41), "longer than 40"),
    ],
)
def test_save_treatment_refuses_with_a_sentence_and_writes_nothing(diary, item, words):
    before = dump()
    with pytest.raises(UserError, match=words):
        run_operation(lambda: tr.save_treatment(item))
    assert dump() == before


def test_a_name_is_used_once_and_a_hidden_one_comes_back(diary):
    first = _paracetamol()
    with pytest.raises(UserError, match="already in your list"):
        tr.save_treatment(tr.TreatmentItem(name="Paracetamol"))
    other = tr.save_treatment(tr.TreatmentItem(name="Ibuprofen")).value
    with pytest.raises(UserError, match="Another treatment is already called"):
        tr.save_treatment(tr.TreatmentItem(name="Paracetamol", id=other))
    Treatment.update(hidden=True).where(Treatment.id == first).execute()
    assert [t.name for t in tr.list_treatments()] == ["Ibuprofen"]
    back = tr.save_treatment(tr.TreatmentItem(name="Paracetamol", amount=1, unit="g"))
    assert back.value == first
    assert {t.name for t in tr.list_treatments()} == {"Ibuprofen", "Paracetamol"}


def test_list_orders_medication_first_and_can_leave_stopped_out(diary):
    tr.save_treatment(tr.TreatmentItem(name="heat pad", kind="heat"))
    stopped = tr.save_treatment(tr.TreatmentItem(name="Codeine")).value
    _paracetamol()
    assert tr.stop_treatment(stopped, DAY - timedelta(days=1)) == Change.TREATMENTS
    assert tr.stop_treatment(stopped, DAY - timedelta(days=1)) == Change.NONE
    assert [t.name for t in tr.list_treatments()] == ["Codeine", "Paracetamol", "heat pad"]
    assert [t.name for t in tr.list_treatments(include_stopped=False)] == [
        "Paracetamol",
        "heat pad",
    ]
    codeine = tr.get_treatment(stopped)
    assert (
        codeine is not None and not codeine.active_on(DAY) and codeine.active_on(DAY - timedelta(1))
    )


def test_stop_before_start_is_refused(diary):
    ami = _amitriptyline()
    with pytest.raises(UserError, match="cannot be before"):
        tr.stop_treatment(ami, date(2026, 1, 31))
    assert Treatment.get_by_id(ami).stop_date is None


def test_log_dose_keeps_time_offset_and_usual_amount(diary):
    para = _paracetamol()
    taken = datetime(2026, 3, 2, 8, 40, 17, 999, tzinfo=timezone(timedelta(hours=2)))
    done = tr.log_dose(para, taken, note="-with breakfast")
    assert done.change == Change.DOSES
    dose = TreatmentDose.get_by_id(done.value)
    assert (dose.taken_at, dose.date, dose.amount, dose.unit, dose.note) == (
        "2026-03-02T08:40:17+02:00",
        "2026-03-02",
        500.0,
        "mg",
        "-with breakfast",
    )
    other = tr.log_dose(para, datetime(2026, 3, 2, 23, 59), amount=1000).value
    assert TreatmentDose.get_by_id(other).amount == 1000.0
    (first, second) = tr.doses_between(DAY, DAY)
    assert (first.id, first.name, first.kind, first.as_needed, first.clock_time) == (
        done.value,
        "Paracetamol",
        "medication",
        True,
        "08:40",
    )
    assert second.id == other and second.taken_at.utcoffset() == clock.now().utcoffset()
    assert tr.doses_between(DAY + timedelta(1), DAY + timedelta(9)) == []


def test_log_dose_of_a_removed_treatment_is_a_sentence(diary):
    with pytest.raises(UserError, match="no longer in the diary"):
        tr.log_dose("gone", datetime(2026, 3, 2, 8, 0))
    assert TreatmentDose.select().count() == 0


def test_regular_dose_confirmed_once_and_shown_on_its_day(diary):
    ami = _amitriptyline()
    _paracetamol()
    (due,) = tr.regular_doses(DAY)
    assert (due.name, due.time, due.confirmed, due.amount, due.unit) == (
        "Amitriptyline",
        "21:30",
        False,
        10.0,
        "mg",
    )
    done = tr.confirm_regular_dose(ami, DAY, "21:30")
    assert done.change == Change.DOSES
    again = tr.confirm_regular_dose(ami, DAY, "21:30")
    assert again == Done(done.value, Change.NONE)
    assert TreatmentDose.select().count() == 1
    assert tr.regular_doses(DAY)[0].dose_id == done.value
    local = clock.local(datetime(2026, 3, 2, 21, 30))  # the computer's own zone
    assert TreatmentDose.get().taken_at == clock.iso(local)
    assert tr.regular_doses(date(2026, 1, 31)) == []  # before its start date


def test_move_and_delete_a_dose_and_put_it_back(diary):
    para = _paracetamol()
    dose_id = tr.log_dose(para, datetime(2026, 3, 2, 23, 30), note="late").value
    assert tr.move_dose(dose_id, datetime(2026, 3, 3, 0, 15)) == Change.DOSES
    assert tr.move_dose(dose_id, datetime(2026, 3, 3, 0, 15)) == Change.NONE
    assert TreatmentDose.get_by_id(dose_id).date == "2026-03-03"
    removed = tr.delete_dose(dose_id)
    assert removed.change == Change.DOSES and removed.value is not None
    assert TreatmentDose.select().count() == 0
    assert tr.delete_dose(dose_id) == Done(None, Change.NONE)
    assert tr.put_back_dose(removed.value) == Change.DOSES
    assert tr.doses_between(DAY, DAY + timedelta(1)) == [removed.value]


def test_side_effect_one_per_treatment_day_and_effect(diary):
    ami = _amitriptyline()
    first = tr.save_side_effect(ami, DAY, "drowsiness", 6, "groggy")
    assert first.change == Change.DOSES
    assert tr.save_side_effect(ami, DAY, "drowsiness", 6, "groggy").change == Change.NONE
    changed = tr.save_side_effect(ami, DAY, "drowsiness", 3)
    assert changed.value == first.value and SideEffect.select().count() == 1
    tr.save_side_effect(ami, DAY, "dizziness", 0)
    rows = tr.side_effects_between(DAY, DAY)
    assert [(r.effect, r.severity, r.note, r.name) for r in rows] == [
        ("drowsiness", 3, "", "Amitriptyline"),
        ("dizziness", 0, "", "Amitriptyline"),
    ]
    with pytest.raises(ValueError):
        tr.save_side_effect(ami, DAY, "rash", 3)
    with pytest.raises(ValueError):
        tr.save_side_effect(ami, DAY, "nausea", 11)
    assert tr.delete_side_effect(first.value) == Change.DOSES
    assert tr.delete_side_effect(first.value) == Change.NONE


def test_deleting_a_treatment_removes_its_doses_and_side_effects(diary):
    ami = _amitriptyline()
    tr.confirm_regular_dose(ami, DAY, "21:30")
    tr.save_side_effect(ami, DAY, "nausea", 2)
    Treatment.delete_by_id(ami)
    assert TreatmentDose.select().count() == 0 and SideEffect.select().count() == 0


def test_dose_followup_setting_is_off_by_default(diary):
    assert tr.dose_followup_enabled() is False
    assert tr.set_dose_followup(True) == Change.SETTINGS
    assert tr.dose_followup_enabled() is True
    tr.set_dose_followup(False)
    assert tr.dose_followup_enabled() is False


# --------------------------------------------------------------------- a failing disk


def _no_duplicates() -> None:
    for table, rows in dump().items():
        ids = [row[0] for row in rows]
        assert len(ids) == len(set(ids)), table


@pytest.mark.parametrize(
    "action",
    [
        "save_new",
        "save_existing",
        "stop",
        "log",
        "confirm",
        "move",
        "delete",
        "put_back",
        "side_effect",
        "followup",
    ],
)
def test_each_operation_is_all_or_nothing_on_a_failing_disk(diary, faults, action):
    ami = _amitriptyline()
    dose_id = tr.log_dose(ami, datetime(2026, 3, 2, 9, 0)).value
    removed = tr.get_dose(dose_id)
    assert removed is not None
    actions = {
        "save_new": lambda: tr.save_treatment(tr.TreatmentItem(name="TENS", kind="tens")),
        "save_existing": lambda: tr.save_treatment(
            tr.TreatmentItem(name="Amitriptyline", id=ami, amount=20, unit="mg")
        ),
        "stop": lambda: tr.stop_treatment(ami, DAY),
        "log": lambda: tr.log_dose(ami, datetime(2026, 3, 2, 10, 0), note="x"),
        "confirm": lambda: tr.confirm_regular_dose(ami, DAY, "21:30"),
        "move": lambda: tr.move_dose(dose_id, datetime(2026, 3, 2, 11, 0)),
        "delete": lambda: tr.delete_dose(dose_id),
        "put_back": lambda: (tr.delete_dose(dose_id), tr.put_back_dose(removed)),
        "side_effect": lambda: tr.save_side_effect(ami, DAY, "dizziness", 4, "stairs"),
        "followup": lambda: tr.set_dose_followup(True),
    }
    op = actions[action]
    writes = fail_each_write(faults, lambda: run_operation(lambda: _as_change(op())))
    assert writes >= 1
    _no_duplicates()
    if action == "log":
        assert TreatmentDose.select().count() == 2
    if action == "confirm":
        assert len([d for d in tr.doses_between(DAY, DAY) if d.clock_time == "21:30"]) == 1
    if action == "side_effect":
        assert SideEffect.select().count() == 1


def _as_change(result: object) -> Change | Done:
    if isinstance(result, tuple) and not isinstance(result, Done):
        return result[-1]
    assert isinstance(result, Change | Done)
    return result
