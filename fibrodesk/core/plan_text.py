"""The planner's words: doses, weekdays, pacing actions, effort and why a session was skipped.

One place for what the person reads about exercise, so that the planner page, the session
dialog, the reminders, the calendar export and the pacing reasons say it the same way.
English whatever the computer's language (as :mod:`fibrodesk.core.clock` names days).
Pure: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from fibrodesk.core.clock import day_name

SHORT_DAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def amount_text(n: int, unit: str) -> str:
    """``1 minute``, ``6 minutes``, ``1 repetition``, ``12 repetitions``."""
    word = "minute" if unit == "minutes" else "repetition"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def dose_text(dose: int, unit: str, sets: int = 1) -> str:
    """A dose in words: ``6 minutes``, ``8 repetitions``, ``2 sets of 8 repetitions``."""
    if unit == "reps" and sets > 1:
        return f"{sets} sets of {amount_text(dose, unit)}"
    return amount_text(dose, unit)


def weekdays_text(days: Iterable[int]) -> str:
    """``every day``, ``weekdays``, or ``Mon, Wed, Fri`` (0 = Monday)."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "every day"
    if chosen == [0, 1, 2, 3, 4]:
        return "weekdays"
    return ", ".join(SHORT_DAYS[d] for d in chosen)


ACTION_WORDS: dict[str, str] = {
    "start": "Started",
    "increase": "Increased",
    "hold": "Held",
    "step_back": "Stepped back",
    "at_target": "At target",
}
"""A pacing action as a heading word: "Held", never a symbol alone."""

ACTION_NOTES: dict[str, str] = {
    "increase": "\N{UPWARDS ARROW} dose increased",
    "hold": "dose held",
    "step_back": "\N{DOWNWARDS ARROW} dose stepped back",
    "at_target": "at target",
}
"""How a planned session's dose was set, in a calendar chip: words, an arrow at most."""


def done_text(actual: int, planned: int, unit: str, sets: int = 1) -> str:
    """What was done, saying the sets once: ``2 sets of 8 repetitions`` when the whole
    dose was done, ``2 sets of 6 repetitions (8 planned)`` or ``6 minutes (10 planned)``
    when less, ``12 minutes (10 planned)`` when more."""
    said = dose_text(actual, unit, sets)
    return said if actual == planned else f"{said} ({planned} planned)"


EFFORT_WORDS: dict[int, str] = {
    0: "at rest",
    1: "very light",
    2: "light",
    3: "moderate",
    4: "a bit hard",
    5: "hard",
    7: "very hard",
    10: "the hardest I could",
}
"""Effort 0-10 in the app's own words (domain.md s.7); the Borg CR10 labels are licensed.

Only these numbers carry words; 6, 8 and 9 lie between their neighbours."""

EFFORT_AIM = "Aim for light to moderate effort: about 2 to 4."


def effort_words(value: int) -> str:
    """The words for one effort number: ``moderate``, or ``between hard and very hard``."""
    if not 0 <= value <= 10:
        raise ValueError(f"effort is 0 to 10, not {value!r}")
    if value in EFFORT_WORDS:
        return EFFORT_WORDS[value]
    below = max(k for k in EFFORT_WORDS if k < value)
    above = min(k for k in EFFORT_WORDS if k > value)
    return f"between {EFFORT_WORDS[below]} and {EFFORT_WORDS[above]}"


def effort_text(value: int | None) -> str:
    """``3 (moderate)``; empty for no answer."""
    return "" if value is None else f"{value} ({effort_words(value)})"


SKIP_REASONS: dict[str, str] = {
    "pain": "pain",
    "fatigue_flare": "fatigue or a flare",
    "no_time": "no time",
    "other": "another reason",
}
"""Why a session was skipped or cut short (``exercise_session.skip_reason``), in words."""


def skip_reason_text(code: str | None) -> str:
    """``pain``, ``fatigue or a flare``, ``no time``, ``another reason``; empty for none."""
    return SKIP_REASONS.get(code or "", "")


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _days(days: Iterable[date]) -> str:
    return _and([day_name(d) for d in sorted(set(days))])


# A revised weekly review (domain.md s.7): why, from the late entries of its week.
LATE_WORDS: dict[str, tuple[str, str]] = {
    "flare": ("a flare was", "flares were"),
    "leg_pain": ("leg pain was", "leg pain was"),
    "session": ("a session was", "sessions were"),
    "checkin": ("a check-in was", "check-ins were"),
}
"""What a late entry of a reviewed week was, in words (singular, plural)."""


def revision_text(late: Iterable[tuple[str, date]]) -> str:
    """Why a review was revised, from the late entries ``(kind, day)`` of its week.

    ``kind`` is ``flare``, ``leg_pain``, ``session`` or ``checkin``: ``a flare was logged for Sunday 9
    March``; several kinds are joined with "and". Without any, a general sentence.
    """
    by_kind: dict[str, set[date]] = {}
    for kind, day in late:
        if kind not in LATE_WORDS:
            raise ValueError(f"unknown kind of late entry {kind!r}")
        by_kind.setdefault(kind, set()).add(day)
    parts = []
    for kind, (one, many) in LATE_WORDS.items():
        if kind in by_kind:
            days = by_kind[kind]
            parts.append(f"{one if len(days) == 1 else many} logged for {_days(days)}")
    return _and(parts) if parts else "an entry of the week was added or changed"


def with_revision(reason: str, revision: str) -> str:
    """A decision's reason with why it was revised, if it was:
    ``Held: flare logged on Sunday 9 March. (Revised: a flare was logged for Sunday 9 March.)``"""
    if not revision:
        return reason
    return f"{reason} (Revised: {revision}.)"
