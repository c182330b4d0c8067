"""What each leg region showed before and after a dose or session (issue 15 point 2).

For one dose (or a session of heat, TENS, massage...) with a time, the marks of each leg
region (domain.md s.1, the 32 fine leg regions) in the **last** entry from 3 hours
before up to the dose time are paired with the marks of the **first** entry from 1 hour
to 4 hours after it. Both windows include both their ends: an entry made exactly at the
dose time, exactly 3 h before, exactly 1 h or exactly 4 h after counts.

Rules this module decides and the tests rely on:

- *An entry with no leg mark* says nothing about the legs (as in
  :mod:`fibrodesk.core.legpain`, where a day without a leg mark has no leg pain value),
  so it is passed over: the entry before is the last one *with a leg mark*, the entry
  after the first one with a leg mark.
- *A region marked in one entry and not in the other* has no pair. An unmarked region is
  "not recorded", never 0 (legpain never fills a missing mark in; 0 is a real "checked,
  no pain"). Such a region is listed on the dose ("left calf 7 -> not marked") so the
  person sees it, but it is not a pair and never enters a summary.
- *Several marks of one region in one entry* (should there be any) count as the highest,
  as the leg pain of a day does.
- *Another dose between the two entries* (any treatment, taken at or after the entry
  before and before the entry after; an entry at the very time of a dose counts as made
  before it) makes the pair **confounded**: it is still shown on the dose, with the other
  treatment named, but left out of every summary, since two things came together and
  the diary cannot tell them apart. Two doses taken at the same moment confound each
  other.
- *Summary over a range*: per treatment and leg region, the median change (after minus
  before; negative is lower pain) over the not-confounded pairs, with the lower and upper
  quartile of the changes, shown only for a region with at least :data:`MIN_PAIRS` (5)
  pairs. The wording says what came together in time, never a cause.

Pure: no Qt, no database. Callers pass :class:`Dose` and :class:`Entry` values.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.wording import one_decimal

__all__ = [
    "AFTER_FROM",
    "AFTER_TO",
    "BEFORE",
    "MIN_PAIRS",
    "Dose",
    "DoseEffect",
    "Entry",
    "RegionChange",
    "RegionSummary",
    "TreatmentSummary",
    "dose_effect",
    "dose_effects",
    "effect_words",
    "entry_from_marks",
    "region_name",
    "summarise",
    "summary_words",
]

BEFORE = timedelta(hours=3)  # the entry before: from 3 h before up to the dose time
AFTER_FROM = timedelta(hours=1)  # the entry after: from 1 h ...
AFTER_TO = timedelta(hours=4)  # ... to 4 h after the dose
MIN_PAIRS = 5  # a region's summary is shown only from this many pairs
NOT_MARKED = "not marked"


@dataclass(frozen=True, slots=True)
class Entry:
    """One body-map entry: when it was recorded and its marks.

    Attributes:
        recorded_at: local time with its UTC offset.
        marks: ``(region id, intensity 0-10)`` pairs of the entry, every region (only the
            leg regions are read).
    """

    recorded_at: datetime
    marks: tuple[tuple[str, int], ...]

    def leg_marks(self) -> dict[str, int]:
        """Each leg region's intensity in this entry (the highest of several)."""
        legs = leg_regions()
        found: dict[str, int] = {}
        for region, intensity in self.marks:
            if region in legs and intensity > found.get(region, -1):
                found[region] = intensity
        return found


