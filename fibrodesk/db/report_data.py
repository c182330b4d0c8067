"""What the clinician report reads from the diary, and the one thing it writes.

Reads are plain SQL grouped in SQLite, returning plain tuples and frozen rows, so that a
whole ten-year diary is read in well under a second (the report's figures are computed in
:mod:`fibrodesk.report.summary` from these rows with the core/ definitions). The report's
own details (name, date of birth, clinician, the questions for the visit) are kept in
the diary's settings and saved by :func:`save_report_details` in one transaction.

No Qt here (house style: db/ runs without a GUI).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .changes import Change, Done
from .database import transaction
from .models import FIQR_COLUMNS, Setting, db

DETAILS_KEY = "report_details"
MAX_QUESTIONS = 30
MAX_TEXT = 200
MAX_QUESTION = 1000


# --------------------------------------------------------------------------- details


@dataclass(frozen=True, slots=True)
class ReportDetails:
    """What the person chose to print on the report, kept in the diary's settings.

    Attributes:
        name, birth_date, clinician: free text, printed only on the report ('' = none).
        questions: "What I want to ask", one question per item, in the person's order.
    """

    name: str = ""
    birth_date: str = ""
    clinician: str = ""
    questions: tuple[str, ...] = ()


def _clean_line(text: object, limit: int) -> str:
    return " ".join(str(text or "").split())[:limit]


def clean_details(details: ReportDetails) -> ReportDetails:
    """The details with surrounding blanks removed, blank questions dropped, limits kept."""
    questions = tuple(q for q in (_clean_line(q, MAX_QUESTION) for q in details.questions) if q)[
        :MAX_QUESTIONS
    ]
    return ReportDetails(
        name=_clean_line(details.name, MAX_TEXT),
        birth_date=_clean_line(details.birth_date, MAX_TEXT),
        clinician=_clean_line(details.clinician, MAX_TEXT),
        questions=questions,
    )


def report_details() -> ReportDetails:
    """The saved details, or empty ones (a damaged value reads as empty, never fails)."""
    row = Setting.get_or_none(Setting.key == DETAILS_KEY)
    if row is None:
        return ReportDetails()
    try:
        raw = json.loads(row.value)
        return clean_details(
            ReportDetails(
                name=raw.get("name", ""),
                birth_date=raw.get("birth_date", ""),
                clinician=raw.get("clinician", ""),
                questions=tuple(str(q) for q in raw.get("questions", ())),
            )
        )
    except (ValueError, TypeError, AttributeError):
        return ReportDetails()


def save_report_details(details: ReportDetails) -> Done[ReportDetails]:
    """Keep the report's details in the diary's settings, in one transaction; the
    details as stored, and ``Change.SETTINGS`` (``Change.NONE`` when nothing differed)."""
    clean = clean_details(details)
    value = json.dumps(
        {
            "name": clean.name,
            "birth_date": clean.birth_date,
            "clinician": clean.clinician,
            "questions": list(clean.questions),
        }
    )
    with transaction():
        if clean == report_details():
            return Done(clean, Change.NONE)
        Setting.insert(key=DETAILS_KEY, value=value).on_conflict_replace().execute()
    return Done(clean, Change.SETTINGS)


# --------------------------------------------------------------------------- reads


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return db.execute_sql(sql, tuple(params)).fetchall()


def _span(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def days_with_entries(start: date, end: date) -> int:
    """Days from ``start`` to ``end`` holding anything the person recorded: a body-map
    sitting, a check-in, a tender-point exam, a FIQR or a logged exercise session."""
    sql = """
    SELECT COUNT(*) FROM (
        SELECT date FROM entry WHERE date BETWEEN ?1 AND ?2
        UNION SELECT date FROM check_in WHERE date BETWEEN ?1 AND ?2
        UNION SELECT date FROM tender_exam WHERE date BETWEEN ?1 AND ?2
        UNION SELECT date FROM fiqr_response WHERE date BETWEEN ?1 AND ?2
        UNION SELECT date FROM exercise_session
              WHERE date BETWEEN ?1 AND ?2 AND status <> 'planned'
    )"""
    return int(_rows(sql, _span(start, end))[0][0])


@dataclass(frozen=True, slots=True)
class CheckInRow:
    """One day's check-in answers the report uses (``None``: not answered)."""

    day: date
    overall_pain: int | None
    leg_weakness: int | None
    fatigue: int | None
    sleep_hours: float | None
    fog: int | None
    restless_legs: int | None
    falls: int | None
    flare: bool | None
    note: str


