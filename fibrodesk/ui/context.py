"""What every page shares: the data folder and the one "something changed" signal.

As in Anki's ``aqt/operations``, every change goes through one path: a page writes through
a ``fibrodesk.db`` function inside :meth:`AppContext.perform`, which commits and then
broadcasts a small :class:`Change` naming what was touched. Each page refreshes only what
that change concerns, so the body map, the planner and the graphs stay in step without
knowing one another.

Signals:
    changed(Change): emitted after a change was committed.
    saveFailed(str): a change could not be written; the sentence says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from fibrodesk.errors import UserError

T = TypeVar("T")

# What a change can touch. Pages test membership: ``if change.touches("marks")``.
KINDS = frozenset(
    {"marks", "checkin", "tender", "weekly", "fiqr", "plans", "sessions", "treatments", "all"}
)


class Change:
    """What one committed change touched, and which widget made it (``source``).

    A plain class, not a dataclass: this module is imported before the window's first
    paint, and importing ``dataclasses`` there cost about 2 ms.
    """

    __slots__ = ("kinds", "source")

    def __init__(self, kinds: frozenset[str], source: object | None = None) -> None:
        self.kinds = kinds
        self.source = source

    def __eq__(self, other: object) -> bool:  # the source does not make a change differ
        return isinstance(other, Change) and other.kinds == self.kinds

    def __hash__(self) -> int:
        return hash(self.kinds)

    def __repr__(self) -> str:
        return f"Change({sorted(self.kinds)}, source={self.source!r})"

    def touches(self, *kinds: str) -> bool:
        return "all" in self.kinds or any(k in self.kinds for k in kinds)


class AppContext(QObject):
    """Shared state of one open diary.

    Attributes:
        data_dir: the folder holding the diary.
        settings: window and UI preferences, kept beside the diary (ui.ini).
    """

    changed = Signal(object)
    saveFailed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None, *, create: bool = True):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        if create:
            self.create_settings_file()
        self.settings = QSettings(str(self.data_dir / "ui.ini"), QSettings.Format.IniFormat)

    def create_settings_file(self) -> None:
        """Create ui.ini owner-only, like the diary, before anything is written to it.

        The window started before its diary is open reads ui.ini but creates it only once
        the diary is open: a person who quits at a damaged diary finds the folder as it was.
        """
        ini = self.data_dir / "ui.ini"
        if not ini.exists():
            os.close(os.open(ini, os.O_CREAT | os.O_WRONLY, 0o600))

    def perform(
        self, kinds: set[str] | frozenset[str] | str, action: Callable[[], T], source: Any = None
    ) -> T | None:
        """Run a database write, then broadcast what it touched.

        A :class:`UserError` (full disk, read-only folder) is reported through
        ``saveFailed`` and ``None`` is returned: the caller keeps what the person typed
        on screen, since nothing was written.
        """
        kinds = frozenset({kinds} if isinstance(kinds, str) else kinds)
        unknown = kinds - KINDS
        if unknown:
            raise ValueError(f"unknown change kinds {sorted(unknown)}")
        try:
            result = action()
        except UserError as exc:
            self.saveFailed.emit(str(exc))
            return None
        self.changed.emit(Change(kinds, source))
        return result

    def broadcast(self, *kinds: str) -> None:
        """Announce a change made elsewhere (an import, a restore)."""
        self.changed.emit(Change(frozenset(kinds)))
