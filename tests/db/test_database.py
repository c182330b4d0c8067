"""Opening, pragmas, migrations and the frozen copies of released schemas."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from fibrodesk.db import database, migrations
from fibrodesk.db.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    check_diary,
    close_diary,
    open_diary,
)
from fibrodesk.db.models import MODELS, CheckIn, PainMark, db
from fibrodesk.errors import NewerSchemaError

FIXTURES = Path(__file__).parent / "fixtures"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_diary_is_private_and_set_up(data_dir):
    path = open_diary(data_dir)
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == SCHEMA_VERSION
    finally:
        close_diary()
    assert check_diary(data_dir) == []


def test_models_describe_the_newest_schema(diary):
    """The frozen schema scripts and the model classes never drift apart."""
    for model in MODELS:
        table = model._meta.table_name
        columns = {r[1] for r in db.execute_sql(f'PRAGMA table_info("{table}")')}
        assert columns == {f.column_name for f in model._meta.sorted_fields}, table


def _load_fixture(version: int, target: Path) -> Path:
    target.mkdir(mode=0o700, parents=True)
    path = target / "fibrodesk.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"diary_v{version}.sql").read_text("utf-8"))
    conn.close()
    return path


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_each_released_schema_opens_with_its_data(tmp_path, version):
    """A diary frozen at every released schema still opens, with every record intact."""
    path = _load_fixture(version, tmp_path / "old")
    open_diary(tmp_path / "old")
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        marks = {(p.region, p.intensity) for p in PainMark.select()}
        assert marks == {("knee_inner_left", 7), ("calf_right", 0)}
        assert CheckIn.get().note == "=SUM(A1) stays text"
    finally:
        close_diary()
    assert check_diary(tmp_path / "old") == []
    assert path.exists()


def test_migration_carries_data_across_a_schema_change(tmp_path, monkeypatch):
    """A new schema step runs once, in one transaction, after a backup, and keeps data."""
    _load_fixture(1, tmp_path / "d")
    step = SCHEMA_VERSION + 1

    def next_step(database_):
        database_.execute_sql("ALTER TABLE check_in ADD COLUMN energy INTEGER")
        database_.execute_sql("UPDATE check_in SET energy = 10 - fatigue")

    monkeypatch.setitem(database.MIGRATIONS, step, next_step)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step)
    open_diary(tmp_path / "d")
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == step
        assert db.execute_sql("SELECT note, energy FROM check_in").fetchone() == (
            "=SUM(A1) stays text",
            6,
        )
        assert PainMark.select().count() == 2
    finally:
        close_diary()
    backups = list((tmp_path / "d" / "backups").glob("*before-migration-v1*"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_failed_migration_leaves_the_diary_as_it_was(tmp_path, monkeypatch):
    path = _load_fixture(1, tmp_path / "d")
    step = SCHEMA_VERSION + 1

    def broken(database_):
        database_.execute_sql("ALTER TABLE check_in ADD COLUMN energy INTEGER")
        raise RuntimeError("bug in migration")

    monkeypatch.setitem(database.MIGRATIONS, step, broken)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step)
    with pytest.raises(RuntimeError):
        open_diary(tmp_path / "d")
    close_diary()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "energy" not in {r[1] for r in conn.execute("PRAGMA table_info(check_in)")}
    assert "for_doctor" not in {r[1] for r in conn.execute("PRAGMA table_info(check_in)")}
    conn.close()


def _rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}
    conn.close()
    return rows


def test_v1_diary_migrates_to_v2_with_every_value_intact(tmp_path, monkeypatch):
    """Schema 2 only adds: each v1 row keeps every value, new columns take their defaults.
    (Schema 3's step is tests/db/test_migration_v3.py.)"""
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    path = _load_fixture(1, tmp_path / "d")
    before = _rows(path)
    open_diary(tmp_path / "d")
    close_diary()
    after = _rows(path)
    assert set(after) == set(before) | {"pgic"}
    assert after["pgic"] == []
    added = {"entry": (0,), "check_in": (0,)}  # for_doctor defaults to 0
    for table, rows in before.items():
        extra = added.get(table, ())
        assert after[table] == sorted(row + extra for row in rows), table


def test_v2_fixture_reads_its_new_fields(tmp_path):
    from fibrodesk.db.models import ExerciseSession, PacingDecision, Pgic

    _load_fixture(2, tmp_path / "d")
    open_diary(tmp_path / "d")
    try:
        assert CheckIn.get().for_doctor is True
        assert ExerciseSession.get().skip_reason == "pain"
        assert PacingDecision.get().revision.startswith("revised: a flare")
        assert (Pgic.get().date, Pgic.get().answer) == ("2026-03-30", 3)
    finally:
        close_diary()


def test_newer_schema_is_refused_untouched(data_dir):
    path = open_diary(data_dir)
    close_diary()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = _sha(path)
    with pytest.raises(NewerSchemaError, match="newer version of FibroDesk"):
        open_diary(data_dir)
    assert _sha(path) == before


def test_opening_the_open_diary_again_checks_it_only_once(data_dir, monkeypatch):
    """The window's start opens the diary to check it, then builds on it: one quick_check."""
    open_diary(data_dir)
    try:
        calls = []
        monkeypatch.setattr(
            database,
            "inspect_file",
            lambda path, facts=None: calls.append(path) or (SCHEMA_VERSION, 0),
        )
        assert open_diary(data_dir) == database.diary_path(data_dir)
        assert calls == []
        close_diary()
        open_diary(data_dir)  # closed in between: checked again
        assert len(calls) == 1
    finally:
        close_diary()
