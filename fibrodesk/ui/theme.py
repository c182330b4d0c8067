"""Light, dark or the system's theme, on Qt's Fusion style, both passing WCAG 2 AA.

Both palettes are chosen so that text is at least 4.5:1 against its background and the
parts that make a control visible (check-box and radio edges, chip borders, focus rings,
selection) at least 3:1, as WCAG 2.1 AA asks (1.4.3 and 1.4.11);
``tests/ui/test_contrast.py`` checks every pair, on the palette and on what is drawn.

Fusion draws the edge of a check box or radio button from the window colour
(``window.darker(140)``), which leaves an unticked box at about 1.2:1 on a dark theme and
1.9:1 on a light one, whatever the palette says. :class:`AccessibleStyle`, a proxy of
Fusion, redraws those edges in :func:`fibrodesk.ui.colors.control_edge`. Creating it costs about 20 ms of
PySide6 enum set-up, so the ``fibrodesk`` command installs it once the window's first
frame is on screen (:class:`fibrodesk.ui.startup.WindowStart`); a window built with its
diary already open (tests, screenshots) gets it at once (:mod:`fibrodesk.ui.build`). No
application-wide event filter waits for that frame: a Python event filter on every event
makes PySide6 create some 180 enum types for the first events it sees (~40 ms).

Fonts are never given a pixel size anywhere in the app: text follows the system font
size, and widgets scale with it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def _palette(colors: dict[QPalette.ColorRole, QColor], disabled: QColor) -> QPalette:
    p = QPalette()
    for role, color in colors.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def dark_palette() -> QPalette:
    """Light text on dark grey; a light blue selection with dark text on it (white text
    on a blue dark enough for 4.5:1 would leave the selection and Fusion's focus ring
    under 3:1 against the window)."""
    r = QPalette.ColorRole
    text = QColor(232, 232, 232)
    return _palette(
        {
            r.Window: QColor(43, 43, 48),
            r.WindowText: text,
            r.Base: QColor(30, 30, 34),
            r.AlternateBase: QColor(52, 52, 58),
            r.ToolTipBase: QColor(60, 60, 66),
            r.ToolTipText: text,
            r.Text: text,
            r.Button: QColor(55, 55, 61),
            r.ButtonText: text,
            r.BrightText: QColor(255, 120, 120),
            r.Link: QColor(120, 170, 255),
            r.LinkVisited: QColor(190, 150, 255),
            r.Highlight: QColor(120, 170, 255),
            r.HighlightedText: QColor(16, 16, 20),
            r.PlaceholderText: QColor(160, 160, 160),
            # Fusion draws frame edges and the chips' borders from these.
            r.Light: QColor(110, 110, 118),
            r.Midlight: QColor(85, 85, 92),
            r.Mid: QColor(135, 135, 142),
            r.Dark: QColor(150, 150, 158),
            r.Shadow: QColor(10, 10, 12),
        },
        QColor(128, 128, 128),
    )


def light_palette() -> QPalette:
    """Fusion's light palette, with a selection blue dark enough for white text (Fusion's
    own, 48,140,198, gives 3.7:1), a darker placeholder grey and chip border."""
    r = QPalette.ColorRole
    return _palette(
        {
            r.Window: QColor(239, 239, 239),
            r.WindowText: QColor(0, 0, 0),
            r.Base: QColor(255, 255, 255),
            r.AlternateBase: QColor(247, 247, 247),
            r.ToolTipBase: QColor(255, 255, 220),
            r.ToolTipText: QColor(0, 0, 0),
            r.Text: QColor(0, 0, 0),
            r.Button: QColor(239, 239, 239),
            r.ButtonText: QColor(0, 0, 0),
            r.BrightText: QColor(255, 255, 255),
            r.Link: QColor(0, 0, 238),
            r.LinkVisited: QColor(85, 26, 139),
            r.Highlight: QColor(38, 110, 190),
            r.HighlightedText: QColor(255, 255, 255),
            r.PlaceholderText: QColor(110, 110, 110),
            r.Light: QColor(255, 255, 255),
            r.Midlight: QColor(202, 202, 202),
            r.Mid: QColor(118, 118, 118),
            r.Dark: QColor(159, 159, 159),
            r.Shadow: QColor(118, 118, 118),
        },
        QColor(120, 120, 120),
    )


# Set on the QApplication once Fusion is its style, so that no QStyle is touched from
# Python at start: PySide6 creates every enum of QStyle the first time one is (about
# 10 ms before the first paint). fibrodesk.app creates its QApplication with Qt's own
# "-style fusion" argument and sets this.
FUSION_SET = "fibrodeskFusion"
#: Set on the QApplication once :class:`AccessibleStyle` is its style.
ACCESSIBLE_SET = "fibrodeskAccessibleStyle"


def apply_theme(name: str) -> str:
    """Apply ``system``, ``light`` or ``dark``; returns the name applied.

    ``system`` follows the platform's choice between light and dark, with this app's
    palettes for each, so that both pass WCAG AA.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    if name not in THEMES:
        name = "system"
    if not app.property(FUSION_SET):
        app.setStyle("Fusion")
        app.setProperty(FUSION_SET, True)
    dark = name == "dark" or (name == "system" and system_is_dark(app))
    app.setPalette(dark_palette() if dark else light_palette())
    return name


def system_is_dark(app: QApplication) -> bool:
    """Whether the system's own palette is a dark one (light text on a dark window).

    Read from the palette the platform gives (Qt 6 follows the system's dark or light
    setting with it on Windows, macOS, GNOME and KDE), after undoing any palette set by
    this app. Asking ``QStyleHints.colorScheme()`` instead would make PySide6 create the
    whole ``Qt`` namespace of enums, about 20 ms, before the window's first paint.
    """
    app.setPalette(QPalette())  # the platform's palette again
    palette = app.palette()
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return window < text


def install_style() -> None:
    """Make :class:`AccessibleStyle` (Fusion with readable control edges) the app's style."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property(ACCESSIBLE_SET):
        return
    from fibrodesk.ui.accessible_style import AccessibleStyle

    app.setStyle(AccessibleStyle())
    app.setProperty(ACCESSIBLE_SET, True)
    app.setProperty(FUSION_SET, True)
