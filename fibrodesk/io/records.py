"""What every export and the importer share besides the tables: the problems of an import
file in words (the rules a value follows are in :mod:`fibrodesk.io.value_checks`), formula neutralisation, and safe file writing.

The tables and their columns come from :mod:`fibrodesk.db.tables`, the rows of the diary
from :mod:`fibrodesk.db.table_rows` (both re-exported here, so the formats say ``r.TABLES``,
``r.collect``): io/ never touches peewee or the models itself. The importer checks a file
against the same rules the database enforces, so that it can name the file, line and field
of a problem before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fibrodesk.core.clock import iso, now
from fibrodesk.db.table_rows import collect, normalise, read_table, snapshot
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
    fill_later_columns,
    show,
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
