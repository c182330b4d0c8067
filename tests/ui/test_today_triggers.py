"""The Today page's "Possible triggers" tab driven as a person would: chips clicked, an
own tag typed, the weather typed in each unit, cycle tracking switched on and a period
start marked. Each test checks what the screen shows and what the diary holds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from fibrodesk.core.clock import today
from fibrodesk.core.wording import one_decimal
from fibrodesk.db import triggers
from fibrodesk.ui.today_page import TodayPage
from fibrodesk.ui.today_triggers import TriggersTab
from tests.conftest import activate
from tests.faults import fail_each_write
from tests.ui.test_today_faults import said_nothing_was_saved

SUGGESTED = [
    "long standing",
    "long sitting",
    "stress",
    "poor sleep",
    "cold",
    "travel",
    "overexertion",
]


@pytest.fixture
def page(qtbot, window) -> TodayPage:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    return content


def open_tab(qtbot, page: TodayPage) -> TriggersTab:  # type: ignore[no-untyped-def]
    """Click the tab as a person would."""
    bar = page.tabs.tabBar()
    index = page.tabs.indexOf(page.triggers)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentWidget() is page.triggers
    assert page.triggers.tags is not None
    return page.triggers


def chip(tab: TriggersTab, name: str) -> QPushButton:
    assert tab.tags is not None
    return tab.tags.chips[name]


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def day_tags(day=None) -> set[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    day = day or today()
    return {(r.name, r.entry_id) for r in triggers.tags_between(day, day)}


# ------------------------------------------------------------------ tags


def test_the_tab_is_built_when_first_opened(qtbot, page: TodayPage) -> None:
    assert page.triggers.tags is None  # start-up pays nothing for it
    tab = open_tab(qtbot, page)
    assert [c.text() for c in tab.tags.chips.values()] == SUGGESTED
    assert not any(c.isChecked() for c in tab.tags.chips.values())
    assert tab.tags.summary.text() == "No tags on this day."


def test_clicking_chips_puts_tags_on_the_day_and_takes_them_off(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    click(qtbot, chip(tab, "stress"))
    click(qtbot, chip(tab, "poor sleep"))
    assert day_tags() == {("stress", None), ("poor sleep", None)}
    assert chip(tab, "stress").isChecked() and chip(tab, "poor sleep").isChecked()
    assert chip(tab, "stress").text() == "✓ stress"  # ticked in words, not by colour alone
    assert chip(tab, "cold").text() == "cold"
    assert tab.tags.summary.text() == "On this day: poor sleep, stress."

    click(qtbot, chip(tab, "stress"))
    assert day_tags() == {("poor sleep", None)}
    assert not chip(tab, "stress").isChecked()

    # Each click was one step on the page's undo stack.
    page.undo_action.trigger()
    assert day_tags() == {("stress", None), ("poor sleep", None)}
    assert chip(tab, "stress").isChecked()
    page.undo_action.trigger()
    page.undo_action.trigger()
    assert day_tags() == set()
    assert not any(c.isChecked() for c in tab.tags.chips.values())
    page.redo_action.trigger()
    assert day_tags() == {("stress", None)}


def test_an_own_tag_is_typed_added_and_kept_as_plain_text(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    name = "<b>R&R</b> hoovering"
    qtbot.keyClicks(tab.tags.own_edit, name)
    qtbot.keyClick(tab.tags.own_edit, Qt.Key.Key_Return)
    assert day_tags() == {(name, None)}
    assert tab.tags.own_edit.text() == ""
    own = chip(tab, name)
    assert own.isChecked()
    assert own.text() == "✓ <b>R&&R</b> hoovering"  # a & shown as itself, not a shortcut
    assert tab.tags.summary.textFormat() == Qt.TextFormat.PlainText
    assert name in tab.tags.summary.text()
    # The chip stays for the next day, not ticked there.
    click(qtbot, page.prev_button)
    assert not chip(tab, name).isChecked()
    assert day_tags(today() - timedelta(days=1)) == set()


def test_typing_a_suggested_tag_ticks_its_chip(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    qtbot.keyClicks(tab.tags.own_edit, "  Cold ")
    click(qtbot, tab.tags.add_button)
    assert day_tags() == {("cold", None)}
    assert chip(tab, "cold").isChecked()
    assert list(tab.tags.chips) == SUGGESTED


def test_an_empty_own_tag_is_one_sentence_and_writes_nothing(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    click(qtbot, tab.tags.add_button)
    assert tab.tags.summary.text() == "Type a tag in the box first, then press Add."
    assert day_tags() == set()
    assert [t.name for t in triggers.list_tags(include_hidden=True) if t.id] == []  # none made


def test_a_tag_on_one_entry(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    assert not tab.tags.scope_box.isVisibleTo(tab)  # no entry yet: the day only
    bmap = page.body_map
    qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.region_center("calf_left"))
    entry = page.current_entry()
    assert entry is not None
    page.tabs.setCurrentWidget(page.triggers)
    scope = tab.tags.scope_box
    assert scope.isVisibleTo(tab) and scope.count() == 2
    scope.setFocus()
    qtbot.keyClick(scope, Qt.Key.Key_Down)  # "Only the entry Entry, HH:MM"
    assert scope.currentData() == entry.id
    click(qtbot, chip(tab, "long standing"))
    assert day_tags() == {("long standing", entry.id)}
    assert f"On the entry {entry.label or 'Entry'}, {entry.time:%H:%M}: long standing." in (
        tab.tags.summary.text()
    )
    qtbot.keyClick(scope, Qt.Key.Key_Up)  # back to the whole day: not ticked there
    assert not chip(tab, "long standing").isChecked()


def test_undo_of_a_tag_on_another_day_shows_that_day(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    click(qtbot, page.prev_button)
    yesterday = today() - timedelta(days=1)
    click(qtbot, chip(tab, "travel"))
    click(qtbot, page.today_button)
    assert page.day == today() and not chip(tab, "travel").isChecked()
    page.undo_action.trigger()
    assert page.day == yesterday
    assert day_tags(yesterday) == set() and not chip(tab, "travel").isChecked()


# ------------------------------------------------------------------ weather typed


def stored_weather(day=None):  # type: ignore[no-untyped-def]
    day = day or today()
    rows = triggers.weather_between(day, day)
    return (rows[0].pressure_hpa, rows[0].temperature_c) if rows else None


def choose(qtbot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an item of a combo box with the keyboard, as a person would."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


@pytest.mark.parametrize(
    ("pressure", "p_unit", "temperature", "t_unit", "hpa", "celsius"),
    [
        ("1013", "hPa", "12.5", "°C", 1013.0, 12.5),
        ("29.92", "inHg", "50", "°F", 1013.21, 10.0),  # 29.92 x 33.8639; (50 - 32) x 5/9
        ("760", "mmHg", "-4", "°C", 1013.25, -4.0),  # 760 x 1.333224 = 1013.250
        ("998,5", "hPa", "", "°C", 998.5, None),
    ],
)
def test_weather_typed_by_hand_in_each_unit(
    qtbot, page: TodayPage, pressure, p_unit, temperature, t_unit, hpa, celsius
) -> None:
    tab = open_tab(qtbot, page)
    box = tab.weather
    choose(qtbot, box.pressure_unit, p_unit)
    choose(qtbot, box.temperature_unit, t_unit)
    qtbot.keyClicks(box.pressure, pressure)
    qtbot.keyClicks(box.temperature, temperature)
    click(qtbot, box.save_button)
    stored = stored_weather()
    assert stored is not None
    assert stored[0] == pytest.approx(hpa, abs=0.005)
    assert stored[1] == (None if celsius is None else pytest.approx(celsius, abs=0.005))
    assert box.status.text().startswith("Saved for this day: ")
    assert f"{one_decimal(hpa)} hPa" in box.status.text()


def test_a_stored_pressure_is_shown_in_the_unit_chosen(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    box = tab.weather
    qtbot.keyClicks(box.pressure, "1013.2")
    qtbot.keyClick(box.pressure, Qt.Key.Key_Return)
    choose(qtbot, box.pressure_unit, "inHg")
    assert box.pressure.text() == "29.92"
    assert page.ctx.settings.value("weather/pressure_unit") == "inHg"


@pytest.mark.parametrize(
    ("pressure", "temperature", "sentence"),
    [
        ("1O13", "", "The pressure is not a number: type it with digits, like 1013."),
        ("", "warm", "The temperature is not a number: type it with digits, like 12.5."),
        (
            "29.92",
            "",
            "29.92 hPa is not an air pressure (870 to 1090 hPa, 25.7 to 32.2 inHg): "
            "check the number and its unit.",
        ),
        ("", "75", "75 °C is outside -60 to 60 °C (-76 to 140 °F): check the number and its unit."),
        ("", "", "Type a pressure or a temperature first, then Save."),
    ],
)
def test_a_typing_slip_is_one_sentence_and_writes_nothing(
    qtbot, page: TodayPage, pressure, temperature, sentence
) -> None:
    tab = open_tab(qtbot, page)
    box = tab.weather
    qtbot.keyClicks(box.pressure, pressure)
    qtbot.keyClicks(box.temperature, temperature)
    click(qtbot, box.save_button)
    assert box.status.text() == sentence
    assert stored_weather() is None
    assert box.pressure.text() == pressure  # what was typed stays


def test_typed_weather_is_saved_when_the_day_changes(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    qtbot.keyClicks(tab.weather.temperature, "7")
    click(qtbot, page.prev_button)
    assert stored_weather(today()) == (None, 7.0)
    assert tab.weather.temperature.text() == ""


# ------------------------------------------------------------------ cycle


def nothing_about_cycles(window) -> bool:  # type: ignore[no-untyped-def]
    """No visible widget in the window says anything about a period or a cycle."""
    words = ("cycle", "period", "menstru")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        else:
            continue
        if any(w in text.lower() for w in words):
            return False
    return True


def test_cycle_tracking_is_off_by_default_and_shows_nothing(qtbot, page: TodayPage, window) -> None:
    tab = open_tab(qtbot, page)
    assert tab.cycle is None
    assert nothing_about_cycles(window)
    assert not window.cycle_action.isChecked()


def test_switch_cycle_on_and_mark_a_period_start(qtbot, page: TodayPage, window) -> None:
    tab = open_tab(qtbot, page)
    window.cycle_action.trigger()  # View > Track menstrual cycle
    assert triggers.cycle_enabled()
    assert tab.cycle is not None and tab.cycle.isVisibleTo(window)
    assert tab.cycle.cycle_day.text() == "Cycle day not known: mark the day a period starts."
    # The period started two days ago.
    click(qtbot, page.prev_button)
    click(qtbot, page.prev_button)
    click(qtbot, tab.cycle.started)
    start = today() - timedelta(days=2)
    assert triggers.period_starts(start, today()) == [start]
    assert tab.cycle.started.isChecked()
    assert tab.cycle.cycle_day.text() == "Cycle day 1, menstrual (cycle days 1-5)."
    click(qtbot, page.today_button)
    assert not tab.cycle.started.isChecked()
    assert tab.cycle.cycle_day.text() == "Cycle day 3, menstrual (cycle days 1-5)."

    page.undo_action.trigger()  # the mark goes, and the page shows its day
    assert page.day == start
    assert triggers.period_starts(start, today()) == []
    assert not tab.cycle.started.isChecked()

    window.cycle_action.trigger()  # off again: nothing about cycles anywhere
    QApplication.processEvents()
    assert not triggers.cycle_enabled()
    assert tab.cycle is None
    assert nothing_about_cycles(window)


# ------------------------------------------------------------------ a disk that refuses


@pytest.fixture
def told(window) -> list[str]:  # type: ignore[no-untyped-def]
    sentences: list[str] = []
    window.ctx.saveFailed.connect(sentences.append)
    return sentences


def test_a_chip_click_is_all_or_nothing(qtbot, page: TodayPage, window, faults, told) -> None:
    tab = open_tab(qtbot, page)

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert not chip(tab, "stress").isChecked()  # the chip shows what the diary holds
        assert page.undo_stack.count() == 0

    fail_each_write(faults, lambda: click(qtbot, chip(tab, "stress")), check=check)
    assert day_tags() == {("stress", None)} and chip(tab, "stress").isChecked()


def test_typed_weather_is_kept_when_the_disk_refuses(
    qtbot, page: TodayPage, window, faults, told
) -> None:
    tab = open_tab(qtbot, page)
    qtbot.keyClicks(tab.weather.pressure, "1002")

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert tab.weather.pressure.text() == "1002"  # what was typed stays on screen

    fail_each_write(faults, lambda: click(qtbot, tab.weather.save_button), check=check)
    assert stored_weather() == (1002.0, None)


def test_a_period_start_is_all_or_nothing(qtbot, page: TodayPage, window, faults, told) -> None:
    tab = open_tab(qtbot, page)
    window.cycle_action.trigger()
    assert tab.cycle is not None

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert not tab.cycle.started.isChecked()

    fail_each_write(faults, lambda: click(qtbot, tab.cycle.started), check=check)
    assert triggers.period_starts(today(), today()) == [today()]
    assert tab.cycle.started.isChecked()
    assert tab.cycle.cycle_day.text() == "Cycle day 1, menstrual (cycle days 1-5)."


def test_an_own_tag_can_be_taken_off_the_list(qtbot, page: TodayPage) -> None:
    tab = open_tab(qtbot, page)
    qtbot.keyClicks(tab.tags.own_edit, "gardening")
    qtbot.keyClick(tab.tags.own_edit, Qt.Key.Key_Return)
    click(qtbot, page.prev_button)  # on another day the chip is offered, not ticked
    own = chip(tab, "gardening")
    (forget,) = own.actions()  # its context menu (right-click, or the menu key)
    assert forget.text() == "Stop offering “gardening”"
    assert not chip(tab, "stress").actions()  # the suggested ones stay
    forget.trigger()
    assert "gardening" not in tab.tags.chips
    click(qtbot, page.next_button)  # the day it is on still shows it
    assert chip(tab, "gardening").isChecked()
    assert day_tags() == {("gardening", None)}
