"""The weekly scheduling rules (domain.md s.7, Mayo Clinic guidance for fibromyalgia).

Strength twice a week with a rest day between, aerobic and strength on alternate days
where possible, stretching, balance and mind-body work on any day. Pure: no Qt, no
database. The plan dialog warns with these sentences and proposes days with
:func:`suggest_days`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from fibrodesk.core.clock import WEEKDAY_NAMES

SCHEDULE_KINDS: tuple[str, ...] = ("aerobic", "strength", "stretching", "balance", "mind_body")


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class PlanDays:
    """One plan's weekly days, for the scheduling checks.

    Attributes:
        name: the plan's display name (used in warnings).
        kind: the exercise kind, one of :data:`SCHEDULE_KINDS`.
        weekdays: the weekdays it is done on, 0 = Monday ... 6 = Sunday.
    """

    name: str
    kind: str
    weekdays: tuple[int, ...]


def _check_day(day: int) -> None:
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
        raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday), not {day!r}")


def _check_kind(kind: str) -> None:
    if kind not in SCHEDULE_KINDS:
        raise ValueError(f"unknown exercise kind {kind!r}")


def _days_with(assignments: Mapping[int, Iterable[str]]) -> dict[str, set[int]]:
    by_kind: dict[str, set[int]] = {k: set() for k in SCHEDULE_KINDS}
    for day, kinds in assignments.items():
        _check_day(day)
        for kind in kinds:
            _check_kind(kind)
            by_kind[kind].add(day)
    return by_kind


def _weekdays(days: Iterable[int]) -> str:
    return _and([WEEKDAY_NAMES[d] for d in sorted(days)])


def _adjacent(a: int, b: int) -> bool:
    """Neighbouring weekdays, Sunday next to Monday (the week repeats)."""
    return (a - b) % 7 in (1, 6)


def _spread(days: Sequence[int]) -> bool:
    return not any(_adjacent(a, b) for a, b in combinations(days, 2))


def check_week_schedule(assignments: Mapping[int, Iterable[str]]) -> list[str]:
    """Warnings for a week's plan: ``{weekday: [kind, ...]}``, 0 = Monday.

    Rules (domain.md s.7, Mayo Clinic guidance): strength on at most 2 days a week, with a
    rest day between them; aerobic and strength on alternate days where possible (a day
    with both is flagged only while some day has neither); stretching, balance and
    mind-body work fit any day. An empty list means the week is fine.
    ``ValueError`` for a weekday outside 0-6 or an unknown kind.
    """
    by_kind = _days_with(assignments)
    strength, aerobic = by_kind["strength"], by_kind["aerobic"]
    warnings: list[str] = []
    if len(strength) > 2:
        warnings.append(
            f"Strength is planned on {len(strength)} days ({_weekdays(strength)}); "
            "twice a week is enough."
        )
    for a, b in combinations(sorted(strength), 2):
        if _adjacent(a, b):
            first, second = (b, a) if (a - b) % 7 == 1 else (a, b)
            warnings.append(
                f"Strength on {WEEKDAY_NAMES[first]} and {WEEKDAY_NAMES[second]}: "
                "leave a rest day between strength days."
            )
    both = aerobic & strength
    free = set(range(7)) - aerobic - strength
    if both and free:
        verb = "is" if len(free) == 1 else "are"
        warnings.append(
            f"Aerobic and strength are both on {_weekdays(both)}, while {_weekdays(free)} "
            f"{verb} free: alternate them where you can."
        )
    return warnings


def schedule_warnings(plans: Iterable[PlanDays]) -> list[str]:
    """Warnings for a set of plans: each strength plan at most twice a week, then the
    whole week through :func:`check_week_schedule` (strength at most twice overall too).
    """
    plans = list(plans)
    warnings: list[str] = []
    week: dict[int, list[str]] = {}
    largest_plan = 0
    for plan in plans:
        _check_kind(plan.kind)
        days = set(plan.weekdays)
        for day in days:
            _check_day(day)
            week.setdefault(day, []).append(plan.kind)
        if plan.kind == "strength":
            largest_plan = max(largest_plan, len(days))
            if len(days) > 2:
                warnings.append(
                    f"{plan.name} is planned on {len(days)} days a week; "
                    "strength twice a week is enough."
                )
    overall = check_week_schedule(week)
    strength_days = {d for d, kinds in week.items() if "strength" in kinds}
    if largest_plan > 2 and len(strength_days) == largest_plan:
        # One plan alone already breaks the limit and was named above.
        overall = [w for w in overall if not w.startswith("Strength is planned on")]
    return warnings + overall


def schedule_ok(plans: Iterable[PlanDays]) -> bool:
    """True when :func:`schedule_warnings` has nothing to say."""
    return not schedule_warnings(plans)


def suggest_days(kind: str, existing: Mapping[int, Iterable[str]] | None = None) -> list[int]:
    """Weekdays (0 = Monday) to propose for a new plan of ``kind``, given the week so far.

    - strength: 2 days with a rest day between; the days other strength work is on come
      first (strength stays at twice a week overall), then days free of aerobic work.
    - aerobic: 3 alternate days (Monday, Wednesday, Friday when nothing clashes),
      avoiding strength days, then sharing days other aerobic work is on.
    - mind_body: 3 alternate days, on days other mind-body work is on, then the days
      with least aerobic and strength work.
    - stretching and balance: every day.

    Ties go to the earliest days, so the answer is deterministic.
    """
    _check_kind(kind)
    by_kind = _days_with(existing or {})
    if kind in ("stretching", "balance"):
        return list(range(7))
    strength, aerobic = by_kind["strength"], by_kind["aerobic"]
    if kind == "strength":
        pairs = [p for p in combinations(range(7), 2) if _spread(p)]
        pair = min(
            pairs,
            key=lambda p: (-len(strength.intersection(p)), len(aerobic.intersection(p)), p),
        )
        return list(pair)
    triples = [t for t in combinations(range(7), 3) if _spread(t)]
    if kind == "aerobic":
        best = min(
            triples,
            key=lambda t: (len(strength.intersection(t)), -len(aerobic.intersection(t)), t),
        )
    else:  # mind_body
        busy = strength | aerobic
        same = by_kind["mind_body"]
        best = min(
            triples, key=lambda t: (-len(same.intersection(t)), len(busy.intersection(t)), t)
        )
    return list(best)
