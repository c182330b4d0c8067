"""The diary's schema versions: the frozen scripts, the steps between them, and what tables
and columns each version holds. Below every other db module that reads a diary file, so
checking a file (:mod:`fibrodesk.db.inspection`) and backing it up need nothing above."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources as ilr

import peewee

from .diary_file import APPLICATION_ID, read_schema


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
    2: _run_script(2),  # for_doctor on notes, pacing revisions, skip reasons, PGIC
}
SCHEMA_VERSION = max(MIGRATIONS)


@functools.cache
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """The tables and columns a diary of schema ``version`` holds: the migrations up to it,
    run on an empty database in memory (a few milliseconds, once)."""
    memory = peewee.SqliteDatabase(":memory:")
    memory.connect()
    try:
        for step in range(1, version + 1):
            MIGRATIONS[step](memory)
        return read_schema(memory.connection())
    finally:
        memory.close()


def migrate_database(database: peewee.SqliteDatabase, version: int) -> None:
    """Run every pending migration in one transaction: all of them, or none."""
    with database.atomic():
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](database)
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
