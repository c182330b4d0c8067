"""The exercise library: low-impact, leg-focused exercises (domain.md s.7), loaded once
from ``resources/exercises.json``.

A dose is time or repetitions, never "until it hurts": each exercise carries a gentle
starting dose and a usual target in its own unit, which a plan copies and the pacing rule
(:mod:`fibrodesk.core.pacing`) then moves week by week.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from fibrodesk.resources import load_json

KINDS: tuple[str, ...] = ("aerobic", "strength", "stretching", "balance", "mind_body")
"""What an exercise does for the body; the scheduling rules work on kinds."""

CATEGORIES: tuple[str, ...] = (
    "walking",
    "water",
    "cycling",
    "tai_chi",
    "yoga",
    "stretching",
    "strength",
    "balance",
)
"""Display groups, in the order a picker shows them."""

UNITS: tuple[str, ...] = ("minutes", "reps")


@dataclass(frozen=True, slots=True)
class Exercise:
    """One library exercise.

    Attributes:
        id: stable snake_case id, stored in plans and exports.
        name: short display name.
        kind: one of :data:`KINDS`.
        category: one of :data:`CATEGORIES` (for grouping on screen).
        unit: ``"minutes"`` or ``"reps"``; the unit of every dose.
        equipment: what is needed, possibly nothing.
        how_to: two to four plain sentences.
        cautions: short safety notes.
        default_start: a gentle first dose, in ``unit``.
        default_target: the usual goal, in ``unit`` (never below ``default_start``).
        sets: sets per session (1 for timed exercises).
        rest_seconds: rest between sets (0 when there is one set).
    """

    id: str
    name: str
    kind: str
    category: str
    unit: str
    equipment: tuple[str, ...]
    how_to: str
    cautions: tuple[str, ...]
    default_start: int
    default_target: int
    sets: int
    rest_seconds: int


def _exercise(raw: dict[str, Any]) -> Exercise:
    ex = Exercise(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        category=raw["category"],
        unit=raw["unit"],
        equipment=tuple(raw["equipment"]),
        how_to=raw["how_to"],
        cautions=tuple(raw["cautions"]),
        default_start=int(raw["default_start"]),
        default_target=int(raw["default_target"]),
        sets=int(raw["sets"]),
        rest_seconds=int(raw["rest_seconds"]),
    )
    problems = []
    if ex.kind not in KINDS:
        problems.append(f"kind {ex.kind!r}")
    if ex.category not in CATEGORIES:
        problems.append(f"category {ex.category!r}")
    if ex.unit not in UNITS:
        problems.append(f"unit {ex.unit!r}")
    if not 1 <= ex.default_start <= ex.default_target:
        problems.append("doses (need 1 <= default_start <= default_target)")
    if ex.sets < 1 or ex.rest_seconds < 0:
        problems.append("sets or rest_seconds")
    if problems:
        raise ValueError(f"exercise {ex.id!r} in exercises.json has a bad {', '.join(problems)}")
    return ex


@cache
def library() -> dict[str, Exercise]:
    """Every library exercise by id, in the file's order, parsed once per process.

    Callers must not modify the returned dict (it is shared).
    """
    exercises: dict[str, Exercise] = {}
    for raw in load_json("exercises.json")["exercises"]:
        ex = _exercise(raw)
        if ex.id in exercises:
            raise ValueError(f"exercise id {ex.id!r} appears twice in exercises.json")
        exercises[ex.id] = ex
    return exercises


def exercise(exercise_id: str) -> Exercise:
    """The library exercise with this id; ``ValueError`` for an unknown id."""
    try:
        return library()[exercise_id]
    except KeyError:
        raise ValueError(f"unknown exercise {exercise_id!r}") from None


def is_aerobic(ex: Exercise) -> bool:
    """Walking, water and cycling: the kind done about 3 times a week."""
    return ex.kind == "aerobic"


def is_strength(ex: Exercise) -> bool:
    """Gentle strength work: at most twice a week, on days without aerobic work if possible."""
    return ex.kind == "strength"
