"""Peewee models for every record kind in domain.md.

The database object is created unbound (``SqliteDatabase(None)``) and initialised by
:func:`fibrodesk.db.database.open_diary`, as peewee's own ``examples/diary.py`` does.

Conventions shared by every table:

* ``id`` is a UUID string (see :func:`fibrodesk.core.clock.new_id`), so two exports of the
  same diary merge by id without duplicates;
* ``created_at``/``updated_at`` and every other timestamp are ISO 8601 local times with
  their UTC offset; a ``date`` column (``YYYY-MM-DD``, local) sits beside timestamps that
  history queries group by;
* CHECK constraints refuse impossible values at the database itself, so no code path
  (import, a bug, a hand edit) can store intensity 42.

The tables are *created* by the frozen schema scripts in ``fibrodesk/db/schema/``, not
from these classes: a released schema never changes, and ``tests/db/test_schema.py``
checks that the models still describe the latest script.
"""

from __future__ import annotations

from typing import Any

from peewee import (
    BooleanField,
    CharField,
    Check,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    Node,
    SqliteDatabase,
    TextField,
)

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import iso, new_id, now

db = SqliteDatabase(None)

DATE_CHECK = "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
# An aware timestamp: date, 'T', time, then a +HH:MM or -HH:MM offset (or Z).
TIME_CHECK = (
    "({col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]'"
    " OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')"
)


def _in(col: str, values: list[str]) -> Node:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return Check(f"{col} IN ({quoted})")


def _range(col: str, lo: float, hi: float, nullable: bool = True, integer: bool = False) -> Node:
    cond = f"{col} BETWEEN {lo} AND {hi}"
    if integer:
        cond = f"typeof({col}) = 'integer' AND {cond}"
    return Check(f"{col} IS NULL OR ({cond})" if nullable else cond)


def _date(col: str) -> Node:
    return Check(DATE_CHECK.format(col=col))


def _time(col: str) -> Node:
    return Check(TIME_CHECK.format(col=col))


def _date_or_null(col: str) -> Node:
    return Check(f"{col} IS NULL OR " + DATE_CHECK.format(col=col))


TREATMENT_KINDS = ["heat", "massage", "stretching", "tens", "medication", "own"]
SCHEDULES = ["regular", "as_needed"]
"""How a treatment is taken (v3): at regular times of day, or as needed."""

# Regular times of day: '' or 'HH:MM' joined by ';' (at most 12 times).
TIMES_CHECK = (
    "times = '' OR (length(times) <= 71 AND times GLOB '[0-2][0-9]:[0-5][0-9]*'"
    " AND times NOT GLOB '*[^0-9:;]*')"
)


def score_field(col: str, hi: int = 10, null: bool = True) -> Any:
    """A 0..hi integer score (NRS 0-10 by default); NULL means unanswered."""
    return IntegerField(null=null, constraints=[_range(col, 0, hi, nullable=null, integer=True)])  # type: ignore[call-overload]


def flag_field(col: str, null: bool = False, default: Any = False) -> Any:
    cond = f"{col} IN (0, 1)"
    return BooleanField(  # type: ignore[call-overload]
        null=null,
        default=default,
        constraints=[Check(f"{col} IS NULL OR {cond}" if null else cond)],
    )


class BaseModel(Model):
    """Every record: UUID id, created and updated times."""

    id = CharField(
        primary_key=True, default=new_id, constraints=[Check("length(id) BETWEEN 1 AND 64")]
    )
    created_at = CharField(default=lambda: iso(now()), constraints=[_time("created_at")])
    updated_at = CharField(default=lambda: iso(now()), constraints=[_time("updated_at")])

    class Meta:
        database = db
        legacy_table_names = False

    def save(self, *args: Any, **kwargs: Any) -> int:
        self.updated_at = iso(now())
        return super().save(*args, **kwargs)


