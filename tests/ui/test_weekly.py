"""The Week tab: WPI from the map's last 7 days, hand overrides, SSS, criteria and FIQR."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from datetime import time as dtime

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from fibrodesk.core.clock import now, week_start
from fibrodesk.core.scoring import (
    DISCLAIMER,
    acr2016_from_areas,
    criteria_sentence,
    fiqr,
    fs_band,
)
from fibrodesk.core.wording import one_decimal
from fibrodesk.db import history, questionnaires
from fibrodesk.db.marks import create_entry, set_mark
from fibrodesk.db.models import FiqrResponse, WeeklySymptoms, WpiOverride
from fibrodesk.db.weekly import get_weekly, record_weekly, save_fiqr
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.today_page import TodayPage
from fibrodesk.ui.weekly_panel import WeeklyPanel
from tests.faults import fail_each_write


@pytest.fixture
def page(qtbot, window) -> TodayPage:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    content.tabs.setCurrentIndex(2)
    return content


def mark_days_ago(days: int, region: str, intensity: int = 5) -> None:
    entry = create_entry(now().date() - timedelta(days=days), dtime(9, 0))
    set_mark(entry.id, region, intensity)


def ticked(panel: WeeklyPanel) -> set[str]:
    return {area for area, box in panel.area_boxes.items() if box.isChecked()}


def mark_on(day: date, region: str, intensity: int = 5) -> None:
    entry = create_entry(day, dtime(9, 0))
    set_mark(entry.id, region, intensity)


def test_wpi_comes_from_the_calendar_week_of_the_day_on_screen(qtbot, page: TodayPage) -> None:
    """domain.md s.4: the week is Monday to Sunday, the one holding the day on screen."""
    monday = week_start(now().date()) - timedelta(days=14)
    thursday = monday + timedelta(days=3)
    mark_on(monday, "knee_inner_left")  # first day of the week: counts
    mark_on(monday + timedelta(days=6), "thigh_back_right")  # Sunday: counts
    mark_on(thursday, "groin_left", 0)  # checked, no pain: does not count
    mark_on(monday - timedelta(days=1), "neck", 9)  # the Sunday before: another week
    mark_on(monday + timedelta(days=7), "lower_back", 9)  # the Monday after: another week
    mark_on(thursday, "sole_right", 8)  # a real mark with no WPI area
    page.set_day(thursday)
    panel = page.weekly_panel

    assert ticked(panel) == {"lower_leg_left", "upper_leg_right"}
    assert panel.wpi_label.text() == "WPI: 2 of 19 areas"
    assert "Inside of knee, left" in panel.area_boxes["lower_leg_left"].toolTip()
    assert panel.title.text() == (
        f"Week of Mon {monday.day} {monday:%b} to Sun {(monday + timedelta(days=6)).day} "
        f"{monday + timedelta(days=6):%b}"
    )
    # Any day of that week shows the same week; the Monday after shows the next one.
    for offset, expected in ((0, 2), (6, 2), (7, 1), (-1, 1)):
        page.set_day(monday + timedelta(days=offset))
        assert panel.wpi_label.text() == f"WPI: {expected} of 19 areas", offset
    # History plots the same weeks: the same WPI for each of the three.
    weekly = history.load_history(monday - timedelta(days=7), monday + timedelta(days=13)).weekly
    assert list(weekly.wpi) == [1, 2, 1]


def test_a_thursday_calf_mark_counts_in_one_week_only(qtbot, page: TodayPage) -> None:
    thursday = week_start(now().date()) - timedelta(days=4)
    mark_on(thursday, "calf_left")
    counted = []
    for offset in range(-10, 11):
        page.set_day(thursday + timedelta(days=offset))
        counted.append("lower_leg_left" in ticked(page.weekly_panel))
    assert counted == [False] * 7 + [True] * 7 + [False] * 7


def test_a_click_on_the_map_updates_the_week(qtbot, page: TodayPage) -> None:
    bmap = page.findChild(BodyMap, "bodyMap")
    with qtbot.waitSignal(bmap.regionClicked):
        qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.region_center("calf_right"))
    assert ticked(page.weekly_panel) == {"lower_leg_right"}


def test_a_hand_override_is_stored_and_shown_as_set_by_you(qtbot, page: TodayPage) -> None:
    mark_days_ago(0, "knee_inner_left")  # today: in this week whatever the day
    page.ctx.broadcast("marks")
    panel = page.weekly_panel
    monday = week_start(now().date()).isoformat()

    click_box(qtbot, panel.area_boxes["neck"])
    click_box(qtbot, panel.area_boxes["lower_leg_left"])

    assert {(o.week_start, o.area, o.painful) for o in WpiOverride.select()} == {
        (monday, "neck", True),
        (monday, "lower_leg_left", False),
    }
    assert ticked(panel) == {"neck"}
    assert panel.area_boxes["neck"].text() == "Neck (set by you)"
    assert panel.area_boxes["lower_leg_left"].text().endswith("(set by you)")
    assert "set by you" in panel.wpi_label.text()

    # Ticking it back to what the map says removes the override.
    click_box(qtbot, panel.area_boxes["lower_leg_left"])
    assert {o.area for o in WpiOverride.select()} == {"neck"}
    assert panel.area_boxes["lower_leg_left"].text() == "Lower leg, left"


def click_box(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click on the tick box itself (a person clicks the box or its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def answer_sss(panel: WeeklyPanel, **values: object) -> None:
    for name, value in values.items():
        widget = panel.sss_fields[name]
        widget.setCurrentIndex(widget.findData(value))


def give_onset(qtbot, panel: WeeklyPanel, onset: date) -> None:  # type: ignore[no-untyped-def]
    """Pick the date the pain began in the field's calendar, as a person would."""
    calendar = panel.onset_edit.calendarWidget()
    day = QDate(onset.year, onset.month, onset.day)
    panel.onset_edit.setDate(day)  # what picking a day in the popup does
    calendar.setSelectedDate(day)
    calendar.clicked.emit(day)


