"""Wiring: the command line, the data folder, the diary lock and the main window.

Each sub-command imports what it needs inside its own function, so ``fibrodesk --help``
and the command-line tools never pay for Qt, and the window pays only for its first page.
Errors the person can fix reach stderr as one sentence with a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from fibrodesk import __version__
from fibrodesk.core import clock
from fibrodesk.errors import DataDirError, UserError
from fibrodesk.lock import acquire_lock, clear_unusable_lock
from fibrodesk.paths import resolve_data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

__all__ = ["acquire_lock", "build_main_window", "clear_unusable_lock", "main"]

EXPORT_FORMATS = ("csv", "json", "fhir", "ics", "pdf")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one sentence, without the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"fibrodesk: {message}; see 'fibrodesk --help'.\n")
        raise SystemExit(2)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError(f"{value} is outside 1 to 50")
    return value


def _data_dir_option(default: object) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder holding the diary (default: $FIBRODESK_DATA_DIR or the platform's "
        "application-data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fibrodesk",
        description="FibroDesk: a private desktop diary for fibromyalgia. "
        "With no command it opens the window.",
        parents=[_data_dir_option(None)],
    )
    # --data-dir may come before the command or after it: a command's own copy keeps the
    # value given before it unless it is given again (argparse would reset it to None).
    common = _data_dir_option(argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"fibrodesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", parents=[common], help="fill an empty diary with a sample")
    demo.add_argument("--years", type=_positive, default=2, help="years of sample (default 2)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument(
        "--density",
        choices=("normal", "heavy"),
        default="normal",
        help="how much the sample person logs: normal, or heavy (about five entries a day)",
    )
    demo.add_argument(
        "--cycle",
        action="store_true",
        help="switch cycle tracking on in the sample and record period starts (off by default)",
    )

    export = sub.add_parser("export", parents=[common], help="write the diary to a file")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, metavar="PATH")
    export.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")

    imp = sub.add_parser("import", parents=[common], help="read a json or csv export back")
    imp.add_argument("path", metavar="PATH")

    backup = sub.add_parser("backup", parents=[common], help="write a verified copy")
    backup.add_argument("--out", metavar="PATH")

    restore = sub.add_parser("restore", parents=[common], help="put a backup back")
    restore.add_argument("path", metavar="PATH")

    sub.add_parser("check", parents=[common], help="check the diary's integrity and schema")

    shot = sub.add_parser("screenshot", parents=[common], help="render each page to PNG")
    shot.add_argument("--out", required=True, metavar="DIR")

    weather = sub.add_parser(
        "import-weather",
        parents=[common],
        help="read air pressure and temperature from a weather CSV you downloaded",
    )
    from fibrodesk.io import weather_cli  # only when a command's parser is built

    weather_cli.add_arguments(weather)
    return parser


# -- window -----------------------------------------------------------------------------


def build_main_window(data_dir: str | Path, *, diary_open: bool = True) -> QMainWindow:
    """Open the diary in ``data_dir`` and build the main window on it (not shown).

    The contract's entry point for tests; the work is :func:`fibrodesk.ui.build.build_main_window`
    (imported here only when called, so the command line never loads Qt).
    """
    from fibrodesk.ui.build import build_main_window as build

    return build(data_dir, diary_open=diary_open)


def _qapp() -> Any:
    from PySide6.QtWidgets import QApplication

    from fibrodesk.ui.theme import FUSION_SET

    app = QApplication.instance()
    if app is None:
        app = QApplication([*sys.argv[:1], "-style", "fusion"])  # Qt's own option
        app.setProperty(FUSION_SET, True)
    app.setApplicationName("FibroDesk")
    app.setOrganizationName("FibroDesk")
    app.setApplicationDisplayName("FibroDesk")
    return app


def missing_window_libraries() -> list[str]:
    """System libraries Qt's X11 plugin needs that this Linux machine lacks.

    Without them Qt aborts with its own message; FibroDesk says what to install instead.
    Only checked where the X11 plugin will be used (Linux, a DISPLAY, no other platform
    chosen).
    """
    import os

    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or os.environ.get("WAYLAND_DISPLAY"):
        return []
    import ctypes

    # Loading each library by the name Qt's plugin asks for is what Qt will do, and costs
    # far less than ctypes.util.find_library (which runs ldconfig).
    needed = {
        "libxcb-cursor.so.0": "libxcb-cursor0",
        "libxcb-icccm.so.4": "libxcb-icccm4",
        "libxcb-keysyms.so.1": "libxcb-keysyms1",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    }
    missing = []
    for soname, package in needed.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def cmd_run(data_dir: Path, args: argparse.Namespace) -> int:
    """The window. Backs the diary up at start, every 30 minutes and at exit when due.

    The window is shown before the diary is opened (:mod:`fibrodesk.ui.startup`). A
    problem met before the window exists (the diary is locked) or while the diary is
    opened (unreadable, newer) is shown in a message box as well as on stderr: a person
    who started FibroDesk from a menu sees no terminal.
    """
    missing = missing_window_libraries()
    if missing:
        raise UserError(
            "FibroDesk cannot open its window because this system lacks "
            f"{', '.join(missing)}; install them (on Debian or Ubuntu: sudo apt install "
            f"{' '.join(missing)}) and start FibroDesk again."
        )
    app = _qapp()
    from fibrodesk.ui.ctrl_c import CtrlC

    ctrl_c = CtrlC()
    try:
        lock = acquire_lock(data_dir)
    except UserError as exc:
        from fibrodesk.ui.recovery_dialog import RecoveryDialog

        RecoveryDialog.tell(str(exc))
        ctrl_c.restore()
        raise
    window: QMainWindow | None = None
    try:
        from fibrodesk.ui.startup import WindowStart

        window = build_main_window(data_dir, diary_open=False)
        start = WindowStart(window, data_dir)  # opens the diary once the window has painted
        window.show()
        code = int(app.exec())
        if ctrl_c.fired:
            code = 130  # stopped from the terminal: the usual status for Ctrl+C
        if start.error is not None:
            raise start.error
        if not start.opened:  # declined at the recovery question, or closed before
            return code if ctrl_c.fired else 1 if start.finished else code
        assert start.timer is not None and start.backups is not None
        start.timer.stop()
        start.backups.wait()
        from fibrodesk.db.backup import auto_backup

        try:
            auto_backup(data_dir, reason="exit", changed=start.backups.session_changed())
        except UserError as exc:
            print(str(exc), file=sys.stderr)
            from fibrodesk.ui.recovery_dialog import RecoveryDialog

            RecoveryDialog.tell(str(exc))
        return code
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        from fibrodesk.db.database import close_diary

        close_diary()
        lock.unlock()
        ctrl_c.restore()


# -- commands ---------------------------------------------------------------------------


def cmd_demo(data_dir: Path, args: argparse.Namespace) -> int:
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    lock = acquire_lock(data_dir)
    try:
        open_diary(data_dir)
        summary = generate_demo(
            years=args.years, seed=args.seed, density=args.density, cycle=args.cycle
        )
    finally:
        close_diary()
        lock.unlock()
    print(summary)
    return 0


def cmd_export(data_dir: Path, args: argparse.Namespace) -> int:
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.io.export import export_diary
    from fibrodesk.progress import for_terminal

    if args.start and args.end and args.start > args.end:
        raise UserError("--from is after --to; give the earlier date first.")
    open_diary(data_dir)
    try:
        with for_terminal("Exporting") as progress:
            said = export_diary(args.format, Path(args.out), args.start, args.end, progress)
        print(said)
    finally:
        close_diary()
    return 0


def cmd_import(data_dir: Path, args: argparse.Namespace) -> int:
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.io.importer import import_path
    from fibrodesk.progress import for_terminal

    lock = acquire_lock(data_dir)
    try:
        open_diary(data_dir)
        with for_terminal("Importing") as progress:
            report = import_path(Path(args.path), progress)
        print(report.summary())
    finally:
        close_diary()
        lock.unlock()
    return 0


def cmd_backup(data_dir: Path, args: argparse.Namespace) -> int:
    """A verified copy, safe while the window is open (SQLite's backup API, no lock)."""
    from fibrodesk.db.backup import backup_now
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.progress import for_terminal

    open_diary(data_dir)  # creates a first diary; refuses a damaged or newer one untouched
    close_diary()
    out = Path(args.out) if args.out else None
    with for_terminal("Backing up") as progress:
        path = backup_now(data_dir, reason="manual", out=out, progress=progress)
    print(f"Backup written to {path}")
    return 0


def cmd_restore(data_dir: Path, args: argparse.Namespace) -> int:
    """Put a backup back; the current diary is kept aside first and where is printed."""
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.restore import restore_backup
    from fibrodesk.progress import for_terminal

    lock = acquire_lock(data_dir)
    try:
        with for_terminal("Restoring") as progress:
            kept = restore_backup(data_dir, Path(args.path), progress=progress)
        open_diary(data_dir)  # brings an older backup up to date, after its own backup
        close_diary()
    finally:
        lock.unlock()
    if kept is None:
        print(f"Backup restored into {data_dir}; there was no diary to keep aside.")
    else:
        print(f"Backup restored; the diary it replaced is kept at {kept}")
    return 0


def cmd_check(data_dir: Path, args: argparse.Namespace) -> int:
    from fibrodesk.db.database import check_diary

    problems = check_diary(data_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"The diary in {data_dir} is sound.")
    return 0


def cmd_import_weather(data_dir: Path, args: argparse.Namespace) -> int:
    """A downloaded weather CSV into the diary (read, never fetched)."""
    from fibrodesk.io import weather_cli

    return weather_cli.run(data_dir, args)


def cmd_screenshot(data_dir: Path, args: argparse.Namespace) -> int:
    import os

    # Rendered off-screen: no window appears, and no display is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fibrodesk.ui.screenshot import render_pages

    _qapp()
    for path in render_pages(data_dir, Path(args.out)):
        print(path)
    return 0


COMMANDS = {
    None: cmd_run,
    "demo": cmd_demo,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "screenshot": cmd_screenshot,
    "import-weather": cmd_import_weather,
}


def _window_start(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of the everyday start, the window with at most ``--data-dir DIR``.

    Parsed without building the whole parser (its eight commands' help cost argparse
    about 6 ms of gettext look-ups before the window could paint); anything else, or
    a folder name that looks like an option, goes through :func:`build_parser`.
    """
    if not argv:
        return argparse.Namespace(command=None, data_dir=None)
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return argparse.Namespace(command=None, data_dir=argv[1])
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > 11:
        return argparse.Namespace(command=None, data_dir=argv[0][11:])
    return None


def main(argv: list[str] | None = None) -> int:
    import os

    # Everything FibroDesk writes (diary, backups, exports, settings) is its owner's only.
    os.umask(0o077)
    args = _window_start(sys.argv[1:] if argv is None else argv) or build_parser().parse_args(argv)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        if data_dir.exists() and not data_dir.is_dir():
            raise DataDirError(
                f"{data_dir} is a file, not a folder; give --data-dir the folder that holds "
                "(or will hold) the diary."
            )
        return COMMANDS[args.command](data_dir, args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one sentence here, the details in a log file
        return _report_bug(exc)


def open_bug_log() -> tuple[Path, Any]:
    """A new bug log of our own: in the user's cache folder (0700), created 0600 with
    ``O_EXCL | O_NOFOLLOW`` under a name no one can plant in advance (time and process id),
    never a fixed name in the shared temporary folder."""
    import os

    from fibrodesk.paths import cache_dir, tighten

    folder = cache_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tighten(folder)
    name = f"error-{clock.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    path = folder / name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    return path, os.fdopen(fd, "w", encoding="utf-8")


def _report_bug(exc: BaseException) -> int:
    import traceback

    try:
        log, fh = open_bug_log()
        with fh:
            fh.write(f"--- fibrodesk {__version__} {sys.argv[1:]}\n")
            traceback.print_exception(exc, file=fh)
        where = f"details are in {log}"
    except OSError:
        where = "no details could be saved"
    print(
        f"FibroDesk stopped on an unexpected error ({type(exc).__name__}: {exc}); {where}. "
        "Please report it; your diary was not changed by the command that failed.",
        file=sys.stderr,
    )
    return 70


if __name__ == "__main__":
    raise SystemExit(main())
