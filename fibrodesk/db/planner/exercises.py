"""The diary's exercises: rows for library exercises, and the person's own. No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fibrodesk.core.exercises import KINDS, UNITS, library
from fibrodesk.db.database import transaction
from fibrodesk.db.models import Exercise

from .common import check_dose


def library_fields(library_id: str) -> dict[str, Any]:
    """The Exercise row's columns (but its id and times) for a library exercise."""
    try:
        ex = library()[library_id]
    except KeyError:
        raise ValueError(f"unknown library exercise {library_id!r}") from None
    return {
        "name": ex.name,
        "kind": ex.kind,
        "category": ex.category,
        "unit": ex.unit,
        "custom": False,
        "how_to": ex.how_to,
        "cautions": "\n".join(ex.cautions),
        "default_start": ex.default_start,
        "default_target": ex.default_target,
        "sets": ex.sets,
        "rest_seconds": ex.rest_seconds,
    }


def ensure_exercise(library_id: str) -> Exercise:
    """The diary's row for a library exercise, created or refreshed from the library."""
    values = library_fields(library_id)
    with transaction():
        row = Exercise.get_or_none(Exercise.id == library_id)
        if row is None:
            return Exercise.create(id=library_id, **values)
        if any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
        return row


@dataclass(frozen=True, slots=True)
class NewExercise:
    """The person's own exercise, as typed in the plan dialog (stored by ``save_plan``).

    Attributes:
        name: the display name (spaces tidied; 1-200 characters).
        kind: one of :data:`fibrodesk.core.exercises.KINDS`.
        unit: ``"minutes"`` or ``"reps"``.
    """

    name: str
    kind: str
    unit: str
    how_to: str = ""
    cautions: str = ""
    default_start: int | None = None
    default_target: int | None = None
    sets: int = 1
    rest_seconds: int | None = None


def _custom_fields(new: NewExercise) -> dict[str, Any]:
    """The row's columns for the person's own exercise; ``ValueError`` for bad input."""
    name = " ".join(new.name.split())
    if not name:
        raise ValueError("an exercise needs a name")
    if len(name) > 200:
        raise ValueError("an exercise name is at most 200 characters")
    if new.kind not in KINDS:
        raise ValueError(f"unknown exercise kind {new.kind!r}")
    if new.unit not in UNITS:
        raise ValueError(f"unit must be 'minutes' or 'reps', not {new.unit!r}")
    start = new.default_start if new.default_start is not None else 5
    target = new.default_target
    if target is None:
        target = 30 if new.unit == "minutes" else 15
    rest = new.rest_seconds
    if rest is None:
        rest = 60 if new.unit == "reps" and new.sets > 1 else 0
    check_dose(start, "starting dose")
    check_dose(target, "target")
    return {
        "name": name,
        "kind": new.kind,
        "category": "own",
        "unit": new.unit,
        "custom": True,
        "how_to": new.how_to.strip(),
        "cautions": new.cautions.strip(),
        "default_start": start,
        "default_target": max(start, target),
        "sets": max(1, min(20, new.sets)),
        "rest_seconds": max(0, min(3600, rest)),
    }


def add_custom_exercise(
    name: str,
    kind: str,
    unit: str,
    how_to: str = "",
    cautions: str = "",
    default_start: int | None = None,
    default_target: int | None = None,
    sets: int = 1,
    rest_seconds: int | None = None,
) -> Exercise:
    """Store the person's own exercise (``custom``); returns its row."""
    fields = _custom_fields(
        NewExercise(
            name, kind, unit, how_to, cautions, default_start, default_target, sets, rest_seconds
        )
    )
    with transaction():
        return Exercise.create(**fields)


def store_new_exercise(new: NewExercise) -> Exercise:
    """Insert the person's own exercise inside the caller's transaction."""
    return Exercise.create(**_custom_fields(new))


@dataclass(frozen=True, slots=True)
class OwnExercise:
    """One of the person's own exercises, as the picker shows it."""

    id: str
    name: str
    kind: str
    unit: str
    sets: int
    how_to: str
    cautions: str
    default_start: int
    default_target: int


def custom_exercises() -> list[OwnExercise]:
    """The person's own exercises, by name."""
    query = Exercise.select().where(Exercise.custom == True).order_by(Exercise.name)  # noqa: E712
    return [
        OwnExercise(
            e.id,
            e.name,
            e.kind,
            e.unit,
            e.sets,
            e.how_to,
            e.cautions,
            e.default_start,
            e.default_target,
        )
        for e in query
    ]