def checkins(start: date, end: date) -> list[CheckInRow]:
    """The check-ins from ``start`` to ``end``, oldest first."""
    sql = (
        "SELECT date, overall_pain, leg_weakness, fatigue, sleep_hours, fog, restless_legs, "
        "falls, flare, note FROM check_in WHERE date BETWEEN ? AND ? ORDER BY date"
    )
    return [
        CheckInRow(
            day=date.fromisoformat(d),
            overall_pain=overall,
            leg_weakness=weakness,
            fatigue=fatigue,
            sleep_hours=sleep,
            fog=fog,
            restless_legs=restless,
            falls=falls,
            flare=None if flare is None else bool(flare),
            note=note or "",
        )
        for d, overall, weakness, fatigue, sleep, fog, restless, falls, flare, note in _rows(
            sql, _span(start, end)
        )
    ]


@dataclass(frozen=True, slots=True)
class TreatmentTotal:
    """A treatment used in a period: its kind, on how many days, and each dose text as
    logged with the number of days it was logged."""

    name: str
    kind: str
    days: int
    doses: tuple[tuple[str, int], ...]  # dose text -> days, in no particular order


def treatment_totals(start: date, end: date) -> list[TreatmentTotal]:
    """Each treatment used from ``start`` to ``end`` (check-ins' treatments), counted in
    SQLite (thirty years' rows as objects took 7 MB for a dozen numbers); the kind comes
    from the remembered treatment of that name (``own`` when there is none). A check-in
    holds a name at most once, and there is one check-in a day, so rows count days."""
    days_sql = (
        "SELECT t.name, COALESCE(MAX(tr.kind), 'own'), COUNT(*) FROM check_in_treatment AS t "
        "JOIN check_in AS c ON c.id = t.checkin_id "
        "LEFT JOIN treatment AS tr ON tr.name = t.name "
        "WHERE c.date BETWEEN ? AND ? GROUP BY t.name ORDER BY t.name"
    )
    doses_sql = (
        "SELECT t.name, t.dose, COUNT(*) FROM check_in_treatment AS t "
        "JOIN check_in AS c ON c.id = t.checkin_id "
        "WHERE c.date BETWEEN ? AND ? AND t.dose IS NOT NULL AND t.dose <> '' "
        "GROUP BY t.name, t.dose"
    )
    span = _span(start, end)
    doses: dict[str, list[tuple[str, int]]] = {}
    for name, dose, n in _rows(doses_sql, span):
        doses.setdefault(name, []).append((dose, int(n)))
    return [
        TreatmentTotal(name, kind, int(n), tuple(doses.get(name, ())))
        for name, kind, n in _rows(days_sql, span)
    ]


@dataclass(frozen=True, slots=True)
class TenderExamRow:
    """One tender-point exam: the painful point ids and the exam's note."""

    day: date
    painful: tuple[str, ...]
    note: str


def tender_exams(start: date, end: date) -> list[TenderExamRow]:
    """The tender-point exams from ``start`` to ``end``, oldest first."""
    sql = (
        "SELECT te.date, te.note, GROUP_CONCAT(CASE WHEN r.painful = 1 THEN r.point END, ';') "
        "FROM tender_exam AS te LEFT JOIN tender_point_result AS r ON r.exam_id = te.id "
        "WHERE te.date BETWEEN ? AND ? GROUP BY te.id ORDER BY te.date"
    )
    return [
        TenderExamRow(
            date.fromisoformat(d), tuple(sorted(p for p in (points or "").split(";") if p)), note
        )
        for d, note, points in _rows(sql, _span(start, end))
    ]


