"""Light, dark or the system's theme, on Qt's Fusion style so both palettes look right.

Fonts are never given a pixel size anywhere in the app: text follows the system font
size, and widgets scale with it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 30, 34), QColor(43, 43, 48), QColor(232, 232, 232)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(52, 52, 58))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(60, 60, 66))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor(55, 55, 61))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 120, 120))
    p.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(70, 130, 220))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(160, 160, 160))
    # Fusion draws check-box and frame edges from these: without them an unticked box is
    # nearly invisible on a dark window.
    p.setColor(QPalette.ColorRole.Light, QColor(110, 110, 118))
    p.setColor(QPalette.ColorRole.Midlight, QColor(85, 85, 92))
    p.setColor(QPalette.ColorRole.Mid, QColor(120, 120, 128))
    p.setColor(QPalette.ColorRole.Dark, QColor(150, 150, 158))
    p.setColor(QPalette.ColorRole.Shadow, QColor(10, 10, 12))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(128, 128, 128))
    return p


def light_palette() -> QPalette:
    """Fusion's own light palette (the "light" theme)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.style().standardPalette()


# Set on the QApplication once Fusion is its style, so that no QStyle is touched from
# Python at start: PySide6 creates every enum of QStyle the first time one is (about
# 10 ms before the first paint). fibrodesk.app creates its QApplication with Qt's own
# "-style fusion" argument and sets this.
FUSION_SET = "fibrodeskFusion"


def apply_theme(name: str) -> str:
    """Apply ``system``, ``light`` or ``dark``; returns the name applied.

    ``system`` keeps the platform's own palette when it is a light one (Qt's default
    where there is none), and uses the dark palette below when the system's is dark.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    if name not in THEMES:
        name = "system"
    if not app.property(FUSION_SET):
        app.setStyle("Fusion")
        app.setProperty(FUSION_SET, True)
    if name == "dark":
        app.setPalette(dark_palette())
    elif name == "light":
        app.setPalette(light_palette())
    elif system_is_dark(app):  # which also puts the platform's palette back
        app.setPalette(dark_palette())
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
