"""Every figure of the clinician report, computed from the diary (no Qt).

Each clinical quantity comes from its one definition in core/: the leg pain of a day
from :mod:`fibrodesk.core.legpain`, flare episodes from :mod:`fibrodesk.core.flares`,
WPI, SSS, FS, the 2016 criteria, tender points and the FIQR from
:mod:`fibrodesk.core.scoring`, insights from :mod:`fibrodesk.core.insights`; the week is
the calendar week (:func:`fibrodesk.core.clock.week_start`). The rows come from
:mod:`fibrodesk.db.report_data` (and the history's per-day series and region matrix from
:mod:`fibrodesk.db.history`).

Conventions of the report (where the issue leaves a choice):

* *Leg pain* of the period: the mean, lowest and highest of the daily leg pain (the
  day's highest leg mark) over the days that have one; the change is this period's mean
  minus the comparison period's.
* *Weekly leg pain*: the mean of the daily leg pain over the calendar week's days.
* *Where the legs hurt*: for each leg region, the share of the period's body-map days
  (days with any mark) on which it had a mark of 1 or more (the history's heat map).
* *Latest WPI/SSS/FS*: the newest calendar week of the period whose SSS answers are all
  given; its WPI counts the week's marks with the week's overrides.
* *FIQR change*: the latest FIQR of the period against the latest before the period
  (else the first of the period), marked past the MCID by :func:`fibrodesk.core.change.fiqr_change`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from fibrodesk import __version__
from fibrodesk.core import scoring
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.change import FiqrChange, fiqr_change
from fibrodesk.core.clock import week_start
from fibrodesk.core.flares import episodes
from fibrodesk.core.insights import Insight, compute_insights
from fibrodesk.core.legpain import leg_regions
from fibrodesk.core.treatment_effect import TreatmentSummary
from fibrodesk.db import (
    history,
    questionnaires,
    report_data,
    treatment_history,
    treatments,
    weekly,
)
from fibrodesk.db.history_series import heat_stats
from fibrodesk.db.report_data import (
    DecisionRow,
    DoctorNote,
    PlanDose,
    ReportDetails,
    SessionCounts,
    TenderExamRow,
)
from fibrodesk.db.treatment_values import SideEffectRow
from fibrodesk.report.period import Period

TOP_REGIONS = 5


@dataclass(frozen=True, slots=True)
class LegPain:
    """Daily leg pain over a period: how many days have a value, their mean and range."""

    days: int
    mean: float | None
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class MeanPair:
    """A check-in measure's mean over this period and the comparison period."""

    label: str
    unit: str  # "" for a 0-10 score, "hours" for sleep
    days: int
    mean: float | None
    days_before: int
    mean_before: float | None


@dataclass(frozen=True, slots=True)
class RegionShare:
    """How often a leg region hurt over a period."""

    region: str
    label: str
    days_hurt: int
    share: float
    mean_intensity: float | None


@dataclass(frozen=True, slots=True)
class LegMap:
    """Where the legs hurt: share of body-map days per leg region (0 when never)."""

    body_map_days: int
    share: dict[str, float]
    ranked: tuple[RegionShare, ...]  # regions that hurt, most often first


@dataclass(frozen=True, slots=True)
class Acr:
    """The latest week's ACR 2016 figures."""

    week: dt.date
    result: scoring.Acr2016Result
    band: str
    sentence: str


@dataclass(frozen=True, slots=True)
class FiqrLatest:
    """The period's latest FIQR total and its change (core.change) against an earlier one."""

    day: dt.date
    total: float
    count: int  # questionnaires in the period
    change: FiqrChange | None


@dataclass(frozen=True, slots=True)
class Episode:
    start: dt.date
    end: dt.date
    note: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Fall:
    day: dt.date
    count: int
    note: str


@dataclass(frozen=True, slots=True)
class TreatmentUse:
    """A treatment of the period: on how many days, and each dose as logged."""

    name: str
    kind: str
    days: int
    doses: tuple[tuple[str, int], ...]  # dose text -> days