REGION_IDS = list(catalogue().regions)
POINT_IDS = list(catalogue().tender_points)
AREA_IDS = list(catalogue().wpi_areas)


class Entry(BaseModel):
    """One sitting on the body map (morning, evening, after exercise...)."""

    recorded_at = CharField(constraints=[_time("recorded_at")])
    date = CharField(index=True, constraints=[_date("date")])
    label = CharField(default="", constraints=[Check("length(label) <= 100")])
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])
    for_doctor = flag_field("for_doctor")  # v2: the note is marked "for my doctor"


class PainMark(BaseModel):
    """Pain in one region during one entry. Intensity 0 is a real value: 'checked, no pain'."""

    entry = ForeignKeyField(Entry, backref="marks", on_delete="CASCADE")
    region = CharField(constraints=[_in("region", REGION_IDS)])
    intensity = IntegerField(constraints=[_range("intensity", 0, 10, nullable=False, integer=True)])
    qualities = CharField(
        default="", constraints=[Check("length(qualities) <= 400")]
    )  # ';'-joined ids
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])

    class Meta:
        indexes = ((("entry", "region"), True),)


class Treatment(BaseModel):
    """A treatment the person uses, remembered for the check-in's pick list."""

    name = CharField(unique=True, constraints=[Check("length(name) BETWEEN 1 AND 200")])
    kind = CharField(
        default="own",
        constraints=[_in("kind", TREATMENT_KINDS)],
    )
    dose = CharField(default="", constraints=[Check("length(dose) <= 200")])
    hidden = flag_field("hidden")
    # v3 (issue 15): the dose as a number and unit, how it is taken, when, and what for.
    amount = FloatField(null=True, constraints=[Check("amount IS NULL OR amount > 0")])
    unit = CharField(default="", constraints=[Check("length(unit) <= 40")])
    schedule = CharField(default="as_needed", constraints=[_in("schedule", SCHEDULES)])
    times = CharField(default="", constraints=[Check(TIMES_CHECK)])
    start_date = CharField(null=True, constraints=[_date_or_null("start_date")])
    stop_date = CharField(
        null=True,
        constraints=[
            Check(
                "stop_date IS NULL OR (start_date IS NULL OR stop_date >= start_date) AND "
                + DATE_CHECK.format(col="stop_date")
            )
        ],
    )
    purpose = CharField(default="", constraints=[Check("length(purpose) <= 200")])


class CheckIn(BaseModel):
    """The daily check-in (domain.md s.6); every field optional."""

    date = CharField(unique=True, constraints=[_date("date")])
    overall_pain = score_field("overall_pain")
    leg_weakness = score_field("leg_weakness")
    fatigue = score_field("fatigue")
    sleep_hours = FloatField(null=True, constraints=[_range("sleep_hours", 0, 24)])
    sleep_quality = score_field("sleep_quality")
    stiffness_minutes = IntegerField(null=True, constraints=[_range("stiffness_minutes", 0, 1440)])
    fog = score_field("fog")
    mood = score_field("mood")
    restless_legs = score_field("restless_legs")
    falls = IntegerField(null=True, constraints=[_range("falls", 0, 100)])
    flare = flag_field("flare", null=True, default=None)
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])
    for_doctor = flag_field("for_doctor")  # v2: the note is marked "for my doctor"


class CheckInTreatment(BaseModel):
    """A treatment used on a check-in's day, with the dose taken that day."""

    checkin = ForeignKeyField(CheckIn, backref="treatments", on_delete="CASCADE")
    name = CharField(constraints=[Check("length(name) BETWEEN 1 AND 200")])
    dose = CharField(default="", constraints=[Check("length(dose) <= 200")])

    class Meta:
        indexes = ((("checkin", "name"), True),)


class Flare(BaseModel):
    """A flare episode: the days a person calls one flare (the check-in flags each day)."""

    start_date = CharField(index=True, constraints=[_date("start_date")])
    end_date = CharField(
        null=True, constraints=[Check("end_date IS NULL OR end_date >= start_date")]
    )
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])


