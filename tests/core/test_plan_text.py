"""The planner's words: doses, weekdays, effort, skip reasons and why a review was revised."""

from __future__ import annotations

from datetime import date

import pytest

from fibrodesk.core.plan_text import (
    ACTION_WORDS,
    EFFORT_WORDS,
    SKIP_REASONS,
    amount_text,
    dose_text,
    effort_text,
    effort_words,
    revision_text,
    skip_reason_text,
    weekdays_text,
)


def test_doses_and_days_in_words() -> None:
    assert amount_text(1, "minutes") == "1 minute"
    assert amount_text(12, "reps") == "12 repetitions"
    assert dose_text(8, "reps", 2) == "2 sets of 8 repetitions"
    assert dose_text(8, "reps") == "8 repetitions"
    assert dose_text(6, "minutes", 3) == "6 minutes"  # sets belong to repetitions only
    assert weekdays_text((0, 2, 4)) == "Mon, Wed, Fri"
    assert weekdays_text(range(7)) == "every day"
    assert weekdays_text([4, 0, 1, 2, 3]) == "weekdays"
    assert set(ACTION_WORDS) == {"start", "increase", "hold", "step_back", "at_target"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "at rest"),
        (1, "very light"),
        (2, "light"),
        (3, "moderate"),
        (4, "a bit hard"),
        (5, "hard"),
        (6, "between hard and very hard"),
        (7, "very hard"),
        (8, "between very hard and the hardest I could"),
        (9, "between very hard and the hardest I could"),
        (10, "the hardest I could"),
    ],
)
def test_effort_in_the_apps_own_words(value: int, words: str) -> None:
    assert effort_words(value) == words
    assert effort_text(value) == f"{value} ({words})"


def test_effort_is_not_borg_cr10() -> None:
    # The licensed Borg CR10 anchors are not used (domain.md s.7).
    borg = {"nothing at all", "somewhat hard", "maximal", "extremely strong", "weak", "strong"}
    assert not borg & set(EFFORT_WORDS.values())
    assert effort_text(None) == ""
    with pytest.raises(ValueError):
        effort_words(11)


def test_skip_reasons_cover_the_stored_codes() -> None:
    assert set(SKIP_REASONS) == {"pain", "fatigue_flare", "no_time", "other"}  # schema v2
    assert skip_reason_text("fatigue_flare") == "fatigue or a flare"
    assert skip_reason_text(None) == ""


SUN9 = date(2025, 3, 9)
SAT8 = date(2025, 3, 8)


@pytest.mark.parametrize(
    ("late", "text"),
    [
        ([("flare", SUN9)], "a flare was logged for Sunday 9 March"),
        (
            [("flare", SUN9), ("flare", SAT8)],
            "flares were logged for Saturday 8 March and Sunday 9 March",
        ),
        (
            [("leg_pain", SAT8), ("session", SUN9), ("flare", SUN9)],
            "a flare was logged for Sunday 9 March, leg pain was logged for Saturday 8 March "
            "and a session was logged for Sunday 9 March",
        ),
        ([], "an entry of the week was added or changed"),
    ],
)
def test_why_a_review_was_revised(late: list[tuple[str, date]], text: str) -> None:
    assert revision_text(late) == text


def test_a_revised_reason_says_why() -> None:
    from fibrodesk.core.plan_text import with_revision

    held = "Held: flare logged on Sunday 9 March."
    assert with_revision(held, "") == held
    assert with_revision(held, "a flare was logged for Sunday 9 March") == (
        "Held: flare logged on Sunday 9 March. (Revised: a flare was logged for Sunday 9 March.)"
    )


@pytest.mark.parametrize(
    ("actual", "planned", "unit", "sets", "text"),
    [
        (8, 8, "reps", 2, "2 sets of 8 repetitions"),  # the sets said once
        (6, 8, "reps", 2, "2 sets of 6 repetitions (8 planned)"),
        (6, 10, "minutes", 1, "6 minutes (10 planned)"),
        (12, 10, "minutes", 1, "12 minutes (10 planned)"),
        (1, 1, "minutes", 1, "1 minute"),
    ],
)
def test_what_was_done_reads_naturally(
    actual: int, planned: int, unit: str, sets: int, text: str
) -> None:
    from fibrodesk.core.plan_text import done_text

    assert done_text(actual, planned, unit, sets) == text
    assert text.count("sets of") <= 1


def test_action_notes_are_words() -> None:
    from fibrodesk.core.plan_text import ACTION_NOTES

    assert ACTION_NOTES["hold"] == "dose held"
    assert all(any(c.isalpha() for c in note) and "=" not in note for note in ACTION_NOTES.values())