@dataclass(frozen=True, slots=True, eq=False)
class Series:
    """The graphs' data: one value per day (NaN when none) or per calendar week."""

    days: np.ndarray
    leg_pain: np.ndarray
    overall_pain: np.ndarray
    sleep_hours: np.ndarray
    fatigue: np.ndarray
    weeks: np.ndarray
    leg_weekly: np.ndarray
    wpi: np.ndarray
    sss: np.ndarray
    fiqr_days: tuple[dt.date, ...]
    fiqr_totals: tuple[float, ...]


@dataclass(frozen=True, slots=True, eq=False)
class ReportSummary:
    """Everything the report shows, for one period against the one before it."""

    period: Period
    comparison: Period
    generated: dt.datetime
    version: str
    details: ReportDetails
    days_with_entries: int
    days_with_entries_before: int
    leg: LegPain
    leg_before: LegPain
    flare_days: int
    flare_days_before: int
    flares: tuple[Episode, ...]
    flares_before: int
    leg_map: LegMap
    leg_map_before: LegMap
    acr: Acr | None
    tender: TenderExamRow | None
    fiqr: FiqrLatest | None
    measures: tuple[MeanPair, ...]
    falls: tuple[Fall, ...]
    sessions: SessionCounts
    plans: tuple[PlanDose, ...]
    decisions: tuple[DecisionRow, ...]
    treatments: tuple[TreatmentUse, ...]
    insights: tuple[Insight, ...]
    notes: tuple[DoctorNote, ...]
    exams: tuple[TenderExamRow, ...]
    series: Series | None = field(default=None)
    medications: tuple[treatment_history.MedicationRow, ...] = field(default=())
    effects: tuple[TreatmentSummary, ...] = field(default=())
    side_effects: tuple[SideEffectRow, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return self.days_with_entries == 0

    @property
    def leg_change(self) -> float | None:
        if self.leg.mean is None or self.leg_before.mean is None:
            return None
        return self.leg.mean - self.leg_before.mean


# --------------------------------------------------------------------------- pieces


def _leg(leg_pain: np.ndarray) -> LegPain:
    """Stats of the daily leg pain (core.legpain's, NaN for a day without a leg mark)."""
    values = [int(v) for v in leg_pain[~np.isnan(leg_pain)]]
    if not values:
        return LegPain(0, None, None, None)
    return LegPain(len(values), sum(values) / len(values), min(values), max(values))


def _flare_days(rows: Iterable[report_data.CheckInRow]) -> list[dt.date]:
    return [r.day for r in rows if r.flare]


def _leg_map(region_days: history.RegionDays, period: Period) -> LegMap:
    stats = heat_stats(region_days, period.start, period.end)
    cat = catalogue()
    legs = leg_regions()
    share: dict[str, float] = {}
    ranked: list[RegionShare] = []
    for i, rid in enumerate(stats.regions):
        if rid not in legs:
            continue
        share[rid] = float(stats.share[i])
        if stats.days_hurt[i] > 0:
            mean = float(stats.mean_intensity[i])
            ranked.append(
                RegionShare(rid, cat.regions[rid].label, int(stats.days_hurt[i]), share[rid], mean)
            )
    ranked.sort(key=lambda r: (-r.days_hurt, -(r.mean_intensity or 0), r.region))
    return LegMap(stats.body_map_days, share, tuple(ranked))


def _acr(period: Period, today: dt.date) -> Acr | None:
    onset = questionnaires.pain_onset()
    for monday in report_data.sss_weeks(week_start(period.start), period.end):
        answers = weekly.get_weekly(monday)
        assert answers.fatigue is not None and answers.unrefreshed is not None
        assert answers.cognitive is not None
        last = min(monday + dt.timedelta(days=6), period.end, today)
        if onset is not None:
            months: float = scoring.months_since(onset, last)
        else:
            months = answers.months or 0
        result = scoring.acr2016_from_areas(
            questionnaires.week_pain(monday).areas,
            answers.fatigue,
            answers.unrefreshed,
            answers.cognitive,
            bool(answers.headaches),
            bool(answers.lower_abdomen),
            bool(answers.depression),
            months,
        )
        sentence = scoring.criteria_sentence(result).replace("this week", "that week")
        return Acr(monday, result, scoring.fs_band(result.fs), sentence)
    return None


def fiqr_total(row: report_data.FiqrRow) -> float | None:
    """The row's FIQR total, or None for one with a section wholly blank."""
    try:
        return scoring.fiqr(*row.sections)
    except ValueError:
        return None


def _fiqr(period: Period) -> tuple[FiqrLatest | None, list[tuple[dt.date, float]]]:
    scored = [
        (r.day, t)
        for r in report_data.fiqr_rows(period.start, period.end)
        if (t := fiqr_total(r)) is not None
    ]
    if not scored:
        return None, []
    day, total = scored[-1]
    before = report_data.latest_fiqr_before(period.start)
    before_total = fiqr_total(before) if before is not None else None
    if before is not None and before_total is not None:
        change = fiqr_change(before.day, before_total, total)
    elif len(scored) > 1:
        change = fiqr_change(scored[0][0], scored[0][1], total)
    else:
        change = None
    return FiqrLatest(day, total, len(scored), change), scored


def _mean(values: Iterable[float | None]) -> tuple[int, float | None]:
    known = [float(v) for v in values if v is not None]
    return len(known), (sum(known) / len(known) if known else None)


MEASURES: tuple[tuple[str, str, Callable[[report_data.CheckInRow], float | None]], ...] = (
    ("Sleep", "hours", lambda r: r.sleep_hours),
    ("Fatigue", "", lambda r: r.fatigue),
    ("Fibro fog", "", lambda r: r.fog),
    ("Restless legs at night", "", lambda r: r.restless_legs),
    ("Leg weakness or heaviness", "", lambda r: r.leg_weakness),
    ("Overall pain", "", lambda r: r.overall_pain),
)


def _measures(
    rows: list[report_data.CheckInRow], before: list[report_data.CheckInRow]
) -> tuple[MeanPair, ...]:
    pairs = []
    for label, unit, get in MEASURES:
        n, mean = _mean(get(r) for r in rows)
        n_b, mean_b = _mean(get(r) for r in before)
        pairs.append(MeanPair(label, unit, n, mean, n_b, mean_b))
    return tuple(pairs)


def _treatments(rows: list[report_data.TreatmentTotal]) -> tuple[TreatmentUse, ...]:
    uses = [
        TreatmentUse(r.name, r.kind, r.days, tuple(sorted(r.doses, key=_by_count))) for r in rows
    ]
    uses.sort(key=lambda u: (u.kind != "medication", -u.days, u.name.lower(), u.name))
    return tuple(uses)


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _weekly_mean(days: np.ndarray, values: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    if days.size == 0 or weeks.size == 0:
        return np.full(weeks.size, np.nan)
    index = ((days - weeks[0]) // np.timedelta64(7, "D")).astype(np.int64)
    known = ~np.isnan(values)
    counts = np.bincount(index[known], minlength=weeks.size)
    sums = np.bincount(index[known], weights=values[known], minlength=weeks.size)
    out = np.full(weeks.size, np.nan)
    some = counts > 0
    out[some] = sums[some] / counts[some]
    return out


def _read_from(period: Period, before: Period) -> dt.date:
    """The first day to read the history from: the comparison period's first day, or the
    diary's first day when that is later (a whole-diary report's comparison period lies
    before anything was recorded; reading it would double the day grid for no value:
    nothing before the first day changes a figure)."""
    span = history.diary_span()
    if span is None:
        return before.start
    return min(period.start, max(before.start, span[0]))


# --------------------------------------------------------------------------- build


def build_summary(
    period: Period,
    details: ReportDetails | None = None,
    *,
    generated: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReportSummary:
    """Every figure of the report for ``period`` against the period before it.

    ``progress`` (optional) is called with a percentage as the work goes on.
    """
    from fibrodesk.core.clock import now

    step = progress or (lambda _p: None)
    generated = generated or now()
    today = generated.date()
    before = period.previous()
    details = details if details is not None else report_data.report_details()

    step(5)
    rows = report_data.checkins(period.start, period.end)
    rows_before = report_data.checkins(before.start, before.end)
    flare_days = _flare_days(rows)
    notes = report_data.flare_notes(period.start, period.end)
    flares = tuple(Episode(a, b, notes.get(a, "")) for a, b in episodes(flare_days))
    step(15)

    both = history.load_history(_read_from(period, before), period.end)
    step(55)
    hist = both.between(period.start, period.end)
    daily = hist.daily
    leg_before = both.daily.between(before.start, before.end).leg_pain
    # The days before the period are context only (the day before, the two weeks a boom
    # is judged against), as on the history page.
    context = both.daily.between(period.start - dt.timedelta(days=14), period.end)
    insights = (
        compute_insights(
            context.days,
            context.leg_pain,
            context.overall_pain,
            context.flare,
            context.exercise_minutes,
            context.sleep_hours,
            start=period.start,
        )
        + treatment_history.trigger_insights(
            context.days, context.leg_pain, context.flare, period.start, period.end
        )
        if rows or not np.isnan(daily.leg_pain).all()
        else []
    )
    weeks = hist.weekly.weeks
    fiqr, fiqr_points = _fiqr(period)
    series = Series(
        days=daily.days,
        leg_pain=daily.leg_pain,
        overall_pain=daily.overall_pain,
        sleep_hours=daily.sleep_hours,
        fatigue=daily.fatigue,
        weeks=weeks,
        leg_weekly=_weekly_mean(daily.days, daily.leg_pain, weeks),
        wpi=hist.weekly.wpi,
        sss=hist.weekly.sss,
        fiqr_days=tuple(d for d, _ in fiqr_points),
        fiqr_totals=tuple(t for _, t in fiqr_points),
    )
    step(70)

    exams = tuple(report_data.tender_exams(period.start, period.end))
    falls = tuple(Fall(r.day, r.falls, r.note) for r in rows if r.falls)
    summary = ReportSummary(
        period=period,
        comparison=before,
        generated=generated,
        version=__version__,
        details=details,
        days_with_entries=report_data.days_with_entries(period.start, period.end),
        days_with_entries_before=report_data.days_with_entries(before.start, before.end),
        leg=_leg(daily.leg_pain),
        leg_before=_leg(leg_before),
        flare_days=len(flare_days),
        flare_days_before=len(_flare_days(rows_before)),
        flares=flares,
        flares_before=len(episodes(_flare_days(rows_before))),
        leg_map=_leg_map(both.regions, period),
        leg_map_before=_leg_map(both.regions, before),
        acr=_acr(period, today),
        tender=exams[-1] if exams else None,
        fiqr=fiqr,
        measures=_measures(rows, rows_before),
        falls=falls,
        sessions=report_data.session_counts(period.start, period.end, today),
        plans=tuple(report_data.plan_doses(period.start, period.end)),
        decisions=tuple(report_data.decisions_between(period.start, period.end)),
        treatments=_treatments(report_data.treatment_totals(period.start, period.end)),
        insights=tuple(insights),
        notes=tuple(report_data.doctor_notes(period.start, period.end)),
        exams=exams,
        series=series,
        medications=tuple(treatment_history.medications_in(period.start, period.end)),
        effects=tuple(treatment_history.treatment_summaries(period.start, period.end)),
        side_effects=tuple(treatments.side_effects_between(period.start, period.end)),
    )
    step(80)
    return summary


def is_number(value: float | None) -> bool:
    return value is not None and not math.isnan(value)
