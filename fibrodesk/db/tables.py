"""The diary's tables as exports and imports see them, and the diary's rows read as plain
values: the one place between the peewee models and the file formats.

One :class:`Table` per diary table (``fibrodesk.db.models.MODELS`` order, which puts every
table after the tables it points to). Each :class:`Column` carries the rules a value must
follow, read from the model itself: the field type, whether it may be empty, and the
CHECK constraints the models declare (allowed values, ranges, lengths, date and time
shapes).

A row is a plain ``dict`` of column name to Python value (``str``, ``int``, ``float``,
``bool`` or ``None``), with every column of the table in the model's order. Reading,
date-range filtering and sorting live in :mod:`fibrodesk.db.table_rows`, so json, csv and
fhir export the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import peewee

from . import models as m

Row = dict[str, Any]

TEXT, INT, FLOAT, BOOL, DATE, TIME, CLOCK = "text", "int", "float", "bool", "date", "time", "clock"
CLOCKS = "clocks"
"""Times of day joined by ``;`` (``08:00;20:30``), or empty: a treatment's regular times."""

_DATE_COLUMNS = {"date", "start_date", "end_date", "stop_date", "review_date", "week_start"}


def show(value: Any, limit: int = 40) -> str:
    """A short, one-line rendering of a value for a problem sentence."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Column:
    """One column and the rules its value follows (from the model and its CHECKs)."""

    name: str
    kind: str
    null: bool
    choices: frozenset[str] | None = None
    lo: float | None = None
    hi: float | None = None
    min_len: int | None = None
    max_len: int | None = None
    ref: str | None = None  # table the column points to
    above: float | None = None  # the value must be greater than this (a dose's amount)


@dataclass(frozen=True)
class Table:
    """One diary table as exports and imports see it.

    Attributes:
        name: the database table name, also the key in a json export.
        csv_name: the csv file's name without ``.csv``.
        singular, plural: words for the import summary.
        key: the primary-key column (``id``; ``key`` for settings).
        unique: natural keys besides the id (e.g. a check-in's date).
        date_column: the column a --from/--to range applies to, if any.
    """

    name: str
    model: type[peewee.Model]
    columns: tuple[Column, ...]
    csv_name: str
    singular: str
    plural: str
    key: str
    unique: tuple[tuple[str, ...], ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def stamped(self) -> bool:
        """True when rows carry ``updated_at`` (every table but settings)."""
        return any(c.name == "updated_at" for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def words(self, count: int) -> str:
        return f"{count:,} {self.singular if count == 1 else self.plural}"


# -- building the tables from the models --------------------------------------------------

_LENGTH_BETWEEN = re.compile(r"length\((\w+)\) BETWEEN (\d+) AND (\d+)")
_LENGTH_MAX = re.compile(r"length\((\w+)\) <= (\d+)")
_IN_TEXT = re.compile(r"\b(\w+) IN \(((?:'(?:[^']|'')*'(?:, )?)+)\)")
_BETWEEN = re.compile(r"(?<!length\()\b(\w+) BETWEEN (-?[0-9.]+) AND (-?[0-9.]+)")
_ABOVE = re.compile(r"\b(\w+) > ([0-9.]+)\)?$")


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _column(field: peewee.Field) -> Column:
    name = field.column_name
    ref: str | None = None
    if isinstance(field, peewee.ForeignKeyField):
        kind, ref = TEXT, field.rel_model._meta.table_name
    elif isinstance(field, peewee.BooleanField):
        kind = BOOL
    elif isinstance(field, peewee.IntegerField):
        kind = INT
    elif isinstance(field, peewee.FloatField):
        kind = FLOAT
    else:
        kind = TEXT
    rules: dict[str, Any] = {}
    for constraint in field.constraints or []:
        sql = str(getattr(constraint, "sql", constraint))
        if "GLOB" in sql:
            kind = TIME if "T[0-2]" in sql else CLOCK if ":" in sql else DATE
            if "[^0-9:;]" in sql:
                kind = CLOCKS
        if found := _LENGTH_BETWEEN.search(sql):
            rules["min_len"], rules["max_len"] = int(found[2]), int(found[3])
        elif found := _LENGTH_MAX.search(sql):
            rules["max_len"] = int(found[2])
        if (found := _IN_TEXT.search(sql)) and kind == TEXT:
            rules["choices"] = frozenset(
                v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", found[2])
            )
        if (found := _BETWEEN.search(sql)) and kind in (INT, FLOAT):
            rules["lo"], rules["hi"] = _number(found[2]), _number(found[3])
        elif (found := _ABOVE.search(sql)) and kind == FLOAT:
            rules["above"] = _number(found[2])
    if name in _DATE_COLUMNS:
        kind = DATE
    return Column(name=name, kind=kind, null=bool(field.null), ref=ref, **rules)


def _unique_keys(model: type[peewee.Model]) -> tuple[tuple[str, ...], ...]:
    keys: list[tuple[str, ...]] = []
    for field in model._meta.sorted_fields:
        if field.unique and not field.primary_key:
            keys.append((field.column_name,))
    for names, unique in model._meta.indexes:
        if unique:
            keys.append(tuple(model._meta.fields[n].column_name for n in names))
    keys.extend(_PARTIAL_UNIQUE.get(model._meta.table_name, ()))
    return tuple(keys)


_PARTIAL_UNIQUE: dict[str, tuple[tuple[str, ...], ...]] = {
    # The schema's partial indexes day_tag_day (tag, date where entry_id IS NULL) and
    # day_tag_entry (tag, entry): an entry's tag lies on the entry's date, so one key
    # (tag, date, entry) with NULL equal to NULL says both.
    "day_tag": (("tag_id", "date", "entry_id"),),
}
"""Natural keys the schema keeps by partial unique indexes, which the models do not name."""


_WORDS: dict[str, tuple[str, str, str]] = {
    # table: (csv file, singular, plural)
    "entry": ("entries", "body-map entry", "body-map entries"),
    "pain_mark": ("pain_marks", "pain mark", "pain marks"),
    "treatment": ("treatments", "treatment", "treatments"),
    "check_in": ("checkins", "check-in", "check-ins"),
    "check_in_treatment": ("checkin_treatments", "treatment taken", "treatments taken"),
    "flare": ("flares", "flare", "flares"),
    "tender_exam": ("tender_exams", "tender-point exam", "tender-point exams"),
    "tender_point_result": ("tender_points", "tender-point result", "tender-point results"),
    "weekly_symptoms": ("weekly_symptoms", "weekly symptom score", "weekly symptom scores"),
    "wpi_override": ("wpi_overrides", "WPI area set by hand", "WPI areas set by hand"),
    "fiqr_response": ("fiqr", "FIQR questionnaire", "FIQR questionnaires"),
    "exercise": ("exercises", "exercise", "exercises"),
    "plan": ("plans", "exercise plan", "exercise plans"),
    "pacing_decision": ("pacing_decisions", "pacing decision", "pacing decisions"),
    "exercise_session": ("exercise_sessions", "exercise session", "exercise sessions"),
    "pgic": ("pgic", "impression of change", "impressions of change"),
    "treatment_dose": ("treatment_doses", "dose or session taken", "doses or sessions taken"),
    "side_effect": ("side_effects", "side effect", "side effects"),
    "tag": ("tags", "tag", "tags"),
    "day_tag": ("day_tags", "tag on a day or entry", "tags on days or entries"),
    "weather": ("weather", "day of weather", "days of weather"),
    "period_start": ("period_starts", "period start", "period starts"),
    "setting": ("settings", "setting", "settings"),
}


LATER_COLUMNS: dict[tuple[str, str], Any] = {
    ("entry", "for_doctor"): False,
    ("check_in", "for_doctor"): False,
    ("pacing_decision", "revision"): "",
    ("exercise_session", "skip_reason"): None,
    # schema 3 (issue 15): a treatment exported before it is taken as needed, no dates.
    ("treatment", "amount"): None,
    ("treatment", "unit"): "",
    ("treatment", "schedule"): "as_needed",
    ("treatment", "times"): "",
    ("treatment", "start_date"): None,
    ("treatment", "stop_date"): None,
    ("treatment", "purpose"): "",
}
"""Columns a later schema added, with the value a record exported before them means.

An export written before schema 2 (or 3) lacks these; its records import with this value, so
every older export stays importable. Any other missing column is refused.
"""


def fill_later_columns(table: str, values: dict[str, Any]) -> list[str]:
    """Give ``values`` the default of each later column it lacks; return what still lacks."""
    missing = []
    for column in BY_NAME[table].column_names:
        if column in values:
            continue
        if (table, column) in LATER_COLUMNS:
            values[column] = LATER_COLUMNS[table, column]
        else:
            missing.append(column)
    return missing


def _key_field(model: type[peewee.Model]) -> Any:
    return model._meta.primary_key


def _table(model: type[peewee.Model]) -> Table:
    name = model._meta.table_name
    csv_name, singular, plural = _WORDS[name]
    return Table(
        name=name,
        model=model,
        columns=tuple(_column(f) for f in model._meta.sorted_fields),
        csv_name=csv_name,
        singular=singular,
        plural=plural,
        key=_key_field(model).column_name,
        unique=_unique_keys(model),
    )


TABLES: tuple[Table, ...] = tuple(_table(model) for model in m.MODELS)
"""Every table, parents before the tables that point to them."""

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
RECORD_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t.stamped)
"""The tables of things a person recorded (everything but settings)."""

SUMMARY_ORDER = [
    "pain_mark",
    "check_in",
    "tender_exam",
    "exercise_session",
    "entry",
    "check_in_treatment",
    "treatment",
    "flare",
    "tender_point_result",
    "weekly_symptoms",
    "wpi_override",
    "fiqr_response",
    "exercise",
    "plan",
    "pacing_decision",
    "treatment_dose",
    "side_effect",
    "tag",
    "day_tag",
    "weather",
    "period_start",
    "setting",
]
"""The order an import summary names tables in: what a person thinks of first."""
