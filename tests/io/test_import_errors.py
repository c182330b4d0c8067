"""Broken import files: each is refused with plain sentences naming file, line and field,
and the diary stays byte for byte as it was (hashed with the diary closed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fibrodesk.db import models as m
from fibrodesk.errors import ImportFileError
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import import_path
from fibrodesk.io.records import ImportProblems
from tests.io.fixtures.sample import build_sample, file_hash, reopen


@pytest.fixture
def good(diary: Path, tmp_path: Path) -> Path:
    """Valid json (good.json) and csv (good/) exports of the sample; then the diary loses
    its pain marks, so that a valid import would write."""
    build_sample()
    export_diary("json", tmp_path / "good.json")
    export_diary("csv", tmp_path / "good")
    m.PainMark.delete().execute()
    return tmp_path


def refused(diary: Path, path: Path) -> ImportFileError:
    before = file_hash(diary)
    reopen(diary)
    with pytest.raises(ImportFileError) as caught:
        import_path(path)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith((".", ".)"))
    assert m.PainMark.select().count() == 0
    assert file_hash(diary) == before, "the diary changed"
    reopen(diary)
    return caught.value


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")


def _edit_csv(good: Path, name: str, line: int, old: str, new: str) -> Path:
    path = good / "good" / name
    data = path.read_bytes().split(b"\r\n")
    assert old.encode() in data[line - 1]
    data[line - 1] = data[line - 1].replace(old.encode(), new.encode(), 1)
    path.write_bytes(b"\r\n".join(data))
    return good / "good"


def _edit_json(good: Path, needle: str, old: str, new: str) -> tuple[Path, int]:
    """Replace ``old`` on the first line holding ``needle``; returns (path, line)."""
    lines = _lines(good / "good.json")
    index = next(i for i, text in enumerate(lines) if needle in text)
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    path = good / "edited.json"
    path.write_text("\n".join(lines), "utf-8")
    return path, index + 1


def _first_mark(good: Path) -> dict:
    doc = json.loads((good / "good.json").read_text("utf-8"))
    return next(r for r in doc["tables"]["pain_mark"] if r["intensity"] == 3)


# -- the cases named in the issue ----------------------------------------------------------


def test_wrong_columns(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "pain_marks.csv", 1, ",intensity,", ",intensty,")
    err = refused(diary, folder)
    assert "pain_marks.csv line 1: the header lacks the column intensity" in str(err)
    assert "has a column FibroDesk does not know ('intensty')" in str(err)
    assert str(err).startswith(
        "Nothing was imported from good; correct the file or export it again."
    )


def test_bad_utf8_in_csv(diary: Path, good: Path) -> None:
    path = good / "good" / "checkins.csv"
    data = path.read_bytes().split(b"\r\n")
    data[2] = data[2].replace(b"2025-03-02", b"2025-03-02\xff", 1)
    path.write_bytes(b"\r\n".join(data))
    err = refused(diary, good / "good")
    assert "checkins.csv line 3: the file is not UTF-8 text (byte 0xff)" in str(err)


def test_bad_utf8_in_json(diary: Path, good: Path) -> None:
    data = (good / "good.json").read_bytes().replace(b"Morning", b"Mor\xc3\x28ning", 1)
    (good / "bad.json").write_bytes(data)
    err = refused(diary, good / "bad.json")
    assert re.search(r"bad\.json line \d+: the file is not UTF-8 text \(byte 0xc3\)", str(err))


def test_unknown_region_json(diary: Path, good: Path) -> None:
    mark = _first_mark(good)
    path, line = _edit_json(good, mark["id"], mark["region"], "knee_middle_left")
    err = refused(diary, path)
    assert (
        f"edited.json line {line} (pain_mark), region: 'knee_middle_left' is not a body-map "
        "region FibroDesk knows." in str(err)
    )


def test_unknown_region_csv(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "pain_marks.csv", 2, ",calf_right,", ",calf_centre,")
    err = refused(diary, folder)
    assert "pain_marks.csv line 2, region: 'calf_centre' is not a body-map region" in str(err)


def test_unknown_tender_point(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "tender_points.csv", 3, ",knee_left,", ",knee_middle,")
    err = refused(diary, folder)
    assert "tender_points.csv line 3, point: 'knee_middle' is not a tender point" in str(err)


def test_intensity_42_csv(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "pain_marks.csv", 2, ",1,aching;burning,", ",42,aching;burning,")
    err = refused(diary, folder)
    assert "pain_marks.csv line 2, intensity: 42 is outside 0 to 10." in str(err)
    assert isinstance(err, ImportProblems) and err.total == 1


def test_intensity_42_json(diary: Path, good: Path) -> None:
    mark = _first_mark(good)
    path, line = _edit_json(good, mark["id"], '"intensity": 3', '"intensity": 42')
    err = refused(diary, path)
    assert f"edited.json line {line} (pain_mark), intensity: 42 is outside 0 to 10." in str(err)


def test_intensity_that_is_not_a_whole_number(diary: Path, good: Path) -> None:
    mark = _first_mark(good)
    path, _line = _edit_json(good, mark["id"], '"intensity": 3', '"intensity": 3.5')
    assert "intensity: 3.5 is not a whole number" in str(refused(diary, path))
    path, _line = _edit_json(good, mark["id"], '"intensity": 3', '"intensity": "3"')
    assert "intensity: '3' is not a number" in str(refused(diary, path))


def test_future_format_version_json(diary: Path, good: Path) -> None:
    text = (good / "good.json").read_text("utf-8").replace('"version": 1,', '"version": 2,', 1)
    (good / "future.json").write_text(text, "utf-8")
    err = refused(diary, good / "future.json")
    assert str(err) == (
        "Nothing was imported from future.json; correct the file or export it again. "
        "future.json: it was written by a newer FibroDesk (export format version 2; this "
        "version reads up to 1), so install the newer version to import it."
    )


def test_future_schema_json(diary: Path, good: Path) -> None:
    from fibrodesk.db.database import SCHEMA_VERSION

    text = (good / "good.json").read_text("utf-8")
    text = text.replace(f'"schema": {SCHEMA_VERSION},', '"schema": 99,', 1)
    (good / "future.json").write_text(text, "utf-8")
    assert "diary schema 99" in str(refused(diary, good / "future.json"))


def test_future_format_version_csv(diary: Path, good: Path) -> None:
    manifest = good / "good" / "manifest.json"
    doc = json.loads(manifest.read_text("utf-8"))
    doc["version"] = 3
    manifest.write_text(json.dumps(doc), "utf-8")
    err = refused(diary, good / "good")
    assert "manifest.json: it was written by a newer FibroDesk (export format version 3" in str(err)


def test_duplicate_ids_json(diary: Path, good: Path) -> None:
    lines = _lines(good / "good.json")
    mark = _first_mark(good)
    index = next(i for i, text in enumerate(lines) if mark["id"] in text)
    twin = lines[index].rstrip(",").replace('"intensity": 3', '"intensity": 4')
    lines.insert(index + 1, twin + ",")
    (good / "twice.json").write_text("\n".join(lines), "utf-8")
    err = refused(diary, good / "twice.json")
    assert (
        f"twice.json line {index + 2} (pain_mark), id: '{mark['id']}' appears twice in the "
        f"file (first at twice.json line {index + 1} (pain_mark))" in str(err)
    )


def test_duplicate_ids_csv(diary: Path, good: Path) -> None:
    path = good / "good" / "checkins.csv"
    data = path.read_bytes().split(b"\r\n")
    data.insert(3, data[1])
    path.write_bytes(b"\r\n".join(data))
    err = refused(diary, good / "good")
    assert "checkins.csv line 4, id: '" in str(err)
    assert "appears twice in the file (first at checkins.csv line 2)" in str(err)


def test_enormous_field_json(diary: Path, good: Path) -> None:
    mark = _first_mark(good)
    path, line = _edit_json(good, mark["id"], '"note": "', '"note": "' + "x" * 150_000)
    err = refused(diary, path)
    assert f"edited.json line {line} (pain_mark), note: holds 146 KB of text" in str(err)
    assert "more than the 100 KB any diary field may hold" in str(err)
    assert len(str(err)) < 600


@pytest.mark.parametrize("size", [110_000, 300_000])
def test_enormous_field_csv(diary: Path, good: Path, size: int) -> None:
    folder = _edit_csv(good, "checkins.csv", 2, ";Heat pad,", ";Heat pad" + "y" * size + ",")
    err = refused(diary, folder)
    assert "checkins.csv line 2" in str(err) and "100 KB" in str(err)
    assert len(str(err)) < 600


def test_truncated_json(diary: Path, good: Path) -> None:
    data = (good / "good.json").read_bytes()
    (good / "cut.json").write_bytes(data[: len(data) // 2])
    err = refused(diary, good / "cut.json")
    assert re.search(r"cut\.json line \d+: the file is cut short or is not valid json", str(err))


def test_csv_row_with_a_missing_cell(diary: Path, good: Path) -> None:
    path = good / "good" / "pain_marks.csv"
    data = path.read_bytes().split(b"\r\n")
    data[4] = data[4].rsplit(b",", 1)[0]
    path.write_bytes(b"\r\n".join(data))
    err = refused(diary, good / "good")
    assert "pain_marks.csv line 5: the row has 11 cells where the header has 12" in str(err)


# -- more ways a file can be wrong ------------------------------------------------------


def test_at_most_five_problems_are_named(diary: Path, good: Path) -> None:
    text = (good / "good.json").read_text("utf-8")
    text = re.sub(r'"intensity": \d+', '"intensity": 99', text)
    (good / "many.json").write_text(text, "utf-8")
    err = refused(diary, good / "many.json")
    assert isinstance(err, ImportProblems)
    assert len(err.problems) == 5 and err.total == 12
    assert str(err).endswith("(7 more problems not shown.)")
    assert all(p.count(".") >= 1 and "intensity: 99 is outside 0 to 10" in p for p in err.problems)


def test_a_mark_whose_entry_is_nowhere(diary: Path, good: Path) -> None:
    lines = (good / "good" / "entries.csv").read_bytes().split(b"\r\n")
    (good / "good" / "entries.csv").write_bytes(b"\r\n".join(lines[:1] + lines[2:]))
    m.Entry.delete().execute()
    err = refused(diary, good / "good")
    assert "pain_marks.csv line 2, entry_id: it points to the body-map entry '" in str(err)
    assert "which is neither in the file nor in the diary" in str(err)


def test_a_second_checkin_for_a_day_the_diary_has(diary: Path, good: Path) -> None:
    folder = _edit_csv(
        good,
        "checkins.csv",
        2,
        "00000000-0000-4000-8000-0000000000",
        "10000000-0000-4000-8000-0000000000",
    )
    for name in ("checkin_treatments.csv",):
        (folder / name).unlink()
    # A file left out on purpose is left out of the manifest too (else: incomplete export).
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["files"].remove("checkin_treatments.csv")
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    err = refused(diary, folder)
    assert (
        "checkins.csv line 2, date: the diary already has another check-in with date '2025-03-01'"
        in str(err)
    )


def test_a_time_without_its_offset(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "entries.csv", 2, "T08:30:00+01:00,2025-03-01", "T08:30:00,2025-03-01")
    err = refused(diary, folder)
    assert (
        "entries.csv line 2, recorded_at: '2025-03-01T08:30:00' is not a time with its UTC offset"
        in str(err)
    )


def test_an_impossible_date(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "checkins.csv", 3, ",2025-03-02,", ",2025-02-30,")
    assert "checkins.csv line 3, date: '2025-02-30' is not a real calendar date" in str(
        refused(diary, folder)
    )


def test_an_unknown_quality(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "pain_marks.csv", 2, "aching;burning", "aching;itchy")
    assert "qualities: 'itchy' is not a pain quality FibroDesk knows" in str(refused(diary, folder))


def test_a_flare_that_ends_before_it_starts(diary: Path, good: Path) -> None:
    folder = _edit_csv(good, "flares.csv", 2, "2025-03-04", "2025-02-01")
    assert "flares.csv line 2, end_date: 2025-02-01 is before start_date 2025-03-02" in str(
        refused(diary, folder)
    )


def test_not_a_fibrodesk_file(diary: Path, good: Path) -> None:
    (good / "other.json").write_text('{"hello": "world"}', "utf-8")
    assert "other.json: the file is not a FibroDesk json export" in str(
        refused(diary, good / "other.json")
    )
    (good / "other.zip").write_bytes(b"PK\x03\x04 broken")
    assert "other.zip: the zip file cannot be read" in str(refused(diary, good / "other.zip"))


def test_one_file_of_a_csv_export(diary: Path, good: Path) -> None:
    err = refused(diary, good / "good" / "pain_marks.csv")
    assert str(err) == (
        "pain_marks.csv is one file of a csv export; import the whole export folder (or its "
        ".zip) instead."
    )


def test_a_path_that_does_not_exist(diary: Path, good: Path) -> None:
    assert "There is no file or folder at" in str(refused(diary, good / "nothing.json"))


def test_a_folder_without_export_files(diary: Path, good: Path) -> None:
    (good / "empty").mkdir()
    assert "holds none of the csv files" in str(refused(diary, good / "empty"))


def test_a_problem_anywhere_refuses_everything(diary: Path, good: Path) -> None:
    """The last table of the file is broken: not even the first is imported."""
    folder = _edit_csv(good, "exercise_sessions.csv", 2, ",skipped,", ",maybe,")
    err = refused(diary, folder)
    assert (
        "exercise_sessions.csv line 2, status: 'maybe' is not one of done, partly, planned, skipped."
        in str(err)
    )
