"""WCAG 2.1 AA in both themes (issue 13 point 5): text 4.5:1, controls 3:1.

Checked twice: on the colours (the palettes and the app's own colours in colors.py, the
body map and the chips), and on what Qt actually draws (check boxes, the treatments'
check boxes in a list, radio buttons, text fields), by reading the pixels.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)

from fibrodesk.ui import colors, theme
from fibrodesk.ui.body_items import TENDER_FILL

R = QPalette.ColorRole
TEXT, CONTROL = 4.5, 3.0
PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}


def _over(fg: QColor, bg: QColor) -> QColor:
    """``fg`` composited over an opaque ``bg`` (placeholder text may be translucent)."""
    a = fg.alphaF()
    return QColor(
        round(fg.red() * a + bg.red() * (1 - a)),
        round(fg.green() * a + bg.green() * (1 - a)),
        round(fg.blue() * a + bg.blue() * (1 - a)),
    )


def _ratio(fg: QColor, bg: QColor) -> float:
    return colors.contrast_ratio(_over(fg, bg), bg)


def fusion_focus_ring(palette: QPalette) -> QColor:
    """Fusion's focus colour (qfusionstyle.cpp ``highlightedOutline``)."""
    ring = palette.color(R.Highlight).darker(125)
    if ring.value() > 160:
        ring.setHsl(ring.hue(), ring.saturation(), 160)
    return ring


def _pairs(p: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    c = p.color
    window, base = c(R.Window), c(R.Base)
    body = colors.no_mark_color(p)  # the unmarked figure
    pairs = [
        ("window text", c(R.WindowText), window, TEXT),
        ("text on base", c(R.Text), base, TEXT),
        ("text on alternate rows", c(R.Text), c(R.AlternateBase), TEXT),
        ("button text", c(R.ButtonText), c(R.Button), TEXT),
        ("selected text", c(R.HighlightedText), c(R.Highlight), TEXT),
        ("tooltip", c(R.ToolTipText), c(R.ToolTipBase), TEXT),
        ("placeholder", c(R.PlaceholderText), base, TEXT),
        ("link on base", c(R.Link), base, TEXT),
        ("link on window", c(R.Link), window, TEXT),
        # Controls: what shows a control, its state and the focus.
        ("check-box edge on base", colors.control_edge(p), base, CONTROL),
        ("check-box edge on window", colors.control_edge(p), window, CONTROL),
        ("check mark", c(R.Text).darker(120), base, CONTROL),
        ("focus ring on window", fusion_focus_ring(p), window, CONTROL),
        ("focus ring on base", fusion_focus_ring(p), base, CONTROL),
        ("selection on base", c(R.Highlight), base, CONTROL),
        ("chip border (palette mid)", c(R.Mid), window, CONTROL),
        ("ticked chip (highlight)", c(R.Highlight), window, CONTROL),
        ("chip focus border (highlight)", c(R.Highlight), window, CONTROL),
        # The body map.
        ("map caption and L/R", c(R.WindowText), window, TEXT),
        ("figure outline", colors.mix(window, c(R.WindowText), 0.75), window, CONTROL),
        ("selected region outline, on its window-coloured band", c(R.Highlight), window, CONTROL),
        ("tender point ring", c(R.WindowText), body, CONTROL),
        ("tender tick", QColor(255, 255, 255), TENDER_FILL, CONTROL),
        ("next-click words", c(R.WindowText), window, TEXT),
    ]
    for i in range(11):
        fill = colors.intensity_color(i)
        pairs.append((f"number on intensity {i}", colors.readable_text_color(fill), fill, TEXT))
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        fill = colors.heat_color(v)
        pairs.append((f"text on heat {v}", colors.readable_text_color(fill), fill, TEXT))
    return pairs


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_colour_pair_passes_aa(qapp, name):
    failures = [
        f"{what}: {_ratio(fg, bg):.2f} < {need}"
        for what, fg, bg, need in _pairs(PALETTES[name]())
        if _ratio(fg, bg) < need
    ]
    assert failures == []


# ------------------------------------------------------------------ what Qt draws


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    theme.apply_theme(request.param)
    theme.install_style()
    yield request.param
    theme.apply_theme("light")


def _grab(widget: QWidget) -> QImage:
    widget.resize(widget.sizeHint())
    widget.show()
    QApplication.processEvents()
    image = widget.grab().toImage()
    widget.close()
    return image


def _best_contrast(image: QImage, against: QColor) -> float:
    """The highest contrast of any pixel against ``against``: with nothing else drawn,
    the contrast of the control's edge."""
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            best = max(best, colors.contrast_ratio(image.pixelColor(x, y), against))
    return best


def test_an_unticked_check_box_is_seen(themed, qtbot):
    box = QCheckBox()  # no text: the box's edge is all there is to see
    qtbot.addWidget(box)
    window = PALETTES[themed]().color(R.Window)
    assert _best_contrast(_grab(box), window) >= CONTROL


def test_an_unticked_treatment_in_a_list_is_seen(themed, qtbot):
    """The check-in's treatments are check boxes in a list (on the base colour)."""
    view = QListWidget()
    qtbot.addWidget(view)
    item = QListWidgetItem("")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    view.resize(200, 60)
    view.show()
    QApplication.processEvents()
    rect = view.visualItemRect(item)
    image = view.viewport().grab(rect).toImage()
    base = PALETTES[themed]().color(R.Base)
    assert _best_contrast(image, base) >= CONTROL
    view.close()


def test_a_radio_button_and_a_text_field_are_seen(themed, qtbot):
    palette = PALETTES[themed]()
    radio = QRadioButton()
    field = QLineEdit()
    qtbot.addWidget(radio)
    qtbot.addWidget(field)
    assert _best_contrast(_grab(radio), palette.color(R.Window)) >= CONTROL
    image = _grab(field)
    # The field's edge against the window around it: the outermost two pixels.
    edge = [image.pixelColor(x, y) for x in range(image.width()) for y in (0, 1)]
    window = palette.color(R.Window)
    assert max(colors.contrast_ratio(px, window) for px in edge) >= CONTROL
