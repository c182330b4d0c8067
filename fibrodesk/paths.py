"""Where the diary lives: ``--data-dir``, else ``$FIBRODESK_DATA_DIR``, else the platform's
application-data folder (contract.md). No Qt, so the command line stays light."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from fibrodesk.errors import DataDirError

DB_NAME = "fibrodesk.sqlite3"
BACKUP_DIR = "backups"
LOCK_NAME = "fibrodesk.lock"


def default_data_dir() -> Path:
    """The platform's per-user application-data folder for FibroDesk."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
        return base / "FibroDesk"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "FibroDesk"
    base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "fibrodesk"


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """The data folder chosen by the option, the environment or the platform."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("FIBRODESK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder owner-only (0700) if needed and check it can be written.

    An existing data folder (and its ``backups/``) that others may read is tightened to
    0700 when it belongs to this user; one that belongs to someone else is left alone.
    """
    if path.exists() and not path.is_dir():
        raise DataDirError(
            f"{path} is a file, not a folder; give --data-dir the folder that holds (or will "
            "hold) the diary."
        )
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(
            f"The data folder {path} cannot be created ({exc.strerror}); "
            "choose another with --data-dir."
        ) from None
    if not path.is_dir():
        raise DataDirError(f"{path} is not a folder; choose a data folder with --data-dir.")
    if not os.access(path, os.R_OK | os.X_OK):
        raise DataDirError(
            f"The data folder {path} cannot be read; check its permissions or choose "
            "another with --data-dir."
        )
    for folder in (path, path / BACKUP_DIR):
        if not tighten(folder) and _loose_and_foreign(folder) and folder not in _TOLD:
            _TOLD.add(folder)
            print(
                f"Note: {folder} can be read by others and is not yours, so FibroDesk left "
                "its permissions as they are; ask its owner to make it private (chmod 700).",
                file=sys.stderr,
            )
    return path


_TOLD: set[Path] = set()
"""Folders whose loose permissions were already told in this run (told once)."""


def _loose_and_foreign(folder: Path) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and bool(info.st_mode & 0o077)
        and hasattr(os, "getuid")
        and info.st_uid != os.getuid()
    )


def tighten(folder: Path) -> bool:
    """Make one of our folders owner-only (0700); True when its permissions were changed."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not info.st_mode & 0o077:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False  # not ours: never change someone else's folder
    try:
        os.chmod(folder, 0o700)
    except OSError:
        return False
    return True


def cache_dir() -> Path:
    """The user's cache folder for FibroDesk (the bug log goes there, never to /tmp)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "FibroDesk" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "FibroDesk"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "fibrodesk"


def disk_full(folder: Path, margin: int = 256 * 1024) -> bool:
    """True when the disk holding ``folder`` has (almost) no room left: a failure to
    write or open there is then told as a full disk, not as a permission problem."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False
