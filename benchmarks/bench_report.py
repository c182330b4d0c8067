"""Clinician report figures on a ten-year diary (issue 12 point 7).

Each repeat runs in a new process (imports included in the first report, as for a person
who opens the Reports page or types ``fibrodesk export --format pdf``):

* the 12-week report: figures from the diary, document, page layout and PDF written;
* the same 12 weeks again in that process (warm);
* the whole diary (ten years) the same way.

``run(data_dir, repeats)`` returns ``(name, value, unit, target)`` rows for
``benchmarks/run.py``; run this file directly with a diary folder to measure it alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

Row = tuple[str, float, str, str]
ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import json, sys, tempfile, time
    from pathlib import Path
    t0 = time.perf_counter()
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication(sys.argv[:1])
    from fibrodesk.db.database import open_diary
    from fibrodesk.db.history import diary_span

    open_diary(Path(sys.argv[1]))

    def report(period):
        from fibrodesk.report.build import build_document
        from fibrodesk.report.summary import build_summary
        from fibrodesk.report.writer import layout_for, write_pdf

        start = time.perf_counter()
        layout = layout_for(build_document(build_summary(period)))
        with tempfile.TemporaryDirectory() as tmp:
            pages = write_pdf(layout, Path(tmp) / "r.pdf")
        return time.perf_counter() - start, pages

    from fibrodesk.report.period import Period
    first, last = diary_span()
    twelve = Period(last.fromordinal(last.toordinal() - 83), last)
    cold, pages12 = report(twelve)
    warm, _ = report(twelve)
    whole, pages_all = report(Period(first, last))
    print(json.dumps({"cold": cold, "warm": warm, "whole": whole,
                      "pages12": pages12, "pages_all": pages_all}))
    """
)


def _child(data_dir: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(data_dir: Path, repeats: int = 5) -> list[Row]:
    """Measure the clinician report on the (ten-year) diary in ``data_dir``."""
    data_dir = Path(data_dir)
    _child(data_dir)  # warm-up: writes the bytecode cache; not counted
    children = [_child(data_dir) for _ in range(max(1, repeats))]

    def med(key: str) -> float:
        return statistics.median(c[key] for c in children)

    return [
        (
            f"clinician report, last 12 weeks, figures to PDF written ({int(med('pages12'))} "
            "pages), first in a new process (median)",
            med("cold"),
            "s",
            "< 2 s",
        ),
        ("clinician report, last 12 weeks again in that process (median)", med("warm"), "s", ""),
        (
            f"clinician report, whole ten-year diary ({int(med('pages_all'))} pages), "
            "figures to PDF written (median)",
            med("whole"),
            "s",
            "< 10 s",
        ),
    ]


if __name__ == "__main__":
    for row in run(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        print(row)
