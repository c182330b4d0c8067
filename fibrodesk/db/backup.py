"""Verified backups of the diary through SQLite's online backup API, made without asking.

A backup is never a copy of the live file (a copy taken mid-write can be torn): SQLite's
backup API reads a consistent snapshot, the copy is written under a temporary name,
integrity-checked, flushed to disk and only then renamed into place, owner-only (0600).

When backups are made:

* at start and at exit of the window (and every 30 minutes while it stays open), when the
  diary changed since the newest backup and that backup is at least 30 minutes old
  (:func:`auto_backup`). "Changed" is decided by the caller's count of rows this session
  wrote (``sqlite3``'s ``total_changes``, see :func:`fibrodesk.db.database.change_count`)
  or, when that says nothing (at start, after a crash), by comparing a *fingerprint* of
  the diary with one of the newest backup: every record's id and ``updated_at``, plus the
  small settings table in full (:func:`diary_fingerprint`);
* always before a migration (:func:`fibrodesk.db.database.open_diary`);
* when the person asks (``fibrodesk backup``, File > Backups > Back up now);
* before a restore, of the diary being replaced.

Automatic backups are thinned (:func:`choose_backups_to_keep`, a pure function): every
one of the last 2 days, then the newest of each day for 14 days, of each week for
8 weeks, of each month for 24 months and of each year for ever; the newest and the one
just made are never deleted. Backups made by hand, before a migration or before a
restore are never deleted automatically.

File names carry the time and the reason: ``fibrodesk-20261121-101500-auto-start.sqlite3``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Collection
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from fibrodesk.core import clock
from fibrodesk.errors import SaveError
from fibrodesk.paths import DB_NAME, disk_full
from fibrodesk.progress import Cancelled, Progress

from .backup_list import (
    AUTO_PREFIX,
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    RETENTION,
    STAMP_FORMAT,
    BackupInfo,
    Retention,
    _first_line,
    backup_dir,
    backup_files,
    backup_name,
    beside,
    choose_backups_to_keep,
    list_backups,
    missing_sentence,
    newest_sound_backup,
    parse_backup_name,
    read_backup,
    when,
)
from .diary_file import fsync_dir, read_only_connection

__all__ = [
    "AUTO_PREFIX",
    "BACKUP_PREFIX",
    "BACKUP_SUFFIX",
    "RETENTION",
    "STAMP_FORMAT",
    "BackupInfo",
    "Retention",
    "backup_dir",
    "backup_files",
    "backup_name",
    "beside",
    "choose_backups_to_keep",
    "list_backups",
    "missing_sentence",
    "newest_sound_backup",
    "parse_backup_name",
    "read_backup",
    "when",
]

BACKUP_INTERVAL = timedelta(minutes=30)
_STALE_PART = timedelta(hours=1)


def backup_due(last_made: datetime | None, now: datetime, changed: bool) -> bool:
    """An automatic backup is due when the diary changed and the last is 30 minutes old."""
    if not changed:
        return False
    return last_made is None or now - last_made >= BACKUP_INTERVAL


# -- writing a backup -------------------------------------------------------------------


def write_verified_copy(
    source: Path, target: Path, *, reindex: bool = False, progress: Progress | None = None
) -> Path:
    """Copy the SQLite database ``source`` to ``target`` consistently and verify it.

    The copy is made under a temporary name beside ``target``; an integrity check must pass
    before it is flushed and renamed into place, so ``target`` is either the old file or a
    whole, sound copy, never a torn one. Raises :class:`SaveError` when it cannot be made.
    With ``reindex`` the copy's indexes are rebuilt from its records before the check (a
    diary whose only damage is in an index, :func:`fibrodesk.db.recovery.repair_indexes`).
    ``progress(done, total)`` is told the pages copied; when it returns False the copy
    stops, its unfinished file is removed and :class:`~fibrodesk.progress.Cancelled` is
    raised.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    try:
        if not target.parent.is_dir():
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)  # SQLite would replay a stale -journal into it
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        if Path(source).name == DB_NAME and os.access(Path(source).parent, os.W_OK):
            # The live diary: take SQLite's read lock, so a FibroDesk window opening it
            # meanwhile cannot change pages under the copy.
            src = sqlite3.connect(f"{Path(source).absolute().as_uri()}?mode=ro", uri=True)
        else:
            src = read_only_connection(source)  # any other file is only looked at
        dst = sqlite3.connect(tmp)
        try:
            if progress is None:
                src.backup(dst)
            else:
                src.backup(dst, pages=_PAGES, progress=partial(_copied, progress))
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
            if reindex:
                dst.execute("REINDEX")
                dst.commit()
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise SaveError(
                f"The backup failed its check ({_first_line(result)}); the diary itself may "
                "be damaged, so run 'fibrodesk check'."
            )
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise SaveError(
            f"The backup could not be written to {target.parent} ({exc.strerror or exc}); "
            "free some disk space or choose another place."
        ) from None
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        # By SQLite's code: a full disk is SQLITE_FULL, or an I/O error on a disk with (almost)
        # no room left (tmpfs says EIO, not ENOSPC, when a write runs out of space).
        full = code == sqlite3.SQLITE_FULL or (
            code == sqlite3.SQLITE_IOERR and disk_full(target.parent)
        )
        _unlink_quietly(tmp)
        text = str(exc)
        if full or "full" in text.lower():
            raise SaveError(
                f"The backup could not be written to {target.parent} (the disk is full); "
                "free some disk space and try again."
            ) from None
        raise SaveError(
            f"The backup could not be made ({text}); run 'fibrodesk check' on the diary."
        ) from None
    except BaseException:  # a SaveError, a cancel: no unfinished copy stays behind
        _unlink_quietly(tmp)
        raise
    return target


