"""The csv export: a folder (or a .zip) of UTF-8 csv files, one per table, and reading
it back.

The four files the contract names come first in their columns, exactly in the contract's
order (``pain_marks.csv``, ``checkins.csv``, ``tender_points.csv``,
``exercise_sessions.csv``); every stored column the contract does not name follows, then
``created_at`` and ``updated_at``. The other tables have files of their own
(``entries.csv``, ``checkin_treatments.csv``, ``plans.csv``...), so a csv export holds the
whole diary and imports back without loss. ``manifest.json`` names the format version.

Cells: an unanswered field is empty; yes/no is ``0``/``1``; a real number is written in
full precision; times are ISO 8601 local with their offset.

Some contract columns repeat what another file holds, for reading in a spreadsheet:
``pain_marks.csv`` ``recorded_at``, ``date``, ``side``, ``wpi_area`` (from the entry and
the region), ``tender_points.csv`` ``date`` and ``side``, ``checkins.csv`` ``treatments``
(the names in ``checkin_treatments.csv``, joined by ``;``). An import reads them only to
check the header; the stored fields are the source.

**Formula neutralisation** (domain.md s.8): a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, *or with a single quote*, is written with one
single quote in front, so a spreadsheet shows it as text and never runs it. An import
removes one leading quote from a cell that has one, so every text comes back exactly as
written ("=SUM(A1)" is stored as "'=SUM(A1)", "'quoted" as "''quoted").
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from fibrodesk.core import clock
from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, now
from fibrodesk.errors import SaveError

from . import records as r
from . import value_checks as vc
from .csv_columns import read_rows

MANIFEST = "manifest.json"
FORMAT_NAME = "fibrodesk-csv"

CONTRACT: dict[str, list[str]] = {
    "pain_mark": [
        "id", "entry_id", "recorded_at", "date", "region", "side", "wpi_area",
        "intensity", "qualities", "note",
    ],
    "check_in": [
        "id", "date", "overall_pain", "leg_weakness", "fatigue", "sleep_hours",
        "sleep_quality", "stiffness_minutes", "fog", "mood", "restless_legs", "falls",
        "flare", "treatments", "note",
    ],
    "tender_point_result": ["id", "exam_id", "date", "point", "side", "painful", "pain"],
    "exercise_session": [
        "id", "plan_id", "exercise", "scheduled_for", "planned_dose", "unit", "status",
        "actual_dose", "effort", "pain_before", "pain_after", "pacing_action",
        "pacing_reason",
    ],
}  # fmt: skip
"""The columns contract.md promises, in its order, per table."""

STAMPS = ("created_at", "updated_at")
"""Columns a csv file may lack (a spreadsheet's own save of the contract's columns): an
import sets them to the time of the import."""

RENAMED: dict[str, dict[str, str]] = {"exercise_session": {"exercise": "exercise_id"}}
"""Contract headers that name a stored column differently."""

DERIVED: dict[str, set[str]] = {
    "pain_mark": {"recorded_at", "date", "side", "wpi_area"},
    "check_in": {"treatments"},
    "tender_point_result": {"date", "side"},
}
"""Contract headers written for reading only; an import takes these from elsewhere."""


@dataclass(frozen=True)
class CsvFile:
    """How one table is laid out as a csv file."""

    table: r.Table
    headers: tuple[str, ...]
    stored: dict[str, str] = field(default_factory=dict)  # header -> column

    @property
    def filename(self) -> str:
        return f"{self.table.csv_name}.csv"


def _layout(table: r.Table) -> CsvFile:
    first = CONTRACT.get(table.name, ["id"])
    renamed = RENAMED.get(table.name, {})
    derived = DERIVED.get(table.name, set())
    covered = {renamed.get(h, h) for h in first if h not in derived}
    rest = [
        c for c in table.column_names if c not in covered and c not in ("created_at", "updated_at")
    ]
    headers = [*first, *rest, "created_at", "updated_at"]
    stored = {h: renamed.get(h, h) for h in headers if h not in derived}
    return CsvFile(table=table, headers=tuple(headers), stored=stored)


FILES: tuple[CsvFile, ...] = tuple(_layout(t) for t in r.RECORD_TABLES)
"""Every csv file of an export, parents before the files that point to them."""


# -- writing ----------------------------------------------------------------------------


def cell(value: Any) -> str:
    """One value as a csv cell (text neutralised against spreadsheet formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return r.neutralise(str(value))


Derivers = dict[str, Callable[[r.Row], Any]]


def _derivers(tables: Mapping[str, Iterable[r.Row]]) -> Derivers:
    regions = catalogue().regions
    points = catalogue().tender_points
    entries = {row["id"]: row for row in tables.get("entry", [])}
    exams = {row["id"]: row for row in tables.get("tender_exam", [])}
    used: dict[str, list[str]] = {}
    for row in tables.get("check_in_treatment", []):
        used.setdefault(row["checkin_id"], []).append(row["name"])
    return {
        "pain_mark.recorded_at": lambda row: entries.get(row["entry_id"], {}).get("recorded_at"),
        "pain_mark.date": lambda row: entries.get(row["entry_id"], {}).get("date"),
        "pain_mark.side": lambda row: regions[row["region"]].side,
        "pain_mark.wpi_area": lambda row: regions[row["region"]].wpi_area,
        "check_in.treatments": lambda row: ";".join(sorted(used.get(row["id"], []))),
        "tender_point_result.date": lambda row: exams.get(row["exam_id"], {}).get("date"),
        "tender_point_result.side": lambda row: points[row["point"]].side,
    }


def write_file(spec: CsvFile, rows: Iterable[r.Row], derive: Derivers, fh: BinaryIO) -> None:
    """One csv file, written row by row as the rows are read (UTF-8; a stray surrogate in
    a note is kept, escaped)."""
    text = io.TextIOWrapper(fh, encoding="utf-8", errors="backslashreplace", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(spec.headers)
        getters = [
            (lambda row, c=spec.stored[h]: row[c])
            if h in spec.stored
            else derive[f"{spec.table.name}.{h}"]
            for h in spec.headers
        ]
        for row in rows:
            writer.writerow([cell(get(row)) for get in getters])
        text.flush()
    finally:
        text.detach()


def render(tables: Mapping[str, Iterable[r.Row]]) -> dict[str, bytes]:
    """Each csv file's bytes, by file name (the files :func:`write_csv` streams)."""
    derive = _derivers(tables)
    files: dict[str, bytes] = {}
    for spec in FILES:
        buf = io.BytesIO()
        write_file(spec, tables.get(spec.table.name, []), derive, buf)
        files[spec.filename] = buf.getvalue()
    return files


def manifest(start: date | None, end: date | None) -> bytes:
    doc = {**r.export_head(FORMAT_NAME, start, end), "files": [spec.filename for spec in FILES]}
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


def write_csv(out: Path, start: date | None = None, end: date | None = None) -> str:
    """Write the diary (or the range) as csv files into the folder ``out``, or into a zip
    when ``out`` ends in ``.zip``, each row as it is read; returns what was written."""
    as_zip = out.suffix.lower() == ".zip"
    out = r.check_target(out, folder=not as_zip)
    with r.snapshot():
        tables = r.collect(start, end, stream=True)
        derive = _derivers(tables)
        head = manifest(start, end)
        if as_zip:
            stamp = clock.now().timetuple()[:6]

            def member(name: str) -> zipfile.ZipInfo:
                info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                return info

            with r.atomic_stream(out) as fh:
                with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr(member(MANIFEST), head)
                    for spec in FILES:
                        with archive.open(member(spec.filename), "w") as sink:
                            write_file(spec, tables.get(spec.table.name, []), derive, sink)
        else:
            try:
                out.mkdir(mode=0o700, exist_ok=True)
            except OSError as exc:
                raise SaveError(
                    f"The folder {out} cannot be created ({exc.strerror}); choose another place."
                ) from None
            r.atomic_write(out / MANIFEST, head)
            for spec in FILES:
                with r.atomic_stream(out / spec.filename) as fh:
                    write_file(spec, tables.get(spec.table.name, []), derive, fh)
        said = r.describe(tables)
    return f"Wrote {out} ({said})."


# -- reading ----------------------------------------------------------------------------

_INT_RE = re.compile(r"-?\d{1,18}")
_FLOAT_RE = re.compile(r"-?\d{1,18}(\.\d+)?([eE][-+]?\d{1,3})?")


def _empty(col: r.Column) -> Any:
    return parse_cell(col, "")


def parse_cell(col: r.Column, text: str) -> Any:
    """A csv cell (already un-neutralised) as the typed value of its column."""
    if text == "":
        return None if col.null or col.kind not in (r.TEXT, r.CLOCKS) else ""
    if col.kind == r.INT:
        if not _INT_RE.fullmatch(text):
            raise vc.ValueProblem(f"{r.show(text)} is not a whole number")
        return int(text)
    if col.kind == r.FLOAT:
        if not _FLOAT_RE.fullmatch(text):
            raise vc.ValueProblem(f"{r.show(text)} is not a number")
        return float(text)
    if col.kind == r.BOOL:
        if text not in ("0", "1"):
            raise vc.ValueProblem(f"{r.show(text)} is not 0 or 1 (no or yes)")
        return text == "1"
    return text


class _Container:
    """The files of a csv export, in a folder or a zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, zipfile.ZipInfo] = {}
        if path.is_dir():
            return
        try:
            self.zip = zipfile.ZipFile(path)
            infos = [i for i in self.zip.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise r.refuse(self.name, self.name, f"the zip file cannot be read ({exc})") from None
        unpacked = sum(i.file_size for i in infos)
        if unpacked > r.MAX_IMPORT_BYTES:
            raise r.refuse(self.name, self.name, r.too_big(unpacked))
        for info in infos:
            if info.file_size > 1 << 20 and info.file_size > r.MAX_ZIP_RATIO * max(
                info.compress_size, 1
            ):
                raise r.refuse(
                    self.name,
                    info.filename,
                    f"it would unpack to {info.file_size / 1024 / 1024:,.0f} MB from "
                    f"{info.compress_size / 1024:,.0f} KB, which no export does (a zip bomb?)",
                )
        # The files may sit at the top of the zip or in one folder inside it.
        for info in infos:
            base = info.filename.rsplit("/", 1)[-1]
            if base.endswith(".csv") or base == MANIFEST:
                self.members.setdefault(base, info)

    def read(self, filename: str) -> bytes | None:
        try:
            if self.zip is None:
                target = self.path / filename
                if not os.path.lexists(target):
                    return None
                return r.read_regular(target, self.name, filename)
            info = self.members.get(filename)
            if info is None:
                return None
            with self.zip.open(info) as member:
                data = member.read(r.MAX_IMPORT_BYTES + 1)
            if len(data) > r.MAX_IMPORT_BYTES:
                raise r.refuse(self.name, filename, r.too_big(len(data)))
            return data
        except (OSError, zipfile.BadZipFile, ValueError, RuntimeError) as exc:
            raise r.refuse(self.name, filename, f"the file cannot be read ({exc})") from None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _check_manifest(box: _Container, data: bytes) -> list[str]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise r.refuse(box.name, MANIFEST, "the file is damaged (it is not valid json)") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise r.refuse(box.name, MANIFEST, "it does not describe a FibroDesk csv export")
    problem = r.newer_format(doc.get("version"), doc.get("schema"))
    if problem:
        raise r.refuse(box.name, MANIFEST, problem)
    files = doc.get("files")
    if files is None:
        return []
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise r.refuse(box.name, MANIFEST, "its list of files is not a list of file names")
    return [str(f) for f in files]


def _where_header(
    where: Callable[[str | None], str], back: dict[str, str], column: str | None
) -> str:
    return where(back.get(column, column) if column else None)


def _at(fname: str, line: int, field: str | None) -> str:
    return f"{fname} line {line}, {field}" if field else f"{fname} line {line}"


def _place(fname: str, back: dict[str, str], line: int) -> Callable[[str | None], str]:
    return partial(_where_header, partial(_at, fname, line), back)


def _read_file(spec: CsvFile, data: bytes, found: r.Problems) -> list[r.SourceRow]:
    """One csv file's rows: a column at a time when every cell reads plainly
    (:mod:`fibrodesk.io.csv_columns`), else row by row, naming each problem."""
    fname = spec.filename
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        found.add(
            f"{fname} line {line}",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8 "
            "and try again",
        )
        return []
    buffer = io.StringIO(text, newline="")
    reader = csv.reader(buffer, strict=True)
    rows: list[r.SourceRow] = []
    try:
        header = next(reader, None)
        if header is None:
            found.add(fname, "the file is empty; it should at least hold its header row")
            return []
        later = {
            h for h in spec.headers if (spec.table.name, spec.stored.get(h)) in r.LATER_COLUMNS
        }
        # A spreadsheet saving exactly the contract's columns drops the stamps: they are
        # set at import, as a new record's would be.
        optional = later | {h for h in STAMPS if h in spec.headers}
        missing = [h for h in spec.headers if h not in header and h not in optional]
        unknown = [h for h in header if h not in spec.headers]
        doubled = sorted({h for h in header if header.count(h) > 1})
        if missing or unknown or doubled:
            parts = []
            if missing:
                parts.append(
                    f"lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
                )
            if unknown:
                shown = ", ".join(r.show(h, 30) for h in unknown[:5])
                parts.append(
                    f"has {'columns' if len(unknown) > 1 else 'a column'} FibroDesk does not know ({shown})"
                )
            if doubled:
                parts.append(
                    f"repeats the column{'s' if len(doubled) > 1 else ''} {', '.join(doubled)}"
                )
            found.add(f"{fname} line 1", "the header " + " and ".join(parts))
            return []
        table = spec.table
        now_stamp = iso(now())
        positions = {h: header.index(h) for h in spec.stored if h in header}
        back = {c: h for h, c in spec.stored.items()}  # problems name the csv header
        columns = {h: table.column(c) for h, c in spec.stored.items()}
        present = {spec.stored[h] for h in header if h in spec.stored}
        defaults = {c: v for (t, c), v in r.LATER_COLUMNS.items() if t == table.name}
        for stamp in STAMPS:
            if stamp not in present:
                defaults.setdefault(stamp, now_stamp)
        place = partial(_place, fname, back)
        fast = read_rows(reader, header, table, spec.stored, defaults, place, _empty)
        if fast is not None:
            return fast
        buffer.seek(0)  # again from the top, row by row
        reader = csv.reader(buffer, strict=True)
        next(reader, None)
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not cells:
                continue  # a blank line

            def where(field: str | None, _line: int = start) -> str:
                return f"{fname} line {_line}, {field}" if field else f"{fname} line {_line}"

            if len(cells) != len(header):
                found.add(
                    where(None),
                    f"the row has {len(cells)} cells where the header has {len(header)} "
                    "(a cell is missing or one too many)",
                )
                continue
            values: dict[str, Any] = {}
            ok = True
            for h, text in zip(header, cells, strict=True):
                if h not in spec.stored and len(text) * 4 > r.MAX_FIELD_BYTES:
                    try:  # a cell an import ignores must still not be enormous
                        vc.check_value(r.Column(h, r.TEXT, True), text)
                    except vc.ValueProblem as exc:
                        found.add(where(h), str(exc))
                        ok = False
            for h, pos in positions.items():
                raw = r.restore(cells[pos])
                try:
                    values[spec.stored[h]] = parse_cell(columns[h], raw)
                except vc.ValueProblem as exc:
                    found.add(where(h), str(exc))
                    ok = False
            if ok:
                r.fill_later_columns(table.name, values)  # a file from before schema 2
                for stamp in STAMPS:
                    if stamp in table.column_names and stamp not in values:
                        values[stamp] = now_stamp
                if table.key == "id" and values.get("id") == "":
                    values["id"] = str(uuid.uuid4())  # a row typed into a spreadsheet
                rows.append(
                    r.SourceRow(
                        values={c: values[c] for c in table.column_names},
                        where=partial(_where_header, where, back),
                    )
                )
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = "a cell holds more than 100 KB, more than any diary field may hold"
        found.add(f"{fname} line {reader.line_num}", f"the row cannot be read ({message})")
    return rows


def read_csv(path: Path) -> r.Source:
    """Read a csv export (folder or zip) into rows, typed by column, not yet checked."""
    box = _Container(path)
    try:
        data = box.read(MANIFEST)
        listed = _check_manifest(box, data) if data is not None else []
        found = r.Problems(box.name)
        source = r.Source(name=box.name, tables={})
        present = 0
        known = {spec.filename for spec in FILES}
        for filename in listed:
            if filename in known and box.read(filename) is None:
                raise r.refuse(
                    box.name,
                    filename,
                    f"{MANIFEST} lists it, but it is not in the export, so the export is "
                    "incomplete; export it again (nothing was imported)",
                )
        for spec in FILES:
            data = box.read(spec.filename)
            if data is None:
                continue
            present += 1
            source.tables[spec.table.name] = _read_file(spec, data, found)
        if not present:
            raise r.refuse(
                box.name,
                box.name,
                "it holds none of the csv files of a FibroDesk export (such as pain_marks.csv)",
            )
        found.raise_if_any()
        return source
    finally:
        box.close()
