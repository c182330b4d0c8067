"""Reproducible performance figures on a generated ten-year diary.

    make bench                # all benchmarks, writes docs/performance.md
    make bench-heavy          # the interactive ones on the heavy ten-year diary (issue 16)
    python benchmarks/run.py --quick   # fewer repeats, no file written
    python benchmarks/run.py --density heavy --quick
    python benchmarks/run.py --density heavy --quick --only bench_history --diary DIR

``--density heavy`` generates the heavy ten-year demo (about 450,000 marks) instead of the
normal one and runs start-up, the body-map click, History and the clinician report on it
(not the data in and out of ``bench_transfer.py``: ``benchmarks/growth.py`` measures those
on the heavy diary), each figure next to its issue-16 point-4 target, and writes its own
table between ``<!-- heavy:start -->`` and ``<!-- heavy:end -->`` of docs/performance.md.

Every figure is measured in this run, on this machine, next to its reference where it has
one (a bare Qt window, raw sqlite3). Tests never assert times; this script prints them.
Each ``benchmarks/bench_*.py`` module offers ``run(data_dir, repeats) -> list[Row]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

Row = tuple[str, float, str, str]  # name, value, unit, target
# docs/performance.md: the measured table sits between these; the notes around it stay.
START, END = "<!-- measured:start -->", "<!-- measured:end -->"
HEAVY_START, HEAVY_END = "<!-- heavy:start -->", "<!-- heavy:end -->"
# Benchmark modules run on the heavy diary: data in and out is growth.py's (issue 16 p. 5).
HEAVY_PLUGINS = ("bench_click", "bench_history", "bench_report")
# Issue 16 point 4 (and point 1 for the generation): what must hold on the heavy ten-year
# diary. Row name prefix -> (target as shown, the limit in the row's unit).
HEAVY_TARGETS = {
    "demo generation": ("< 60 s", 60.0),
    "start-up ratio, Today page painted / bare": ("<= 3 x", 3.0),
    "body-map click to committed mark and repaint, 95th percentile": ("<= 16 ms", 16.0),
    "history first show incl. pyqtgraph+numpy import": ("<= 800 ms", 800.0),
    "history range switch to All the first time": ("<= 500 ms", 500.0),
    "clinician report, last 12 weeks, figures to PDF written": ("< 2 s", 2.0),
}

FIRST_PAINT = textwrap.dedent(
    """
    import sys, time
    launched = float(sys.argv[3])  # the parent's time.monotonic() when it started us
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    seen = {}

    def done():
        print(f"{seen['window']:.6f} {seen.get('today', seen['window']):.6f}", flush=True)
        QTimer.singleShot(0, app.quit)

    def painted(what):
        # Once the frame being painted is complete: the window paints before its children
        # (their text, the body map), and the event loop runs this only after all of them.
        def at_end():
            seen[what] = time.monotonic() - launched
            if what == "today" or sys.argv[1] == "bare":
                done()
        QTimer.singleShot(0, at_end)

    def window_painted(window, event):
        # Called from the bare window's own paintEvent: no application-wide event filter,
        # whose Python call for every event of every widget would weigh on FibroDesk's
        # many widgets more than on the bare window.
        if "window_seen" not in seen:
            seen["window_seen"] = True
            painted("window")
        QMainWindow.paintEvent(window, event)

    class TodayPainted(QObject):
        # On the Today page's body map only, once it exists.
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                painted("today")
            return False

    if sys.argv[1] == "bare":
        class Window(QMainWindow):
            paintEvent = window_painted

        window = Window()
        window.resize(1200, 820)
        window.show()
        app.exec()
    else:
        # The real command, as a person starts it: lock, checks, window, diary.
        from fibrodesk.app import main
        from fibrodesk.ui.main_window import MainWindow
        from fibrodesk.ui.startup import WindowStart

        opened, begin = MainWindow.diary_opened, WindowStart.begin
        today = TodayPainted()

        def diary_opened(self):
            opened(self)
            self.pages["today"].content.body_map.installEventFilter(today)

        def begin_timed(self):
            # WindowStart opens the diary on the event loop's first turn after the window's
            # first frame is complete: the same moment painted() marks for the bare window.
            seen.setdefault("window", time.monotonic() - launched)
            begin(self)

        MainWindow.diary_opened = diary_opened
        WindowStart.begin = begin_timed
        sys.exit(main(["--data-dir", sys.argv[2]]))
    """
)


def child_env() -> dict[str, str]:
    """Environment of a measured child process: off-screen Qt, and bytecode caching on.

    Some machines set PYTHONDONTWRITEBYTECODE; an installed app has its bytecode compiled
    (pip does it at install), so the children may write and reuse ``__pycache__``. The
    first run of each kind is a warm-up and is not counted.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _first_paint(kind: str, data_dir: Path) -> tuple[float, float]:
    """Seconds from launching a new process to the window's first complete frame, and to
    the Today page's body map painted (the same figure for the bare window).

    Measured on the monotonic clock both processes share, from just before the launch to
    the event loop's first turn after that frame: interpreter start, imports, window (and
    for the second figure the diary); not the exit.
    """
    env = child_env()
    launched = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, kind, str(data_dir), repr(launched)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    window, today = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    return window, today