def test_sss_answers_scores_and_criteria_sentence(qtbot, page: TodayPage) -> None:
    for region in (
        "knee_inner_left",
        "knee_inner_right",
        "thigh_front_left",
        "thigh_front_right",
        "groin_left",
        "groin_right",
        "lower_back",
        "shoulder_left",
    ):
        mark_days_ago(0, region, 6)  # today: in this week, Mondays too
    page.ctx.broadcast("marks")
    panel = page.weekly_panel
    assert "answer the 6 open questions" in panel.sss_label.text()

    answer_sss(
        panel,
        fatigue=2,
        unrefreshed=3,
        cognitive=1,
        headaches=True,
        lower_abdomen=False,
        depression=False,
    )
    assert "once the date the widespread pain began" in panel.criteria.text()
    give_onset(qtbot, panel, now().date() - timedelta(days=200))
    assert questionnaires.pain_onset() == now().date() - timedelta(days=200)

    row = WeeklySymptoms.get()
    assert row.week_start == week_start(now().date()).isoformat()
    assert (row.fatigue, row.unrefreshed, row.cognitive) == (2, 3, 1)
    assert (row.headaches, row.lower_abdomen, row.depression, row.months) == (
        True,
        False,
        False,
        None,
    )

    areas = questionnaires.week_pain(now().date()).areas
    months = panel.months()
    assert months is not None and 5 <= months <= 6
    result = acr2016_from_areas(areas, 2, 3, 1, True, False, False, months)
    assert panel.sss_label.text() == f"SSS: {result.sss} of 12"
    assert panel.fs_label.text().startswith(f"FS (WPI + SSS): {result.fs} of 31, in the ")
    assert f"the {fs_band(result.fs)} band" in panel.fs_label.text()
    assert "generally present for at least 3 months: yes" in panel.duration_label.text()
    assert panel.regions_label.text() == f"Regions with pain: {result.regions} of 5"
    assert panel.criteria.text() == criteria_sentence(result).removesuffix(DISCLAIMER).strip()
    assert result.met and "are met" in panel.criteria.text()
    assert DISCLAIMER in panel.disclaimer.findChild(type(panel.sss_label), "disclaimerText").text()
    assert "not a diagnosis" in panel.disclaimer.accessibleName()
    assert panel.disclaimer.isVisible()


def test_sss_reloads_for_the_week(qtbot, page: TodayPage) -> None:
    monday = week_start(now().date())
    record_weekly(monday, replace(get_weekly(monday), fatigue=3, depression=True))
    page.ctx.broadcast("weekly")
    panel = page.weekly_panel
    assert panel.sss_fields["fatigue"].currentText() == "3: severe"
    assert panel.sss_fields["depression"].currentText() == "Yes"
    assert panel.sss_fields["cognitive"].currentText() == "not answered"
    page.set_day(monday - timedelta(days=1))  # the week before
    assert panel.sss_fields["fatigue"].currentText() == "not answered"


def test_fiqr_total_on_screen_equals_the_score(qtbot, page: TodayPage) -> None:
    panel = page.weekly_panel
    qtbot.mouseClick(panel.fiqr_toggle, Qt.MouseButton.LeftButton)
    assert panel.fiqr_body.isVisible()
    values = [5, 4, None, 6, 7, 3, 5, 2, 8, 6, 4, 7, 3, 6, 5, 4, None, 3, 6, 2, 2]
    for spin, value in zip(panel.fiqr_fields, values, strict=True):
        spin.setFocus()
        spin.set_answer(value)
        spin.editingFinished.emit()

    expected = fiqr(values[:9], values[9:11], values[11:])
    assert panel.fiqr_label.text().startswith(f"FIQR total: {one_decimal(expected)} of 100")
    assert "19 of 21 answered" in panel.fiqr_label.text()
    row = FiqrResponse.get()
    assert row.date == now().date().isoformat()
    assert [row.function_1, row.function_3, row.symptom_10] == [5, None, 2]


