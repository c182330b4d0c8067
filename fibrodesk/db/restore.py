"""Putting a backup back in place of the diary; the current diary is kept aside first.

Split from :mod:`fibrodesk.db.backup` (which makes and lists backups); no Qt here: the
command line (``fibrodesk restore``), the window (File > Backups > Restore, through
:func:`fibrodesk.db.recovery.restore_operation`) and the recovery at start share it.
"""

from __future__ import annotations

import os
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
    staged = write_verified_copy(
        backup, data_dir / f".restore-{DB_NAME}", progress=share(progress, 1, 2, _RESTORE_CANCELLED)
    )
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
