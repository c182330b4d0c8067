"""Is this file a sound FibroDesk diary? Read without changing it, answered in a sentence.

:func:`inspect_file` judges a reading of the file (:mod:`fibrodesk.db.diary_file`): not
SQLite, another program's, written by a newer FibroDesk, failing its check, a schema
version missing or tables not those of its version. What to advise (the newest sound
backup to restore) and whether backups lie beside it come from a :class:`Beside` given by
the caller (:func:`fibrodesk.db.backup.beside`), so this module needs nothing above it:
backups are checked with it, and the diary is opened after it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Protocol

from fibrodesk.errors import (
    DamagedDiaryError,
    DataDirError,
    NewerSchemaError,
    NotADiaryError,
    SaveError,
    UserError,
)
from fibrodesk.paths import disk_full

from . import migrations
from .diary_file import APPLICATION_ID, SQLITE_MAGIC, FileFacts, read_facts, schema_problem
from .migrations import expected_schema


class Beside(Protocol):
    """What lies beside a file being inspected."""

    def backups(self) -> bool:
        """True when backups of a diary are beside it (an empty file is then damage)."""
        ...

    def advice(self) -> str:
        """The end of a refusal's sentence: which backup to restore, or what to do."""
        ...


class Nothing:
    """A file with nothing beside it (a backup, another file being checked)."""

    def backups(self) -> bool:
        return False

    def advice(self) -> str:
        return "choose another file"


def first_line(text: object) -> str:
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip() and "***" not in ln]
    return lines[0] if lines else str(text).strip()


def damaged(path: Path, detail: str, advice: str) -> DamagedDiaryError:
    return DamagedDiaryError(
        f"The diary {path} is damaged ({first_line(detail)}) and was left as it is; {advice}."
    )


def not_ours(path: Path, detail: str, advice: str) -> NotADiaryError:
    return NotADiaryError(
        f"{path} is not a FibroDesk diary ({detail}) and was left as it is; "
        f"{advice}, or choose another folder with --data-dir."
    )


_FOLDER_CODES = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR)


def unreadable(path: Path, exc: sqlite3.Error, advice: str) -> UserError:
    """The sentence for SQLite failing to read a diary: a folder problem, or damage (told
    by SQLite's primary result code)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (*_FOLDER_CODES, sqlite3.SQLITE_FULL):
        if code & 0xFF == sqlite3.SQLITE_FULL or disk_full(Path(path).parent):
            return SaveError(
                f"The diary {path} cannot be opened because the disk is full; free some "
                "disk space and start again."
            )
        return DataDirError(
            f"The diary {path} cannot be read ({exc}); check the folder's permissions "
            "or choose another with --data-dir."
        )
    return damaged(path, str(exc), advice)


def inspect_file(
    path: Path, facts: FileFacts | None = None, beside: Beside | None = None
) -> tuple[int, int]:
    """Return ``(user_version, application_id)`` of a diary file without changing it.

    Raises :class:`NotADiaryError`, :class:`NewerSchemaError` or
    :class:`DamagedDiaryError` with a plain sentence (:class:`DataDirError` when the file
    cannot be read at all). A zero-byte file, or a database with no tables at all, is
    ``(0, 0)``, a new diary, only when no backup of a diary is beside it; with backups it
    is damage, and the backup is offered. A diary whose schema version is missing (0) or
    whose tables and columns are not those of its version is damaged too. ``facts`` is a
    reading of the same file already made (:mod:`fibrodesk.db.diary_file`, on the
    window's worker thread); without it the file is read here.
    """
    path = Path(path)
    near = beside if beside is not None else Nothing()
    if facts is None:
        facts = read_facts(path)
    if facts.os_error is not None:
        raise DataDirError(
            f"The diary {path} cannot be read ({facts.os_error.strerror}); check its "
            "permissions or choose another folder with --data-dir."
        ) from None
    if facts.size == 0:
        if near.backups():
            raise damaged(path, "the file is empty, 0 bytes", near.advice())
        return 0, 0
    if facts.head != SQLITE_MAGIC:
        raise not_ours(path, "it is not a database file", near.advice())
    if facts.db_error is not None and not facts.pragmas_read:
        raise unreadable(path, facts.db_error, near.advice())
    if facts.foreign() and not facts.ours_by_tables():
        raise not_ours(path, "it is another program's database", near.advice())
    if facts.version > migrations.SCHEMA_VERSION:
        raise NewerSchemaError(
            f"This diary was written by a newer version of FibroDesk (schema {facts.version}, "
            f"this version knows {migrations.SCHEMA_VERSION}); it was left as it is, so install "
            "the newer version to open it."
        )
    if facts.db_error is not None:
        raise unreadable(path, facts.db_error, near.advice())
    rows = facts.check or []
    if rows != ["ok"]:
        raise damaged(path, rows[0] if rows else "no answer to its check", near.advice())
    if facts.version == 0:
        if facts.schema or facts.app_id == APPLICATION_ID:
            raise damaged(path, "its schema version is missing", near.advice())
        if near.backups():
            raise damaged(path, "it holds no tables", near.advice())
        return 0, 0
    problem = schema_problem(facts.schema, expected_schema(facts.version))
    if problem:
        raise damaged(
            path, f"its tables are not those of schema {facts.version}: {problem}", near.advice()
        )
    return facts.version, facts.app_id
