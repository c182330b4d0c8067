"""A full disk is called a full disk, at every fill level (issue 14 point 11): on a small
filesystem filled to leave 0 bytes to a few hundred KB free, every command either works or
says the disk is full, never "check its permissions", and the diary keeps its content."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fibrodesk.db.backup import backup_now
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io.export import export_diary
from tests.db.test_damage_beside_backups import fibrodesk
from tests.db.test_index_locks_leftovers import content
from tests.db.test_recovery import make_diary

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LEVELS = [0, 4 * 1024, 28 * 1024, 64 * 1024, 160 * 1024, 400 * 1024]


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 3 MB filesystem of its own (tmpfs), so that filling it harms nothing else."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("a small filesystem cannot be mounted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount: Path, leave: int) -> None:
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free
    with filler.open("ab") as fh:
        fh.write(b"\0" * max(0, free - leave))
    while shutil.disk_usage(mount).free > leave + 4096:
        with filler.open("ab") as fh:
            fh.write(b"\0" * 4096)


@pytest.mark.skipif(not IS_ROOT, reason="mounting a small filesystem needs root")
@pytest.mark.parametrize("leave", LEVELS, ids=[f"{n // 1024}KB-free" for n in LEVELS])
@pytest.mark.parametrize("command", ["import", "backup", "demo", "export", "check"])
def test_every_command_on_a_full_disk_says_so(tmp_path, small_disk, leave, command):
    src = tmp_path / "src"
    make_diary(src, entries=40)
    open_diary(src)
    export_diary("json", tmp_path / "e.json")
    close_diary()
    d = small_disk / "d"
    make_diary(d, entries=5)
    backup_now(d)
    before = content(d / "fibrodesk.sqlite3")
    _fill(small_disk, leave)
    args = {
        "import": ["import", str(tmp_path / "e.json")],
        "backup": ["backup"],
        "demo": ["demo", "--years", "1"],
        "export": ["export", "--format", "json", "--out", str(tmp_path / "out.json")],
        "check": ["check"],
    }[command]
    done = fibrodesk(*args, "--data-dir", str(d))
    said = done.stderr.strip()
    assert "Traceback" not in said
    assert "permission" not in said.lower(), said
    if done.returncode != 0:
        assert "full" in said or "free some disk space" in said or "already holds" in said, said
        (small_disk / "filler").unlink()
        assert content(d / "fibrodesk.sqlite3") == before
