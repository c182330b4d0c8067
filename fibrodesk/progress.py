"""Progress of long work (import, export, backup, restore, the clinician report) and how
it is cancelled, for the window and the command line alike (issue 16 point 6).

A piece of long work takes ``progress(done, total) -> bool``: it calls it now and then,
and when it returns False the work raises :class:`Cancelled` (a
:class:`~fibrodesk.errors.UserError` saying what was left as it was) and undoes itself:
an import or a restore rolls back, an export removes its unfinished file and leaves the
old one untouched, a backup removes its unfinished copy.

Work that reads the diary deep inside other code (an export's rows) reports through
:func:`reporting`: the code that reads calls :func:`advance` as it goes, which costs
nothing when nobody listens. No Qt here: the window turns the calls into a progress
dialog (:mod:`fibrodesk.ui.long_work`), the command line into :class:`TerminalLine`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

from fibrodesk.errors import UserError

Progress = Callable[[int, int], bool]
"""``progress(done, total) -> bool``: called now and then; returning False cancels."""


class Cancelled(UserError):
    """The person cancelled long work; ``str()`` says what was left as it was."""


class Steps:
    """Counts work done against a total and asks ``progress`` at most every ``every``
    units; raises ``cancelled`` (a :class:`Cancelled`) when it says stop."""

    def __init__(
        self, progress: Progress | None, total: int, cancelled: Cancelled, every: int = 1
    ) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.every = max(every, 1)
        self.cancelled = cancelled

    def advance(self, count: int = 1) -> None:
        before = self.done
        self.done = min(self.done + count, self.total)
        if self.progress is not None and (
            self.done // self.every != before // self.every or self.done == self.total
        ):
            self.ask()

    def ask(self) -> None:
        """Report now, and stop if told to."""
        if self.progress is not None and not self.progress(self.done, self.total):
            raise self.cancelled


def share(progress: Progress | None, index: int, parts: int, said: str) -> Progress | None:
    """Part ``index`` of ``parts`` equal parts of ``progress`` (counted in thousandths),
    for work made of several steps; a stop raises :class:`Cancelled` saying ``said``."""
    if progress is None:
        return None
    outer = progress

    def part(done: int, total: int) -> bool:
        if not outer((1000 * index + 1000 * done // max(total, 1)) // parts, 1000):
            raise Cancelled(said)
        return True

    return part


_LISTENER: ContextVar[Steps | None] = ContextVar("fibrodesk_progress", default=None)


@contextmanager
def reporting(steps: Steps) -> Iterator[Steps]:
    """Let :func:`advance`, called anywhere below on this thread, count into ``steps``."""
    token = _LISTENER.set(steps)
    try:
        steps.ask()
        yield steps
    finally:
        _LISTENER.reset(token)


def advance(count: int = 1) -> None:
    """``count`` more units done, for whoever listens (:func:`reporting`); may raise
    :class:`Cancelled`."""
    steps = _LISTENER.get()
    if steps is not None:
        steps.advance(count)


class TerminalLine:
    """A progress line on a terminal's stderr: ``Importing… 42 %``, drawn at the first
    report, redrawn in place at most every tenth of a second, wiped when the work ends.

    :func:`for_terminal` gives one only when stderr is a terminal, so output piped to a
    file or another program holds no progress at all.
    """

    def __init__(self, what: str, stream: TextIO, delay: float = 0.0) -> None:
        self.what = what
        self.stream = stream
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last < 0.1 and done < total):
            return True
        self.last = now
        percent = 100 * done // max(total, 1)
        self.stream.write(f"\r{self.what}… {percent:3d} %")
        self.stream.flush()
        self.shown = True
        return True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


@contextmanager
def for_terminal(what: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A :class:`TerminalLine` when ``stream`` (stderr) is a terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        yield None
        return
    line = TerminalLine(what, stream)
    try:
        yield line
    finally:
        line.close()
