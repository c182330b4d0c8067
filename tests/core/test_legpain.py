"""The leg pain of a day (domain.md s.7): the highest leg-region intensity, else no value."""

from __future__ import annotations

from datetime import date

import pytest

from fibrodesk.core.legpain import day_leg_pain, is_leg, leg_pain_by_day, leg_regions

D1, D2, D3 = date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)


def test_thirty_two_leg_regions_groin_to_sole() -> None:
    regions = leg_regions()
    assert len(regions) == 32
    for stem in ("groin", "thigh_front", "knee_inner", "calf", "heel", "sole", "foot_top"):
        assert f"{stem}_left" in regions and f"{stem}_right" in regions
    assert not is_leg("lower_back") and not is_leg("head") and not is_leg("hand_left")


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], None),  # no marks at all: no value
        ([("lower_back", 9), ("neck", 7)], None),  # only non-leg marks: no value
        ([("calf_left", 0)], 0),  # 0 is a real value
        ([("calf_left", 3), ("knee_inner_right", 7), ("shin_left", 5)], 7),  # highest, not mean
        ([("calf_left", 3), ("lower_back", 10)], 3),  # a back mark never counts
        ([("sole_right", 10), ("groin_left", 1)], 10),  # both ends of the leg table
        ([("calf_left", 4), ("calf_left", 6)], 6),  # two entries of one day
    ],
)
def test_day_leg_pain(marks: list[tuple[str, int]], expected: int | None) -> None:
    assert day_leg_pain(marks) == expected


def test_by_day_leaves_days_without_leg_marks_out() -> None:
    rows = [
        (D2, "calf_left", 2),
        (D1, "lower_back", 8),
        (D2, "knee_back_right", 6),
        (D3, "thigh_back_left", 0),
    ]
    assert leg_pain_by_day(rows) == {D2: 6, D3: 0}


def test_the_vectorised_form_gives_the_same_value_as_one_day() -> None:
    import numpy as np

    from fibrodesk.core.catalogue import catalogue
    from fibrodesk.core.legpain import leg_pain_of_days

    regions = tuple(catalogue().regions)
    days = [
        [],
        [("lower_back", 9), ("neck", 7)],
        [("calf_left", 0)],
        [("calf_left", 3), ("knee_inner_right", 7), ("shin_left", 5)],
        [("calf_left", 3), ("lower_back", 10)],
        [("sole_right", 10), ("groin_left", 1)],
    ]
    matrix = np.full((len(days), len(regions)), np.nan)
    for row, marks in enumerate(days):
        for region, value in marks:
            matrix[row, regions.index(region)] = value
    result = leg_pain_of_days(matrix, regions)
    expected = [day_leg_pain(marks) for marks in days]
    assert [None if np.isnan(v) else int(v) for v in result] == expected
    with pytest.raises(ValueError):
        leg_pain_of_days(matrix[:, :3], regions)