@dataclass(frozen=True, slots=True)
class Dose:
    """One dose or session with its time.

    Attributes:
        id: the dose's id (any text unique among the doses passed together).
        treatment_id: the treatment it belongs to.
        treatment_name: the treatment's name, for the words ("Ibuprofen").
        taken_at: local time with its UTC offset.
    """

    id: str
    treatment_id: str
    treatment_name: str
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class RegionChange:
    """One leg region before and after a dose; ``None`` where the entry did not mark it."""

    region: str
    before: int | None
    after: int | None

    @property
    def paired(self) -> bool:
        return self.before is not None and self.after is not None

    @property
    def change(self) -> int | None:
        """After minus before (negative: lower), or None without a pair."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class DoseEffect:
    """What the entries around one dose showed.

    Attributes:
        dose: the dose.
        before_at: time of the entry before (None: no entry with a leg mark in the
            3 hours up to the dose).
        after_at: time of the entry after (None: none from 1 h to 4 h after).
        regions: each leg region marked in either entry, in the catalogue's order
            (groin to sole, left before right); empty when an entry is missing.
        confounded_by: the other doses taken between the two entries, in time order.
    """

    dose: Dose
    before_at: datetime | None
    after_at: datetime | None
    regions: tuple[RegionChange, ...] = ()
    confounded_by: tuple[Dose, ...] = field(default=())

    @property
    def pairs(self) -> tuple[RegionChange, ...]:
        """The regions marked in both entries."""
        return tuple(r for r in self.regions if r.paired)

    @property
    def counts(self) -> bool:
        """True when this dose enters a summary: paired regions and no other dose between."""
        return bool(self.pairs) and not self.confounded_by


# --------------------------------------------------------------------------- pairing


@cache
def _region_order() -> dict[str, int]:
    return {region: i for i, region in enumerate(catalogue().regions)}


def _with_leg_marks(entries: Iterable[Entry]) -> list[Entry]:
    return sorted((e for e in entries if e.leg_marks()), key=lambda e: e.recorded_at)


def _dose_key(dose: Dose) -> tuple[datetime, str, str]:
    return (dose.taken_at, dose.treatment_name, dose.id)


class _Timeline:
    """Entries with a leg mark and doses, each in time order, searched by bisection (a
    ten-year diary has thousands of both)."""

    def __init__(self, entries: list[Entry], doses: list[Dose]) -> None:
        self.entries = entries
        self.entry_times = [e.recorded_at for e in entries]
        self.doses = doses
        self.dose_times = [d.taken_at for d in doses]

    def pair(self, dose: Dose) -> DoseEffect:
        t = dose.taken_at
        times = self.entry_times
        # The last entry in [t - 3 h, t] and the first in [t + 1 h, t + 4 h].
        last = bisect.bisect_right(times, t) - 1
        entry_before = self.entries[last] if last >= 0 and times[last] >= t - BEFORE else None
        first = bisect.bisect_left(times, t + AFTER_FROM)
        entry_after = (
            self.entries[first] if first < len(times) and times[first] <= t + AFTER_TO else None
        )
        if entry_before is None or entry_after is None:
            return DoseEffect(
                dose,
                entry_before.recorded_at if entry_before else None,
                entry_after.recorded_at if entry_after else None,
            )
        start, end = entry_before.recorded_at, entry_after.recorded_at
        low = bisect.bisect_left(self.dose_times, start)
        high = bisect.bisect_left(self.dose_times, end)
        others = tuple(d for d in self.doses[low:high] if d.id != dose.id)
        marks_before, marks_after = entry_before.leg_marks(), entry_after.leg_marks()
        order = _region_order()
        regions = tuple(
            RegionChange(region, marks_before.get(region), marks_after.get(region))
            for region in sorted(set(marks_before) | set(marks_after), key=order.__getitem__)
        )
        return DoseEffect(dose, start, end, regions, others)


def dose_effect(dose: Dose, entries: Iterable[Entry], doses: Iterable[Dose] = ()) -> DoseEffect:
    """The effect shown around one ``dose``.

    ``entries`` are the entries near it (any others are ignored); ``doses`` every dose
    near it (it may include ``dose`` itself), for the confounding rule.
    """
    return _Timeline(_with_leg_marks(entries), sorted(doses, key=_dose_key)).pair(dose)


def dose_effects(doses: Iterable[Dose], entries: Iterable[Entry]) -> list[DoseEffect]:
    """The effect of each dose, in the doses' time order; every dose passed is also a
    possible confounder of the others."""
    ordered = sorted(doses, key=_dose_key)
    timeline = _Timeline(_with_leg_marks(entries), ordered)
    return [timeline.pair(dose) for dose in ordered]


# --------------------------------------------------------------------------- words


@cache
def region_name(region_id: str) -> str:
    """A region as a sentence names it: ``calf_left`` -> ``left calf``,
    ``thigh_front_right`` -> ``right front of thigh``, ``groin_left`` -> ``left groin``.

    From the catalogue's label ("Calf, left"): the side first, the rest in lower case
    (its first letter only, so "Achilles" keeps its capital), a bracketed gloss dropped.
    """
    region = catalogue().region(region_id)
    label = region.label
    if region.side and label.endswith(f", {region.side}"):
        label = label[: -len(region.side) - 2]
    if "(" in label:
        label = label[: label.index("(")].rstrip()
    label = label[:1].lower() + label[1:]
    return f"{region.side} {label}" if region.side else label


def _mark(value: int | None) -> str:
    return NOT_MARKED if value is None else str(value)


def effect_words(effect: DoseEffect) -> str:
    """The dose's effect in one line, e.g. ``left calf 7 -> 4 by 16:10, right knee 5 -> 5``.

    Paired regions come first (catalogue order), then regions marked in one entry only
    ("left shin 6 -> not marked"). The time is the entry after's own local time. Without
    an entry on one side it says which is missing; a confounded pair names the other
    treatments taken between the entries.
    """
    if effect.before_at is None and effect.after_at is None:
        return "No entry with a leg mark in the 3 hours before or from 1 to 4 hours after."
    if effect.before_at is None:
        return "No entry with a leg mark in the 3 hours before, so nothing to compare."
    if effect.after_at is None:
        return "No entry with a leg mark from 1 to 4 hours after, so nothing to compare."
    ordered = [r for r in effect.regions if r.paired] + [r for r in effect.regions if not r.paired]
    parts = [f"{region_name(r.region)} {_mark(r.before)} -> {_mark(r.after)}" for r in ordered]
    parts[0] += f" by {effect.after_at.strftime('%H:%M')}"
    text = ", ".join(parts)
    if effect.confounded_by:
        names = sorted({d.treatment_name for d in effect.confounded_by})
        text += f" (also taken in between: {', '.join(names)}; not counted in the summary)"
    return text


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class RegionSummary:
    """One leg region over a treatment's counted pairs.

    Attributes:
        region: region id.
        pairs: how many doses paired this region (at least :data:`MIN_PAIRS`).
        median_change: median of after minus before (negative: lower afterwards).
        q1, q3: lower and upper quartile of the changes (spread).
        median_before, median_after: medians of the marks before and after.
    """

    region: str
    pairs: int
    median_change: float
    q1: float
    q3: float
    median_before: float
    median_after: float


@dataclass(frozen=True, slots=True)
class TreatmentSummary:
    """One treatment over a range.

    Attributes:
        treatment_id, treatment_name: the treatment.
        doses: doses in the range.
        paired_doses: doses with an entry before and after and a paired region, not
            confounded: the doses the summary rests on.
        confounded: doses with a pair left out because another dose came between.
        regions: the regions with at least :data:`MIN_PAIRS` pairs, catalogue order.
    """

    treatment_id: str
    treatment_name: str
    doses: int
    paired_doses: int
    confounded: int
    regions: tuple[RegionSummary, ...]


def _quartiles(values: Sequence[int]) -> tuple[float, float]:
    """Lower and upper quartile, linear like numpy's default percentile (as the insights)."""
    ordered = sorted(values)
    result = []
    for q in (0.25, 0.75):
        position = q * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        result.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return result[0], result[1]


