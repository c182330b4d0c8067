"""Reproducible performance figures on a generated ten-year diary.

    make bench                # all benchmarks, writes docs/performance.md
    python benchmarks/run.py --quick   # fewer repeats, no file written

Every figure is measured in this run, on this machine, next to its reference where it has
one (a bare Qt window, raw sqlite3). Tests never assert times; this script prints them.
Each ``benchmarks/bench_*.py`` module offers ``run(data_dir, repeats) -> list[Row]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
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


def bench_startup(data_dir: Path, repeats: int) -> list[Row]:
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
        ("start-up: FibroDesk on ten-year diary, to first paint (median)", window * 1000, "ms", ""),
        ("start-up ratio FibroDesk / bare", window / b, "x", "<= 1.5"),
        (
            "start-up: FibroDesk, to the Today page painted with the diary's day (median)",
            today * 1000,
            "ms",
            "",
        ),
        ("start-up ratio, Today page painted / bare", today / b, "x", ""),
    ]


def make_diary(path: Path, years: int = 10) -> tuple[Path, float]:
    """A fresh ten-year demo diary; returns its folder and the generation time."""
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    open_diary(path)
    t0 = time.perf_counter()
    generate_demo(years=years, seed=1, end=date(2026, 11, 21))
    elapsed = time.perf_counter() - t0
    close_diary()
    return path, elapsed


def _plugins() -> list:
    modules = []
    for file in sorted(HERE.glob("bench_*.py")):
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; write no file")
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 7)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="fibrodesk-bench-") as tmp:
        data_dir, gen_time = make_diary(Path(tmp) / "ten-years")
        rows.append(("demo generation, ten years", gen_time, "s", "< 15 s"))
        rows += bench_startup(data_dir, repeats)
        for plugin in _plugins():
            rows += plugin.run(data_dir, repeats)
    text = table(rows)
    print(text)
    if not args.quick:
        doc = ROOT / "docs" / "performance.md"
        measured = (
            f"{START}\n"
            f"Measured by `make bench` on {date.today()}: a generated ten-year demo diary "
            f"(seed 1), {repeats} repeats, medians. Machine: {machine()}.\n\n{text}\n{END}"
        )
        old = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n\n" + START + END
        head, _, rest = old.partition(START)
        _, _, tail = rest.partition(END)
        doc.write_text(head + measured + tail, encoding="utf-8")
        print(f"\nwritten to {doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
