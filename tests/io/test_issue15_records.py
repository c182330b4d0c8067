"""Schema 3's records (issue 15) in the json and csv exports: every new table round-trips,
text cells are neutralised, a range keeps what its days need, and an import refuses what
the diary would refuse, with a sentence, before writing anything."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.db import models as m
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io import records
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import import_path
from tests.faults import dump
from tests.io.fixtures.sample import build_sample

NEW = {
    "treatment_dose": "treatment_doses.csv",
    "side_effect": "side_effects.csv",
    "tag": "tags.csv",
    "day_tag": "day_tags.csv",
    "weather": "weather.csv",
    "period_start": "period_starts.csv",
}


def _tables(path: Path, start: date | None = None, end: date | None = None) -> dict:
    export_diary("json", path, start, end)
    return json.loads(path.read_text("utf-8"))["tables"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("form", ["json", "csv", "zip"])
def test_every_new_table_round_trips_into_an_empty_diary(diary, tmp_path, form):
    build_sample()
    before = _tables(tmp_path / "before.json")
    for table in NEW:
        assert before[table], f"the sample fills {table}"
    target = {"json": "out.json", "csv": "out", "zip": "out.zip"}[form]
    export_diary(form if form != "zip" else "csv", tmp_path / target)
    close_diary()
    open_diary(tmp_path / "other")
    report = import_path(tmp_path / target)
    for table in NEW:
        assert report.counts[table].added == len(before[table]), table
    after = _tables(tmp_path / "after.json")
    if form != "json":
        before.pop("setting")  # settings travel in json only
        after.pop("setting")
    assert after == before
    # and once more: the same content again, nothing added
    again = import_path(tmp_path / target)
    assert again.added == 0 and again.updated == 0


def test_new_csv_files_hold_their_columns_and_neutralised_text(diary, tmp_path):
    build_sample()
    export_diary("csv", tmp_path / "out")
    for table, name in NEW.items():
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        columns = records.BY_NAME[table].column_names
        assert header[0] == "id" and header[-2:] == ["created_at", "updated_at"]
        assert sorted(header) == sorted(columns), name
    treatments = {r["name"]: r for r in _rows(tmp_path / "out" / "treatments.csv")}
    ibuprofen = treatments["'-Ibuprofen"]
    assert (ibuprofen["dose"], ibuprofen["purpose"], ibuprofen["times"]) == (
        "'+200 mg",
        "'=knees",
        "08:00;20:30",
    )
    assert (ibuprofen["schedule"], ibuprofen["amount"], ibuprofen["stop_date"]) == (
        "regular",
        "200.0",
        "2025-03-31",
    )
    doses = _rows(tmp_path / "out" / "treatment_doses.csv")
    assert "'=double" in {d["note"] for d in doses}
    assert {d["amount"] for d in doses} == {"200.0", "400.0", ""}
    assert {r["note"] for r in _rows(tmp_path / "out" / "side_effects.csv")} == {"'-slight", ""}
    assert "'@garden, long" in {r["name"] for r in _rows(tmp_path / "out" / "tags.csv")}
    weather = _rows(tmp_path / "out" / "weather.csv")
    assert [(w["pressure_hpa"], w["temperature_c"]) for w in weather] == [
        ("1013.25", "-60.0"),
        ("870.0", "21.5"),
        ("", "0.0"),
    ]
    assert [r["entry_id"] != "" for r in _rows(tmp_path / "out" / "day_tags.csv")] == [
        False,
        True,
        False,
    ]


def test_a_range_keeps_its_days_records_and_what_they_point_to(diary, tmp_path):
    build_sample()
    t = _tables(tmp_path / "range.json", date(2025, 3, 2), date(2025, 3, 5))
    assert [r["date"] for r in t["treatment_dose"]] == ["2025-03-02"]
    assert [r["date"] for r in t["side_effect"]] == ["2025-03-02", "2025-03-02"]
    assert [r["date"] for r in t["weather"]] == ["2025-03-02"]
    assert t["day_tag"] == [] and t["tag"] == [] and t["period_start"] == []
    assert {r["name"] for r in t["treatment"]} == {"Heat pad", "-Ibuprofen"}
    first = _tables(tmp_path / "first.json", date(2025, 3, 1), date(2025, 3, 1))
    assert [(r["date"], r["entry_id"] is None) for r in first["day_tag"]] == [
        ("2025-03-01", True),
        ("2025-03-01", False),
    ]
    assert [r["name"] for r in first["tag"]] == ["stress"]
    assert [r["date"] for r in first["entry"]] == ["2025-03-01"]


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("treatment", "times", "8 am", "not times of day like 08:00;20:30"),
        ("treatment", "times", "08:00;25:00", "not times of day"),
        ("treatment", "schedule", "daily", "not one of as_needed, regular"),
        ("treatment", "amount", 0, "not more than 0"),
        ("treatment", "stop_date", "2025-01-01", "is before start_date"),
        ("treatment_dose", "taken_at", "2025-03-01T08:00:00", "UTC offset"),
        ("treatment_dose", "amount", -1.5, "not more than 0"),
        ("side_effect", "severity", 11, "outside 0 to 10"),
        ("side_effect", "effect", "rash", "not one of"),
        ("tag", "name", "x" * 61, "more than the 60 allowed"),
        ("weather", "pressure_hpa", 2000, "outside 870 to 1090"),
        ("weather", "temperature_c", -61.0, "outside -60 to 60"),
        ("weather", "source", "fetched", "not one of imported, typed"),
        ("period_start", "date", "2025-02-30", "not a real calendar date"),
        ("day_tag", "tag_id", "no-such-tag", "neither in the file nor in the diary"),
    ],
)
def test_an_import_refuses_a_bad_new_record_before_writing(
    diary, tmp_path, table, column, value, words
):
    build_sample()
    export_diary("json", tmp_path / "out.json")
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    close_diary()
    open_diary(tmp_path / "other")
    before = dump()
    doc["tables"][table][0][column] = value
    (tmp_path / "bad.json").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(records.ImportProblems, match=words):
        import_path(tmp_path / "bad.json")
    assert dump() == before


def test_two_tags_on_one_day_under_different_ids_are_refused(diary, tmp_path):
    build_sample()
    export_diary("json", tmp_path / "out.json")
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    twin = dict(doc["tables"]["day_tag"][0], id="another-id-for-the-same-day")
    doc["tables"]["day_tag"].append(twin)
    (tmp_path / "twin.json").write_text(json.dumps(doc), "utf-8")
    close_diary()
    open_diary(tmp_path / "other")
    with pytest.raises(records.ImportProblems, match="there can be only one"):
        import_path(tmp_path / "twin.json")
    assert m.DayTag.select().count() == 0
