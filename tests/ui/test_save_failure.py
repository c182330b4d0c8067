"""A save the disk refuses (full, read-only) says so in one sentence, keeps what the person
typed on screen, and leaves nothing half-written.

The tests run as root, where chmod stops nothing; the refusals are made by SQLite itself
(``PRAGMA max_page_count`` gives a real "database or disk is full", ``PRAGMA query_only``
a real read-only refusal) or by a patched ``execute_sql`` raising sqlite3's own error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from fibrodesk.app import main
from fibrodesk.db import checkins, marks, migrations
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.checkins import TreatmentUse
from fibrodesk.db.database import _open_error, save_error, sqlite_code, transaction
from fibrodesk.db.models import CheckIn, CheckInTreatment, Entry, db
from fibrodesk.errors import DamagedDiaryError, DataDirError, SaveError
from tests.conftest import activate
from tests.faults import FULL, sqlite_error

DAY = date(2026, 11, 21)
BIG = "a long evening note " * 900  # needs new pages: a full disk refuses it


@contextmanager
def disk_full() -> Iterator[None]:
    """The diary cannot grow by a single page, as on a full disk (a real SQLITE_FULL)."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA max_page_count = 1073741823")


@contextmanager
def read_only() -> Iterator[None]:
    db.execute_sql("PRAGMA query_only = 1")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA query_only = 0")


