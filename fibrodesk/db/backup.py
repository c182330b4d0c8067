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
import re
import sqlite3
import time
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from fibrodesk.errors import (
    DamagedDiaryError,
    NewerSchemaError,
    NotADiaryError,
    SaveError,
    UserError,
)
from fibrodesk.paths import BACKUP_DIR, DB_NAME

from .diary_file import fsync_dir
from .inspection import inspect_file

BACKUP_PREFIX = "fibrodesk-"
BACKUP_SUFFIX = ".sqlite3"
AUTO_PREFIX = "auto"  # reasons of automatic (thinnable) backups start with it
BACKUP_INTERVAL = timedelta(minutes=30)
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    rf"^{re.escape(BACKUP_PREFIX)}(\d{{8}}-\d{{6}})-([A-Za-z0-9-]+){re.escape(BACKUP_SUFFIX)}$"
)
_STALE_PART = timedelta(hours=1)

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Retention:
    """How many automatic backups survive thinning; see :func:`choose_backups_to_keep`."""

    recent_days: int = 2
    daily: int = 14
    weekly: int = 8
    monthly: int = 24
    yearly: bool = True


RETENTION = Retention()


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _read_only(path: Path) -> sqlite3.Connection:
    from .diary_file import read_only_connection

    return read_only_connection(path)


# -- writing a backup -------------------------------------------------------------------


def write_verified_copy(source: Path, target: Path, *, reindex: bool = False) -> Path:
    """Copy the SQLite database ``source`` to ``target`` consistently and verify it.

    The copy is made under a temporary name beside ``target``; an integrity check must pass
    before it is flushed and renamed into place, so ``target`` is either the old file or a
    whole, sound copy, never a torn one. Raises :class:`SaveError` when it cannot be made.
    With ``reindex`` the copy's indexes are rebuilt from its records before the check (a
    diary whose only damage is in an index, :func:`fibrodesk.db.recovery.repair_indexes`).
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
            src = _read_only(source)  # any other file is only looked at
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
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
        _unlink_quietly(tmp)
        text = str(exc)
        if "full" in text.lower():
            raise SaveError(
                f"The backup could not be written to {target.parent} (the disk is full); "
                "free some disk space and try again."
            ) from None
        raise SaveError(
            f"The backup could not be made ({text}); run 'fibrodesk check' on the diary."
        ) from None
    except SaveError:
        _unlink_quietly(tmp)
        raise
    return target


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip() and "***" not in line]
    return lines[0] if lines else str(text).strip()


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


def backup_name(made_at: datetime, reason: str) -> str:
    return f"{BACKUP_PREFIX}{made_at.strftime(STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"


def backup_now(
    data_dir: Path,
    *,
    reason: str = "manual",
    out: Path | None = None,
    now: datetime | None = None,
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
    made_at = now or datetime.now()
    if out is None:
        target = unique_path(backup_dir(data_dir) / backup_name(made_at, reason))
    else:
        target = Path(out).expanduser()
        if target.is_dir():
            target = unique_path(target / backup_name(made_at, reason))
        elif target.exists():
            _check_overwritable(target, source)
    return write_verified_copy(source, target)


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


# -- reading backups --------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds, read without changing it.

    Attributes:
        path: the file.
        made_at: when it was made (local time, from its name; else its modification time).
        reason: why (``auto-start``, ``manual``, ``before-migration-v1``...).
        size: bytes.
        entries, checkins, sessions: how many body-map entries, daily check-ins and
            exercise sessions it holds; ``None`` when unreadable.
        last_day: the latest day with an entry or a check-in (``YYYY-MM-DD``), if any.
        problem: a plain sentence when the file cannot be read as a diary.
    """

    path: Path
    made_at: datetime
    reason: str
    size: int
    entries: int | None = None
    checkins: int | None = None
    sessions: int | None = None
    last_day: str | None = None
    problem: str | None = None

    @property
    def automatic(self) -> bool:
        return self.reason.startswith(AUTO_PREFIX)

    @property
    def kind(self) -> str:
        """Why the backup exists, in plain words."""
        if self.automatic:
            return "Automatic"
        if self.reason.startswith("manual"):
            return "Made by you"
        if self.reason.startswith("before-migration"):
            return "Before an update"
        if self.reason.startswith("before-restore"):
            return "Diary before a restore"
        return "Other"

    @property
    def holds(self) -> str:
        """``'1,203 entries, 400 check-ins, 80 exercise sessions'`` (or the problem)."""
        if self.problem:
            return self.problem
        return (
            f"{_count(self.entries, 'entry', 'entries')}, "
            f"{_count(self.checkins, 'check-in', 'check-ins')}, "
            f"{_count(self.sessions, 'exercise session', 'exercise sessions')}"
        )


