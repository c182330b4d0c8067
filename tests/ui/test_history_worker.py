"""The History page's patterns worked out on a worker thread: the graphs are drawn at
once while the patterns box says it is looking; only the range shown gets its patterns;
closing the window while they are worked out ends cleanly.

The work is made to wait on a :class:`threading.Event` the test sets: no timing."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from fibrodesk.progress import Cancelled
from fibrodesk.ui import history_cache, history_worker

THREAD = "fibrodesk-history-patterns"


@pytest.fixture
def shown(qtbot, tmp_path: Path, demo_template: Path) -> Iterator:  # type: ignore[no-untyped-def]
    from fibrodesk.app import build_main_window
    from fibrodesk.db.database import close_diary

    folder = tmp_path / "diary"
    shutil.copytree(demo_template, folder)
    win = build_main_window(folder)
    qtbot.addWidget(win)
    win.resize(1280, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    close_diary()


class Gate:
    """Stands in for :func:`history_cache.work_out`: each request waits until the test
    releases it (by its range, or by the order it was asked in), then works its patterns
    out for real. With ``heed_stop`` False it goes on when told to stop, as if the stop
    came too late, to show that its result is dropped all the same."""

    def __init__(self, heed_stop: bool = True) -> None:
        self.heed_stop = heed_stop
        self.asked: list[tuple] = []
        self.events: list[threading.Event] = []
        self.released: set[tuple] = set()
        self.lock = threading.Lock()

    def release(self, key: tuple) -> None:
        """Let every request for the range ``key`` go on, asked already or later."""
        with self.lock:
            self.released.add(key)

    def release_ask(self, index: int) -> None:
        """Let the ``index``-th request go on."""
        with self.lock:
            self.events[index].set()

    def __call__(self, data, stop):  # type: ignore[no-untyped-def]
        key = (data.start, data.end)
        event = threading.Event()
        with self.lock:
            self.asked.append(key)
            self.events.append(event)
        while not (event.wait(0.01) or key in self.released):  # polled: a stop is heard
            if self.heed_stop and stop():
                raise Cancelled("stopped")
        return history_cache.work_out(data)


def recording(page, monkeypatch) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Every list of sentences the patterns box is given from now on."""
    written: list[list[str]] = []
    show = page.insights_box.show_patterns

    def record(insights, episodes):  # type: ignore[no-untyped-def]
        written.append([i.sentence for i in insights])
        show(insights, episodes)

    monkeypatch.setattr(page.insights_box, "show_patterns", record)
    return written


def settled(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page._insights_pending, timeout=20_000)


