"""FS severity bands, the duration from the date the pain began, the vectorised SSS, FIQR
and WPI of History, and FIQR sections with items missing: tables worked from
domain.md s.4-5 (Wolfe et al. 2015 and 2016; Bennett et al. 2009), edges included."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import numpy as np
import pytest

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.fiqr import fiqr, fiqr_less_reliable, fiqr_sections_missing, fiqr_totals
from fibrodesk.core.scoring import (
    fs_band,
    months_since,
    sss,
    sss_totals,
    wpi_area_matrix,
    wpi_areas,
)

D = dt.date
NAN = math.nan


# ---------------------------------------------------------------- FS band (Wolfe 2015)


@pytest.mark.parametrize(
    ("fs", "band"),
    [
        (0, "none"),
        (3, "none"),
        (4, "mild"),
        (7, "mild"),
        (8, "moderate"),
        (11, "moderate"),
        (12, "severe"),
        (19, "severe"),
        (20, "very severe"),
        (31, "very severe"),
    ],
)
def test_fs_bands_at_each_edge(fs: int, band: str) -> None:
    assert fs_band(fs) == band


@pytest.mark.parametrize("fs", [-1, 32, 3.5, True, None])
def test_an_fs_outside_0_31_is_refused(fs: object) -> None:
    with pytest.raises(ValueError):
        fs_band(fs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- duration (domain.md s.4)


@pytest.mark.parametrize(
    ("onset", "day", "months", "three_months"),
    [
        (D(2025, 1, 10), D(2025, 1, 10), 0, False),  # the day it began
        (D(2025, 1, 10), D(2025, 4, 9), 2, False),  # one day short of 3 months
        (D(2025, 1, 10), D(2025, 4, 10), 3, True),  # exactly 3 months
        (D(2025, 1, 31), D(2025, 4, 29), 2, False),  # month end: 30 April is the 3rd
        (D(2025, 1, 31), D(2025, 4, 30), 3, True),
        (D(2024, 11, 30), D(2025, 2, 27), 2, False),
        (D(2024, 11, 30), D(2025, 2, 28), 3, True),  # February's last day
        (D(2023, 11, 29), D(2024, 2, 29), 3, True),  # a leap year
        (D(2024, 12, 15), D(2025, 3, 15), 3, True),  # across a new year
        (D(2020, 5, 1), D(2025, 5, 1), 60, True),
        (D(2025, 5, 1), D(2025, 4, 1), 0, False),  # a day before the onset
    ],
)
def test_months_since_the_pain_began(
    onset: dt.date, day: dt.date, months: int, three_months: bool
) -> None:
    assert months_since(onset, day) == months
    assert (months_since(onset, day) >= 3) is three_months


# ---------------------------------------------------------------- SSS of many weeks


def test_sss_totals_equal_sss_for_every_answer_and_need_all_six() -> None:
    rows = list(itertools.product(range(4), range(4), range(4), (0, 1), (0, 1), (0, 1)))
    totals = sss_totals(np.array(rows, dtype=float))
    assert list(totals) == [sss(*row) for row in rows]
    some_blank = np.array([[3, 3, 3, 1, 1, NAN], [NAN] * 6, [0, 0, 0, 0, 0, 0]])
    np.testing.assert_array_equal(sss_totals(some_blank), [NAN, NAN, 0])


@pytest.mark.parametrize("row", [[4, 0, 0, 0, 0, 0], [0, 0, -1, 0, 0, 0], [0, 0, 0, 2, 0, 0]])
def test_sss_totals_refuse_answers_out_of_range(row: list[float]) -> None:
    with pytest.raises(ValueError):
        sss_totals(np.array([row], dtype=float))


# ---------------------------------------------------------------- FIQR of many questionnaires

FIQR_CASES = [
    [0] * 21,  # total 0
    [10] * 21,  # total 100: 90/3 + 20 + 100/2
    [5] * 21,  # total 50
    [3, 4, None, 5, 6, 7, 2, 1, 0, 5, 6, 7, 6, 5, None, 3, 2, 1, 8, 9, 4],
    [None] * 8 + [9] + [None, 10] + [None] * 9 + [1],  # one item per section
]


def test_fiqr_totals_equal_the_scalar_rule() -> None:
    matrix = np.array(FIQR_CASES, dtype=float)
    totals = fiqr_totals(matrix)
    expected = [fiqr(c[:9], c[9:11], c[11:]) for c in FIQR_CASES]
    np.testing.assert_allclose(totals, expected)
    assert totals[0] == 0 and totals[1] == pytest.approx(100) and totals[2] == pytest.approx(50)
    # The last: function 9 x 9 / 3 = 27, overall 10 x 2 = 20, symptoms 1 x 10 / 2 = 5.
    assert totals[4] == pytest.approx(52)


def test_a_fiqr_with_a_blank_section_has_no_total() -> None:
    blank_overall = [5] * 9 + [None, None] + [5] * 10
    assert np.isnan(fiqr_totals(np.array([blank_overall], dtype=float))[0])
    with pytest.raises(ValueError):
        fiqr_totals(np.array([[11] + [0] * 20], dtype=float))


@pytest.mark.parametrize(
    ("blanks", "missing", "less_reliable"),
    [
        ([], {"function": 0, "overall": 0, "symptoms": 0}, ()),
        ([0, 1], {"function": 2, "overall": 0, "symptoms": 0}, ()),  # two: still fine
        ([0, 1, 2], {"function": 3, "overall": 0, "symptoms": 0}, ("function",)),
        ([9, 10], {"function": 0, "overall": 2, "symptoms": 0}, ()),
        ([11, 12, 13, 20], {"function": 0, "overall": 0, "symptoms": 4}, ("symptoms",)),
        (
            [0, 1, 2, 11, 12, 13],
            {"function": 3, "overall": 0, "symptoms": 3},
            ("function", "symptoms"),
        ),
    ],
)
def test_a_section_with_more_than_two_items_missing_is_less_reliable(
    blanks: list[int], missing: dict[str, int], less_reliable: tuple[str, ...]
) -> None:
    items: list[float | None] = [5] * 21
    for i in blanks:
        items[i] = None
    assert fiqr_sections_missing(items) == missing
    assert fiqr_less_reliable(items) == less_reliable


# ---------------------------------------------------------------- WPI of many weeks


def test_wpi_area_matrix_counts_as_wpi_areas_does() -> None:
    regions = tuple(catalogue().regions)
    rng = np.random.default_rng(7)
    hurt = rng.random((40, len(regions))) < 0.1
    matrix = wpi_area_matrix(hurt, regions)
    areas = tuple(catalogue().wpi_areas)
    for week in range(hurt.shape[0]):
        painful = [regions[i] for i in np.flatnonzero(hurt[week])]
        assert {areas[a] for a in np.flatnonzero(matrix[week])} == set(wpi_areas(painful))