def _count(n: int | None, one: str, many: str) -> str:
    if n is None:
        return f"? {many}"
    return f"{n:,} {one if n == 1 else many}"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """``(made_at, reason)`` from a backup's file name, or ``None`` for another name."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), STAMP_FORMAT), match.group(2)
    except ValueError:
        return None


def backup_files(data_dir: Path) -> list[tuple[Path, datetime, str]]:
    """``(path, made_at, reason)`` of every backup in ``backups/``, newest first.

    Only names are read. Unfinished copies (hidden ``.part`` files) are not backups.
    """
    folder = backup_dir(data_dir)
    found: list[tuple[Path, datetime, str]] = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    for child in children:
        if child.name.startswith(".") or not child.name.endswith(BACKUP_SUFFIX):
            continue
        if not child.is_file():
            continue
        parsed = parse_backup_name(child.name)
        if parsed is None:
            try:
                made = datetime.fromtimestamp(child.stat().st_mtime).replace(microsecond=0)
            except OSError:
                continue
            parsed = (made, "other")
        found.append((child, *parsed))
    found.sort(key=lambda item: (item[1], item[0].name), reverse=True)
    return found


def read_backup(path: Path, made_at: datetime | None = None, reason: str = "other") -> BackupInfo:
    """What the backup at ``path`` holds, read read-only; a problem becomes a sentence."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        size = 0
        problem: str | None = f"cannot be read ({exc.strerror})"
    else:
        problem = None
    if made_at is None:
        parsed = parse_backup_name(path.name)
        if parsed:
            made_at, reason = parsed
        else:
            try:
                made_at = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            except OSError:
                made_at = datetime.fromtimestamp(0)
    counts: dict[str, int] = {}
    last_day: str | None = None
    if problem is None:
        try:
            with path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise sqlite3.DatabaseError("file is not a database")
            conn = _read_only(path)
            try:
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                for key, table in (
                    ("entries", "entry"),
                    ("checkins", "check_in"),
                    ("sessions", "exercise_session"),
                ):
                    if table in tables:
                        counts[key] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                days = [
                    conn.execute(f'SELECT max(date) FROM "{t}"').fetchone()[0]
                    for t in ("entry", "check_in")
                    if t in tables
                ]
                last_day = max((d for d in days if d), default=None)
                if "entry" not in tables:
                    problem = "not a FibroDesk diary"
            finally:
                conn.close()
        except (sqlite3.Error, OSError) as exc:
            problem = f"cannot be read ({_first_line(str(exc))})"
    return BackupInfo(
        path=path,
        made_at=made_at,
        reason=reason,
        size=size,
        entries=counts.get("entries"),
        checkins=counts.get("checkins"),
        sessions=counts.get("sessions"),
        last_day=last_day,
        problem=problem,
    )


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in ``backups/``, newest first, with its date, size and contents."""
    return [read_backup(path, made, reason) for path, made, reason in backup_files(data_dir)]


def newest_sound_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that passes SQLite's check and is a FibroDesk diary."""
    for path, made, reason in backup_files(data_dir):
        try:
            inspect_file(path)
        except (UserError, OSError, sqlite3.Error):
            continue  # an unreadable or newer backup is skipped, never fatal
        info = read_backup(path, made, reason)
        if info.problem is None:
            return info
    return None


# -- when to back up, and which backups to keep ----------------------------------------------


def backup_due(last_made: datetime | None, now: datetime, changed: bool) -> bool:
    """An automatic backup is due when the diary changed and the last is 30 minutes old."""
    if not changed:
        return False
    return last_made is None or now - last_made >= BACKUP_INTERVAL


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def choose_backups_to_keep(
    backups: Mapping[K, datetime],
    now: datetime,
    *,
    protect: Collection[K] = (),
    retention: Retention = RETENTION,
) -> set[K]:
    """Which automatic backups to keep (a pure function of their times and now).

    Kept: every backup of the last ``recent_days`` days; the newest backup of each of the
    last ``daily`` calendar days, ``weekly`` weeks (Monday to Sunday), ``monthly`` months;
    the newest of every year when ``yearly``; the newest backup of all; every key in
    ``protect`` (one just made); and any dated in the future (a clock set wrong is no reason
    to delete). The rest may be deleted.
    """
    keep: set[K] = {key for key in protect if key in backups}
    if not backups:
        return keep
    keep.add(max(backups, key=lambda key: backups[key]))
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    buckets: dict[tuple[str, int], tuple[datetime, K]] = {}

    def offer(bucket: tuple[str, int], key: K, made: datetime) -> None:
        best = buckets.get(bucket)
        if best is None or made > best[0]:
            buckets[bucket] = (made, key)

    for key, made in backups.items():
        if made > now:
            keep.add(key)
            continue
        if now - made < timedelta(days=retention.recent_days):
            keep.add(key)
        day = made.date()
        days_ago = (today - day).days
        if days_ago < retention.daily:
            offer(("day", day.toordinal()), key, made)
        weeks_ago = (this_monday - (day - timedelta(days=day.weekday()))).days // 7
        if weeks_ago < retention.weekly:
            offer(("week", weeks_ago), key, made)
        months_ago = _month_index(today) - _month_index(day)
        if months_ago < retention.monthly:
            offer(("month", months_ago), key, made)
        if retention.yearly:
            offer(("year", day.year), key, made)
    keep.update(key for _made, key in buckets.values())
    return keep


