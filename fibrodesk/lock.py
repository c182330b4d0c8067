"""The diary's lock: one FibroDesk process writes a diary at a time.

Qt's ``QLockFile`` holds it (PID, host, and the system's own ``flock`` while it runs); this
module adds what Qt does not: a lock file that cannot be a live lock (empty, garbage, a
folder, a link) is taken over, and a refusal says what holds the diary (a window, an
import...). No Qt at import time: the command line pays for QtCore only when it locks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fibrodesk.errors import DataDirError, DiaryLockedError
from fibrodesk.paths import LOCK_NAME, ensure_data_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile


HOLDER_WORDS = {"import": "an import", "demo": "a sample being written", "restore": "a restore"}


def _holder(pid: int) -> str:
    """What the FibroDesk holding the lock is doing, from its command line where the system
    shows it (``/proc``): ``an import``, ``a restore``..., else ``a window``."""
    try:
        argv = Path(f"/proc/{int(pid)}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return "a window"
    words = [a.decode("utf-8", "replace") for a in argv]
    for word in words[1:]:
        if word in HOLDER_WORDS:
            return HOLDER_WORDS[word]
    return "a window"


def locked_message(data_dir: Path, info: object) -> str:
    """The sentence for a diary another FibroDesk holds: which diary folder, who holds it
    (a window, an import...) and what to do; never a process number, which tells a
    person nothing (issue 13 point 7).

    ``info`` is what ``QLockFile.getLockInfo()`` gives in PySide6: ``(ok, pid, hostname,
    appname)`` or ``(pid, hostname, appname)``.
    """
    pid, host = (info[-3], info[-2]) if isinstance(info, tuple) and len(info) >= 3 else (0, "")
    doing = _holder(pid) if isinstance(pid, int) and pid > 0 else "a window"
    from PySide6.QtCore import QSysInfo

    elsewhere = bool(host) and host != QSysInfo.machineHostName()
    if elsewhere:
        return (
            f"The diary in {data_dir} is already open in FibroDesk on another computer "
            f"({host}); close FibroDesk there, then try again here."
        )
    if doing != "a window":
        return (
            f"Another FibroDesk command is using the diary in {data_dir}: {doing}; wait for "
            "it to finish, then try again."
        )
    return (
        f"The diary in {data_dir} is already open in another FibroDesk window; switch to "
        "that window (look for FibroDesk in your taskbar or window list), or close it and "
        "start FibroDesk again."
    )


def clear_unusable_lock(path: Path) -> str | None:
    """Remove a lock file that cannot be a live FibroDesk's lock; returns what it was.

    A live FibroDesk's lock (Qt's ``QLockFile``) is a regular file holding its process
    id, kept under the system's own file lock (``flock``) while it runs. A folder or a
    symbolic link in its place, or a file with no process id in it (empty, garbage, a
    process 0), is taken away once no process holds that file lock: the same test that
    tells a dead holder from a live one. A file Qt can read is left to Qt, which takes
    over the lock of a dead process itself.
    """
    import os
    import stat

    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.rmdir(path)
        except OSError:
            from fibrodesk.db.diary_file import set_aside

            set_aside(path, "stale")
        return "a folder"
    if not stat.S_ISREG(info.st_mode):
        os.unlink(path)  # a symbolic link (never followed) or a FIFO, a device...
        return "not a file"
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        head = os.read(fd, 64).split(b"\n", 1)[0].strip()
        if head.isdigit() and int(head) > 0:
            return None  # Qt reads it, and judges whether its process still runs
        try:
            import fcntl
        except ImportError:  # Windows: Qt's own lock rules alone
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None  # held: a FibroDesk is starting and has not written its id yet
        os.unlink(path)
        return "unreadable"
    finally:
        os.close(fd)


def acquire_lock(data_dir: Path) -> QLockFile:
    """Hold the diary for this process; a lock left by a killed process is taken over.

    QLockFile records the holder's PID and host; when that process no longer runs, the
    lock is stale and ``tryLock`` removes it. The time-based stale rule is switched off so
    a long session is never mistaken for a dead one. A lock file that holds no process id
    (empty, garbage) or a folder in its place is treated as stale once no process holds
    it (:func:`clear_unusable_lock`).
    """
    from PySide6.QtCore import QLockFile

    ensure_data_dir(data_dir)
    try:
        clear_unusable_lock(data_dir / LOCK_NAME)
    except OSError as exc:
        raise DataDirError(
            f"The lock file {data_dir / LOCK_NAME} is not a lock and cannot be removed "
            f"({exc.strerror}); remove it yourself, then start again."
        ) from None
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise DiaryLockedError(locked_message(data_dir, lock.getLockInfo()))
        from fibrodesk.paths import disk_full

        if disk_full(data_dir):
            raise DataDirError(
                f"The diary in {data_dir} cannot be locked because the disk is full; free "
                "some disk space, then try again."
            )
        raise DataDirError(
            f"The data folder {data_dir} cannot be written, so the diary cannot be locked; "
            "check its permissions or choose another with --data-dir."
        )
    return lock
