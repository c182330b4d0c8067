"""Verified backups of the diary through SQLite's online backup API.

A backup is never a copy of the live file (a copy taken mid-write can be torn): SQLite's
backup API reads a consistent snapshot, the copy is written under a temporary name,
integrity-checked, flushed to disk and only then renamed into place, owner-only.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from fibrodesk.errors import SaveError
from fibrodesk.paths import BACKUP_DIR, DB_NAME

BACKUP_PREFIX = "fibrodesk-"
BACKUP_SUFFIX = ".sqlite3"


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_verified_copy(source: Path, target: Path) -> Path:
    """Copy the SQLite database ``source`` to ``target`` consistently and verify it.

    The copy is made under a temporary name beside ``target``; an integrity check must pass
    before it is renamed into place. Raises :class:`SaveError` when it cannot be written.
    """
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise SaveError(
                f"The backup failed its check ({result}); the diary itself may be damaged. "
                "Run 'fibrodesk check'."
            )
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(
            f"The backup could not be written to {target.parent} ({exc.strerror or exc}); "
            "free some disk space or choose another place."
        ) from None
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(
            f"The backup could not be made ({exc}); run 'fibrodesk check' on the diary."
        ) from None
    return target


def backup_now(data_dir: Path, *, reason: str = "manual", out: Path | None = None) -> Path:
    """Make a verified backup of the diary in ``data_dir``; returns the backup's path."""
    source = Path(data_dir) / DB_NAME
    if out is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = backup_dir(data_dir) / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    return write_verified_copy(source, Path(out))


def restore_backup(data_dir: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the diary; the current diary is kept aside first.

    The backup is checked before anything changes. Returns where the replaced diary was
    kept. The diary must not be open in this process.
    """
    from .database import inspect_file

    data_dir = Path(data_dir)
    backup = Path(backup)
    if not backup.is_file():
        raise SaveError(f"There is no backup file at {backup}; check the path.")
    inspect_file(backup)  # refuses another program's file, a newer schema, damage
    live = data_dir / DB_NAME
    kept = live
    if live.exists() and live.stat().st_size > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = write_verified_copy(live, backup_dir(data_dir) / f"{BACKUP_PREFIX}{stamp}-replaced{BACKUP_SUFFIX}")
    staged = write_verified_copy(backup, data_dir / f".restore-{DB_NAME}")
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(staged, live)
    _fsync_dir(data_dir)
    return kept
