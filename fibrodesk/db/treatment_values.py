"""The frozen values of treatments (issue 15) and the checks of what the person types for
them: a treatment in the list, a dose taken, a regular time to confirm, a side effect.

No database here: :mod:`fibrodesk.db.treatments` reads and writes them. Split from that
module (issue 10 point 8) along the seam values/checks vs. queries/operations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from fibrodesk.errors import UserError

MAX_TIMES = 12


# ------------------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class TreatmentItem:
    """One treatment in the person's list.

    Attributes:
        name: what the person calls it (unique in the diary, 1-200 characters).
        kind: heat, massage, stretching, tens, medication or own.
        dose: the dose as free text ("500 mg", "1-2 tablets"); filled from amount and
            unit when it is left empty and an amount is given.
        amount, unit: the usual dose as a number and unit (``None``/"" when not known);
            a logged dose takes them unless it says otherwise.
        schedule: ``regular`` (at ``times``) or ``as_needed``.
        times: regular times of day, ``("08:00", "21:30")``, sorted.
        start_date, stop_date: when the person started and stopped it (``None``: open).
        purpose: what it is for, in the person's words.
        hidden: taken off the pick list (past records keep it).
        id: the record's id; ``""`` for a treatment not yet saved.
    """

    name: str
    kind: str = "medication"
    dose: str = ""
    amount: float | None = None
    unit: str = ""
    schedule: str = "as_needed"
    times: tuple[str, ...] = ()
    start_date: date | None = None
    stop_date: date | None = None
    purpose: str = ""
    hidden: bool = False
    id: str = ""

    @property
    def regular(self) -> bool:
        return self.schedule == "regular"

    @property
    def medication(self) -> bool:
        return self.kind == "medication"

    def active_on(self, day: date) -> bool:
        """True when ``day`` lies between its start and stop dates (both inclusive)."""
        if self.start_date is not None and day < self.start_date:
            return False
        return self.stop_date is None or day <= self.stop_date


@dataclass(frozen=True, slots=True)
class DoseRow:
    """A dose taken or a session done, with its treatment's name and kind.

    ``taken_at`` is aware (its stored offset); ``date`` the local day it was logged on.
    """

    id: str
    treatment_id: str
    name: str
    kind: str
    schedule: str
    taken_at: datetime
    date: date
    amount: float | None
    unit: str
    note: str

    @property
    def as_needed(self) -> bool:
        return self.schedule == "as_needed"

    @property
    def clock_time(self) -> str:
        """``HH:MM`` of ``taken_at``, as the person saw it."""
        return self.taken_at.strftime("%H:%M")


@dataclass(frozen=True, slots=True)
class RegularDose:
    """One regular time of a treatment on a day, and the dose confirmed for it, if any."""

    treatment_id: str
    name: str
    kind: str
    time: str  # HH:MM
    amount: float | None
    unit: str
    dose_id: str | None  # None: not confirmed (yet)

    @property
    def confirmed(self) -> bool:
        return self.dose_id is not None


@dataclass(frozen=True, slots=True)
class SideEffectRow:
    """A side effect of a treatment on a day, 0-10."""

    id: str
    treatment_id: str
    name: str
    date: date
    effect: str
    severity: int
    note: str


# ------------------------------------------------------------------------------ checking


def clean_times(times: Iterable[str]) -> str:
    cleaned: set[str] = set()
    for text in times:
        text = text.strip()
        try:
            parsed = time.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is None or len(text) != 5:
            raise UserError(
                f"{text!r} is not a time of day like 08:00; type the times as hours and minutes."
            )
        cleaned.add(text)
    if len(cleaned) > MAX_TIMES:
        raise UserError(f"A treatment can have at most {MAX_TIMES} regular times of day.")
    return ";".join(sorted(cleaned))


def clean_amount(value: float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise UserError(
            f"The amount {value!r} is not a positive number; type how much, or leave it empty."
        )
    if value != value or value > 1e9:
        raise UserError(f"The amount {value!r} is not a usable number; type how much.")
    return float(value)


def clean_unit(text: str) -> str:
    text = text.strip()
    if len(text) > 40:
        raise UserError("The unit is longer than 40 characters; shorten it (mg, ml, tablet...).")
    return text


def dose_text(amount: float | None, unit: str) -> str:
    """``500 mg``, ``2 tablet``, ``20 minutes``: how an amount and unit read."""
    if amount is None:
        return ""
    return f"{amount:g} {unit}".strip()
