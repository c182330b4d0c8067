"""benchmarks/run.py's tables: the heavy one sets each figure beside its issue-16 target and
each table replaces only what lies between its own markers in docs/performance.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench_run():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_run_under_test", RUN)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "value", "unit", "target", "holds"),
    [
        (
            "body-map click to committed mark and repaint, 95th percentile of 100",
            9.2,
            "ms",
            "<= 16 ms",
            "yes",
        ),
        (
            "body-map click to committed mark and repaint, 95th percentile of 100",
            16.0,
            "ms",
            "<= 16 ms",
            "yes",
        ),
        (
            "body-map click to committed mark and repaint, 95th percentile of 100",
            16.1,
            "ms",
            "<= 16 ms",
            "**no**",
        ),
        ("start-up ratio, Today page painted / bare", 3.4, "x", "<= 3 x", "**no**"),
        (
            "history range switch to All the first time (loads ten years), to repaint",
            420.0,
            "ms",
            "<= 500 ms",
            "yes",
        ),
        (
            "history first show incl. pyqtgraph+numpy import, cold process, to first graph paint",
            801.0,
            "ms",
            "<= 800 ms",
            "**no**",
        ),
        (
            "clinician report, last 12 weeks, figures to PDF written (7 pages), first in a new "
            "process (median)",
            1.9,
            "s",
            "< 2 s",
            "yes",
        ),
        ("history range switch to All again, to repaint", 30.0, "ms", "", ""),
    ],
)
def test_heavy_row_beside_its_target(bench_run, name, value, unit, target, holds):  # type: ignore[no-untyped-def]
    line = bench_run.heavy_table([(name, value, unit, "< 50 ms")]).splitlines()[-1]
    assert line.endswith(f"| {target} | {holds} |")
    assert line.startswith(f"| {name} | ")


def test_each_table_keeps_to_its_markers(bench_run, tmp_path):  # type: ignore[no-untyped-def]
    doc = tmp_path / "performance.md"
    doc.write_text(
        f"# Performance\n\n{bench_run.START}\nold normal\n{bench_run.END}\n\nnotes\n",
        encoding="utf-8",
    )
    heavy = f"{bench_run.HEAVY_START}\nheavy one\n{bench_run.HEAVY_END}"
    bench_run.write_block(doc, bench_run.HEAVY_START, bench_run.HEAVY_END, heavy)
    assert doc.read_text(encoding="utf-8").endswith(f"notes\n\n{heavy}\n")
    normal = f"{bench_run.START}\nnew normal\n{bench_run.END}"
    bench_run.write_block(doc, bench_run.START, bench_run.END, normal)
    heavy2 = f"{bench_run.HEAVY_START}\nheavy two\n{bench_run.HEAVY_END}"
    bench_run.write_block(doc, bench_run.HEAVY_START, bench_run.HEAVY_END, heavy2)
    assert doc.read_text(encoding="utf-8") == (f"# Performance\n\n{normal}\n\nnotes\n\n{heavy2}\n")
