"""Read a json or csv export back into the open diary: all or nothing, merged by id.

The import runs in three steps, and only the last one writes:

1. **read** the file (json; csv as a folder or a zip): it must be UTF-8, FibroDesk's
   format, and not from a newer version;
2. **check** every field against the rules the diary enforces (region and tender-point
   ids from the catalogue, ranges, dates, times with their UTC offset, lengths, no field
   over 100 KB), ids unique in the file, every record it points to present in the file
   or the diary, and no clash with a different record on a one-per-day key (a second
   check-in for a date that has one);
3. **write** everything in one transaction, after a backup of a diary that holds
   anything.

Any problem found in step 1 or 2 raises :class:`~fibrodesk.errors.ImportFileError`
naming the first five (file, line and field, one sentence each); the diary is not
touched. A cancel through the progress callback, or a failure while writing, rolls the
transaction back: the diary is exactly as before.

**Merge rule**, record by record, by id:

* an id the diary does not hold is **added**;
* an id it holds with identical content is **skipped**;
* an id it holds with different content: the copy with the later ``updated_at`` wins. A
  newer copy in the file **updates** the diary; an older one (or one as old) is left
  out and the diary's copy is **kept**.

Settings (json only) are merged by key; the diary's value wins over a different one.
"""

from __future__ import annotations

import stat
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import peewee

from fibrodesk.errors import ImportFileError, UserError

from . import records as r

Progress = Callable[[int, int], bool]
"""``progress(done, total) -> bool``: called now and then; returning False cancels."""

_EVERY = 200


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
            r.BY_NAME[name].words(getattr(self.counts[name], attr))
            for name in r.SUMMARY_ORDER
            if name in self.counts and getattr(self.counts[name], attr)
        ]
        return ", ".join(parts)

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


# -- reading ----------------------------------------------------------------------------


def read_source(path: Path) -> r.Source:
    """Read an export file or folder (not yet checked against the rules).

    Only a regular file (or a folder, for csv) is read, and only when it is no larger than
    :data:`~fibrodesk.io.records.MAX_IMPORT_BYTES`: a device (``/dev/zero``), a pipe or a
    socket, even behind a symbolic link, is refused before a byte is read.
    """
    path = Path(path).expanduser()
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file or folder at {path}; check the path.") from None
    except OSError as exc:
        raise ImportFileError(
            f"{path} cannot be read ({exc.strerror or exc}); check that it is yours and try again."
        ) from None
    if stat.S_ISDIR(info.st_mode):
        from .csv_io import read_csv

        return read_csv(path)
    if not stat.S_ISREG(info.st_mode):
        raise r.refuse(name, name, r.not_a_file(info.st_mode))
    if info.st_size > r.MAX_IMPORT_BYTES:
        raise r.refuse(name, name, r.too_big(info.st_size))
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        from .csv_io import read_csv

        return read_csv(path)
    if path.suffix.lower() == ".csv":
        raise ImportFileError(
            f"{name} is one file of a csv export; import the whole export folder (or its "
            ".zip) instead."
        )
    data = r.read_regular(path, name)
    from .json_io import read_json

    return read_json(data, name)


# -- checking ---------------------------------------------------------------------------


@dataclass
class _Record:
    values: r.Row
    where: Callable[[str | None], str]
    action: str = ""  # add, update, skip, keep


def _check_rows(
    source: r.Source, found: r.Problems, tick: Callable[[], None]
) -> dict[str, list[_Record]]:
    """Every field of every row against its column's rules; duplicate ids."""
    checked: dict[str, list[_Record]] = {}
    for table in r.TABLES:
        rows = source.tables.get(table.name)
        if rows is None:
            continue
        out: list[_Record] = []
        first_seen: dict[Any, Callable[[str | None], str]] = {}
        for row in rows:
            tick()
            values: r.Row = {}
            ok = True
            for col in table.columns:
                try:
                    values[col.name] = r.check_value(col, row.values[col.name])
                except r.ValueProblem as exc:
                    found.add(partial(row.where, col.name), str(exc))
                    ok = False
            if not ok:
                continue
            for col_name, text in r.check_row(table, values):
                found.add(partial(row.where, col_name), text)
                ok = False
            key = values[table.key]
            if key in first_seen:
                found.add(
                    partial(row.where, table.key),
                    partial(_twice, key, first_seen[key]),
                )
                continue
            first_seen[key] = row.where
            if ok:
                out.append(_Record(values, row.where))
        checked[table.name] = out
    return checked


