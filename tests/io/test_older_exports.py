"""Exports written before schema 2 still import: the columns v2 added take their defaults.

A person's old json or csv export must never become unreadable because FibroDesk grew a
column (docs/formats.md, "Columns added by a later schema").
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from fibrodesk.db import models as m
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import import_path
from fibrodesk.io.records import BY_NAME, LATER_COLUMNS
from tests.io.fixtures.sample import build_sample, reopen

V2_ONLY_TABLES = {"pgic"}
V3_ONLY_TABLES = {"treatment_dose", "side_effect", "tag", "day_tag", "weather", "period_start"}
LATER_TABLES = V2_ONLY_TABLES | V3_ONLY_TABLES


def _as_v1_json(source: Path, target: Path) -> None:
    doc = json.loads(source.read_text("utf-8"))
    doc["schema"] = 1
    for table in LATER_TABLES:
        doc["tables"].pop(table, None)
    for (table, column), _default in LATER_COLUMNS.items():
        for row in doc["tables"].get(table, []):
            del row[column]
    target.write_text(json.dumps(doc), "utf-8")


def _as_v1_csv(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    gone = {f"{BY_NAME[t].csv_name}.csv" for t in LATER_TABLES}
    for name in gone:
        (folder / name).unlink()
    manifest["files"] = [f for f in manifest.get("files", []) if f not in gone]
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    tables = {f"{t.csv_name}.csv": t.name for t in BY_NAME.values()}
    for path in folder.glob("*.csv"):
        table = tables.get(path.name)
        later = {column for (t, column) in LATER_COLUMNS if t == table}
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        keep = [i for i, h in enumerate(rows[0]) if h not in later]
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([[row[i] for i in keep] for row in rows])


def _empty_diary(diary: Path) -> None:
    for model in reversed(m.MODELS):
        model.delete().execute()


def test_a_v1_json_export_imports_with_the_v2_defaults(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "now.json")
    _as_v1_json(tmp_path / "now.json", tmp_path / "old.json")
    _empty_diary(diary)
    import_path(tmp_path / "old.json")
    assert m.CheckIn.select().count() == 3
    assert m.CheckIn.select().where(m.CheckIn.for_doctor == True).count() == 0  # noqa: E712
    assert {s.skip_reason for s in m.ExerciseSession.select()} == {None}
    assert {d.revision for d in m.PacingDecision.select()} == {""}
    assert m.Pgic.select().count() == 0
    # schema 3: a treatment exported before it is taken as needed, with no dates
    treatments = {t.name: t for t in m.Treatment.select()}
    ibuprofen = treatments["-Ibuprofen"]
    assert (ibuprofen.schedule, ibuprofen.times, ibuprofen.amount) == ("as_needed", "", None)
    assert (ibuprofen.start_date, ibuprofen.stop_date, ibuprofen.purpose) == (None, None, "")
    assert m.TreatmentDose.select().count() == 0 and m.Weather.select().count() == 0


def test_a_v1_csv_export_imports_with_the_v2_defaults(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("csv", tmp_path / "old")
    _as_v1_csv(tmp_path / "old")
    _empty_diary(diary)
    reopen(diary)
    import_path(tmp_path / "old")
    assert m.Entry.select().count() == 3
    assert m.Entry.select().where(m.Entry.for_doctor == True).count() == 0  # noqa: E712
    assert {s.skip_reason for s in m.ExerciseSession.select()} == {None}


def test_the_v2_fields_round_trip(diary: Path, tmp_path: Path) -> None:
    build_sample()
    export_diary("json", tmp_path / "now.json")
    _empty_diary(diary)
    import_path(tmp_path / "now.json")
    assert sorted(p.answer for p in m.Pgic.select()) == [1, 5]
    assert m.CheckIn.get(m.CheckIn.date == "2025-03-02").for_doctor is True
    assert m.Entry.get(m.Entry.date == "2025-03-10").for_doctor is True
    assert {s.skip_reason for s in m.ExerciseSession.select()} == {None, "fatigue_flare"}
    revised = m.PacingDecision.get(m.PacingDecision.review_date == "2025-03-08")
    assert revised.revision.startswith("=revised")
