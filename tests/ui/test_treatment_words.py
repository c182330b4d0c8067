"""Typed doses and times of day, read as the Treatments dialog reads them."""

from __future__ import annotations

import pytest

from fibrodesk.ui.treatment_words import parse_amount, parse_times, times_text


@pytest.mark.parametrize(
    ("typed", "read"),
    [("", None), ("  ", None), ("400", 400.0), ("2,5", 2.5), (" 0.25 ", 0.25), ("1e3", 1000.0)],
)
def test_amounts_read(typed: str, read: float | None) -> None:
    assert parse_amount(typed) == read


@pytest.mark.parametrize("typed", ["0", "-5", "abc", "nan", "inf", "1e400", "4OO"])
def test_amounts_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("", ()),
        ("08:00", ("08:00",)),
        ("8:00, 20:00", ("08:00", "20:00")),
        ("20:00;8:00; 08:00", ("08:00", "20:00")),  # sorted, each once
        ("0:00 23:59", ("00:00", "23:59")),
    ],
)
def test_times_read(typed: str, read: tuple[str, ...]) -> None:
    assert parse_times(typed) == read


@pytest.mark.parametrize(
    "typed", ["24:00", "12:60", "8", "8:0", "08:00pm", "noon", "123:00", "-1:00"]
)
def test_times_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_times(typed)


def test_times_written_back_as_typed() -> None:
    assert times_text(("08:00", "20:00")) == "08:00; 20:00"
