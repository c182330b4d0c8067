"""Colours for pain intensity (0-10) and for heat maps, safe for colour-blind users.

Why this scale: pain 1-10 is sampled from ColorBrewer's sequential **YlOrRd** (pale yellow
to dark red; Harrower and Brewer 2003), which ColorBrewer lists as colour-blind safe
because it is a single ramp in lightness: CIE L* falls steadily from 96 (1) to 26 (10) in
steps of 5-10, so the order reads for deuteranopes, protanopes and in greyscale print.
Adjacent steps are close, so the body map also writes the number on every marked region:
colour gives the overall picture, the number gives the value.

0 is a real value ("checked, no pain", domain.md s.2), so it gets its own colour, a pale
cool grey-blue. It differs from 1 on the blue-yellow axis, which all common colour
vision deficiencies keep, and from "no mark", which is the unmarked body colour (a mid
grey drawn from the palette, see :func:`no_mark_color`).

Heat maps (history page) use the same YlOrRd ramp, continuously, so "more" always looks
the same in the app.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QPalette

#: Fill for intensity 0 ("checked, no pain").
ZERO_HEX = "#e6edf4"

#: Fills for intensity 0..10; index = intensity. 1-10 sampled evenly from YlOrRd.
INTENSITY_HEX: tuple[str, ...] = (
    ZERO_HEX,
    "#fff4b2",
    "#ffe58e",
    "#fecf6c",
    "#feb04b",
    "#fd913e",
    "#fc602f",
    "#ef3223",
    "#d51120",
    "#b20026",
    "#800026",
)

#: ColorBrewer YlOrRd, 9 classes: anchors of the continuous heat scale.
_YLORRD_HEX: tuple[str, ...] = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)


def intensity_color(intensity: int) -> QColor:
    """Fill colour for a pain intensity 0-10 (values outside are clamped)."""
    return QColor(INTENSITY_HEX[max(0, min(10, int(intensity)))])


def _linear(channel: float) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of a colour, 0 (black) to 1 (white)."""
    return (
        0.2126 * _linear(color.red())
        + 0.7152 * _linear(color.green())
        + 0.0722 * _linear(color.blue())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio between two colours, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_text_color(fill: QColor) -> QColor:
    """Black or white, whichever has the higher WCAG contrast on ``fill``."""
    if _black_reads_better(fill.red(), fill.green(), fill.blue()):
        return QColor(0, 0, 0)
    return QColor(255, 255, 255)


@lru_cache(maxsize=1024)
def _black_reads_better(red: int, green: int, blue: int) -> bool:
    # Cached: the body map asks for every number it paints, with few distinct fills.
    fill = QColor(red, green, blue)
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return contrast_ratio(fill, black) >= contrast_ratio(fill, white)


def heat_color(value: float) -> QColor:
    """Heat-map colour for ``value`` in [0, 1] (clamped): continuous YlOrRd."""
    v = 0.0 if value != value else max(0.0, min(1.0, float(value)))  # NaN -> 0
    pos = v * (len(_YLORRD_HEX) - 1)
    k = min(int(pos), len(_YLORRD_HEX) - 2)
    t = pos - k
    a, b = QColor(_YLORRD_HEX[k]), QColor(_YLORRD_HEX[k + 1])
    return mix(a, b, t)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """The colour a fraction ``t`` of the way from ``a`` to ``b`` (alpha included)."""
    t = max(0.0, min(1.0, t))
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
        round(a.alpha() + (b.alpha() - a.alpha()) * t),
    )


def no_mark_color(palette: QPalette) -> QColor:
    """Body colour for a region without a mark: a grey between window and text colours.

    Taken from the palette so it sits well on both light and dark themes, and dark or
    light enough to stay clearly apart from the pale "0" fill.
    """
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return mix(window, text, 0.22 if window.lightness() >= 128 else 0.16)


def control_edge(palette: QPalette) -> QColor:
    """The edge of a check box or radio button: over half way from the base colour to the
    text colour (3:1 or more against both base and window in either theme)."""
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.6)
