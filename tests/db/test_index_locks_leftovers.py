"""Index-only damage found and repaired, locks that cannot lock people out, leftovers of a
killed backup cleaned, and Ctrl+C ending a running window cleanly (issue 14 points 2, 9,
12)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fibrodesk.db.backup import auto_backup, backup_files, backup_now
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.models import Entry
from fibrodesk.paths import DB_NAME, LOCK_NAME
from tests.db import test_recovery
from tests.db.test_damage_beside_backups import fibrodesk
from tests.db.test_recovery import make_diary

start_window = test_recovery.start_window

ROOT = Path(__file__).resolve().parents[2]


def content(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table, in key order: the diary's content, whatever its pages."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return [(t, conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]
    finally:
        conn.close()


def spoil_index(path: Path) -> None:
    """Fill the entry_date index from another column, then give it back its definition:
    every row is then "missing from index", which quick_check does not see."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    right = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_date'").fetchone()[0]
    wrong = right.replace('("date")', '("recorded_at")')
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'entry_date'", (wrong,))
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute("REINDEX entry_date")
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'entry_date'", (right,))
    conn.commit()
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert "missing from index" in check.execute("PRAGMA integrity_check").fetchone()[0]
    check.close()


def test_check_names_index_damage_and_the_repair(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=6)
    spoil_index(path)
    before = content(path)
    done = fibrodesk("check", "--data-dir", str(d))
    assert done.returncode == 1
    assert "index out of step with its records" in done.stderr
    assert "rebuild the index" in done.stderr and "Traceback" not in done.stderr
    assert content(path) == before


@pytest.mark.parametrize("answer", ["repair", "later"])
def test_window_finds_index_damage_and_rebuilds_after_a_backup(
    tmp_path, start_window, monkeypatch, answer
):
    from fibrodesk.ui.recovery_dialog import RepairDialog

    d = tmp_path / "d"
    path = make_diary(d, entries=6)
    backup_now(d)
    spoil_index(path)
    before = content(path)
    asked: list[str] = []

    def ask(cls, sentence, backup, parent=None):  # type: ignore[no-untyped-def]
        asked.append(sentence)
        return answer

    monkeypatch.setattr(RepairDialog, "ask", classmethod(ask))

    def wait_for_check(window) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication

        window.integrity.wait()
        deadline = time.monotonic() + 10
        while not window.integrity.done and time.monotonic() < deadline:
            QApplication.processEvents()
        start_window.banner = window.banner_label.text()

    start_window.during.append(wait_for_check)
    assert start_window(d) == 0
    assert start_window.asked == []  # the start check saw nothing: the full check did
    (sentence,) = asked
    assert "index out of step with its records" in sentence and "Your records are whole" in sentence
    close_diary()
    assert content(path) == before  # not one record changed either way
    lines = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchall()
    if answer == "repair":
        assert lines == [("ok",)]
        (made,) = [p for p, _, reason in backup_files(d) if reason == "before-repair"]
        assert content(made) == before
        assert "indexes were rebuilt" in start_window.banner and made.name in start_window.banner
    else:
        assert lines != [("ok",)]
        assert "offer to rebuild it at the next start" in start_window.banner


# -- locks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plant",
    ["empty file", "garbage", "process 0", "folder", "folder with a file", "dangling symlink"],
)
def test_an_unusable_lock_file_is_taken_over(tmp_path, plant):
    d = tmp_path / "d"
    path = make_diary(d, entries=2)
    lock = d / LOCK_NAME
    if plant == "empty file":
        lock.write_bytes(b"")
    elif plant == "garbage":
        lock.write_bytes(b"\x00\xffnot a lock\n")
    elif plant == "process 0":
        lock.write_bytes(b"0\nfibrodesk\nhost\n")
    elif plant == "folder":
        lock.mkdir()
    elif plant == "folder with a file":
        lock.mkdir()
        (lock / "x").write_text("x")
    else:
        lock.symlink_to(tmp_path / "nowhere")
    before = content(path)
    export = tmp_path / "out.json"
    done = fibrodesk("import", str(export), "--data-dir", str(d))  # takes the lock first
    assert "already open in another FibroDesk window" not in done.stderr
    assert "There is no file or folder at" in done.stderr
    assert content(path) == before
    assert not (tmp_path / "nowhere").exists()  # the link was removed, never followed


