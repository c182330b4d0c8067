"""The csv export: the contract's columns in order, neutralised formulas, a folder or a
zip, and an import that gives back exactly what the json export holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

from fibrodesk.db import models as m
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io import csv_io
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import import_path
from fibrodesk.io.records import neutralise, restore
from tests.io.fixtures.sample import TRICKY, build_sample

CONTRACT = {
    "pain_marks.csv": "id, entry_id, recorded_at, date, region, side, wpi_area, intensity, "
    "qualities, note",
    "checkins.csv": "id, date, overall_pain, leg_weakness, fatigue, sleep_hours, sleep_quality, "
    "stiffness_minutes, fog, mood, restless_legs, falls, flare, treatments, note",
    "tender_points.csv": "id, exam_id, date, point, side, painful, pain",
    "exercise_sessions.csv": "id, plan_id, exercise, scheduled_for, planned_dose, unit, status, "
    "actual_dose, effort, pain_before, pain_after, pacing_action, pacing_reason",
}
"""Copied from contract.md, Exports."""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _tables(path: Path) -> dict:
    export_diary("json", path)
    return json.loads(path.read_text("utf-8"))["tables"]


def test_contract_files_start_with_the_contract_columns_in_order(
    diary: Path, tmp_path: Path
) -> None:
    build_sample()
    export_diary("csv", tmp_path / "out")
    for name, columns in CONTRACT.items():
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        expected = columns.split(", ")
        assert header[: len(expected)] == expected, name
        assert header[-2:] == ["created_at", "updated_at"]


def test_cells_are_written_as_the_contract_says(diary: Path, tmp_path: Path) -> None:
    ids = build_sample()
    export_diary("csv", tmp_path / "out")
    marks = _rows(tmp_path / "out" / "pain_marks.csv")
    knee = next(r for r in marks if r["region"] == "knee_inner_left" and r["date"] == "2025-03-10")
    assert knee["side"] == "left" and knee["wpi_area"] == "lower_leg_left"
    assert knee["recorded_at"] == "2025-03-10T08:30:00-05:00"
    head = next(r for r in marks if r["region"] == "head")
    assert head["side"] == "" and head["wpi_area"] == ""
    assert {r["intensity"] for r in marks} >= {"0", "10"}
    assert "aching;burning" in {r["qualities"] for r in marks}
    checkins = _rows(tmp_path / "out" / "checkins.csv")
    assert [r["flare"] for r in checkins] == ["", "1", "0"]
    assert checkins[0]["treatments"] == "'-Ibuprofen;Heat pad"  # joined by ';', neutralised
    assert checkins[2]["treatments"] == ""
    assert checkins[0]["sleep_hours"] == "7.25" and checkins[2]["overall_pain"] == ""
    points = _rows(tmp_path / "out" / "tender_points.csv")
    assert [(p["point"], p["side"], p["painful"], p["pain"]) for p in points] == [
        ("gluteal_right", "right", "0", ""),
        ("knee_left", "left", "1", "7"),
        ("occiput_left", "left", "1", "0"),
    ]
    sessions = _rows(tmp_path / "out" / "exercise_sessions.csv")
    assert sessions[0]["exercise"] == ids["own_exercise"] and sessions[0]["plan_id"] == ""
    assert [s["status"] for s in sessions] == ["skipped", "done", "partly", "planned"]
    assert sessions[1]["pacing_action"] == "start" and sessions[1]["unit"] == "minutes"


def test_formula_cells_are_neutralised_in_the_file(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("csv", tmp_path / "out")
    notes = [r["note"] for r in _rows(tmp_path / "out" / "pain_marks.csv")]
    for written, original in [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'+1", "+1"),
        ("'-2", "-2"),
        ("'@x", "@x"),
        ("'\tx", "\tx"),
        ("''quoted", "'quoted"),
        ("'\rcarriage", "\rcarriage"),
        ("'''twice", "''twice"),
    ]:
        assert written in notes, original
        assert original not in notes or original == written
    for cell in notes:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_neutralise_and_restore_are_inverse() -> None:
    for text in [*TRICKY, "plain", "a=b", "'", "''", "=", "-", "'=x"]:
        assert restore(neutralise(text)) == text
        assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_folder_round_trip_gives_the_json_tables_back(diary: Path, tmp_path: Path) -> None:
    build_sample()
    before = _tables(tmp_path / "before.json")
    export_diary("csv", tmp_path / "out")
    close_diary()
    open_diary(tmp_path / "other")
    report = import_path(tmp_path / "out")
    assert report.counts["pain_mark"].added == 12
    after = _tables(tmp_path / "after.json")
    before.pop("setting")  # settings travel in json only
    assert after.pop("setting") == []
    assert before == after
    notes = {m.note for m in m.PainMark.select()}
    assert set(TRICKY) <= notes  # every text comes back as written


def test_zip_export_holds_the_files_and_imports_back(diary: Path, tmp_path: Path) -> None:
    build_sample()
    before = _tables(tmp_path / "before.json")
    message = export_diary("csv", tmp_path / "out.zip")
    assert "out.zip" in message and "12 pain marks" in message
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        names = set(archive.namelist())
        header = archive.read("pain_marks.csv").decode("utf-8").splitlines()[0]
    assert {"pain_marks.csv", "checkins.csv", "tender_points.csv", "exercise_sessions.csv"} <= names
    assert {"entries.csv", "plans.csv", "exercises.csv", "manifest.json"} <= names
    assert header.startswith("id,entry_id,recorded_at,date,region,side,wpi_area,intensity")
    close_diary()
    open_diary(tmp_path / "other")
    import_path(tmp_path / "out.zip")
    after = _tables(tmp_path / "after.json")
    before.pop("setting"), after.pop("setting")
    assert before == after
    again = import_path(tmp_path / "out.zip")
    assert again.added == 0


def test_a_zip_of_the_export_folder_imports_too(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("csv", tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "handmade.zip", "w") as archive:
        for file in (tmp_path / "out").iterdir():
            archive.write(file, f"my export/{file.name}")
    close_diary()
    open_diary(tmp_path / "other")
    assert import_path(tmp_path / "handmade.zip").counts["check_in"].added == 3


def test_range_filter_in_csv(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("csv", tmp_path / "out", date(2025, 3, 10), date(2025, 3, 31))
    marks = _rows(tmp_path / "out" / "pain_marks.csv")
    assert {r["date"] for r in marks} == {"2025-03-10"} and len(marks) == 4
    assert [r["date"] for r in _rows(tmp_path / "out" / "checkins.csv")] == ["2025-03-10"]
    assert _rows(tmp_path / "out" / "tender_points.csv") == []
    sessions = _rows(tmp_path / "out" / "exercise_sessions.csv")
    assert [s["date"] for s in sessions] == ["2025-03-12"]
    assert len(_rows(tmp_path / "out" / "plans.csv")) == 1


def test_an_empty_diary_exports_headers_only(diary: Path, tmp_path: Path) -> None:
    assert "no records" in export_diary("csv", tmp_path / "out")
    text = (tmp_path / "out" / "pain_marks.csv").read_text("utf-8")
    assert text.splitlines() == [
        CONTRACT["pain_marks.csv"].replace(", ", ",") + ",created_at,updated_at"
    ]


def test_spreadsheet_saved_files_import(diary: Path, tmp_path: Path) -> None:
    """A file saved by a spreadsheet: a byte-order mark, LF line ends, columns moved."""
    build_sample()
    export_diary("csv", tmp_path / "out")
    path = tmp_path / "out" / "checkins.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    moved = [[row[-1], *row[:-1]] for row in rows]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(moved)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    close_diary()
    open_diary(tmp_path / "other")
    assert import_path(tmp_path / "out").counts["check_in"].added == 3


def test_every_table_has_a_csv_file() -> None:
    names = {spec.table.name for spec in csv_io.FILES}
    assert names == {mm._meta.table_name for mm in m.MODELS} - {"setting"}
