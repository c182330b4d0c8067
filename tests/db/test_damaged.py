"""Damaged and foreign files where the diary should be: one sentence each, and the file
left byte for byte as it was (the damaged kinds are set aside intact when the window
starts and the person chooses to go on)."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fibrodesk.app import main
from fibrodesk.db import diary_file, inspection
from fibrodesk.db.backup import backup_now
from fibrodesk.db.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    close_diary,
    inspect_file,
    open_diary,
)
from fibrodesk.db.diary_file import BackgroundRead
from fibrodesk.db.models import Entry
from fibrodesk.errors import DamagedDiaryError, NewerSchemaError, NotADiaryError
from fibrodesk.paths import DB_NAME
from tests.db import test_recovery
from tests.db.test_recovery import damage, folder_state, make_diary, sha

start_window = test_recovery.start_window  # the window started with its question answered


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(20_000))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def _foreign_no_id(path: Path) -> None:
    """Another program's database: tables, no application id."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipe (name) VALUES ('soup')")
    conn.commit()
    conn.close()


def _foreign_id(path: Path) -> None:
    """Another program's database carrying its own application id."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234567")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


# (name, how to spoil the diary, error class, words of the sentence, set aside as)
KINDS: list[tuple[str, Callable[[Path], None], type[Exception], str, str | None]] = [
    ("random bytes", _random_bytes, NotADiaryError, "not a FibroDesk diary", "not-a-diary"),
    ("truncated", _truncated, DamagedDiaryError, "is damaged", "damaged"),
    ("header only", _header_only, DamagedDiaryError, "is damaged", "damaged"),
    ("damaged page", damage, DamagedDiaryError, "is damaged", "damaged"),
    ("foreign, no id", _foreign_no_id, NotADiaryError, "another program's", "not-a-diary"),
    ("foreign, own id", _foreign_id, NotADiaryError, "another program's", "not-a-diary"),
    ("newer schema", _newer, NewerSchemaError, "newer version of FibroDesk", None),
]
IDS = [k[0] for k in KINDS]


def _one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def _spoiled(tmp_path: Path, spoil: Callable[[Path], None], entries: int = 40) -> Path:
    d = tmp_path / "d"
    spoil(make_diary(d, entries=entries))
    return d


@pytest.mark.parametrize("name, spoil, error, words, aside", KINDS, ids=IDS)
def test_open_diary_refuses_with_one_sentence_and_changes_nothing(
    tmp_path, name, spoil, error, words, aside
):
    d = _spoiled(tmp_path, spoil)
    before = folder_state(d)
    with pytest.raises(error) as err:
        open_diary(d)
    close_diary()
    sentence = str(err.value)
    assert words in sentence and "\n" not in sentence
    assert folder_state(d) == before


@pytest.mark.parametrize("name, spoil, error, words, aside", KINDS, ids=IDS)
def test_a_reading_made_on_the_window_thread_refuses_alike(
    tmp_path, name, spoil, error, words, aside
):
    """The window reads the diary on a worker thread while it builds itself: the refusal
    from that reading is the one a reading in place gives, sentence for sentence."""
    d = _spoiled(tmp_path, spoil)
    before = folder_state(d)
    path = d / DB_NAME
    with pytest.raises(error) as in_place:
        inspect_file(path)
    facts = BackgroundRead(path).facts()
    with pytest.raises(error) as from_thread:
        open_diary(d, facts=facts)
    close_diary()
    assert str(from_thread.value) == str(in_place.value)
    assert folder_state(d) == before


def test_a_sound_reading_from_the_thread_opens_the_diary_without_a_second_check(
    tmp_path, monkeypatch
):
    d = tmp_path / "d"
    path = make_diary(d, entries=3)
    facts = BackgroundRead(path).facts()
    assert facts.check == ["ok"] and facts.version == SCHEMA_VERSION
    monkeypatch.setattr(diary_file, "read_facts", lambda p: pytest.fail("read twice"))
    monkeypatch.setattr(inspection, "read_facts", lambda p: pytest.fail("read twice"))
    open_diary(d, facts=facts)
    try:
        assert Entry.select().count() == 3
    finally:
        close_diary()


@pytest.mark.parametrize("name, spoil, error, words, aside", KINDS, ids=IDS)
@pytest.mark.parametrize("command", [["check"], ["backup"], ["demo", "--years", "1"]])
def test_commands_refuse_with_one_sentence_and_change_nothing(
    tmp_path, capsys, command, name, spoil, error, words, aside
):
    d = _spoiled(tmp_path, spoil)
    before = folder_state(d)
    assert main([*command, "--data-dir", str(d)]) == 1
    captured = capsys.readouterr()
    assert words in _one_sentence(captured.err)
    assert captured.out == ""
    assert folder_state(d) == before


@pytest.mark.parametrize("name, spoil, error, words, aside", KINDS[:-1], ids=IDS[:-1])
def test_the_sentence_names_the_newest_sound_backup(
    tmp_path, capsys, name, spoil, error, words, aside
):
    d = tmp_path / "d"
    path = make_diary(d, entries=5)
    good = backup_now(d)
    spoil(path)
    assert main(["check", "--data-dir", str(d)]) == 1
    sentence = _one_sentence(capsys.readouterr().err)
    assert f"'fibrodesk restore {good}'" in sentence


@pytest.mark.parametrize("name, spoil, error, words, aside", KINDS[:-1], ids=IDS[:-1])
def test_window_sets_the_damaged_file_aside_intact(
    tmp_path, start_window, name, spoil, error, words, aside
):
    d = tmp_path / "d"
    path = make_diary(d, entries=5)
    backup_now(d)
    spoil(path)
    original = sha(path)
    start_window.answer = "restore"
    assert start_window(d) == 0
    (trouble,) = start_window.asked
    assert trouble.kind == aside
    (kept,) = d.glob(f"fibrodesk.sqlite3.{aside}-*[0-9]")
    assert sha(kept) == original
    assert start_window.entries == 5  # the backup is back


def test_window_refuses_a_newer_schema_untouched(tmp_path, start_window):
    d = _spoiled(tmp_path, _newer)
    before = folder_state(d)
    assert start_window(d) == 1
    assert start_window.asked == [] and not start_window.opened
    assert "newer version of FibroDesk" in start_window.told[0]
    assert folder_state(d) == before
    assert not list(d.glob("*.damaged-*")) and not list(d.glob("*.not-a-diary-*"))


def test_zero_length_file_is_treated_as_a_new_diary(tmp_path, capsys):
    """An empty file holds nothing to lose: it becomes a new, empty diary."""
    d = tmp_path / "d"
    d.mkdir(mode=0o700)
    (d / "fibrodesk.sqlite3").touch(mode=0o600)
    assert main(["check", "--data-dir", str(d)]) == 1
    assert "open it once with FibroDesk" in _one_sentence(capsys.readouterr().err)
    open_diary(d)
    try:
        assert Entry.select().count() == 0
        conn_version = Entry._meta.database.execute_sql("PRAGMA application_id").fetchone()[0]
        assert conn_version == APPLICATION_ID
    finally:
        close_diary()
    assert main(["check", "--data-dir", str(d)]) == 0


def test_zero_length_file_opens_in_the_window_without_asking(tmp_path, start_window):
    d = tmp_path / "d"
    d.mkdir(mode=0o700)
    (d / "fibrodesk.sqlite3").touch(mode=0o600)
    assert start_window(d) == 0
    assert start_window.asked == [] and start_window.entries == 0


def test_a_diary_whose_last_session_died_is_not_mistaken_for_damaged(tmp_path):
    """Committed changes still in the -wal after a crash are read, not called damage."""
    d = tmp_path / "d"
    path = open_diary(d)
    Entry.create(recorded_at="2026-11-21T09:00:00+01:00", date="2026-11-21")
    files = {s: Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm")}
    close_diary()
    for s, data in files.items():  # as a killed process leaves them
        Path(f"{path}{s}").write_bytes(data)
    assert main(["check", "--data-dir", str(d)]) == 0
    open_diary(d)
    try:
        assert Entry.select().count() == 1
    finally:
        close_diary()


def test_a_folder_where_the_diary_should_be(tmp_path, capsys):
    d = tmp_path / "d"
    (d / "fibrodesk.sqlite3").mkdir(parents=True)
    assert main(["check", "--data-dir", str(d)]) == 1
    assert "cannot be read" in _one_sentence(capsys.readouterr().err)
    assert (d / "fibrodesk.sqlite3").is_dir()


def test_unreadable_diary_file(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root reads every file; permissions cannot be tested as root")
    d = tmp_path / "d"
    path = make_diary(d)
    path.chmod(0o000)
    try:
        assert main(["check", "--data-dir", str(d)]) == 1
        assert "cannot be read" in _one_sentence(capsys.readouterr().err)
    finally:
        path.chmod(0o600)
