"""The growth table of issue 16 point 5: what each long operation costs as the diary grows.

    make growth                                    # 1, 10, 30 years normal; 10 years heavy
    python benchmarks/growth.py --sizes 1 --quick  # a try: one year, one repeat, no file

Run from the repository's root (the children run ``python -m fibrodesk`` from there),
on a quiet machine: 30 years and the heavy diary take several minutes each.

For each diary size, a fresh demo diary (seed 1) is generated and measured, every figure
a new ``fibrodesk`` process (``benchmarks/bench_transfer.py``'s launcher: wall time and
the child's own peak resident set): demo generation, start-up to the Today page painted
(``benchmarks/run.py``), History's switch to All the first time
(``benchmarks/bench_history.py``), import of the json export into an empty diary, export
in each format, ``backup --out`` and ``check``. Medians of the repeats.

The table goes into docs/performance.md between ``<!-- growth:start -->`` and
``<!-- growth:end -->`` (added at the end the first time), with, per measure, how it grew
against the number of records: the exponent ``k`` of ``time ~ records^k`` fitted from
the smallest to the largest normal diary (0 constant, 1 linear). Why it grows so is for
the notes below the table.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import bench_history  # noqa: E402
import bench_transfer  # noqa: E402
import run as bench_run  # noqa: E402

START, END = "<!-- growth:start -->", "<!-- growth:end -->"
FORMATS = (
    ("json", "d.json"),
    ("csv", "d.zip"),
    ("fhir", "d.fhir.json"),
    ("ics", "d.ics"),
    ("pdf", "d.pdf"),
)
SIZES = {"1": (1, "normal"), "10": (10, "normal"), "30": (30, "normal"), "10h": (10, "heavy")}

Figure = tuple[float, float]  # seconds, peak MB


def _fd(*args: str) -> list[str]:
    return bench_transfer._fibrodesk(*args)


def _median_child(make_args: Callable[[int], list[str]], repeats: int) -> Figure:
    samples = [bench_transfer._child(make_args(k)) for k in range(repeats)]
    failed = [s for s in samples if s[2] != 0]
    if failed:
        raise RuntimeError(f"{make_args(0)} failed with exit status {failed[0][2]}")
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def _records(diary: Path) -> int:
    with sqlite3.connect(diary / "fibrodesk.sqlite3") as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return sum(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names)


def measure(size: str, work: Path, repeats: int) -> dict[str, Figure | int]:
    """Every figure for one diary size, in a folder of its own under ``work``."""
    years, density = SIZES[size]
    base = work / f"size-{size}"
    base.mkdir()
    out: dict[str, Figure | int] = {}
    diary = base / "diary"
    out["demo generation"] = bench_transfer._child(
        _fd(
            "demo",
            "--years",
            str(years),
            "--density",
            density,
            "--seed",
            "1",
            "--data-dir",
            str(diary),
        )
    )[:2]
    out["records"] = _records(diary)
    starts = [bench_run._first_paint("app", diary)[1] for _ in range(repeats + 1)][1:]
    out["start-up to the Today page"] = (statistics.median(starts), 0.0)
    history = bench_history._child(diary, rounds=1)  # writes the bytecode cache
    history = [bench_history._child(diary, rounds=1) for _ in range(repeats)]
    out["History: All the first time"] = (
        statistics.median(h["all_first_time"] for h in history),
        0.0,
    )
    for fmt, name in FORMATS:
        out[f"export {fmt}"] = _median_child(
            lambda k, fmt=fmt, name=name: _fd(
                "export",
                "--format",
                fmt,
                "--out",
                str(base / f"{k}-{name}"),
                "--data-dir",
                str(diary),
            ),
            repeats,
        )
    out["import json into an empty diary"] = _median_child(
        lambda k: _fd("import", str(base / "0-d.json"), "--data-dir", str(base / f"empty-{k}")),
        repeats,
    )
    out["backup --out"] = _median_child(
        lambda k: _fd("backup", "--out", str(base / f"b{k}.sqlite3"), "--data-dir", str(diary)),
        repeats,
    )
    out["check"] = _median_child(lambda k: _fd("check", "--data-dir", str(diary)), repeats)
    return out


def _label(size: str) -> str:
    years, density = SIZES[size]
    return f"{years} {'year' if years == 1 else 'years'}{' heavy' if density == 'heavy' else ''}"


def _exponent(results: dict[str, dict[str, Figure | int]], measure_name: str) -> str:
    normal = [s for s in ("1", "10", "30") if s in results]
    if len(normal) < 2:
        return ""
    lo, hi = results[normal[0]], results[normal[-1]]
    t_lo, t_hi = lo[measure_name][0], hi[measure_name][0]  # type: ignore[index]
    r_lo, r_hi = lo["records"], hi["records"]
    if t_lo <= 0 or t_hi <= 0 or r_hi == r_lo:  # type: ignore[operator]
        return ""
    k = math.log(t_hi / t_lo) / math.log(r_hi / r_lo)  # type: ignore[operator]
    said = "about constant" if k < 0.2 else "about linear" if 0.8 <= k <= 1.2 else "between"
    if k > 1.2:
        said = "faster than linear"
    return f"k = {k:.2f} ({said})"


def table(results: dict[str, dict[str, Figure | int]]) -> str:
    sizes = list(results)
    names = [n for n in next(iter(results.values())) if n != "records"]
    head = "| measure | " + " | ".join(_label(s) for s in sizes) + " | growth in records |"
    lines = [head, "|---|" + "---:|" * len(sizes) + "---|"]
    lines.append(
        "| records in the diary | "
        + " | ".join(f"{results[s]['records']:,}" for s in sizes)
        + " | |"
    )
    for name in names:
        cells = []
        for s in sizes:
            seconds, peak = results[s][name]  # type: ignore[misc]
            cell = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
            if peak:
                cell += f", {peak:.0f} MB"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {_exponent(results, name)} |")
    return "\n".join(lines)


def write_doc(text: str, repeats: int) -> None:
    doc = ROOT / "docs" / "performance.md"
    body = doc.read_text("utf-8")
    block = (
        f"{START}\n## Growth\n\nMeasured by `benchmarks/growth.py` on {time.strftime('%Y-%m-%d')}: "
        f"demo diaries (seed 1), medians of {repeats}, wall time and the process's peak "
        f"resident memory. Machine: {bench_run.machine()}.\n\n{text}\n{END}"
    )
    if START in body and END in body:
        body = body[: body.index(START)] + block + body[body.index(END) + len(END) :]
    else:
        body = body.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(body, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one repeat; write no file")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else max(1, args.repeats)
    results: dict[str, dict[str, Figure | int]] = {}
    with tempfile.TemporaryDirectory(prefix="fibrodesk-growth-") as tmp:
        for size in args.sizes:
            print(f"measuring {_label(size)}...", file=sys.stderr, flush=True)
            results[size] = measure(size, Path(tmp), repeats)
    text = table(results)
    print(text)
    if not args.quick:
        write_doc(text, repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
