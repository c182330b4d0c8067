"""Importing checked records: one db operation, in one transaction, on the connection of
the thread that runs it.

:func:`fibrodesk.io.importer.import_path` reads a file and checks every row against the
rules without the diary; :func:`import_records` does the rest as one operation:

1. takes the diary's write lock (``BEGIN IMMEDIATE``), so what it decides and what it
   writes see one diary: a window saving meanwhile waits (its busy timeout) or goes
   through before or after, never inside the import;
2. decides per record: add, update, skip or keep (the merge rule);
3. checks that every id a record points to is in the file or the diary, and that no
   one-per-day or one-per-name key clashes;
4. makes a verified backup of a diary that holds anything, then writes, batched.

Every step works a table at a time with statements prepared once: the diary's rows are
read by id a few hundred at a time (only when the table holds any), and the adds are
written as multi-row ``INSERT``s of one shape, so SQLite compiles each statement once and
the time stays close to loading the same rows raw (issue 16; ``benchmarks/bench_transfer``).

A cancel through the progress callback, or any failure, rolls back exactly the import's
transaction: the diary is as before, and a save the window made on its own connection
stays. The window runs this on a worker thread with its own connection
(:class:`fibrodesk.ui.transfer.ImportJob`), so no event is processed inside the
transaction.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol, TypeVar

import peewee

from fibrodesk.errors import ImportFileError
from fibrodesk.progress import Cancelled, Progress

from .changes import Change, Done
from .table_rows import normalise, read_table
from .tables import BY_NAME, SUMMARY_ORDER, TABLES, Row, Table, show

T = TypeVar("T")


_EVERY = 200

_VARIABLES = 900
"""Bound values per statement: under the 999 older SQLite builds allow, so one
multi-row ``INSERT`` or one ``IN (...)`` list stays a single prepared statement."""


class Found(Protocol):
    """Where problems are collected (:class:`fibrodesk.io.records.Problems`)."""

    def add(self, where: Any, text: Any) -> None: ...

    def raise_if_any(self) -> None: ...


@dataclass
class Record:
    """One checked record of the file and what the import does with it."""

    values: Row
    where: Callable[[str | None], str]
    action: str = ""  # add, update, skip, keep


class Tracker:
    """Counts work done for the progress callback and raises :class:`ImportCancelled`
    when the callback says stop."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.done = 0
        self.total = total

    def tick(self) -> None:
        self.advance(1)

    def advance(self, count: int) -> None:
        """``count`` more done: the callback is asked each time a multiple of
        :data:`_EVERY` is passed (once per call at most)."""
        before = self.done
        self.done += count
        if self.progress is not None and self.done // _EVERY != before // _EVERY:
            if not self.progress(self.done, self.total):
                raise ImportCancelled()

    def checkpoint(self) -> None:
        if self.progress is not None and not self.progress(self.done, self.total):
            raise ImportCancelled()

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.done, self.total)


class ImportCancelled(Cancelled):
    """The person cancelled the import; the diary was left as it was."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; the diary was left exactly as it was.")


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # identical to what the diary holds
    kept: int = 0  # the diary's copy is newer, so it stays

    @property
    def total(self) -> int:
        return self.added + self.updated + self.skipped + self.kept


@dataclass
class ImportReport:
    """What an import did, per table (``counts[table_name]``).

    Attributes:
        source: the file or folder name.
        counts: added, updated, skipped and kept records per table.
        backup: the backup made before writing, if one was made.
    """

    source: str
    counts: dict[str, Counts] = field(default_factory=dict)
    backup: Path | None = None

    def _sum(self, attr: str) -> int:
        return sum(getattr(c, attr) for c in self.counts.values())

    @property
    def added(self) -> int:
        return self._sum("added")

    @property
    def updated(self) -> int:
        return self._sum("updated")

    @property
    def skipped(self) -> int:
        return self._sum("skipped")

    @property
    def kept(self) -> int:
        return self._sum("kept")

    def _list(self, attr: str) -> str:
        parts = [
            BY_NAME[name].words(getattr(self.counts[name], attr))
            for name in SUMMARY_ORDER
            if name in self.counts and getattr(self.counts[name], attr)
        ]
        return ", ".join(parts)

    @property
    def change(self) -> Change:
        """What the import changed: everything when it wrote, nothing otherwise."""
        return Change.EVERYTHING if self.added or self.updated else Change.NONE

    def summary(self) -> str:
        """One sentence, e.g. "Added 120 pain marks, 30 check-ins; skipped 4 already in
        the diary." """
        if not any(c.total for c in self.counts.values()):
            return f"{self.source} holds no records; nothing was added."
        parts = []
        if self.added:
            parts.append(f"added {self._list('added')}")
        if self.updated:
            parts.append(f"updated {self._list('updated')} to the file's newer version")
        if self.skipped:
            parts.append(f"skipped {self.skipped:,} already in the diary")
        if self.kept:
            n = self.kept
            parts.append(f"kept the diary's newer version of {n:,} record{'s' if n != 1 else ''}")
        if not self.added and not self.updated:
            parts.insert(0, "nothing new")
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


