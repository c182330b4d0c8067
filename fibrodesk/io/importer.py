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

import gc
import stat
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from fibrodesk.db.importing import (
    Counts,
    ImportCancelled,
    ImportReport,
    Progress,
    Record,
    Tracker,
    import_records,
)
from fibrodesk.errors import ImportFileError

from . import records as r
from . import value_checks as vc

__all__ = ["Counts", "ImportCancelled", "ImportReport", "Progress", "import_path", "read_source"]


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
    from .json_io import read_json

    # Handed over without a name here, so that read_json can let the bytes go once decoded.
    return read_json(r.read_regular(path, name), name)


# -- checking ---------------------------------------------------------------------------


def _check_rows(source: r.Source, found: r.Problems, tracker: Tracker) -> dict[str, list[Record]]:
    """Every field of every row against its column's rules; duplicate ids.

    A table is first checked a column at a time (:func:`~fibrodesk.io.value_checks.accepts_all`,
    each distinct text once, ids unique as a set); only a table where that finds something
    is checked row by row, which names each problem in the order of the file.
    """
    checked: dict[str, list[Record]] = {}
    for table in r.TABLES:
        rows = source.tables.get(table.name)
        if rows is None:
            continue
        fast = _all_valid(table, rows)
        if fast is not None:
            tracker.advance(len(rows))
            checked[table.name] = fast
        else:
            checked[table.name] = _check_each(table, rows, found, tracker.tick)
    return checked


def _all_valid(table: r.Table, rows: list[r.SourceRow]) -> list[Record] | None:
    """The table's records when every value follows its rules unchanged, every id is
    there once and no row-level rule objects; otherwise None."""
    values = [row.values for row in rows]
    for col in table.columns:
        column = list(map(itemgetter(col.name), values))
        if not vc.accepts_all(col, column):
            return None
        if col.name == table.key and len(set(column)) != len(column):
            return None
    if any(vc.check_row(table, v) for v in values):
        return None
    return [Record(row.values, row.where) for row in rows]


def _check_each(
    table: r.Table, rows: list[r.SourceRow], found: r.Problems, tick: Callable[[], None]
) -> list[Record]:
    """Row by row, every problem named (see :func:`_check_rows`)."""
    out: list[Record] = []
    first_seen: dict[Any, Callable[[str | None], str]] = {}
    for row in rows:
        tick()
        values: r.Row = {}
        ok = True
        for col in table.columns:
            try:
                values[col.name] = vc.check_value(col, row.values[col.name])
            except vc.ValueProblem as exc:
                found.add(partial(row.where, col.name), str(exc))
                ok = False
        if not ok:
            continue
        for col_name, text in vc.check_row(table, values):
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
            out.append(Record(values, row.where))
    return out


def _twice(key: Any, first: Callable[[str | None], str]) -> str:
    return (
        f"{r.show(key)} appears twice in the file (first at {first(None)}), so it is not "
        "clear which record to keep"
    )


def import_path(path: Path, progress: Progress | None = None) -> ImportReport:
    """Import a json or csv export into the open diary, all or nothing.

    Reading and checking each row against the rules is done here, without the diary; the
    rest (comparing with the diary, the backup, the writes) is one operation in
    :func:`fibrodesk.db.importing.import_records`, run on the connection of the thread
    that calls this (the window runs it on a worker thread with its own connection).

    ``progress(done, total)`` is called now and then; when it returns False the import
    stops and :class:`ImportCancelled` is raised with the diary unchanged. Raises
    :class:`~fibrodesk.errors.ImportFileError` (one sentence per problem, at most five)
    when the file cannot be imported.
    """
    with _no_cycle_collection():
        source = read_source(path)
        rows = sum(len(v) for v in source.tables.values())
        tracker = Tracker(progress, 2 * rows)
        tracker.checkpoint()
        found = r.Problems(source.name)
        checked = _check_rows(source, found, tracker)
        found.raise_if_any()
        return import_records(checked, source.name, found, tracker, rows)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an import holds its rows.

    A ten-year export is a million small dicts and lists, none in a reference cycle, all
    alive until the import ends: every full collection walked all of them again, which
    was 40 % of reading a csv export. Reference counting still frees everything as
    usual; the collector resumes (if it ran before) when the import ends or fails.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
