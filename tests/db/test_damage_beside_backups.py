"""A diary that is empty, schema-less, unversioned or of the wrong shape beside good backups
is damage: the window asks the recovery question, ``export`` and ``check`` refuse with the
backup to restore, and nothing becomes a new, empty diary (issue 14 point 1)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fibrodesk.db.backup import backup_now
from fibrodesk.db.models import Entry
from fibrodesk.paths import DB_NAME
from tests.db import test_recovery
from tests.db.test_recovery import folder_state, make_diary, sha

start_window = test_recovery.start_window

ROOT = Path(__file__).resolve().parents[2]


def fibrodesk(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line, as a person runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "fibrodesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _no_tables(path: Path) -> None:
    path.unlink()
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    with path.open("r+b"):
        pass
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")  # a real SQLite file with no table in it
    conn.commit()
    conn.close()


def _version_zero(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()


def _version_and_id_zero(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()


def _column_dropped(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE check_in DROP COLUMN note")
    conn.commit()
    conn.close()


def _table_dropped(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE fiqr_response")
    conn.commit()
    conn.close()


SPOILS: list[tuple[str, Callable[[Path], None], str]] = [
    ("zero bytes", _zero_bytes, "the file is empty, 0 bytes"),
    ("no tables", _no_tables, "it holds no tables"),
    ("user_version 0", _version_zero, "its schema version is missing"),
    ("user_version and id 0", _version_and_id_zero, "its schema version is missing"),
    ("a column missing", _column_dropped, "its check_in table lacks note"),
    ("a table missing", _table_dropped, "it lacks its fiqr_response table"),
]


def _beside_backup(tmp_path: Path, spoil: Callable[[Path], None]) -> Path:
    d = tmp_path / "d"
    path = make_diary(d, entries=7)
    backup_now(d)
    spoil(path)
    return d


@pytest.mark.parametrize(("name", "spoil", "cause"), SPOILS, ids=[s[0] for s in SPOILS])
def test_check_and_export_refuse_and_name_the_backup(tmp_path, name, spoil, cause):
    d = _beside_backup(tmp_path, spoil)
    before = folder_state(d)
    checked = fibrodesk("check", "--data-dir", str(d))
    assert checked.returncode == 1
    assert "is damaged (" in checked.stderr and cause in checked.stderr
    assert "fibrodesk restore" in checked.stderr and "Traceback" not in checked.stderr
    out = tmp_path / "out.json"
    exported = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
    assert exported.returncode == 1, exported.stdout
    assert cause in exported.stderr and "fibrodesk restore" in exported.stderr
    assert not out.exists()
    assert folder_state(d) == before  # not even a -wal: nothing was opened for writing


@pytest.mark.parametrize(("name", "spoil", "cause"), SPOILS, ids=[s[0] for s in SPOILS])
def test_window_asks_and_restores_the_backup(tmp_path, start_window, name, spoil, cause):
    d = _beside_backup(tmp_path, spoil)
    spoiled = sha(d / DB_NAME)
    start_window.answer = "restore"
    assert start_window(d) == 0
    (trouble,) = start_window.asked
    assert trouble.kind == "damaged" and cause in trouble.sentence
    assert start_window.entries == 7  # the backup's entries, not a new empty diary
    (kept,) = d.glob("fibrodesk.sqlite3.damaged-*[0-9]")
    assert sha(kept) == spoiled
    assert "was put back" in start_window.banner


def test_window_quit_at_the_question_leaves_every_file(tmp_path, start_window):
    d = _beside_backup(tmp_path, _zero_bytes)
    before = folder_state(d)
    start_window.answer = "quit"
    assert start_window(d) == 1
    assert len(start_window.asked) == 1
    assert folder_state(d) == before


def test_a_new_diary_only_where_there_is_no_file_and_no_backup(tmp_path):
    d = tmp_path / "fresh"
    assert fibrodesk("check", "--data-dir", str(d)).returncode == 1  # nothing yet
    out = tmp_path / "e.json"
    made = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
    assert made.returncode == 0, made.stderr
    assert (d / DB_NAME).stat().st_size > 0
    assert fibrodesk("check", "--data-dir", str(d)).returncode == 0


def test_a_missing_diary_beside_backups_is_not_silently_made_new(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=4)
    backup_now(d)
    path.unlink()
    before = folder_state(d)
    out = tmp_path / "e.json"
    made = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
    assert made.returncode == 1
    assert "There is no diary in" in made.stderr and "fibrodesk restore" in made.stderr
    assert folder_state(d) == before and not (d / DB_NAME).exists()


def test_the_window_still_begins_anew_when_the_person_chooses(tmp_path, start_window):
    d = _beside_backup(tmp_path, _zero_bytes)
    start_window.answer = "new"
    assert start_window(d) == 0
    assert start_window.entries == 0 and Entry.select().count() == 0
    assert list(d.glob("fibrodesk.sqlite3.damaged-*"))
