"""The backups beside a diary, read without changing them: their names, what each holds,
the newest sound one, which automatic ones to keep, and what to advise when the diary
itself cannot be opened. Writing, thinning and restoring are in :mod:`fibrodesk.db.backup`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from fibrodesk.errors import UserError
from fibrodesk.paths import BACKUP_DIR, DB_NAME

from .diary_file import read_only_connection
from .inspection import inspect_file

BACKUP_PREFIX = "fibrodesk-"
BACKUP_SUFFIX = ".sqlite3"
AUTO_PREFIX = "auto"  # reasons of automatic (thinnable) backups start with it
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    rf"^{re.escape(BACKUP_PREFIX)}(\d{{8}}-\d{{6}})-([A-Za-z0-9-]+){re.escape(BACKUP_SUFFIX)}$"
)

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


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip() and "***" not in line]
    return lines[0] if lines else str(text).strip()


def backup_name(made_at: datetime, reason: str) -> str:
    return f"{BACKUP_PREFIX}{made_at.strftime(STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"


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
            conn = read_only_connection(path)
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
