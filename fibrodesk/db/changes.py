"""What one operation changed: the typed value every write in ``fibrodesk.db`` returns.

As in Anki (``pylib/anki/collection.py`` returns ``OpChanges``), an operation is a
function in ``fibrodesk.db`` named for what the person did (``record_mark``,
``save_checkin``...). It does all its writes in one transaction and returns a
:class:`Change` (or a :class:`Done` holding a value and a :class:`Change`). The window runs
it through ``AppContext.perform``, which broadcasts the change once; each page refreshes
only the parts the change touched.

No Qt and no peewee here: the window imports this module before its first paint.
"""

from __future__ import annotations

import enum
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Change(enum.Flag):
    """What a committed operation touched: a set of areas of the diary, typed.

    Combine with ``|`` (``Change.MARKS | Change.TENDER``); test with ``&`` or
    :meth:`touches`. ``Change.NONE`` is an operation that found nothing to do.
    ``EVERYTHING`` (an import, a restore) touches every area.

    Areas:
        MARKS: entries and their pain marks (and the remembered intensity of a click).
        TENDER: the day's tender-point exam.
        CHECKIN: the daily check-in (flare episodes follow it).
        TREATMENTS: the person's list of treatments (and the check-in's pick list).
        WEEKLY: the week's symptom-severity answers and WPI overrides.
        FIQR: the week's FIQR questionnaire.
        PLANS: exercise plans, custom exercises, pacing reviews.
        SESSIONS: exercise sessions logged or planned.
        SETTINGS: reminder and pacing settings stored in the diary.
        DOSES: doses and sessions of treatments logged with a time, and their side effects.
        TAGS: the person's trigger tags and the days or entries they are put on.
        WEATHER: air pressure and temperature, typed or imported.
        CYCLE: menstrual period start days.
    """

    NONE = 0
    MARKS = 1
    TENDER = 2
    CHECKIN = 4
    TREATMENTS = 8
    WEEKLY = 16
    FIQR = 32
    PLANS = 64
    SESSIONS = 128
    SETTINGS = 256
    DOSES = 512
    TAGS = 1024
    WEATHER = 2048
    CYCLE = 4096
    EVERYTHING = 8191

    @classmethod
    def of(cls, *kinds: Change | str) -> Change:
        """The change naming ``kinds``: members, or their lower-case names ("all" is
        ``EVERYTHING``), so ``Change.of("marks", "tender")``."""
        result = cls.NONE
        for kind in kinds:
            if isinstance(kind, Change):
                result |= kind
                continue
            name = "EVERYTHING" if kind == "all" else kind.upper()
            try:
                result |= cls[name]
            except KeyError:
                raise ValueError(f"unknown change kind {kind!r}") from None
        return result

    @property
    def everything(self) -> bool:
        """True for an import or a restore: every area may hold other records now."""
        return self & Change.EVERYTHING == Change.EVERYTHING

    def touches(self, *kinds: Change | str) -> bool:
        """True when this change touched any of ``kinds``.

        ``touches("all")`` asks whether the change is :attr:`everything`.
        """
        if "all" in kinds and self.everything:
            return True
        wanted = Change.of(*(k for k in kinds if k != "all"))
        return bool(self & wanted)


class Done(NamedTuple, Generic[T]):
    """An operation's result for the page (the entry made, the check-in saved...) and
    what it changed."""

    value: T
    change: Change
