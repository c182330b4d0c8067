"""The batched import checks exactly what the row-by-row import checks (issue 16 point 2).

Speed comes from checking a column at a time and from multi-row statements; these tests
hold that to "not by checking less": the column-wise check never lets through a value
the value-by-value rule refuses or would change, both ways give the same records, and a
write failing anywhere in the import leaves the diary as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fibrodesk.db import models as m
from fibrodesk.io import csv_io, importer
from fibrodesk.io import records as r
from fibrodesk.io import value_checks as vc
from fibrodesk.io.export import export_diary
from fibrodesk.io.importer import import_path, read_source
from tests.faults import FULL, IOERR, fail_each_write
from tests.io.fixtures.sample import build_sample

VALID_ID = "00000000-0000-4000-8000-000000000001"

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    2,
    -1,
    7,
    3.0,
    3.5,
    0.0,
    -0.0,
    2**53,
    2**53 + 1,
    -(2**60),
    1e300,
    float("nan"),
    float("inf"),
    float("-inf"),
    "",
    " ",
    "x",
    "3",
    "a\x00b",
    "\ud800",
    "é" * 30_000,
    "x" * 120_000,
    VALID_ID,
    VALID_ID + "\n",
    "-starts-with-dash",
    "a" * 64,
    "a" * 65,
    "2026-03-31",
    "2026-02-30",
    "2026-3-31",
    "1899-12-31",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    "0001-01-01",
    "\u0662\u0660\u0662\u0666-03-31",  # 2026 in Arabic-Indic digits
    "2026-03-31T08:30:00+02:00",
    "2026-03-31T08:30:00Z",
    "2026-03-31T08:30:00",
    "2026-03-31T24:30:00+02:00",
    "2026-03-31T08:30:00+02:00 ",
    "1899-03-31T08:30:00+02:00",
    "08:30",
    "24:00",
    "8:30",
    "\u0660\u0668:30",
    "knee_inner_left",
    "Knee_inner_left",
    "aching;burning",
    "aching;",
    "heat",
    "medication",
    "done",
    '"light"',
    "true",
]


def _columns() -> list[tuple[str, r.Column]]:
    return [(f"{t.name}.{c.name}", c) for t in r.TABLES for c in t.columns]


@pytest.mark.parametrize(("where", "col"), _columns(), ids=[w for w, _ in _columns()])
def test_the_column_check_accepts_only_what_each_value_check_keeps(
    where: str, col: r.Column
) -> None:
    values = [*ODD_VALUES, *sorted(col.choices or ())]
    for value in values:
        if not vc.accepts_all(col, [value]):
            continue
        kept = vc.check_value(col, value)  # must not raise
        assert type(kept) is type(value) and (kept == value or kept != kept), (where, value)
    # Mixed in one column, a refused value is not hidden by valid ones beside it.
    for value in values:
        try:
            kept = vc.check_value(col, value)
        except vc.ValueProblem:
            good = [v for v in values if _keeps(col, v)]
            assert not vc.accepts_all(col, [*good, value, *good]), (where, value)
            continue
        if type(kept) is not type(value):
            assert not vc.accepts_all(col, [value]), (where, value)


def _keeps(col: r.Column, value: Any) -> bool:
    try:
        kept = vc.check_value(col, value)
    except vc.ValueProblem:
        return False
    return type(kept) is type(value) and kept == value


def test_a_true_among_ones_is_still_refused_in_a_number_column() -> None:
    intensity = r.BY_NAME["pain_mark"].column("intensity")
    assert vc.accepts_all(intensity, [1, 1, 2])
    assert not vc.accepts_all(intensity, [1, True, 2])
    assert not vc.accepts_all(intensity, [1, 2.0])


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_column_wise_and_row_by_row_give_the_same_records(
    diary: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_sample()
    target = tmp_path / ("out.json" if fmt == "json" else "out")
    export_diary(fmt, target)
    source = read_source(target)
    found = r.Problems("test")
    for table in r.TABLES:
        rows = source.tables.get(table.name)
        if not rows:
            continue
        fast = importer._all_valid(table, rows)
        assert fast is not None, f"{table.name}: the sample should take the column-wise way"
        slow = importer._check_each(table, rows, found, lambda: None)
        assert [x.values for x in fast] == [x.values for x in slow]
        assert [type(v) for x in fast for v in x.values.values()] == [
            type(v) for x in slow for v in x.values.values()
        ]
    assert not found
    if fmt == "csv":  # the csv cells read a column at a time, and row by row
        monkeypatch.setattr(csv_io, "read_rows", lambda *args: None)
        by_row = read_source(target)
        for name, rows in source.tables.items():
            assert [x.values for x in rows] == [x.values for x in by_row.tables[name]], name
            assert [x.where("note") for x in rows] == [x.where("note") for x in by_row.tables[name]]


def test_a_write_failing_anywhere_leaves_the_diary_as_it_was(
    diary: Path, tmp_path: Path, faults: Any
) -> None:
    build_sample()
    export_diary("json", tmp_path / "out.json")
    m.PainMark.delete().execute()
    m.TenderPointResult.delete().execute()
    m.CheckInTreatment.delete().execute()
    writes = fail_each_write(
        faults, lambda: import_path(tmp_path / "out.json"), codes=(FULL, IOERR)
    )
    assert writes >= 3  # one multi-row INSERT per table written
    assert m.PainMark.select().count() == 12