def _twice(key: Any, first: Callable[[str | None], str]) -> str:
    return (
        f"{r.show(key)} appears twice in the file (first at {first(None)}), so it is not "
        "clear which record to keep"
    )


def _newer(incoming: str, existing: str) -> bool:
    return datetime.fromisoformat(incoming) > datetime.fromisoformat(existing)


def _decide(checked: dict[str, list[_Record]], report: ImportReport) -> None:
    """Add, update, skip or keep, per record, by comparing with the diary."""
    for name, records in checked.items():
        table = r.BY_NAME[name]
        counts = report.counts.setdefault(name, Counts())
        existing = {
            row[table.key]: row
            for row in r.read_table(table, [x.values[table.key] for x in records])
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


def _check_links(checked: dict[str, list[_Record]], found: r.Problems) -> None:
    """Every id a record points to must be in the file or in the diary."""
    in_file = {
        name: {rec.values[r.BY_NAME[name].key] for rec in recs} for name, recs in checked.items()
    }
    for name, records in checked.items():
        table = r.BY_NAME[name]
        for col in table.columns:
            if col.ref is None:
                continue
            target = r.BY_NAME[col.ref]
            wanted = {rec.values[col.name] for rec in records if rec.values[col.name] is not None}
            missing = wanted - in_file.get(col.ref, set())
            if missing:
                present = {row[target.key] for row in r.read_table(target, missing)}
                missing -= present
            if not missing:
                continue
            for rec in records:
                value = rec.values[col.name]
                if value in missing:
                    found.add(
                        partial(rec.where, col.name),
                        f"it points to the {target.singular} {r.show(value)}, which is neither "
                        "in the file nor in the diary",
                    )


def _check_unique(checked: dict[str, list[_Record]], found: r.Problems) -> None:
    """No two records may share a one-per-key value (a check-in's date, a mark's entry
    and region) once the file is merged into the diary."""
    for name, records in checked.items():
        table = r.BY_NAME[name]
        writing = [rec for rec in records if rec.action in ("add", "update")]
        if not writing or not table.unique:
            continue
        model = table.model
        for key_cols in table.unique:
            fields = [model._meta.columns[table.key], *(model._meta.columns[c] for c in key_cols)]
            effective: dict[Any, tuple[Any, ...]] = {
                row[0]: tuple(row[1:]) for row in model.select(*fields).tuples().iterator()
            }
            from_file: dict[Any, _Record] = {}
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
                said = " and ".join(f"{c} {r.show(rec.values[c])}" for c in key_cols)
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
    checked: dict[str, list[_Record]],
    source: str,
    tick: Callable[[], None],
    checkpoint: Callable[[], None],
) -> None:
    from fibrodesk.db.database import transaction

    with transaction():
        for table in r.TABLES:
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


def import_path(path: Path, progress: Progress | None = None) -> ImportReport:
    """Import a json or csv export into the open diary, all or nothing.

    ``progress(done, total)`` is called now and then; when it returns False the import
    stops and :class:`ImportCancelled` is raised with the diary unchanged. Raises
    :class:`~fibrodesk.errors.ImportFileError` (one sentence per problem, at most five)
    when the file cannot be imported.
    """
    source = read_source(path)
    rows = sum(len(v) for v in source.tables.values())
    state = {"done": 0, "total": 2 * rows}

    def tick() -> None:
        state["done"] += 1
        if progress is not None and state["done"] % _EVERY == 0:
            if not progress(state["done"], state["total"]):
                raise ImportCancelled()

    def checkpoint() -> None:
        if progress is not None and not progress(state["done"], state["total"]):
            raise ImportCancelled()

    checkpoint()
    found = r.Problems(source.name)
    checked = _check_rows(source, found, tick)
    found.raise_if_any()
    report = ImportReport(source=source.name)
    _decide(checked, report)
    _check_links(checked, found)
    _check_unique(checked, found)
    found.raise_if_any()

    to_write = sum(
        1 for recs in checked.values() for rec in recs if rec.action in ("add", "update")
    )
    state["done"], state["total"] = rows, rows + to_write
    checkpoint()
    if to_write:
        report.backup = _backup_first()
        _write(checked, source.name, tick, checkpoint)
    state["done"] = state["total"]
    if progress is not None:
        progress(state["done"], state["total"])
    return report


def _backup_first() -> Path | None:
    """A verified backup of a diary that holds anything, before the import writes."""
    from fibrodesk.db.backup import backup_now
    from fibrodesk.db.database import has_entries
    from fibrodesk.db.models import db

    if not has_entries():
        return None
    return backup_now(Path(db.database).parent, reason="before-import")
