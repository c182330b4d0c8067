"""A click on the body map on a ten-year diary: until the mark is committed and repainted.

Each sample is one real mouse click (QTest) at a region's centre, then the event loop runs
until the map has painted again; the mark is then read back from the database to make sure
it was committed. Clicks alternate over leg regions so both insert and update paths run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

Row = tuple[str, float, str, str]

REGIONS = [
    "knee_inner_left",
    "calf_right",
    "thigh_front_left",
    "sole_right",
    "shin_left",
    "hip_outer_right",
    "thigh_back_left",
    "ankle_right",
    "groin_left",
    "heel_right",
]


def run(data_dir: Path, repeats: int) -> list[Row]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from fibrodesk.app import build_main_window
    from fibrodesk.db.database import close_diary
    from fibrodesk.db.models import PainMark

    app = QApplication.instance() or QApplication([])
    window = build_main_window(data_dir)
    window.resize(1280, 860)
    window.show()
    body_map = window.findChild(QObject, "bodyMap")
    assert body_map is not None

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                PaintCounter.count += 1
            return False

    counter = PaintCounter()
    body_map.installEventFilter(counter)
    for _ in range(5):
        app.processEvents()

    samples: list[float] = []
    clicks = max(100, repeats * 30)
    for i in range(clicks):
        region = REGIONS[i % len(REGIONS)]
        painted = PaintCounter.count
        t0 = time.perf_counter()
        QTest.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center(region))
        while PaintCounter.count == painted:
            app.processEvents()
        samples.append(time.perf_counter() - t0)
        if i < len(REGIONS):  # committed, not just drawn
            assert PainMark.select().where(PainMark.region == region).exists()
    window.close()
    close_diary()
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    return [
        (
            f"body-map click to committed mark and repaint, median of {clicks}",
            statistics.median(samples) * 1000,
            "ms",
            "",
        ),
        (
            f"body-map click to committed mark and repaint, 95th percentile of {clicks}",
            p95 * 1000,
            "ms",
            "<= 16 ms",
        ),
    ]
