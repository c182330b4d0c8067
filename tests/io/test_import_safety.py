"""Imports that are whole or refused before a byte is read, values every page can show, and
formula neutralisation of the whole class (issue 14 points 3, 4, 5, 10, 11), driven from
the command line; the diary's content is compared before and after."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.io import records as r
from fibrodesk.io.export import export_diary
from fibrodesk.paths import DB_NAME
from tests.db.test_damage_beside_backups import fibrodesk
from tests.db.test_index_locks_leftovers import content
from tests.io.fixtures.sample import build_sample


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """json and csv exports of the sample diary, and an empty diary in tmp_path/d."""
    src = tmp_path / "src"
    open_diary(src)
    try:
        build_sample()
        export_diary("json", tmp_path / "good.json")
        export_diary("csv", tmp_path / "good")
        export_diary("csv", tmp_path / "good.zip")
    finally:
        close_diary()
    open_diary(tmp_path / "d")
    close_diary()
    return tmp_path


def refused(exports: Path, target: Path | str, *words: str) -> str:
    d = exports / "d"
    before = content(d / DB_NAME)
    done = fibrodesk("import", str(target), "--data-dir", str(d))
    assert done.returncode == 1, done.stdout
    err = done.stderr.strip()
    assert "\n" not in err and "Traceback" not in err
    for word in words:
        assert word in err
    assert content(d / DB_NAME) == before
    return err


@pytest.mark.parametrize("missing", ["pain_marks.csv", "entries.csv", "checkins.csv"])
@pytest.mark.parametrize("as_what", ["gone", "folder", "fifo", "device"])
def test_a_file_the_manifest_lists_must_be_there(exports, missing, as_what):
    folder = exports / "good"
    (folder / missing).unlink()
    if as_what == "folder":
        (folder / missing).mkdir()
    elif as_what == "fifo":
        os.mkfifo(folder / missing)
    elif as_what == "device":
        (folder / missing).symlink_to("/dev/zero")
    words = ["lists it, but it is not in the export"] if as_what == "gone" else ["it is a"]
    refused(exports, folder, missing, *words)


def test_a_zip_missing_a_listed_file_is_refused(exports):
    source = exports / "good.zip"
    cut = exports / "cut.zip"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(cut, "w") as zout:
        for info in zin.infolist():
            if info.filename != "pain_marks.csv":
                zout.writestr(info, zin.read(info))
    refused(exports, cut, "pain_marks.csv", "lists it, but it is not in the export")


@pytest.mark.parametrize(
    ("plant", "words"),
    [
        ("/dev/zero", "it is a device"),
        ("/dev/urandom", "it is a device"),
        ("fifo", "it is a pipe (FIFO)"),
    ],
)
def test_not_a_regular_file_is_refused_before_it_is_read(exports, plant, words):
    path = exports / "export.json"
    if plant == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(plant)
    refused(exports, path, words, "nothing was read")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(exports):
    bomb = exports / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", (exports / "good" / "manifest.json").read_bytes())
        with z.open("pain_marks.csv", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(block)
    refused(exports, bomb, "zip bomb")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "fibrodesk", "version": 1, "x": NaN}', "NaN"),
        ('{"format": "fibrodesk", "version": 1, "x": -Infinity}', "-Infinity"),
        ("[" * 100_000 + "]" * 100_000, "nests lists or objects"),
        ('{"format": "fibrodesk", "version": 1, "x": ' + "9" * 5000 + "}", "thousands of digits"),
    ],
    ids=["nan", "infinity", "deep", "5000 digits"],
)
def test_json_oddities_are_named(exports, text, words):
    path = exports / "odd.json"
    path.write_text(text, "utf-8")
    refused(exports, path, words)


def _json_with(exports: Path, table: str, change: dict[str, object]) -> Path:
    doc = json.loads((exports / "good.json").read_text("utf-8"))
    doc["tables"][table][0].update(change)
    path = exports / "changed.json"
    path.write_text(json.dumps(doc), "utf-8")
    return path


@pytest.mark.parametrize(
    ("table", "change", "words"),
    [
        ("entry", {"date": "0001-01-01"}, "outside the years 1900 to 2199"),
        ("check_in", {"date": "9999-12-31"}, "outside the years 1900 to 2199"),
        ("entry", {"recorded_at": "0001-01-01T08:00:00+00:00"}, "outside the years"),
        ("entry", {"note": "pain \ud800 here"}, "lone UTF-16 surrogate"),
        ("entry", {"label": "\udfff"}, "lone UTF-16 surrogate"),
    ],
)
def test_values_no_page_could_show_are_refused(exports, table, change, words):
    refused(exports, _json_with(exports, table, change), words)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("reminders.evening_time", '"ab:cd"', "a time of day"),
        ("reminders.evening_time", '"25:00"', "a time of day"),
        ("reminders.evening", '"yes"', "true or false"),
        ("last_intensity", "11", "0 to 10"),
        ("last_intensity", "NaN", "not json"),
    ],
)
def test_settings_no_page_could_use_are_refused(exports, key, value, words):
    doc = json.loads((exports / "good.json").read_text("utf-8"))
    doc["tables"]["setting"] = [{"key": key, "value": value}]
    path = exports / "settings.json"
    path.write_text(json.dumps(doc), "utf-8")
    refused(exports, path, words)


NASTY = [
    "=1+1",
    "\n=1+1",
    "  +1",
    "\u00a0-1",
    "\u200b@SUM(A1)",
    "\ufeff=HYPERLINK()",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20x",
    "\ufe661",
    "|calc",
    "'quoted",
    "\t=1",
    "plain -1 = 1",
]


@pytest.mark.parametrize("text", NASTY)
def test_formula_neutralisation_covers_the_class(text):
    cell = r.neutralise(text)
    if text == "plain -1 = 1":
        assert cell == text
    else:
        assert cell == "'" + text
    assert r.restore(cell) == text


def test_neutralised_notes_come_back_exactly(exports):
    """Every nasty note through a csv export and an import into an empty diary."""
    src = exports / "src"
    open_diary(src)
    try:
        from fibrodesk.db import models as m

        entries = list(m.Entry.select().limit(len(NASTY)))
        for entry, text in zip(entries, NASTY, strict=False):
            m.Entry.update(note=text).where(m.Entry.id == entry.id).execute()
        export_diary("csv", exports / "nasty")
    finally:
        close_diary()
    for name in ("entries.csv",):
        cells = (exports / "nasty" / name).read_text("utf-8")
        assert "\n=1+1" not in cells.replace("'\n=1+1", "")
    d = exports / "fresh"
    done = fibrodesk("import", str(exports / "nasty"), "--data-dir", str(d))
    assert done.returncode == 0, done.stderr
    assert dict(content(d / DB_NAME))["entry"] == dict(content(src / DB_NAME))["entry"]
    shutil.rmtree(d)


def test_a_spreadsheet_saved_csv_with_exactly_the_contract_columns_imports(tmp_path):
    """checkins.csv as a spreadsheet saves it: the contract's columns only (no stamps),
    a byte-order mark, CRLF line ends, one row typed in with no id."""
    from fibrodesk.io.csv_io import CONTRACT

    folder = tmp_path / "sheet"
    folder.mkdir()
    header = CONTRACT["check_in"]
    rows = [
        ["11111111-2222-4333-8444-555555555555", "2026-03-01", "6", "3", "5", "7.5", "6",
         "30", "2", "6", "1", "0", "0", "", "from a spreadsheet"],
        ["", "2026-03-02", "4", "", "", "", "", "", "", "", "", "", "1", "", "typed in"],
    ]  # fmt: skip
    text = "\r\n".join(",".join(r) for r in [header, *rows]) + "\r\n"
    (folder / "checkins.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    d = tmp_path / "d"
    open_diary(d)
    close_diary()
    before = dict(content(d / DB_NAME))
    done = fibrodesk("import", str(folder), "--data-dir", str(d))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Added 2 check-ins."
    after = dict(content(d / DB_NAME))
    assert before["check_in"] == []
    by_date = {row[3]: row for row in after["check_in"]}  # id, created_at, updated_at, date
    assert by_date["2026-03-01"][0] == "11111111-2222-4333-8444-555555555555"
    assert len(by_date["2026-03-02"][0]) == 36  # a new id
    for row in after["check_in"]:
        assert row[1] == row[2] and row[1][10] == "T" and row[1][-6] in "+-"  # stamped now
