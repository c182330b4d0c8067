"""Open, check and migrate the diary file.

One SQLite file per data folder, opened through the module-level peewee database
:data:`fibrodesk.db.models.db`. Opening a diary:

1. creates the folder 0700 and the file 0600 *before* SQLite first touches it;
2. reads the header read-only: a file that is not SQLite, belongs to another program,
   was written by a newer FibroDesk or fails ``quick_check`` is refused untouched;
3. sets the pragmas (WAL, ``synchronous=FULL``, foreign keys);
4. runs pending migrations inside one transaction, after a verified backup.

The schema version lives in ``PRAGMA user_version``; the file is marked as ours with
``PRAGMA application_id``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources as ilr
from pathlib import Path

import peewee

from fibrodesk.errors import (
    DamagedDiaryError,
    NewerSchemaError,
    NotADiaryError,
    SaveError,
)
from fibrodesk.paths import DB_NAME, ensure_data_dir

from .models import MODELS, db

APPLICATION_ID = 0x4644534B  # "FDSK"
SQLITE_MAGIC = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a committed entry survives a power cut
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,
}


def _schema_script(version: int) -> str:
    return (ilr.files("fibrodesk.db") / "schema" / f"v{version}.sql").read_text("utf-8")


def _run_script(version: int) -> Callable[[peewee.SqliteDatabase], None]:
    def migrate(database: peewee.SqliteDatabase) -> None:
        for statement in _schema_script(version).split(";\n"):
            body = "\n".join(
                line for line in statement.splitlines() if not line.startswith("--")
            ).strip()
            if body:
                database.execute_sql(body)

    return migrate


# MIGRATIONS[n] brings a diary from version n-1 to n. A released step never changes.
MIGRATIONS: dict[int, Callable[[peewee.SqliteDatabase], None]] = {
    1: _run_script(1),
}
SCHEMA_VERSION = max(MIGRATIONS)


def diary_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, before SQLite opens it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def inspect_file(path: Path) -> tuple[int, int]:
    """Return ``(user_version, application_id)`` of a diary file without changing it.

    Raises :class:`NotADiaryError`, :class:`NewerSchemaError` or
    :class:`DamagedDiaryError` with a plain sentence.
    """
    size = path.stat().st_size
    if size == 0:
        return 0, 0
    with path.open("rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise NotADiaryError(
            f"{path} is not a FibroDesk diary (it is not a database file); "
            "move it away or restore a backup with 'fibrodesk restore'."
        )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
                raise NotADiaryError(
                    f"{path} is another program's database, not a FibroDesk diary; "
                    "move it away or choose another folder with --data-dir."
                )
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(
                    f"This diary was written by a newer version of FibroDesk (schema {version}, "
                    f"this version knows {SCHEMA_VERSION}); install the newer version to open it."
                )
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDiaryError(
            f"The diary {path} is damaged ({exc}); restore a backup with 'fibrodesk restore'."
        ) from None
    if result != "ok":
        raise DamagedDiaryError(
            f"The diary {path} is damaged ({result}); restore a backup with 'fibrodesk restore'."
        )
    return version, app_id


def open_diary(data_dir: Path, *, migrate: bool = True) -> Path:
    """Open (creating if needed) the diary in ``data_dir`` and bring it up to date.

    Returns the diary file's path. The module-level ``db`` is bound to it.
    """
    data_dir = ensure_data_dir(Path(data_dir))
    path = diary_path(data_dir)
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as exc:
            raise SaveError(
                f"The diary cannot be created in {data_dir} ({exc.strerror}); "
                "check the folder or choose another with --data-dir."
            ) from None
    version, _app_id = inspect_file(path)
    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        raise DamagedDiaryError(
            f"The diary {path} cannot be opened ({exc}); restore a backup with 'fibrodesk restore'."
        ) from None
    if migrate and version < SCHEMA_VERSION:
        if version > 0:
            from .backup import backup_now

            backup_now(data_dir, reason=f"before-migration-v{version}")
        migrate_database(db, version)
    return path


def migrate_database(database: peewee.SqliteDatabase, version: int) -> None:
    """Run every pending migration in one transaction: all of them, or none."""
    with database.atomic():
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](database)
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def close_diary() -> None:
    if not db.is_closed():
        db.close()


@contextmanager
def transaction() -> Iterator[None]:
    """One all-or-nothing change; a disk that refuses the write becomes a SaveError."""
    try:
        with db.atomic():
            yield
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        text = str(exc).lower()
        if "full" in text or "readonly" in text or "read-only" in text or "disk i/o" in text:
            raise SaveError(
                f"The change could not be saved ({exc}); free some disk space or check the "
                "data folder's permissions, then try again. Nothing was half-written."
            ) from None
        raise


def has_entries() -> bool:
    """True when the diary holds any record a person wrote (settings do not count)."""
    return any(model.select().limit(1).exists() for model in MODELS if model.__name__ != "Setting")


def check_diary(data_dir: Path) -> list[str]:
    """Full integrity and schema check; returns plain problems, empty when sound."""
    path = diary_path(data_dir)
    if not path.exists():
        return [f"There is no diary in {data_dir}; start FibroDesk once to create one."]
    problems: list[str] = []
    try:
        version, app_id = inspect_file(path)
    except (NotADiaryError, NewerSchemaError, DamagedDiaryError) as exc:
        return [str(exc)]
    if version < SCHEMA_VERSION:
        problems.append(
            f"The diary uses schema {version}; open it once with FibroDesk to update it "
            f"to {SCHEMA_VERSION}."
        )
        return problems
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(
                f"The diary is damaged ({'; '.join(integrity[:3])}); restore a backup with "
                "'fibrodesk restore'."
            )
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(
                f"The diary has {len(fk)} records pointing at missing ones; restore a backup."
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for model in MODELS:
            table = model._meta.table_name
            if table not in tables:
                problems.append(f"The diary lacks its {table} table; restore a backup.")
                continue
            columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            missing = {f.column_name for f in model._meta.sorted_fields} - columns
            if missing:
                problems.append(
                    f"The diary's {table} table lacks {', '.join(sorted(missing))}; "
                    "restore a backup."
                )
    finally:
        conn.close()
    return problems
