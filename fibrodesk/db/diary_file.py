"""What a diary file holds, read without changing it, without peewee, off the main thread.

:func:`read_facts` opens the file read-only through the standard ``sqlite3`` module and
notes what :func:`fibrodesk.db.database.inspect_file` needs to accept or refuse it: its
first bytes, ``user_version``, ``application_id``, whether it holds tables, and the answer
of ``PRAGMA quick_check``. It never raises: a failure is kept in the facts and turned into
a plain sentence by ``inspect_file`` on the caller's side.

The window starts this reading on a worker thread (:class:`BackgroundRead`) as soon as it
holds the diary's lock, so SQLite checks a ten-year diary (about 30 ms) while Python
builds the window: SQLite's C code runs without the interpreter lock. Nothing here imports
peewee, so the worker takes no interpreter time from the window being built.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from datetime import datetime
from pathlib import Path

from fibrodesk.core import clock

APPLICATION_ID = 0x4644534B  # "FDSK"
SQLITE_MAGIC = b"SQLite format 3\x00"


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no file behind.

    With no ``-wal`` or ``-journal`` beside it the file is the whole truth, and it is opened
    ``immutable``: SQLite then creates no ``-shm``/``-wal`` next to a file it was only
    asked to look at. Otherwise (an open diary, or one whose last session died) it is
    opened read-only in the normal way, so committed changes still in the log are seen.
    """
    path = Path(path).absolute()
    sidecars = any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal"))
    flags = "mode=ro" if sidecars else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)


class FileFacts:
    """What one reading of a diary file found.

    Attributes:
        path: the file read.
        size: its size in bytes (0 for an empty file; the rest is then unset).
        head: its first 16 bytes.
        version, app_id: ``PRAGMA user_version`` and ``PRAGMA application_id``.
        tables: how many tables it holds.
        pragmas_read: ``version``, ``app_id`` and ``tables`` were read (a ``db_error``
            came after them, from the check).
        schema: each table's name and its column names (SQLite's own tables left out),
            read with the pragmas; compared with what its ``user_version`` should hold.
        check: the lines of ``PRAGMA quick_check`` (``["ok"]`` when sound); ``None`` when
            the check was not run (not SQLite, or another program's database).
        os_error: the file could not be read at all.
        db_error: SQLite refused the file or failed while reading it.
    """

    __slots__ = (
        "path",
        "size",
        "head",
        "version",
        "app_id",
        "tables",
        "check",
        "pragmas_read",
        "schema",
        "os_error",
        "db_error",
    )

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.size = 0
        self.head = b""
        self.version = 0
        self.app_id = 0
        self.tables = 0
        self.check: list[str] | None = None
        self.pragmas_read = False
        self.schema: dict[str, frozenset[str]] = {}
        self.os_error: OSError | None = None
        self.db_error: sqlite3.Error | None = None

    def foreign(self) -> bool:
        """Another program's database: marked as someone else's, or unmarked with tables."""
        return self.app_id not in (0, APPLICATION_ID) or (self.app_id == 0 and self.tables > 0)

    def ours_by_tables(self) -> bool:
        """Unmarked, but holding FibroDesk's own tables: a diary whose header was damaged."""
        return {"entry", "pain_mark", "check_in"} <= set(self.schema)


def read_facts(path: Path) -> FileFacts:
    """Read what :class:`FileFacts` describes; never raises, never writes."""
    facts = FileFacts(path)
    try:
        info = facts.path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(
                21 if stat.S_ISDIR(info.st_mode) else 22,
                "it is a folder" if stat.S_ISDIR(info.st_mode) else "it is not a regular file",
            )
        facts.size = info.st_size
        if facts.size == 0:
            return facts
        with facts.path.open("rb") as fh:
            facts.head = fh.read(16)
    except OSError as exc:
        facts.os_error = exc
        return facts
    if facts.head != SQLITE_MAGIC:
        return facts
    try:
        conn = read_only_connection(facts.path)
        try:
            facts.version = conn.execute("PRAGMA user_version").fetchone()[0]
            facts.app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            facts.tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            facts.schema = read_schema(conn)
            facts.pragmas_read = True
            if not facts.foreign() or facts.ours_by_tables():
                facts.check = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        facts.db_error = exc
    return facts


def read_schema(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Each table's column names, SQLite's own tables (``sqlite_sequence``...) left out."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(row[1] for row in conn.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def schema_problem(found: dict[str, frozenset[str]], expected: dict[str, frozenset[str]]) -> str:
    """What differs between a diary's tables and those of its schema version, in words;
    empty when they match."""
    missing = sorted(set(expected) - set(found))
    if missing:
        return f"it lacks its {', '.join(missing[:3])} table{'s' if len(missing) > 1 else ''}"
    unknown = sorted(set(found) - set(expected))
    if unknown:
        return f"it holds tables FibroDesk does not know ({', '.join(unknown[:3])})"
    for table in sorted(expected):
        lacks = sorted(expected[table] - found[table])
        if lacks:
            return f"its {table} table lacks {', '.join(lacks[:3])}"
        extra = sorted(found[table] - expected[table])
        if extra:
            return f"its {table} table has columns FibroDesk does not know ({', '.join(extra[:3])})"
    return ""


_INDEX_PROBLEM = re.compile(r"(row \d+ missing from index |wrong # of entries in index )\S+")


def index_only(lines: list[str]) -> bool:
    """True when every problem ``integrity_check`` found is an index out of step with its
    table: the records are whole, and rebuilding the indexes (``REINDEX``) mends it."""
    return lines != ["ok"] and bool(lines) and all(_INDEX_PROBLEM.fullmatch(x) for x in lines)


# -- files beside the diary ---------------------------------------------------------------

SIDECARS = ("-wal", "-shm", "-journal")


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename, a new file) to disk; quietly, where it cannot."""
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


def aside_path(diary: Path, kind: str, now: datetime | None = None) -> Path:
    """A free dated name beside ``diary`` for a file set aside as ``kind``."""
    stamp = (now or clock.now().replace(tzinfo=None)).strftime("%Y%m%d-%H%M%S")
    base = diary.with_name(f"{diary.name}.{kind}-{stamp}")
    candidate, n = base, 2
    while any(os.path.lexists(f"{candidate}{s}") for s in ("", *SIDECARS)):
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate


def set_aside(diary: Path, kind: str = "damaged", *, now: datetime | None = None) -> Path:
    """Rename ``diary`` (and its ``-wal``, ``-shm``, ``-journal``) aside; returns the new name.

    Renaming within the folder changes no byte. The main file goes first: should the
    process die between the renames, a left-over ``-wal`` with no diary beside it is moved
    away by :func:`fibrodesk.db.database.open_diary` before a new diary is created.
    """
    diary = Path(diary)
    target = aside_path(diary, kind, now)
    os.rename(diary, target)
    for suffix in SIDECARS:
        side = Path(f"{diary}{suffix}")
        if os.path.lexists(side):
            os.rename(side, Path(f"{target}{suffix}"))
    fsync_dir(diary.parent)
    return target


class BackgroundRead:
    """:func:`read_facts` of one file on a worker thread; :meth:`facts` waits for it.

    The caller must hold the diary's lock from before the reading starts until it uses
    the facts, so the file cannot change in between.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._facts: FileFacts | None = None
        self._thread = threading.Thread(target=self._run, name="fibrodesk-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._facts = read_facts(self.path)

    def facts(self) -> FileFacts:
        self._thread.join()
        assert self._facts is not None
        return self._facts
