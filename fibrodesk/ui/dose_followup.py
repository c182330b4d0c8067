"""The follow-up prompt: about 2 hours after an as-needed dose, a gentle reminder offers a
short entry, so the dose's effect on the legs can be seen (issue 15, point 2).

Off by default; the switch (:func:`fibrodesk.db.treatments.set_dose_followup`, setting
``reminders/dose_followup``) is in the Treatments dialog. :class:`~fibrodesk.ui.reminders.Reminders`
asks :func:`due_followups` on its minute tick, with the time from ``fibrodesk.core.clock``,
and offers each one with a way to act on it in one click
(:mod:`fibrodesk.ui.followup_notice`: the window's follow-up bar, or the tray message).
Nothing here writes: the entry is made only when the person asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fibrodesk.db import marks as journal
from fibrodesk.db import treatments

FOLLOWUP_AFTER = timedelta(hours=2)
"""How long after an as-needed dose the follow-up is offered."""
FOLLOWUP_WINDOW = timedelta(minutes=30)
"""Still offered up to this long after that (the window opened a little late)."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One follow-up due: the as-needed dose it follows.

    Attributes:
        dose_id: the dose's record id.
        name: the treatment's name, as the person typed it (show it as plain text).
        taken_at: when the dose was taken (aware).
    """

    dose_id: str
    name: str
    taken_at: datetime

    @property
    def key(self) -> str:
        """Its key in :attr:`Reminders.sent`: offered once per dose."""
        return f"followup:{self.dose_id}"

    @property
    def text(self) -> str:
        """The reminder in words."""
        return (
            f"About 2 hours since {self.name} at {self.taken_at:%H:%M}: how are your legs "
            "now? A short entry on the Today page shows what it did."
        )

    @property
    def entry_label(self) -> str:
        """The label of the entry it starts, as the demo's "After a painkiller"."""
        return f"After {self.name}"


def _entry_since(start: datetime, entries_at: list[datetime]) -> bool:
    return any(at >= start for at in entries_at)


def _entry_times(now: datetime) -> list[datetime]:
    day = now.date()
    return [
        datetime.fromisoformat(e.recorded_at)
        for d in (day - timedelta(days=1), day)
        for e in journal.list_entries(d)
    ]


def entry_made_since(followup: FollowUp, now: datetime) -> bool:
    """Whether an entry was written at or after the dose (up to ``now``'s day): the
    person already noted how they are, so the follow-up has nothing left to ask."""
    return _entry_since(followup.taken_at, _entry_times(now))


def due_followups(now: datetime, sent: set[str]) -> list[FollowUp]:
    """The follow-ups due at ``now``: one per as-needed dose taken 2 hours before (up to
    half an hour late), not yet offered (``sent`` holds ``followup:<dose id>``; each one
    returned, or passed over for an entry, is added to it), and with no entry written
    since the dose (the person already noted how they are).
    """
    day = now.date()
    doses = treatments.doses_between(day - timedelta(days=1), day)
    due: list[FollowUp] = []
    entries_at: list[datetime] | None = None
    for dose in doses:
        followup = FollowUp(dose.id, dose.name, dose.taken_at)
        if not dose.as_needed or followup.key in sent:
            continue
        at = dose.taken_at + FOLLOWUP_AFTER
        if not at <= now < at + FOLLOWUP_WINDOW:
            continue
        sent.add(followup.key)
        if entries_at is None:
            entries_at = _entry_times(now)
        if _entry_since(dose.taken_at, entries_at):
            continue
        due.append(followup)
    return due
