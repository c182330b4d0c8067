"""Automatic and manual backups: verified copies, when they are made, which are kept,
what each holds, and putting one back."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from fibrodesk.app import main
from fibrodesk.db import marks, migrations
from fibrodesk.db.backup import (
    BACKUP_INTERVAL,
    Retention,
    auto_backup,
    backup_dir,
    backup_due,
    backup_files,
    backup_name,
    backup_now,
    choose_backups_to_keep,
    diary_fingerprint,
    list_backups,
    newest_sound_backup,
    read_backup,
    thin_backups,
    write_verified_copy,
)
from fibrodesk.db.checkins import delete_checkin, save_checkin
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.models import CheckIn, Entry, db
from fibrodesk.db.restore import restore_backup
from fibrodesk.errors import NotADiaryError, SaveError

DAY = date(2026, 11, 20)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def _fill(entries: int = 3, checkins: int = 2) -> None:
    for i in range(entries):
        marks.create_entry(DAY - timedelta(days=i))
    for i in range(checkins):
        save_checkin(DAY - timedelta(days=i), {"overall_pain": 4, "note": f"day {i}"})


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


# -- the verified copy ------------------------------------------------------------------


def test_copy_is_taken_through_sqlite_and_holds_what_is_only_in_the_wal(diary):
    """A committed change still in the write-ahead log is in the backup: a plain copy of
    the main file would miss it."""
    db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    _fill(entries=5)
    live = diary / "fibrodesk.sqlite3"
    assert Path(f"{live}-wal").stat().st_size > 0
    plain_copy = diary / "plain.sqlite3"
    plain_copy.write_bytes(live.read_bytes())
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _count(plain_copy, "entry")  # a file copy misses even the tables
    target = write_verified_copy(live, diary / "out" / "copy.sqlite3")
    assert _count(target, "entry") == 5
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(target.parent.glob(".*.part"))
    assert not Path(f"{target}-wal").exists()


def test_a_copy_that_fails_its_check_never_reaches_its_name(tmp_path):
    """A source whose index disagrees with its table copies fine but fails the check."""
    source = tmp_path / "source.sqlite3"
    conn = sqlite3.connect(source)
    conn.executescript(
        "CREATE TABLE t (x, y); CREATE INDEX ix ON t (x);"
        "INSERT INTO t VALUES (1, 2), (3, 4);"
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix ON t (y)' WHERE name = 'ix';"
    )
    conn.commit()
    conn.close()
    target = tmp_path / "b" / "copy.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"the previous backup")
    with pytest.raises(SaveError, match="failed its check"):
        write_verified_copy(source, target)
    assert target.read_bytes() == b"the previous backup"
    assert not list(target.parent.glob(".*.part"))


def test_backup_to_a_place_that_cannot_be_written_is_one_sentence(diary, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError) as err:
        backup_now(diary, out=blocker / "backup.sqlite3")
    assert "could not be written" in str(err.value)
    assert "\n" not in str(err.value)


def test_backup_never_overwrites_a_file_that_is_not_a_backup(diary, tmp_path):
    precious = tmp_path / "thesis.sqlite3"
    precious.write_bytes(b"years of work")
    with pytest.raises(SaveError, match="not a FibroDesk backup"):
        backup_now(diary, out=precious)
    assert precious.read_bytes() == b"years of work"
    with pytest.raises(SaveError, match="diary itself"):
        backup_now(diary, out=diary / "fibrodesk.sqlite3")
    first = backup_now(diary, out=tmp_path / "usb.sqlite3")
    _fill(entries=1)
    assert backup_now(diary, out=first) == first  # a FibroDesk backup may be refreshed
    assert _count(first, "entry") == 1


def test_backup_into_a_folder_gets_a_dated_name(diary, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    made = backup_now(diary, out=folder)
    assert made.parent == folder and made.name.startswith("fibrodesk-")


def test_two_backups_in_the_same_second_both_survive(diary):
    at = datetime(2026, 11, 21, 10, 15, 0)
    first = backup_now(diary, reason="manual", now=at)
    second = backup_now(diary, reason="manual", now=at)
    assert first != second and first.exists() and second.exists()


def test_command_line_backup_and_restore(tmp_path, capsys):
    d = tmp_path / "d"
    open_diary(d)
    _fill(entries=2)
    close_diary()
    out = tmp_path / "copy.sqlite3"
    assert main(["backup", "--out", str(out), "--data-dir", str(d)]) == 0
    assert str(out) in capsys.readouterr().out
    open_diary(d)
    _fill(entries=3)
    close_diary()
    assert main(["restore", str(out), "--data-dir", str(d)]) == 0
    said = _one_sentence(capsys.readouterr().out)
    kept = Path(said.rsplit(" ", 1)[-1])
    assert kept.exists() and "before-restore" in kept.name
    assert _count(d / "fibrodesk.sqlite3", "entry") == 2
    assert _count(kept, "entry") == 5


def test_command_line_restore_of_a_file_that_is_not_a_backup(tmp_path, capsys):
    d = tmp_path / "d"
    open_diary(d)
    _fill(entries=1)
    close_diary()
    before = _sha(d / "fibrodesk.sqlite3")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("shopping list\n" * 50)
    assert main(["restore", str(bogus), "--data-dir", str(d)]) == 1
    assert "not a FibroDesk backup" in _one_sentence(capsys.readouterr().err)
    assert main(["restore", str(tmp_path / "missing.sqlite3"), "--data-dir", str(d)]) == 1
    assert "no backup file" in _one_sentence(capsys.readouterr().err)
    assert _sha(d / "fibrodesk.sqlite3") == before
    assert not backup_files(d)


# -- restore ----------------------------------------------------------------------------


def test_restore_keeps_the_current_diary_aside_first(diary):
    _fill(entries=2)
    old = backup_now(diary)
    _fill(entries=4)
    close_diary()
    kept = restore_backup(diary, old)
    assert kept is not None and kept.parent == backup_dir(diary)
    assert "before-restore" in kept.name
    open_diary(diary)
    assert Entry.select().count() == 2
    assert _count(kept, "entry") == 6
    listed = {info.path: info for info in list_backups(diary)}
    assert listed[kept].kind == "Diary before a restore"


def test_restore_over_a_damaged_diary_sets_it_aside_byte_for_byte(diary):
    _fill(entries=2)
    good = backup_now(diary)
    close_diary()
    live = diary / "fibrodesk.sqlite3"
    live.write_bytes(live.read_bytes()[:5000])  # cut short
    before = _sha(live)
    kept = restore_backup(diary, good)
    assert kept is not None and kept.parent == diary and ".damaged-" in kept.name
    assert _sha(kept) == before
    open_diary(diary)
    assert Entry.select().count() == 2


def test_restore_with_no_diary_yet(tmp_path, diary):
    _fill(entries=1)
    good = backup_now(diary)
    other = tmp_path / "fresh"
    assert restore_backup(other, good) is None
    assert _count(other / "fibrodesk.sqlite3", "entry") == 1


def test_restore_refuses_another_programs_database(diary, tmp_path):
    foreign = tmp_path / "photos.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photo (id, path)")
    conn.commit()
    conn.close()
    close_diary()
    before = _sha(diary / "fibrodesk.sqlite3")
    with pytest.raises(NotADiaryError, match="not a FibroDesk backup"):
        restore_backup(diary, foreign)
    assert _sha(diary / "fibrodesk.sqlite3") == before


# -- what each backup holds -------------------------------------------------------------


def test_list_backups_says_when_how_big_and_what_it_holds(diary):
    _fill(entries=3, checkins=2)
    older = backup_now(diary, reason="manual", now=datetime(2026, 11, 20, 9, 0))
    _fill(entries=1, checkins=0)
    newer = backup_now(diary, reason="auto-start", now=datetime(2026, 11, 21, 9, 0))
    (backup_dir(diary) / ".fibrodesk-20261121-100000-auto-exit.sqlite3.part").write_bytes(b"x")
    broken = backup_dir(diary) / "fibrodesk-20261119-080000-manual.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = {p: _sha(p) for p in (older, newer, broken)}

    infos = list_backups(diary)
    assert [i.path for i in infos] == [newer, older, broken]
    first, second, third = infos
    assert first.made_at == datetime(2026, 11, 21, 9, 0)
    assert (first.entries, first.checkins, first.sessions) == (4, 2, 0)
    assert (second.entries, second.checkins) == (3, 2)
    assert first.size == newer.stat().st_size > 0
    assert first.kind == "Automatic" and second.kind == "Made by you"
    assert first.holds == "4 entries, 2 check-ins, 0 exercise sessions"
    assert first.last_day == DAY.isoformat()
    assert third.problem and "cannot be read" in third.problem
    assert {p: _sha(p) for p in before} == before  # read, never changed
    assert newest_sound_backup(diary).path == newer  # type: ignore[union-attr]


def test_read_backup_of_a_foreign_database(tmp_path):
    foreign = tmp_path / "fibrodesk-20260101-000000-manual.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photo (id)")
    conn.commit()
    conn.close()
    assert read_backup(foreign).problem == "not a FibroDesk diary"


# -- when to back up --------------------------------------------------------------------


NOW = datetime(2026, 11, 21, 12, 0)


@pytest.mark.parametrize(
    "last, changed, due",
    [
        (None, True, True),  # the first backup
        (None, False, False),  # nothing to protect
        (NOW - BACKUP_INTERVAL, True, True),  # exactly 30 minutes
        (NOW - BACKUP_INTERVAL + timedelta(seconds=1), True, False),
        (NOW - timedelta(days=3), False, False),  # old, but nothing changed
        (NOW - timedelta(days=3), True, True),
    ],
)
def test_backup_due(last, changed, due):
    assert backup_due(last, NOW, changed) is due


def test_fingerprint_follows_additions_edits_deletions_and_settings(diary, monkeypatch):
    from fibrodesk.db import models

    clock = iter(datetime(2026, 11, 21, 9, 0, s).astimezone() for s in range(60))
    monkeypatch.setattr(models, "now", lambda: next(clock))
    live = diary / "fibrodesk.sqlite3"
    seen = {diary_fingerprint(live)}
    entry = marks.create_entry(DAY)
    seen.add(diary_fingerprint(live))
    marks.set_entry_label(entry.id, "After the walk")  # a second later
    seen.add(diary_fingerprint(live))
    marks.create_entry(DAY)
    seen.add(diary_fingerprint(live))
    marks.delete_entry(entry.id)  # one added, one deleted: the same count
    seen.add(diary_fingerprint(live))
    from fibrodesk.db.settings import set_setting

    set_setting("last_intensity", 7)
    seen.add(diary_fingerprint(live))
    assert len(seen) == 6
    assert diary_fingerprint(live) == diary_fingerprint(live)


def test_automatic_backups_at_start_and_exit(diary):
    t0 = datetime(2026, 11, 21, 9, 0)
    assert auto_backup(diary, reason="start", now=t0) is None  # a new, empty diary
    _fill(entries=1)
    first = auto_backup(diary, reason="start", now=t0)
    assert first is not None and first.name == backup_name(t0, "auto-start")
    _fill(entries=1)
    # Changed, but the last backup is only 10 minutes old.
    assert auto_backup(diary, reason="exit", changed=True, now=t0 + timedelta(minutes=10)) is None
    later = t0 + timedelta(minutes=40)
    exit_backup = auto_backup(diary, reason="exit", changed=True, now=later)
    assert exit_backup is not None and _count(exit_backup, "entry") == 2
    # Next start, hours later: nothing changed since the exit backup.
    assert auto_backup(diary, reason="start", now=later + timedelta(hours=5)) is None
    # A change the session did not count (another copy wrote it) is seen by fingerprint.
    _fill(entries=1)
    again = auto_backup(diary, reason="start", now=later + timedelta(hours=6))
    assert again is not None and _count(again, "entry") == 3
    for path in (first, exit_backup, again):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_edit_that_only_the_session_knows_is_backed_up_at_exit(diary):
    t0 = datetime(2026, 11, 21, 9, 0)
    _fill(entries=1)
    auto_backup(diary, reason="start", now=t0)
    # An edit that leaves every updated_at and count as it was.
    db.execute_sql("UPDATE entry SET label = 'edited by hand'")
    assert auto_backup(diary, reason="exit", now=t0 + timedelta(hours=1)) is None
    made = auto_backup(diary, reason="exit", changed=True, now=t0 + timedelta(hours=1))
    assert made is not None


def test_automatic_backup_failure_is_one_sentence_and_leaves_the_diary(diary, monkeypatch):
    _fill(entries=1)
    before = Entry.select().count()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError, match="free some disk space"):
        auto_backup(diary, reason="start", now=NOW)
    assert Entry.select().count() == before
    assert not backup_files(diary)
    assert not list(backup_dir(diary).glob(".*.part"))


def test_a_migration_is_always_preceded_by_a_verified_backup(tmp_path, monkeypatch):
    from fibrodesk.db import database

    d = tmp_path / "d"
    open_diary(d)
    _fill(entries=2)
    close_diary()
    step = database.SCHEMA_VERSION + 1
    monkeypatch.setitem(database.MIGRATIONS, step, lambda _db: None)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step)
    open_diary(d)
    close_diary()
    (made,) = [i for i in list_backups(d) if i.kind == "Before an update"]
    assert made.entries == 2 and made.problem is None


def test_a_migration_does_not_start_when_its_backup_cannot_be_made(tmp_path, monkeypatch):
    from fibrodesk.db import backup, database

    d = tmp_path / "d"
    open_diary(d)
    close_diary()
    step = database.SCHEMA_VERSION + 1
    monkeypatch.setitem(database.MIGRATIONS, step, lambda _db: pytest.fail("migrated"))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step)

    def refuse(*_a: object, **_k: object) -> Path:
        raise SaveError("The backup could not be written; free some disk space.")

    monkeypatch.setattr(backup, "write_verified_copy", refuse)
    with pytest.raises(SaveError):
        open_diary(d)
    close_diary()


# -- which backups to keep --------------------------------------------------------------


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


RULES = Retention(recent_days=2, daily=14, weekly=8, monthly=24, yearly=True)


@pytest.mark.parametrize(
    "now, backups, protect, kept",
    [
        # Nothing to choose from.
        ("2026-11-21 12:00", [], [], []),
        # Everything in the last two days stays.
        (
            "2026-11-21 12:00",
            ["2026-11-21 11:59", "2026-11-21 09:00", "2026-11-20 18:00", "2026-11-19 12:01"],
            [],
            ["2026-11-21 11:59", "2026-11-21 09:00", "2026-11-20 18:00", "2026-11-19 12:01"],
        ),
        # 3 to 13 days old: the newest of each day.
        (
            "2026-11-21 12:00",
            ["2026-11-15 08:00", "2026-11-15 20:00", "2026-11-14 09:00"],
            [],
            ["2026-11-15 20:00", "2026-11-14 09:00"],
        ),
        # Two weeks to eight weeks: the newest of each Monday-to-Sunday week.
        # 2026-11-21 is a Saturday; 2026-10-19 (Mon) .. 2026-10-25 (Sun) is 4 weeks back.
        (
            "2026-11-21 12:00",
            ["2026-10-19 08:00", "2026-10-22 08:00", "2026-10-25 23:00", "2026-10-26 01:00"],
            [],
            ["2026-10-25 23:00", "2026-10-26 01:00"],
        ),
        # Older than eight weeks: the newest of each month, for 24 months.
        (
            "2026-11-21 12:00",
            ["2026-03-02 08:00", "2026-03-30 08:00", "2025-02-10 08:00", "2025-02-11 08:00"],
            [],
            ["2026-03-30 08:00", "2025-02-11 08:00"],
        ),
        # Past 24 months: the newest of each year, for ever.
        (
            "2026-11-21 12:00",
            ["2023-01-05 08:00", "2023-06-05 08:00", "2023-12-31 23:00", "2021-04-01 08:00"],
            [],
            ["2023-12-31 23:00", "2021-04-01 08:00"],
        ),
        # The newest is never deleted, however old.
        ("2026-11-21 12:00", ["2020-01-01 08:00"], [], ["2020-01-01 08:00"]),
        # One just made is never deleted, even if the rules alone would let it go.
        (
            "2026-11-21 12:00",
            ["2026-10-01 08:00", "2026-10-01 09:00", "2026-11-21 11:00"],
            ["2026-10-01 08:00"],
            ["2026-10-01 08:00", "2026-10-01 09:00", "2026-11-21 11:00"],
        ),
        # A backup dated in the future (a clock set wrong) is kept.
        (
            "2026-11-21 12:00",
            ["2027-05-01 08:00", "2026-11-21 11:00"],
            [],
            ["2027-05-01 08:00", "2026-11-21 11:00"],
        ),
        # Exactly two days old falls to the daily rule: the newest of its day.
        (
            "2026-11-21 12:00",
            ["2026-11-19 12:00", "2026-11-19 11:00", "2026-11-21 11:00"],
            [],
            ["2026-11-19 12:00", "2026-11-21 11:00"],
        ),
    ],
)
def test_choose_backups_to_keep(now, backups, protect, kept):
    made = {text: _at(text) for text in backups}
    assert choose_backups_to_keep(made, _at(now), protect=protect, retention=RULES) == set(kept)


def test_a_year_of_hourly_backups_thins_to_a_bounded_set():
    now = _at("2026-11-21 12:00")
    made = {i: now - timedelta(hours=i) for i in range(24 * 365)}
    kept = choose_backups_to_keep(made, now)
    assert 0 in kept
    assert all(i in kept for i in range(48))  # the last two days in full
    assert len(kept) <= 48 + 14 + 8 + 24 + 2


def test_thinning_deletes_only_automatic_backups(diary):
    now = datetime(2026, 11, 21, 12, 0)
    folder = backup_dir(diary)
    auto_old = backup_now(diary, reason="auto-start", now=now - timedelta(days=5, hours=2))
    auto_same_day = backup_now(diary, reason="auto-exit", now=now - timedelta(days=5))
    manual_old = backup_now(diary, reason="manual", now=now - timedelta(days=400, hours=2))
    migration = backup_now(diary, reason="before-migration-v1", now=now - timedelta(days=401))
    deleted = thin_backups(diary, now=now)
    assert deleted == [auto_old]
    assert {p for p, _m, _r in backup_files(diary)} == {auto_same_day, manual_old, migration}
    assert folder.is_dir()


def test_checkin_content_survives_a_round_trip(diary):
    _fill(entries=0, checkins=1)
    made = backup_now(diary)
    delete_checkin(DAY)
    close_diary()
    restore_backup(diary, made)
    open_diary(diary)
    assert CheckIn.get().note == "day 0"
