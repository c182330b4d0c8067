"""Gentle reminders while the app runs: at a session's time, and in the evening for the diary.

A QTimer calls :meth:`Reminders.check` once a minute with the current time; tests call it
directly with any time. A reminder goes to the system tray when there is one
(``QSystemTrayIcon.isSystemTrayAvailable()``), otherwise it is shown inside the window
through the ``notice`` signal. Both kinds can be switched off; the switches live in the
diary (:func:`fibrodesk.db.planner.save_reminder_settings`), so they travel with backups.

The same minute tick runs the weekly reviews once they are due
(:func:`fibrodesk.db.planner.run_due_reviews`), so the planner is current after midnight,
and revises the latest one when an entry of its week was logged late.

The follow-up after an as-needed dose (:mod:`fibrodesk.ui.dose_followup`) carries an
action: inside the window it goes to ``followupDue`` (the window's follow-up bar, with
its buttons); in the tray, clicking the message asks for it (``followupTaken``).

Signals:
    notice(str): a reminder to show inside the window (no system tray).
    followupDue(FollowUp): a follow-up to offer inside the window (no system tray).
    followupTaken(FollowUp): the tray message of a follow-up was clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from fibrodesk.core.clock import now as clock_now
from fibrodesk.db import planner
from fibrodesk.db.planner import reminder_settings
from fibrodesk.db.treatments import dose_followup_enabled
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.dose_followup import FollowUp, due_followups
from fibrodesk.ui.followup_notice import FollowUpBar, install_followups

SESSION_WINDOW = timedelta(minutes=30)
"""A session reminder is still given up to this long after its time (app opened late)."""


class Reminders(QObject):
    """Session and evening reminders, and the new-day review, for one window.

    Attributes:
        sent: ids of the sessions already reminded of, and ``evening:<date>`` keys.
        tray: the tray icon, created on the first tray reminder.
        followup_bar: the window's follow-up bar (:mod:`fibrodesk.ui.followup_notice`).
    """

    notice = Signal(str)
    followupDue = Signal(object)  # noqa: N815 (Qt signal naming)
    followupTaken = Signal(object)  # noqa: N815

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        clock: Callable[[], datetime] = clock_now,
        use_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self._use_tray = use_tray
        self.sent: set[str] = set()
        self.tray: QSystemTrayIcon | None = None
        self.followup_bar: FollowUpBar | None = None  # set by install_reminders
        self._tray_followup: FollowUp | None = None  # the follow-up the tray message shows
        self._day: date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.check(self._clock()))

    def start(self) -> None:
        """Check now, then once a minute."""
        self.check(self._clock())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def tray_available(self) -> bool:
        if self._use_tray is not None:
            return self._use_tray
        return QSystemTrayIcon.isSystemTrayAvailable()

    # -- the minute tick ----------------------------------------------------------------
    def check(self, now: datetime) -> list[str]:
        """Give every reminder due at ``now``; returns the texts given."""
        given: list[str] = []
        today = now.date()
        new_day = self._day is not None and self._day != today
        self._day = today
        # A review comes due once its week is over (the first tick of a new day); a late
        # entry of the last reviewed week may revise it at any tick.
        if planner.has_due_work(today):
            self.ctx.perform(lambda: planner.run_due_reviews(today), source=self)
        elif new_day:
            self.ctx.broadcast("sessions")  # "today's sessions" are another day's now
        settings = reminder_settings()
        if settings["sessions"]:
            given += self._session_reminders(now)
        if settings["evening"]:
            text = self._evening_reminder(now, settings["evening_time"])
            if text:
                given.append(text)
        for text in given:
            self.notify(text)
        if dose_followup_enabled():  # off by default (the Treatments dialog's switch)
            for followup in due_followups(now, self.sent):
                self.offer_followup(followup)
                given.append(followup.text)
        return given

    def _session_reminders(self, now: datetime) -> list[str]:
        today = now.date()
        wanted = {p.id for p in planner.plans() if p.reminders}
        texts = []
        for s in planner.sessions_between(today, today):
            if s.status != "planned" or s.plan_id not in wanted or s.id in self.sent:
                continue
            at = s.scheduled_for
            if at <= now.astimezone(at.tzinfo) < at + SESSION_WINDOW:
                self.sent.add(s.id)
                texts.append(
                    f"Time for {s.exercise_name}: {s.dose_text()} at {s.time_text}. "
                    "Start gently and stop at the dose."
                )
        return texts

    def _evening_reminder(self, now: datetime, evening_time: str) -> str | None:
        key = f"evening:{now.date().isoformat()}"
        hour, minute = (int(x) for x in evening_time.split(":"))
        if key in self.sent or (now.hour, now.minute) < (hour, minute):
            return None
        self.sent.add(key)
        if planner.diary_written_on(now.date()):
            return None
        return "Time to fill in today's diary: a minute is enough, and every field is optional."

    # -- showing ------------------------------------------------------------------------
    def notify(self, text: str) -> None:
        """Show one reminder: in the system tray when there is one, else in the window."""
        if self.tray_available():
            self._tray_message(text)
            self._tray_followup = None  # a click on this message is not a follow-up's
        else:
            self.notice.emit(text)

    def offer_followup(self, followup: FollowUp) -> None:
        """Offer a follow-up: the tray message says a click notes the legs; without a
        tray, the window's follow-up bar shows it with its buttons. Nothing is written."""
        if self.tray_available():
            self._tray_message(f"{followup.text} Click here to note how your legs are now.")
            self._tray_followup = followup
        else:
            self.followupDue.emit(followup)

    def _tray_clicked(self) -> None:
        followup, self._tray_followup = self._tray_followup, None
        if followup is not None:
            self.followupTaken.emit(followup)

    def _tray_message(self, text: str) -> None:
        if self.tray is None:
            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else None
            if icon is None or icon.isNull():
                style = app.style() if isinstance(app, QApplication) else None
                icon = (
                    style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                    if style
                    else None
                )
            self.tray = QSystemTrayIcon(self)
            if icon is not None:
                self.tray.setIcon(icon)
            self.tray.setToolTip("FibroDesk")
            self.tray.messageClicked.connect(self._tray_clicked)
            self.tray.show()
        self.tray.showMessage("FibroDesk", text, QSystemTrayIcon.MessageIcon.Information, 15_000)


def install_reminders(window: QWidget, ctx: AppContext, use_tray: bool | None = None) -> Reminders:
    """Start reminders for a main window; in-window notices use its message banner.

    The window may offer ``show_notice(str)``; otherwise ``show_problem(str)`` is used.
    A window with pages (``show_page``) gets the follow-up bar
    (:func:`fibrodesk.ui.followup_notice.install_followups`). ``use_tray`` as for
    :class:`Reminders` (None: the tray when the desktop has one).
    """
    reminders = Reminders(ctx, window, use_tray=use_tray)
    show = getattr(window, "show_notice", None) or getattr(window, "show_problem", None)
    if show is not None:
        reminders.notice.connect(show)
    if hasattr(window, "show_page") and hasattr(window, "add_notice_bar"):
        bar = install_followups(window, ctx)  # type: ignore[arg-type]
        reminders.followupDue.connect(bar.offer)
        reminders.followupTaken.connect(bar.take)
        reminders.followup_bar = bar
    reminders.start()
    return reminders