@pytest.fixture
def refuse_writes(monkeypatch):  # type: ignore[no-untyped-def]
    """Make every write raise sqlite3's own "disk is full" error (not peewee's)."""
    real = peewee.SqliteDatabase.execute_sql
    state = {"on": True, "after": 0}

    def execute_sql(self, sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        verb = sql.lstrip().split(" ", 1)[0].upper()
        if state["on"] and verb in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            if state["after"] <= 0:
                raise sqlite_error(FULL)
            state["after"] -= 1
        return real(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(peewee.SqliteDatabase, "execute_sql", execute_sql)
    return state


# -- the database layer -----------------------------------------------------------------


def test_full_disk_is_a_save_error_and_nothing_is_written(diary):
    with disk_full():
        with pytest.raises(SaveError) as err:
            checkins.save_checkin(DAY, {"overall_pain": 6, "note": BIG})
        assert checkins.get_checkin(DAY) is None
    sentence = str(err.value)
    assert "disk is full" in sentence and "free some disk space" in sentence
    assert "nothing was half-written" in sentence and "\n" not in sentence
    checkins.save_checkin(DAY, {"overall_pain": 6, "note": BIG})  # room again: it saves
    assert checkins.get_checkin(DAY) is not None


def test_read_only_diary_is_a_save_error(diary):
    with read_only():
        with pytest.raises(SaveError, match="read-only"):
            marks.create_entry(DAY)
    assert Entry.select().count() == 0


def test_a_write_refused_half_way_leaves_nothing_half_written(diary, refuse_writes):
    """The check-in row is written, its treatment row is refused: neither stays."""
    refuse_writes["after"] = 1
    with pytest.raises(SaveError):
        checkins.save_checkin(DAY, {"overall_pain": 3}, [TreatmentUse("Heat pad", "20 min")])
    refuse_writes["on"] = False
    assert CheckIn.select().count() == 0
    assert CheckInTreatment.select().count() == 0


def test_peewee_and_sqlite3_errors_are_caught_alike(diary):
    for error in (sqlite_error(FULL), peewee.OperationalError(sqlite_error(FULL))):
        with pytest.raises(SaveError):
            with transaction():
                raise error


def test_a_value_the_schema_refuses_is_a_bug_not_a_disk_problem(diary):
    with pytest.raises(peewee.IntegrityError):
        with transaction():
            db.execute_sql("INSERT INTO pain_mark (id) VALUES (NULL)")


@pytest.mark.parametrize(
    "code, kind, words",
    [
        (sqlite3.SQLITE_FULL, SaveError, "disk is full"),
        (sqlite3.SQLITE_READONLY, SaveError, "read-only"),
        (sqlite3.SQLITE_READONLY_DBMOVED, SaveError, "read-only"),
        (sqlite3.SQLITE_IOERR, SaveError, "disk reported an error"),
        (sqlite3.SQLITE_IOERR_WRITE, SaveError, "disk reported an error"),
        (sqlite3.SQLITE_IOERR_FSYNC, SaveError, "disk reported an error"),
        (sqlite3.SQLITE_BUSY, SaveError, "another program"),
        (sqlite3.SQLITE_LOCKED, SaveError, "another program"),
        (sqlite3.SQLITE_CORRUPT, DamagedDiaryError, "damaged"),
        (sqlite3.SQLITE_NOTADB, DamagedDiaryError, "damaged"),
        (sqlite3.SQLITE_CANTOPEN, SaveError, "folder"),
        (sqlite3.SQLITE_ERROR, None, ""),  # "no such table": a bug, passed through
        (sqlite3.SQLITE_CONSTRAINT, None, ""),  # a value the schema refuses: a bug
    ],
)
def test_save_error_sentences(code, kind, words):
    """Told apart by SQLite's code: the words of the message play no part."""
    error = save_error(sqlite_error(code))
    if kind is None:
        assert error is None
    else:
        assert isinstance(error, kind) and words in str(error) and "\n" not in str(error)


def test_a_real_refusal_is_told_by_its_code(diary):
    """SQLite's own refusal, through peewee, carries the code the sentence is chosen by."""
    with read_only():
        with pytest.raises(peewee.OperationalError) as err:
            db.execute_sql("DELETE FROM entry")
    assert sqlite_code(err.value) == sqlite3.SQLITE_READONLY
    assert isinstance(save_error(err.value), SaveError)


def test_the_code_behind_a_failed_rollback_is_found():
    """A full disk rolls back by itself; peewee's rollback then fails with SQLITE_ERROR."""
    try:
        try:
            raise peewee.OperationalError(sqlite_error(FULL))
        except peewee.OperationalError:
            raise peewee.OperationalError(sqlite_error(sqlite3.SQLITE_ERROR))  # noqa: B904
    except peewee.OperationalError as exc:
        assert sqlite_code(exc) == FULL
        assert "disk is full" in str(save_error(exc))


@pytest.mark.parametrize(
    "code, kind, words",
    [
        (sqlite3.SQLITE_READONLY, DataDirError, "folder can be written"),
        (sqlite3.SQLITE_CANTOPEN, DataDirError, "folder can be written"),
        (sqlite3.SQLITE_FULL, SaveError, "disk is full"),
        (sqlite3.SQLITE_BUSY, DataDirError, "held by another program"),
        (sqlite3.SQLITE_NOTADB, DamagedDiaryError, "damaged"),
    ],
)
def test_open_error_sentences(tmp_path, code, kind, words):
    error = _open_error(tmp_path / "nothing-here.sqlite3", sqlite_error(code))
    assert isinstance(error, kind) and words in str(error) and "\n" not in str(error)


def test_an_update_the_disk_refuses_leaves_the_diary_as_it_was(tmp_path, monkeypatch):
    from fibrodesk.db import database
    from fibrodesk.db.database import close_diary, open_diary

    d = tmp_path / "d"
    open_diary(d)
    marks.create_entry(DAY)
    close_diary()

    def next_step(database_: object) -> None:
        db.execute_sql("ALTER TABLE entry ADD COLUMN mood INTEGER")
        raise sqlite_error(FULL)

    released = database.SCHEMA_VERSION
    monkeypatch.setitem(database.MIGRATIONS, released + 1, next_step)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", released + 1)
    with pytest.raises(SaveError, match="left as it was") as err:
        open_diary(d)
    assert "\n" not in str(err.value)
    conn = sqlite3.connect(d / "fibrodesk.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == released
    assert "mood" not in {r[1] for r in conn.execute("PRAGMA table_info(entry)")}
    conn.close()


# -- the window -------------------------------------------------------------------------


def test_the_window_banner_says_what_happened(window, qtbot):
    ctx = window.ctx
    with disk_full(), qtbot.waitSignal(ctx.saveFailed) as failed:
        result = ctx.perform(lambda: checkins.record_checkin(DAY, {"note": BIG}))
    assert result is None
    sentence = failed.args[0]
    assert "disk is full" in sentence
    assert not window.banner.isHidden()
    assert window.banner_label.text() == sentence
    assert checkins.get_checkin(DAY) is None
    # Room again: the same action goes through and says what changed.
    with qtbot.waitSignal(ctx.changed):
        assert ctx.perform(lambda: checkins.record_checkin(DAY, {"note": BIG}))


def test_a_read_only_diary_in_the_window(window, qtbot):
    with read_only(), qtbot.waitSignal(window.ctx.saveFailed) as failed:
        window.ctx.perform(lambda: Done(marks.create_entry(DAY), Change.MARKS))
    assert "read-only" in failed.args[0]
    assert window.banner_label.text() == failed.args[0]


def test_typed_note_stays_on_screen_when_it_cannot_be_saved(window, qtbot, refuse_writes):
    """End to end on the Today page's check-in: type, save refused, the words remain."""
    activate(qtbot, window)
    today = window.show_page("today")
    today.tabs.setCurrentIndex(1)  # the Check-in tab, as a person opens it
    note = today.findChild(QPlainTextEdit, "checkin_note")
    save = today.findChild(QPushButton, "retrySaveCheckin")
    assert note is not None and save is not None
    assert save.isHidden()  # no Save button: answers are saved as they are given
    refuse_writes["after"] = 0
    note.setFocus()
    qtbot.keyClicks(note, "Walked to the shop, legs heavy after.")
    with qtbot.waitSignal(window.ctx.saveFailed, timeout=2000) as failed:
        qtbot.keyClick(note, Qt.Key.Key_Tab)  # on to the next box: the note is saved
    assert "disk is full" in failed.args[0]
    assert not save.isHidden()  # "Try again" appears only now
    assert window.banner_label.text() == failed.args[0]
    assert note.toPlainText() == "Walked to the shop, legs heavy after."
    refuse_writes["on"] = False
    assert CheckIn.select().count() == 0
    # Once the disk has room, saving again stores exactly what is on screen.
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert CheckIn.get().note == "Walked to the shop, legs heavy after."


# -- problems before any save: folder, lock -----------------------------------------------


def _one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_a_data_folder_that_cannot_be_made_is_told_at_window_start(
    tmp_path, qapp, monkeypatch, capsys
):
    from fibrodesk.ui.recovery_dialog import RecoveryDialog

    told: list[str] = []
    monkeypatch.setattr(RecoveryDialog, "tell", classmethod(lambda cls, s, p=None: told.append(s)))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["--data-dir", str(blocker / "diary")]) == 1
    sentence = _one_sentence(capsys.readouterr().err)
    assert told == [sentence]
    assert "--data-dir" in sentence


def test_restore_into_a_folder_that_cannot_be_made(tmp_path, capsys, diary):
    from fibrodesk.db.backup import backup_now

    made = backup_now(diary)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["restore", str(made), "--data-dir", str(blocker / "d")]) == 1
    assert "--data-dir" in _one_sentence(capsys.readouterr().err)
    assert Path(made).exists()
