"""What happens when the diary cannot be opened: it is kept, untouched, and a backup offered.

A diary that fails SQLite's check, or a file in its place that is not a FibroDesk diary, is
never overwritten and never repaired in place. With the person's consent (the window asks
through :class:`fibrodesk.ui.recovery_dialog.RecoveryDialog`) it is renamed aside under a
dated name, with its ``-wal`` and ``-shm``, e.g. ``fibrodesk.sqlite3.damaged-20261121-101500``
and ``fibrodesk.sqlite3.damaged-20261121-101500-wal``: renamed, not copied, so every byte
stays as it was and SQLite can still open the pair. Then the newest sound backup is put in
its place, or a new diary is started. A diary written by a newer FibroDesk is not set
aside: it is refused untouched. An empty (zero-byte) file holds nothing and is treated as
a new diary.

No Qt here: the window and the command line share these functions.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fibrodesk.core import clock
from fibrodesk.errors import DamagedDiaryError, NotADiaryError, UserError
from fibrodesk.paths import DB_NAME

from .backup import (
    BackupInfo,
    backup_dir,
    backup_name,
    missing_sentence,
    newest_sound_backup,
    unique_path,
    when,
    write_verified_copy,
)
from .changes import Change, Done
from .diary_file import SIDECARS, aside_path, index_only, read_only_connection, set_aside
from .restore import StagedRestore, put_in_place, restore_backup

__all__ = ["SIDECARS", "aside_path", "index_only", "set_aside", "when"]


@dataclass(frozen=True)
class Trouble:
    """Why the diary in a data folder cannot be opened, and what can be offered.

    Attributes:
        diary: the diary file.
        kind: ``"damaged"``, ``"not-a-diary"`` (also the word in its set-aside name) or
            ``"missing"`` (no diary file, but backups of one).
        sentence: the plain sentence of the refusal.
        backup: the newest sound backup, if there is one.
    """

    diary: Path
    kind: str
    sentence: str
    backup: BackupInfo | None

    @property
    def what(self) -> str:
        """What is wrong, in a few words: ``is damaged``, ``is not a FibroDesk diary``."""
        return {
            "damaged": "is damaged",
            "not-a-diary": "is not a FibroDesk diary",
            "missing": "is missing",
        }[self.kind]


def diagnose(data_dir: Path, error: UserError) -> Trouble:
    """Describe a refusal by :func:`~fibrodesk.db.database.open_diary` (reads only)."""
    kind = "not-a-diary" if isinstance(error, NotADiaryError) else "damaged"
    return Trouble(
        diary=Path(data_dir) / DB_NAME,
        kind=kind,
        sentence=str(error),
        backup=newest_sound_backup(data_dir),
    )


def missing_diary(data_dir: Path) -> Trouble | None:
    """A diary file gone from a folder that holds backups of one (moved, deleted, synced
    away): rather than start an empty diary without a word, the window offers the backup."""
    diary = Path(data_dir) / DB_NAME
    if diary.exists():
        return None
    backup = newest_sound_backup(data_dir)
    if backup is None:
        return None
    return Trouble(
        diary=diary,
        kind="missing",
        sentence=missing_sentence(diary.parent, backup),
        backup=backup,
    )


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover` did.

    Attributes:
        aside: where the unreadable diary now is (``None`` when it was missing).
        restored: the backup put in its place, or ``None`` for a new, empty diary.
    """

    aside: Path | None
    restored: BackupInfo | None

    @property
    def sentence(self) -> str:
        """One sentence for the window's banner."""
        if self.aside is None:
            kept = "Your diary file was missing"
        else:
            kept = f"The diary that could not be opened is kept, untouched, as {self.aside}"
        if self.restored is None:
            return f"{kept}; this is a new, empty diary."
        return (
            f"{kept}; the backup from {when(self.restored.made_at)} was put back, so anything "
            "written after that time is not in it."
        )