def bench_startup(data_dir: Path, repeats: int, diary: str = "ten-year diary") -> list[Row]:
    _first_paint("bare", data_dir), _first_paint("app", data_dir)  # warm-up, not counted
    # Taken in turns, so that a machine slower at some moment weighs on both alike.
    bare, app = [], []
    for _ in range(repeats):
        bare.append(_first_paint("bare", data_dir)[0])
        app.append(_first_paint("app", data_dir))
    b = statistics.median(bare)
    window = statistics.median(w for w, _ in app)
    today = statistics.median(t for _, t in app)
    return [
        ("start-up: bare QMainWindow, process start to first paint (median)", b * 1000, "ms", ""),
        (f"start-up: FibroDesk on {diary}, to first paint (median)", window * 1000, "ms", ""),
        ("start-up ratio FibroDesk / bare", window / b, "x", "<= 1.5"),
        (
            "start-up: FibroDesk, to the Today page painted with the diary's day (median)",
            today * 1000,
            "ms",
            "",
        ),
        ("start-up ratio, Today page painted / bare", today / b, "x", ""),
    ]


def make_diary(path: Path, years: int = 10, density: str = "normal") -> tuple[Path, float]:
    """A fresh ten-year demo diary; returns its folder and the generation time."""
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    open_diary(path)
    t0 = time.perf_counter()
    generate_demo(years=years, seed=1, end=date(2026, 11, 21), density=density)
    elapsed = time.perf_counter() - t0
    close_diary()
    return path, elapsed


def _plugins(only: tuple[str, ...] | None = None) -> list:
    modules = []
    for file in sorted(HERE.glob("bench_*.py")):
        if only is not None and file.stem not in only:
            continue
        spec = importlib.util.spec_from_file_location(file.stem, file)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import PySide6

    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PySide6 {PySide6.__version__}; Qt platform offscreen"
    )


def table(rows: list[Row]) -> str:
    lines = ["| measure | value | target |", "|---|---:|---|"]
    for name, value, unit, target in rows:
        shown = f"{value:.2f} {unit}" if unit == "x" else f"{value:.1f} {unit}"
        lines.append(f"| {name} | {shown} | {target} |")
    return "\n".join(lines)


def heavy_table(rows: list[Row]) -> str:
    """The heavy diary's figures, each next to its issue-16 target and whether it holds."""
    lines = ["| measure | value | issue 16 target | holds |", "|---|---:|---|---|"]
    for name, value, unit, _ in rows:
        shown = f"{value:.2f} {unit}" if unit == "x" else f"{value:.1f} {unit}"
        target, holds = "", ""
        for prefix, (said, limit) in HEAVY_TARGETS.items():
            if name.startswith(prefix):
                target, holds = said, "yes" if value <= limit else "**no**"
        lines.append(f"| {name} | {shown} | {target} | {holds} |")
    return "\n".join(lines)


def write_block(doc: Path, start: str, end: str, block: str) -> None:
    """Put ``block`` (which begins with ``start`` and ends with ``end``) in place of what
    lies between those markers in ``doc``; at the end of it the first time."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if start in old and end in old:
        new = old[: old.index(start)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; write no file")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument(
        "--density",
        choices=("normal", "heavy"),
        default="normal",
        help="the ten-year demo diary to measure on (heavy: issue 16 point 4's figures)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="a try: only these (startup, bench_click, ...); writes no file",
    )
    parser.add_argument(
        "--diary",
        type=Path,
        help="a try: measure a copy of this diary folder instead of generating one; writes no file",
    )
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    heavy = args.density == "heavy"
    if args.only or args.diary:
        args.quick = True  # a partial or foreign table never replaces the recorded one
    wanted = set(args.only or ["startup", *(p.stem for p in HERE.glob("bench_*.py"))])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="fibrodesk-bench-") as tmp:
        if args.diary:
            data_dir = Path(tmp) / "ten-years"
            shutil.copytree(args.diary, data_dir, ignore=shutil.ignore_patterns("*.lock"))
        else:
            data_dir, gen_time = make_diary(Path(tmp) / "ten-years", density=args.density)
            if heavy:
                rows.append(("demo generation, ten years heavy", gen_time, "s", ""))
            else:
                rows.append(("demo generation, ten years", gen_time, "s", "< 15 s"))
        diary = "heavy ten-year diary" if heavy else "ten-year diary"
        if "startup" in wanted:
            rows += bench_startup(data_dir, repeats, diary=diary)
        for plugin in _plugins(HEAVY_PLUGINS if heavy else None):
            if plugin.__name__ in wanted:
                rows += plugin.run(data_dir, repeats)
    text = heavy_table(rows) if heavy else table(rows)
    print(text)
    if not args.quick:
        doc = ROOT / "docs" / "performance.md"
        if heavy:
            block = (
                f"{HEAVY_START}\n"
                f"Measured by `make bench-heavy` on {date.today()}: a generated heavy ten-year "
                f"demo diary (seed 1, about 450,000 marks), {repeats} repeats, medians. "
                f"Machine: {machine()}.\n\n{text}\n{HEAVY_END}"
            )
            write_block(doc, HEAVY_START, HEAVY_END, block)
        else:
            block = (
                f"{START}\n"
                f"Measured by `make bench` on {date.today()}: a generated ten-year demo diary "
                f"(seed 1), {repeats} repeats, medians. Machine: {machine()}.\n\n{text}\n{END}"
            )
            write_block(doc, START, END, block)
        print(f"\nwritten to {doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
