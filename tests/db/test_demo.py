"""The demo diary: deterministic for a seed, realistic, and paced by the real rule."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date

import pytest

from fibrodesk.core import pacing
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.demo import generate_demo
from fibrodesk.db.demo.journal import FOLLOW_UP
from fibrodesk.db.models import (
    MODELS,
    CheckIn,
    Entry,
    ExerciseSession,
    FiqrResponse,
    Flare,
    PacingDecision,
    PainMark,
    Plan,
    TenderExam,
    WeeklySymptoms,
    db,
)
from fibrodesk.errors import UserError

END = date(2026, 3, 31)


def _digest() -> str:
    h = hashlib.sha256()
    for model in MODELS:
        for row in db.execute_sql(f'SELECT * FROM "{model._meta.table_name}" ORDER BY 1'):
            h.update(repr(row).encode())
    return h.hexdigest()


def _demo(path, seed: int) -> str:
    open_diary(path)
    try:
        generate_demo(years=1, seed=seed, end=END)
        return _digest()
    finally:
        close_diary()


def test_same_seed_same_diary_other_seed_other_diary(tmp_path):
    assert _demo(tmp_path / "a", 7) == _demo(tmp_path / "b", 7)
    assert _demo(tmp_path / "c", 8) != _demo(tmp_path / "a2", 7)


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo")
    open_diary(path)
    summary = generate_demo(years=1, seed=3, end=END)
    yield summary
    close_diary()


def test_a_year_looks_like_a_real_diary(demo_year):
    days = 365
    assert "1-year sample" in demo_year
    assert 0.8 * days <= CheckIn.select().count() <= days  # check-ins most days
    assert Entry.select().count() > days  # often two sittings a day
    marks = PainMark.select().count()
    assert marks > 3 * days
    from fibrodesk.core.catalogue import catalogue

    legs = sum(1 for p in PainMark.select(PainMark.region) if catalogue().regions[p.region].leg)
    assert legs / marks > 0.6  # concentrated in the legs
    assert 48 <= TenderExam.select().count() <= 54  # weekly
    assert 48 <= WeeklySymptoms.select().count() <= 54
    assert 11 <= FiqrResponse.select().count() <= 13  # monthly
    flares = list(Flare.select())
    assert flares and all(f.end_date >= f.start_date for f in flares)
    assert any(f.end_date > f.start_date for f in flares)  # flares last days
    assert 2 <= Plan.select().count() <= 3
    statuses = Counter(s.status for s in ExerciseSession.select())
    assert statuses["done"] and statuses["partly"] and statuses["skipped"] and statuses["planned"]


def test_flare_days_are_flagged_in_the_check_ins(demo_year):
    flare = Flare.select().first()
    flagged = {c.date for c in CheckIn.select().where(CheckIn.flare == True)}  # noqa: E712
    assert flare.start_date in flagged or flare.end_date in flagged


def test_day_to_day_drift_is_believable(demo_year):
    pains = [
        c.overall_pain
        for c in CheckIn.select().order_by(CheckIn.date)
        if c.overall_pain is not None
    ]
    jumps = [abs(a - b) for a, b in zip(pains, pains[1:], strict=False)]
    assert sum(jumps) / len(jumps) < 2.0  # neighbouring days resemble each other
    assert max(pains) - min(pains) >= 4  # but good and bad spells exist


def test_plan_doses_follow_the_pacing_rule(demo_year):
    for plan in Plan.select():
        decisions = list(
            PacingDecision.select()
            .where(PacingDecision.plan == plan)
            .order_by(PacingDecision.review_date)
        )
        assert decisions[0].action == "start"
        assert decisions[0].new_dose == plan.start_dose
        for before, after in zip(decisions, decisions[1:], strict=False):
            assert after.old_dose == before.new_dose
            if after.action == "increase":
                assert (
                    after.new_dose - after.old_dose == pacing.increase_step(after.old_dose)
                    or after.new_dose == plan.target_dose
                )
            elif after.action == "step_back":
                assert after.new_dose == pacing.step_back_dose(after.old_dose)
            elif after.action == "hold":
                assert after.new_dose == after.old_dose
            assert after.new_dose <= plan.target_dose
            assert after.reason
        assert plan.current_dose == decisions[-1].new_dose
        sessions = ExerciseSession.select().where(ExerciseSession.plan == plan)
        assert all(s.pacing_action in pacing.ACTIONS for s in sessions)
    actions = Counter(d.action for d in PacingDecision.select())
    assert actions["increase"] and actions["hold"]


def test_demo_refuses_a_diary_with_entries(demo_year):
    with pytest.raises(UserError, match="already holds entries"):
        generate_demo(years=1, seed=3, end=END)


def _heavy(path, seed: int, years: int = 1) -> str:
    open_diary(path)
    try:
        generate_demo(years=years, seed=seed, end=END, density="heavy")
        return _digest()
    finally:
        close_diary()


def test_a_heavy_diary_logs_about_five_entries_a_day_of_20_to_30_marks(tmp_path):
    """issue 16: the heavy logger, for measuring the app on the heaviest diaries."""
    open_diary(tmp_path / "h")
    try:
        generate_demo(years=1, seed=5, end=END, density="heavy")
        sittings = Entry.select().where(Entry.label != FOLLOW_UP)
        days = Entry.select(Entry.date).distinct().count()
        entries = sittings.count()
        marks = PainMark.select().join(Entry).where(Entry.label != FOLLOW_UP).count()
        per_entry = Counter(m.entry_id for m in PainMark.select(PainMark.entry))
        labels = {e.label for e in Entry.select(Entry.label).distinct()}
    finally:
        close_diary()
    assert days >= 350  # nearly every day of the year
    assert 4.4 <= entries / days <= 5.0  # besides the entries after an as-needed dose
    assert 20 <= marks / entries <= 30
    assert min(per_entry.values()) >= 5 and max(per_entry.values()) <= 33
    assert labels == {"Morning", "Late morning", "Afternoon", "Evening", "Night", FOLLOW_UP}


def test_heavy_is_deterministic_and_normal_is_what_it_was(tmp_path):
    assert _heavy(tmp_path / "a", 4) == _heavy(tmp_path / "b", 4)
    # Asking for the normal density by name gives exactly the default diary.
    open_diary(tmp_path / "n")
    try:
        generate_demo(years=1, seed=7, end=END, density="normal")
        named = _digest()
    finally:
        close_diary()
    assert named == _demo(tmp_path / "d", 7)
    assert _heavy(tmp_path / "c", 7) != named


def test_an_unknown_density_is_refused(tmp_path):
    open_diary(tmp_path / "x")
    try:
        with pytest.raises(ValueError, match="density"):
            generate_demo(years=1, seed=1, end=END, density="extreme")
        assert Entry.select().count() == 0
    finally:
        close_diary()