def test_fiqr_needs_one_answer_per_part(qtbot, page: TodayPage) -> None:
    panel = page.weekly_panel
    spin = panel.fiqr_fields[0]
    spin.setFocus()
    spin.set_answer(4)
    spin.editingFinished.emit()
    assert "at least one item in each" in panel.fiqr_label.text()
    assert FiqrResponse.get().function_1 == 4  # kept, to finish later


def test_saved_fiqr_is_shown_when_the_week_is_opened(qtbot, page: TodayPage) -> None:
    save_fiqr(now().date(), [3] * 9, [5, 5], [4] * 10)
    page.ctx.broadcast("fiqr")
    panel = page.weekly_panel
    assert panel.fiqr_toggle.isChecked()
    total = fiqr([3] * 9, [5, 5], [4] * 10)
    assert panel.fiqr_label.text() == f"FIQR total: {one_decimal(total)} of 100"


# Every FIQR item with its own two ends, written out from domain.md s.5 (not from the code):
# (object name stem, what 0 means, what 10 means).
FIQR_ANCHORS_FROM_DOMAIN = [
    *[(f"fiqr_function_{n}", "no difficulty", "very difficult") for n in range(1, 10)],
    ("fiqr_overall_1", "never", "always"),
    ("fiqr_overall_2", "never", "always"),
    ("fiqr_symptom_1", "no pain", "unbearable pain"),
    ("fiqr_symptom_2", "lots of energy", "no energy"),
    ("fiqr_symptom_3", "no stiffness", "severe stiffness"),
    ("fiqr_symptom_4", "awoke well rested", "awoke very tired"),
    ("fiqr_symptom_5", "no depression", "very depressed"),
    ("fiqr_symptom_6", "good memory", "very poor memory"),
    ("fiqr_symptom_7", "not anxious", "very anxious"),
    ("fiqr_symptom_8", "no tenderness", "very tender"),
    ("fiqr_symptom_9", "no imbalance", "severe imbalance"),
    ("fiqr_symptom_10", "no sensitivity", "extreme sensitivity"),
]


def test_every_fiqr_item_shows_its_own_ends_on_screen(qtbot, page: TodayPage) -> None:
    from PySide6.QtWidgets import QLabel

    panel = page.weekly_panel
    qtbot.mouseClick(panel.fiqr_toggle, Qt.MouseButton.LeftButton)
    assert len(FIQR_ANCHORS_FROM_DOMAIN) == 21 == len(panel.fiqr_fields)
    # No shared heading tells the ends for a whole section any more.
    headings = " ".join(label.text() for label in panel.fiqr_body.findChildren(QLabel))
    assert "0 none, 10 worst" not in headings and "(0 never, 10 always)" not in headings
    for (stem, low, high), spin in zip(FIQR_ANCHORS_FROM_DOMAIN, panel.fiqr_fields, strict=True):
        assert spin.objectName() == stem
        ends = panel.fiqr_body.findChild(QLabel, f"{stem}_anchors")
        words = panel.fiqr_body.findChild(QLabel, f"{stem}_label")
        assert ends is not None and ends.isVisible() and words.isVisible()
        assert ends.text() == f"0 = {low}  ...  10 = {high}"
        assert words.buddy() is spin
        assert low in spin.accessibleDescription() and high in spin.accessibleDescription()
    # The FIQR's sleep item reads the other way round from the check-in's sleep question.
    sleep = panel.fiqr_body.findChild(QLabel, "fiqr_symptom_4_label")
    assert "rested" in sleep.text() and "quality" not in sleep.text().lower()


def test_the_checkin_sleep_question_cannot_be_taken_for_the_fiqr_item(
    qtbot, page: TodayPage
) -> None:
    from PySide6.QtWidgets import QLabel

    page.tabs.setCurrentIndex(1)
    checkin = page.checkin_panel
    spin = checkin.fields["sleep_quality"]
    words = [label for label in checkin.findChildren(QLabel) if label.buddy() is spin]
    assert [w.text() for w in words] == ["How well I slept last night"]
    texts = {label.text() for label in checkin.findChildren(QLabel)}
    assert "0 very poor, 10 very good" in texts