LIVE_HOLDER = """
import sys, time
from pathlib import Path
from fibrodesk.app import acquire_lock
lock = acquire_lock(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.readline()
lock.unlock()
"""


def _hold(d: Path, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", LIVE_HOLDER, str(d), *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_live_lock_is_still_respected(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=2)
    holder = _hold(d)
    try:
        before = content(path)
        done = fibrodesk("import", str(tmp_path / "x.json"), "--data-dir", str(d))
        assert done.returncode == 1
        assert "already open in another FibroDesk window" in done.stderr
        assert str(d) in done.stderr and str(holder.pid) not in done.stderr.replace(str(d), "")
        assert content(path) == before
    finally:
        holder.communicate("\n", timeout=30)


def test_a_second_import_is_told_the_other_is_an_import(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=2)
    holder = _hold(d, "import", "other.json")  # a command line that says import
    try:
        before = content(path)
        done = fibrodesk("import", str(tmp_path / "x.json"), "--data-dir", str(d))
        assert done.returncode == 1
        assert f"Another FibroDesk command is using the diary in {d}: an import" in done.stderr
        assert "window" not in done.stderr
        assert content(path) == before
    finally:
        holder.communicate("\n", timeout=30)


# -- leftovers --------------------------------------------------------------------------


def test_a_killed_backups_part_files_are_cleaned(tmp_path):
    d = tmp_path / "d"
    make_diary(d, entries=3)
    backup_now(d)
    folder = d / "backups"
    old = time.time() - 2 * 3600
    left = [
        folder / ".fibrodesk-20261101-101500-auto-start.sqlite3.part",
        folder / ".fibrodesk-20261101-101500-auto-start.sqlite3.part-journal",
        folder / ".fibrodesk-20261101-101500-auto-start.sqlite3.part-wal",
    ]
    for path in left:
        path.write_bytes(b"half a copy")
        os.utime(path, (old, old))
    young = folder / ".fibrodesk-20261129-101500-manual.sqlite3.part-journal"
    young.write_bytes(b"a backup running now")
    auto_backup(d, reason="start")
    assert [p for p in left if p.exists()] == []
    assert young.exists()  # another process may be writing it


def test_a_stale_journal_is_not_replayed_into_a_new_backup(tmp_path):
    d = tmp_path / "d"
    make_diary(d, entries=3)
    target = d / "backups" / "mine.sqlite3"
    target.parent.mkdir()
    Path(f"{target.parent / ('.' + target.name + '.part')}-journal").write_bytes(b"\xd9" * 600)
    backup_now(d, out=target)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 3
    conn.close()
    assert not list(target.parent.glob(".*part*"))


# -- Ctrl+C -----------------------------------------------------------------------------


def test_ctrl_c_stops_a_running_window_cleanly(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=4)
    before = content(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    window = subprocess.Popen(
        [sys.executable, "-m", "fibrodesk", "--data-dir", str(d)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # The window is up once it holds the lock and has opened the diary (its -wal exists).
    deadline = time.monotonic() + 60
    while not (Path(f"{path}-wal").exists() and (d / LOCK_NAME).exists()):
        assert window.poll() is None, window.communicate()
        assert time.monotonic() < deadline, "the window never opened the diary"
        time.sleep(0.05)
    window.send_signal(signal.SIGINT)
    out, err = window.communicate(timeout=60)
    assert window.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not (d / LOCK_NAME).exists()  # released
    assert fibrodesk("check", "--data-dir", str(d)).returncode == 0
    assert content(path) == before
    open_diary(d)
    try:
        assert Entry.select().count() == 4
    finally:
        close_diary()
    assert DB_NAME in str(path)