class TenderExam(BaseModel):
    """One day's tender-point exam (ACR 1990)."""

    date = CharField(unique=True, constraints=[_date("date")])
    recorded_at = CharField(constraints=[_time("recorded_at")])
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])


class TenderPointResult(BaseModel):
    exam = ForeignKeyField(TenderExam, backref="points", on_delete="CASCADE")
    point = CharField(constraints=[_in("point", POINT_IDS)])
    painful = flag_field("painful")
    pain = score_field("pain")

    class Meta:
        indexes = ((("exam", "point"), True),)


class WeeklySymptoms(BaseModel):
    """The week's SSS answers (ACR 2016), keyed by the Monday of the week."""

    week_start = CharField(unique=True, constraints=[_date("week_start")])
    fatigue = score_field("fatigue", hi=3)
    unrefreshed = score_field("unrefreshed", hi=3)
    cognitive = score_field("cognitive", hi=3)
    headaches = flag_field("headaches", null=True, default=None)
    lower_abdomen = flag_field("lower_abdomen", null=True, default=None)
    depression = flag_field("depression", null=True, default=None)
    months = IntegerField(null=True, constraints=[_range("months", 0, 1200)])


class WpiOverride(BaseModel):
    """A hand-set WPI area for a week: wins over what the body-map marks say."""

    week_start = CharField(index=True, constraints=[_date("week_start")])
    area = CharField(constraints=[_in("area", AREA_IDS)])
    painful = flag_field("painful")

    class Meta:
        indexes = ((("week_start", "area"), True),)


FIQR_COLUMNS = (
    [f"function_{i}" for i in range(1, 10)]
    + ["overall_1", "overall_2"]
    + [f"symptom_{i}" for i in range(1, 11)]
)


class FiqrResponse(BaseModel):
    """A FIQR questionnaire: 21 items, each 0-10 or unanswered (domain.md s.5)."""

    date = CharField(index=True, constraints=[_date("date")])


for _col in FIQR_COLUMNS:
    FiqrResponse._meta.add_field(_col, score_field(_col))


class Exercise(BaseModel):
    """An exercise a plan uses: a library exercise (id = library id) or the person's own."""

    name = CharField(constraints=[Check("length(name) BETWEEN 1 AND 200")])
    kind = CharField(
        constraints=[_in("kind", ["aerobic", "strength", "stretching", "balance", "mind_body"])]
    )
    category = CharField(default="", constraints=[Check("length(category) <= 50")])
    unit = CharField(constraints=[_in("unit", ["minutes", "reps"])])
    custom = flag_field("custom")
    how_to = TextField(default="", constraints=[Check("length(how_to) <= 20000")])
    cautions = TextField(default="", constraints=[Check("length(cautions) <= 20000")])
    default_start = IntegerField(
        default=5, constraints=[_range("default_start", 1, 1000, nullable=False)]
    )
    default_target = IntegerField(
        default=30, constraints=[_range("default_target", 1, 1000, nullable=False)]
    )
    sets = IntegerField(default=1, constraints=[_range("sets", 1, 20, nullable=False)])
    rest_seconds = IntegerField(
        default=60, constraints=[_range("rest_seconds", 0, 3600, nullable=False)]
    )


