"""The command line: one sentence on stderr, a non-zero status, never a traceback."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fibrodesk.app import main
from fibrodesk.db.database import SCHEMA_VERSION


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command as a person runs it, in a separate process."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fibrodesk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def one_sentence(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.parametrize(
    "args, words",
    [
        (["--bogus"], "unrecognized arguments"),
        (["demo", "--years", "0"], "outside 1 to 50"),
        (["demo", "--years", "ten"], "not a whole number"),
        (["demo", "--density", "extreme"], "invalid choice"),
        (["export", "--format", "xls", "--out", "x"], "invalid choice"),
        (["export", "--format", "csv", "--out", "x", "--from", "2026-13-01"], "not a date"),
        (["import"], "required"),
    ],
)
def test_bad_arguments(capsys, args, words):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = one_sentence(capsys.readouterr().err)
    assert words in err and "fibrodesk --help" in err


def test_help_lists_every_contract_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "export", "import", "backup", "restore", "check", "screenshot"):
        assert command in result.stdout


def test_data_dir_that_is_a_file(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["backup", "--data-dir", str(blocker / "diary")]) == 1
    err = one_sentence(capsys.readouterr().err)
    assert "--data-dir" in err


def test_data_dir_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIBRODESK_DATA_DIR", str(tmp_path / "env-diary"))
    assert main(["demo", "--years", "1"]) == 0
    assert (tmp_path / "env-diary" / "fibrodesk.sqlite3").exists()
    assert main(["check"]) == 0
    assert "sound" in capsys.readouterr().out


@pytest.mark.parametrize("before", [True, False])
def test_data_dir_before_or_after_the_command(tmp_path, monkeypatch, capsys, before):
    monkeypatch.setenv("FIBRODESK_DATA_DIR", str(tmp_path / "default"))
    d = str(tmp_path / "chosen")
    args = (
        ["--data-dir", d, "demo", "--years", "1"]
        if before
        else ["demo", "--years", "1", "--data-dir", d]
    )
    assert main(args) == 0
    assert (tmp_path / "chosen" / "fibrodesk.sqlite3").exists()
    assert not (tmp_path / "default").exists()


def test_demo_heavy_density_from_the_command_line(tmp_path, capsys):
    d = str(tmp_path / "d")
    assert main(["demo", "--years", "1", "--density", "heavy", "--data-dir", d]) == 0
    summary = capsys.readouterr().out
    entries, marks = (
        int(n) for n in re.findall(r"(\d+) entries with (\d+) pain marks", summary)[0]
    )
    assert entries > 4 * 360 and marks > 20 * entries


def test_demo_refuses_a_diary_with_entries(tmp_path, capsys):
    d = str(tmp_path / "d")
    assert main(["demo", "--years", "1", "--data-dir", d]) == 0
    capsys.readouterr()
    assert main(["demo", "--years", "1", "--data-dir", d]) == 1
    assert "already holds entries" in one_sentence(capsys.readouterr().err)


def test_newer_schema_refused_by_every_command(tmp_path, capsys):
    d = tmp_path / "d"
    assert main(["check", "--data-dir", str(d)]) == 1  # no diary yet
    assert main(["backup", "--data-dir", str(d)]) == 0  # creates and backs up
    conn = sqlite3.connect(d / "fibrodesk.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    capsys.readouterr()
    for args in (["check"], ["demo"], ["backup"]):
        assert main([*args, "--data-dir", str(d)]) == 1
        assert "newer version of FibroDesk" in one_sentence(capsys.readouterr().err)


def test_check_reports_a_file_that_is_not_a_diary(tmp_path, capsys):
    d = tmp_path / "d"
    d.mkdir()
    (d / "fibrodesk.sqlite3").write_bytes(b"hello, I am a text file\n" * 100)
    assert main(["check", "--data-dir", str(d)]) == 1
    assert "not a FibroDesk diary" in one_sentence(capsys.readouterr().err)


def test_second_copy_is_refused_while_the_first_holds_the_lock(tmp_path):
    d = tmp_path / "d"
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys; from pathlib import Path; from fibrodesk.app import acquire_lock\n"
                f"lock = acquire_lock(Path({str(d)!r})); print('locked', flush=True); sys.stdin.read()"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            result = run("demo", "--years", "1", "--data-dir", str(d))
            assert result.returncode == 1
            err = one_sentence(result.stderr)
            assert "already open in another FibroDesk window" in err
            assert str(d) in err  # where, not a process number
            assert str(holder.pid) not in err.replace(str(d), "") and "process" not in err
        finally:
            holder.kill()  # SIGKILL: the lock file stays behind, as after a crash
            holder.wait()
    # The holder was killed: its lock is stale and the next copy takes it over.
    result = run("demo", "--years", "1", "--data-dir", str(d))
    assert result.returncode == 0, result.stderr
    assert "Added a 1-year sample diary" in result.stdout


def test_unreadable_data_folder(tmp_path, capsys, monkeypatch):
    """Root reads every folder, so the permission answer is simulated where it is asked."""
    import fibrodesk.paths

    d = tmp_path / "locked"
    d.mkdir()
    monkeypatch.setattr(fibrodesk.paths.os, "access", lambda path, mode: False)
    assert main(["backup", "--data-dir", str(d)]) == 1
    assert "cannot be read" in one_sentence(capsys.readouterr().err)


def test_unexpected_bug_is_one_sentence_and_logged(tmp_path, capsys, monkeypatch):
    import fibrodesk.app as app

    def boom(data_dir: Path, args: object) -> int:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setitem(app.COMMANDS, "check", boom)
    assert main(["check", "--data-dir", str(tmp_path)]) == 70
    err = one_sentence(capsys.readouterr().err)
    assert "unexpected error" in err and "simulated bug" in err


def test_missing_window_libraries_are_named_in_one_sentence(monkeypatch, tmp_path, capsys):
    import ctypes

    import fibrodesk.app as app

    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    loaded = []

    def dlopen(name: str) -> object:  # the system lacks only libxcb-cursor
        if name.startswith("libxcb-cursor."):
            raise OSError(f"{name}: cannot open shared object file")
        loaded.append(name)
        return object()

    monkeypatch.setattr(ctypes, "CDLL", dlopen)
    assert main(["--data-dir", str(tmp_path / "d")]) == 1
    err = one_sentence(capsys.readouterr().err)
    assert "libxcb-cursor0" in err and "sudo apt install" in err
    assert "libxcb-icccm4" not in err and len(loaded) == 3
    assert not (tmp_path / "d").exists()  # nothing was created before saying so


def test_no_library_check_off_screen_or_without_x11(monkeypatch):
    import fibrodesk.app as app

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_window_libraries() == []
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert app.missing_window_libraries() == []


@pytest.mark.parametrize(
    "argv, data_dir",
    [
        ([], None),
        (["--data-dir", "/d/x"], "/d/x"),
        (["--data-dir=/d/x"], "/d/x"),
        (["--data-dir", "-x"], "full parser"),  # looks like an option: argparse decides
        (["--data-dir"], "full parser"),
        (["--data-dir="], "full parser"),
        (["check"], "full parser"),
        (["--data-dir", "/d/x", "check"], "full parser"),
        (["--help"], "full parser"),
    ],
)
def test_the_window_start_is_parsed_like_the_full_parser(argv, data_dir):
    """The everyday start skips building the whole parser; it must read what argparse
    reads, and leave everything else to argparse."""
    from fibrodesk.app import _window_start, build_parser

    fast = _window_start(argv)
    if data_dir == "full parser":
        assert fast is None
        return
    assert fast is not None
    full = build_parser().parse_args(argv)
    assert (fast.command, fast.data_dir) == (full.command, full.data_dir) == (None, data_dir)
