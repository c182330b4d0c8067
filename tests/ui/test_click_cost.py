"""What one click on the body map costs the diary, on a generated ten-year diary.

The click runs one operation in one transaction, and the Today page refreshes once, only
what the change touched: the day's entries, the entry's marks and the remembered
intensity. Before the one refresh channel, the same click ran 16 statements (the page
reloaded through the ``changed`` signal and again through the command's callback, and
read the remembered intensity five times).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt

from fibrodesk.core.clock import now
from fibrodesk.db.demo import generate_demo
from fibrodesk.db.models import PainMark, db
from fibrodesk.ui.today_page import TodayPage


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement the diary's connection runs meanwhile (SQLite's trace hook)."""
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        db.connection().set_trace_callback(None)


@pytest.fixture
def ten_years(qtbot, window) -> TodayPage:  # type: ignore[no-untyped-def]
    generate_demo(years=10, seed=1, end=now().date())
    page = window.show_page("today")
    assert isinstance(page, TodayPage)
    page.set_day(now().date())
    return page


def click(qtbot, page: TodayPage, region: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.body_map.regionClicked, timeout=1000):
        qtbot.mouseClick(
            page.body_map, Qt.MouseButton.LeftButton, pos=page.body_map.region_center(region)
        )


def test_one_click_on_a_ten_year_diary(qtbot, ten_years: TodayPage) -> None:
    page = ten_years
    assert page.entries  # the demo's today has an entry: the click adds to it
    region = next(r for r in ("thigh_back_left", "shin_left", "foot_left") if r not in page.marks)
    before = PainMark.select().count()
    with statements() as seen:
        click(qtbot, page, region)
    assert PainMark.select().count() == before + 1 and page.marks[region].intensity == 5
    verbs = [s.split(None, 1)[0].upper() for s in seen]
    # BEGIN, the region's mark (none yet), INSERT, COMMIT; then the one refresh: the
    # day's entries, the entry's marks, the remembered intensity.
    assert verbs == ["BEGIN", "SELECT", "INSERT", "COMMIT", "SELECT", "SELECT", "SELECT"], seen
    assert sum("setting" in s for s in seen) == 1


def test_the_first_click_of_an_empty_day(qtbot, ten_years: TodayPage) -> None:
    page = ten_years
    page.new_entry_button.setFocus()
    page.set_day(page.day.replace(year=page.day.year - 20))  # before the diary began
    assert not page.entries
    with statements() as seen:
        click(qtbot, page, "calf_left")
    verbs = [s.split(None, 1)[0].upper() for s in seen]
    # One transaction makes the entry and its mark; then the one refresh.
    assert verbs.count("BEGIN") == 1 and verbs.count("COMMIT") == 1
    assert verbs.count("INSERT") == 2 and len(seen) == 9, seen