class Plan(BaseModel):
    """A paced plan for one exercise: days, time, dose and the pacing settings."""

    exercise = ForeignKeyField(Exercise, backref="plans", on_delete="RESTRICT")
    weekdays = IntegerField(
        constraints=[_range("weekdays", 1, 127, nullable=False)]
    )  # bit 0 = Monday
    time_of_day = CharField(
        default="10:00", constraints=[Check("time_of_day GLOB '[0-2][0-9]:[0-5][0-9]'")]
    )
    start_date = CharField(constraints=[_date("start_date")])
    end_date = CharField(
        null=True, constraints=[Check("end_date IS NULL OR end_date >= start_date")]
    )
    unit = CharField(constraints=[_in("unit", ["minutes", "reps"])])
    start_dose = IntegerField(constraints=[_range("start_dose", 1, 1000, nullable=False)])
    current_dose = IntegerField(constraints=[_range("current_dose", 1, 1000, nullable=False)])
    target_dose = IntegerField(constraints=[_range("target_dose", 1, 1000, nullable=False)])
    max_increase_pct = FloatField(
        default=10.0, constraints=[_range("max_increase_pct", 0, 100, nullable=False)]
    )
    step_back_pct = FloatField(
        default=20.0, constraints=[_range("step_back_pct", 0, 100, nullable=False)]
    )
    floor_dose = IntegerField(
        default=1, constraints=[_range("floor_dose", 1, 1000, nullable=False)]
    )
    leg_pain_rise_hold = FloatField(
        default=2.0, constraints=[_range("leg_pain_rise_hold", 0, 10, nullable=False)]
    )
    payback_margin = FloatField(
        default=3.0, constraints=[_range("payback_margin", 0, 10, nullable=False)]
    )
    baseline_pain = FloatField(null=True, constraints=[_range("baseline_pain", 0, 10)])
    active = flag_field("active", default=True)
    reminders = flag_field("reminders", default=True)
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])


PACING_ACTIONS = ["start", "increase", "hold", "step_back", "at_target"]


class PacingDecision(BaseModel):
    """What the pacing rule decided for a plan at a weekly review, and why."""

    plan = ForeignKeyField(Plan, backref="decisions", on_delete="CASCADE")
    review_date = CharField(constraints=[_date("review_date")])
    action = CharField(constraints=[_in("action", PACING_ACTIONS)])
    old_dose = IntegerField(null=True)
    new_dose = IntegerField(constraints=[_range("new_dose", 1, 1000, nullable=False)])
    reason = TextField(default="")
    # v2: why the review was revised after it first ran, in words ("" if it never was).
    revision = TextField(default="", constraints=[Check("length(revision) <= 2000")])

    class Meta:
        indexes = ((("plan", "review_date"), True),)


class ExerciseSession(BaseModel):
    """A scheduled session and, once logged, what was done."""

    plan = ForeignKeyField(Plan, backref="sessions", null=True, on_delete="SET NULL")
    exercise = ForeignKeyField(Exercise, backref="sessions", on_delete="RESTRICT")
    scheduled_for = CharField(constraints=[_time("scheduled_for")])
    date = CharField(index=True, constraints=[_date("date")])
    planned_dose = IntegerField(constraints=[_range("planned_dose", 1, 1000, nullable=False)])
    unit = CharField(constraints=[_in("unit", ["minutes", "reps"])])
    status = CharField(
        default="planned", constraints=[_in("status", ["planned", "done", "partly", "skipped"])]
    )
    actual_dose = IntegerField(null=True, constraints=[_range("actual_dose", 0, 1000)])
    effort = score_field("effort")
    pain_before = score_field("pain_before")
    pain_after = score_field("pain_after")
    stopped_for_pain = flag_field("stopped_for_pain")
    reason = TextField(default="", constraints=[Check("length(reason) <= 2000")])
    pacing_action = CharField(
        null=True,
        constraints=[
            Check(
                "pacing_action IS NULL OR pacing_action IN ('start', 'increase', 'hold', 'step_back', 'at_target')"
            )
        ],
    )
    pacing_reason = TextField(default="")
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])
    # v2: why a session was skipped or cut short (domain.md s.7), one of SKIP_REASONS.
    skip_reason = CharField(
        null=True,
        constraints=[
            Check(
                "skip_reason IS NULL OR skip_reason IN ('pain', 'fatigue_flare', 'no_time', 'other')"
            )
        ],
    )

    class Meta:
        indexes = ((("plan", "scheduled_for"), False),)


