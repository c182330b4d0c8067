"""Clinical rules, with cases worked by hand from the published definitions:
ACR 2016 (Wolfe et al. 2016), ACR 1990 tender points (Wolfe et al. 1990) and the FIQR
(Bennett et al. 2009). See domain.md s.1-5."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fibrodesk.core import scoring
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.fiqr_items import FIQR_FUNCTION_ITEMS, FIQR_OVERALL_ITEMS, FIQR_SYMPTOM_ITEMS
from fibrodesk.core.scoring import (
    DISCLAIMER,
    TENDER_POINTS_NEEDED,
    TENDER_POINTS_TOTAL,
    Acr2016Result,
    acr2016,
    acr2016_from_areas,
    criteria_sentence,
    fiqr,
    generalized_regions,
    sss,
    tender_point_count,
    wpi_areas,
    wpi_from_areas,
)

# ---------------------------------------------------------------- ACR 2016: WPI x SSS

# Body-map regions giving a known WPI; from WPI 4 up they cover at least 4 of 5 regions,
# so that only the WPI/SSS rule decides.
REGIONS_FOR_WPI = {
    # left upper, right upper, axial: 3 areas, 3 regions
    3: ["shoulder_left", "shoulder_right", "neck"],
    # + right lower: 4 areas, 4 regions
    4: ["shoulder_left", "shoulder_right", "neck", "calf_right"],
    # + left lower, a second left upper area: 6 areas, 5 regions
    6: ["shoulder_left", "shoulder_right", "neck", "calf_right", "buttock_left", "upper_arm_left"],
    # + lower back: 7 areas, 5 regions
    7: [
        "shoulder_left",
        "shoulder_right",
        "neck",
        "calf_right",
        "buttock_left",
        "upper_arm_left",
        "lower_back",
    ],
}

# (fatigue, unrefreshed, cognitive, headaches, lower_abdomen, depression) for an SSS.
ITEMS_FOR_SSS = {
    4: (1, 1, 1, True, False, False),
    5: (2, 1, 1, True, False, False),
    6: (2, 2, 1, True, False, False),
    8: (3, 2, 1, True, True, False),
    9: (3, 2, 1, True, True, True),
    12: (3, 3, 3, True, True, True),
}


@pytest.mark.parametrize(
    ("wpi", "sss_value", "met"),
    [
        pytest.param(3, 4, False, id="wpi3-sss4"),
        pytest.param(3, 5, False, id="wpi3-sss5"),
        pytest.param(3, 8, False, id="wpi3-sss8"),
        pytest.param(3, 9, False, id="wpi3-sss9-2010-rule-not-2016"),
        pytest.param(3, 12, False, id="wpi3-sss12"),
        pytest.param(4, 4, False, id="wpi4-sss4"),
        pytest.param(4, 5, False, id="wpi4-sss5"),
        pytest.param(4, 8, False, id="wpi4-sss8"),
        pytest.param(4, 9, True, id="wpi4-sss9"),
        pytest.param(6, 4, False, id="wpi6-sss4"),
        pytest.param(6, 5, False, id="wpi6-sss5"),
        pytest.param(6, 8, False, id="wpi6-sss8"),
        pytest.param(6, 9, True, id="wpi6-sss9"),
        pytest.param(7, 4, False, id="wpi7-sss4"),
        pytest.param(7, 5, True, id="wpi7-sss5"),
        pytest.param(7, 8, True, id="wpi7-sss8"),
        pytest.param(7, 9, True, id="wpi7-sss9"),
    ],
)
def test_wpi_sss_boundary_grid(wpi: int, sss_value: int, met: bool) -> None:
    result = acr2016(REGIONS_FOR_WPI[wpi], *ITEMS_FOR_SSS[sss_value], months=6)
    assert result.wpi == wpi
    assert result.sss == sss_value
    assert result.fs == wpi + sss_value
    assert result.regions >= 4 or wpi == 3
    assert result.met is met


@pytest.mark.parametrize(
    ("regions", "expected_regions", "met"),
    [
        pytest.param(
            # left upper x3, right upper x3, axial x2: WPI 8 in 3 regions
            [
                "shoulder_left",
                "upper_arm_left",
                "lower_arm_left",
                "shoulder_right",
                "upper_arm_right",
                "lower_arm_right",
                "neck",
                "upper_back",
            ],
            3,
            False,
            id="3-of-5-regions",
        ),
        pytest.param(
            # the same with upper back swapped for the left calf: WPI 8 in 4 regions
            [
                "shoulder_left",
                "upper_arm_left",
                "lower_arm_left",
                "shoulder_right",
                "upper_arm_right",
                "lower_arm_right",
                "neck",
                "calf_left",
            ],
            4,
            True,
            id="4-of-5-regions",
        ),
    ],
)
def test_generalized_pain_3_vs_4_of_5(regions: list[str], expected_regions: int, met: bool) -> None:
    result = acr2016(regions, *ITEMS_FOR_SSS[6], months=12)
    assert result.wpi == 8
    assert result.regions == expected_regions
    assert result.met is met


@pytest.mark.parametrize(
    ("regions", "wpi", "expected_regions", "met"),
    [
        pytest.param(
            ["jaw_left", "jaw_right", "chest", "abdomen", "calf_left"],
            5,
            1,
            False,
            id="jaw-both-chest-abdomen-plus-one",
        ),
        pytest.param(
            # jaw would put pain in both upper regions, chest/abdomen in axial; they do not
            ["jaw_left", "jaw_right", "chest", "abdomen", "calf_left", "calf_right", "neck"],
            7,
            3,
            False,
            id="jaw-chest-abdomen-leave-3-regions",
        ),
        pytest.param(
            [
                "jaw_left",
                "jaw_right",
                "chest",
                "abdomen",
                "calf_left",
                "calf_right",
                "neck",
                "shoulder_left",
            ],
            8,
            4,
            True,
            id="a-real-upper-area-makes-4",
        ),
    ],
)
def test_jaw_chest_abdomen_do_not_count_toward_generalized_pain(
    regions: list[str], wpi: int, expected_regions: int, met: bool
) -> None:
    result = acr2016(regions, *ITEMS_FOR_SSS[9], months=12)
    assert result.wpi == wpi  # they still count toward the WPI
    assert result.regions == expected_regions
    assert result.met is met


@pytest.mark.parametrize(
    ("months", "met"),
    [
        pytest.param(2, False, id="2-months"),
        pytest.param(2.9, False, id="2.9-months"),
        pytest.param(3, True, id="3-months"),
        pytest.param(24, True, id="24-months"),
    ],
)
def test_months_2_vs_3(months: float, met: bool) -> None:
    result = acr2016(REGIONS_FOR_WPI[7], *ITEMS_FOR_SSS[9], months=months)
    assert result.met is met
    assert result.duration_met is met


# ---------------------------------------------------------------- regions -> WPI areas


@pytest.mark.parametrize(
    ("regions", "areas"),
    [
        pytest.param(["knee_front_left"], {"lower_leg_left"}, id="knee-front"),
        pytest.param(["knee_inner_left"], {"lower_leg_left"}, id="knee-inner"),
        pytest.param(["knee_back_right"], {"lower_leg_right"}, id="knee-back"),
        pytest.param(
            ["knee_front_left", "knee_inner_left", "knee_back_left", "shin_left", "calf_left"],
            {"lower_leg_left"},
            id="whole-lower-leg-is-one-area",
        ),
        pytest.param(["ankle_left", "ankle_right"], set(), id="ankle-none"),
        pytest.param(["foot_top_left", "foot_top_right"], set(), id="foot-none"),
        pytest.param(["heel_left", "heel_right"], set(), id="heel-none"),
        pytest.param(["sole_left", "sole_right"], set(), id="sole-none"),
        pytest.param(["head", "hand_left", "hand_right"], set(), id="head-hands-none"),
        pytest.param(
            ["knee_inner_left", "knee_inner_right"],
            {"lower_leg_left", "lower_leg_right"},
            id="left-right-separate",
        ),
        pytest.param(
            ["groin_right", "buttock_right", "hip_outer_right"], {"hip_right"}, id="hip-area"
        ),
        pytest.param(
            ["thigh_front_left", "thigh_inner_left", "thigh_outer_left", "thigh_back_left"],
            {"upper_leg_left"},
            id="upper-leg-area",
        ),
        pytest.param(
            ["shoulder_left", "shoulder_right"],
            {"shoulder_girdle_left", "shoulder_girdle_right"},
            id="shoulder-girdle",
        ),
        pytest.param([], set(), id="nothing"),
    ],
)
def test_regions_to_wpi_areas(regions: list[str], areas: set[str]) -> None:
    assert wpi_areas(regions) == frozenset(areas)
    result = acr2016(regions, 0, 0, 0, False, False, False, months=0)
    assert result.areas == frozenset(areas)
    assert result.wpi == len(areas)


def test_all_regions_give_wpi_19() -> None:
    result = acr2016(list(catalogue().regions), 3, 3, 3, True, True, True, months=12)
    assert result.wpi == 19
    assert result.areas == frozenset(catalogue().wpi_areas)
    assert result.sss == 12
    assert result.fs == 31
    assert result.regions == 5
    assert result.met is True


def test_acr2016_delegates_to_areas() -> None:
    regions = ["knee_inner_left", "calf_right", "neck", "shoulder_left", "jaw_right"]
    by_regions = acr2016(regions, 2, 2, 1, True, False, True, months=4)
    by_areas = acr2016_from_areas(
        {"lower_leg_left", "lower_leg_right", "neck", "shoulder_girdle_left", "jaw_right"},
        2,
        2,
        1,
        True,
        False,
        True,
        months=4,
    )
    assert by_regions == by_areas
    assert isinstance(by_regions, Acr2016Result)


# ---------------------------------------------------------------- overrides


@pytest.mark.parametrize(
    ("areas", "overrides", "expected"),
    [
        pytest.param({"neck"}, {}, {"neck"}, id="no-overrides"),
        pytest.param({"neck"}, None, {"neck"}, id="overrides-none"),
        pytest.param({"neck"}, {"neck": False}, set(), id="false-removes"),
        pytest.param({"neck"}, {"chest": True}, {"neck", "chest"}, id="true-adds"),
        pytest.param({"neck"}, {"neck": True}, {"neck"}, id="true-on-painful-keeps"),
        pytest.param(set(), {"chest": False}, set(), id="false-on-unpainful-keeps"),
        pytest.param(
            {"lower_leg_left", "lower_leg_right"},
            {"lower_leg_right": False, "upper_leg_right": True},
            {"lower_leg_left", "upper_leg_right"},
            id="mixed",
        ),
    ],
)
def test_overrides_win(
    areas: set[str], overrides: dict[str, bool] | None, expected: set[str]
) -> None:
    assert wpi_from_areas(areas, overrides) == frozenset(expected)


def test_override_changes_the_result() -> None:
    derived = wpi_areas(REGIONS_FOR_WPI[6])
    before = acr2016_from_areas(derived, *ITEMS_FOR_SSS[5], months=6)
    after = acr2016_from_areas(
        wpi_from_areas(derived, {"lower_back": True}), *ITEMS_FOR_SSS[5], months=6
    )
    assert (before.wpi, before.met) == (6, False)
    assert (after.wpi, after.met) == (7, True)


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"knee_inner_left": True}, id="region-not-area"),
        pytest.param({"elbow": True}, id="unknown"),
        pytest.param({"neck": 1}, id="not-bool"),
    ],
)
def test_bad_override_raises(overrides: dict[str, bool]) -> None:
    with pytest.raises(ValueError):
        wpi_from_areas({"neck"}, overrides)


# ---------------------------------------------------------------- SSS and invalid input


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param((0, 0, 0, False, False, False), 0, id="none"),
        pytest.param((3, 3, 3, True, True, True), 12, id="max"),
        pytest.param((1, 2, 3, False, True, False), 7, id="mixed"),
        pytest.param((1, 1, 1, 1, 0, 1), 5, id="yes-no-as-ints"),
    ],
)
def test_sss(items: tuple[int, int, int, bool, bool, bool], expected: int) -> None:
    assert sss(*items) == expected


@pytest.mark.parametrize(
    "items",
    [
        pytest.param((4, 0, 0, False, False, False), id="fatigue-4"),
        pytest.param((0, -1, 0, False, False, False), id="unrefreshed-neg"),
        pytest.param((0, 0, 1.5, False, False, False), id="cognitive-fraction"),
        pytest.param((True, 0, 0, False, False, False), id="severity-bool"),
        pytest.param((0, 0, 0, 2, False, False), id="headaches-2"),
        pytest.param((0, 0, 0, False, "yes", False), id="abdomen-text"),
    ],
)
def test_sss_out_of_range_raises(items: tuple[int, int, int, bool, bool, bool]) -> None:
    with pytest.raises(ValueError):
        sss(*items)
    with pytest.raises(ValueError):
        acr2016(["neck"], *items, months=3)


@pytest.mark.parametrize("region", ["knee", "elbow_left", "Neck", "lower_leg_left", ""])
def test_unknown_region_raises(region: str) -> None:
    with pytest.raises(ValueError):
        acr2016(["neck", region], 1, 1, 1, False, False, False, months=3)


@pytest.mark.parametrize("area", ["knee_inner_left", "elbow", ""])
def test_unknown_area_raises(area: str) -> None:
    with pytest.raises(ValueError):
        acr2016_from_areas({"neck", area}, 1, 1, 1, False, False, False, months=3)
    with pytest.raises(ValueError):
        generalized_regions({area})


@pytest.mark.parametrize("months", [-1, math.nan, True, "3"])
def test_bad_months_raise(months: object) -> None:
    with pytest.raises(ValueError):
        acr2016(["neck"], 1, 1, 1, False, False, False, months=months)  # type: ignore[arg-type]


def test_bare_string_is_not_a_region_list() -> None:
    with pytest.raises(TypeError):
        wpi_areas("neck")


# ---------------------------------------------------------------- plain-words summary


def test_criteria_sentence_when_met() -> None:
    regions = REGIONS_FOR_WPI[7] + ["calf_left"]  # WPI 8
    result = acr2016(regions, *ITEMS_FOR_SSS[6], months=3)
    assert (result.wpi, result.sss, result.regions) == (8, 6, 5)
    assert criteria_sentence(result) == (
        "The 2016 criteria thresholds are met this week: WPI 8 and SSS 6, pain in 5 of 5 "
        "regions, generally present for at least 3 months. This is information for you and "
        "your doctor, "
        "not a diagnosis."
    )


@pytest.mark.parametrize(
    ("wpi", "sss_value", "months", "expected"),
    [
        pytest.param(
            6,
            8,
            12,
            "Not met: WPI 6 and SSS 8 (with a WPI of 4 to 6, an SSS of 9 or more is needed).",
            id="severity-middle-branch",
        ),
        pytest.param(
            7,
            4,
            12,
            "Not met: WPI 7 and SSS 4 (with a WPI of 7 or more, an SSS of 5 or more is needed).",
            id="severity-upper-branch",
        ),
        pytest.param(
            3,
            12,
            1,
            "Not met: WPI 3 and SSS 12 (a WPI of 4 or more is needed); pain in 3 of 5 "
            "regions (4 are needed); symptoms generally present for 1 month (at least 3 "
            "months are needed).",
            id="all-three-parts",
        ),
        pytest.param(
            7,
            9,
            2.5,
            "Not met: symptoms generally present for 2.5 months (at least 3 months are needed).",
            id="duration-only",
        ),
    ],
)
def test_criteria_sentence_names_what_is_not_met(
    wpi: int, sss_value: int, months: float, expected: str
) -> None:
    result = acr2016(REGIONS_FOR_WPI[wpi], *ITEMS_FOR_SSS[sss_value], months=months)
    sentence = criteria_sentence(result)
    assert sentence.startswith("The 2016 criteria thresholds are not met this week. ")
    assert expected in sentence
    assert sentence.endswith(DISCLAIMER)


def test_disclaimer_says_not_a_diagnosis() -> None:
    assert "not a diagnosis" in DISCLAIMER
    assert "doctor" in DISCLAIMER


# ---------------------------------------------------------------- ACR 1990 tender points


def test_acr1990_threshold_is_11_of_18() -> None:
    # domain.md 3 (Wolfe et al. 1990): at least 11 of the 18 sites painful; the Today page
    # and the History graph show this threshold for information, they judge nothing.
    assert (TENDER_POINTS_NEEDED, TENDER_POINTS_TOTAL) == (11, 18)
    assert len(catalogue().tender_points) == TENDER_POINTS_TOTAL


def test_tender_point_count() -> None:
    points = list(catalogue().tender_points)
    assert tender_point_count(points) == 18
    assert tender_point_count(points[:11]) == 11
    assert tender_point_count(["knee_left", "knee_left", "knee_right"]) == 2
    assert tender_point_count([]) == 0
    with pytest.raises(ValueError):
        tender_point_count(["knee_inner_left"])


# ---------------------------------------------------------------- FIQR

N = None
FIQR_CASES = [
    pytest.param([0] * 9, [0] * 2, [0] * 10, 0.0, id="all-0"),
    pytest.param([5] * 9, [5] * 2, [5] * 10, 50.0, id="all-5"),  # 15 + 10 + 25
    pytest.param([10] * 9, [10] * 2, [10] * 10, 100.0, id="all-10"),  # 30 + 20 + 50
    # 45/3 + 10 + 45/2 = 15 + 10 + 22.5
    pytest.param(list(range(1, 10)), [4, 6], list(range(10)), 47.5, id="mixed"),
    pytest.param([2.5] * 9, [7.5, 2.5], [1.0] * 10, 22.5, id="floats"),  # 7.5 + 10 + 5
    # function: 6 answered, sum 36, x 9/6 = 54, / 3 = 18
    # overall: 1 answered, 8 x 2/1 = 16
    # symptoms: 5 answered, sum 30, x 10/5 = 60, / 2 = 30
    pytest.param(
        [6, N, 6, 6, N, 6, 6, N, 6], [N, 8], [2, N, 4, N, 6, N, 8, N, 10, N], 64.0, id="missing"
    ),
    # function: 10 x 9/1 = 90, / 3 = 30; overall 0 x 2 = 0; symptoms 4 x 10 = 40, / 2 = 20
    pytest.param([10] + [N] * 8, [0, N], [N] * 9 + [4], 50.0, id="one-answer-per-section"),
]


@pytest.mark.parametrize(("function", "overall", "symptoms", "total"), FIQR_CASES)
def test_fiqr_hand_worked(
    function: list[float | None],
    overall: list[float | None],
    symptoms: list[float | None],
    total: float,
) -> None:
    assert fiqr(function, overall, symptoms) == pytest.approx(total)
    assert isinstance(fiqr(function, overall, symptoms), float)


def test_fiqr_accepts_tuples() -> None:
    assert fiqr((5,) * 9, (5, 5), (5,) * 10) == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("function", "overall", "symptoms"),
    [
        pytest.param([N] * 9, [5] * 2, [5] * 10, id="function-blank"),
        pytest.param([5] * 9, [N, N], [5] * 10, id="overall-blank"),
        pytest.param([5] * 9, [5] * 2, [N] * 10, id="symptoms-blank"),
    ],
)
def test_fiqr_blank_section_raises(
    function: list[float | None], overall: list[float | None], symptoms: list[float | None]
) -> None:
    with pytest.raises(ValueError, match="no answers"):
        fiqr(function, overall, symptoms)


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(11, id="11"),
        pytest.param(-1, id="-1"),
        pytest.param(10.01, id="10.01"),
        pytest.param(math.nan, id="nan"),
        pytest.param(math.inf, id="inf"),
        pytest.param(True, id="bool"),
        pytest.param("5", id="text"),
    ],
)
@pytest.mark.parametrize("section", ["function", "overall", "symptoms"])
def test_fiqr_out_of_range_raises(bad: object, section: str) -> None:
    answers: dict[str, list[object]] = {
        "function": [5] * 9,
        "overall": [5] * 2,
        "symptoms": [5] * 10,
    }
    answers[section][0] = bad
    with pytest.raises(ValueError):
        fiqr(answers["function"], answers["overall"], answers["symptoms"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("function", "overall", "symptoms"),
    [
        pytest.param([5] * 8, [5] * 2, [5] * 10, id="function-8"),
        pytest.param([5] * 10, [5] * 2, [5] * 10, id="function-10"),
        pytest.param([5] * 9, [5] * 3, [5] * 10, id="overall-3"),
        pytest.param([5] * 9, [5], [5] * 10, id="overall-1"),
        pytest.param([5] * 9, [5] * 2, [5] * 9, id="symptoms-9"),
        pytest.param([5] * 9, [5] * 2, [], id="symptoms-empty"),
    ],
)
def test_fiqr_wrong_length_raises(
    function: list[float], overall: list[float], symptoms: list[float]
) -> None:
    with pytest.raises(ValueError, match="must have"):
        fiqr(function, overall, symptoms)


def test_fiqr_labels() -> None:
    assert len(FIQR_FUNCTION_ITEMS) == 9
    assert len(FIQR_OVERALL_ITEMS) == 2
    assert len(FIQR_SYMPTOM_ITEMS) == 10
    labels = FIQR_FUNCTION_ITEMS + FIQR_OVERALL_ITEMS + FIQR_SYMPTOM_ITEMS
    assert all(label and label == label.strip() for label in labels)
    assert len(set(labels)) == 21


# ---------------------------------------------------------------- properties

answer = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10),
    st.floats(min_value=0, max_value=10, allow_nan=False),
)


def section(size: int) -> st.SearchStrategy[list[float | None]]:
    return st.lists(answer, min_size=size, max_size=size).filter(
        lambda xs: any(x is not None for x in xs)
    )


@given(section(9), section(2), section(10))
def test_fiqr_within_0_100(
    function: list[float | None], overall: list[float | None], symptoms: list[float | None]
) -> None:
    assert 0.0 <= fiqr(function, overall, symptoms) <= 100.0


@given(
    section(9),
    section(2),
    section(10),
    st.sampled_from(["function", "overall", "symptoms"]),
    st.integers(min_value=0, max_value=9),
    st.floats(min_value=0, max_value=10, allow_nan=False),
)
def test_fiqr_monotone_in_each_item(
    function: list[float | None],
    overall: list[float | None],
    symptoms: list[float | None],
    which: str,
    index: int,
    bump: float,
) -> None:
    answers = {"function": function, "overall": overall, "symptoms": symptoms}
    items = answers[which]
    index %= len(items)
    current = items[index]
    if current is None:
        return  # monotone in an answered item; answering a blank rescales the section
    before = fiqr(function, overall, symptoms)
    items[index] = min(10.0, current + bump)
    assert fiqr(function, overall, symptoms) >= before


@given(
    st.lists(st.sampled_from(sorted(catalogue().regions)), max_size=60),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 3),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.floats(min_value=0, max_value=600, allow_nan=False),
)
def test_acr2016_wpi_is_number_of_areas(
    regions: list[str],
    fatigue: int,
    unrefreshed: int,
    cognitive: int,
    headaches: bool,
    lower_abdomen: bool,
    depression: bool,
    months: float,
) -> None:
    result = acr2016(
        regions, fatigue, unrefreshed, cognitive, headaches, lower_abdomen, depression, months
    )
    assert result.wpi == len(result.areas)
    assert result.areas == wpi_areas(regions)
    assert 0 <= result.wpi <= scoring.WPI_MAX
    assert 0 <= result.sss <= scoring.SSS_MAX
    assert result.fs == result.wpi + result.sss
    assert 0 <= result.regions <= 5
    assert result.regions <= result.wpi
    assert result.met == (result.severity_met and result.generalized_met and result.duration_met)