def summarise(effects: Iterable[DoseEffect]) -> list[TreatmentSummary]:
    """One summary per treatment among ``effects`` (by name, then id), each with the
    regions that have at least :data:`MIN_PAIRS` not-confounded pairs."""
    by_treatment: dict[str, list[DoseEffect]] = {}
    for effect in effects:
        by_treatment.setdefault(effect.dose.treatment_id, []).append(effect)
    order = _region_order()
    summaries = []
    for treatment_id, group in by_treatment.items():
        per_region: dict[str, list[RegionChange]] = {}
        for effect in group:
            if effect.counts:
                for change in effect.pairs:
                    per_region.setdefault(change.region, []).append(change)
        regions = []
        for region in sorted(per_region, key=order.__getitem__):
            changes = per_region[region]
            if len(changes) < MIN_PAIRS:
                continue
            deltas = [c.change for c in changes if c.change is not None]
            q1, q3 = _quartiles(deltas)
            regions.append(
                RegionSummary(
                    region=region,
                    pairs=len(changes),
                    median_change=float(statistics.median(deltas)),
                    q1=q1,
                    q3=q3,
                    median_before=float(statistics.median(c.before or 0 for c in changes)),
                    median_after=float(statistics.median(c.after or 0 for c in changes)),
                )
            )
        summaries.append(
            TreatmentSummary(
                treatment_id=treatment_id,
                treatment_name=group[0].dose.treatment_name,
                doses=len(group),
                paired_doses=sum(1 for e in group if e.counts),
                confounded=sum(1 for e in group if e.pairs and e.confounded_by),
                regions=tuple(regions),
            )
        )
    summaries.sort(key=lambda s: (s.treatment_name.casefold(), s.treatment_id))
    return summaries


def _change_words(value: float) -> str:
    shown = one_decimal(abs(value))
    if shown == "0.0":
        return "no change"
    return f"{shown} lower" if value < 0 else f"{shown} higher"


def summary_words(summary: TreatmentSummary) -> str:
    """The summary in one or two sentences, e.g. ``Heat: 7 of 9 sessions had an entry
    before and 1-4 hours after. Left calf was a median 2.0 lower (middle half -3.0 to
    -1.0; 7 pairs), ...``. Worded as what came together in time, never as a cause."""
    kind = "dose" if summary.doses == 1 else "doses"
    head = (
        f"{summary.treatment_name}: {summary.paired_doses} of {summary.doses} {kind} "
        "had an entry in the 3 hours before and one 1 to 4 hours after"
    )
    if summary.confounded:
        head += f" ({summary.confounded} left out: another treatment came in between)"
    if not summary.regions:
        return f"{head}. No leg region has {MIN_PAIRS} such pairs yet, so there is no summary."
    parts = [
        f"{region_name(r.region)} {_change_words(r.median_change)} afterwards "
        f"(median {one_decimal(r.median_before)} -> {one_decimal(r.median_after)}, "
        f"middle half of the changes {one_decimal(r.q1)} to {one_decimal(r.q3)}; "
        f"{r.pairs} pairs)"
        for r in summary.regions
    ]
    text = "; ".join(parts)
    return f"{head}. In those hours {text}. These came together in time; the diary cannot tell why."


def entry_from_marks(recorded_at: datetime, marks: Mapping[str, int]) -> Entry:
    """An :class:`Entry` from a ``{region: intensity}`` mapping (tests, callers)."""
    return Entry(recorded_at, tuple(marks.items()))