SKIP_REASONS = ["pain", "fatigue_flare", "no_time", "other"]
"""Why a session was skipped or cut short: pain, fatigue or flare, no time, other."""

PGIC_ANSWERS = 7
"""PGIC answers 1..7: very much improved, much improved, minimally improved, no change,
minimally worse, much worse, very much worse (domain.md s.5)."""


class Pgic(BaseModel):
    """A Patient Global Impression of Change answer (v2), offered every 4 weeks."""

    date = CharField(unique=True, constraints=[_date("date")])
    answer = IntegerField(constraints=[_range("answer", 1, 7, nullable=False, integer=True)])


SIDE_EFFECTS = ["drowsiness", "dizziness", "nausea", "other"]
"""Side effects recorded per medication (v3); dizziness and drowsiness matter for falls."""


class TreatmentDose(BaseModel):
    """A dose taken, or a session of heat, TENS, massage... with its time (v3)."""

    treatment = ForeignKeyField(Treatment, backref="doses", on_delete="CASCADE")
    taken_at = CharField(constraints=[_time("taken_at")])
    date = CharField(index=True, constraints=[_date("date")])
    amount = FloatField(null=True, constraints=[Check("amount IS NULL OR amount > 0")])
    unit = CharField(default="", constraints=[Check("length(unit) <= 40")])
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])


class SideEffect(BaseModel):
    """A side effect of a treatment on a day, 0-10 (v3)."""

    treatment = ForeignKeyField(Treatment, backref="side_effects", on_delete="CASCADE")
    date = CharField(index=True, constraints=[_date("date")])
    effect = CharField(constraints=[_in("effect", SIDE_EFFECTS)])
    severity = score_field("severity", null=False)
    note = TextField(default="", constraints=[Check("length(note) <= 20000")])

    class Meta:
        indexes = ((("treatment", "date", "effect"), True),)


class Tag(BaseModel):
    """A trigger tag the person uses: suggested ones are created on first use (v3)."""

    name = CharField(unique=True, constraints=[Check("length(name) BETWEEN 1 AND 60")])
    hidden = flag_field("hidden")


class DayTag(BaseModel):
    """A tag put on a day (``entry`` NULL) or on one entry of that day (v3).

    One per (tag, day) for days and one per (tag, entry) for entries: two partial unique
    indexes in the schema script (``day_tag_day``, ``day_tag_entry``).
    """

    tag = ForeignKeyField(Tag, backref="uses", on_delete="CASCADE")
    date = CharField(index=True, constraints=[_date("date")])
    entry = ForeignKeyField(Entry, null=True, backref="tags", on_delete="CASCADE")


WEATHER_SOURCES = ["typed", "imported"]


class Weather(BaseModel):
    """A day's air pressure and temperature, typed or imported from a file (v3)."""

    date = CharField(unique=True, constraints=[_date("date")])
    pressure_hpa = FloatField(null=True, constraints=[_range("pressure_hpa", 870, 1090)])
    temperature_c = FloatField(null=True, constraints=[_range("temperature_c", -60, 60)])
    source = CharField(default="typed", constraints=[_in("source", WEATHER_SOURCES)])


class PeriodStart(BaseModel):
    """The first day of a menstrual period (v3; cycle tracking is off by default)."""

    date = CharField(unique=True, constraints=[_date("date")])


class Setting(Model):
    """Small key/value settings that belong with the diary (reminders, last intensity)."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        database = db
        legacy_table_names = False


MODELS: list[type[Model]] = [
    Entry,
    PainMark,
    Treatment,
    CheckIn,
    CheckInTreatment,
    Flare,
    TenderExam,
    TenderPointResult,
    WeeklySymptoms,
    WpiOverride,
    FiqrResponse,
    Exercise,
    Plan,
    PacingDecision,
    ExerciseSession,
    Pgic,
    TreatmentDose,
    SideEffect,
    Tag,
    DayTag,
    Weather,
    PeriodStart,
    Setting,
]
