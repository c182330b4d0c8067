"""``fibrodesk import-weather``: a downloaded CSV into the diary from the command line,
the mapping shown and changeable, ambiguous dates asked for, bad files told in one
sentence, and no socket opened during the whole command (issue 15 point 4)."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.app import main

METEOSTAT = b"""date,tavg,tmin,tmax,prcp,snow,wdir,wspd,wpgt,pres,tsun
2026-03-01,4.2,1.0,7.9,0.0,,250,11.2,,1016.4,
2026-03-02,5.0,2.1,8.3,1.2,,240,14.0,,1009.8,
"""


@pytest.fixture
def no_socket(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Creating or connecting any socket, or looking up a name, raises and is recorded."""
    attempts: list[str] = []

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(what)
            raise AssertionError(f"the weather import used the network: {what}")

        return blocked

    monkeypatch.setattr(socket, "socket", refuse("socket.socket"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return attempts


def _weather(data_dir: Path) -> list[tuple[date, float | None, float | None, str]]:
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.triggers import weather_between

    open_diary(data_dir)
    try:
        return [
            (w.day, w.pressure_hpa, w.temperature_c, w.source)
            for w in weather_between(date(2000, 1, 1), date(2100, 1, 1))
        ]
    finally:
        close_diary()


def test_the_command_imports_and_opens_no_socket(
    no_socket: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_bytes(METEOSTAT)
    data_dir = tmp_path / "diary"
    assert main(["import-weather", str(csv), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Dates from 'date' (iso); pressure from 'pres' (hPa); temperature from 'tavg' (degC).",
        "Weather of 2 days read, 2026-03-01 to 2026-03-02; 2 days added or changed (days "
        "typed by hand keep their values).",
    ]
    assert no_socket == []
    assert _weather(data_dir) == [
        (date(2026, 3, 1), 1016.4, 4.2, "imported"),
        (date(2026, 3, 2), 1009.8, 5.0, "imported"),
    ]


def test_options_change_the_mapping_and_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_bytes(METEOSTAT)
    data_dir = tmp_path / "diary"
    args = ["import-weather", str(csv), "--data-dir", str(data_dir)]
    assert (
        main([*args, "--temperature-column", "tmax", "--pressure-column", "none", "--dry-run"]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Dates from 'date' (iso); pressure none; temperature from 'tmax' (degC).",
        "2 days of weather, 2026-03-01 to 2026-03-02; nothing written.",
    ]
    assert not data_dir.exists() or _weather(data_dir) == []


def test_ambiguous_dates_are_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "station.csv"
    csv.write_bytes(b"Date;Pressure (hPa)\n01.03.2026;1013,2\n02.03.2026;1011,0\n")
    data_dir = tmp_path / "diary"
    args = ["import-weather", str(csv), "--data-dir", str(data_dir)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "no day in the file is above 12" in err and "--dates day_first" in err
    assert "Traceback" not in err
    assert main([*args, "--dates", "day_first"]) == 0
    assert [row[:2] for row in _weather(data_dir)] == [
        (date(2026, 3, 1), 1013.2),
        (date(2026, 3, 2), 1011.0),
    ]


@pytest.mark.parametrize(
    ("data", "options", "start"),
    [
        (b"", [], "The file is empty"),
        (b"2026-03-01,1013\n", [], "The file has no header row"),
        (
            b"date,pressure\n2026-03-01,29.9\n",
            ["--pressure-unit", "hPa"],  # 29.9 is inHg, as the suggestion said
            "Most pressure values are not plausible in hPa",
        ),
    ],
)
def test_a_bad_file_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, options: list[str], start: str
) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_bytes(data)
    args = ["import-weather", str(csv), *options, "--data-dir", str(tmp_path / "d")]
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(start) and "\n" not in err


def test_an_unknown_column_names_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_bytes(b"date,pres\n2026-03-01,1000\n")
    args = ["import-weather", str(csv), "--pressure-column", "baro", "--data-dir", str(tmp_path)]
    assert main(args) == 1
    assert capsys.readouterr().err.strip() == (
        "The file has no column 'baro': its columns are 'date', 'pres'."
    )


def test_the_guard_would_catch_a_connection(no_socket: list[str]) -> None:
    """The fixture above is no empty promise: a connection attempt is caught."""
    with pytest.raises(AssertionError, match="used the network"):
        socket.create_connection(("weather.example", 443))
    with pytest.raises(AssertionError):
        socket.socket()
    assert no_socket == ["socket.create_connection", "socket.socket"]
    no_socket.clear()
