"""A small diary for issue 15's History and report tests, written through the db/
functions a person's clicks call; what History and the report must show is worked out
by hand in the tests from the values here.

March 2026 (today is Saturday 21 March, 12:00):
- Heat pad sessions at 14:00 on 1-7 March; each day an entry at 13:00 (left calf 7,
  right front of knee 5) and one at 16:10 (left calf 4, right front of knee 5).
- Ibuprofen 400 mg (as needed, "leg pain") taken once, 7 March 15:00: between that day's
  entries, so the heat session and the ibuprofen of 7 March confound each other.
- 8-20 March: one entry a day at 09:00, left calf 3.
- The tag "stress" on 1-7 March.
- Pressure: 28 February 1050 hPa, then 6 hPa lower each day to 1008 on 7 March, then
  1008 every day to 20 March.
- A side effect: Ibuprofen, 7 March, nausea 3, "mild".
"""

from __future__ import annotations

from datetime import date, datetime, time

from fibrodesk.db import marks, treatments, triggers

TODAY = datetime(2026, 3, 21, 12, 0)


def day(n: int) -> date:
    return date(2026, 3, n)


def write_diary() -> dict[str, str]:
    """Write the diary into the open database; returns the dose ids by name."""
    heat = treatments.save_treatment(treatments.TreatmentItem(name="Heat pad", kind="heat"))
    ibuprofen = treatments.save_treatment(
        treatments.TreatmentItem(
            name="Ibuprofen", kind="medication", amount=400, unit="mg", purpose="leg pain"
        )
    )
    ids: dict[str, str] = {}
    for n in range(1, 8):
        before = marks.create_entry(day(n), time(13, 0))
        marks.set_mark(before.id, "calf_left", 7)
        marks.set_mark(before.id, "knee_front_right", 5)
        after = marks.create_entry(day(n), time(16, 10))
        marks.set_mark(after.id, "calf_left", 4)
        marks.set_mark(after.id, "knee_front_right", 5)
        ids[f"heat {n}"] = treatments.log_dose(heat.value, datetime(2026, 3, n, 14, 0)).value
        triggers.set_tag(day(n), "stress", True)
    ids["ibuprofen"] = treatments.log_dose(ibuprofen.value, datetime(2026, 3, 7, 15, 0)).value
    treatments.save_side_effect(ibuprofen.value, day(7), "nausea", 3, "mild")
    for n in range(8, 21):
        entry = marks.create_entry(day(n), time(9, 0))
        marks.set_mark(entry.id, "calf_left", 3)
    triggers.save_weather(date(2026, 2, 28), 1050.0, None)
    for n in range(1, 21):
        triggers.save_weather(day(n), 1050.0 - 6 * min(n, 7), None)
    return ids
