"""Schema 3 (issue 15): every older diary migrates with each treatment and each check-in
tick intact, a plain free-text dose becomes amount and unit, and the v3 fixture reads back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fibrodesk.db.database import check_diary, close_diary, open_diary
from fibrodesk.db.migrations import SCHEMA_VERSION, parse_dose
from fibrodesk.db.models import (
    CheckInTreatment,
    DayTag,
    PeriodStart,
    SideEffect,
    Tag,
    Treatment,
    TreatmentDose,
    Weather,
    db,
)

FIXTURES = Path(__file__).parent / "fixtures"
STAMP = "'2026-03-02T21:00:00+01:00', '2026-03-02T21:00:00+01:00'"
NEW_TABLES = {"treatment_dose", "side_effect", "tag", "day_tag", "weather", "period_start"}
# What the v3 columns of a treatment hold after the migration, per free-text dose:
# (amount, unit, schedule, times, start_date, stop_date, purpose).
TREATMENTS = [
    # id, name, kind, dose, hidden -> amount, unit
    ("t-1", "Paracetamol", "medication", "500 mg", 0, 500.0, "mg"),
    ("t-2", "Pregabalin", "medication", "75mg", 1, 75.0, "mg"),
    ("t-3", "Ibuprofen gel", "medication", "1-2 pumps", 0, None, ""),
    ("t-4", "Heat pad", "heat", "", 0, None, ""),
    ("t-5", "TENS", "tens", "20 min", 0, 20.0, "minutes"),
    ("t-6", "Drops", "own", "0,5 ml", 0, 0.5, "ml"),
    ("t-7", "=HYPERLINK()", "own", "as needed", 0, None, ""),
]
TICKS = [("k-1", "Paracetamol", "1 g"), ("k-2", "Not in the list", ""), ("k-3", "TENS", "")]


def _load(version: int, folder: Path, with_treatments: bool = True) -> Path:
    folder.mkdir(mode=0o700, parents=True)
    path = folder / "fibrodesk.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"diary_v{version}.sql").read_text("utf-8"))
    if with_treatments:
        # The frozen fixtures hold no treatments: add some, as an old FibroDesk wrote them.
        checkin = conn.execute("SELECT id FROM check_in").fetchone()[0]
        for tid, name, kind, dose, hidden, _a, _u in TREATMENTS:
            conn.execute(
                f"INSERT INTO treatment VALUES (?, {STAMP}, ?, ?, ?, ?)",
                (tid, name, kind, dose, hidden),
            )
        for kid, name, dose in TICKS:
            conn.execute(
                f"INSERT INTO check_in_treatment VALUES (?, {STAMP}, ?, ?, ?)",
                (kid, checkin, name, dose),
            )
        conn.commit()
    conn.close()
    return path


def _rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}
    conn.close()
    return rows


@pytest.mark.parametrize("version", [1, 2])
def test_older_diary_migrates_with_every_treatment_and_tick(tmp_path, version):
    path = _load(version, tmp_path / "d")
    before = _rows(path)
    open_diary(tmp_path / "d")
    close_diary()
    after = _rows(path)
    assert set(after) - set(before) - {"pgic"} == NEW_TABLES
    for table in NEW_TABLES:
        assert after[table] == [], table
    # every check-in tick, byte for byte
    assert after["check_in_treatment"] == before["check_in_treatment"]
    assert len(after["check_in_treatment"]) == len(TICKS)
    # every treatment keeps its v1 values, then gains amount/unit and the defaults
    expected = sorted(
        (tid, *stamp, name, kind, dose, hidden, amount, unit, "as_needed", "", None, None, "")
        for (tid, name, kind, dose, hidden, amount, unit), stamp in zip(
            TREATMENTS, [("2026-03-02T21:00:00+01:00",) * 2] * len(TREATMENTS), strict=True
        )
    )
    assert after["treatment"] == expected
    # nothing else changed in the tables schema 3 did not touch
    for table, rows in before.items():
        if table in ("treatment", "entry", "check_in"):
            continue
        assert after[table] == rows, table
    assert len(after["entry"]) == len(before["entry"]) and len(after["check_in"]) == 1
    assert check_diary(tmp_path / "d") == []


def test_v3_fixture_reads_every_new_record(tmp_path):
    _load(3, tmp_path / "d", with_treatments=False)
    open_diary(tmp_path / "d")
    try:
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        amitriptyline = Treatment.get(Treatment.name == "Amitriptyline")
        assert (amitriptyline.schedule, amitriptyline.times) == ("regular", "21:30")
        assert (amitriptyline.amount, amitriptyline.unit) == (10.0, "mg")
        assert amitriptyline.purpose == "sleep and pain"
        doses = {(d.treatment.name, d.taken_at, d.amount) for d in TreatmentDose.select()}
        assert ("Paracetamol", "2026-03-02T08:40:00+01:00", 500.0) in doses
        assert ("Heat pad", "2026-03-02T18:00:00+01:00", None) in doses
        effect = SideEffect.get()
        assert (effect.effect, effect.severity) == ("drowsiness", 4)
        assert {t.name for t in Tag.select()} == {"long standing", "+cold snap"}
        assert {(d.tag.name, d.entry_id is None) for d in DayTag.select()} == {
            ("long standing", True),
            ("+cold snap", False),
        }
        assert [(w.date, w.pressure_hpa, w.temperature_c) for w in Weather.select()] == [
            ("2026-03-01", 1016.5, 4.0),
            ("2026-03-02", 1008.2, -1.5),
        ]
        assert PeriodStart.get().date == "2026-02-24"
        assert CheckInTreatment.get().name == "Paracetamol"
    finally:
        close_diary()
    assert check_diary(tmp_path / "d") == []


def test_the_schema_refuses_what_issue_15_rules_out(diary):
    from fibrodesk.db.models import Entry

    heat = Treatment.create(name="Heat", kind="heat")
    entry = Entry.create(recorded_at="2026-03-02T08:00:00+01:00", date="2026-03-02")
    tag = Tag.create(name="stress")
    DayTag.create(tag=tag, date="2026-03-02")
    DayTag.create(tag=tag, date="2026-03-02", entry=entry)
    refused = [
        "UPDATE treatment SET amount = 0",
        "UPDATE treatment SET schedule = 'daily'",
        "UPDATE treatment SET times = '8 am'",
        "UPDATE treatment SET start_date = '2026-03-02', stop_date = '2026-03-01'",
        f"INSERT INTO weather VALUES ('w', {STAMP}, '2026-03-02', 1200, NULL, 'typed')",
        f"INSERT INTO weather VALUES ('w', {STAMP}, '2026-03-02', NULL, -61, 'typed')",
        f"INSERT INTO weather VALUES ('w', {STAMP}, '2026-03-02', NULL, NULL, 'fetched')",
        f"INSERT INTO side_effect VALUES ('s', {STAMP}, '{heat.id}', '2026-03-02', 'rash', 1, '')",
        f"INSERT INTO side_effect VALUES ('s', {STAMP}, '{heat.id}', '2026-03-02', 'nausea', 11, '')",
        f"INSERT INTO tag VALUES ('x', {STAMP}, '{'x' * 61}', 0)",
        # a tag once per day, and once per entry
        f"INSERT INTO day_tag VALUES ('d2', {STAMP}, '{tag.id}', '2026-03-02', NULL)",
        f"INSERT INTO day_tag VALUES ('d3', {STAMP}, '{tag.id}', '2026-03-02', '{entry.id}')",
    ]
    for sql in refused:
        with pytest.raises(Exception, match="constraint|UNIQUE"):
            with db.atomic():
                db.execute_sql(sql)
    # allowed: several times a day, a stop date alone, a dose without amount
    db.execute_sql("UPDATE treatment SET times = '08:00;20:30', stop_date = '2026-04-01'")
    assert Treatment.get().times == "08:00;20:30"
    # deleting an entry removes its tags, deleting a tag removes its uses
    entry.delete_instance()
    assert DayTag.select().count() == 1
    tag.delete_instance()
    assert DayTag.select().count() == 0


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("500 mg", (500.0, "mg")),
        ("500mg", (500.0, "mg")),
        (" 2 tablets ", (2.0, "tablet")),
        ("1 tab.", (1.0, "tablet")),
        ("0,5 ml", (0.5, "ml")),
        ("20 min", (20.0, "minutes")),
        ("100 µg", (100.0, "mcg")),
        ("1000 IU", (1000.0, "IU")),
        ("", None),
        ("1-2 tablets", None),
        ("500 mg twice", None),
        ("as needed", None),
        ("0 mg", None),
        ("5 bananas", None),
    ],
)
def test_free_text_dose_is_parsed_only_when_plain(text, parsed):
    assert parse_dose(text) == parsed
