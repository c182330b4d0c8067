"""The revised Fibromyalgia Impact Questionnaire (FIQR, Bennett et al. 2009; domain.md
s.5): the total of one questionnaire, the totals of many at once (History), and which
sections have too many items unanswered to be relied on.

The items' words and anchors live in :mod:`fibrodesk.core.fiqr_items`. Pure: no Qt, no
database; numpy is imported inside :func:`fiqr_totals` only, so the Today page's start-up
does not pay for it. :func:`fiqr` is also importable from :mod:`fibrodesk.core.scoring`
(contract.md "Python API").
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from fibrodesk.core.fiqr_items import FIQR_FUNCTION_ITEMS, FIQR_OVERALL_ITEMS, FIQR_SYMPTOM_ITEMS


def _fiqr_section_sum(answers: Sequence[float | None], size: int, name: str) -> float:
    """The section's sum, scaled by (items in section / items answered)."""
    if isinstance(answers, str | bytes):
        raise ValueError(f"{name} must be a sequence of {size} answers")
    values = list(answers)
    if len(values) != size:
        raise ValueError(f"{name} must have {size} answers, not {len(values)}")
    given: list[float] = []
    for index, value in enumerate(values, start=1):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{name} item {index} must be a number from 0 to 10, not {value!r}")
        number = float(value)
        if math.isnan(number) or not 0.0 <= number <= 10.0:
            raise ValueError(f"{name} item {index} must be from 0 to 10, not {value!r}")
        given.append(number)
    if not given:
        raise ValueError(f"{name} has no answers; answer at least one item")
    # mean x size is the sum scaled by size / answered; fsum keeps it within 0-10 x size.
    return math.fsum(given) / len(given) * size


def fiqr(
    function: Sequence[float | None],
    overall: Sequence[float | None],
    symptoms: Sequence[float | None],
) -> float:
    """The revised Fibromyalgia Impact Questionnaire total, 0-100 (Bennett et al. 2009).

    Total = function sum / 3 + overall sum + symptoms sum / 2; a section with unanswered
    (``None``) items has its sum scaled by (items in section / items answered).
    Raises ``ValueError`` for a value outside 0-10 (or not a number), a wrong length, or
    a section left wholly blank.
    """
    return (
        _fiqr_section_sum(function, len(FIQR_FUNCTION_ITEMS), "function") / 3
        + _fiqr_section_sum(overall, len(FIQR_OVERALL_ITEMS), "overall")
        + _fiqr_section_sum(symptoms, len(FIQR_SYMPTOM_ITEMS), "symptoms") / 2
    )


# --------------------------------------------------------------------------- many at once

FIQR_SECTION_SIZES = (len(FIQR_FUNCTION_ITEMS), len(FIQR_OVERALL_ITEMS), len(FIQR_SYMPTOM_ITEMS))
FIQR_SECTION_WEIGHTS = (1 / 3, 1.0, 1 / 2)
FIQR_MAX_MISSING = 2  # a section with more missing items is shown as less reliable


def fiqr_totals(answers: Any) -> Any:
    """The FIQR totals of many questionnaires: ``answers`` is n x 21 (questionnaire
    order, NaN for unanswered). Each section's sum is scaled by (items / items answered)
    as in :func:`fiqr`; NaN where a section is wholly blank.

    Raises ``ValueError`` for a value outside 0-10.
    """
    import numpy as np

    values = np.asarray(answers, dtype=np.float64).reshape(-1, sum(FIQR_SECTION_SIZES))
    known = ~np.isnan(values)
    if ((values[known] < 0) | (values[known] > 10)).any():
        raise ValueError("FIQR answers must be from 0 to 10")
    totals = np.zeros(values.shape[0])
    start = 0
    for size, weight in zip(FIQR_SECTION_SIZES, FIQR_SECTION_WEIGHTS, strict=True):
        part, given = values[:, start : start + size], known[:, start : start + size]
        answered = given.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            section = np.where(given, part, 0.0).sum(axis=1) / answered * size
        totals += np.where(answered > 0, section, np.nan) * weight
        start += size
    return totals


def fiqr_sections_missing(items: Sequence[float | None]) -> dict[str, int]:
    """How many items each FIQR section (``function``, ``overall``, ``symptoms``) left
    unanswered, from the 21 answers in questionnaire order."""
    values = list(items)
    if len(values) != sum(FIQR_SECTION_SIZES):
        raise ValueError(f"the FIQR has 21 items, not {len(values)}")
    result: dict[str, int] = {}
    start = 0
    for name, size in zip(("function", "overall", "symptoms"), FIQR_SECTION_SIZES, strict=True):
        result[name] = sum(v is None for v in values[start : start + size])
        start += size
    return result


def fiqr_less_reliable(items: Sequence[float | None]) -> tuple[str, ...]:
    """The sections with more than two items missing (domain.md s.5: shown as less
    reliable), in questionnaire order."""
    missing = fiqr_sections_missing(items)
    return tuple(name for name, n in missing.items() if n > FIQR_MAX_MISSING)
