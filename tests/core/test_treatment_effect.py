"""Pairing a dose with the leg marks before and after it (issue 15 points 2 and 7), worked
by hand: the 3 h before and 1-4 h after windows with both ends included, an entry at the
dose time, a dose with no entry before or after, two doses in the window (confounded), a
region marked on one side only, and the per-treatment summary from 5 pairs on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fibrodesk.core.treatment_effect import (
    MIN_PAIRS,
    Dose,
    DoseEffect,
    RegionChange,
    dose_effect,
    dose_effects,
    effect_words,
    entry_from_marks,
    region_name,
    summarise,
    summary_words,
)

TZ = timezone(timedelta(hours=1))


def at(hhmm: str, day: int = 10) -> datetime:
    hours, minutes = hhmm.split(":")
    return datetime(2026, 3, day, int(hours), int(minutes), tzinfo=TZ)


def dose(hhmm: str, id_: str = "d1", treatment: str = "ibu", name: str = "Ibuprofen") -> Dose:
    return Dose(id_, treatment, name, at(hhmm))


# ------------------------------------------------------------------ the windows' edges
#
# The dose is at 14:00. The entry before may be from 11:00 to 14:00, the entry after from
# 15:00 to 18:00, every end included. Each entry marks the left calf; before 7, after 4.


@pytest.mark.parametrize(
    ("before_times", "after_times", "expected_before", "expected_after"),
    [
        (["11:00"], ["15:00"], "11:00", "15:00"),  # exactly 3 h before, exactly 1 h after
        (["10:59"], ["15:00"], None, "15:00"),  # 3 h 1 min before: too early
        (["13:00"], ["18:00"], "13:00", "18:00"),  # exactly 4 h after
        (["13:00"], ["18:01"], "13:00", None),  # 4 h 1 min after: too late
        (["13:00"], ["14:59"], "13:00", None),  # 59 min after: too soon
        (["14:00"], ["16:00"], "14:00", "16:00"),  # an entry exactly at the dose time
        (["12:00", "13:30"], ["15:30", "17:00"], "13:30", "15:30"),  # last before, first after
        ([], ["16:00"], None, "16:00"),  # no entry before at all
        (["13:00"], [], "13:00", None),  # no entry after at all
    ],
)
def test_the_entry_before_and_after(
    before_times: list[str],
    after_times: list[str],
    expected_before: str | None,
    expected_after: str | None,
) -> None:
    entries = [entry_from_marks(at(t), {"calf_left": 7}) for t in before_times]
    entries += [entry_from_marks(at(t), {"calf_left": 4}) for t in after_times]
    effect = dose_effect(dose("14:00"), entries)
    assert effect.before_at == (at(expected_before) if expected_before else None)
    assert effect.after_at == (at(expected_after) if expected_after else None)
    if expected_before and expected_after:
        assert effect.pairs == (RegionChange("calf_left", 7, 4),)
        assert effect.counts
    else:
        assert effect.regions == () and not effect.counts


def test_an_entry_at_the_dose_time_is_the_one_before_not_after() -> None:
    # 14:00 is both "up to the dose time" and not "1 h after": it is the entry before.
    effect = dose_effect(
        dose("14:00"),
        [
            entry_from_marks(at("13:00"), {"calf_left": 8}),
            entry_from_marks(at("14:00"), {"calf_left": 7}),
            entry_from_marks(at("15:10"), {"calf_left": 4}),
        ],
    )
    assert effect.before_at == at("14:00")
    assert effect.pairs == (RegionChange("calf_left", 7, 4),)


def test_an_entry_without_a_leg_mark_is_passed_over() -> None:
    # The back-only entry at 13:50 says nothing about the legs: 12:30 is the entry before;
    # the hand-only entry at 15:00 is passed over for the leg entry at 16:10.
    effect = dose_effect(
        dose("14:00"),
        [
            entry_from_marks(at("12:30"), {"calf_left": 7, "lower_back": 5}),
            entry_from_marks(at("13:50"), {"lower_back": 8}),
            entry_from_marks(at("15:00"), {"hand_left": 3}),
            entry_from_marks(at("16:10"), {"calf_left": 4, "lower_back": 2}),
        ],
    )
    assert (effect.before_at, effect.after_at) == (at("12:30"), at("16:10"))
    assert effect.regions == (RegionChange("calf_left", 7, 4),)  # the back is no leg region


def test_regions_pair_one_by_one_and_an_unmarked_region_is_not_zero() -> None:
    before = {"calf_left": 7, "knee_front_right": 5, "shin_left": 6, "lower_back": 9}
    after = {"calf_left": 4, "knee_front_right": 5, "thigh_back_right": 2}
    effect = dose_effect(
        dose("14:00"), [entry_from_marks(at("13:00"), before), entry_from_marks(at("16:10"), after)]
    )
    # Catalogue order: knee_front, shin, thigh_back, calf; left before right.
    assert effect.regions == (
        RegionChange("knee_front_right", 5, 5),
        RegionChange("shin_left", 6, None),  # marked before only: no pair, never "6 -> 0"
        RegionChange("thigh_back_right", None, 2),
        RegionChange("calf_left", 7, 4),
    )
    assert [(r.region, r.change) for r in effect.pairs] == [
        ("knee_front_right", 0),
        ("calf_left", -3),
    ]
    assert effect_words(effect) == (
        "right front of knee 5 -> 5 by 16:10, left calf 7 -> 4, "
        "left shin 6 -> not marked, right back of thigh not marked -> 2"
    )


def test_zero_is_a_real_mark() -> None:
    effect = dose_effect(
        dose("14:00"),
        [
            entry_from_marks(at("13:00"), {"calf_left": 3}),
            entry_from_marks(at("15:00"), {"calf_left": 0}),
        ],
    )
    assert effect.pairs == (RegionChange("calf_left", 3, 0),)
    assert effect_words(effect) == "left calf 3 -> 0 by 15:00"


def test_the_words_of_the_issue() -> None:
    effect = dose_effect(
        dose("14:00"),
        [
            entry_from_marks(at("13:20"), {"calf_left": 7, "knee_front_right": 5}),
            entry_from_marks(at("16:10"), {"calf_left": 4, "knee_front_right": 5}),
        ],
    )
    assert effect_words(effect) == "right front of knee 5 -> 5 by 16:10, left calf 7 -> 4"


@pytest.mark.parametrize(
    ("times", "words"),
    [
        ([], "No entry with a leg mark in the 3 hours before or from 1 to 4 hours after."),
        (["15:00"], "No entry with a leg mark in the 3 hours before, so nothing to compare."),
        (["13:00"], "No entry with a leg mark from 1 to 4 hours after, so nothing to compare."),
    ],
)
def test_a_missing_entry_is_said(times: list[str], words: str) -> None:
    effect = dose_effect(dose("14:00"), [entry_from_marks(at(t), {"calf_left": 5}) for t in times])
    assert effect_words(effect) == words


def test_the_windows_hold_across_midnight_and_offsets() -> None:
    # Dose 23:30 on the 10th; the entry after at 01:00 on the 11th is 1 h 30 min later.
    effect = dose_effect(
        Dose("d", "t", "Heat", at("23:30")),
        [
            entry_from_marks(at("21:00"), {"sole_left": 6}),
            # 23:45 +01:00 written in UTC: 15 min after the dose, in neither window
            entry_from_marks(datetime(2026, 3, 10, 22, 45, tzinfo=UTC), {"heel_left": 5}),
            entry_from_marks(at("01:00", day=11), {"sole_left": 3}),
        ],
    )
    assert effect.before_at == at("21:00")  # 23:45 +01:00 is after the dose, not before
    assert effect.after_at == at("01:00", day=11)
    assert effect.pairs == (RegionChange("sole_left", 6, 3),)


# ------------------------------------------------------------------ two doses in the window


def test_two_doses_between_the_same_entries_confound_each_other() -> None:
    # Ibuprofen 14:00 and heat 15:00; entries 13:30 and 17:00.
    # Ibuprofen: before 13:30 (11:00-14:00), after 17:00 (15:00-18:00); heat at 15:00 lies
    # between. Heat: before 13:30 (12:00-15:00), after 17:00 (16:00-19:00); ibuprofen at
    # 14:00 lies between. Both shown, both left out of the summary.
    ibu = dose("14:00", "d1")
    heat = Dose("d2", "heat", "Heat", at("15:00"))
    entries = [
        entry_from_marks(at("13:30"), {"calf_left": 7}),
        entry_from_marks(at("17:00"), {"calf_left": 4}),
    ]
    first, second = dose_effects([heat, ibu], entries)
    assert (first.dose, second.dose) == (ibu, heat)
    assert first.confounded_by == (heat,) and second.confounded_by == (ibu,)
    assert first.pairs == second.pairs == (RegionChange("calf_left", 7, 4),)
    assert not first.counts and not second.counts
    assert effect_words(first) == (
        "left calf 7 -> 4 by 17:00 (also taken in between: Heat; not counted in the summary)"
    )


@pytest.mark.parametrize(
    ("other_time", "confounded"),
    [
        ("13:30", True),  # at the entry before: the entry came first, the dose is between
        ("13:29", False),  # before the entry before
        ("16:59", True),  # just before the entry after
        ("17:00", False),  # at the entry after: that entry counts as made before it
        ("14:00", True),  # taken at the same moment: the two cannot be told apart
    ],
)
def test_where_another_dose_confounds(other_time: str, confounded: bool) -> None:
    ibu = dose("14:00", "d1")
    other = Dose("d2", "tens", "TENS", at(other_time))
    entries = [
        entry_from_marks(at("13:30"), {"calf_left": 7}),
        entry_from_marks(at("17:00"), {"calf_left": 4}),
    ]
    effect = dose_effect(ibu, entries, [ibu, other])
    assert effect.confounded_by == ((other,) if confounded else ())


def test_a_second_dose_with_its_own_entries_does_not_confound() -> None:
    # Ibuprofen at 08:00 paired 07:30 -> 09:30; again at 14:00 paired 13:30 -> 15:30.
    doses = [dose("08:00", "a"), dose("14:00", "b")]
    entries = [
        entry_from_marks(at("07:30"), {"calf_left": 6}),
        entry_from_marks(at("09:30"), {"calf_left": 5}),
        entry_from_marks(at("13:30"), {"calf_left": 8}),
        entry_from_marks(at("15:30"), {"calf_left": 4}),
    ]
    morning, afternoon = dose_effects(doses, entries)
    assert morning.pairs == (RegionChange("calf_left", 6, 5),) and morning.counts
    assert afternoon.pairs == (RegionChange("calf_left", 8, 4),) and afternoon.counts


# ------------------------------------------------------------------ summary over a range


def _effect(
    id_: str, treatment: str, changes: dict[str, tuple[int | None, int | None]]
) -> DoseEffect:
    regions = tuple(RegionChange(r, b, a) for r, (b, a) in changes.items())
    return DoseEffect(
        Dose(id_, treatment, treatment.title(), at("14:00")), at("13:00"), at("15:30"), regions
    )


def test_the_summary_needs_five_pairs_per_region() -> None:
    # Left calf (before, after) over six heat sessions: (7,4) (6,4) (8,5) (5,5) (7,3) (6,6)
    #   changes -3 -2 -3 0 -4 0 -> sorted -4 -3 -3 -2 0 0: median (-3 + -2) / 2 = -2.5;
    #   quartiles (linear): position 1.25 -> -3 + 0.25 * 0 = -3.0; position 3.75 ->
    #   -2 + 0.75 * 2 = -0.5; before 5 6 6 7 7 8 -> median 6.5; after 3 4 4 5 5 6 -> 4.5.
    # Right knee paired four times only (4 < 5): not summarised.
    calf = [(7, 4), (6, 4), (8, 5), (5, 5), (7, 3), (6, 6)]
    effects = [
        _effect(
            f"h{i}",
            "heat",
            {"calf_left": c, **({"knee_front_right": (5, 4)} if i < 4 else {})},
        )
        for i, c in enumerate(calf)
    ]
    # A seventh session with only "before" marked on the calf: no pair, no count.
    effects.append(_effect("h6", "heat", {"calf_left": (7, None)}))
    [summary] = summarise(effects)
    assert (summary.doses, summary.paired_doses, summary.confounded) == (7, 6, 0)
    [calf_summary] = summary.regions
    assert calf_summary.region == "calf_left" and calf_summary.pairs == 6
    assert calf_summary.median_change == -2.5
    assert (calf_summary.q1, calf_summary.q3) == (-3.0, -0.5)
    assert (calf_summary.median_before, calf_summary.median_after) == (6.5, 4.5)
    words = summary_words(summary)
    assert words == (
        "Heat: 6 of 7 doses had an entry in the 3 hours before and one 1 to 4 hours after. "
        "In those hours left calf 2.5 lower afterwards (median 6.5 -> 4.5, middle half of "
        "the changes -3.0 to -0.5; 6 pairs). These came together in time; the diary cannot "
        "tell why."
    )


def test_four_pairs_give_no_summary_and_confounded_pairs_do_not_count() -> None:
    assert MIN_PAIRS == 5
    effects = [_effect(f"t{i}", "tens", {"calf_right": (6, 3)}) for i in range(4)]
    other = Dose("x", "ibu", "Ibuprofen", at("14:30"))
    confounded = DoseEffect(
        Dose("t4", "tens", "Tens", at("14:00")),
        at("13:00"),
        at("15:30"),
        (RegionChange("calf_right", 6, 3),),
        (other,),
    )
    [summary] = summarise([*effects, confounded])
    assert (summary.doses, summary.paired_doses, summary.confounded) == (5, 4, 1)
    assert summary.regions == ()
    assert summary_words(summary) == (
        "Tens: 4 of 5 doses had an entry in the 3 hours before and one 1 to 4 hours after "
        "(1 left out: another treatment came in between). No leg region has 5 such "
        "pairs yet, so there is no summary."
    )


def test_exactly_five_pairs_are_enough_and_treatments_stay_apart() -> None:
    # Five pairs of the left calf, each 5 -> 5: median change 0 -> "no change".
    heat = [_effect(f"h{i}", "heat", {"calf_left": (5, 5)}) for i in range(5)]
    ibu = [_effect(f"i{i}", "ibu", {"calf_left": (9, 1)}) for i in range(3)]
    summaries = summarise([*ibu, *heat])
    assert [s.treatment_name for s in summaries] == ["Heat", "Ibu"]
    heat_summary, ibu_summary = summaries
    assert [(r.region, r.pairs, r.median_change) for r in heat_summary.regions] == [
        ("calf_left", 5, 0.0)
    ]
    assert "left calf no change afterwards" in summary_words(heat_summary)
    assert ibu_summary.regions == ()


def test_no_causal_words() -> None:
    effects = [_effect(f"h{i}", "heat", {"calf_left": (7, 3)}) for i in range(5)]
    text = summary_words(summarise(effects)[0]).lower()
    for word in ("because", "caused", "helped", "worked", "relieved", "effective"):
        assert word not in text


@pytest.mark.parametrize(
    ("region", "name"),
    [
        ("calf_left", "left calf"),
        ("knee_front_right", "right front of knee"),
        ("groin_left", "left groin"),
        ("heel_right", "right heel and Achilles"),
        ("lower_back", "lower back"),
    ],
)
def test_region_names(region: str, name: str) -> None:
    assert region_name(region) == name


# ------------------------------------------------------------------ against the words


@settings(max_examples=150, deadline=None)
@given(
    entry_minutes=st.lists(st.integers(0, 24 * 60), max_size=12),
    dose_minutes=st.lists(st.integers(0, 24 * 60), min_size=1, max_size=6),
)
def test_the_search_gives_what_the_definition_says(
    entry_minutes: list[int], dose_minutes: list[int]
) -> None:
    """The bisection finds exactly the entries and doses the module docstring defines,
    checked by plain filtering on random days."""
    base = at("00:00")
    entries = [
        entry_from_marks(base + timedelta(minutes=m), {"calf_left": i % 11})
        for i, m in enumerate(entry_minutes)
    ]
    doses = [
        Dose(f"d{i}", "t", "T", base + timedelta(minutes=m)) for i, m in enumerate(dose_minutes)
    ]
    for effect in dose_effects(doses, entries):
        t = effect.dose.taken_at
        before = [e.recorded_at for e in entries if t - timedelta(hours=3) <= e.recorded_at <= t]
        after = [
            e.recorded_at
            for e in entries
            if t + timedelta(hours=1) <= e.recorded_at <= t + timedelta(hours=4)
        ]
        assert effect.before_at == (max(before) if before else None)
        assert effect.after_at == (min(after) if after else None)
        if before and after:
            between = {
                d.id
                for d in doses
                if d.id != effect.dose.id and max(before) <= d.taken_at < min(after)
            }
            assert {d.id for d in effect.confounded_by} == between
