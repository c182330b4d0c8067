"""The diary's rows read as plain values: reading a table, the whole diary streamed in
content order, a date range with the rows its records need, and one stable sort, so json,
csv and fhir export the same rows. The tables and their columns are in
:mod:`fibrodesk.db.tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, cast

from fibrodesk.progress import advance

from . import models as m
from .tables import BOOL, BY_NAME, FLOAT, INT, TABLES, Column, Row, Table, _key_field

# -- reading the diary ----------------------------------------------------------------


def _plain(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.kind == BOOL:
        return bool(value)
    if col.kind == INT:
        return int(value)
    if col.kind == FLOAT:
        return float(value)
    return str(value) if not isinstance(value, str) else value


def normalise(table: Table, values: Iterable[Any]) -> Row:
    """A row from the database's values, in column order, with plain Python types."""
    return {col.name: _plain(col, v) for col, v in zip(table.columns, values, strict=True)}


def read_table(table: Table, ids: Iterable[str] | None = None) -> list[Row]:
    """Every row of a table (or those with the given ids), in no particular order."""
    model = table.model
    fields = [model._meta.columns[c] for c in table.column_names]
    if ids is None:
        whole = [normalise(table, t) for t in model.select(*fields).tuples().iterator()]
        advance(len(whole))  # a range export's progress (fibrodesk.progress)
        return whole
    wanted = list(ids)
    key = _key_field(model)
    rows: list[Row] = []
    for i in range(0, len(wanted), 500):
        query = model.select(*fields).where(key.in_(wanted[i : i + 500])).tuples()
        rows.extend(normalise(table, cast(tuple[Any, ...], t)) for t in query)
    return rows


def _sorted(tables: dict[str, list[Row]]) -> None:
    """Sort every table in a stable order that depends on content only."""
    entries = {r["id"]: r for r in tables.get("entry", [])}
    checkins = {r["id"]: r for r in tables.get("check_in", [])}
    exams = {r["id"]: r for r in tables.get("tender_exam", [])}

    def parent(lookup: dict[str, Row], pid: str, *cols: str) -> tuple[str, ...]:
        row = lookup.get(pid, {})
        return tuple(str(row.get(c) or "") for c in cols)

    keys: dict[str, Callable[[Row], tuple[Any, ...]]] = {
        "entry": lambda r: (r["date"], r["recorded_at"], r["id"]),
        "pain_mark": lambda r: (
            *parent(entries, r["entry_id"], "date", "recorded_at"),
            r["entry_id"],
            r["region"],
            r["id"],
        ),
        "treatment": lambda r: (r["name"], r["id"]),
        "check_in": lambda r: (r["date"], r["id"]),
        "check_in_treatment": lambda r: (
            *parent(checkins, r["checkin_id"], "date"),
            r["checkin_id"],
            r["name"],
            r["id"],
        ),
        "flare": lambda r: (r["start_date"], r["id"]),
        "tender_exam": lambda r: (r["date"], r["id"]),
        "tender_point_result": lambda r: (
            *parent(exams, r["exam_id"], "date"),
            r["exam_id"],
            r["point"],
            r["id"],
        ),
        "weekly_symptoms": lambda r: (r["week_start"], r["id"]),
        "wpi_override": lambda r: (r["week_start"], r["area"], r["id"]),
        "fiqr_response": lambda r: (r["date"], r["id"]),
        "exercise": lambda r: (r["id"],),
        "plan": lambda r: (r["start_date"], r["id"]),
        "pacing_decision": lambda r: (r["review_date"], r["plan_id"], r["id"]),
        "exercise_session": lambda r: (r["date"], r["scheduled_for"], r["id"]),
        "treatment_dose": lambda r: (r["date"], r["taken_at"], r["id"]),
        "side_effect": lambda r: (r["date"], r["treatment_id"], r["effect"], r["id"]),
        "tag": lambda r: (r["name"], r["id"]),
        "day_tag": lambda r: (r["date"], r["tag_id"], r["entry_id"] or "", r["id"]),
        "weather": lambda r: (r["date"], r["id"]),
        "period_start": lambda r: (r["date"], r["id"]),
        "setting": lambda r: (r["key"],),
    }
    for name, rows in tables.items():
        table = BY_NAME[name]
        rows.sort(key=keys.get(name, lambda r, k=table.key: (r[k],)))  # type: ignore[misc]