# -- the operation ------------------------------------------------------------------------


def import_records(
    checked: dict[str, list[Record]],
    source: str,
    found: Found,
    tracker: Tracker,
    rows: int,
) -> ImportReport:
    """Merge checked records into the open diary: one operation, all or nothing.

    Returns the report (:meth:`ImportReport.change` says what it changed). Raises the
    problems ``found`` collects, :class:`ImportCancelled`, or a
    :class:`~fibrodesk.errors.UserError` for a disk that refuses; the diary is then as
    it was.
    """
    from .database import save_error
    from .models import db

    report = ImportReport(source=source)
    try:
        with db.atomic("IMMEDIATE"):  # the write lock first: decide and write on one diary
            _decide(checked, report)
            _check_links(checked, found)
            _check_unique(checked, found)
            found.raise_if_any()
            to_write = sum(
                1 for recs in checked.values() for rec in recs if rec.action in ("add", "update")
            )
            tracker.done, tracker.total = rows, rows + to_write
            tracker.checkpoint()
            if to_write:
                report.backup = _backup_first()
                _write(checked, source, tracker.advance, tracker.checkpoint)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        error = save_error(exc)
        if error is None:
            raise
        raise error from None
    tracker.finish()
    return report


def on_own_connection(run: Callable[[], T], cache_kib: int | None = None) -> T:
    """Run ``run`` on a connection of this thread's own to the open diary (a worker
    thread's: opened for it, closed after); on a thread that has one, that one.

    ``cache_kib`` sets the page cache of a connection opened here (the diary's own is
    4 MB): a reader opened for one job reads each page once and is closed after, so a
    large cache only holds memory, which a worker thread's allocator keeps."""
    from .models import db

    opened = db.connect(reuse_if_open=True)
    if opened and cache_kib is not None:
        db.execute_sql(f"PRAGMA cache_size = {-int(cache_kib)}")
    try:
        return run()
    finally:
        if opened:
            db.close()


def import_operation(
    checked: dict[str, list[Record]], source: str, found: Found, tracker: Tracker, rows: int
) -> Done[ImportReport]:
    """:func:`import_records` as an operation: its report and what it changed."""
    report = import_records(checked, source, found, tracker, rows)
    return Done(report, report.change)


def _newer(incoming: str, existing: str) -> bool:
    return datetime.fromisoformat(incoming) > datetime.fromisoformat(existing)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _values(table: Table) -> Callable[[Row], tuple[Any, ...]]:
    """A row's values as a tuple in the table's column order (one C call per row)."""
    names = table.column_names
    get = itemgetter(*names)
    return get if len(names) > 1 else lambda row: (get(row),)


def _holds_any(table: Table) -> bool:
    from .models import db

    sql = f"SELECT 1 FROM {_quote(table.name)} LIMIT 1"
    return db.execute_sql(sql).fetchone() is not None


def _stored(table: Table, keys: list[Any]) -> Iterator[tuple[Any, ...]]:
    """The diary's rows with these keys, as SQLite gives them (column order), read a few
    hundred at a time with one prepared statement."""
    from .models import db

    names = ", ".join(_quote(c) for c in table.column_names)
    head = f"SELECT {names} FROM {_quote(table.name)} WHERE {_quote(table.key)} IN "
    step = 500
    full = head + "(" + ", ".join("?" * step) + ")"
    for i in range(0, len(keys), step):
        part = keys[i : i + step]
        sql = full if len(part) == step else head + "(" + ", ".join("?" * len(part)) + ")"
        yield from db.execute_sql(sql, part).fetchall()


def _decide(checked: dict[str, list[Record]], report: ImportReport) -> None:
    """Add, update, skip or keep, per record, by comparing with the diary."""
    for name, records in checked.items():
        table = BY_NAME[name]
        counts = report.counts.setdefault(name, Counts())
        if not records:
            continue
        if not _holds_any(table):
            for rec in records:
                rec.action = "add"
            counts.added += len(records)
            continue
        values = _values(table)
        key_at = table.column_names.index(table.key)
        step = 2000
        for i in range(0, len(records), step):
            part = records[i : i + step]
            stored = {
                row[key_at]: row for row in _stored(table, [r.values[table.key] for r in part])
            }
            for rec in part:
                raw = stored.get(rec.values[table.key])
                if raw is None:
                    rec.action = "add"
                    counts.added += 1
                    continue
                # Equal raw values are equal rows (SQLite's 0/1 equals False/True, 2.0
                # equals 2); only a difference needs the typed row.
                if raw == values(rec.values):
                    rec.action = "skip"
                    counts.skipped += 1
                    continue
                old = normalise(table, raw)
                if old == rec.values:
                    rec.action = "skip"
                    counts.skipped += 1
                elif table.stamped and _newer(rec.values["updated_at"], old["updated_at"]):
                    rec.action = "update"
                    counts.updated += 1
                else:
                    rec.action = "keep"
                    counts.kept += 1