def shown_patterns(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.insights_label.text().splitlines()


def expected_patterns(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The sentences of the range shown, worked out here on the window's thread."""
    (insights, _episodes), _treatments = history_cache.work_out(page.data)
    return [i.sentence for i in insights]


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_graphs_are_drawn_while_the_patterns_are_worked_out(qtbot, shown, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = shown.show_page("history")
    settled(qtbot, page)
    gate = Gate()
    monkeypatch.setattr(history_worker, "work_out", gate)
    paints = Paints()
    viewport = page.panels["overall_pain"].widget.viewport()
    viewport.installEventFilter(paints)

    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    start, end = page.range_dates()
    assert (page.data.start, page.data.end) == (start, end)
    assert page.insights_label.text() == "Looking for patterns in this range…"
    # The window goes on: the graphs of the year are painted while the work waits.
    qtbot.waitUntil(lambda: paints.count > 0, timeout=10_000)
    qtbot.waitUntil(lambda: gate.asked == [(start, end)])  # the work has begun
    assert page._insights_pending
    assert page.insights_label.text() == "Looking for patterns in this range…"

    with qtbot.waitSignal(page.insightsUpdated, timeout=20_000):
        gate.release((start, end))
    assert shown_patterns(page) == expected_patterns(page)
    assert page.insights_box.treatments_label.text() != "…"
    # Back to the year later: kept, shown at once, not worked out again.
    qtbot.mouseClick(page.range_buttons["30d"], Qt.MouseButton.LeftButton)
    gate.release(page.range_dates())
    settled(qtbot, page)
    with qtbot.waitSignal(page.insightsUpdated, timeout=5000):
        qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    assert gate.asked.count((start, end)) == 1
    assert shown_patterns(page) == expected_patterns(page)


def test_two_quick_switches_show_the_second_ranges_patterns_only(qtbot, shown, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = shown.show_page("history")
    settled(qtbot, page)
    gate = Gate(heed_stop=False)  # the first range's work runs to its end regardless
    monkeypatch.setattr(history_worker, "work_out", gate)
    written = recording(page, monkeypatch)

    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    first = page.range_dates()
    qtbot.mouseClick(page.range_buttons["30d"], Qt.MouseButton.LeftButton)
    second = page.range_dates()
    assert first != second
    assert page.insights_label.text() == "Looking for patterns in this range…"

    # The second range's patterns come in first...
    with qtbot.waitSignal(page.insightsUpdated, timeout=20_000):
        gate.release(second)
    expected = expected_patterns(page)
    assert shown_patterns(page) == expected
    # ...then the first range's, which are dropped.
    gate.release(first)
    # The window takes in the first range's finished work (and drops it).
    qtbot.waitUntil(lambda: not page.patterns_worker._alive, timeout=20_000)
    assert written == [expected]
    assert shown_patterns(page) == expected
    assert (page.data.start, page.data.end) == second


def test_a_change_in_the_diary_drops_the_patterns_worked_out_before_it(
    qtbot, shown, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db import triggers

    page = shown.show_page("history")
    settled(qtbot, page)
    gate = Gate(heed_stop=False)
    monkeypatch.setattr(history_worker, "work_out", gate)
    written = recording(page, monkeypatch)
    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    key = page.range_dates()
    qtbot.waitUntil(lambda: gate.asked == [key])
    day = key[1]
    shown.ctx.perform(lambda: triggers.set_tag(day, "stress", True))
    # The range is asked for again, on the changed diary.
    qtbot.waitUntil(lambda: gate.asked == [key, key])
    with qtbot.waitSignal(page.insightsUpdated, timeout=20_000):
        gate.release_ask(1)
    expected = expected_patterns(page)
    assert shown_patterns(page) == expected
    # The patterns of the diary before the change end later: dropped, never shown.
    gate.release_ask(0)
    qtbot.waitUntil(lambda: not page.patterns_worker._alive, timeout=20_000)
    assert written == [expected]
    assert page.cache.patterns(page.data)[0] == page.insights


def test_closing_the_window_while_the_patterns_are_worked_out_ends_cleanly(
    qtbot, shown, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from fibrodesk.db.database import close_diary

    page = shown.show_page("history")
    settled(qtbot, page)
    gate = Gate()
    monkeypatch.setattr(history_worker, "work_out", gate)
    qtbot.mouseClick(page.range_buttons["all"], Qt.MouseButton.LeftButton)
    assert page.patterns_worker.running()
    assert any(t.name == THREAD for t in threading.enumerate())

    shown.close()  # the work is told to stop and waited for: no thread reads the diary
    assert not any(t.name == THREAD for t in threading.enumerate())
    assert not page.patterns_worker.running()
    close_diary()
    QApplication.processEvents()  # the stopped work's end reaches the window: nothing shown
    assert page.insights_label.text() == "Looking for patterns in this range…"


def test_a_restore_stops_the_pattern_work_before_the_file_is_replaced(
    qtbot, shown, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The patterns only read: their job is one of the readers a restore stops (and
    waits for) before it puts a backup in the diary's place, like a report's."""
    from fibrodesk.ui import long_work

    page = shown.show_page("history")
    settled(qtbot, page)
    gate = Gate()
    monkeypatch.setattr(history_worker, "work_out", gate)
    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(gate.asked) == 1)
    job = page.patterns_worker.job
    assert job is not None and not job.done
    assert job in long_work._READERS, "the pattern work is not known as a reader"
    long_work.stop_readers()  # what the Backups dialog does before a restore
    assert job.done