# -- streaming the whole diary ----------------------------------------------------------------

_PARENT: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pain_mark": ("entry", "entry_id", ("date", "recorded_at")),
    "check_in_treatment": ("check_in", "checkin_id", ("date",)),
    "tender_point_result": ("tender_exam", "exam_id", ("date",)),
}
"""Tables sorted first by columns of the row they belong to: (parent, link, columns)."""

_ORDER: dict[str, tuple[str, ...]] = {
    "entry": ("date", "recorded_at", "id"),
    "pain_mark": ("entry_id", "region", "id"),
    "treatment": ("name", "id"),
    "check_in": ("date", "id"),
    "check_in_treatment": ("checkin_id", "name", "id"),
    "flare": ("start_date", "id"),
    "tender_exam": ("date", "id"),
    "tender_point_result": ("exam_id", "point", "id"),
    "weekly_symptoms": ("week_start", "id"),
    "wpi_override": ("week_start", "area", "id"),
    "fiqr_response": ("date", "id"),
    "exercise": ("id",),
    "plan": ("start_date", "id"),
    "pacing_decision": ("review_date", "plan_id", "id"),
    "exercise_session": ("date", "scheduled_for", "id"),
    "treatment_dose": ("date", "taken_at", "id"),
    "side_effect": ("date", "treatment_id", "effect", "id"),
    "tag": ("name", "id"),
    "day_tag": ("date", "tag_id", "entry_id", "id"),
    "weather": ("date", "id"),
    "period_start": ("date", "id"),
    "setting": ("key",),
}
"""The content order of :func:`_sorted`, as SQL: SQLite's binary collation of UTF-8 orders
text by code point, as Python's comparison of ``str`` does, so both give the same rows in
the same order."""


@contextmanager
def snapshot() -> Iterator[None]:
    """One read transaction around an export, so that every table is read from the same
    moment of the diary even when the window writes meanwhile (WAL)."""
    with m.db.atomic():
        yield


