"""Open, check and migrate the diary file.

One SQLite file per data folder, opened through the module-level peewee database
:data:`fibrodesk.db.models.db`. Opening a diary:

1. creates the folder 0700 and the file 0600 *before* SQLite first touches it;
2. reads the file read-only (:func:`inspect_file`): a file that is not SQLite, belongs to
   another program, was written by a newer FibroDesk or fails ``quick_check`` is refused
   untouched, with one sentence naming the newest sound backup to restore (the window then
   offers to set it aside and restore, see :mod:`fibrodesk.db.recovery`); an empty,
   zero-byte file holds nothing and becomes a new diary;
3. sets the pragmas (WAL, ``synchronous=FULL``, foreign keys);
4. runs pending migrations inside one transaction, after a verified backup.

Errors from peewee and from ``sqlite3`` are caught alike and become a
:class:`~fibrodesk.errors.UserError` with a plain sentence: a full disk or a read-only
file is a :class:`SaveError`, a folder that cannot be used a :class:`DataDirError`, a
damaged file a :class:`DamagedDiaryError`.

The schema version lives in ``PRAGMA user_version``; the file is marked as ours with
``PRAGMA application_id``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import peewee

from fibrodesk.errors import (
    DamagedDiaryError,
    DataDirError,
    NewerSchemaError,
    NotADiaryError,
    SaveError,
    UserError,
)
from fibrodesk.paths import DB_NAME, disk_full, ensure_data_dir

from . import inspection, migrations
from .backup import backup_now, beside, missing_sentence, newest_sound_backup
from .changes import Change, Done
from .diary_file import APPLICATION_ID, FileFacts, index_only, read_only_connection
from .migrations import MIGRATIONS, SCHEMA_VERSION, expected_schema, migrate_database
from .models import MODELS, db

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "expected_schema",
    "migrate_database",
]

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed entry survives a power cut
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -4000,  # 4 MB: ten years of history load as fast as with 16 MB, 12 MB less resident
}


T = TypeVar("T")


def diary_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, before SQLite opens it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


# Errors raised by SQLite through either driver layer.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, peewee.DatabaseError)


def _first_line(text: object) -> str:
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip() and "***" not in ln]
    return lines[0] if lines else str(text).strip()


def _what_to_do(path: Path) -> str:
    """The end of a refusal's sentence: which backup to restore, when there is one."""
    return beside(Path(path)).advice()


def _damaged(path: Path, detail: str) -> DamagedDiaryError:
    return inspection.damaged(path, detail, _what_to_do(path))


def _has_backups(path: Path) -> bool:
    """True when the folder of the diary ``path`` holds backups of a diary."""
    return beside(Path(path)).backups()


def inspect_file(path: Path, facts: FileFacts | None = None) -> tuple[int, int]:
    """Return ``(user_version, application_id)`` of a diary file without changing it.

    :func:`fibrodesk.db.inspection.inspect_file`, with what is beside the file (its
    backups, the newest sound one to restore) for the sentences.
    """
    return inspection.inspect_file(path, facts, beside(Path(path)))


def _unreadable(path: Path, exc: sqlite3.Error) -> UserError:
    return inspection.unreadable(path, exc, beside(Path(path)).advice())


