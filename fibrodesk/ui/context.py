"""What every page shares: the data folder and the one "something changed" signal.

As in Anki's ``aqt/operations``, every change goes through one path: a page hands a
``fibrodesk.db`` operation to :meth:`AppContext.perform`, which runs it in one transaction
and then broadcasts the :class:`~fibrodesk.db.changes.Change` it returned, with the widget
that asked (``source``). Each page refreshes once, only the parts that change concerns,
and skips what it already showed itself, so the body map, the planner and the graphs stay
in step without knowing one another.

Signals:
    changed(Change, object): emitted once after an operation was committed; the second
        argument is the ``source`` given to :meth:`AppContext.perform` (or ``None``).
    saveFailed(str): a change could not be written; the sentence says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, overload

from PySide6.QtCore import QObject, QSettings, Signal

from fibrodesk.db.changes import Change, Done
from fibrodesk.errors import UserError

T = TypeVar("T")

__all__ = ["AppContext", "Change", "Done"]


class AppContext(QObject):
    """Shared state of one open diary.

    Attributes:
        data_dir: the folder holding the diary.
        settings: window and UI preferences, kept beside the diary (ui.ini).
    """

    changed = Signal(object, object)
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

    @overload
    def perform(self, op: Callable[[], Done[T]], *, source: Any = None) -> Done[T] | None: ...

    @overload
    def perform(self, op: Callable[[], Change], *, source: Any = None) -> Done[None] | None: ...

    def perform(self, op: Callable[[], Any], *, source: Any = None) -> Done[Any] | None:
        """Run one database operation in one transaction, then broadcast what it changed.

        ``op`` is a ``fibrodesk.db`` operation (usually a lambda calling one) returning a
        :class:`Change` or a :class:`Done`; the result is the :class:`Done` (always truthy).
        A :class:`UserError` (full disk, read-only folder) is reported through
        ``saveFailed`` and ``None`` is returned: nothing was written, and the caller keeps
        what the person typed on screen.
        """
        return self._run(op, source)

    def _run(self, op: Callable[[], Any], source: Any) -> Done[Any] | None:
        from fibrodesk.db.database import run_operation

        try:
            done = run_operation(op)
        except UserError as exc:
            self.saveFailed.emit(str(exc))
            return None
        self.changed.emit(done.change, source)
        return done

    def broadcast(self, *kinds: Change | str) -> None:
        """Announce a change made elsewhere (an import, a restore: ``Change.EVERYTHING``)."""
        self.changed.emit(Change.of(*kinds), None)
