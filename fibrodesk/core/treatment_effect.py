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

Pure: no Qt, no database. Callers pass :class:`Dose` and :class:`Entry` values, or for
a long range compact ones (:func:`summarise_doses`: a dose is its time and treatment, an
entry its time and leg vector, :mod:`fibrodesk.core.dose_windows`, where the windows
are searched for both).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.dose_windows import (
    AFTER_FROM,
    AFTER_TO,
    BEFORE,
    NO_MARK,
    Timeline,
    has_pair,
    leg_index,
    leg_order,
    leg_vector,
)
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.wording import one_decimal

__all__ = [
    "CompactDose",
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
    "effects_of",
    "summarise",
    "summarise_doses",
    "summary_words",
]

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


def _dose_key(dose: Dose) -> tuple[datetime, str, str]:
    return (dose.taken_at, dose.treatment_name, dose.id)


def _pair(timeline: Timeline, dose: Dose, doses: Sequence[Dose]) -> DoseEffect:
    """``dose``'s effect; ``doses`` are the doses of the timeline's dose times."""
    before, after = timeline.around(dose.taken_at)
    times = timeline.times
    if before < 0 or after < 0:
        return DoseEffect(
            dose, times[before] if before >= 0 else None, times[after] if after >= 0 else None
        )
    low, high = timeline.doses_between(before, after)
    others = tuple(d for d in doses[low:high] if d.id != dose.id)
    marks_before, marks_after = timeline.vectors[before], timeline.vectors[after]
    regions = tuple(
        RegionChange(region, _intensity(marks_before[i]), _intensity(marks_after[i]))
        for i, region in enumerate(leg_order())
        if marks_before[i] != NO_MARK or marks_after[i] != NO_MARK
    )
    return DoseEffect(dose, times[before], times[after], regions, others)


def _intensity(value: int) -> int | None:
    return None if value == NO_MARK else value


def _vectors(entries: Iterable[Entry]) -> list[tuple[datetime, bytes]]:
    found = []
    for entry in entries:
        vector = leg_vector(entry.marks)
        if vector is not None:
            found.append((entry.recorded_at, vector))
    return found


def dose_effect(dose: Dose, entries: Iterable[Entry], doses: Iterable[Dose] = ()) -> DoseEffect:
    """The effect shown around one ``dose``.

    ``entries`` are the entries near it (any others are ignored); ``doses`` every dose
    near it (it may include ``dose`` itself), for the confounding rule.
    """
    ordered = sorted(doses, key=_dose_key)
    timeline = Timeline(_vectors(entries), [d.taken_at for d in ordered])
    return _pair(timeline, dose, ordered)


def dose_effects(doses: Iterable[Dose], entries: Iterable[Entry]) -> list[DoseEffect]:
    """The effect of each dose, in the doses' time order; every dose passed is also a
    possible confounder of the others."""
    return effects_of(sorted(doses, key=_dose_key), _vectors(entries))


def effects_of(
    doses: Sequence[Dose], entries: Iterable[tuple[datetime, bytes]]
) -> list[DoseEffect]:
    """:func:`dose_effects` from ``doses`` already in time order and entries given as
    ``(recorded_at, leg vector)``."""
    timeline = Timeline(entries, [d.taken_at for d in doses])
    return [_pair(timeline, dose, doses) for dose in doses]


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


def _region_summary(region: str, before: Sequence[int], after: Sequence[int]) -> RegionSummary:
    deltas = [a - b for b, a in zip(before, after, strict=True)]
    q1, q3 = _quartiles(deltas)
    return RegionSummary(
        region=region,
        pairs=len(deltas),
        median_change=float(statistics.median(deltas)),
        q1=q1,
        q3=q3,
        median_before=float(statistics.median(before)),
        median_after=float(statistics.median(after)),
    )


@dataclass(slots=True)
class _Tally:
    """One treatment's doses while summarising; each region's pairs as two byte arrays
    (marks before, marks after) by leg region index."""

    name: str
    doses: int = 0
    paired: int = 0
    confounded: int = 0
    pairs: dict[int, tuple[bytearray, bytearray]] = field(default_factory=dict)

    def add(self, before: bytes, after: bytes) -> None:
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            if b != NO_MARK and a != NO_MARK:
                sides = self.pairs.setdefault(i, (bytearray(), bytearray()))
                sides[0].append(b)
                sides[1].append(a)

    def summary(self, treatment_id: str) -> TreatmentSummary:
        legs = leg_order()
        return TreatmentSummary(
            treatment_id=treatment_id,
            treatment_name=self.name,
            doses=self.doses,
            paired_doses=self.paired,
            confounded=self.confounded,
            regions=tuple(
                _region_summary(legs[i], *self.pairs[i])
                for i in sorted(self.pairs)
                if len(self.pairs[i][0]) >= MIN_PAIRS
            ),
        )


def _sorted(tallies: dict[str, _Tally]) -> list[TreatmentSummary]:
    summaries = [tally.summary(treatment_id) for treatment_id, tally in tallies.items()]
    summaries.sort(key=lambda s: (s.treatment_name.casefold(), s.treatment_id))
    return summaries


def summarise(effects: Iterable[DoseEffect]) -> list[TreatmentSummary]:
    """One summary per treatment among ``effects`` (by name, then id), each with the
    regions that have at least :data:`MIN_PAIRS` not-confounded pairs."""
    index = leg_index()
    tallies: dict[str, _Tally] = {}
    for effect in effects:
        tally = tallies.setdefault(effect.dose.treatment_id, _Tally(effect.dose.treatment_name))
        tally.doses += 1
        pairs = effect.pairs
        if pairs and effect.confounded_by:
            tally.confounded += 1
        elif pairs:
            tally.paired += 1
            for change in pairs:
                sides = tally.pairs.setdefault(index[change.region], (bytearray(), bytearray()))
                sides[0].append(change.before or 0)
                sides[1].append(change.after or 0)
    return _sorted(tallies)


CompactDose = tuple[datetime, str, str, bool]  # taken_at, treatment id and name, summarised


def summarise_doses(
    stretches: Iterable[tuple[Sequence[CompactDose], Iterable[tuple[datetime, bytes]]]],
) -> list[TreatmentSummary]:
    """:func:`summarise` of the effects of the doses, without a :class:`DoseEffect` per
    dose (a ten-year range pairs thousands), a stretch of days at a time: each stretch
    gives its doses as ``(taken_at, treatment id, treatment name, summarised)`` (the
    ones not summarised, from the days either side, only as possible confounders) and
    the entries near them as ``(recorded_at, leg vector)``."""
    tallies: dict[str, _Tally] = {}
    for doses, entries in stretches:
        ordered = sorted(doses, key=lambda d: d[0])
        timeline = Timeline(entries, [taken_at for taken_at, _t, _n, _s in ordered])
        vectors = timeline.vectors
        for taken_at, treatment_id, name, summarised in ordered:
            if not summarised:
                continue
            tally = tallies.get(treatment_id)
            if tally is None:
                tally = tallies[treatment_id] = _Tally(name)
            tally.doses += 1
            before, after = timeline.around(taken_at)
            if before < 0 or after < 0 or not has_pair(vectors[before], vectors[after]):
                continue
            low, high = timeline.doses_between(before, after)
            if high - low > 1:  # another dose came in between (the slice holds this one)
                tally.confounded += 1
            else:
                tally.paired += 1
                tally.add(vectors[before], vectors[after])
    return _sorted(tallies)


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