def _open_error(path: Path, exc: Exception) -> UserError:
    """The sentence for a diary that passed its check but cannot be opened for writing."""
    code = sqlite_code(exc)
    if code == SQLITE_FULL or (code in (SQLITE_IOERR, SQLITE_CANTOPEN) and disk_full(path.parent)):
        return SaveError(
            f"The diary {path} cannot be opened because the disk is full; free some disk "
            "space and start again."
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return _damaged(path, str(exc))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DataDirError(
            f"The diary {path} is held by another program; close it and start again."
        )
    return DataDirError(
        f"The diary {path} cannot be opened for writing ({_first_line(exc)}); check that its "
        "folder can be written, or choose another with --data-dir."
    )


def _move_orphans(path: Path) -> None:
    """Move away a ``-wal``/``-shm``/``-journal`` left with no diary beside it.

    SQLite would otherwise apply an old write-ahead log to a brand-new file.
    """
    from .diary_file import set_aside

    for suffix in ("-wal", "-journal", "-shm"):
        orphan = Path(f"{path}{suffix}")
        if orphan.exists():
            try:
                set_aside(orphan, "orphan")
            except OSError as exc:
                raise DataDirError(
                    f"An old {orphan.name} is in {path.parent} with no diary beside it and "
                    f"cannot be moved ({exc.strerror}); move it away, then start again."
                ) from None


def open_diary(
    data_dir: Path, *, migrate: bool = True, facts: FileFacts | None = None, new: bool = False
) -> Path:
    """Open (creating if needed) the diary in ``data_dir`` and bring it up to date.

    Returns the diary file's path. The module-level ``db`` is bound to it. A file that
    cannot be used is refused untouched (see :func:`inspect_file`); ``facts`` is a reading
    of the diary already made while this process held its lock. A new diary is created
    only where there is no diary file and no backup of one, or when ``new`` says the
    person chose to begin anew (the recovery question); a missing diary beside backups is
    refused with the backup to restore.
    """
    data_dir = ensure_data_dir(Path(data_dir))
    path = diary_path(data_dir)
    if not db.is_closed() and db.database == str(path) and path.exists():
        return path  # already open and checked in this process (the window's start)
    if not writable(data_dir):
        return _open_read_only(data_dir, path, facts)
    created = False
    if not path.exists():
        if not new and _has_backups(path):
            raise DamagedDiaryError(missing_sentence(data_dir, newest_sound_backup(data_dir)))
        _move_orphans(path)
        try:
            _create_private_file(path)
        except OSError as exc:
            raise SaveError(
                f"The diary cannot be created in {data_dir} ({exc.strerror}); "
                "check the folder or choose another with --data-dir."
            ) from None
        facts = None  # read before the file existed
        created = True
    if facts is not None and facts.path != path:
        facts = None
    version = 0 if created else inspect_file(path, facts)[0]
    _tighten(path)
    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
    except DB_ERRORS as exc:
        if not db.is_closed():
            db.close()
        raise _open_error(path, exc) from None
    if migrate and version < migrations.SCHEMA_VERSION:
        if version > 0:
            backup_now(data_dir, reason=f"before-migration-v{version}")
        try:
            migrate_database(db, version)
        except DB_ERRORS as exc:
            if isinstance(_actionable(exc), SaveError):
                db.close()
                raise SaveError(
                    "The diary could not be updated to this version of FibroDesk and was "
                    "left as it was; free some disk space or check the folder's permissions, "
                    "then start again."
                ) from None
            db.close()
            raise _damaged(path, str(exc)) from None
    return path


def writable(data_dir: Path) -> bool:
    """True when the diary in ``data_dir`` (and its folder, for SQLite's -wal and -shm) can
    be written; a read-only folder or disk is opened read-only instead."""
    path = diary_path(data_dir)
    return os.access(data_dir, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _open_read_only(data_dir: Path, path: Path, facts: FileFacts | None) -> Path:
    """Open the diary of a folder that cannot be written, for reading only (export, backup
    elsewhere): checked as always, never created, migrated or written."""
    if not path.exists():
        raise DataDirError(
            f"There is no diary in {data_dir}, and the folder cannot be written to create "
            "one; check --data-dir."
        )
    version, _app_id = inspect_file(
        path, facts if facts is not None and facts.path == path else None
    )
    if version < migrations.SCHEMA_VERSION:
        raise DataDirError(
            f"The diary in {data_dir} was written by an older FibroDesk and its folder cannot "
            "be written, so it cannot be brought up to date; open it once where it can be "
            "written, or copy it elsewhere."
        )
    if not db.is_closed():
        db.close()
    sidecars = any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal"))
    flags = "mode=ro" if sidecars else "mode=ro&immutable=1"
    db.init(
        f"{path.absolute().as_uri()}?{flags}",
        uri=True,
        pragmas={"foreign_keys": 1, "cache_size": PRAGMAS["cache_size"], "query_only": 1},
    )
    try:
        db.connect()
    except DB_ERRORS as exc:
        if not db.is_closed():
            db.close()
        raise _open_error(path, exc) from None
    return path


def _tighten(path: Path) -> None:
    """Make the diary (and its -wal/-shm, which SQLite creates alike) owner-only."""
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass


def close_diary() -> None:
    if not db.is_closed():
        db.close()


def diary_open_in(data_dir: Path) -> bool:
    """True when the diary open in this process is the one in ``data_dir``."""
    path = db.database
    if db.is_closed() or not path:
        return False
    return Path(path).resolve().parent == Path(data_dir).resolve()


def change_count() -> int:
    """How many rows this connection has written since the diary was opened.

    Used to tell whether the diary changed during a session (for the exit backup).
    """
    if db.is_closed():
        return 0
    return int(db.connection().total_changes)


# SQLite's primary result codes (sqlite3.SQLITE_*) that a person can act on.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


def sqlite_codes(exc: BaseException | None) -> list[int]:
    """SQLite's primary result codes (``SQLITE_FULL``...) behind ``exc``, nearest first.

    Follows peewee's wrapper (``orig``) and the exception chain: a full disk makes SQLite
    roll back by itself, and peewee's own rollback then fails ("no transaction is
    active", a plain SQLITE_ERROR) with the real error as its context. Extended codes
    (``SQLITE_IOERR_WRITE``) give their primary code.
    """
    codes: list[int] = []
    todo: list[BaseException] = [] if exc is None else [exc]
    seen: set[int] = set()
    while todo and len(seen) < 16:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        code = getattr(current, "sqlite_errorcode", None)
        if isinstance(code, int):
            codes.append(code & 0xFF)
        orig = getattr(current, "orig", None)
        todo += [e for e in (orig, current.__cause__, current.__context__) if e is not None]
    return codes


def sqlite_code(exc: BaseException | None) -> int | None:
    """The code a person can act on behind ``exc`` (see :func:`sqlite_codes`), else the
    nearest one, else ``None``."""
    codes = sqlite_codes(exc)
    return next((c for c in codes if c in _SAVE_SENTENCES), codes[0] if codes else None)


_NOTHING = "(nothing was half-written)"
_SAVE_SENTENCES: dict[int, tuple[type[UserError], str]] = {
    SQLITE_FULL: (
        SaveError,
        "The change could not be saved because the disk is full; free some disk space, "
        f"then try again {_NOTHING}.",
    ),
    SQLITE_READONLY: (
        SaveError,
        "The change could not be saved because the diary cannot be written (read-only); "
        f"check the data folder's permissions, then try again {_NOTHING}.",
    ),
    SQLITE_CANTOPEN: (
        SaveError,
        "The change could not be saved because the diary's folder cannot be written; "
        f"check the data folder's permissions, then try again {_NOTHING}.",
    ),
    SQLITE_IOERR: (
        SaveError,
        "The change could not be saved because the disk reported an error; check the "
        f"disk, then try again {_NOTHING}.",
    ),
    SQLITE_BUSY: (
        SaveError,
        "The change could not be saved because another program is holding the diary; "
        f"try again in a moment {_NOTHING}.",
    ),
    SQLITE_CORRUPT: (
        DamagedDiaryError,
        "The change could not be saved because the diary is damaged; close FibroDesk "
        f"and start it again to be offered the newest backup {_NOTHING}.",
    ),
}
_SAVE_SENTENCES[SQLITE_LOCKED] = _SAVE_SENTENCES[SQLITE_BUSY]
_SAVE_SENTENCES[SQLITE_NOTADB] = _SAVE_SENTENCES[SQLITE_CORRUPT]


def save_error(exc: BaseException) -> UserError | None:
    """The plain sentence for a write the disk refused, or ``None`` for a bug.

    Decided by SQLite's error code (as qutebrowser's ``misc/sql.py`` does), never by the
    words of the message, which vary between SQLite versions and languages.
    """
    code = sqlite_code(exc)
    if code is None or code not in _SAVE_SENTENCES:
        return None
    kind, sentence = _SAVE_SENTENCES[code]
    return kind(sentence)


@contextmanager
def transaction() -> Iterator[None]:
    """One all-or-nothing change; a disk that refuses the write becomes a SaveError.

    peewee's and sqlite3's errors are caught alike. Other errors (a value the schema
    refuses, a missing table) are bugs and pass through unchanged. Nested inside another
    transaction it is a savepoint: the outer one decides.
    """
    try:
        with db.atomic():
            yield
    except DB_ERRORS as exc:
        error = save_error(exc)
        if error is None:
            raise
        raise error from None
    except UnicodeEncodeError:  # a lone surrogate (pasted from a broken file) is not text
        raise SaveError(
            "The change could not be saved because the text holds a broken character (a "
            "lone UTF-16 surrogate); remove it and try again (nothing was half-written)."
        ) from None


def run_operation(op: Callable[[], Change | Done[T]]) -> Done[T | None]:
    """Run one operation in one transaction; its result and what it changed.

    ``op`` returns a :class:`~fibrodesk.db.changes.Change` (nothing else to hand back) or
    a :class:`~fibrodesk.db.changes.Done`. Every write ``op`` makes, including those of
    the functions it calls, commits together or not at all; a disk that refuses raises a
    :class:`~fibrodesk.errors.UserError` with the sentence to show.
    """
    with transaction():
        result = op()
    if isinstance(result, Change):
        return Done(None, result)
    if not isinstance(result, Done):
        raise TypeError(f"an operation returns a Change or a Done, not {result!r}")
    return result


def _actionable(exc: BaseException) -> UserError | None:
    """The plain error behind ``exc``, looking along its chain; ``None`` for a bug."""
    return save_error(exc)


def has_entries() -> bool:
    """True when the diary holds any record a person wrote (settings do not count)."""
    return any(model.select().limit(1).exists() for model in MODELS if model.__name__ != "Setting")


def check_diary(data_dir: Path) -> list[str]:
    """Full integrity and schema check; returns plain problems, empty when sound."""
    path = diary_path(data_dir)
    if not path.exists():
        return [f"There is no diary in {data_dir}; start FibroDesk once to create one."]
    problems: list[str] = []
    try:
        version, app_id = inspect_file(path)
    except (NotADiaryError, NewerSchemaError, DamagedDiaryError, DataDirError) as exc:
        return [str(exc)]
    if version < migrations.SCHEMA_VERSION:
        problems.append(
            f"The diary uses schema {version}; open it once with FibroDesk to update it "
            f"to {migrations.SCHEMA_VERSION}."
        )
        return problems
    try:
        return problems + _full_check(path)
    except DB_ERRORS as exc:
        return [str(_damaged(path, str(exc)))]


def _full_check(path: Path) -> list[str]:
    problems: list[str] = []
    conn = read_only_connection(path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if index_only(integrity):
            problems.append(
                f"The diary {path} has an index out of step with its records "
                f"({integrity[0]}); its records are whole: start FibroDesk to rebuild the "
                f"index after a backup, or {_what_to_do(path)}."
            )
        elif integrity != ["ok"]:
            problems.append(str(_damaged(path, integrity[0])))
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(
                f"The diary has {len(fk)} records pointing at missing ones; restore a backup."
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for model in MODELS:
            table = model._meta.table_name
            if table not in tables:
                problems.append(f"The diary lacks its {table} table; restore a backup.")
                continue
            columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            missing = {f.column_name for f in model._meta.sorted_fields} - columns
            if missing:
                problems.append(
                    f"The diary's {table} table lacks {', '.join(sorted(missing))}; "
                    "restore a backup."
                )
    finally:
        conn.close()
    return problems
