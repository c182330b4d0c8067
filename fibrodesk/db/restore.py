"""Putting a backup back in place of the diary; the current diary is kept aside first.

Split from :mod:`fibrodesk.db.backup` (which makes and lists backups); no Qt here: the
command line (``fibrodesk restore``), the window (File > Backups > Restore, through
:func:`fibrodesk.db.recovery.restore_operation`) and the recovery at start share it.

A restore is two steps. :func:`stage_restore` is the long one: it checks the backup,
keeps a verified copy of the current diary in ``backups/`` and copies the backup, checked,
into a hidden file beside the diary, reporting progress; it changes nothing, so it runs
while the diary is still open (the window does it on a worker thread, with Cancel), and a
cancel or a failure removes both copies: the diary and the list of backups are as they
were. :func:`put_in_place` is the quick one, a rename, made with the diary closed.
:func:`restore_backup` does both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fibrodesk.core import clock
from fibrodesk.errors import DamagedDiaryError, NewerSchemaError, NotADiaryError, SaveError
from fibrodesk.paths import DB_NAME
from fibrodesk.progress import Progress, share

from .backup import _unlink_quietly, unique_path, write_verified_copy
from .backup_list import backup_dir, backup_name, beside
from .diary_file import fsync_dir
from .inspection import inspect_file

_RESTORE_CANCELLED = "The restore was cancelled; the diary was left exactly as it was."


@dataclass(frozen=True)
class StagedRestore:
    """A backup copied and checked beside the diary, ready to take its place; nothing
    has changed yet (:func:`stage_restore`).

    Attributes:
        data_dir: the data folder.
        backup: the backup chosen.
        staged: its verified copy, a hidden file beside the diary.
        kept: the verified copy of the current diary in ``backups/``
            (``...-before-restore.sqlite3``), or None (no diary, or one renamed aside).
        aside_as: when set, the diary is renamed aside untouched under this word
            (``damaged``, ``not-a-diary``, ``replaced``) instead of being copied.
        made_at: the time in the names.
    """

    data_dir: Path
    backup: Path
    staged: Path
    kept: Path | None
    aside_as: str | None
    made_at: datetime


def restore_backup(
    data_dir: Path, backup: Path, *, now: datetime | None = None, progress: Progress | None = None
) -> Path | None:
    """Put ``backup`` in place of the diary; the current diary is kept aside first.

    The backup is checked before anything changes. A sound current diary is kept as a
    verified backup (``...-before-restore.sqlite3``, listed with the others); one that is
    damaged or not a diary is renamed aside untouched, with its ``-wal`` and ``-shm``
    (see :func:`fibrodesk.db.recovery.set_aside`). Returns where it was kept, or ``None``
    when there was no diary. The diary must not be open in this process.

    ``progress`` hears of the two copies (the diary kept, the backup staged); a cancel
    during either raises :class:`~fibrodesk.progress.Cancelled` before anything is
    replaced: the diary is as it was.
    """
    return put_in_place(stage_restore(data_dir, backup, now=now, progress=progress))


def stage_restore(
    data_dir: Path, backup: Path, *, now: datetime | None = None, progress: Progress | None = None
) -> StagedRestore:
    """The long part of a restore, which changes nothing: the backup checked, the current
    diary kept as a verified backup, the backup copied and checked beside the diary.

    The diary may be open meanwhile (it is only read, through SQLite's backup API).
    ``progress`` hears of the two copies; a cancel raises
    :class:`~fibrodesk.progress.Cancelled`, and a cancel or any failure removes what was
    copied so far. Hand the result to :func:`put_in_place`, or to :func:`discard`.
    """
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
    made_at = now or clock.now().replace(tzinfo=None)
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
                    live,
                    unique_path(backup_dir(data_dir) / backup_name(made_at, "before-restore")),
                    progress=share(progress, 0, 2, _RESTORE_CANCELLED),
                )
            except SaveError:
                aside_as = "replaced"  # no sound copy could be made: keep the file itself
    try:
        staged = write_verified_copy(
            backup,
            data_dir / f".restore-{DB_NAME}",
            progress=share(progress, 1, 2, _RESTORE_CANCELLED),
        )
    except BaseException:  # a cancel, a failure: the list of backups as it was too
        if kept is not None:
            _unlink_quietly(kept)
        raise
    return StagedRestore(data_dir, backup, staged, kept, aside_as, made_at)


def put_in_place(staged: StagedRestore, *, keep_again: bool = False) -> Path | None:
    """The quick part of a restore: the staged copy renamed into the diary's place (the
    diary renamed aside first when :attr:`StagedRestore.aside_as` says so). Returns where
    the diary replaced was kept, or None. The diary must be closed.

    With ``keep_again`` (the diary was written after :func:`stage_restore` kept it), the
    kept copy is made again first, so it holds the diary as it was replaced; if it cannot
    be, nothing is replaced and both copies are removed.
    """
    from .diary_file import set_aside

    data_dir = staged.data_dir
    live = data_dir / DB_NAME
    kept = staged.kept
    if keep_again and kept is not None:
        try:
            write_verified_copy(live, kept)
        except BaseException:
            discard(staged)
            raise
    try:
        if staged.aside_as is not None:
            kept = set_aside(live, staged.aside_as, now=staged.made_at)
        for suffix in ("-wal", "-shm"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(staged.staged, live)
        fsync_dir(data_dir)
    except OSError as exc:
        _unlink_quietly(staged.staged)
        raise SaveError(
            f"The backup could not be put in place in {data_dir} ({exc.strerror}); "
            "check the folder's permissions and free space."
        ) from None
    return kept


def discard(staged: StagedRestore) -> None:
    """Give up a staged restore: its copies are removed, the diary was never touched."""
    _unlink_quietly(staged.staged)
    if staged.kept is not None:
        _unlink_quietly(staged.kept)
