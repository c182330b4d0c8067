"""The "already open" sentence says which diary and what to do, never a process number
(issue 13 point 7)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSysInfo

from fibrodesk.lock import locked_message

DIARY = Path("/home/ann/FibroDesk diary")


def test_a_window_on_this_computer() -> None:
    pid = os.getpid()
    said = locked_message(DIARY, (pid, QSysInfo.machineHostName(), "fibrodesk"))
    assert said.startswith(f"The diary in {DIARY} is already open in another FibroDesk window;")
    assert "switch to that window" in said and "close it" in said
    assert str(pid) not in said and "process" not in said
    assert said.count(".") >= 1 and "\n" not in said


def test_a_window_on_another_computer_names_that_computer() -> None:
    said = locked_message(DIARY, (4242, "kitchen-laptop", "fibrodesk"))
    assert str(DIARY) in said and "another computer (kitchen-laptop)" in said
    assert "close FibroDesk there" in said and "4242" not in said


def test_pyside_info_with_a_leading_ok_flag_reads_the_same() -> None:
    host = QSysInfo.machineHostName()
    assert locked_message(DIARY, (True, 999999, host, "x")) == locked_message(
        DIARY, (999999, host, "x")
    )


def test_no_lock_info_still_names_the_folder() -> None:
    said = locked_message(DIARY, None)
    assert str(DIARY) in said and "already open" in said
