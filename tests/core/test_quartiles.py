"""The insights' quartiles ("middle half 3.0 to 5.0") are numpy's default linear
percentile, worked out without ``np.percentile``, and the History page's patterns do
not import numpy.ma (``np.percentile`` and ``np.isin`` import it through ``np.unique``:
some 1.5 MB resident kept for a lookup; issue 10 point 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fibrodesk.core.insights import quartiles


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([4.0], (4.0, 4.0)),  # one value: both quartiles are it
        ([1.0, 2.0], (1.25, 1.75)),  # positions 0.25 and 0.75
        ([3.0, 1.0, 2.0], (1.5, 2.5)),  # sorted first; positions 0.5 and 1.5
        ([1.0, 2.0, 3.0, 4.0, 5.0], (2.0, 4.0)),  # positions 1 and 3, exact values
        ([0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 10.0], (5.0, 10.0)),  # 1.5 and 4.5
    ],
)
def test_quartiles_worked_by_hand(values: list[float], expected: tuple[float, float]) -> None:
    assert quartiles(np.array(values)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.floats(min_value=0, max_value=10, allow_nan=False, allow_subnormal=False),
        min_size=1,
        max_size=400,
    )
)
def test_quartiles_equal_numpys_percentile_to_the_last_bit(values: list[float]) -> None:
    array = np.array(values)
    expected = tuple(float(q) for q in np.percentile(array, [25, 75]))
    assert quartiles(array) == expected


def test_the_history_patterns_do_not_import_numpy_ma() -> None:
    """In a fresh process: the insights, the tag and the pressure-fall insights of a
    year of days leave numpy.ma unimported."""
    code = textwrap.dedent(
        """
        import datetime as dt, sys
        import numpy as np
        from fibrodesk.core.insights import compute_insights
        from fibrodesk.core.triggers import pressure_insights, tag_insights
        days = np.datetime64("2025-01-01") + np.arange(365)
        leg = np.arange(365) % 9 * 1.0
        found = compute_insights(days, leg, leg, leg > 7, leg * 5, leg, start=None)
        tagged = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(0, 365, 3)]
        found += tag_insights(days, leg, {"stress": tagged})
        pressure = {dt.date(2025, 1, 1) + dt.timedelta(days=n): 1000.0 + n % 11 for n in range(365)}
        found += pressure_insights(days, leg, pressure)
        assert {i.kind for i in found} >= {"tag", "pressure_fall"}, found
        print("numpy.ma" in sys.modules)
        """
    )
    root = str(Path(__file__).resolve().parents[2])  # this checkout's fibrodesk
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    assert done.stdout.strip() == "False"
