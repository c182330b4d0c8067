"""The diary's schema versions: the frozen scripts, the steps between them, and what tables
and columns each version holds. Below every other db module that reads a diary file, so
checking a file (:mod:`fibrodesk.db.inspection`) and backing it up need nothing above."""

from __future__ import annotations

import functools
import re
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


_DOSE = re.compile(r"\s*(\d{1,6}(?:[.,]\d{1,4})?)\s*([a-zA-Z\u00b5]{1,12})\.?\s*")

DOSE_UNITS = {
    "mg": "mg",
    "g": "g",
    "mcg": "mcg",
    "\u00b5g": "mcg",
    "ug": "mcg",
    "ml": "ml",
    "drop": "drops",
    "drops": "drops",
    "tablet": "tablet",
    "tablets": "tablet",
    "tab": "tablet",
    "tabs": "tablet",
    "capsule": "capsule",
    "capsules": "capsule",
    "puff": "puffs",
    "puffs": "puffs",
    "iu": "IU",
    "units": "units",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
}
"""The units a free-text dose plainly names, and the word the diary keeps for each."""


def parse_dose(text: str) -> tuple[float, str] | None:
    """``(amount, unit)`` when ``text`` is plainly one dose ("500 mg", "2 tablets",
    "20 min", "0,5 ml"), else ``None`` ("1-2 tablets", "as needed", "500 mg twice")."""
    found = _DOSE.fullmatch(text)
    if found is None:
        return None
    unit = DOSE_UNITS.get(found[2].lower())
    amount = float(found[1].replace(",", "."))
    if unit is None or amount <= 0:
        return None
    return amount, unit


def _parse_treatment_doses(database: peewee.SqliteDatabase) -> None:
    """Schema 3's Python step: a treatment's free-text dose that is plainly one amount and
    unit also fills ``amount`` and ``unit``; the text itself is kept as it was."""
    rows = database.execute_sql(
        "SELECT id, dose FROM treatment WHERE dose != '' AND amount IS NULL"
    ).fetchall()
    for treatment_id, dose in rows:
        parsed = parse_dose(dose)
        if parsed is not None:
            database.execute_sql(
                "UPDATE treatment SET amount = ?, unit = ? WHERE id = ?",
                (parsed[0], parsed[1], treatment_id),
            )


def _v3(database: peewee.SqliteDatabase) -> None:
    _run_script(3)(database)
    _parse_treatment_doses(database)


# MIGRATIONS[n] brings a diary from version n-1 to n. A released step never changes.
MIGRATIONS: dict[int, Callable[[peewee.SqliteDatabase], None]] = {
    1: _run_script(1),
    2: _run_script(2),  # for_doctor on notes, pacing revisions, skip reasons, PGIC
    3: _v3,  # issue 15: treatments, doses, side effects, tags, weather, period starts
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
