"""The report as a document: headings, facts, paragraphs, lists, tables, leg maps and
graphs, in reading order (no Qt).

One document is the source of the PDF, the print-out, the window's preview and the
accessible HTML copy, so that they all say the same. Every sentence is written here;
the figures come from :class:`~fibrodesk.report.summary.ReportSummary`. Text from the
person (names, notes, questions, treatment names) is carried as plain text; the painter
draws it as text and the HTML writer escapes it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from fibrodesk.core.change import MCID_FALL_PERCENT
from fibrodesk.core.insights import MIN_DAYS
from fibrodesk.core.plan_text import ACTION_WORDS, amount_text
from fibrodesk.core.scoring import DISCLAIMER, TENDER_POINTS_TOTAL, tender_point_count
from fibrodesk.report.period import day_words, short_day
from fibrodesk.report.summary import LegPain, MeanPair, ReportSummary


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2  # 1: the title, 2: a section, 3: a sub-section


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    style: str = "body"  # "body", "small" or "strong"


@dataclass(frozen=True, slots=True)
class Facts:
    """Label and value pairs, shown as a two-column list."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    caption: str = ""
    size: str = "table"  # "table", or "small" for a long table on the summary


@dataclass(frozen=True, slots=True)
class LegMaps:
    """Where the legs hurt in two periods, front and back (share of body-map days)."""

    now_title: str
    before_title: str
    now: dict[str, float]
    before: dict[str, float]
    alt: str


@dataclass(frozen=True, slots=True)
class Line:
    """One series of a graph: x as day numbers (date.toordinal()), y with NaN gaps."""

    name: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    style: str = "line"  # "line", "points" or "bars"
    shade: int = 0  # 0: black, 1: mid grey, 2: light grey (print in greyscale)


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    y_label: str
    lines: tuple[Line, ...]
    alt: str


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Para | Facts | Bullets | Table | LegMaps | Chart | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    footer: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


# A summary lists every pacing decision itself up to this many (12 weeks of three plans);
# a longer period's decisions are all in their own table after the graphs.
SUMMARY_DECISIONS = 40

# --------------------------------------------------------------------------- numbers


def one(value: float | None) -> str:
    """A mean as shown everywhere in the report: one decimal."""
    return "–" if value is None or math.isnan(value) else f"{value:.1f}"


