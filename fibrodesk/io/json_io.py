"""The json export: the whole diary (or a date range), lossless, and reading it back.

Layout::

    {"format": "fibrodesk", "version": 1, "schema": <diary schema>,
     "exported_at": "2026-03-31T08:30:00+02:00", "range": {"from": null, "to": null},
     "tables": {"entry": [{...}, ...], "pain_mark": [...], ..., "setting": [...]}}

Each table is a list of rows, one per line, each row a json object holding every column
of the table in the model's order; booleans are json booleans, an unanswered field is
null. Tables and rows come in a stable order that depends on content only, so exporting
the same diary twice gives the same ``tables``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from . import records as r

FORMAT_NAME = "fibrodesk"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def pieces(
    tables: Mapping[str, Iterable[r.Row]], start: date | None, end: date | None
) -> Iterator[str]:
    """The export's text, piece by piece as the rows are read: a json document with one
    row per line."""
    head = r.export_head(FORMAT_NAME, start, end)
    yield "{\n"
    for k, v in head.items():
        yield f" {_dumps(k)}: {_dumps(v)},\n"
    yield ' "tables": {\n'
    names = [t.name for t in r.TABLES if t.name in tables]
    for i, name in enumerate(names):
        closing = "," if i < len(names) - 1 else ""
        first = True
        for row in tables[name]:
            yield (f"  {_dumps(name)}: [\n   " if first else ",\n   ") + _dumps(row)
            first = False
        yield f"  {_dumps(name)}: []{closing}\n" if first else f"\n  ]{closing}\n"
    yield " }\n}\n"


def render(tables: Mapping[str, Iterable[r.Row]], start: date | None, end: date | None) -> str:
    """The export's whole text (see :func:`pieces`)."""
    return "".join(pieces(tables, start, end))


def write_json(out: Path, start: date | None = None, end: date | None = None) -> str:
    """Write the diary (or the range) to ``out`` as json, each row as it is read; returns
    what was written."""
    out = r.check_target(out)
    with r.snapshot():
        tables = r.collect(start, end, stream=True)
        with r.atomic_stream(out) as fh:
            for piece in pieces(tables, start, end):
                # A stray surrogate in a note is kept, escaped, rather than refused.
                fh.write(piece.encode("utf-8", "backslashreplace"))
        said = r.describe(tables)
    return f"Wrote {out} ({said})."


# -- reading ----------------------------------------------------------------------------


class _BadConstant(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _BadConstant(name)


def _line_of(text: str, table: str, row_id: Any, occurrence: int) -> int | None:
    """The line of the ``occurrence``-th row with this id in a table, or None."""
    if not isinstance(row_id, str):
        return None
    head = re.search(r'"' + re.escape(table) + r'"\s*:\s*\[', text)
    start = head.end() if head else 0
    pattern = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(row_id, ensure_ascii=False)))
    for k, found in enumerate(pattern.finditer(text, start)):
        if k == occurrence:
            return text.count("\n", 0, found.start()) + 1
    return None


def _place(
    text: str, name: str, table: str, key: str, rows: list[Any], index: int, field: str | None
) -> str:
    """Where the ``index``-th row of a table is, for a problem sentence: its line when its
    id can be found (only the problems shown are looked up, so the search is paid for
    them alone)."""
    row = rows[index]
    row_id = row.get(key) if isinstance(row, dict) else None
    occurrence = 0
    if isinstance(row_id, str):  # the rows before it with the same id
        occurrence = sum(1 for x in rows[:index] if isinstance(x, dict) and x.get(key) == row_id)
    line = _line_of(text, table, row_id, occurrence)
    place = f"{name} line {line} ({table})" if line else f"{name}, {table} record {index + 1}"
    return f"{place}, {field}" if field else place


def read_json(data: bytes, name: str) -> r.Source:
    """Parse a json export into rows (typed as the file has them), not yet checked.

    Problems with the file as a whole (not UTF-8, not json, not ours, a newer version)
    raise :class:`~fibrodesk.io.records.ImportProblems` at once; problems with rows are
    collected and raised together.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise r.refuse(
            name,
            f"{name} line {line}",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}), so it is not a "
            "FibroDesk export or it was damaged",
        ) from None
    del data  # the text holds it all now: the bytes are not kept beside the parsed rows
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise r.refuse(
            name,
            f"{name} line {exc.lineno}",
            f"the file is cut short or is not valid json near column {exc.colno} ({exc.msg})",
        ) from None
    except _BadConstant as exc:
        raise r.refuse(
            name,
            name,
            f"the file holds {exc}, which is not a number a diary holds (json has no NaN or "
            "Infinity), so it was not written by FibroDesk",
        ) from None
    except RecursionError:
        raise r.refuse(
            name,
            name,
            "the file nests lists or objects hundreds of levels deep, which no FibroDesk "
            "export does (it holds two)",
        ) from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise r.refuse(
                name,
                name,
                "the file holds a number with thousands of digits, far larger than any "
                "value a diary holds",
            ) from None
        raise r.refuse(name, name, "the file is not a FibroDesk json export") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise r.refuse(
            name, name, 'the file is not a FibroDesk json export (it lacks "format": "fibrodesk")'
        )
    problem = r.newer_format(doc.get("version"), doc.get("schema"))
    if problem:
        raise r.refuse(name, name, problem)
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise r.refuse(name, name, 'the file lacks its "tables", so it holds no diary')

    found = r.Problems(name)
    source = r.Source(name=name, tables={})
    for table_name, rows in tables.items():
        table = r.BY_NAME.get(table_name)
        if table is None:
            found.add(name, f"the table {r.show(table_name)} is not one FibroDesk knows")
            continue
        if not isinstance(rows, list):
            found.add(name, f"the table {table_name} is not a list of records")
            continue
        columns = table.column_names
        expected = set(columns)
        place = partial(_place, text, name, table_name, table.key, rows)
        out: list[r.SourceRow] = []
        for index, row in enumerate(rows):
            where = partial(place, index)
            if type(row) is dict and row.keys() == expected:
                out.append(r.SourceRow(values=row, where=where))  # the usual case, as is
                continue
            if not isinstance(row, dict):
                found.add(partial(where, None), "the record is not a json object")
                continue
            unknown = [str(c) for c in row if c not in expected]
            row = dict(row)
            missing = r.fill_later_columns(table_name, row)
            if missing:
                found.add(partial(where, None), f"the record lacks {', '.join(missing)}")
                continue
            if unknown:
                found.add(
                    partial(where, None),
                    f"the record has fields FibroDesk does not know: {', '.join(unknown)}",
                )
                continue
            out.append(r.SourceRow(values={c: row[c] for c in columns}, where=where))
        source.tables[table_name] = out
    found.raise_if_any()
    return source
