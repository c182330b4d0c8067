"""Tags, weather and period starts (issue 15): one transaction each, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fibrodesk.db import triggers as tg
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.database import run_operation
from fibrodesk.db.models import DayTag, Entry, PeriodStart, Tag, Weather
from fibrodesk.errors import UserError
from tests.faults import dump, fail_each_write

DAY = date(2026, 3, 2)


def _entry(day: date = DAY) -> str:
    return Entry.create(recorded_at=f"{day.isoformat()}T08:00:00+01:00", date=day.isoformat()).id


def test_suggested_tags_are_offered_and_created_on_first_use(diary):
    offered = tg.list_tags()
    assert {t.name for t in offered} == set(tg.SUGGESTED_TAGS)
    assert all(t.id == "" and t.suggested for t in offered)
    assert Tag.select().count() == 0
    assert tg.set_tag(DAY, "Stress ", True) == Change.TAGS
    assert tg.set_tag(DAY, "stress", True) == Change.NONE  # letter case aside, the same tag
    (stress,) = [t for t in tg.list_tags() if t.name == "Stress"]
    assert stress.id and stress.suggested
    assert len(tg.list_tags()) == len(tg.SUGGESTED_TAGS)
    tg.set_tag(DAY, "garden  work", True)
    assert [r.name for r in tg.tags_between(DAY, DAY)] == ["garden work", "Stress"]


def test_a_tag_on_a_day_and_on_an_entry_are_separate(diary):
    entry = _entry()
    assert tg.set_tag(DAY, "cold", True) == Change.TAGS
    assert tg.set_tag(DAY + timedelta(days=5), "cold", True, entry_id=entry) == Change.TAGS
    assert tg.set_tag(DAY, "cold", True, entry_id=entry) == Change.NONE
    rows = tg.tags_between(DAY, DAY)
    assert [(r.name, r.entry_id, r.date) for r in rows] == [
        ("cold", None, DAY),
        ("cold", entry, DAY),  # the entry's own day
    ]
    assert tg.set_tag(DAY, "cold", False) == Change.TAGS
    assert [(r.entry_id) for r in tg.tags_between(DAY, DAY)] == [entry]
    assert tg.set_tag(DAY, "cold", False) == Change.NONE
    assert tg.set_tag(DAY, "never used", False) == Change.NONE
    assert Tag.select().count() == 1
    with pytest.raises(UserError, match="no longer in the diary"):
        tg.set_tag(DAY, "cold", True, entry_id="gone")


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_a_tag_name_of_1_to_60_characters(diary, name):
    with pytest.raises(UserError, match="1 to 60"):
        tg.set_tag(DAY, name, True)


def test_forgetting_a_tag_hides_it_and_using_it_again_brings_it_back(diary):
    tg.set_tag(DAY, "travel", True)
    assert tg.forget_tag("travel") == Change.TAGS
    assert "travel" not in {t.name for t in tg.list_tags()}
    assert [r.name for r in tg.tags_between(DAY, DAY)] == ["travel"]
    assert "travel" in {t.name for t in tg.list_tags(include_hidden=True)}
    tg.set_tag(DAY + timedelta(1), "travel", True)
    assert "travel" in {t.name for t in tg.list_tags()}


def test_typed_weather_saved_changed_and_removed(diary):
    assert tg.save_weather(DAY, 1013.2, 4.5) == Change.WEATHER
    assert tg.save_weather(DAY, 1013.2, 4.5) == Change.NONE
    assert tg.save_weather(DAY, None, -3.0) == Change.WEATHER
    assert tg.weather_between(DAY, DAY) == [tg.WeatherDay(DAY, None, -3.0, "typed")]
    assert tg.save_weather(DAY, None, None) == Change.WEATHER
    assert tg.weather_between(DAY, DAY) == []


@pytest.mark.parametrize(
    ("pressure", "temperature", "words"),
    [
        (869.9, None, "outside 870 to 1090 hPa"),
        (1090.1, None, "outside 870 to 1090 hPa"),
        (29.92, None, "outside 870 to 1090 hPa"),  # inHg typed as hPa
        (None, 60.5, "outside -60 to 60"),
        (None, -61, "outside -60 to 60"),
        (float("nan"), None, "not a number"),
    ],
)
def test_weather_out_of_range_is_refused(diary, pressure, temperature, words):
    with pytest.raises(UserError, match=words):
        tg.save_weather(DAY, pressure, temperature)
    assert Weather.select().count() == 0


def test_weather_edges_are_accepted(diary):
    tg.save_weather(DAY, 870, -60)
    tg.save_weather(DAY + timedelta(1), 1090, 60)
    assert len(tg.weather_between(DAY, DAY + timedelta(1))) == 2


def test_import_fills_and_refreshes_imported_days_but_keeps_typed_ones(diary):
    tg.save_weather(DAY, 1000.0, 1.0)
    rows = [
        tg.WeatherDay(DAY - timedelta(1), 1020.0, 5.0),
        (DAY, 990.0, 9.0),  # typed by hand: kept
        (DAY + timedelta(1), None, None),  # nothing in it: passed over
        (DAY + timedelta(2), 1005.5, None),
    ]
    done = tg.import_weather(rows)
    assert done == Done(2, Change.WEATHER)
    got = {
        (w.day, w.pressure_hpa, w.temperature_c, w.source)
        for w in tg.weather_between(DAY - timedelta(5), DAY + timedelta(5))
    }
    assert got == {
        (DAY - timedelta(1), 1020.0, 5.0, "imported"),
        (DAY, 1000.0, 1.0, "typed"),
        (DAY + timedelta(2), 1005.5, None, "imported"),
    }
    # the same file again changes nothing; a corrected file changes the imported day only
    assert tg.import_weather(rows) == Done(0, Change.NONE)
    assert tg.import_weather([(DAY - timedelta(1), 1019.0, 5.0), (DAY, 1.0e3, 2.0)]) == Done(
        1, Change.WEATHER
    )


def test_import_with_one_bad_day_writes_nothing(diary):
    before = dump()
    rows = [(DAY + timedelta(d), 1010.0, 3.0) for d in range(30)] + [
        (DAY + timedelta(30), 29.9, 3.0)
    ]
    with pytest.raises(UserError, match="2026-04-01"):
        run_operation(lambda: tg.import_weather(rows))
    assert dump() == before


def test_import_of_many_days(diary):
    rows = [(DAY + timedelta(d), 1000.0 + d % 20, d % 30 - 10.0) for d in range(3 * 365)]
    assert tg.import_weather(rows).value == 3 * 365
    assert len(tg.weather_between(DAY, DAY + timedelta(3 * 365))) == 3 * 365


def test_cycle_tracking_is_off_by_default_and_period_starts_toggle(diary):
    assert tg.cycle_enabled() is False
    assert tg.set_cycle_enabled(True).touches(Change.CYCLE)
    assert tg.cycle_enabled() is True
    assert tg.set_period_start(DAY, True) == Change.CYCLE
    assert tg.set_period_start(DAY, True) == Change.NONE
    tg.set_period_start(DAY + timedelta(28), True)
    assert tg.period_starts(DAY, DAY + timedelta(28)) == [DAY, DAY + timedelta(28)]
    assert tg.set_period_start(DAY, False) == Change.CYCLE
    assert tg.set_period_start(DAY, False) == Change.NONE
    assert tg.period_starts(DAY - timedelta(100), DAY + timedelta(100)) == [DAY + timedelta(28)]
    tg.set_cycle_enabled(False)
    assert tg.cycle_enabled() is False and PeriodStart.select().count() == 1


def test_deleting_an_entry_takes_its_tags_with_it(diary):
    entry = _entry()
    tg.set_tag(DAY, "stress", True, entry_id=entry)
    Entry.delete_by_id(entry)
    assert DayTag.select().count() == 0 and Tag.select().count() == 1


# --------------------------------------------------------------------- a failing disk


@pytest.mark.parametrize(
    "action",
    ["tag_new", "tag_entry", "untag", "weather_typed", "weather_import", "period", "cycle"],
)
def test_each_operation_is_all_or_nothing_on_a_failing_disk(diary, faults, action):
    entry = _entry()
    tg.set_tag(DAY, "stress", True)
    tg.import_weather([(DAY - timedelta(1), 1010.0, 2.0)])
    actions = {
        "tag_new": lambda: tg.set_tag(DAY, "new tag", True),
        "tag_entry": lambda: tg.set_tag(DAY, "cold", True, entry_id=entry),
        "untag": lambda: tg.set_tag(DAY, "stress", False),
        "weather_typed": lambda: tg.save_weather(DAY, 1001.0, None),
        "weather_import": lambda: tg.import_weather(
            [(DAY + timedelta(d), 950.0 + d % 100, 1.0) for d in range(-1, 150)]
        ),
        "period": lambda: tg.set_period_start(DAY, True),
        "cycle": lambda: tg.set_cycle_enabled(True),
    }
    writes = fail_each_write(faults, lambda: run_operation(actions[action]))
    assert writes >= 1
    for table, rows in dump().items():
        ids = [row[0] for row in rows]
        assert len(ids) == len(set(ids)), table
    if action == "weather_import":
        assert Weather.select().count() == 151
    if action == "tag_new":
        assert Tag.select().where(Tag.name == "new tag").count() == 1


def test_the_trigger_insights_read_each_tags_days_and_each_days_pressure(diary):
    """What the insights read in plain SQL equals the rows the Today page reads: a tag on
    the day and on one of its entries is one day; days outside the range are left out."""
    entry = _entry(DAY + timedelta(days=1))
    tg.set_tag(DAY, "cold", True)
    tg.set_tag(DAY + timedelta(days=1), "cold", True)
    tg.set_tag(DAY + timedelta(days=1), "cold", True, entry_id=entry)
    tg.set_tag(DAY + timedelta(days=1), "Stress", True, entry_id=entry)
    tg.set_tag(DAY + timedelta(days=9), "cold", True)  # outside
    tg.save_weather(DAY, 1012.5, 4.0)
    tg.save_weather(DAY + timedelta(days=1), None, 6.0)  # no pressure: not a pressure day
    tg.save_weather(DAY + timedelta(days=2), 1003.0, None)
    end = DAY + timedelta(days=3)
    expected: dict[str, set[date]] = {}
    for row in tg.tags_between(DAY, end):
        expected.setdefault(row.name, set()).add(row.date)
    found = tg.tag_days_between(DAY, end)
    assert found == {name: sorted(days) for name, days in expected.items()}
    assert found == {"cold": [DAY, DAY + timedelta(days=1)], "Stress": [DAY + timedelta(days=1)]}
    assert tg.pressures_between(DAY, end) == {DAY: 1012.5, DAY + timedelta(days=2): 1003.0}
