"""History page figures on a ten-year diary.

* First show of the page, pyqtgraph and numpy imports included: each repeat runs in a new
  process (cold imports), builds the window on the Today page, then times
  ``show_page("history")`` up to the first paint of its first graph.
* Range switch: ``set_range`` plus the repaint it causes, cycling 7 days, 30 days, 90 days,
  1 year and All, several rounds, after the page has loaded the whole diary; median.
* The SQL behind the graphs: :func:`fibrodesk.db.history.load_history` over the whole
  diary (the 7 aggregate queries and their numpy arrays) against the same statements run
  with the same parameters in raw ``sqlite3`` (same cache size), fetched with
  ``fetchall()``; medians and their ratio.
* Resident memory (``VmRSS`` of ``/proc/self/status``) of that process with the page
  shown on "All".

``run(data_dir, repeats)`` returns ``(name, value, unit, target)`` rows for
``benchmarks/run.py``; run this file directly to measure a diary folder on its own.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

Row = tuple[str, float, str, str]
ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import json, statistics, sys, time
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from fibrodesk.app import build_main_window

    window = build_main_window(sys.argv[1])
    window.ctx.settings.setValue("history/range", "90d")
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    assert "pyqtgraph" not in sys.modules, "pyqtgraph was imported before the history page"

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    class FirstPaint(QObject):
        at = None

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    class Done:
        at = None

        def __call__(self):
            self.at = time.perf_counter()

    def wait(until, limit=60):
        start = time.perf_counter()
        while not until() and time.perf_counter() - start < limit:
            app.processEvents()
            # Many tags and treatments (the heavy diary) write patterns that push the
            # graphs below the page's fold, where Qt paints nothing: scroll back to them.
            if painted.at is None and viewport.visibleRegion().isEmpty():
                page.scroll.ensureWidgetVisible(page.panels["overall_pain"].widget)

    rss_before = rss_mb()
    painted, insights = FirstPaint(), Done()
    t0 = time.perf_counter()
    page = window.show_page("history")
    page.insightsUpdated.connect(insights)
    viewport = page.panels["overall_pain"].widget.viewport()
    viewport.installEventFilter(painted)
    wait(lambda: painted.at is not None and insights.at is not None)
    first_paint, first_insights = painted.at - t0, insights.at - t0
    rss_first = rss_mb()

    graphs, complete, by_range = [], [], {}
    for round_ in range(int(sys.argv[2])):
        for key in ("7d", "30d", "90d", "1y", "all"):
            painted.at = insights.at = None
            s = time.perf_counter()
            page.set_range(key)
            wait(lambda: painted.at is not None and insights.at is not None)
            graphs.append(painted.at - s)
            complete.append(max(painted.at, insights.at) - s)
            by_range.setdefault(key, []).append(painted.at - s)
    print(json.dumps({
        "first_show": first_paint,
        "first_insights": first_insights,
        "switch_graphs": statistics.median(graphs),
        "switch_complete": statistics.median(complete),
        "switch_max": max(complete),
        "all_first_time": by_range["all"][0],
        "all_again": statistics.median(by_range["all"][1:] or by_range["all"]),
        "rss_before_mb": rss_before,
        "rss_first_mb": rss_first,
        "rss_mb": rss_mb(),
    }))
    window.close()
    """
)


def _child(data_dir: Path, rounds: int) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached (see run.py)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(rounds)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median_ms(action, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def bench_sql(data_dir: Path, repeats: int) -> list[Row]:
    from fibrodesk.db import history
    from fibrodesk.db.database import PRAGMAS, close_diary, diary_path, open_diary

    open_diary(data_dir)
    try:
        span = history.diary_span()
        assert span is not None, "the benchmark needs a filled diary"
        start, end = span
        end = max(end, date.today())
        params = tuple(day.isoformat() for day in history.read_span(start, end))
        raw = sqlite3.connect(diary_path(data_dir))
        raw.execute(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")

        def raw_queries() -> None:
            for sql in history.QUERIES.values():
                raw.execute(sql, params).fetchall()

        history.load_history(start, end)  # warm both caches alike
        raw_queries()
        ours = raw_ms = 0.0
        rounds = max(repeats, 5)
        # Interleaved, so that both sides see the same machine load.
        ours_times, raw_times = [], []
        for _ in range(rounds):
            ours_times.append(_median_ms(lambda: history.load_history(start, end), 1))
            raw_times.append(_median_ms(raw_queries, 1))
        ours, raw_ms = statistics.median(ours_times), statistics.median(raw_times)
        ninety = _median_ms(lambda: history.load_history(end - timedelta(days=89), end), rounds)
        raw.close()
    finally:
        close_diary()
    return [
        ("history SQL, whole diary via db.history.load_history (median)", ours, "ms", ""),
        ("history SQL, same 7 statements in raw sqlite3 + fetchall (median)", raw_ms, "ms", ""),
        ("history SQL ratio db.history / raw sqlite3", ours / raw_ms, "x", "<= 1.5"),
        ("history SQL, 90-day range via db.history (median)", ninety, "ms", ""),
    ]


def run(data_dir: Path, repeats: int = 5) -> list[Row]:
    """Measure the history page on the (ten-year) diary in ``data_dir``."""
    data_dir = Path(data_dir)
    _child(data_dir, rounds=1)  # warm-up: writes the bytecode cache; not counted
    children = [_child(data_dir, rounds=4) for _ in range(max(1, repeats))]

    def med(key: str) -> float:
        return statistics.median(c[key] for c in children)

    rows: list[Row] = [
        (
            "history first show incl. pyqtgraph+numpy import, cold process, to first graph paint",
            med("first_show") * 1000,
            "ms",
            "< 600 ms",
        ),
        (
            "history first show, until its patterns (insights) are written out",
            med("first_insights") * 1000,
            "ms",
            "",
        ),
        (
            "history range switch 7d/30d/90d/1y/all, to the graph repainted (median)",
            med("switch_graphs") * 1000,
            "ms",
            "< 50 ms",
        ),
        (
            "history range switch, graphs and insights both done (median)",
            med("switch_complete") * 1000,
            "ms",
            "< 50 ms",
        ),
        (
            "history range switch to All the first time (loads ten years), to repaint",
            med("all_first_time") * 1000,
            "ms",
            "",
        ),
        ("history range switch to All again, to repaint", med("all_again") * 1000, "ms", "< 50 ms"),
        (
            "history range switch, slowest seen (all done)",
            max(c["switch_max"] for c in children) * 1000,
            "ms",
            "",
        ),
        (
            "resident memory, window on Today before History was opened (median)",
            med("rss_before_mb"),
            "MB",
            "",
        ),
        (
            "resident memory with the History page first shown, 90 days (median)",
            med("rss_first_mb"),
            "MB",
            "< 150 MB",
        ),
        (
            "resident memory with the History page shown, after all switches (median)",
            med("rss_mb"),
            "MB",
            "< 150 MB",
        ),
    ]
    return rows + bench_sql(data_dir, repeats)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if folder is None:
        raise SystemExit(
            "usage: bench_history.py DATA_DIR (a filled diary, e.g. fibrodesk demo --years 10)"
        )
    for name, value, unit, target in run(folder, int(sys.argv[2]) if len(sys.argv) > 2 else 5):
        print(f"{name}: {value:.2f} {unit}  (target {target or '-'})")