def _check_links(checked: dict[str, list[Record]], found: Found) -> None:
    """Every id a record points to must be in the file or in the diary."""
    in_file = {
        name: {rec.values[BY_NAME[name].key] for rec in recs} for name, recs in checked.items()
    }
    for name, records in checked.items():
        table = BY_NAME[name]
        for col in table.columns:
            if col.ref is None:
                continue
            target = BY_NAME[col.ref]
            wanted = {rec.values[col.name] for rec in records if rec.values[col.name] is not None}
            missing = wanted - in_file.get(col.ref, set())
            if missing:
                present = {row[target.key] for row in read_table(target, missing)}
                missing -= present
            if not missing:
                continue
            for rec in records:
                value = rec.values[col.name]
                if value in missing:
                    found.add(
                        partial(rec.where, col.name),
                        f"it points to the {target.singular} {show(value)}, which is neither "
                        "in the file nor in the diary",
                    )


def _check_unique(checked: dict[str, list[Record]], found: Found) -> None:
    """No two records may share a one-per-key value (a check-in's date, a mark's entry
    and region) once the file is merged into the diary."""
    for name, records in checked.items():
        table = BY_NAME[name]
        writing = [rec for rec in records if rec.action in ("add", "update")]
        if not writing or not table.unique:
            continue
        from .models import db

        for key_cols in table.unique:
            names = ", ".join(_quote(c) for c in (table.key, *key_cols))
            cursor = db.execute_sql(f"SELECT {names} FROM {_quote(table.name)}")
            effective: dict[Any, tuple[Any, ...]] = {row[0]: row[1:] for row in cursor}
            get = itemgetter(table.key, *key_cols)
            effective.update((row[0], row[1:]) for row in map(get, (r.values for r in writing)))
            if len(set(effective.values())) == len(effective):
                continue  # every key once: no clash (the usual case, found as a set)
            from_file = {rec.values[table.key]: rec for rec in writing}
            owners: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
            for rid, key in effective.items():
                owners[key].append(rid)
            for rid, rec in from_file.items():
                others = [o for o in owners[effective[rid]] if o != rid]
                if not others:
                    continue
                said = " and ".join(f"{c} {show(rec.values[c])}" for c in key_cols)
                if any(o in from_file for o in others):
                    where = "the file"
                else:
                    where = "the diary"
                found.add(
                    partial(rec.where, key_cols[-1]),
                    f"{where} already has another {table.singular} with {said} (under a "
                    "different id), and there can be only one",
                )


# -- writing ----------------------------------------------------------------------------


def _write(
    checked: dict[str, list[Record]],
    source: str,
    advance: Callable[[int], None],
    checkpoint: Callable[[], None],
) -> None:
    """Write the adds and updates (inside :func:`import_records`' transaction): the adds
    as multi-row ``INSERT``s of one prepared shape, the updates by id."""
    from .models import db

    for table in TABLES:
        records = checked.get(table.name)
        if not records:
            continue
        names = table.column_names
        values = _values(table)
        into = f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(c) for c in names)}) VALUES "
        one = "(" + ", ".join("?" * len(names)) + ")"
        per = max(1, _VARIABLES // len(names))
        full = into + ", ".join([one] * per)
        adds = [rec.values for rec in records if rec.action == "add"]
        others = [c for c in names if c != table.key]
        update = (
            f"UPDATE {_quote(table.name)} SET {', '.join(_quote(c) + ' = ?' for c in others)} "
            f"WHERE {_quote(table.key)} = ?"
        )
        try:
            for i in range(0, len(adds), per):
                chunk = adds[i : i + per]
                sql = full if len(chunk) == per else into + ", ".join([one] * len(chunk))
                db.execute_sql(sql, [v for row in chunk for v in values(row)])
                advance(len(chunk))
            for rec in records:
                if rec.action != "update":
                    continue
                row = rec.values
                db.execute_sql(update, [*(row[c] for c in others), row[table.key]])
                advance(1)
            checkpoint()
        except (peewee.IntegrityError, sqlite3.IntegrityError) as exc:
            raise ImportFileError(
                f"Nothing was imported from {source}: a {table.singular} in it breaks a "
                f"rule of the diary ({exc}); export the file again, or report the problem."
            ) from None


def _backup_first() -> Path | None:
    """A verified backup of a diary that holds anything, before the import writes."""
    from .backup import backup_now
    from .database import has_entries
    from .models import db

    if not has_entries():
        return None
    return backup_now(Path(db.database).parent, reason="before-import")
