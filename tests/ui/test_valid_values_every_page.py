"""What an import accepts never breaks a screen (issue 14 point 5): records generated to
pass the import's validation, imported, then every page of the window opened on them
(each tab, History over All of time). Any exception fails the example."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget

from fibrodesk.core.catalogue import catalogue
from fibrodesk.core.clock import now
from fibrodesk.db.database import close_diary, open_diary
from fibrodesk.db.migrations import SCHEMA_VERSION
from fibrodesk.io import records as r
from fibrodesk.io.importer import import_path
from fibrodesk.io.value_checks import FIRST_YEAR, LAST_YEAR

FIRST, LAST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
DAYS = st.one_of(st.just(now().date()), st.dates(min_value=FIRST, max_value=LAST))


@st.composite
def stamps(draw: Any, day: date | None = None) -> str:
    on = day if day is not None else draw(DAYS)
    at = draw(st.times())
    minutes = draw(st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15))
    sign = "+" if minutes >= 0 else "-"
    offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{datetime.combine(on, time(at.hour, at.minute, at.second)).isoformat()}{offset}"


def value(col: r.Column) -> st.SearchStrategy[Any]:
    """Any value the import's check of ``col`` accepts."""
    if col.kind == r.BOOL:
        base: st.SearchStrategy[Any] = st.booleans()
    elif col.kind in (r.INT, r.FLOAT):
        lo = int(col.lo) if col.lo is not None else -1000
        hi = int(col.hi) if col.hi is not None else 1000
        base = st.integers(lo, hi) if col.kind == r.INT else st.floats(lo, hi)
    elif col.kind == r.DATE:
        base = DAYS.map(date.isoformat)
    elif col.kind == r.TIME:
        base = stamps()
    elif col.kind == r.CLOCK:
        base = st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}")
    elif col.choices is not None:
        base = st.sampled_from(sorted(col.choices))
    elif col.name == "qualities":
        base = st.sets(st.sampled_from(sorted(catalogue().qualities)), max_size=3).map(";".join)
    else:
        low = col.min_len or 0
        base = TEXT.filter(lambda t, low=low: len(t) >= low)
    return st.one_of(st.none(), base) if col.null else base


@st.composite
def rows(draw: Any, table: str, fixed: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for col in r.BY_NAME[table].columns:
        out[col.name] = fixed[col.name] if col.name in fixed else draw(value(col))
    return out


SETTINGS = {
    "reminders.sessions": st.booleans(),
    "reminders.evening": st.booleans(),
    "reminders.evening_time": st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}"),
    "last_intensity": st.integers(0, 10),
}


@st.composite
def diaries(draw: Any) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    entries, marks = [], []
    for _ in range(draw(st.integers(1, 3))):
        day = draw(DAYS)
        eid = str(uuid.uuid4())
        entries.append(
            draw(
                rows(
                    "entry", {"id": eid, "date": day.isoformat(), "recorded_at": draw(stamps(day))}
                )
            )
        )
        regions = draw(
            st.lists(st.sampled_from(sorted(catalogue().regions)), max_size=3, unique=True)
        )
        for region in regions:
            marks.append(
                draw(
                    rows("pain_mark", {"id": str(uuid.uuid4()), "entry_id": eid, "region": region})
                )
            )
    tables["entry"], tables["pain_mark"] = entries, marks
    days = draw(st.lists(DAYS, max_size=2, unique=True))
    tables["check_in"] = [
        draw(rows("check_in", {"id": str(uuid.uuid4()), "date": d.isoformat()})) for d in days
    ]
    start = draw(DAYS)
    end = draw(
        st.one_of(st.none(), st.integers(0, 40).map(lambda n: min(start + timedelta(n), LAST)))
    )
    tables["flare"] = [
        draw(
            rows(
                "flare",
                {
                    "id": str(uuid.uuid4()),
                    "start_date": start.isoformat(),
                    "end_date": end.isoformat() if end else None,
                },
            )
        )
    ]
    keys = draw(st.lists(st.sampled_from(sorted(SETTINGS)), unique=True))
    tables["setting"] = [{"key": k, "value": json.dumps(draw(SETTINGS[k]))} for k in keys]
    return {
        "format": "fibrodesk",
        "version": 1,
        "schema": SCHEMA_VERSION,
        "exported_at": "2026-01-01T00:00:00+00:00",
        "range": {"from": None, "to": None},
        "tables": tables,
    }  # fmt: skip


def open_every_page(data_dir: Path) -> None:
    from fibrodesk.app import build_main_window
    from fibrodesk.ui.main_window import PAGES

    window = build_main_window(data_dir)
    try:
        window.show()
        for key, *_rest in PAGES:
            window.show_page(key)
            QApplication.processEvents()
            for tabs in window.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
            if key == "history":
                everything = window.findChild(QPushButton, "range_all")
                if everything is not None:  # not there while the diary is nearly empty
                    everything.click()
                    QApplication.processEvents()
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(doc=diaries())
def test_every_valid_import_can_be_shown_on_every_page(qapp: Any, doc: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fibrodesk-prop-"))
    try:
        source = folder / "generated.json"
        source.write_text(json.dumps(doc), "utf-8")
        d = folder / "d"
        open_diary(d)
        try:
            report = import_path(source)
        finally:
            close_diary()
        assert report.added >= len(doc["tables"]["entry"])
        open_every_page(d)
        close_diary()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
