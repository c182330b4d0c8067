"""How treatments and side effects are worded on screen, and typed values read.

Shared by the Treatments dialog and the Today page's treatments box. No Qt. A dose's
amount and unit read as :func:`fibrodesk.db.treatment_values.dose_text` says ("400 mg").
"""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {
    "medication": "Medication",
    "heat": "Heat",
    "massage": "Massage",
    "tens": "TENS",
    "stretching": "Stretching",
    "own": "Something of my own",
}
"""The kinds of treatment (the schema's), in the order offered, with their words."""

UNITS = ("mg", "g", "mcg", "ml", "drops", "tablet", "capsule", "patch", "puff", "minutes")
"""Units offered for a dose; the person may type their own."""

EFFECT_LABELS: dict[str, str] = {
    "drowsiness": "Drowsiness",
    "dizziness": "Dizziness",
    "nausea": "Nausea",
    "other": "Other",
}
"""Side effects asked about (dizziness and drowsiness matter: falls are recorded)."""

SESSION_KINDS = frozenset({"heat", "massage", "tens", "stretching"})
"""Kinds logged as a session rather than a dose."""


def parse_amount(text: str) -> float | None:
    """A typed amount: "" -> None, "2,5" -> 2.5; ValueError unless a number above 0."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = float(text)
    if not 0 < value < float("inf"):  # also refuses nan
        raise ValueError(f"not a dose amount: {text!r}")
    return value


def parse_times(text: str) -> tuple[str, ...]:
    """Typed times of day, "8:00; 20:00" (or commas, or spaces) -> ("08:00", "20:00"),
    sorted, each once. ValueError for anything not written H:MM or HH:MM."""
    found: set[str] = set()
    for part in text.replace(",", ";").replace(" ", ";").split(";"):
        if not part:
            continue
        hours, sep, minutes = part.partition(":")
        if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError(f"not a time of day: {part!r}")
        hour, minute = int(hours), int(minutes)
        if len(hours) > 2 or hour > 23 or minute > 59:
            raise ValueError(f"not a time of day: {part!r}")
        found.add(f"{hour:02d}:{minute:02d}")
    return tuple(sorted(found))


def times_text(times: tuple[str, ...]) -> str:
    """The times as the person reads and types them: "08:00; 20:00"."""
    return "; ".join(times)
