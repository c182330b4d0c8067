"""Long commands show a progress line on stderr when stderr is a terminal, and nothing
when it is not (issue 16 point 6); progress can cancel an export or a backup and leaves
nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fibrodesk.db.backup import backup_now
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io.export import export_diary
from fibrodesk.progress import Cancelled, TerminalLine
from tests.io.fixtures.sample import build_sample

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    open_diary(tmp_path / "diary")
    build_sample()
    export_diary("json", tmp_path / "sample.json")
    close_diary()
    return tmp_path


def _commands(tmp: Path) -> dict[str, list[str]]:
    diary = str(tmp / "diary")
    return {
        "Exporting": [
            "export",
            "--format",
            "json",
            "--out",
            str(tmp / "o.json"),
            "--data-dir",
            diary,
        ],
        "Importing": ["import", str(tmp / "sample.json"), "--data-dir", str(tmp / "other")],
        "Backing up": ["backup", "--out", str(tmp / "b.sqlite3"), "--data-dir", diary],
        "Restoring": ["restore", str(tmp / "b.sqlite3"), "--data-dir", str(tmp / "restored")],
    }


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def test_no_progress_when_stderr_is_not_a_terminal(filled: Path) -> None:
    for what, args in _commands(filled).items():
        done = subprocess.run(
            [sys.executable, "-m", "fibrodesk", *args], capture_output=True, text=True, env=_env()
        )
        assert (done.returncode, done.stderr) == (0, ""), what
        assert "…" not in done.stdout and "%" not in done.stdout, what


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are Unix only")
def test_a_progress_line_when_stderr_is_a_terminal(filled: Path) -> None:
    import pty

    for what, args in _commands(filled).items():
        master, slave = pty.openpty()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "fibrodesk", *args],
                stdout=subprocess.PIPE,
                stderr=slave,
                text=True,
                env=_env(),
            )
            os.close(slave)
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the terminal's other end is closed: all was read
                    break
                if not chunk:
                    break
                seen += chunk
        finally:
            os.close(master)
        text = seen.decode("utf-8")
        assert done.returncode == 0, (what, text)
        assert f"\r{what}… 100 %" in text, (what, text)
        assert text.endswith("\r\033[K"), what  # the line is wiped once the work is done
        assert "%" not in done.stdout, what  # the result on stdout stays clean


def test_the_line_is_drawn_at_most_every_tenth_of_a_second_but_always_at_the_end() -> None:
    class Screen:
        text = ""

        def write(self, part: str) -> None:
            self.text += part

        def flush(self) -> None:
            pass

    screen = Screen()
    line = TerminalLine("Exporting", screen)  # type: ignore[arg-type]
    for done in range(1, 1001):
        assert line(done, 1000) is True
    assert screen.text.startswith("\rExporting…   0 %")
    assert screen.text.endswith("\rExporting… 100 %")
    assert screen.text.count("\r") < 100
    line.close()
    assert screen.text.endswith("\r\033[K")


def test_a_cancelled_export_leaves_the_old_file_and_no_part(diary: Path, tmp_path: Path) -> None:
    build_sample()
    out = tmp_path / "out.json"
    out.write_bytes(b"the export of last week")
    for fmt, target in (("json", out), ("csv", tmp_path / "out.zip"), ("fhir", out)):
        if fmt == "csv":
            target.write_bytes(b"last week's zip")
        before = target.read_bytes()
        calls: list[int] = []

        def stop(done: int, total: int, calls: list[int] = calls) -> bool:
            calls.append(done)
            return len(calls) < 2  # the first report after the start says stop

        with pytest.raises(Cancelled) as caught:
            export_diary(fmt, target, progress=stop)
        assert "cancelled" in str(caught.value) and str(target) in str(caught.value)
        assert target.read_bytes() == before, fmt
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], fmt


def test_a_cancelled_backup_leaves_no_copy(diary: Path, tmp_path: Path) -> None:
    build_sample()
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(Cancelled):
        backup_now(diary, out=target, progress=lambda done, total: False)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    made = backup_now(diary, out=target, progress=lambda done, total: True)
    assert made == target and target.stat().st_size > 0
