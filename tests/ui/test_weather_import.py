"""Weather imported from a CSV file, driven as a person would from File > Import weather…:
choose the file, read its first lines, map its columns and units, see what will be
imported, import. A small real file in each unit; bad files get one plain sentence and
nothing is written; and no socket is opened on the way."""

from __future__ import annotations

import socket
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fibrodesk.db import triggers
from fibrodesk.ui import weather_import_dialog as wid
from fibrodesk.ui.weather_import_dialog import NO_COLUMN, WeatherImportDialog
from tests.conftest import activate

ALL = (date(2000, 1, 1), date(2100, 1, 1))

# Hand-worked: 29.92 inHg x 33.8639 = 1013.21 hPa; 30.10 inHg = 1019.30 hPa;
# 50 °F = (50 - 32) x 5/9 = 10.0 °C; 41 °F = 5.0 °C; 23 °F = -5.0 °C;
# 760 mmHg x 1.33322 = 1013.25 hPa; 745 mmHg = 993.25 hPa.
FILES = {
    "hpa_degc": (
        "date,pressure_hpa,temp_c\n2026-03-01,1012.5,7.5\n2026-03-02,1003.0,-2.5\n",
        "hPa",
        "°C",
        {date(2026, 3, 1): (1012.5, 7.5), date(2026, 3, 2): (1003.0, -2.5)},
    ),
    "inhg_degf": (
        "Date,Barometer,Outside temperature\n"
        "2026-03-01,29.92,50\n2026-03-02,30.10,41\n2026-03-03,29.92,23\n",
        "inHg",
        "°F",
        {
            date(2026, 3, 1): (1013.2, 10.0),
            date(2026, 3, 2): (1019.3, 5.0),
            date(2026, 3, 3): (1013.2, -5.0),
        },
    ),
    "mmhg_degc": (
        "day,station pressure,temperature\n2026-04-10,760,14\n2026-04-11,745,16.5\n",
        "mmHg",
        "°C",
        {date(2026, 4, 10): (1013.3, 14.0), date(2026, 4, 11): (993.3, 16.5)},
    ),
}


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the person was told in a message box, instead of the box."""
    said: list[str] = []
    monkeypatch.setattr(wid, "inform", lambda parent, sentence: said.append(sentence))
    return said


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to open a socket or look a name up, refused and counted."""
    tried: list[str] = []

    class NoSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            tried.append(f"socket{args}")
            raise OSError("no network in this test")

    def refuse(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            tried.append(f"{name}{args}")
            raise OSError("no network in this test")

        return call

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    return tried


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def choose(qtbot: Any, combo: Any, text: str) -> None:
    """Pick an item of a combo box with the keyboard, as a person would: the one that
    reads ``text`` (a column is shown as "name: first values")."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text or combo.currentText().startswith(f"{text}: "):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}")


def stored() -> dict[date, tuple[float | None, float | None, str]]:
    return {
        r.day: (r.pressure_hpa, r.temperature_c, r.source) for r in triggers.weather_between(*ALL)
    }


def walk_through(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, path: Path, steps: Any
) -> list[WeatherImportDialog]:
    """Open File > Import weather…; in the dialog, choose ``path`` and do ``steps``."""
    seen: list[WeatherImportDialog] = []
    monkeypatch.setattr(WeatherImportDialog, "ask_file", classmethod(lambda cls, parent: path))

    def run_dialog(dialog: WeatherImportDialog) -> int:
        seen.append(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        steps(dialog)
        return int(dialog.result())

    monkeypatch.setattr(WeatherImportDialog, "exec", run_dialog)
    action = window.findChild(type(window.cycle_action), "importWeatherAction")
    assert action is not None and action in window.file_menu.actions()
    action.trigger()
    assert len(seen) == 1
    return seen


@pytest.mark.parametrize("kind", list(FILES))
def test_a_small_file_in_each_unit_is_mapped_and_imported(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    no_network: list[str],
    kind: str,
) -> None:
    text, p_unit, t_unit, expected = FILES[kind]
    path = write(tmp_path, f"{kind}.csv", text)
    header = text.splitlines()[0].split(",")

    def steps(dialog: WeatherImportDialog) -> None:
        # The first rows are shown as they are in the file, as plain text.
        assert dialog.preview.toPlainText().splitlines() == text.splitlines()
        assert dialog.file_label.text() == str(path)
        first_dates = [line.split(",")[0] for line in text.splitlines()[1:3]]
        assert dialog.date_column.currentText() == f"{header[0]}: {', '.join(first_dates)}"
        # The person checks each column and says the units.
        choose(qtbot, dialog.date_column, header[0])
        choose(qtbot, dialog.pressure_column, header[1])
        choose(qtbot, dialog.temperature_column, header[2])
        choose(qtbot, dialog.pressure_unit, p_unit)
        choose(qtbot, dialog.temperature_unit, t_unit)
        count = len(expected)
        first, last = min(expected), max(expected)
        summary = dialog.status.text()
        assert summary.startswith(f"The file gives the weather of {count} days, from ")
        assert f"{first.day} " in summary and f"{last.year}." in summary
        assert dialog.import_button.isEnabled()
        assert stored() == {}  # nothing is written before Import
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    (dialog,) = walk_through(qtbot, window, monkeypatch, path, steps)
    assert dialog.imported == len(expected)
    assert told == [f"Imported the weather of {len(expected)} days."]
    got = stored()
    assert set(got) == set(expected)
    for day, (hpa, celsius) in expected.items():
        assert got[day][0] == pytest.approx(hpa, abs=1e-9)
        assert got[day][1] == pytest.approx(celsius, abs=1e-9)
        assert got[day][2] == "imported"
    assert no_network == []
    # Nor through Qt: its network module was never loaded.
    assert "PySide6.QtNetwork" not in sys.modules


def test_the_today_page_shows_an_imported_day(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    from fibrodesk.core.clock import today

    day = today()
    path = write(tmp_path, "w.csv", f"date,pressure hPa,temp °C\n{day.isoformat()},1001,3\n")
    activate(qtbot, window)
    page = window.show_page("today")
    page.tabs.setCurrentWidget(page.triggers)
    assert page.triggers.weather is not None
    assert page.triggers.weather.status.text() == "No weather for this day yet."

    def steps(dialog: WeatherImportDialog) -> None:
        assert dialog.import_button.isEnabled()  # header words guessed the columns
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert page.triggers.weather.pressure.text() == "1001.0"
    assert page.triggers.weather.temperature.text() == "3.0"
    assert "imported from a file" in page.triggers.weather.status.text()


def test_a_pressure_only_file(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    path = write(tmp_path, "p.csv", "when,hPa\n2026-05-01,1020\n")

    def steps(dialog: WeatherImportDialog) -> None:
        choose(qtbot, dialog.temperature_column, NO_COLUMN)
        choose(qtbot, dialog.pressure_column, "hPa")
        assert dialog.pressure_column.currentText() == "hPa: 1020"
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert stored() == {date(2026, 5, 1): (1020.0, None, "imported")}


BAD_FILES = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "empty": b"",
    "one column": b"just some words\nand more words\n",
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_is_not_weather_is_one_sentence_and_writes_nothing(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    no_network: list[str],
    kind: str,
) -> None:
    path = write(tmp_path, "bad.csv", BAD_FILES[kind])

    def steps(dialog: WeatherImportDialog) -> None:
        one_sentence(dialog.status.text())
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # does nothing
        dialog.reject()

    (dialog,) = walk_through(qtbot, window, monkeypatch, path, steps)
    assert dialog.imported == 0 and told == [] and stored() == {}
    assert no_network == []


@pytest.mark.parametrize(
    ("text", "unit", "sentence"),
    [
        # Pressures in inHg that the person says are hPa: the file says which unit fits.
        (
            "date,pressure,temp\n2026-03-01,29.92,5\n2026-03-02,30.01,6\n",
            "hPa",
            "Most pressure values are not plausible in hPa (the middle one would be 30.0): "
            "they look like inHg; choose that unit.",
        ),
        # No date anywhere.
        (
            "date,pressure,temp\n2026-13-45,1012,5\n",
            None,
            "No column of the file holds dates the app can read (such as 2026-03-01 or "
            "01.03.2026): check that it is a weather file with a date on each row.",
        ),
    ],
)
def test_a_file_that_does_not_fit_is_one_sentence_and_writes_nothing(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    text: str,
    unit: str | None,
    sentence: str,
) -> None:
    path = write(tmp_path, "bad.csv", text)

    def steps(dialog: WeatherImportDialog) -> None:
        if unit is not None:
            choose(qtbot, dialog.pressure_unit, unit)
        assert dialog.status.text() == sentence
        one_sentence(dialog.status.text())
        assert not dialog.import_button.isEnabled()
        dialog.reject()

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert told == [] and stored() == {}


def test_the_person_picks_the_unit_the_file_is_in(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    """A header that names no unit: the values are read as inHg once the person says so."""
    text = "date,pressure,temp\n2026-03-01,29.92,5\n2026-03-02,30.01,6\n"
    path = write(tmp_path, "w.csv", text)

    def steps(dialog: WeatherImportDialog) -> None:
        choose(qtbot, dialog.pressure_unit, "hPa")
        assert not dialog.import_button.isEnabled()
        choose(qtbot, dialog.pressure_unit, "inHg")
        assert dialog.import_button.isEnabled()
        assert "Pressure 1013.2 to 1016.3 hPa." in dialog.status.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    # 29.92 x 33.8639 = 1013.21 -> 1013.2; 30.01 x 33.8639 = 1016.26 -> 1016.3
    assert stored() == {
        date(2026, 3, 1): (1013.2, 5.0, "imported"),
        date(2026, 3, 2): (1016.3, 6.0, "imported"),
    }


def test_what_is_left_out_is_said_before_importing(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    text = "date,pressure hPa,temp C\n2026-03-01,1012,5\n2026-03-02,high,6\n"
    path = write(tmp_path, "w.csv", text)

    def steps(dialog: WeatherImportDialog) -> None:
        assert dialog.status.text() == (
            "The file gives the weather of 2 days, from Sunday 1 March 2026 to Monday 2 "
            "March 2026. "
            "Pressure 1012.0 to 1012.0 hPa. Temperature 5.0 to 6.0 °C. "
            "1 value not readable as a number left out."
        )
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert stored() == {
        date(2026, 3, 1): (1012.0, 5.0, "imported"),
        date(2026, 3, 2): (None, 6.0, "imported"),
    }


def test_ambiguous_dates_are_asked(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    text = "Date;Luftdruck (hPa)\n03.04.2026;1013,2\n04.04.2026;1011,0\n"
    path = write(tmp_path, "w.csv", text)

    def steps(dialog: WeatherImportDialog) -> None:
        assert dialog.date_order.currentText() == "choose how the dates are written"
        one_sentence(dialog.status.text())
        assert not dialog.import_button.isEnabled()
        choose(qtbot, dialog.date_order, "day first, like 31.03.2026")
        assert dialog.status.text().startswith(
            "The file gives the weather of 2 days, from Friday 3 April 2026 to Saturday 4 "
            "April 2026."
        )
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert stored() == {
        date(2026, 4, 3): (1013.2, None, "imported"),
        date(2026, 4, 4): (1011.0, None, "imported"),
    }


def test_a_day_typed_by_hand_keeps_its_weather(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    window.ctx.perform(lambda: triggers.save_weather(date(2026, 3, 2), 1001.0, 4.0))
    text, *_rest = FILES["hpa_degc"]
    path = write(tmp_path, "w.csv", text)

    def steps(dialog: WeatherImportDialog) -> None:
        assert dialog.status.text().endswith(
            "1 of these days already has weather you typed, which stays."
        ), dialog.status.text()
        assert dialog.import_button.text() == "&Import 1 day"
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    walk_through(qtbot, window, monkeypatch, path, steps)
    assert stored() == {
        date(2026, 3, 1): (1012.5, 7.5, "imported"),
        date(2026, 3, 2): (1001.0, 4.0, "typed"),
    }
    assert told == ["Imported the weather of 1 day."]


def one_sentence(text: str) -> None:
    """One plain sentence: words, one full stop at the end, no line break, no markup."""
    assert text and "\n" not in text and "<" not in text
    assert text.endswith("."), text
    assert text.count(". ") == 0, text


def test_the_dialog_fits_a_small_screen_at_a_large_font(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_fit import layout_problems

    app = QApplication.instance()
    font = app.font()
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(big)
    try:
        long_header = (
            "Date (local),Mean sea-level barometric pressure (inHg),Mean outside temperature (°F)"
        )
        path = write(tmp_path, "w.csv", f"{long_header}\n2026-03-01,29.92,50\n")
        dialog = WeatherImportDialog(window.ctx, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.open_file(path)
        QApplication.processEvents()
        dialog.adjustSize()
        QApplication.processEvents()
        minimum = dialog.minimumSizeHint()
        assert minimum.width() <= 1280 and minimum.height() <= 660
        assert dialog.width() <= 1280 and dialog.height() <= 660
        assert layout_problems(dialog) == []
    finally:
        app.setFont(font)


def test_an_import_the_disk_refuses_writes_nothing(
    qtbot: Any, window: Any, tmp_path: Path, faults: Any, told: list[str]
) -> None:
    from tests.faults import fail_each_write

    text, *_rest = FILES["hpa_degc"]
    path = write(tmp_path, "w.csv", text)
    banner: list[str] = []
    window.ctx.saveFailed.connect(banner.append)
    dialog = WeatherImportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(path)

    def check(n: int, code: int) -> None:
        assert len(set(banner)) == 1 and "\n" not in banner[0]
        banner.clear()
        assert dialog.status.text() == "The weather could not be written: nothing was imported."
        assert dialog.imported == 0 and dialog.isVisible()

    fail_each_write(
        faults,
        lambda: qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton),
        check=check,
    )
    assert set(stored()) == {date(2026, 3, 1), date(2026, 3, 2)}
    assert told == ["Imported the weather of 2 days."]