def signed(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:+.1f}"
    return "±0.0" if text in ("+0.0", "-0.0") else text


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def times(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- page 1


def _person(s: ReportSummary) -> list[Block]:
    d = s.details
    parts = [
        f"{label}: {value}"
        for label, value in (("Name", d.name), ("Born", d.birth_date), ("Clinician", d.clinician))
        if value
    ]
    return [Para(" · ".join(parts), "strong")] if parts else []


def _facts(s: ReportSummary) -> Facts:
    p, c = s.period, s.comparison
    return Facts(
        (
            ("Period", f"{p.words()} ({days(p.days)})"),
            ("Compared with", f"{c.words()} (the {days(c.days)} before)"),
            (
                "Days with entries",
                f"{s.days_with_entries} of {p.days} (before: {s.days_with_entries_before} "
                f"of {c.days})",
            ),
            (
                "Made",
                f"{day_words(s.generated.date())} {s.generated:%H:%M} with FibroDesk {s.version}",
            ),
        )
    )


def _count_change(now: int, before: int) -> str:
    return "±0" if now == before else f"{now - before:+d}"


def _leg_sentences(s: ReportSummary) -> list[Block]:
    """Leg pain and flares at a glance: this period, the period before, the change."""
    leg, before = s.leg, s.leg_before

    def mean(p: LegPain) -> str:
        return f"{one(p.mean)} ({days(p.days)})" if p.days else "no leg marks"

    def spread(p: LegPain) -> str:
        return f"{p.low}–{p.high}" if p.days else "–"

    rows = (
        (
            "Leg pain: mean of the daily highest (0–10)",
            mean(leg),
            mean(before),
            signed(s.leg_change),
        ),
        ("Leg pain: range of the daily highest", spread(leg), spread(before), ""),
        (
            "Flare days",
            str(s.flare_days),
            str(s.flare_days_before),
            _count_change(s.flare_days, s.flare_days_before),
        ),
        (
            "Flares",
            str(len(s.flares)),
            str(s.flares_before),
            _count_change(len(s.flares), s.flares_before),
        ),
    )
    return [
        Table(("At a glance", "This period", "Period before", "Change"), rows, (3.2, 1.7, 1.7, 1)),
        Para(
            "The leg pain of a day is its highest mark on a leg region (groin to sole); a day "
            "without a leg mark has none, and overall pain never stands in for it. A flare is "
            "a run of consecutive flare days.",
            "small",
        ),
    ]


def _map_words(s: ReportSummary) -> list[Block]:
    ranked = s.leg_map.ranked[:5]
    if not ranked:
        return [Para("No leg region hurt on a body-map day in this period.", "small")]
    bmd = s.leg_map.body_map_days
    words = [
        f"{r.label}: {r.days_hurt} of {bmd} body-map days ({r.share:.0%}), mean {one(r.mean_intensity)}"
        for r in ranked
    ]
    return [Para("Most affected leg regions this period:", "small"), Bullets(tuple(words))]


def _maps(s: ReportSummary) -> LegMaps:
    ranked = ", ".join(f"{r.label} {r.share:.0%}" for r in s.leg_map.ranked[:5]) or "none"
    before = ", ".join(f"{r.label} {r.share:.0%}" for r in s.leg_map_before.ranked[:5]) or "none"
    alt = (
        "Leg maps, front and back, shaded by the share of body-map days each leg region hurt. "
        f"This period ({s.leg_map.body_map_days} body-map days): {ranked}. "
        f"Period before ({s.leg_map_before.body_map_days} body-map days): {before}."
    )
    return LegMaps(
        f"This period: {s.period.words()}",
        f"Before: {s.comparison.words()}",
        s.leg_map.share,
        s.leg_map_before.share,
        alt,
    )


def _scores(s: ReportSummary) -> list[Block]:
    blocks: list[Block] = []
    if s.acr is None:
        blocks.append(
            Para(
                "WPI, SSS and FS: no week of this period has all the weekly symptom answers. "
                + DISCLAIMER
            )
        )
    else:
        r = s.acr.result
        blocks.append(
            Para(
                f"Week of {day_words(s.acr.week)}: WPI {r.wpi} of 19, SSS {r.sss} of 12, "
                f"FS {r.fs} of 31 ({s.acr.band}); pain in {r.regions} of 5 regions."
            )
        )
        blocks.append(Para(s.acr.sentence, "small"))
    if s.tender is None:
        blocks.append(Para("Tender points: no exam in this period."))
    else:
        n = tender_point_count(s.tender.painful)
        blocks.append(
            Para(
                f"Tender points at the latest exam ({day_words(s.tender.day)}): {n} of "
                f"{TENDER_POINTS_TOTAL} painful."
            )
        )
    return blocks


def _fiqr(s: ReportSummary) -> Para:
    f = s.fiqr
    if f is None:
        return Para("FIQR: not filled in during this period.")
    text = (
        f"FIQR total {one(f.total)} of 100 on {day_words(f.day)} "
        f"({times(f.count, 'questionnaire')} in the period)"
    )
    c = f.change
    if c is None:
        return Para(text + "; no earlier FIQR to compare with.")
    text += (
        f"; change {signed(c.points)} (higher is worse) against {one(c.before)} on "
        f"{day_words(c.since)}"
    )
    if c.meaningful and c.percent is not None:
        text += (
            f": a fall of {-c.percent:.0%}, past the minimal clinically important difference "
            f"({MCID_FALL_PERCENT}% of the total)."
        )
    else:
        text += f" (the minimal clinically important difference is a fall of {MCID_FALL_PERCENT}%)."
    return Para(text, "strong" if c.meaningful else "body")


def _measure_row(m: MeanPair) -> tuple[str, str, str]:
    unit = " hours" if m.unit == "hours" else ""
    now = f"{one(m.mean)}{unit} ({days(m.days)})" if m.days else "not answered"
    then = f"{one(m.mean_before)}{unit} ({days(m.days_before)})" if m.days_before else "–"
    return (m.label + ("" if m.unit else " (0–10)"), now, then)


def _falls(s: ReportSummary) -> Para:
    if not s.falls:
        return Para("Falls or near-falls: none logged in this period.")
    total = sum(f.count for f in s.falls)
    listed = "; ".join(f"{short_day(f.day)}: {f.count}" for f in s.falls)
    return Para(
        f"Falls or near-falls: {total} on {days(len(s.falls))} ({listed}).",
        "strong",
    )


def _exercise(s: ReportSummary) -> list[Block]:
    c = s.sessions
    text = (
        f"Exercise sessions: {c.done} done, {c.partly} partly done, {c.skipped} skipped"
        + (f", {c.not_logged} not logged" if c.not_logged else "")
        + "."
    )
    if c.skip_reasons:
        reasons = ", ".join(f"{why.rstrip('.').strip()} ({n})" for why, n in c.skip_reasons)
        text += f" Skipped for: {reasons}."
    blocks: list[Block] = [Para(text)]
    if s.plans:
        blocks.append(
            Table(
                ("Plan", "Dose at the period's end", "Target"),
                tuple(
                    (
                        p.exercise + ("" if p.active else " (stopped)"),
                        amount_text(p.dose, p.unit),
                        amount_text(p.target, p.unit),
                    )
                    for p in s.plans
                ),
                (3, 2, 2),
            )
        )
    if s.decisions:
        blocks.append(Para(_decision_counts(s), "small"))
        if decisions_on_summary(s):
            blocks.append(decisions_table(s))
        else:
            blocks.append(
                Para(
                    f"All {len(s.decisions)} pacing decisions of the period, each with its "
                    "reason, are in the table \u201cPacing decisions\u201d after the graphs.",
                    "small",
                )
            )
    elif s.plans:
        blocks.append(Para("No pacing decision fell in this period.", "small"))
    return blocks


def _decision_counts(s: ReportSummary) -> str:
    """Per plan, how many reviews ended in each decision: the pacing in one line."""
    by_plan: dict[str, dict[str, int]] = {}
    for d in s.decisions:
        counts = by_plan.setdefault(d.exercise, {})
        counts[d.action] = counts.get(d.action, 0) + 1
    parts = []
    for plan, counts in by_plan.items():
        said = ", ".join(
            f"{ACTION_WORDS.get(action, action).lower()} {n}\u00d7"
            for action, n in sorted(counts.items(), key=lambda item: -item[1])
        )
        parts.append(f"{plan}: {said}")
    return "Weekly pacing reviews: " + "; ".join(parts) + "."


def decisions_on_summary(s: ReportSummary) -> bool:
    """Whether the summary lists every decision itself (else they follow the graphs)."""
    return len(s.decisions) <= SUMMARY_DECISIONS


def decisions_table(s: ReportSummary) -> Table:
    """Every pacing decision of the period with its reason (and revision)."""
    rows = []
    for d in s.decisions:
        dose = amount_text(d.new_dose, d.unit)
        if d.old_dose is not None and d.old_dose != d.new_dose:
            dose = f"{d.old_dose} \u2192 {dose}"
        why = d.reason + (f" Revised: {d.revision}" if d.revision else "")
        rows.append(
            (short_day(d.day), d.exercise, f"{ACTION_WORDS.get(d.action, d.action)}: {dose}", why)
        )
    return Table(
        ("Review", "Plan", "Pacing decision", "Why"),
        tuple(rows),
        (1.15, 1.25, 1.6, 5),
        size="small",
    )


def _treatments(s: ReportSummary) -> list[Block]:
    if not s.treatments:
        return [Para("Treatments: none logged in this period.")]
    rows = []
    for t in s.treatments:
        doses = "; ".join(f"{dose} ({days(n)})" for dose, n in t.doses) or "–"
        kind = "medication" if t.kind == "medication" else t.kind.replace("tens", "TENS")
        rows.append((t.name, kind, days(t.days), doses))
    return [Table(("Treatment", "Kind", "Used on", "Doses as logged"), tuple(rows), (3, 2, 1.4, 4))]


def _page_one(s: ReportSummary) -> list[Block]:
    blocks: list[Block] = [Heading("Leg pain")]
    blocks += _leg_sentences(s)
    blocks.append(Heading("Where the legs hurt", 3))
    blocks.append(_maps(s))
    blocks += _map_words(s)
    blocks.append(Heading("Widespread pain, symptoms and tender points"))
    blocks += _scores(s)
    blocks.append(_fiqr(s))
    blocks.append(Heading("Sleep, fatigue, fog, restless legs, weakness and falls"))
    blocks.append(
        Table(
            ("Daily check-in (mean)", "This period", "Period before"),
            tuple(_measure_row(m) for m in s.measures),
            (3, 2.2, 2.2),
        )
    )
    blocks.append(_falls(s))
    blocks.append(Heading("Exercise and pacing"))
    blocks += _exercise(s)
    blocks.append(Heading("Treatments"))
    blocks += _treatments(s)
    blocks.append(Heading("Patterns in this period"))
    if s.insights:
        blocks.append(Bullets(tuple(i.sentence for i in s.insights)))
        blocks.append(Para("These say what went together in time, not what caused what.", "small"))
    else:
        blocks.append(
            Para(f"Too few days in this period to compare ({MIN_DAYS} a side are needed).")
        )
    blocks.append(Heading("What I want to ask"))
    questions = s.details.questions
    blocks.append(Bullets(questions, numbered=True) if questions else Para("No questions written."))
    return blocks


# --------------------------------------------------------------------------- build


def first_page(s: ReportSummary) -> tuple[str, list[Block], bool]:
    """Page 1 of the report: its footer, its blocks, and whether the report ends there (a
    period with nothing recorded). :func:`fibrodesk.report.build.build_document` adds the
    graphs and tables after it."""
    name = f" for {s.details.name}" if s.details.name else ""
    footer = f"FibroDesk report{name} · {s.period.words()}"
    blocks: list[Block] = [Heading("Clinician report", 1)]
    blocks += _person(s)
    blocks.append(_facts(s))
    if s.empty:
        blocks.append(
            Para(
                f"Nothing was recorded from {s.period.words()}: no body-map marks, check-ins, "
                "exams, questionnaires or exercise. Choose a longer period, or a period with "
                "entries, for a report.",
                "strong",
            )
        )
        if s.details.questions:
            blocks += [Heading("What I want to ask"), Bullets(s.details.questions, numbered=True)]
        return footer, blocks, True
    blocks += _page_one(s)
    return footer, blocks, False


def generated_words(when: dt.datetime) -> str:
    return f"{day_words(when.date())} {when:%H:%M}"
