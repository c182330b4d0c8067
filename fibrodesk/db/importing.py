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

A cancel through the progress callback, or any failure, rolls back exactly the import's
transaction: the diary is as before, and a save the window made on its own connection
stays. The window runs this on a worker thread with its own connection
(:class:`fibrodesk.ui.transfer.ImportJob`), so no event is processed inside the
transaction.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

import peewee

from fibrodesk.errors import ImportFileError, UserError

from .changes import Change, Done
from .tables import BY_NAME, SUMMARY_ORDER, TABLES, Row, read_table, show

T = TypeVar("T")

Progress = Callable[[int, int], bool]
"""``progress(done, total) -> bool``: called now and then; returning False cancels."""

_EVERY = 200


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
        self.done += 1
        if self.progress is not None and self.done % _EVERY == 0:
            if not self.progress(self.done, self.total):
                raise ImportCancelled()

    def checkpoint(self) -> None:
        if self.progress is not None and not self.progress(self.done, self.total):
            raise ImportCancelled()

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.done, self.total)


class ImportCancelled(UserError):
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
                _write(checked, source, tracker.tick, tracker.checkpoint)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        error = save_error(exc)
        if error is None:
            raise
        raise error from None
    tracker.finish()
    return report


def on_own_connection(run: Callable[[], T]) -> T:
    """Run ``run`` on a connection of this thread's own to the open diary (a worker
    thread's: opened for it, closed after); on a thread that has one, that one."""
    from .models import db

    opened = db.connect(reuse_if_open=True)
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


def _decide(checked: dict[str, list[Record]], report: ImportReport) -> None:
    """Add, update, skip or keep, per record, by comparing with the diary."""
    for name, records in checked.items():
        table = BY_NAME[name]
        counts = report.counts.setdefault(name, Counts())
        existing = {
            row[table.key]: row for row in read_table(table, [x.values[table.key] for x in records])
        }
        for rec in records:
            old = existing.get(rec.values[table.key])
            if old is None:
                rec.action = "add"
                counts.added += 1
            elif old == rec.values:
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
        model = table.model
        for key_cols in table.unique:
            fields = [model._meta.columns[table.key], *(model._meta.columns[c] for c in key_cols)]
            effective: dict[Any, tuple[Any, ...]] = {
                row[0]: tuple(row[1:]) for row in model.select(*fields).tuples().iterator()
            }
            from_file: dict[Any, Record] = {}
            for rec in writing:
                rid = rec.values[table.key]
                effective[rid] = tuple(rec.values[c] for c in key_cols)
                from_file[rid] = rec
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
    tick: Callable[[], None],
    checkpoint: Callable[[], None],
) -> None:
    """Write the adds and updates, batched (inside :func:`import_records`' transaction)."""
    for table in TABLES:
        records = checked.get(table.name)
        if not records:
            continue
        model = table.model
        columns = model._meta.columns
        key_field = model._meta.primary_key
        adds = [rec.values for rec in records if rec.action == "add"]
        step = max(1, 900 // len(table.columns))
        try:
            for i in range(0, len(adds), step):
                chunk = adds[i : i + step]
                model.insert_many(
                    [{columns[c]: v for c, v in row.items()} for row in chunk]
                ).execute()
                for _ in chunk:
                    tick()
            for rec in records:
                if rec.action != "update":
                    continue
                row = rec.values
                changes = {columns[c]: v for c, v in row.items() if c != table.key}
                model.update(changes).where(key_field == row[table.key]).execute()
                tick()
            checkpoint()
        except peewee.IntegrityError as exc:
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
