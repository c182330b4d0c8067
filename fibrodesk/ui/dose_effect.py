"""A logged dose's effect where it hurts, in words, for the Today page.

The pairing and its words are :mod:`fibrodesk.core.treatment_effect`'s (one definition);
this only hands it the diary's doses and entries, and says when the entry after can still
be made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fibrodesk.core import treatment_effect as te
from fibrodesk.db.treatment_values import DoseRow


def as_dose(row: DoseRow) -> te.Dose:
    return te.Dose(row.id, row.treatment_id, row.name, row.taken_at)


def effect_words(
    row: DoseRow, entries: Sequence[te.Entry], doses: Sequence[DoseRow], now: datetime
) -> str:
    """ "left calf 7 -> 4 by 16:10, right knee 5 -> 5", or why there is nothing yet."""
    effect = te.dose_effect(as_dose(row), entries, [as_dose(d) for d in doses])
    if effect.before_at is None and effect.after_at is None:
        return "No entry yet to compare: one up to 3 hours before and one 1 to 4 hours after show what it did."
    if effect.after_at is None and now < row.taken_at + te.AFTER_TO:
        start = max(now, row.taken_at + te.AFTER_FROM)
        end = row.taken_at + te.AFTER_TO
        if effect.before_at is None:
            return "No entry in the 3 hours before it, so nothing to compare."
        return f"An entry between {start:%H:%M} and {end:%H:%M} will show what it did."
    return te.effect_words(effect)
