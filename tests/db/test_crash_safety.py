"""A diary survives its process being killed at any moment.

A child process saves entries one per transaction and prints each entry's id after the
commit; it is killed with SIGKILL at random moments, many times over the same diary.
Every id it reported is then in the diary and SQLite's integrity check says "ok"
(WAL with ``synchronous=FULL``: a committed transaction is on disk before the call
returns). A backup killed half-way leaves no torn backup behind either.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fibrodesk.db.backup import backup_files, list_backups
from fibrodesk.db.database import check_diary, close_diary, open_diary
from fibrodesk.db.models import Entry, PainMark

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import random, sys
from pathlib import Path
from fibrodesk.db.database import open_diary, transaction
from fibrodesk.db.models import Entry, PainMark

open_diary(Path(sys.argv[1]))
rng = random.Random(int(sys.argv[2]))
while True:
    with transaction():
        entry = Entry.create(
            recorded_at="2026-11-21T09:00:00+01:00",
            date="2026-11-21",
            # Some notes span several pages, so commits of many sizes are cut.
            note="x" * rng.choice((0, 10, 3000, 19000)),
        )
        PainMark.create(entry=entry, region="calf_left", intensity=rng.randint(0, 10))
    print(entry.id, flush=True)
"""

BACKER = """
import sys
from pathlib import Path
from fibrodesk.db.backup import backup_now

print("ready", flush=True)
while True:
    print(backup_now(Path(sys.argv[1]), reason="manual"), flush=True)
"""


def _run_and_kill(script: str, args: list[str], out: Path, delay: float) -> None:
    """Start ``script``; once it has printed its first line, wait ``delay`` and SIGKILL it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with out.open("w") as fh:
        child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=fh, env=env)
    try:
        deadline = time.monotonic() + 20
        while out.stat().st_size == 0:
            if child.poll() is not None:
                pytest.fail(f"the child stopped by itself with status {child.returncode}")
            if time.monotonic() > deadline:
                pytest.fail("the child never started writing")
            time.sleep(0.005)
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL


def test_every_reported_save_survives_sigkill(tmp_path):
    d = tmp_path / "diary"
    open_diary(d)
    close_diary()
    rng = random.Random(20261121)
    reported: list[str] = []
    started = time.monotonic()
    for run in range(24):
        out = tmp_path / f"out-{run}.txt"
        _run_and_kill(WRITER, [str(d), str(run)], out, rng.uniform(0.0, 0.25))
        # A line cut by the kill is not a report; whole lines end with a newline.
        text = out.read_text()
        lines = text.split("\n")[:-1]
        reported.extend(line for line in lines if len(line) == 36)
        # Between kills, nothing but the killed process touched the files.
        conn = sqlite3.connect(d / "fibrodesk.sqlite3")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert time.monotonic() - started < 40
    assert len(reported) > 24  # the writers did get work done between kills

    open_diary(d)
    try:
        stored = {row.id for row in Entry.select(Entry.id)}
        missing = [i for i in reported if i not in stored]
        assert missing == [], f"{len(missing)} reported saves were lost"
        # All or nothing: no entry was saved without the mark of its transaction.
        half = Entry.select().where(~Entry.id.in_(PainMark.select(PainMark.entry)))
        assert half.count() == 0
        assert PainMark.select().count() == len(stored)
    finally:
        close_diary()
    assert check_diary(d) == []


def test_a_backup_killed_half_way_leaves_no_torn_backup(tmp_path):
    d = tmp_path / "diary"
    open_diary(d)
    with Entry._meta.database.atomic():
        for _ in range(400):
            Entry.create(
                recorded_at="2026-11-21T09:00:00+01:00", date="2026-11-21", note="y" * 2000
            )
    close_diary()
    rng = random.Random(7)
    for run in range(8):
        out = tmp_path / f"backup-{run}.txt"
        _run_and_kill(BACKER, [str(d)], out, rng.uniform(0.0, 0.15))
    infos = list_backups(d)
    assert infos, "no backup finished at all"
    for info in infos:
        assert info.problem is None and info.entries == 400, info
        conn = sqlite3.connect(info.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    # Unfinished copies are hidden .part files, never listed as backups.
    assert all(not p.name.startswith(".") for p, _m, _r in backup_files(d))
    assert check_diary(d) == []