@dataclass(frozen=True, slots=True)
class FiqrRow:
    """One FIQR questionnaire: its date and the 21 answers (``None``: unanswered)."""

    day: date
    answers: tuple[int | None, ...]

    @property
    def sections(self) -> tuple[list[int | None], list[int | None], list[int | None]]:
        a = list(self.answers)
        return a[:9], a[9:11], a[11:]


def fiqr_rows(start: date, end: date) -> list[FiqrRow]:
    """The FIQR questionnaires from ``start`` to ``end``, oldest first."""
    sql = (
        f"SELECT date, {', '.join(FIQR_COLUMNS)} FROM fiqr_response "
        "WHERE date BETWEEN ? AND ? ORDER BY date, created_at"
    )
    return [FiqrRow(date.fromisoformat(r[0]), tuple(r[1:])) for r in _rows(sql, _span(start, end))]


def latest_fiqr_before(day: date) -> FiqrRow | None:
    """The newest FIQR dated before ``day``, or None."""
    sql = (
        f"SELECT date, {', '.join(FIQR_COLUMNS)} FROM fiqr_response WHERE date < ? "
        "ORDER BY date DESC, created_at DESC LIMIT 1"
    )
    rows = _rows(sql, (day.isoformat(),))
    return FiqrRow(date.fromisoformat(rows[0][0]), tuple(rows[0][1:])) if rows else None


def sss_weeks(start: date, end: date) -> list[date]:
    """Mondays from ``start`` to ``end`` whose SSS answers are all given, newest first."""
    sql = (
        "SELECT week_start FROM weekly_symptoms WHERE week_start BETWEEN ? AND ? "
        "AND fatigue IS NOT NULL AND unrefreshed IS NOT NULL AND cognitive IS NOT NULL "
        "AND headaches IS NOT NULL AND lower_abdomen IS NOT NULL AND depression IS NOT NULL "
        "ORDER BY week_start DESC"
    )
    return [date.fromisoformat(d) for (d,) in _rows(sql, _span(start, end))]


@dataclass(frozen=True, slots=True)
class SessionCounts:
    """Logged exercise sessions of a period by what became of them.

    Attributes:
        done, partly, skipped: how many sessions of each.
        not_logged: sessions still marked planned on a day already past the period's end
            or today.
        skip_reasons: reason in words -> how many skipped or cut-short sessions gave it.
    """

    done: int
    partly: int
    skipped: int
    not_logged: int
    skip_reasons: tuple[tuple[str, int], ...]


def session_counts(start: date, end: date, today: date) -> SessionCounts:
    """How the exercise sessions from ``start`` to ``end`` went."""
    counts = dict(
        _rows(
            "SELECT status, COUNT(*) FROM exercise_session WHERE date BETWEEN ? AND ? "
            "GROUP BY status",
            _span(start, end),
        )
    )
    last = min(end, today)
    not_logged = _rows(
        "SELECT COUNT(*) FROM exercise_session WHERE date BETWEEN ? AND ? AND date < ? "
        "AND status = 'planned'",
        (*_span(start, end), last.isoformat()),
    )[0][0]
    reasons = _rows(
        "SELECT " + _REASON_SQL + " AS why, COUNT(*) FROM exercise_session "
        "WHERE date BETWEEN ? AND ? AND status = 'skipped' "
        "GROUP BY why ORDER BY COUNT(*) DESC, why",
        _span(start, end),
    )
    return SessionCounts(
        done=int(counts.get("done", 0)),
        partly=int(counts.get("partly", 0)),
        skipped=int(counts.get("skipped", 0)),
        not_logged=int(not_logged),
        skip_reasons=tuple((str(why), int(n)) for why, n in reasons),
    )


