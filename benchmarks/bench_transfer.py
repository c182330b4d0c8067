"""Data in and out on the benchmark diary: each export format, import, re-import, backup
and check, every one a fresh ``fibrodesk`` process whose wall time and peak resident set
(from ``os.wait4``, the child's own ``ru_maxrss``) are taken; imports next to the same
work done raw in the same run (issue 16).

The raw references do the least the job needs: ``json.loads`` of the export, then
``sqlite3`` ``executemany`` of the same rows into the same schema (FibroDesk's own schema
scripts, the same pragmas) in one transaction; for csv, ``csv.DictReader`` of each file
instead of ``json.loads``. They check nothing, so they are a floor, not a rival.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

Row = tuple[str, float, str, str]

RAW = textwrap.dedent(
    """
    import csv, json, sqlite3, sys
    from pathlib import Path
    kind, source, target, schema_dir, layout = sys.argv[1:6]
    layout = json.loads(layout)  # csv file stem -> [table, {header: column}]
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = wal", "synchronous = 2", "foreign_keys = 1"):
        conn.execute("PRAGMA " + pragma)
    for script in sorted(Path(schema_dir).glob("v*.sql"), key=lambda p: int(p.stem[1:])):
        conn.executescript(script.read_text("utf-8"))
    columns = {
        t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
        for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    nullable = {
        t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")') if not r[3]}
        for t in columns
    }
    if kind == "json":
        tables = json.loads(Path(source).read_text("utf-8"))["tables"]
    else:
        tables = {}
        for path in Path(source).glob("*.csv"):
            table, stored = layout[path.stem]
            with path.open(encoding="utf-8", newline="") as f:
                # An empty cell is NULL where the column may be NULL, else empty text.
                tables[table] = [
                    {
                        stored[k]: None if v == "" and stored[k] in nullable[table] else v
                        for k, v in r.items()
                        if k in stored
                    }
                    for r in csv.DictReader(f)
                ]
    conn.execute("BEGIN")
    order = ["entry", "pain_mark", "treatment", "check_in", "check_in_treatment", "flare",
             "tender_exam", "tender_point_result", "weekly_symptoms", "wpi_override",
             "fiqr_response", "exercise", "plan", "pacing_decision", "exercise_session",
             "pgic", "setting"]
    for table in order:
        rows = tables.get(table) or []
        if not rows:
            continue
        cols = [c for c in columns[table] if c in rows[0]]
        sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
            table, ", ".join(f'"{c}"' for c in cols), ", ".join("?" for _ in cols))
        conn.executemany(sql, [tuple(r.get(c) for c in cols) for r in rows])
    conn.execute("COMMIT")
    """
)


# Runs one child and prints its wall time, peak resident set and exit status. Linux
# counts in a child's ru_maxrss the memory of the process it was forked from (up to its
# exec), so the child is started from this small launcher, not from the benchmark process
# that holds Qt and a window.
LAUNCHER = textwrap.dedent(
    """
    import os, sys, time
    null = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execv(sys.argv[1], sys.argv[1:])
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
    """
)


def _child(args: list[str]) -> tuple[float, float, int]:
    """Run a child to its end: (seconds, its own peak resident MB, exit status)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], env=env, capture_output=True, text=True, check=True
    )
    elapsed, kilobytes, status = out.stdout.split()
    return float(elapsed), int(kilobytes) / 1024, int(status)


def _fibrodesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "fibrodesk", *args]


def _median(samples: list[tuple[float, float, int]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def run(data_dir: Path, repeats: int) -> list[Row]:
    import json

    import fibrodesk.db
    from fibrodesk.io.csv_io import FILES

    layout = json.dumps({f.table.csv_name: [f.table.name, f.stored] for f in FILES})
    schema_dir = Path(fibrodesk.db.__file__).parent / "schema"
    rows: list[Row] = []
    n = max(1, min(repeats, 3))  # each run takes seconds on ten years
    with tempfile.TemporaryDirectory(prefix="fibrodesk-transfer-") as tmp:
        out = Path(tmp)
        exports: dict[str, Path] = {}
        for fmt, name in (
            ("json", "d.json"),
            ("csv", "d-csv"),
            ("fhir", "d.fhir.json"),
            ("ics", "d.ics"),
            ("pdf", "d.pdf"),
        ):
            samples = []
            for k in range(n):
                target = out / f"{k}-{name}"
                samples.append(
                    _child(
                        _fibrodesk(
                            "export",
                            "--format",
                            fmt,
                            "--out",
                            str(target),
                            "--data-dir",
                            str(data_dir),
                        )
                    )
                )
            if any(s[2] != 0 for s in samples):
                rows.append((f"export {fmt}: the command failed (not built yet?)", 0.0, "s", ""))
                continue
            exports[fmt] = out / f"0-{name}"
            seconds, peak = _median(samples)
            rows.append((f"export {fmt}, whole diary (median of {n})", seconds, "s", ""))
            rows.append(
                (f"export {fmt}, peak resident memory of the process", peak, "MB", "< 150 MB")
            )
        for fmt in ("json", "csv"):
            if fmt not in exports:
                continue
            raw, app, again = [], [], []
            for k in range(n):
                raw.append(
                    _child(
                        [
                            sys.executable,
                            "-c",
                            RAW,
                            fmt,
                            str(exports[fmt]),
                            str(out / f"raw-{fmt}-{k}.sqlite3"),
                            str(schema_dir),
                            layout,
                        ]
                    )
                )
                empty = out / f"empty-{fmt}-{k}"
                app.append(
                    _child(_fibrodesk("import", str(exports[fmt]), "--data-dir", str(empty)))
                )
                again.append(
                    _child(_fibrodesk("import", str(exports[fmt]), "--data-dir", str(empty)))
                )
            failed = [s for s in (*raw, *app, *again) if s[2] != 0]
            if failed:
                raise RuntimeError(f"an import {fmt} run failed with exit status {failed[0][2]}")
            r, _ = _median(raw)
            a, a_peak = _median(app)
            g, _ = _median(again)
            rows += [
                (f"import {fmt}: raw {fmt} parse + sqlite3 executemany (median)", r, "s", ""),
                (f"import {fmt} into an empty diary (median)", a, "s", ""),
                (f"import {fmt} ratio to raw", a / r, "x", "<= 2"),
                (f"import {fmt}, peak resident memory of the process", a_peak, "MB", ""),
                (f"re-import {fmt}, everything skipped (median)", g, "s", ""),
                (f"re-import {fmt} ratio to raw", g / r, "x", "<= 1.5"),
            ]
        backup = [
            _child(
                _fibrodesk(
                    "backup", "--out", str(out / f"b{k}.sqlite3"), "--data-dir", str(data_dir)
                )
            )
            for k in range(n)
        ]
        check = [_child(_fibrodesk("check", "--data-dir", str(data_dir))) for _ in range(n)]
        rows.append(("backup --out, verified copy (median)", _median(backup)[0], "s", ""))
        rows.append(("check, integrity and schema (median)", _median(check)[0], "s", ""))
    return rows


if __name__ == "__main__":
    for row in run(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        print(row)
