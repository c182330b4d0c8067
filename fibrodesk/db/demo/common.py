"""What every part of the demo shares: rows gathered per model and written at the end with
``executemany``, ids and times drawn from the one seeded generator."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from fibrodesk.core.clock import iso
from fibrodesk.db.models import db


class Rows:
    """Rows per model, inserted at the end with executemany."""

    def __init__(self) -> None:
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def add(self, model: Any, **values: Any) -> None:
        self.rows.setdefault(model, []).append(values)

    def count(self, model: Any) -> int:
        return len(self.rows.get(model, []))

    def write(self, order: Sequence[Any]) -> None:
        conn = db.connection()
        for model in order:
            rows = self.rows.get(model)
            if not rows:
                continue
            fields = model._meta.sorted_fields
            sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
                model._meta.table_name,
                ", ".join(f'"{f.column_name}"' for f in fields),
                ", ".join("?" for _ in fields),
            )
            # A field the demo does not set takes the model's default (as a save would).
            defaults = [f.default() if callable(f.default) else f.default for f in fields]
            names = [f.name for f in fields]
            conn.executemany(
                sql,
                [tuple(r.get(n, d) for n, d in zip(names, defaults, strict=True)) for r in rows],
            )


class Stamps:
    """Ids and times of the simulated person, all from the one generator ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    @staticmethod
    def stamp(day: date, at: time) -> str:
        return iso(datetime.combine(day, at).astimezone())

    def at(self, day: date, hour: float) -> tuple[time, str]:
        minutes = int(hour * 60) % (24 * 60)
        t = time(minutes // 60, minutes % 60)
        return t, self.stamp(day, t)

    def meta(self, day: date, hour: float = 21.0, record_id: str | None = None) -> dict[str, str]:
        _t, s = self.at(day, hour)
        return {"id": record_id or self.uid(), "created_at": s, "updated_at": s}


def clip(value: float, lo: int = 0, hi: int = 10) -> int:
    return int(min(hi, max(lo, round(value))))
