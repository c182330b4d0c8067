"""Reading a weather CSV (issue 15 point 4): real export shapes (Meteostat daily, Open-Meteo
hourly with its metadata block, a home station with semicolons and decimal commas, a US
export in inHg and degF), units converted by hand, hourly rows averaged to a day, dates
in every order (ask when ambiguous), implausible values left out, one plain sentence for
each kind of bad file, and no socket opened by the whole flow."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.io import weather_csv
from fibrodesk.io.weather_csv import (
    ColumnMapping,
    WeatherCsvError,
    WeatherDay,
    convert,
    date_orders,
    guess_mapping,
    load,
    parse_table,
    read_table,
)

METEOSTAT = b"""date,tavg,tmin,tmax,prcp,snow,wdir,wspd,wpgt,pres,tsun
2026-03-01,4.2,1.0,7.9,0.0,,250,11.2,,1016.4,
2026-03-02,5.0,2.1,8.3,1.2,,240,14.0,,1009.8,
2026-03-03,,0.5,6.0,,,,,,1003.1,
"""

OPEN_METEO = """latitude,longitude,elevation,utc_offset_seconds,timezone,timezone_abbreviation
52.52,13.42,38.0,3600,Europe/Berlin,CET

time,temperature_2m (°C),surface_pressure (hPa)
2026-03-01T00:00,2.0,1010.0
2026-03-01T01:00,3.0,1011.0
2026-03-01T02:00,7.0,1015.0
2026-03-02T00:00,1.5,1000.5
""".encode()

STATION = """Datum;Luftdruck (hPa);Temperatur (°C)
01.03.2026 08:00;1013,2;5,4
01.03.2026 20:00;1011,0;3,0
13.03.2026 08:00;998,5;-1,5
""".encode()

US = b"""Date,Pressure (inHg),Temperature (F)
3/13/2026,29.92,50
3/14/2026,30.10,68
"""


def mapping(table: weather_csv.WeatherTable) -> ColumnMapping:
    return guess_mapping(table)


def test_meteostat_daily() -> None:
    table = parse_table(METEOSTAT)
    assert table.columns[9] == "pres" and table.delimiter == ","
    guessed = guess_mapping(table)
    assert guessed == ColumnMapping(0, "iso", 9, "hPa", 1, "degC")
    result = convert(table, guessed)
    assert result.days == (
        WeatherDay(date(2026, 3, 1), 1016.4, 4.2),
        WeatherDay(date(2026, 3, 2), 1009.8, 5.0),
        WeatherDay(date(2026, 3, 3), 1003.1, None),  # no mean temperature that day
    )
    assert result.skipped == () and result.rows_read == 3


def test_open_meteo_hourly_rows_are_averaged_to_a_day() -> None:
    # 1 March: temperature (2 + 3 + 7) / 3 = 4.0, pressure (1010 + 1011 + 1015) / 3 = 1012.0.
    table = parse_table(OPEN_METEO)
    assert table.columns == ("time", "temperature_2m (°C)", "surface_pressure (hPa)")
    assert table.line_numbers[0] == 5
    guessed = guess_mapping(table)
    assert guessed == ColumnMapping(0, "iso", 2, "hPa", 1, "degC")
    assert convert(table, guessed).days == (
        WeatherDay(date(2026, 3, 1), 1012.0, 4.0),
        WeatherDay(date(2026, 3, 2), 1000.5, 1.5),
    )


def test_home_station_semicolons_decimal_commas_day_first() -> None:
    # 1 March: (1013.2 + 1011.0) / 2 = 1012.1 hPa, (5.4 + 3.0) / 2 = 4.2 degC; 13 March
    # shows the dates are day-first.
    table = parse_table(STATION)
    assert table.delimiter == ";"
    assert date_orders(table, 0) == ("day_first",)
    guessed = guess_mapping(table)
    assert guessed == ColumnMapping(0, "day_first", 1, "hPa", 2, "degC")
    assert convert(table, guessed).days == (
        WeatherDay(date(2026, 3, 1), 1012.1, 4.2),
        WeatherDay(date(2026, 3, 13), 998.5, -1.5),
    )


def test_us_export_in_inches_of_mercury_and_fahrenheit() -> None:
    # 29.92 inHg x 33.8639 = 1013.21 -> 1013.2 hPa; 30.10 x 33.8639 = 1019.30 -> 1019.3;
    # 50 F = (50 - 32) x 5/9 = 10.0 C; 68 F = 20.0 C.
    table = parse_table(US)
    guessed = guess_mapping(table)
    assert guessed == ColumnMapping(0, "month_first", 1, "inHg", 2, "degF")
    assert convert(table, guessed).days == (
        WeatherDay(date(2026, 3, 13), 1013.2, 10.0),
        WeatherDay(date(2026, 3, 14), 1019.3, 20.0),
    )


@pytest.mark.parametrize(
    ("header", "value", "unit", "hpa"),
    [
        ("pressure", "760", "mmHg", 1013.3),  # 760 x 1.333224 = 1013.2502 -> 1013.3
        ("pressure", "101.3", "kPa", 1013.0),
        ("pressure", "1002.5", "hPa", 1002.5),
        ("pressure", "29.5", "inHg", 999.0),  # 29.5 x 33.8639 = 998.99 -> 999.0
        ("pressure (mbar)", "1002.5", "hPa", 1002.5),  # mbar is hPa
        ("pressure_mmHg", "750", "mmHg", 999.9),  # 750 x 1.333224 = 999.918 -> 999.9
    ],
)
def test_pressure_units_from_the_name_or_the_values(
    header: str, value: str, unit: str, hpa: float
) -> None:
    table = parse_table(f"date,{header}\n2026-03-01,{value}\n".encode())
    guessed = guess_mapping(table)
    assert guessed.pressure_unit == unit and guessed.temperature_column is None
    assert convert(table, guessed).days == (WeatherDay(date(2026, 3, 1), hpa, None),)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("cells", "orders"),
    [
        (["2026-03-01", "2026-03-13 14:00"], ("iso",)),
        (["2026/03/01T10:00:00+01:00"], ("iso",)),
        (["20260301", "2026031323"], ("iso",)),  # DWD: yyyymmdd and yyyymmddhh
        (["13.03.2026", "01.03.2026"], ("day_first",)),
        (["3/13/2026", "3/1/2026"], ("month_first",)),
        (["01/03/2026", "02/03/26"], ("day_first", "month_first")),  # ambiguous: ask
        (["31/13/2026"], ()),  # neither
        (["yesterday"], ()),
    ],
)
def test_date_orders(cells: list[str], orders: tuple[str, ...]) -> None:
    table = parse_table(("when,pressure\n" + "".join(f"{c},1000\n" for c in cells)).encode())
    assert date_orders(table, 0) == orders


def test_ambiguous_dates_are_asked_then_read_either_way() -> None:
    table = parse_table(b"date,pressure\n01/03/2026,1000\n02/03/2026,1010\n")
    guessed = guess_mapping(table)
    assert guessed.date_order is None
    with pytest.raises(WeatherCsvError, match="no day in the file is above 12"):
        convert(table, guessed)
    day_first = convert(table, ColumnMapping(0, "day_first", 1, "hPa", None, "degC"))
    assert [d.day for d in day_first.days] == [date(2026, 3, 1), date(2026, 3, 2)]
    month_first = convert(table, ColumnMapping(0, "month_first", 1, "hPa", None, "degC"))
    assert [d.day for d in month_first.days] == [date(2026, 1, 3), date(2026, 2, 3)]


# ------------------------------------------------------------------ values checked


def test_implausible_and_unreadable_values_are_left_out_and_said() -> None:
    # 1 March: 1005 and 2000 hPa (out of 870-1090): the day keeps 1005; 2 March: 99 degC
    # left out, "n/a" missing (not counted), "warm" not a number; a row without a date.
    table = parse_table(
        b"date,pressure,temperature\n"
        b"2026-03-01,1005,4\n"
        b"2026-03-01,2000,6\n"
        b"2026-03-02,1010,99\n"
        b"2026-03-02,n/a,warm\n"
        b"soon,1010,3\n"
    )
    result = convert(table, ColumnMapping(0, "iso", 1, "hPa", 2, "degC"))
    assert result.days == (
        WeatherDay(date(2026, 3, 1), 1005.0, 5.0),
        WeatherDay(date(2026, 3, 2), 1010.0, None),
    )
    assert result.skipped == (
        "1 row without a date the app can read left out.",
        "1 value not readable as a number left out.",
        "1 value of pressure outside 870-1090 hPa left out.",
        "1 value of temperature outside -60 to 60 degrees Celsius left out.",
    )


def test_missing_markers_are_not_values() -> None:
    table = parse_table(b"date;pressure;temp\n20260301;-999;-999\n20260302;1001,5;\n")
    result = convert(table, guess_mapping(table))
    assert result.days == (WeatherDay(date(2026, 3, 2), 1001.5, None),)
    assert result.skipped == ()


@pytest.mark.parametrize(
    ("text", "chosen", "sentence"),
    [
        (
            b"date,pressure\n2026-03-01,29.92\n2026-03-02,30.01\n",
            ColumnMapping(0, "iso", 1, "hPa", None, "degC"),
            "Most pressure values are not plausible in hPa (the middle one would be 30.0): "
            "they look like inHg; choose that unit.",
        ),
        (
            b"date,pressure\n2026-03-01,1013\n2026-03-02,1001\n",
            ColumnMapping(0, "iso", 1, "inHg", None, "degC"),
            # the middle of 1013 and 1001 is 1007; 1007 x 33.8639 = 34100.95 (shown 34100.9)
            "Most pressure values are not plausible in inHg (the middle one would be "
            "34100.9): they look like hPa; choose that unit.",
        ),
        (
            b"date,temp\n2026-07-01,88\n2026-07-02,95\n",
            ColumnMapping(0, "iso", None, "hPa", 1, "degC"),
            "Most temperature values are not plausible in degrees Celsius (the middle one "
            "would be 91.5): they look like degrees Fahrenheit; choose that unit.",
        ),
        (
            b"date,pressure\n2026-03-01,5\n2026-03-02,7\n",
            ColumnMapping(0, "iso", 1, "hPa", None, "degC"),
            "Most pressure values are not plausible in hPa (the middle one would be 6.0): "
            "check the column and its unit.",
        ),
        (
            b"date,pressure\n2026-03-01,1000\n",
            ColumnMapping(0, "iso", 1, "psi", None, "degC"),
            "The pressure unit 'psi' is not one the app knows: choose hPa (also mbar), "
            "inHg, mmHg or kPa.",
        ),
        (
            b"date,pressure\n2026-03-01,1000\n",
            ColumnMapping(0, "iso", None, "hPa", None, "degC"),
            "Choose the column with the air pressure or the temperature (or both): there "
            "is nothing to import without one.",
        ),
    ],
)
def test_nonsense_units_get_one_sentence(text: bytes, chosen: ColumnMapping, sentence: str) -> None:
    with pytest.raises(WeatherCsvError) as err:
        convert(parse_table(text), chosen)
    assert str(err.value) == sentence


# ------------------------------------------------------------------ bad files


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"", "The file is empty"),
        (b"\n  \n", "The file is empty"),
        (
            "Datum;Temperatur °C\n01.03.2026;4\n".encode("latin-1"),
            "The file is not UTF-8 text",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "This is not a CSV text file"),
        (b"2026-03-01,1013.2,4\n2026-03-02,1010.0,5\n", "The file has no header row"),
        (b"date\n2026-03-01\n", "No columns were found"),
        (b"date,pressure\n", "The file names its columns but has no rows"),
        (b"# only a comment\n", "The file holds no rows, only comments"),
        (b"name,colour\nanna,red\n", "No column of the file holds dates"),
    ],
)
def test_each_kind_of_bad_file_gets_one_plain_sentence(data: bytes, start: str) -> None:
    with pytest.raises(WeatherCsvError) as err:
        guess_mapping(parse_table(data))
    sentence = str(err.value)
    assert sentence.startswith(start)
    assert sentence.endswith(".") and "\n" not in sentence and "Traceback" not in sentence


def test_byte_order_marks_are_read(tmp_path: Path) -> None:
    text = "date,pressure\n2026-03-01,1000\n"
    for encoding, raw in (
        ("utf-8-sig", text.encode("utf-8-sig")),
        ("utf-16", text.encode("utf-16")),
    ):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(raw)
        table = read_table(path)
        assert table.columns == ("date", "pressure"), encoding


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(WeatherCsvError, match="cannot be read"):
        read_table(tmp_path / "missing.csv")


def test_short_rows_are_padded_and_blank_lines_skipped() -> None:
    table = parse_table(b"date,pressure,temp\n\n2026-03-01,1000\n\n2026-03-02,1001,3\n")
    assert table.rows == (("2026-03-01", "1000", ""), ("2026-03-02", "1001", "3"))
    assert table.line_numbers == (3, 5)
    assert table.sample(2) == ["3"]


# ------------------------------------------------------------------ never the network


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


def test_the_whole_import_flow_opens_no_socket(no_socket: list[str], tmp_path: Path) -> None:
    for name, data in (
        ("meteostat.csv", METEOSTAT),
        ("om.csv", OPEN_METEO),
        ("us.csv", US),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        table = read_table(path)
        guessed = guess_mapping(table)
        assert convert(table, guessed).days
        assert load(path).days
    assert no_socket == []


@pytest.mark.parametrize("module", ["weather_csv.py", "weather_values.py", "weather_cli.py"])
def test_the_modules_import_no_network_code(module: str) -> None:
    source = (Path(weather_csv.__file__).parent / module).read_text(encoding="utf-8")
    for name in ("socket", "urllib", "http", "requests", "QtNetwork", "ssl"):
        assert f"import {name}" not in source and f"from {name}" not in source
