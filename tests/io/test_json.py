"""The json export is the whole diary, lossless: export, import into an empty diary,
export again, and the tables are the same, row for row."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.db import models as m
from fibrodesk.db.database import SCHEMA_VERSION, close_diary, open_diary
from fibrodesk.io import records
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import ImportCancelled, import_path
from tests.io.fixtures.sample import TRICKY, build_sample, file_hash, insert, reopen, stamp


def _export(path: Path, start: date | None = None, end: date | None = None) -> dict:
    export_diary("json", path, start, end)
    return json.loads(path.read_text("utf-8"))


def _round_trip(diary: Path, tmp_path: Path) -> tuple[dict, dict]:
    first = _export(tmp_path / "first.json")
    close_diary()
    open_diary(tmp_path / "empty")
    import_path(tmp_path / "first.json")
    second = _export(tmp_path / "second.json")
    return first, second


def test_json_round_trip_gives_the_same_tables(diary: Path, tmp_path: Path) -> None:
    build_sample()
    first, second = _round_trip(diary, tmp_path)
    assert first["tables"] == second["tables"]
    assert {k: len(v) for k, v in first["tables"].items()} == {
        k: len(v) for k, v in second["tables"].items()
    }
    notes = {row["note"] for row in second["tables"]["pain_mark"]}
    assert set(TRICKY) <= notes


def test_json_round_trip_of_the_demo_diary(diary: Path, tmp_path: Path) -> None:
    demo = pytest.importorskip("fibrodesk.db.demo")
    demo.generate_demo(years=1, seed=7)
    first, second = _round_trip(diary, tmp_path)
    assert first["tables"]["pain_mark"], "the demo should hold pain marks"
    assert first["tables"] == second["tables"]


def test_json_head_and_rows_hold_every_column_in_order(diary: Path, tmp_path: Path) -> None:
    build_sample()
    doc = _export(tmp_path / "out.json")
    assert doc["format"] == "fibrodesk"
    assert doc["version"] == 1
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["exported_at"][10] == "T" and doc["exported_at"][-6] in "+-"
    for model in m.MODELS:
        table = model._meta.table_name
        columns = [f.column_name for f in model._meta.sorted_fields]
        rows = doc["tables"][table]
        assert rows, f"the sample should fill {table}"
        for row in rows:
            assert list(row) == columns
    checkin = doc["tables"]["check_in"][0]
    assert checkin["flare"] is None and checkin["sleep_hours"] == 7.25
    assert doc["tables"]["check_in"][1]["flare"] is True
    intensities = [row["intensity"] for row in doc["tables"]["pain_mark"]]
    assert 0 in intensities and None not in intensities  # 0 is a value, never blank


def test_two_exports_of_the_same_diary_have_the_same_tables(diary: Path, tmp_path: Path) -> None:
    build_sample()
    assert _export(tmp_path / "a.json")["tables"] == _export(tmp_path / "b.json")["tables"]


def test_importing_the_same_file_twice_adds_nothing(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    close_diary()
    open_diary(tmp_path / "other")
    first = import_path(tmp_path / "out.json")
    assert first.counts["pain_mark"].added == 12
    assert first.summary().startswith("Added 12 pain marks, 3 check-ins, 1 tender-point exam")
    again = import_path(tmp_path / "out.json")
    assert again.added == 0 and again.updated == 0
    assert again.skipped == first.added
    assert again.summary() == f"Nothing new; skipped {first.added} already in the diary."


def test_range_export_keeps_the_days_and_what_they_need(diary: Path, tmp_path: Path) -> None:
    ids = build_sample()
    doc = _export(tmp_path / "range.json", date(2025, 3, 2), date(2025, 3, 5))
    t = doc["tables"]
    assert doc["range"] == {"from": "2025-03-02", "to": "2025-03-05"}
    assert [r["date"] for r in t["entry"]] == ["2025-03-02"]
    assert {r["entry_id"] for r in t["pain_mark"]} == {ids["entries"][1]}
    assert [r["date"] for r in t["check_in"]] == ["2025-03-02"]
    assert {r["checkin_id"] for r in t["check_in_treatment"]} == {ids["checkins"][1]}
    assert {r["name"] for r in t["treatment"]} == {"Heat pad", "-Ibuprofen"}
    assert [r["date"] for r in t["exercise_session"]] == ["2025-03-02", "2025-03-03", "2025-03-05"]
    # The sessions' plan and exercises come along; the plan that ended in 2024 does not.
    assert [r["id"] for r in t["plan"]] == [ids["plan"]]
    assert {r["id"] for r in t["exercise"]} == {"flat_walking", ids["own_exercise"]}
    assert [r["start_date"] for r in t["flare"]] == ["2025-03-02"]
    assert [r["week_start"] for r in t["weekly_symptoms"]] == ["2025-02-24"]
    assert t["pacing_decision"] == []
    assert "setting" not in t


def test_a_range_export_imports_into_an_empty_diary(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "range.json", date(2025, 3, 2), None)
    close_diary()
    open_diary(tmp_path / "other")
    report = import_path(tmp_path / "range.json")
    assert report.counts["entry"].added == 2
    assert m.ExerciseSession.select().count() == 4


def test_a_newer_copy_updates_and_an_older_copy_is_kept(diary: Path, tmp_path: Path) -> None:
    ids = build_sample()
    export_diary("json", tmp_path / "out.json")
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    first, second = doc["tables"]["check_in"][0], doc["tables"]["check_in"][1]
    first["note"], first["updated_at"] = "newer in the file", stamp("2030-01-01")
    second["note"], second["updated_at"] = "older in the file", stamp("2020-01-01")
    (tmp_path / "edited.json").write_text(json.dumps(doc), "utf-8")
    report = import_path(tmp_path / "edited.json")
    assert report.counts["check_in"].updated == 1
    assert report.counts["check_in"].kept == 1
    assert m.CheckIn.get_by_id(ids["checkins"][0]).note == "newer in the file"
    assert m.CheckIn.get_by_id(ids["checkins"][1]).note == TRICKY[4]
    assert report.summary().startswith("Updated 1 check-in to the file's newer version; skipped")
    assert "kept the diary's newer version of 1 record" in report.summary()


def test_settings_travel_in_json_and_the_diary_value_wins(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    close_diary()
    open_diary(tmp_path / "other")
    m.Setting.insert(key="theme", value='"light"').execute()
    report = import_path(tmp_path / "out.json")
    # last_intensity and cycle/enabled come in, the diary's theme stays
    assert report.counts["setting"].added == 2 and report.counts["setting"].kept == 1
    assert m.Setting.get_by_id("theme").value == '"light"'
    assert m.Setting.get_by_id("last_intensity").value == "5"


def test_an_import_makes_a_backup_of_a_diary_that_holds_records(
    diary: Path, tmp_path: Path
) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    m.PainMark.delete().where(m.PainMark.intensity == 0).execute()
    report = import_path(tmp_path / "out.json")
    assert report.counts["pain_mark"].added == 2
    assert report.backup is not None and report.backup.is_file()
    assert "before-import" in report.backup.name


def test_cancel_while_writing_leaves_the_diary_byte_identical(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    m.PainMark.delete().execute()
    m.Entry.delete().execute()
    before = file_hash(diary)
    reopen(diary)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3  # the third call comes after the first table was written

    with pytest.raises(ImportCancelled) as caught:
        import_path(tmp_path / "out.json", progress)
    assert str(caught.value) == "The import was cancelled; the diary was left exactly as it was."
    assert m.Entry.select().count() == 0
    assert file_hash(diary) == before
    reopen(diary)


def test_progress_reaches_its_total(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    close_diary()
    open_diary(tmp_path / "other")
    calls: list[tuple[int, int]] = []
    import_path(tmp_path / "out.json", lambda d, t: calls.append((d, t)) is None)
    assert calls[-1][0] == calls[-1][1] > 0
    assert all(d <= t for d, t in calls)


def test_every_model_column_has_its_rules() -> None:
    pain = records.BY_NAME["pain_mark"]
    assert pain.column("intensity").lo == 0 and pain.column("intensity").hi == 10
    assert "knee_inner_left" in (pain.column("region").choices or ())
    assert pain.column("entry_id").ref == "entry"
    assert records.BY_NAME["plan"].column("time_of_day").kind == records.CLOCK
    assert records.BY_NAME["entry"].column("recorded_at").kind == records.TIME
    assert records.BY_NAME["check_in"].unique == (("date",),)
    assert [t.name for t in records.TABLES] == [mm._meta.table_name for mm in m.MODELS]
    assert insert  # the sample's helper stays importable for other tests