class TableRows:
    """The rows of one table of the whole diary, read from SQLite as they are iterated, in
    content order: an export writes each row as it reads it, and never holds the table."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def _sql(self) -> str:
        name = self.table.name
        cols = ", ".join(f't."{c}"' for c in self.table.column_names)
        order = [f't."{c}"' for c in _ORDER.get(name, (self.table.key,))]
        join = ""
        if name in _PARENT:
            parent, link, first = _PARENT[name]
            join = f' LEFT JOIN "{parent}" p ON p."id" = t."{link}"'
            order = [f"COALESCE(p.\"{c}\", '')" for c in first] + order
        return f'SELECT {cols} FROM "{name}" t{join} ORDER BY {", ".join(order)}'

    def __iter__(self) -> Iterator[Row]:
        cursor = self.table.model._meta.database.execute_sql(self._sql())
        try:
            while batch := cursor.fetchmany(2000):
                advance(len(batch))  # an export's progress (fibrodesk.progress)
                for values in batch:
                    yield normalise(self.table, values)
        finally:
            cursor.close()

    def __len__(self) -> int:
        query = f'SELECT count(*) FROM "{self.table.name}"'
        return int(self.table.model._meta.database.execute_sql(query).fetchone()[0])

    def __bool__(self) -> bool:
        return len(self) > 0


def collect(
    start: date | None = None,
    end: date | None = None,
    only: Iterable[str] | None = None,
    *,
    stream: bool = False,
) -> dict[str, Any]:
    """The diary's rows per table, sorted; with a range, only what belongs to it.

    A range keeps records dated inside it (inclusive) and the rows they need: the
    entries' marks, the check-ins' treatments, the exams' points, the exercises and plans
    that sessions and pacing decisions point to, the remembered treatments the check-ins,
    doses and side effects used, and the tags the range's days and entries carry. Flares, plans and weekly scores are kept when they overlap the range.
    Settings belong to the whole diary and are left out of a range.

    ``only`` reads just those tables (with the tables their range depends on: a pain
    mark's entry, a session's plan...), for an export that needs a few.

    With ``stream`` the whole diary's tables are :class:`TableRows`, read as they are
    written out (a range still reads its tables whole, to follow what records need).
    """
    whole = start is None and end is None
    wanted = set(only) if only is not None else {t.name for t in TABLES}
    if whole and stream:
        return {t.name: TableRows(t) for t in TABLES if t.name in wanted}
    tables = {
        t.name: read_table(t) if t.name in wanted else [] for t in TABLES if whole or t.stamped
    }
    if not whole:
        lo = start.isoformat() if start else "0000-00-00"
        hi = end.isoformat() if end else "9999-99-99"

        def inside(day: str) -> bool:
            return lo <= day <= hi

        def overlaps(first: str, last: str | None) -> bool:
            return first <= hi and (last is None or last >= lo)

        def week_end(monday: str) -> str:
            return (date.fromisoformat(monday) + timedelta(days=6)).isoformat()

        t = tables
        t["entry"] = [r for r in t["entry"] if inside(r["date"])]
        kept = {r["id"] for r in t["entry"]}
        t["pain_mark"] = [r for r in t["pain_mark"] if r["entry_id"] in kept]
        t["check_in"] = [r for r in t["check_in"] if inside(r["date"])]
        kept = {r["id"] for r in t["check_in"]}
        t["check_in_treatment"] = [r for r in t["check_in_treatment"] if r["checkin_id"] in kept]
        for name in ("treatment_dose", "side_effect", "weather", "period_start"):
            t[name] = [r for r in t[name] if inside(r["date"])]
        entries = {r["id"] for r in t["entry"]}
        t["day_tag"] = [
            r
            for r in t["day_tag"]
            if inside(r["date"]) and (r["entry_id"] is None or r["entry_id"] in entries)
        ]
        used_tags = {r["tag_id"] for r in t["day_tag"]}
        t["tag"] = [r for r in t["tag"] if r["id"] in used_tags]
        used = {r["name"] for r in t["check_in_treatment"]}
        used_ids = {r["treatment_id"] for r in t["treatment_dose"]}
        used_ids |= {r["treatment_id"] for r in t["side_effect"]}
        t["treatment"] = [r for r in t["treatment"] if r["name"] in used or r["id"] in used_ids]
        t["flare"] = [r for r in t["flare"] if overlaps(r["start_date"], r["end_date"])]
        t["tender_exam"] = [r for r in t["tender_exam"] if inside(r["date"])]
        kept = {r["id"] for r in t["tender_exam"]}
        t["tender_point_result"] = [r for r in t["tender_point_result"] if r["exam_id"] in kept]
        for name in ("weekly_symptoms", "wpi_override"):
            t[name] = [r for r in t[name] if overlaps(r["week_start"], week_end(r["week_start"]))]
        t["fiqr_response"] = [r for r in t["fiqr_response"] if inside(r["date"])]
        t["exercise_session"] = [r for r in t["exercise_session"] if inside(r["date"])]
        t["pacing_decision"] = [r for r in t["pacing_decision"] if inside(r["review_date"])]
        needed_plans = {r["plan_id"] for r in t["exercise_session"] if r["plan_id"]}
        needed_plans |= {r["plan_id"] for r in t["pacing_decision"]}
        t["plan"] = [
            r
            for r in t["plan"]
            if r["id"] in needed_plans or overlaps(r["start_date"], r["end_date"])
        ]
        needed = {r["exercise_id"] for r in t["plan"]}
        needed |= {r["exercise_id"] for r in t["exercise_session"]}
        t["exercise"] = [r for r in t["exercise"] if r["id"] in needed]
    tables = {name: rows for name, rows in tables.items() if name in wanted}
    _sorted(tables)
    return tables
