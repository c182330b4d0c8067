"""The demo's treatments and triggers (issue 15): a regular evening medicine confirmed most
days, a second one tried for a few weeks and stopped for dizziness, as-needed painkillers
on bad days each followed 1 to 4 hours later by a body-map entry, heat and TENS sessions,
side effects now and then, tags on some days and entries, a season of daily weather, and
period starts when cycle tracking is switched on.

The simulated body answers some of them, so that History and the insights have something
true to find: an as-needed dose eases the legs in the follow-up entry, a pressure fall of
5 hPa or more and a day of long standing raise the next day's pain a little, and so do
the first days of a period.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fibrodesk.core.clock import now
from fibrodesk.db.models import (
    DayTag,
    PeriodStart,
    Setting,
    SideEffect,
    Tag,
    Treatment,
    TreatmentDose,
    Weather,
)
from fibrodesk.db.triggers import CYCLE_KEY

from .common import Rows, Stamps, clip

CHECKIN_ONLY = [
    # name, kind, dose, chance a day: treatments only ticked in the check-in
    ("Gentle stretching", "stretching", "", 0.4),
    ("Massage", "massage", "", 0.05),
    ("Warm bath", "own", "", 0.2),
]

WEATHER_DAYS = 183
"""A season of weather: the diary's last half year, daily."""


@dataclass(frozen=True)
class Medicine:
    name: str
    kind: str
    amount: float
    unit: str
    schedule: str
    times: tuple[str, ...]
    purpose: str


AMITRIPTYLINE = Medicine(
    "Amitriptyline", "medication", 10, "mg", "regular", ("21:30",), "sleep and leg pain"
)
PREGABALIN = Medicine(
    "Pregabalin", "medication", 75, "mg", "regular", ("08:00", "20:00"), "burning feet"
)
PARACETAMOL = Medicine("Paracetamol", "medication", 1000, "mg", "as_needed", (), "bad pain days")
HEAT = Medicine("Heat pad", "heat", 20, "minutes", "as_needed", (), "calves in the evening")
TENS = Medicine("TENS", "tens", 30, "minutes", "as_needed", (), "thighs")


@dataclass
class FollowUp:
    """An as-needed dose and the body-map entry after it: ``relief`` eases its marks."""

    dose_hour: float
    entry_hour: float
    relief: float


