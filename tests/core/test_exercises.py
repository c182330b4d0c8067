"""The exercise library in resources/exercises.json (domain.md s.7)."""

from __future__ import annotations

import re

import pytest

from fibrodesk.core.exercises import (
    CATEGORIES,
    KINDS,
    UNITS,
    Exercise,
    exercise,
    is_aerobic,
    is_strength,
    library,
)
from fibrodesk.resources import load_json

LIB = library()
EXERCISES = list(LIB.values())

# The brief's list: every one of these must be offered.
REQUIRED_IDS = {
    "flat_walking",
    "indoor_walking",
    "aquatic_walking",
    "gentle_swimming",
    "recumbent_bike",
    "tai_chi_basics",
    "gentle_chair_yoga",
    "gentle_floor_yoga",
    "hamstring_stretch",
    "calf_stretch",
    "quadriceps_stretch",
    "hip_flexor_stretch",
    "ankle_circles",
    "sit_to_stand",
    "calf_raise",
    "seated_knee_extension",
    "bridge",
    "side_lying_leg_raise",
    "band_leg_press",
    "band_abduction",
    "mini_squat_at_counter",
    "tandem_stance_at_counter",
    "single_leg_stand_near_support",
}


def test_library_is_large_enough_and_covers_every_category_and_kind() -> None:
    assert len(LIB) >= 22
    assert {e.category for e in EXERCISES} == set(CATEGORIES)
    assert {e.kind for e in EXERCISES} == set(KINDS)
    assert REQUIRED_IDS <= set(LIB)


def test_ids_are_unique_snake_case_and_keyed_by_themselves() -> None:
    raw_ids = [e["id"] for e in load_json("exercises.json")["exercises"]]
    assert len(raw_ids) == len(set(raw_ids))
    for key, ex in LIB.items():
        assert key == ex.id
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", ex.id), ex.id


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


@pytest.mark.parametrize("ex", EXERCISES, ids=[e.id for e in EXERCISES])
def test_every_field_is_valid(ex: Exercise) -> None:
    assert ex.name.strip() and ex.name == ex.name.strip()
    assert ex.kind in KINDS
    assert ex.category in CATEGORIES
    assert ex.unit in UNITS
    assert isinstance(ex.equipment, tuple)
    assert all(isinstance(item, str) and item.strip() for item in ex.equipment)
    assert 2 <= len(_sentences(ex.how_to)) <= 4, ex.how_to
    assert ex.how_to.rstrip().endswith(".")
    assert ex.cautions and all(c.strip().endswith(".") for c in ex.cautions)
    assert 1 <= ex.default_start <= ex.default_target
    assert ex.sets >= 1 and ex.rest_seconds >= 0
    # Never "until it hurts": the dose is a number of minutes or repetitions.
    assert "until it hurts" not in (ex.how_to + " ".join(ex.cautions)).lower()


@pytest.mark.parametrize("ex", EXERCISES, ids=[e.id for e in EXERCISES])
def test_doses_are_gentle_for_the_kind(ex: Exercise) -> None:
    if ex.kind in ("aerobic", "mind_body"):
        assert ex.unit == "minutes"
        assert 3 <= ex.default_start <= 10
        assert ex.default_target <= 30
    elif ex.kind == "strength":
        assert ex.unit == "reps"
        assert 5 <= ex.default_start <= 8
        assert ex.default_target <= 15
        assert 1 <= ex.sets <= 2
        assert ex.rest_seconds > 0
    else:  # stretching, balance
        assert ex.unit == "minutes"
        assert 2 <= ex.default_start <= 5
    if ex.unit == "minutes":
        assert ex.sets == 1 and ex.rest_seconds == 0


def test_walking_targets_thirty_minutes() -> None:
    assert LIB["flat_walking"].default_start == 5
    assert LIB["flat_walking"].default_target == 30


def test_support_is_named_for_standing_balance_and_strength() -> None:
    for ex_id in ("tandem_stance_at_counter", "single_leg_stand_near_support", "calf_raise"):
        assert any("chair back or counter" in c for c in LIB[ex_id].cautions)


def test_helpers() -> None:
    assert is_aerobic(LIB["recumbent_bike"]) and not is_strength(LIB["recumbent_bike"])
    assert is_strength(LIB["bridge"]) and not is_aerobic(LIB["bridge"])
    assert not is_aerobic(LIB["tai_chi_basics"]) and not is_strength(LIB["calf_stretch"])
    assert exercise("bridge") is LIB["bridge"]
    with pytest.raises(ValueError, match="unknown exercise"):
        exercise("running_marathon")


def test_library_is_loaded_once() -> None:
    assert library() is library()
