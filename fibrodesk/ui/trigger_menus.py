"""The window's menu entries for issue 15's triggers: File > Import weather…, and the
switch for cycle tracking (View > Track menstrual cycle, off by default).

The switch is stored in the diary (setting ``cycle/enabled``), so it travels with backups;
turning it on or off is one operation, broadcast as ``Change.SETTINGS``: the Today page
then shows or drops its cycle box. Turning it off keeps the period starts already marked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

# The window (fibrodesk.ui.main_window.MainWindow), not imported: it imports this module.
MainWindow = Any

CYCLE_TIP = (
    "Off unless you switch it on. When on, the Today page lets you mark the day a period "
    "starts and shows the day of the cycle."
)


def install_trigger_menus(window: MainWindow) -> None:
    """Add the entries to the window's File and View menus."""
    weather = QAction("Import &weather…", window)
    weather.setObjectName("importWeatherAction")
    weather.setStatusTip("Read air pressure and temperature from a CSV file")
    weather.triggered.connect(lambda: import_weather(window))
    file_menu = window.file_menu
    actions = file_menu.actions()
    backups = next((a for a in actions if a.text().replace("&", "") == "Backups…"), None)
    file_menu.insertAction(backups, weather)  # with the other imports

    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    cycle = QAction("Track menstrual c&ycle", window, checkable=True)
    cycle.setObjectName("cycleTrackingAction")
    cycle.setToolTip(CYCLE_TIP)
    cycle.setStatusTip(CYCLE_TIP)
    cycle.triggered.connect(lambda on: set_cycle_tracking(window, on))
    view.addAction(cycle)
    view.aboutToShow.connect(lambda: _show_cycle_state(window, cycle))
    window.cycle_action = cycle  # type: ignore[attr-defined]


def _show_cycle_state(window: MainWindow, action: QAction) -> None:
    if window.diary_ready:
        from fibrodesk.db import triggers

        action.setChecked(triggers.cycle_enabled())


def import_weather(window: MainWindow) -> None:
    if not window.diary_ready:
        return
    from fibrodesk.ui.weather_import_dialog import WeatherImportDialog

    WeatherImportDialog.run(window.ctx, window)


def set_cycle_tracking(window: MainWindow, on: bool) -> None:
    """Switch cycle tracking on or off for this diary."""
    if not window.diary_ready:
        return
    from fibrodesk.db import triggers

    if window.ctx.perform(lambda: triggers.set_cycle_enabled(on)) is None:
        _show_cycle_state(window, window.cycle_action)  # type: ignore[attr-defined]