def test_fiqr_change_since_the_first_and_the_last_questionnaire(qtbot, page: TodayPage) -> None:
    monday = week_start(now().date())
    first, last = monday - timedelta(days=28), monday - timedelta(days=14)
    save_fiqr(first, [8] * 9, [8, 8], [8] * 10)  # 24 + 16 + 40 = 80
    save_fiqr(last, [7] * 9, [7, 7], [7] * 10)  # 70
    save_fiqr(monday, [6] * 9, [6, 6], [6] * 10)  # 60
    page.ctx.broadcast("fiqr")
    text = page.weekly_panel.fiqr.change_label.text()
    assert text.startswith("This total (60.0) since your first (")
    assert "80.0): 20.0 lower (25%), a fall of 14% or more: a meaningful improvement" in text
    assert "since your last one (" in text and "70.0): 10.0 lower (14.3%), a fall" in text


def test_a_fiqr_section_with_three_blanks_is_less_reliable(qtbot, page: TodayPage) -> None:
    save_fiqr(now().date(), [5, 5, 5, 5, 5, 5, None, None, None], [5, 5], [5] * 10)
    page.ctx.broadcast("fiqr")
    assert "Less reliable: more than two items of function" in page.weekly_panel.fiqr_label.text()
    save_fiqr(now().date(), [5, 5, 5, 5, 5, 5, 5, None, None], [5, 5], [5] * 10)
    page.ctx.broadcast("fiqr")
    assert "Less reliable" not in page.weekly_panel.fiqr_label.text()


def test_the_pgic_is_offered_after_4_weeks_and_saved(qtbot, page: TodayPage) -> None:
    from fibrodesk.db.models import Pgic

    panel = page.weekly_panel
    assert not panel.pgic.isVisible()  # an empty diary: nothing to compare with
    mark_on(now().date() - timedelta(days=28), "calf_left")
    page.ctx.broadcast("marks", "fiqr")
    assert panel.pgic.isVisible()
    combo = panel.pgic.answer_combo
    combo.setCurrentIndex(combo.findText("Minimally improved"))
    qtbot.mouseClick(panel.pgic.save_button, Qt.MouseButton.LeftButton)
    assert [(p.date, p.answer) for p in Pgic.select()] == [(now().date().isoformat(), 3)]
    assert panel.pgic.isVisible() and "Saved for" in panel.pgic.status.text()
    panel.reload()  # shown again later: the answer is there, changeable
    assert "Answered on" in panel.pgic.status.text()
    assert combo.currentText() == "Minimally improved"
    # The week before, with no answer and not holding today: not offered.
    page.set_day(now().date() - timedelta(days=7))
    assert not panel.pgic.isVisible()


def test_each_week_tab_answer_is_one_operation_that_fails_whole(
    qtbot, page: TodayPage, window, faults
) -> None:
    """Issue 10 points 1 and 3 on the Week tab: a FIQR answer, an SSS answer and a WPI tick
    are each one operation (weekly.record_fiqr, record_weekly, set_wpi_override). With
    each write failing in turn the diary is as before, one sentence says nothing was
    saved, and the answer typed stays on screen; then it is saved once."""
    told: list[str] = []
    window.ctx.saveFailed.connect(told.append)
    panel = page.weekly_panel
    qtbot.mouseClick(panel.fiqr_toggle, Qt.MouseButton.LeftButton)
    spin = panel.fiqr_fields[0]

    def said_nothing_was_saved() -> None:
        assert len(set(told)) == 1 and "nothing was half-written" in told[0], told
        told.clear()

    def type_fiqr() -> None:
        spin.setFocus()
        spin.set_answer(6)
        spin.editingFinished.emit()  # leaving the box saves it

    def fiqr_kept(n: int, code: int) -> None:
        said_nothing_was_saved()
        assert spin.answer() == 6 and FiqrResponse.select().count() == 0

    assert fail_each_write(faults, type_fiqr, check=fiqr_kept) == 1
    assert FiqrResponse.select().count() == 1 and FiqrResponse.get().function_1 == 6

    fatigue = panel.sss_fields["fatigue"]

    def pick_fatigue() -> None:  # each try picks another answer, as a person might
        fatigue.setCurrentIndex(fatigue.findData(3 if fatigue.currentData() == 2 else 2))

    def sss_kept(n: int, code: int) -> None:
        said_nothing_was_saved()
        assert fatigue.currentData() in (2, 3) and WeeklySymptoms.select().count() == 0

    assert fail_each_write(faults, pick_fatigue, check=sss_kept) == 1
    assert WeeklySymptoms.get().fatigue == fatigue.currentData()

    neck = panel.area_boxes["neck"]

    def tick_kept(n: int, code: int) -> None:
        said_nothing_was_saved()
        assert not neck.isChecked() and WpiOverride.select().count() == 0

    assert fail_each_write(faults, neck.click, check=tick_kept) == 1
    assert neck.isChecked() and WpiOverride.get().area == "neck"
