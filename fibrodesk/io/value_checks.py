"""Checking imported values (split from :mod:`fibrodesk.io.records`, issue 10 point 8):
one value against its column's rule, a whole column at once, a row's cross-column rules,
a setting. No writes; a value that breaks a rule raises :class:`ValueProblem`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db.tables import (
    BOOL,
    CLOCK,
    CLOCKS,
    DATE,
    FLOAT,
    INT,
    TIME,
    Column,
    Row,
    Table,
    show,
)

from .records import MAX_FIELD_BYTES

_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)")
_CLOCK_RE = re.compile(r"([0-1]\d|2[0-3]):[0-5]\d")


# -- checking one value ---------------------------------------------------------------


class ValueProblem(ValueError):
    """A value breaks its column's rule; ``str()`` is the end of a sentence."""


def check_value(col: Column, value: Any) -> Any:
    """Check a typed value (as from json) against the column's rules; return it.

    Raises :class:`ValueProblem` with a plain description of what is wrong.
    """
    if isinstance(value, str) and len(value.encode("utf-8", "surrogatepass")) > MAX_FIELD_BYTES:
        raise ValueProblem(
            f"holds {len(value.encode('utf-8', 'surrogatepass')) // 1024:,} KB of text, more "
            "than the 100 KB any diary field may hold"
        )
    if value is None:
        if col.null:
            return None
        raise ValueProblem("is empty but must have a value")
    kind = col.kind
    if kind == BOOL:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise ValueProblem(f"{show(value)} is not 0 or 1 (no or yes)")
    if kind in (INT, FLOAT):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueProblem(f"{show(value)} is not a number")
        if kind == INT and not isinstance(value, int):
            if not float(value).is_integer():
                raise ValueProblem(f"{show(value)} is not a whole number")
            value = int(value)
        if kind == FLOAT:
            value = float(value)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueProblem(f"{show(value)} is not a number")
        if abs(value) > 2**53:
            raise ValueProblem(f"{show(value)} is far too large")
        if col.lo is not None and col.hi is not None and not col.lo <= value <= col.hi:
            raise ValueProblem(f"{show(value)} is outside {col.lo:g} to {col.hi:g}")
        if col.above is not None and not value > col.above:
            raise ValueProblem(f"{show(value)} is not more than {col.above:g}")
        return value
    if not isinstance(value, str):
        raise ValueProblem(f"{show(value)} is not text")
    if "\x00" in value:
        raise ValueProblem("contains a NUL character, which no diary text may hold")
    if _SURROGATE.search(value):
        raise ValueProblem(
            "holds a broken character (a lone UTF-16 surrogate such as \\ud800), which is "
            "not text; remove it and import again"
        )
    if kind == DATE:
        if not _DATE_RE.fullmatch(value):
            raise ValueProblem(f"{show(value)} is not a date like 2026-03-31")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueProblem(f"{show(value)} is not a real calendar date") from None
        _check_year(value)
        return value
    if kind == TIME:
        if not _TIME_RE.fullmatch(value):
            raise ValueProblem(
                f"{show(value)} is not a time with its UTC offset like 2026-03-31T08:30:00+02:00"
            )
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueProblem(f"{show(value)} is not a real date and time") from None
        _check_year(value)
        return value
    if kind == CLOCK:
        if not _CLOCK_RE.fullmatch(value):
            raise ValueProblem(f"{show(value)} is not a time of day like 08:30")
        return value
    if kind == CLOCKS:
        parts = value.split(";") if value else []
        if len(parts) > 12 or not all(_CLOCK_RE.fullmatch(p) for p in parts):
            raise ValueProblem(
                f"{show(value)} is not times of day like 08:00;20:30 (at most 12, or none)"
            )
        return value
    if col.name in ("id",) or col.ref is not None:
        if not _ID_RE.fullmatch(value):
            raise ValueProblem(
                f"{show(value)} is not a record id (1 to 64 letters, digits, '-', '_', '.' or ':')"
            )
        return value
    if col.choices is not None and value not in col.choices:
        if col.name == "region":
            raise ValueProblem(f"{show(value)} is not a body-map region FibroDesk knows")
        if col.name == "point":
            raise ValueProblem(f"{show(value)} is not a tender point FibroDesk knows")
        allowed = ", ".join(sorted(col.choices))
        if len(allowed) > 80:
            allowed = allowed[:77] + "..."
        raise ValueProblem(f"{show(value)} is not one of {allowed}")
    if col.min_len is not None and len(value) < col.min_len:
        raise ValueProblem("is empty but must have a value")
    if col.max_len is not None and len(value) > col.max_len:
        raise ValueProblem(
            f"is {len(value):,} characters long, more than the {col.max_len:,} allowed"
        )
    if col.name == "qualities" and value:
        known = catalogue().qualities
        for part in value.split(";"):
            if part not in known:
                raise ValueProblem(f"{show(part)} is not a pain quality FibroDesk knows")
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""Dates and times an import accepts: every page can show them and count weeks around
them (0001-01-01 or 9999-12-31 would overflow a calendar)."""


# -- checking a whole column at once ---------------------------------------------------

# ASCII-only forms of the date, time and clock shapes (``\d`` also takes other scripts'
# digits): what they accept, the rules above accept too.
_ASCII_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ASCII_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[+-][0-9]{2}:[0-9]{2}|Z)"
)
_ASCII_CLOCK = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")


def _keeps(col: Column, value: Any) -> bool:
    try:
        return check_value(col, value) is value
    except ValueProblem:
        return False


def _all_parse(parse: Callable[[str], Any], values: Iterable[str]) -> bool:
    try:
        for value in values:
            parse(value)
    except ValueError:
        return False
    return True


def accepts_all(col: Column, values: list[Any]) -> bool:
    """True when :func:`check_value` accepts every one of ``values`` and returns it
    unchanged: the same rules, checked a column at a time, each distinct text once.

    False means "check them one by one" (some value is wrong, or needs converting, such
    as 3.0 in a whole-number column), never that a value is wrong: the importer then
    checks that table value by value, for the exact problem sentences.
    """
    present = [v for v in values if v is not None]
    if len(present) != len(values) and not col.null:
        return False
    if not present:
        return True
    types = set(map(type, present))
    kind = col.kind
    if kind == BOOL:
        return types <= {bool}
    if kind in (INT, FLOAT):
        # A number's rules are ranges (lo..hi, above, 2^53): the smallest and the largest
        # value checked by check_value itself stand for all. NaN is in no range.
        if types != ({int} if kind == INT else {float}):
            return False
        if kind == FLOAT and any(v != v for v in present):
            return False
        return _keeps(col, min(present)) and _keeps(col, max(present))
    if types != {str}:
        return False
    distinct = set(present)
    if kind in (DATE, TIME):
        shape, parse = (
            (_ASCII_DATE, date.fromisoformat)
            if kind == DATE
            else (_ASCII_TIME, datetime.fromisoformat)
        )
        return (
            all(map(shape.fullmatch, distinct))
            and all(FIRST_YEAR <= int(y) <= LAST_YEAR for y in {v[:4] for v in distinct})
            and _all_parse(parse, distinct)
        )
    if kind == CLOCK:
        return all(map(_ASCII_CLOCK.fullmatch, distinct))
    if col.name == "id" or col.ref is not None:
        return all(map(_ID_RE.fullmatch, distinct))
    try:
        return all(check_value(col, v) is v for v in distinct)
    except ValueProblem:
        return False


def _check_year(value: str) -> None:
    year = int(value[:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueProblem(
            f"{show(value)} is outside the years {FIRST_YEAR} to {LAST_YEAR} that a diary holds"
        )


SETTING_RULES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "reminders.sessions": ("true or false", lambda v: isinstance(v, bool)),
    "reminders.evening": ("true or false", lambda v: isinstance(v, bool)),
    "reminders.evening_time": (
        'a time of day like "20:30"',
        lambda v: isinstance(v, str) and bool(_CLOCK_RE.fullmatch(v)),
    ),
    "last_intensity": (
        "a whole number from 0 to 10",
        lambda v: type(v) is int and 0 <= v <= 10,
    ),
    # issue 15: switches stored as "1" (on) or "0" (off), both off by default
    "cycle/enabled": ('"1" or "0"', lambda v: v in ("1", "0")),
    "reminders/dose_followup": ('"1" or "0"', lambda v: v in ("1", "0")),
}
"""The settings the app reads, and the values it can use: an import refuses any other."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def check_setting(key: str, text: str) -> str | None:
    """The problem with a setting's stored value (json text), or ``None`` when usable."""
    import json

    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return f"{show(text)} is not a value FibroDesk wrote (not json)"
    rule = SETTING_RULES.get(key)
    if rule is not None and not rule[1](value):
        return f"{show(text)} is not {rule[0]}"
    return None


def check_row(table: Table, row: Row) -> list[tuple[str, str]]:
    """Rules that join two fields of one row; returns ``(field, problem)`` pairs."""
    problems: list[tuple[str, str]] = []
    if table.name == "setting" and isinstance(row.get("value"), str):
        problem = check_setting(str(row.get("key")), row["value"])
        if problem:
            problems.append(("value", problem))
    if row.get("stop_date") is not None and row.get("start_date"):
        if row["stop_date"] < row["start_date"]:
            problems.append(
                ("stop_date", f"{row['stop_date']} is before start_date {row['start_date']}")
            )
    if "end_date" in row and row.get("end_date") is not None and row.get("start_date"):
        if row["end_date"] < row["start_date"]:
            problems.append(
                ("end_date", f"{row['end_date']} is before start_date {row['start_date']}")
            )
    return problems