_PAGES = 256
"""Pages copied between two progress reports (1 MB of a 4 KB-page diary)."""


def _copied(progress: Progress, status: int, remaining: int, total: int) -> None:
    if not progress(total - remaining, total):
        raise Cancelled("The backup was cancelled; nothing was written.")


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def unique_path(path: Path) -> Path:
    """``path`` itself when free, else the same name with ``-2``, ``-3``... before the suffix."""
    if not path.exists():
        return path
    stem, suffix = path.name[: -len(path.suffix)] if path.suffix else path.name, path.suffix
    n = 2
    while True:
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def backup_now(
    data_dir: Path,
    *,
    reason: str = "manual",
    out: Path | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Make a verified backup of the diary in ``data_dir``; returns the backup's path.

    Without ``out`` the backup goes to ``backups/`` under a dated name that never replaces
    another backup. With ``out`` (a file, or a folder to put it in) a file that is not a
    FibroDesk diary or backup is never overwritten, nor the live diary itself.
    """
    data_dir = Path(data_dir)
    source = data_dir / DB_NAME
    if not source.exists():
        raise SaveError(f"There is no diary in {data_dir} to back up; check --data-dir.")
    made_at = now or clock.now().replace(tzinfo=None)
    if out is None:
        target = unique_path(backup_dir(data_dir) / backup_name(made_at, reason))
    else:
        target = Path(out).expanduser()
        if target.is_dir():
            target = unique_path(target / backup_name(made_at, reason))
        elif target.exists():
            _check_overwritable(target, source)
    return write_verified_copy(source, target, progress=progress)


def _check_overwritable(target: Path, source: Path) -> None:
    """Refuse to put a backup over the live diary or over a file that is not ours."""
    from .diary_file import APPLICATION_ID

    try:
        if target.samefile(source):
            raise SaveError(
                f"{target} is the diary itself; give the backup another name with --out."
            )
    except OSError:
        pass
    ours = False
    try:
        with target.open("rb") as fh:
            head = fh.read(72)
        ours = head.startswith(b"SQLite format 3\x00") and (
            int.from_bytes(head[68:72], "big") == APPLICATION_ID
        )
    except OSError:
        pass
    if not ours:
        raise SaveError(
            f"{target} already exists and is not a FibroDesk backup; choose another name "
            "with --out so that it is not overwritten."
        )


# -- when to back up, and which backups to keep ----------------------------------------------


def thin_backups(
    data_dir: Path, *, now: datetime | None = None, protect: Collection[Path] = ()
) -> list[Path]:
    """Delete the automatic backups :func:`choose_backups_to_keep` lets go; returns them.

    Only automatic backups are considered. Unfinished copies left by a crash more than an
    hour ago are removed too.
    """
    now = now or clock.now().replace(tzinfo=None)
    automatic = {
        path: made
        for path, made, reason in backup_files(data_dir)
        if reason.startswith(AUTO_PREFIX)
    }
    protected = {Path(p) for p in protect}
    keep = choose_backups_to_keep(automatic, now, protect=protected)
    deleted: list[Path] = []
    for path in automatic:
        if path in keep:
            continue
        try:
            path.unlink()
            deleted.append(path)
        except OSError:
            pass
    clean_unfinished(data_dir)
    return deleted


def clean_unfinished(data_dir: Path) -> list[Path]:
    """Remove what killed backups left in ``backups/``: hidden ``.part`` copies and their
    ``-journal``/``-wal``/``-shm``, once more than an hour old (a backup running in another
    process is younger). Returns what was removed."""
    removed: list[Path] = []
    try:
        leftovers = [
            p
            for p in backup_dir(data_dir).glob(".*.part*")
            if p.name.endswith((".part", ".part-journal", ".part-wal", ".part-shm"))
        ]
    except OSError:
        return removed
    for part in leftovers:
        try:
            if time.time() - part.lstat().st_mtime > _STALE_PART.total_seconds():
                part.unlink()
                removed.append(part)
        except OSError:
            pass
    return removed


def diary_fingerprint(path: Path) -> str:
    """A digest that changes when the diary's content changes (read-only, no Qt).

    Every record carries an id and an ``updated_at`` that every save sets, so the digest
    covers, per table, each ``(id, updated_at)`` pair: an addition, a deletion or an edit
    changes it. A table without ``updated_at`` (the small settings table) is read whole.
    An edit made without touching ``updated_at`` is missed here; the window also counts the
    rows its own session wrote (``changed`` in :func:`auto_backup`).

    The pairs are joined inside SQLite (``group_concat`` in key order), so the work runs
    in C and mostly outside Python's lock: the window runs this on a worker thread while
    the person uses it.
    """
    digest = hashlib.sha256()
    conn = read_only_connection(path)
    try:
        digest.update(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            if {"id", "updated_at"} <= set(columns):
                picked = "quote(id) || ' ' || quote(updated_at)"
                order = "id"
            else:
                picked = " || ' ' || ".join(f'quote("{c}")' for c in columns) or "''"
                order = "1"
            (joined,) = conn.execute(
                f"SELECT group_concat(line, char(10)) FROM "
                f'(SELECT {picked} AS line FROM "{table}" ORDER BY {order})'
            ).fetchone()
            digest.update(f"\x00{table}\x00".encode())
            digest.update((joined or "").encode())
    finally:
        conn.close()
    return digest.hexdigest()


def _is_empty(path: Path) -> bool:
    conn = read_only_connection(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return not any(
            conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() for table in tables
        )
    finally:
        conn.close()


def auto_backup(
    data_dir: Path,
    *,
    reason: str = "start",
    changed: bool | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Back up the diary automatically when it is due; returns the new backup, if any.

    Due means: the newest backup is at least 30 minutes old (or there is none), and the
    diary changed since then: as the caller knows it (``changed`` True or False, e.g. the
    window's own count of rows written), or, when the caller cannot know (``None``, at
    start), as the fingerprints of the diary and of the newest backup say. An empty new diary needs no
    backup. Afterwards old automatic backups are thinned. Raises :class:`SaveError` when
    the backup cannot be written (the diary itself is untouched).
    """
    data_dir = Path(data_dir)
    diary = data_dir / DB_NAME
    now = now or clock.now().replace(tzinfo=None)
    clean_unfinished(data_dir)
    files = backup_files(data_dir)
    newest = files[0] if files else None
    if newest is not None and now - newest[1] < BACKUP_INTERVAL:
        return None
    try:
        if changed is None:
            if newest is None:
                changed = not _is_empty(diary)
            else:
                try:
                    changed = diary_fingerprint(diary) != diary_fingerprint(newest[0])
                except sqlite3.Error:
                    changed = True  # the newest backup is unreadable: make a sound one
    except sqlite3.Error as exc:
        raise SaveError(
            f"The automatic backup could not read the diary ({_first_line(str(exc))}); "
            "run 'fibrodesk check'."
        ) from None
    if not backup_due(newest[1] if newest else None, now, changed):
        return None
    made = backup_now(data_dir, reason=f"{AUTO_PREFIX}-{reason}", now=now)
    thin_backups(data_dir, now=now, protect=[made])
    return made
