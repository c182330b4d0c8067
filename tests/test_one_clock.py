"""One clock: today's date and the current time come only from fibrodesk.core.clock.

Nothing else in fibrodesk/ asks the computer for the time, so a test (or a demo) sets the
day for the whole app with ``clock.set_clock``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fibrodesk.core import clock

PACKAGE = Path(__file__).resolve().parent.parent / "fibrodesk"
READS_THE_CLOCK = re.compile(
    r"\b(date\.today|datetime\.(now|today|utcnow)|QDate\.currentDate"
    r"|QDateTime\.currentDateTime|QTime\.currentTime)\("
)

# No call site is left outside core/clock.py (issue 10 point 7).
NOT_YET: dict[str, int] = {}


def test_nothing_but_core_clock_reads_the_clock():
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == "core/clock.py":
            continue
        count = len(READS_THE_CLOCK.findall(path.read_text("utf-8")))
        if count:
            found[name] = count
    over = {n: c for n, c in found.items() if c > NOT_YET.get(n, 0)}
    assert over == {}, "use fibrodesk.core.clock.now() / today()"


@pytest.fixture
def tuesday():  # type: ignore[no-untyped-def]
    clock.set_clock(datetime(2026, 3, 3, 9, 30))
    yield date(2026, 3, 3)
    clock.set_clock(None)


def test_the_clock_can_be_set(tuesday):
    assert clock.today() == tuesday
    assert clock.now().utcoffset() is not None  # still local time with its offset
    assert clock.now().hour == 9


def test_the_today_page_follows_the_set_clock(tuesday, qtbot, window):  # type: ignore[no-untyped-def]
    page = window.show_page("today")  # built after the clock was set
    assert page.day == tuesday and page.day_title.text() == "Today"
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.day_title.text() == "Monday 2 March 2026"