def thin_backups(
    data_dir: Path, *, now: datetime | None = None, protect: Collection[Path] = ()
) -> list[Path]:
    """Delete the automatic backups :func:`choose_backups_to_keep` lets go; returns them.

    Only automatic backups are considered. Unfinished copies left by a crash more than an
    hour ago are removed too.
    """
    now = now or datetime.now()
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
    conn = _read_only(path)
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
    conn = _read_only(path)
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
    now = now or datetime.now()
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


# -- restoring --------------------------------------------------------------------------


def restore_backup(data_dir: Path, backup: Path, *, now: datetime | None = None) -> Path | None:
    """Put ``backup`` in place of the diary; the current diary is kept aside first.

    The backup is checked before anything changes. A sound current diary is kept as a
    verified backup (``...-before-restore.sqlite3``, listed with the others); one that is
    damaged or not a diary is renamed aside untouched, with its ``-wal`` and ``-shm``
    (see :func:`fibrodesk.db.recovery.set_aside`). Returns where it was kept, or ``None``
    when there was no diary. The diary must not be open in this process.
    """
    from .diary_file import set_aside

    data_dir = Path(data_dir)
    backup = Path(backup).expanduser()
    live = data_dir / DB_NAME
    if not backup.is_file():
        raise SaveError(f"There is no backup file at {backup}; check the path.")
    try:
        if live.exists() and backup.samefile(live):
            raise SaveError(
                f"{backup} is the diary itself, not a backup; choose a file in {backup_dir(data_dir)}."
            )
    except OSError:
        pass
    try:
        inspect_file(backup)
    except NotADiaryError:
        raise NotADiaryError(
            f"{backup} is not a FibroDesk backup; choose another file, such as one in "
            f"{backup_dir(data_dir)}."
        ) from None
    except DamagedDiaryError:
        raise DamagedDiaryError(
            f"The backup {backup} is damaged; choose an older one in {backup_dir(data_dir)}."
        ) from None
    made_at = now or datetime.now()
    kept: Path | None = None
    aside_as: str | None = None  # when set, the diary is renamed aside exactly as it is
    if live.exists():
        try:
            inspect_file(live, beside=beside(live))
        except NotADiaryError:
            aside_as = "not-a-diary"
        except DamagedDiaryError:
            aside_as = "damaged"
        except NewerSchemaError:
            pass  # written by a newer FibroDesk: still copied whole
        if aside_as is None:
            try:
                kept = write_verified_copy(
                    live, unique_path(backup_dir(data_dir) / backup_name(made_at, "before-restore"))
                )
            except SaveError:
                aside_as = "replaced"  # no sound copy could be made: keep the file itself
    staged = write_verified_copy(backup, data_dir / f".restore-{DB_NAME}")
    try:
        if aside_as is not None:
            kept = set_aside(live, aside_as, now=made_at)
        for suffix in ("-wal", "-shm"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(staged, live)
        fsync_dir(data_dir)
    except OSError as exc:
        _unlink_quietly(staged)
        raise SaveError(
            f"The backup could not be put in place in {data_dir} ({exc.strerror}); "
            "check the folder's permissions and free space."
        ) from None
    return kept


# -- what lies beside a diary, for the sentences of a refusal ------------------------------


def when(made_at: datetime) -> str:
    """A time in plain words: ``21 November 2026, 10:15``."""
    return f"{made_at.day} {made_at:%B %Y, %H:%M}"


class _Beside:
    """The backups beside a diary file (:class:`fibrodesk.db.inspection.Beside`)."""

    def __init__(self, diary: Path) -> None:
        self.diary = Path(diary)

    def backups(self) -> bool:
        return self.diary.name == DB_NAME and bool(backup_files(self.diary.parent))

    def advice(self) -> str:
        if self.diary.name != DB_NAME:  # a backup or another file being checked
            return "choose another file"
        backup = newest_sound_backup(self.diary.parent)
        if backup is None:
            return (
                "there is no backup of it, so keep the file and start FibroDesk to begin a "
                "new diary beside it"
            )
        return (
            f"restore the newest sound backup, from {when(backup.made_at)}, with "
            f"'fibrodesk restore {backup.path}', or start FibroDesk to be offered it"
        )


def beside(diary: Path) -> _Beside:
    """What lies beside the diary file ``diary``: its backups, and the one to restore."""
    return _Beside(diary)


def missing_sentence(data_dir: Path, backup: BackupInfo | None) -> str:
    """The refusal for a diary file gone from a folder that holds backups of one."""
    if backup is None:
        return (
            f"There is no diary in {data_dir}, though there are backups of one (none of them "
            "sound); choose one in File > Backups, or move backups/ away to begin a new diary."
        )
    return (
        f"There is no diary in {data_dir}, though there are backups of one; restore "
        f"the newest with 'fibrodesk restore {backup.path}'."
    )