def recover(
    data_dir: Path, trouble: Trouble, *, use_backup: bool, now: datetime | None = None
) -> Recovered:
    """Set the unreadable diary aside and put the newest sound backup in its place (or not).

    Nothing is deleted. With a backup, the backup is copied and checked first and the
    diary renamed aside only then (by :func:`~fibrodesk.db.backup.restore_backup`), so a
    failure leaves the diary where it was. The diary must not be open in this process;
    call :func:`~fibrodesk.db.database.open_diary` afterwards.
    """
    data_dir = Path(data_dir)
    backup = trouble.backup if use_backup else None
    try:
        if backup is not None:
            aside = restore_backup(data_dir, backup.path, now=now)
        elif trouble.kind == "missing":
            aside = None
        else:
            aside = set_aside(trouble.diary, trouble.kind, now=now)
    except OSError as exc:
        raise DamagedDiaryError(
            f"The diary {trouble.diary} {trouble.what} and could not be moved aside "
            f"({exc.strerror}); check the folder's permissions, or move it away yourself."
        ) from None
    return Recovered(aside=aside, restored=backup)


# -- damage the start check cannot see ---------------------------------------------------


def integrity_lines(path: Path) -> list[str]:
    """SQLite's full ``integrity_check`` of a diary, read-only: ``["ok"]`` when sound.

    Slower than the ``quick_check`` made at start (about 0.1 s for ten years), and the only
    one that reads every index against its table, so the window runs it on a worker thread
    once it is open.
    """
    conn = read_only_connection(Path(path))
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


@dataclass(frozen=True)
class IndexesRebuilt:
    """What :func:`repair_indexes` did: ``backup`` is the verified copy made first."""

    backup: Path

    @property
    def sentence(self) -> str:
        return (
            "The diary's indexes were rebuilt from its records and it passes its check; a "
            f"verified copy was made first, as {self.backup.name} in {self.backup.parent}."
        )


def repair_indexes(data_dir: Path, *, now: datetime | None = None) -> IndexesRebuilt:
    """Rebuild the open diary's indexes, after a verified backup of every record.

    The copy is made with SQLite's backup API, its indexes rebuilt and the whole checked,
    before the diary itself is touched; then the diary's own indexes are rebuilt in one
    transaction and checked again. Raises :class:`DamagedDiaryError` (the diary as it
    was, the backup offered) when either check fails.
    """
    from .database import transaction
    from .models import db

    data_dir = Path(data_dir)
    made = now or clock.now().replace(tzinfo=None)
    target = unique_path(backup_dir(data_dir) / backup_name(made, "before-repair"))
    try:
        backup = write_verified_copy(data_dir / DB_NAME, target, reindex=True)
    except UserError as exc:
        raise DamagedDiaryError(
            f"The diary's indexes could not be rebuilt, because no sound copy of it could be "
            f"made first ({exc}); restore a backup in File > Backups."
        ) from None
    with transaction():
        db.execute_sql("REINDEX")
    lines = [row[0] for row in db.execute_sql("PRAGMA integrity_check").fetchall()]
    if lines != ["ok"]:
        raise DamagedDiaryError(
            f"The diary is still damaged after its indexes were rebuilt ({lines[0]}); "
            f"restore the copy {backup.name} or an older backup in File > Backups."
        )
    return IndexesRebuilt(backup=backup)


# -- restoring into a running window --------------------------------------------------------


def restore_operation(
    data_dir: Path, backup: Path | StagedRestore, *, since: int | None = None
) -> Done[Path | None]:
    """Put ``backup`` back in place of the open diary: the one operation behind File >
    Backups > Restore and the repair question's "restore".

    The diary's connection is closed, the backup checked and put in place (the current
    diary kept aside first, :func:`~fibrodesk.db.restore.restore_backup`), and the diary
    opened again, brought up to date if the backup is older. Returns where the replaced
    diary was kept and :attr:`Change.EVERYTHING`. On failure the diary is open again as it
    was, and the :class:`~fibrodesk.errors.UserError` says why.

    ``backup`` may already be staged (:func:`~fibrodesk.db.restore.stage_restore`: the
    long copies, made while the diary stayed open, on a worker thread with progress and
    Cancel); then only the quick swap happens with the diary closed. ``since`` is the
    window's write count (:func:`~fibrodesk.db.database.change_count`) when the staging
    began: if the window wrote since, the diary is kept again before it is replaced.
    """
    from .database import change_count, close_diary, open_diary

    data_dir = Path(data_dir)
    keep_again = since is not None and change_count() != since
    close_diary()
    failure: UserError | None = None
    kept: Path | None = None
    try:
        if isinstance(backup, StagedRestore):
            kept = put_in_place(backup, keep_again=keep_again)
        else:
            kept = restore_backup(data_dir, Path(backup))
    except UserError as exc:
        failure = exc
    finally:
        try:
            open_diary(data_dir)
        except UserError as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    return Done(kept, Change.EVERYTHING)
