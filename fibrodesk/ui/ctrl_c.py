"""Ctrl+C in the terminal ends a running window cleanly (:class:`CtrlC`)."""

from __future__ import annotations

from typing import Any


class CtrlC:
    """Ctrl+C in the terminal ends the window as closing it does: the exit backup runs,
    the diary is closed, the lock released, and the status is 130.

    Python runs a signal handler only when the interpreter gets control, which Qt's event
    loop, in C++, may not give it for a long time. So the signal also writes a byte to a
    pipe (``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the loop wakes,
    calls into Python, and the handler runs. Where pipes cannot be watched (Windows), a
    quarter-second timer gives Python the turn instead.

    Attributes:
        fired: Ctrl+C was pressed.
    """

    def __init__(self) -> None:
        import os
        import signal

        from PySide6.QtCore import QTimer

        self.fired = False
        self._old = signal.getsignal(signal.SIGINT)
        self._fds: tuple[int, int] | None = None
        self._old_fd = -1
        self._keep: Any = None
        try:
            from PySide6.QtCore import QSocketNotifier

            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self._old_fd = signal.set_wakeup_fd(write_fd)
            self._fds = (read_fd, write_fd)
            notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read)
            notifier.activated.connect(self._drain)
            self._keep = notifier
        except (OSError, ValueError, AttributeError):
            timer = QTimer()
            timer.timeout.connect(lambda: None)
            timer.start(250)
            self._keep = timer
        signal.signal(signal.SIGINT, self._handle)

    def _drain(self) -> None:
        import os

        if self._fds is not None:
            try:
                os.read(self._fds[0], 512)
            except OSError:
                pass

    def _handle(self, signum: int, frame: object) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.fired = True
        QApplication.quit()
        QTimer.singleShot(0, QApplication.quit)  # should the loop not be running yet

    def restore(self) -> None:
        import os
        import signal

        signal.signal(signal.SIGINT, self._old)
        if self._fds is not None:
            signal.set_wakeup_fd(self._old_fd)
            if self._keep is not None:
                self._keep.setEnabled(False)
            for fd in self._fds:
                os.close(fd)
            self._fds = None