@dataclass
class Triggers:
    """The day-to-day state of treatments and triggers of one simulated person."""

    rng: random.Random
    st: Stamps
    start: date
    end: date
    cycle: bool
    ids: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    weather: dict[date, tuple[float, float]] = field(default_factory=dict)
    periods: set[date] = field(default_factory=set)
    pregabalin: tuple[date, date] | None = None
    follow_up: FollowUp | None = None

    # -- set-up ----------------------------------------------------------------------------

    def begin(self, rows: Rows) -> None:
        """The treatment list, the weather season and the period starts."""
        days = (self.end - self.start).days + 1
        medicines = [AMITRIPTYLINE, PARACETAMOL, HEAT, TENS]
        if days >= 200:
            first = self.start + timedelta(days=int(days * 0.35))
            self.pregabalin = (first, first + timedelta(days=self.rng.randint(60, 80)))
            medicines.append(PREGABALIN)
        for med in medicines:
            record_id = self.st.uid()
            self.ids[med.name] = record_id
            started, stopped = self.start, None
            if med is PREGABALIN and self.pregabalin:
                started, stopped = self.pregabalin
            rows.add(
                Treatment,
                **self.st.meta(started, 9, record_id),
                name=med.name,
                kind=med.kind,
                dose=f"{med.amount:g} {med.unit}",
                hidden=False,
                amount=float(med.amount),
                unit=med.unit,
                schedule=med.schedule,
                times=";".join(med.times),
                start_date=started.isoformat() if med.schedule == "regular" else None,
                stop_date=stopped.isoformat() if stopped else None,
                purpose=med.purpose,
            )
        for name, kind, dose, _chance in CHECKIN_ONLY:
            rows.add(Treatment, **self.st.meta(self.start, 9), name=name, kind=kind, dose=dose)
        self._season()
        if self.cycle:
            rows.add(Setting, key=CYCLE_KEY, value='"1"')
            day = self.start + timedelta(days=self.rng.randint(0, 27))
            while day <= self.end:
                self.periods.add(day)
                rows.add(PeriodStart, **self.st.meta(day, 8), date=day.isoformat())
                day += timedelta(days=self.rng.randint(26, 31))

    def _season(self) -> None:
        weather = random.Random(self.rng.getrandbits(64))
        first = max(self.start, self.end - timedelta(days=WEATHER_DAYS - 1))
        pressure = 1013.0
        day = first
        while day <= self.end:
            front = weather.random() < 0.12
            pressure = 1013 + 0.75 * (pressure - 1013) + weather.gauss(0, 5) - (9 if front else 0)
            pressure = min(1045.0, max(965.0, pressure))
            yday = day.timetuple().tm_yday
            temperature = 10 - 9 * math.cos(2 * math.pi * (yday - 15) / 365.25)
            temperature += weather.gauss(0, 2.5)
            self.weather[day] = (round(pressure, 1), round(temperature, 1))
            day += timedelta(days=1)

    # -- what the day brings -------------------------------------------------------------

    def level_shift(self, day: date) -> float:
        """Extra pain today from yesterday's pressure fall and the first days of a period."""
        shift = 0.0
        today, before = self.weather.get(day), self.weather.get(day - timedelta(days=1))
        if today and before and before[0] - today[0] >= 5:
            shift += 0.8
        if self.cycle and any(day - timedelta(days=k) in self.periods for k in (0, 1)):
            shift += 0.6
        return shift

    def plan_follow_up(self, level: float, in_flare: bool, sittings: list[float]) -> None:
        """On a bad day, an as-needed dose after one of the day's entries (within 3 h of
        it) and a follow-up entry 1 to 4 hours after the dose."""
        self.follow_up = None
        chance = 0.75 if in_flare else 0.55 if level >= 5.0 else 0.04
        before = [h for h in sittings if h < 19.5]
        if not before or self.rng.random() >= chance:
            return
        dose_hour = self.rng.choice(before) + self.rng.uniform(0.25, 2.5)
        entry_hour = min(23.9, dose_hour + self.rng.uniform(1.0, 4.0))
        if entry_hour - dose_hour < 1.0:
            return
        self.follow_up = FollowUp(dose_hour, entry_hour, self.rng.uniform(0.5, 2.5))

    def day(
        self,
        rows: Rows,
        day: date,
        level: float,
        in_flare: bool,
        entries: dict[str, str],
        sleep_quality: int,
        boom: bool,
    ) -> tuple[list[tuple[str, str]], float, bool]:
        """Write the day's doses, side effects, tags and weather.

        Returns the check-in's ticks ``(name, dose)``, extra pain for tomorrow (a day of
        long standing or gardening) and whether a fall is more likely today (dizziness).
        """
        rng = self.rng
        used: list[tuple[str, str]] = []
        dizzy = False
        if rng.random() < 0.93:
            self._dose(rows, AMITRIPTYLINE, day, 21.5)
            used.append((AMITRIPTYLINE.name, "10 mg"))
            if rng.random() < 0.04:
                self._side_effect(rows, AMITRIPTYLINE, day, "drowsiness", rng.randint(2, 5))
        if self.pregabalin and self.pregabalin[0] <= day <= self.pregabalin[1]:
            taken = [h for h in (8.0, 20.0) if rng.random() < 0.9]
            for hour in taken:
                last = day == self.pregabalin[1] and hour == taken[-1]
                note = "Last one: too dizzy, stopping after talking to the GP." if last else ""
                self._dose(rows, PREGABALIN, day, hour, note=note)
            if taken:
                used.append((PREGABALIN.name, "75 mg"))
                early = (day - self.pregabalin[0]).days < 28
                if rng.random() < (0.3 if early else 0.12):
                    dizzy = True
                    self._side_effect(rows, PREGABALIN, day, "dizziness", rng.randint(3, 7))
                if rng.random() < 0.08:
                    self._side_effect(rows, PREGABALIN, day, "drowsiness", rng.randint(2, 5))
        if self.follow_up is not None:
            note = rng.choice(["", "", "", "Two tablets.", "Legs throbbing."])
            self._dose(rows, PARACETAMOL, day, self.follow_up.dose_hour, note=note)
            used.append((PARACETAMOL.name, "1000 mg"))
            if rng.random() < 0.02:
                self._side_effect(rows, PARACETAMOL, day, "nausea", rng.randint(1, 4))
        if rng.random() < 0.35 * (1.4 if in_flare else 1.0):
            self._dose(rows, HEAT, day, rng.uniform(19.0, 22.0))
            used.append((HEAT.name, ""))
        if rng.random() < 0.1 * (1.5 if in_flare else 1.0):
            self._dose(rows, TENS, day, rng.uniform(14.0, 17.0))
            used.append((TENS.name, ""))
        for name, _kind, dose, chance in CHECKIN_ONLY:
            if rng.random() < chance * (1.4 if in_flare else 1.0):
                used.append((name, dose))
        boost = self._tags(rows, day, entries, sleep_quality, boom)
        if day in self.weather:
            pressure, temperature = self.weather[day]
            typed = rng.random() < 0.08
            rows.add(
                Weather,
                **self.st.meta(day, 20),
                date=day.isoformat(),
                pressure_hpa=float(round(pressure)) if typed else pressure,
                temperature_c=temperature,
                source="typed" if typed else "imported",
            )
        return used, boost, dizzy

    def _tags(
        self, rows: Rows, day: date, entries: dict[str, str], sleep_quality: int, boom: bool
    ) -> float:
        rng = self.rng
        boost = 0.0
        if sleep_quality <= 3 and rng.random() < 0.6:
            self._tag(rows, "poor sleep", day)
        if rng.random() < 0.06:
            self._tag(rows, "stress", day)
        if rng.random() < 0.07:
            later = [e for label, e in entries.items() if label in ("Afternoon", "Evening")]
            self._tag(rows, "long standing", day, later[0] if later else None)
            boost += 0.8
        if rng.random() < 0.04:
            self._tag(rows, "long sitting", day)
        weather = self.weather.get(day)
        if weather and weather[1] < 2 and rng.random() < 0.5:
            self._tag(rows, "cold", day)
        if rng.random() < 0.01:
            self._tag(rows, "travel", day)
        if boom and rng.random() < 0.8:
            self._tag(rows, "overexertion", day)
        if day.month in (5, 6, 7, 8, 9) and rng.random() < 0.06:
            self._tag(rows, "gardening", day, entries.get("Evening"))
            boost += 0.5
        return boost

    # -- rows ------------------------------------------------------------------------------

    def _dose(self, rows: Rows, med: Medicine, day: date, hour: float, note: str = "") -> None:
        at, taken = self.st.at(day, hour)
        moment = now()
        if day > moment.date() or (
            day == moment.date() and at > moment.time().replace(tzinfo=None)
        ):
            return  # not yet: the demo's person cannot have taken this evening's dose at noon
        rows.add(
            TreatmentDose,
            id=self.st.uid(),
            created_at=taken,
            updated_at=taken,
            treatment=self.ids[med.name],
            taken_at=taken,
            date=day.isoformat(),
            amount=float(med.amount),
            unit=med.unit,
            note=note,
        )

    def _side_effect(
        self, rows: Rows, med: Medicine, day: date, effect: str, severity: int
    ) -> None:
        notes = {"dizziness": "Dizzy on the stairs.", "drowsiness": "Groggy until mid-morning."}
        rows.add(
            SideEffect,
            **self.st.meta(day, 21.8),
            treatment=self.ids[med.name],
            date=day.isoformat(),
            effect=effect,
            severity=clip(severity),
            note=notes.get(effect, "") if self.rng.random() < 0.4 else "",
        )

    def _tag(self, rows: Rows, name: str, day: date, entry_id: str | None = None) -> None:
        if name not in self.tags:
            self.tags[name] = self.st.uid()
            rows.add(Tag, **self.st.meta(day, 21, self.tags[name]), name=name, hidden=False)
        rows.add(
            DayTag,
            **self.st.meta(day, 21),
            tag=self.tags[name],
            date=day.isoformat(),
            entry=entry_id,
        )
