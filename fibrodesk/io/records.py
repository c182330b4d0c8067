"""What every export and the importer share besides the tables: the rules a value follows,
the problems of an import file in words, formula neutralisation, and safe file writing.

The tables, their columns and the rows of the diary come from :mod:`fibrodesk.db.tables`
(re-exported here, so the formats say ``r.TABLES``, ``r.collect``): io/ never touches
peewee or the models itself. The importer checks a file against the same rules the
database enforces, so that it can name the file, line and field of a problem before
anything is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now
from fibrodesk.db.tables import (
    BOOL,
    BY_NAME,
    CLOCK,
    CLOCKS,
    DATE,
    FLOAT,
    INT,
    LATER_COLUMNS,
    RECORD_TABLES,
    SUMMARY_ORDER,
    TABLES,
    TEXT,
    TIME,
    Column,
    Row,
    Table,
    collect,
    fill_later_columns,
    normalise,
    read_table,
    show,
    snapshot,
)
from fibrodesk.errors import ImportFileError

from .files import atomic_stream, atomic_write, check_target

__all__ = [
    "atomic_stream",
    "atomic_write",
    "check_target",
    "BOOL",
    "BY_NAME",
    "CLOCK",
    "CLOCKS",
    "DATE",
    "FLOAT",
    "INT",
    "LATER_COLUMNS",
    "RECORD_TABLES",
    "SUMMARY_ORDER",
    "TABLES",
    "TEXT",
    "TIME",
    "Column",
    "Row",
    "Table",
    "collect",
    "fill_later_columns",
    "normalise",
    "read_table",
    "show",
    "snapshot",
]

FORMAT_VERSION = 1
"""Version of the json and csv export formats; an import refuses a newer one."""

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""The largest file an import reads (a json export, or all the csv files of one export
together, uncompressed): about twenty times a ten-year diary."""

MAX_ZIP_RATIO = 200
"""A zip member that would grow more than this many times when unpacked is refused: csv
text packs about 5 to 20 times; a zip bomb packs thousands of times."""

MAX_FIELD_BYTES = 100 * 1024
"""No diary field holds more (notes stop at 20,000 characters); a bigger one is refused."""

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


# -- reading import files safely ----------------------------------------------------------


def not_a_file(mode: int) -> str:
    """Why a path that is not a regular file is not read, in words."""
    import stat

    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "not a regular file"
    return f"it is {what}, not an export file, so nothing was read from it"


def too_big(size: int) -> str:
    return (
        f"it is {size / 1024 / 1024:,.0f} MB, more than the {MAX_IMPORT_BYTES // 1024 // 1024} MB "
        "an import reads (a ten-year diary exports to about 25 MB)"
    )


def read_regular(path: Path, name: str, where: str | None = None) -> bytes:
    """The bytes of a regular file no larger than :data:`MAX_IMPORT_BYTES`.

    Checked on the open file itself (``fstat``), so a file swapped for a pipe or a device
    between the check and the read is still refused, and never more than the limit is read.
    """
    import stat

    where = where or name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ImportFileError(
            f"{path} cannot be read ({exc.strerror or exc}); check that it is yours and try again."
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refuse(name, where, not_a_file(info.st_mode))
        if info.st_size > MAX_IMPORT_BYTES:
            raise refuse(name, where, too_big(info.st_size))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_IMPORT_BYTES:
                raise refuse(name, where, too_big(total))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ImportFileError(
            f"{path} cannot be read ({exc.strerror or exc}); check that it is yours and try again."
        ) from None
    finally:
        os.close(fd)


# -- collecting import problems --------------------------------------------------------


class Problems:
    """The problems found in an import file: the first few in words, and how many.

    ``where`` and ``text`` may be strings or functions giving one (finding a json line
    costs a search, so it is only done for the problems that are shown).
    """

    LIMIT = 5

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []
        self.total = 0

    def add(self, where: str | Callable[[], str], text: str | Callable[[], str]) -> None:
        self.total += 1
        if len(self.items) < self.LIMIT:
            place = where() if callable(where) else where
            said = text() if callable(text) else text
            self.items.append(f"{place}: {said}.")

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportProblems(self)


class ImportProblems(ImportFileError):
    """An import file breaks the rules; nothing was imported.

    Attributes:
        problems: one plain sentence per problem shown (the first five).
        total: how many problems were found in all.
    """

    def __init__(self, found: Problems) -> None:
        self.problems = list(found.items)
        self.total = found.total
        more = found.total - len(found.items)
        text = (
            f"Nothing was imported from {found.source}; correct the file or export it again. "
            + " ".join(found.items)
        )
        if more:
            text += f" ({more:,} more problem{'s' if more > 1 else ''} not shown.)"
        super().__init__(text)


@dataclass
class SourceRow:
    """One record read from an import file, before it is checked.

    Attributes:
        values: column name to value, typed as far as the file says (csv cells already
            converted by their column's kind).
        where: gives the place of a field for a problem sentence, e.g.
            ``pain_marks.csv line 4, intensity``.
    """

    values: Row
    where: Callable[[str | None], str]


@dataclass
class Source:
    """What an import file holds: rows per table, read but not yet checked."""

    name: str
    tables: dict[str, list[SourceRow]]


def refuse(source: str, where: str, text: str) -> ImportProblems:
    """A single problem that stops reading at once (a broken file, a newer format)."""
    found = Problems(source)
    found.add(where, text)
    return ImportProblems(found)


def export_head(format_name: str, start: date | None, end: date | None) -> dict[str, Any]:
    """What every export states about itself: format, versions, when, which range."""
    from fibrodesk.db.migrations import SCHEMA_VERSION

    return {
        "format": format_name,
        "version": FORMAT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": iso(now()),
        "range": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        },
    }