SKIP_REASON_WORDS = {
    "pain": "pain",
    "fatigue_flare": "fatigue or flare",
    "no_time": "no time",
    "other": "other",
}


# A skipped session's reason in words: the reason chosen (schema v2), else the one typed.
_REASON_SQL = (
    "CASE skip_reason "
    + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in SKIP_REASON_WORDS.items())
    + " ELSE COALESCE(NULLIF(TRIM(reason), ''), 'no reason given') END"
)


@dataclass(frozen=True, slots=True)
class PlanDose:
    """One exercise plan's dose in force at a day, against its target."""

    plan_id: str
    exercise: str
    unit: str
    dose: int
    target: int
    active: bool


def plan_doses(start: date, end: date) -> list[PlanDose]:
    """The plans running at some time from ``start`` to ``end``, each with the dose in
    force at ``end`` (the newest decision on or before it, else the starting dose)."""
    sql = """
    SELECT p.id, e.name, p.unit, p.start_dose, p.target_dose, p.active,
           (SELECT d.new_dose FROM pacing_decision AS d
             WHERE d.plan_id = p.id AND d.review_date <= ?2
             ORDER BY d.review_date DESC LIMIT 1)
    FROM plan AS p JOIN exercise AS e ON e.id = p.exercise_id
    WHERE p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?1)
    ORDER BY p.start_date, e.name
    """
    return [
        PlanDose(
            pid, name, unit, int(latest if latest is not None else start_dose), target, bool(a)
        )
        for pid, name, unit, start_dose, target, a, latest in _rows(sql, _span(start, end))
    ]


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A pacing decision of the period with its reason (and revision, schema v2)."""

    day: date
    exercise: str
    unit: str
    action: str
    old_dose: int | None
    new_dose: int
    reason: str
    revision: str


def decisions_between(start: date, end: date) -> list[DecisionRow]:
    """The pacing decisions reviewed from ``start`` to ``end``, oldest first."""
    sql = (
        "SELECT d.review_date, e.name, p.unit, d.action, d.old_dose, d.new_dose, d.reason, "
        "d.revision FROM pacing_decision AS d JOIN plan AS p ON p.id = d.plan_id "
        "JOIN exercise AS e ON e.id = p.exercise_id "
        "WHERE d.review_date BETWEEN ? AND ? ORDER BY d.review_date, e.name"
    )
    return [
        DecisionRow(date.fromisoformat(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or "")
        for r in _rows(sql, _span(start, end))
    ]


@dataclass(frozen=True, slots=True)
class DoctorNote:
    """A note the person marked "for my doctor" (schema v2)."""

    day: date
    source: str  # "check-in" or "body map"
    text: str


def doctor_notes(start: date, end: date) -> list[DoctorNote]:
    """Notes of check-ins and body-map sittings marked for the doctor, oldest first."""
    sql = (
        "SELECT date, 'check-in', note, '' FROM check_in "
        "WHERE date BETWEEN ?1 AND ?2 AND for_doctor = 1 AND TRIM(note) <> '' "
        "UNION ALL SELECT date, 'body map', note, recorded_at FROM entry "
        "WHERE date BETWEEN ?1 AND ?2 AND for_doctor = 1 AND TRIM(note) <> '' "
        "ORDER BY 1, 4"
    )
    return [
        DoctorNote(date.fromisoformat(d), src, text)
        for d, src, text, _ in _rows(sql, _span(start, end))
    ]


def flare_notes(start: date, end: date) -> dict[date, str]:
    """The notes of flare episodes that start from ``start`` to ``end``, by start day."""
    sql = "SELECT start_date, note FROM flare WHERE start_date BETWEEN ? AND ? AND TRIM(note) <> ''"
    return {date.fromisoformat(d): note for d, note in _rows(sql, _span(start, end))}
