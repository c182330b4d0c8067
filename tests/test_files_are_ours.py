"""Files the app writes are its own: the bug log, export targets, folder permissions, and a
--data-dir that is a file (issue 14 points 8 and 11)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from fibrodesk.app import main, open_bug_log
from fibrodesk.db.database import close_diary, open_diary
from tests.db.test_damage_beside_backups import fibrodesk
from tests.db.test_index_locks_leftovers import content

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_the_bug_log_is_a_new_private_file_in_the_cache_folder(tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    # A planted link at the old fixed name in the shared temp folder is never followed.
    import tempfile

    planted = Path(tempfile.gettempdir()) / "fibrodesk-error.log"
    made_link = False
    if not os.path.lexists(planted):
        planted.symlink_to(victim)
        made_link = True
    try:
        import fibrodesk.app

        monkeypatch.setitem(fibrodesk.app.COMMANDS, "check", lambda *a: 1 / 0)
        assert main(["check", "--data-dir", str(tmp_path / "d")]) == 70
    finally:
        if made_link:
            planted.unlink()
    err = capsys.readouterr().err
    (log,) = (cache / "fibrodesk").glob("error-*.log")
    assert str(log) in err and "ZeroDivisionError" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE((cache / "fibrodesk").stat().st_mode) == 0o700
    assert victim.read_text() == "precious\n"


def test_the_bug_log_never_follows_a_link_at_its_name(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path, fh = open_bug_log()
    fh.close()
    path.unlink()
    path.symlink_to(tmp_path / "victim")
    with pytest.raises(OSError):
        os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    assert not (tmp_path / "victim").exists()


@pytest.mark.parametrize("target", ["/dev/full", "/dev/null", "fifo", "foreign folder"])
def test_export_out_refuses_what_is_not_a_file_of_ours(tmp_path, target):
    d = tmp_path / "d"
    open_diary(d)
    close_diary()
    before = content(d / "fibrodesk.sqlite3")
    if target == "fifo":
        out = tmp_path / "pipe"
        os.mkfifo(out)
    elif target == "foreign folder":
        out = tmp_path / "mine"
        out.mkdir()
        (out / "thesis.txt").write_text("do not mix")
    else:
        out = Path(target)
    kind = out.stat().st_mode
    fmt = "csv" if target == "foreign folder" else "json"
    done = fibrodesk("export", "--format", fmt, "--out", str(out), "--data-dir", str(d))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "choose" in done.stderr
    assert out.stat().st_mode == kind  # still what it was
    if target == "foreign folder":
        assert sorted(p.name for p in out.iterdir()) == ["thesis.txt"]
    assert content(d / "fibrodesk.sqlite3") == before


def test_loose_permissions_on_our_folders_are_tightened(tmp_path):
    d = tmp_path / "d"
    open_diary(d)
    close_diary()
    (d / "backups").mkdir(exist_ok=True)
    os.chmod(d, 0o755)
    os.chmod(d / "backups", 0o777)
    out = tmp_path / "e.json"
    done = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    assert stat.S_IMODE((d / "backups").stat().st_mode) == 0o700


def test_data_dir_pointing_at_a_file_says_so(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("mine")
    for command in (["check"], ["export", "--format", "json", "--out", str(tmp_path / "x")]):
        done = fibrodesk(*command, "--data-dir", str(f))
        assert done.returncode == 1
        assert f"{f} is a file, not a folder" in done.stderr
    assert f.read_text() == "mine"


@pytest.mark.skipif(sys.platform == "win32", reason="Unix permissions and mounts")
def test_export_and_backup_elsewhere_from_a_read_only_folder(tmp_path):
    """A data folder that cannot be written (a read-only disk for root, 0500 otherwise):
    the diary is opened read-only, export and backup to elsewhere work, nothing changes."""
    import subprocess

    d = tmp_path / "ro" / "d"
    if IS_ROOT:
        (tmp_path / "ro").mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(tmp_path / "ro")],
            capture_output=True,
        )
        if mounted.returncode != 0:
            pytest.skip("no read-only filesystem can be made here")
    # Made by the command line: this process's own diary connection stays away from it.
    assert fibrodesk("demo", "--years", "1", "--data-dir", str(d)).returncode == 0
    before = content(d / "fibrodesk.sqlite3")
    if IS_ROOT:
        subprocess.run(["mount", "-o", "remount,ro", str(tmp_path / "ro")], check=True)
    else:
        os.chmod(d, 0o500)
    try:
        out = tmp_path / "e.json"
        done = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
        assert done.returncode == 0, done.stderr
        assert "Wrote" in done.stdout and out.stat().st_size > 1000
        copy = tmp_path / "b.sqlite3"
        done = fibrodesk("backup", "--out", str(copy), "--data-dir", str(d))
        assert done.returncode == 0, done.stderr
        assert content(copy) == before
        assert content(d / "fibrodesk.sqlite3") == before
    finally:
        if IS_ROOT:
            subprocess.run(["umount", "-l", str(tmp_path / "ro")], check=False)
        else:
            os.chmod(d, 0o700)


@pytest.mark.skipif(not IS_ROOT, reason="giving a folder to another user needs root")
def test_a_loose_folder_of_someone_else_is_told_once_and_left(tmp_path):
    d = tmp_path / "d"
    assert fibrodesk("demo", "--years", "1", "--data-dir", str(d)).returncode == 0
    os.chown(d, 12345, 12345)
    os.chmod(d, 0o755)
    before = content(d / "fibrodesk.sqlite3")
    out = tmp_path / "e.json"
    done = fibrodesk("export", "--format", "json", "--out", str(out), "--data-dir", str(d))
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "is not yours" in line]
    assert len(notes) == 1 and str(d) in notes[0]
    assert stat.S_IMODE(d.stat().st_mode) == 0o755  # someone else's: left as it is
    assert content(d / "fibrodesk.sqlite3") == before