def newer_format(version: Any, schema: Any) -> str | None:
    """The problem with an export's format and schema versions, or None when readable."""
    from fibrodesk.db.migrations import SCHEMA_VERSION

    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return f"the export format version {show(version)} is not a version FibroDesk wrote"
    if version > FORMAT_VERSION:
        return (
            f"it was written by a newer FibroDesk (export format version {version}; this "
            f"version reads up to {FORMAT_VERSION}), so install the newer version to import it"
        )
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        return f"the diary schema {show(schema)} is not a schema FibroDesk wrote"
    if schema > SCHEMA_VERSION:
        return (
            f"it was written by a newer FibroDesk (diary schema {schema}; this version knows "
            f"up to {SCHEMA_VERSION}), so install the newer version to import it"
        )
    return None


# -- neutralising spreadsheet formulas (csv) ----------------------------------------------

FORMULA_STARTS = frozenset("=+-@\t\r|'\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63")
"""Characters a spreadsheet may take as the start of a formula (with the single quote,
which neutralisation itself uses): ``= + - @``, tab, carriage return, ``|`` (DDE), their
full-width forms ``＝ ＋ － ＠`` and the small forms ``﹦ ﹢ ﹣``."""

LEADING_BLANKS = frozenset(" \n\r\t\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000")
"""What a spreadsheet may skip before it looks for a formula: spaces, line feeds, the
no-break space, zero-width characters and the byte-order mark."""


def needs_quote(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (or it starts with ``'``)."""
    for char in text:
        if char in LEADING_BLANKS:
            if char in "\t\r":
                return True
            continue
        return char in FORMULA_STARTS
    return False


def neutralise(text: str) -> str:
    """Make a csv text cell safe for spreadsheets, reversibly.

    The rule: a text that a spreadsheet may run as a formula, i.e. whose first character
    after any leading blanks (spaces, line feeds, no-break or zero-width spaces, a BOM) is
    one of ``= + - @ |``, a tab or a carriage return, or a full-width or small form of
    them (``＝ ＋ － ＠ ﹦ ﹢ ﹣``), *or a text that starts with a single quote*, gets one
    single quote in front. :func:`restore` removes exactly one leading quote, so every
    text comes back as written, including one that really starts with a quote.
    """
    return "'" + text if needs_quote(text) else text


def restore(cell: str) -> str:
    """Undo :func:`neutralise`."""
    return cell[1:] if cell.startswith("'") else cell


def describe(tables: Mapping[str, Any], names: Iterable[str] | None = None) -> str:
    """``820 pain marks, 300 check-ins, ...`` for the tables that hold something."""
    order = list(names) if names is not None else SUMMARY_ORDER
    parts = [BY_NAME[n].words(len(tables[n])) for n in order if tables.get(n)]
    return ", ".join(parts) if parts else "no records"
