"""The follow-up prompt: about 2 hours after an as-needed dose, a gentle reminder offers a
short entry, so the dose's effect on the legs can be seen (issue 15, point 2).

Off by default; the switch (:func:`fibrodesk.db.treatments.set_dose_followup`, setting
``reminders/dose_followup``) is in the Treatments dialog. :class:`~fibrodesk.ui.reminders.Reminders` asks :func:`followup_reminders` on its
minute tick, with the time from ``fibrodesk.core.clock``, and shows what it returns the
way it shows every reminder (tray, or the window's notice banner).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fibrodesk.db import marks as journal
from fibrodesk.db import treatments

FOLLOWUP_AFTER = timedelta(hours=2)
"""How long after an as-needed dose the follow-up is offered."""
FOLLOWUP_WINDOW = timedelta(minutes=30)
"""Still offered up to this long after that (the window opened a little late)."""


def _entry_since(start: datetime, entries_at: list[datetime]) -> bool:
    return any(at >= start for at in entries_at)


def followup_reminders(now: datetime, sent: set[str]) -> list[str]:
    """The follow-ups due at ``now``: one per as-needed dose taken 2 hours before (up to
    half an hour late), not yet offered (``sent`` holds ``followup:<dose id>``), and with
    no entry written since the dose (the person already noted how they are).
    """
    day = now.date()
    doses = treatments.doses_between(day - timedelta(days=1), day)
    texts: list[str] = []
    entries_at: list[datetime] | None = None
    for dose in doses:
        key = f"followup:{dose.id}"
        if not dose.as_needed or key in sent:
            continue
        due = dose.taken_at + FOLLOWUP_AFTER
        if not due <= now < due + FOLLOWUP_WINDOW:
            continue
        sent.add(key)
        if entries_at is None:
            entries_at = [
                datetime.fromisoformat(e.recorded_at)
                for d in (day - timedelta(days=1), day)
                for e in journal.list_entries(d)
            ]
        if _entry_since(dose.taken_at, entries_at):
            continue
        texts.append(
            f"About 2 hours since {dose.name} at {dose.taken_at:%H:%M}: how are your legs "
            "now? A short entry on the Today page shows what it did."
        )
    return texts
