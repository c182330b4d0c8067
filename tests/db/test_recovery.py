"""Start-up recovery: a diary that cannot be opened is kept untouched and a backup offered;
the window is started through ``fibrodesk.app.main`` with the question answered."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from fibrodesk.app import main
from fibrodesk.db import marks
from fibrodesk.db.backup import backup_files, backup_now
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.models import Entry
from fibrodesk.db.recovery import Trouble, diagnose, recover, set_aside
from fibrodesk.errors import DamagedDiaryError, SaveError

DAY = date(2026, 11, 20)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its hash (the lock file aside)."""
    return {
        str(p.relative_to(folder)): sha(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "fibrodesk.lock"
    }


def make_diary(data_dir: Path, entries: int = 3) -> Path:
    path = open_diary(data_dir)
    for i in range(entries):
        marks.create_entry(DAY - timedelta(days=i))
    close_diary()
    return path


def damage(path: Path) -> None:
    """Overwrite the root page of the entry table, as a failing disk would."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entry'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff\x13\x37" * (page_size // 3))


@dataclass
class WindowRun:
    """Starts the window as ``fibrodesk`` does, answering the recovery question.

    Attributes:
        answer: what the person chooses when asked (``restore``, ``new`` or ``quit``).
        asked: every :class:`Trouble` the person was asked about.
        told: every sentence shown in a message box.
        banner: the window's banner text while it was open (``None`` when hidden).
        entries: how many entries the open window's diary held.
        opened: the diary was opened into the window (which is shown before it is).
        during: called while the window is open (e.g. to write something).
    """

    answer: str = "restore"
    asked: list[Trouble] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    banner: str | None = None
    entries: int | None = None
    opened: bool = False
    during: list = field(default_factory=list)

    def __call__(self, data_dir: Path, *extra: str) -> int:
        return main(["--data-dir", str(data_dir), *extra])


@pytest.fixture
def start_window(qapp, monkeypatch) -> Iterator[WindowRun]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from fibrodesk.ui.recovery_dialog import RecoveryDialog
    from fibrodesk.ui.startup import WindowStart

    run = WindowRun()

    def ask(cls, trouble: Trouble, parent: object = None) -> str:  # noqa: ANN001
        run.asked.append(trouble)
        return run.answer

    def tell(cls, sentence: str, parent: object = None) -> None:  # noqa: ANN001
        run.told.append(sentence)

    def exec_(self: object) -> int:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        ]
        # The window is shown first; the diary is opened on the event loop's first turn
        # after it has painted (fibrodesk.ui.startup).
        start = window.findChild(WindowStart)
        deadline = time.monotonic() + 10
        while not start.finished and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        assert start.finished, "the diary was never opened into the window"
        run.opened = start.opened
        if not start.opened:
            return 0
        # The start backup runs on a worker thread; let it finish and deliver what it
        # says, as the real event loop would while the person looks at the window.
        window.backups.wait()
        QApplication.processEvents()
        run.banner = None if window.banner.isHidden() else window.banner_label.text()
        run.entries = Entry.select().count()
        for action in run.during:
            action(window)
        return 0

    monkeypatch.setattr(RecoveryDialog, "ask", classmethod(ask))
    monkeypatch.setattr(RecoveryDialog, "tell", classmethod(tell))
    monkeypatch.setattr(QApplication, "exec", exec_)
    yield run
    close_diary()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- setting aside ----------------------------------------------------------------------


def test_set_aside_renames_the_diary_with_its_wal_and_shm(tmp_path):
    d = tmp_path / "d"
    path = open_diary(d)
    marks.create_entry(DAY)
    # Keep the -wal and -shm: copy them while the connection is open.
    files = {s: Path(f"{path}{s}") for s in ("", "-wal", "-shm")}
    assert all(p.exists() for p in files.values())
    snapshot = {s: p.read_bytes() for s, p in files.items()}
    close_diary()
    for s, data in snapshot.items():
        files[s].write_bytes(data)
    at = datetime(2026, 11, 21, 10, 15, 0)
    aside = set_aside(path, "damaged", now=at)
    assert aside.name == "fibrodesk.sqlite3.damaged-20261121-101500"
    for s, data in snapshot.items():
        assert Path(f"{aside}{s}").read_bytes() == data
        assert not files[s].exists()
    # The aside pair still opens in SQLite, with the entry that was only in its -wal.
    conn = sqlite3.connect(aside)
    assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 1
    conn.close()
    # A second set-aside in the same second gets its own name.
    path.write_bytes(b"second")
    again = set_aside(path, "damaged", now=at)
    assert again != aside and again.read_bytes() == b"second"


def test_a_wal_left_without_its_diary_is_moved_away_not_applied(tmp_path):
    d = tmp_path / "d"
    old = make_diary(d, entries=2)
    # A log from some other diary, left behind with no diary beside it.
    other = open_diary(tmp_path / "other")
    marks.create_entry(DAY)
    wal_bytes = Path(f"{other}-wal").read_bytes()
    close_diary()
    old.unlink()
    Path(f"{old}-wal").write_bytes(wal_bytes)
    open_diary(d)
    try:
        assert Entry.select().count() == 0
    finally:
        close_diary()
    (moved,) = d.glob("fibrodesk.sqlite3-wal.orphan-*")
    assert moved.read_bytes() == wal_bytes


def test_recover_with_the_newest_backup(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d, entries=2)
    backup_now(d, now=datetime(2026, 11, 20, 9, 0))
    open_diary(d)
    marks.create_entry(DAY)
    close_diary()
    newest = backup_now(d, now=datetime(2026, 11, 21, 9, 0))
    damage(path)
    original = sha(path)
    with pytest.raises(DamagedDiaryError) as err:
        open_diary(d)
    close_diary()
    sentence = str(err.value)
    assert f"fibrodesk restore {newest}" in sentence and "\n" not in sentence
    trouble = diagnose(d, err.value)
    assert trouble.kind == "damaged" and trouble.backup is not None
    assert trouble.backup.path == newest
    done = recover(d, trouble, use_backup=True)
    assert sha(done.aside) == original
    assert "21 November 2026, 09:00" in done.sentence
    open_diary(d)
    try:
        assert Entry.select().count() == 3
    finally:
        close_diary()


def test_recover_without_a_backup_starts_a_new_diary(tmp_path):
    d = tmp_path / "d"
    path = make_diary(d)
    damage(path)
    original = sha(path)
    with pytest.raises(DamagedDiaryError) as err:
        open_diary(d)
    close_diary()
    assert "there is no backup" in str(err.value)
    trouble = diagnose(d, err.value)
    assert trouble.backup is None
    done = recover(d, trouble, use_backup=True)
    assert done.restored is None and "new, empty diary" in done.sentence
    assert sha(done.aside) == original


# -- the window -------------------------------------------------------------------------


def test_window_restores_the_newest_backup_when_asked(tmp_path, start_window):
    d = tmp_path / "d"
    path = make_diary(d, entries=4)
    backup_now(d)
    damage(path)
    original = sha(path)
    start_window.answer = "restore"
    assert start_window(d) == 0
    (trouble,) = start_window.asked
    assert trouble.backup is not None and trouble.backup.entries == 4
    assert start_window.entries == 4
    (aside,) = d.glob("fibrodesk.sqlite3.damaged-*[0-9]")
    assert sha(aside) == original
    assert start_window.banner is not None and aside.name in start_window.banner
    assert "was put back" in start_window.banner


def test_window_starts_a_new_diary_when_asked_and_keeps_the_old(tmp_path, start_window):
    d = tmp_path / "d"
    path = make_diary(d)
    path.write_bytes(os.urandom(9000))
    original = sha(path)
    start_window.answer = "new"
    assert start_window(d) == 0
    (trouble,) = start_window.asked
    assert trouble.kind == "not-a-diary" and trouble.backup is None
    assert start_window.entries == 0
    (aside,) = d.glob("fibrodesk.sqlite3.not-a-diary-*")
    assert sha(aside) == original


def test_quitting_leaves_every_file_as_it_was(tmp_path, start_window, capsys):
    d = tmp_path / "d"
    path = make_diary(d)
    backup_now(d)
    damage(path)
    before = folder_state(d)
    start_window.answer = "quit"
    assert start_window(d) == 1
    assert not start_window.opened
    assert folder_state(d) == before
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "is damaged" in err[0]
    # The next start asks again.
    start_window.answer = "restore"
    assert start_window(d) == 0 and len(start_window.asked) == 2


def test_window_refuses_a_newer_diary_untouched_without_asking(tmp_path, start_window, capsys):
    from fibrodesk.db.database import SCHEMA_VERSION

    d = tmp_path / "d"
    path = make_diary(d)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = folder_state(d)
    assert start_window(d) == 1
    assert start_window.asked == []
    (told,) = start_window.told
    assert "newer version of FibroDesk" in told
    assert folder_state(d) == before
    assert "newer version" in capsys.readouterr().err


def test_window_backs_up_at_start_and_at_exit(tmp_path, start_window, monkeypatch):
    from fibrodesk.db import backup

    d = tmp_path / "d"
    make_diary(d, entries=2)
    monkeypatch.setattr(backup, "BACKUP_INTERVAL", timedelta(0))
    start_window.during.append(lambda _window: marks.create_entry(DAY))
    assert start_window(d) == 0
    made = backup_files(d)
    reasons = sorted(r.split("-2")[0] if r.endswith("-2") else r for _p, _m, r in made)
    assert reasons == ["auto-exit", "auto-start"]
    counts = {}
    for p, _m, r in made:
        conn = sqlite3.connect(p)
        counts[r.removesuffix("-2")] = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
        conn.close()
    assert counts == {"auto-start": 2, "auto-exit": 3}


def test_no_exit_backup_when_nothing_changed(tmp_path, start_window, monkeypatch):
    from fibrodesk.db import backup

    d = tmp_path / "d"
    make_diary(d, entries=2)
    monkeypatch.setattr(backup, "BACKUP_INTERVAL", timedelta(0))
    assert start_window(d) == 0
    assert [r for _p, _m, r in backup_files(d)] == ["auto-start"]


def test_a_backup_that_cannot_be_made_at_start_is_said_in_the_banner(
    tmp_path, start_window, monkeypatch
):
    from fibrodesk.db import backup

    d = tmp_path / "d"
    make_diary(d, entries=1)

    def full(*_a: object, **_k: object) -> Path:
        raise SaveError("The backup could not be written (disk full); free some disk space.")

    monkeypatch.setattr(backup, "write_verified_copy", full)
    assert start_window(d) == 0
    assert start_window.opened and start_window.entries == 1
    assert start_window.banner is not None and "free some disk space" in start_window.banner


def test_a_locked_diary_is_told_in_a_message_box(tmp_path, start_window, capsys):
    import subprocess
    import sys

    d = tmp_path / "d"
    make_diary(d)
    script = (
        "import sys; from pathlib import Path; from fibrodesk.app import acquire_lock\n"
        f"lock = acquire_lock(Path({str(d)!r})); print('locked', flush=True); sys.stdin.read()"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            assert start_window(d) == 1
        finally:
            holder.kill()
    (told,) = start_window.told
    assert "already open in another FibroDesk window" in told
    assert not start_window.opened


def test_a_restore_that_fails_leaves_the_damaged_diary_in_place(tmp_path, monkeypatch):
    from fibrodesk.db import restore

    d = tmp_path / "d"
    path = make_diary(d)
    backup_now(d)
    damage(path)
    before = folder_state(d)
    with pytest.raises(DamagedDiaryError) as err:
        open_diary(d)
    close_diary()
    trouble = diagnose(d, err.value)

    def full(*_a: object, **_k: object) -> Path:
        raise SaveError("The backup could not be written (disk full); free some disk space.")

    monkeypatch.setattr(restore, "write_verified_copy", full)
    with pytest.raises(SaveError):
        recover(d, trouble, use_backup=True)
    assert folder_state(d) == before  # not set aside: the next start asks again


def test_a_missing_diary_is_offered_back_not_silently_replaced(tmp_path, start_window):
    d = tmp_path / "d"
    path = make_diary(d, entries=3)
    backup_now(d)
    path.unlink()
    start_window.answer = "quit"
    assert start_window(d) == 1
    assert not path.exists()  # quitting created nothing
    (trouble,) = start_window.asked
    assert trouble.kind == "missing" and trouble.backup is not None
    start_window.answer = "restore"
    assert start_window(d) == 0
    assert start_window.entries == 3
    assert start_window.banner is not None and "missing" in start_window.banner


def test_a_missing_diary_can_be_started_anew(tmp_path, start_window):
    d = tmp_path / "d"
    path = make_diary(d, entries=3)
    backup_now(d)
    path.unlink()
    start_window.answer = "new"
    assert start_window(d) == 0
    assert start_window.entries == 0
    assert len(backup_files(d)) == 1  # the backup is still there


def test_a_first_start_asks_nothing(tmp_path, start_window):
    assert start_window(tmp_path / "new") == 0
    assert start_window.asked == [] and start_window.entries == 0


def test_the_recovery_question_in_plain_words(tmp_path, qtbot):
    from fibrodesk.ui.recovery_dialog import RecoveryDialog

    d = tmp_path / "d"
    path = make_diary(d, entries=2)
    backup_now(d, now=datetime(2026, 11, 20, 18, 5))
    damage(path)
    with pytest.raises(DamagedDiaryError) as err:
        open_diary(d)
    close_diary()
    trouble = diagnose(d, err.value)
    dialog = RecoveryDialog(trouble)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "is damaged" in text and "kept, untouched" in text
    assert "20 November 2026, 18:05" in text and "2 entries" in text
    labels = {b.text(): b for b in dialog.buttons() if b in dialog._buttons}
    assert set(labels) == {
        "Restore that backup",
        "Start a new, empty diary",
        "Quit",
    }
    assert dialog.defaultButton() is labels["Restore that backup"]
    labels["Start a new, empty diary"].click()
    assert dialog.choice == "new"

    lonely = RecoveryDialog(Trouble(path, "damaged", "x", None))
    qtbot.addWidget(lonely)
    assert "no backup" in lonely.text()
    assert {b.text() for b in lonely.buttons() if b in lonely._buttons} == {
        "Start a new, empty diary",
        "Quit",
    }
    assert lonely.detailedText() == "x"  # the technical sentence, behind Show Details
    assert lonely.choice == "quit"  # closing the box is quitting


def test_the_start_backup_runs_off_the_gui_thread_after_the_window_is_shown(
    tmp_path, start_window, monkeypatch
):
    """A ten-year diary takes half a second to check and copy: the window must not wait."""
    import threading

    from PySide6.QtWidgets import QApplication

    from fibrodesk.db import backup
    from fibrodesk.ui import backup_runner

    d = tmp_path / "d"
    make_diary(d, entries=2)
    seen: list[tuple[str, bool, object]] = []
    real = backup.auto_backup

    def watched(data_dir, **kw):  # type: ignore[no-untyped-def]
        shown = any(
            w.objectName() == "mainWindow" and w.isVisible() for w in QApplication.topLevelWidgets()
        )
        seen.append((threading.current_thread().name, shown, kw.get("changed")))
        return real(data_dir, **kw)

    monkeypatch.setattr(backup_runner, "auto_backup", watched)
    assert start_window(d) == 0
    name, shown, changed = seen[0]
    assert name == "fibrodesk-backup-start" and name != threading.main_thread().name
    assert shown and changed is None  # at start only the fingerprints can tell
    assert [r for _p, _m, r in backup_files(d)] == ["auto-start"]
