"""The day's weather on the Today page, typed by hand: air pressure and temperature.

Never fetched: the person types what a barometer, a home station or a weather page says,
in the unit it says it in (hPa, inHg or mmHg; °C or °F), or imports a file (the button
opens :mod:`fibrodesk.ui.weather_import_dialog`). The diary keeps hPa and °C; the units
chosen here are remembered in ui.ini and used to show what is stored.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.wording import one_decimal
from fibrodesk.db import triggers
from fibrodesk.db.changes import Change
from fibrodesk.io.weather_values import PRESSURE_UNITS, TEMPERATURE_UNITS
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.weather_import_dialog import WeatherImportDialog
from fibrodesk.ui.weather_units import (
    UNIT_WORDS,
    from_celsius,
    from_hpa,
    parse_number,
    to_celsius,
    to_hpa,
)

PRESSURE_UNIT_KEY = "weather/pressure_unit"
TEMPERATURE_UNIT_KEY = "weather/temperature_unit"


def unit_combo(units: tuple[str, ...], chosen: str, name: str) -> QComboBox:
    combo = QComboBox()
    for unit in units:
        combo.addItem(UNIT_WORDS.get(unit, unit), unit)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.setAccessibleName(name)
    return combo


class WeatherBox(QGroupBox):
    """Pressure and temperature of the day shown (:meth:`set_day`), typed and saved.

    Attributes:
        day: the day shown.
        pressure, temperature: the typed values; pressure_unit, temperature_unit: theirs.
        status: what is stored for the day, or the one sentence about a typing slip.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Weather", parent)
        self.ctx = ctx
        self.setObjectName("todayWeather")
        self.day = clock.today()
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        layout.addLayout(grid)

        self.pressure, self.pressure_unit = self._value_row(
            grid,
            0,
            ("Press&ure", "pressure", "Air pressure", "e.g. 1013"),
            (PRESSURE_UNITS, PRESSURE_UNIT_KEY, "hPa", "Pressure unit", "pressureUnit"),
        )
        self.temperature, self.temperature_unit = self._value_row(
            grid,
            1,
            ("Temperature", "temperature", "Temperature", "e.g. 12"),
            (
                TEMPERATURE_UNITS,
                TEMPERATURE_UNIT_KEY,
                "degC",
                "Temperature unit",
                "temperatureUnit",
            ),
        )
        grid.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save weather")
        self.save_button.setObjectName("saveWeather")
        self.save_button.setAccessibleName("Save the weather of this day")
        self.save_button.clicked.connect(self.save)
        self.import_button = QPushButton("Import from a file…")
        self.import_button.setObjectName("importWeather")
        self.import_button.setToolTip(
            "Read many days at once from a CSV file you downloaded or copied from a home "
            "weather station. Nothing is fetched from the internet."
        )
        self.import_button.clicked.connect(self._import)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.status = QLabel()
        self.status.setObjectName("weatherStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self._typed = False  # typed since the last reload: a unit change keeps the text
        for edit in (self.pressure, self.temperature):
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(self._edited)
        self.pressure_unit.currentIndexChanged.connect(self._unit_chosen)
        self.temperature_unit.currentIndexChanged.connect(self._unit_chosen)
        ctx.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ showing

    def _value_row(
        self, grid: QGridLayout, row: int, field: tuple[str, str, str, str], unit: tuple
    ) -> tuple[QLineEdit, QComboBox]:
        """One typed value (label, field, unit chosen, remembered in ui.ini) on ``row``."""
        text, name, accessible, example = field
        units, key, default, unit_accessible, unit_name = unit
        label = QLabel(text)
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(example)
        label.setBuddy(edit)
        combo = unit_combo(units, str(self.ctx.settings.value(key, default)), unit_accessible)
        combo.setObjectName(unit_name)
        grid.addWidget(label, row, 0)
        grid.addWidget(edit, row, 1)
        grid.addWidget(combo, row, 2)
        return edit, combo

    def set_day(self, day: date) -> None:
        """Show ``day``; what was typed for the day left is saved first, as the check-in is."""
        if day != self.day and self._typed:
            self.save()
        self.day = day
        self.reload()

    def stored(self) -> tuple[float | None, float | None, str] | None:
        rows = triggers.weather_between(self.day, self.day)
        if not rows:
            return None
        row = rows[0]
        return row.pressure_hpa, row.temperature_c, row.source

    def reload(self) -> None:
        """Show the day's stored weather in the chosen units."""
        stored = self.stored()
        p_unit = self.pressure_unit.currentData()
        t_unit = self.temperature_unit.currentData()
        self._typed = False
        if stored is None:
            self.pressure.clear()
            self.temperature.clear()
            self.status.setText("No weather for this day yet.")
            return
        hpa, celsius, source = stored
        self.pressure.setText("" if hpa is None else _number(from_hpa(hpa, p_unit), p_unit))
        self.temperature.setText(
            "" if celsius is None else one_decimal(from_celsius(celsius, t_unit))
        )
        said = []
        if hpa is not None:
            said.append(f"{one_decimal(hpa)} hPa")
        if celsius is not None:
            said.append(f"{one_decimal(celsius)} °C")
        how = "typed" if source == "typed" else "imported from a file"
        self.status.setText(f"Saved for this day: {', '.join(said)} ({how}).")

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Save what is typed (both boxes empty removes the day's weather)."""
        p_unit = self.pressure_unit.currentData()
        t_unit = self.temperature_unit.currentData()
        try:
            pressure = parse_number(self.pressure.text())
        except ValueError:
            self._slip("The pressure is not a number: type it with digits, like 1013.")
            return
        try:
            temperature = parse_number(self.temperature.text())
        except ValueError:
            self._slip("The temperature is not a number: type it with digits, like 12.5.")
            return
        hpa = None if pressure is None else to_hpa(pressure, p_unit)
        celsius = None if temperature is None else to_celsius(temperature, t_unit)
        low, high = triggers.PRESSURE_RANGE
        if hpa is not None and not low <= hpa <= high:
            self._slip(
                f"{self.pressure.text().strip()} {UNIT_WORDS[p_unit]} is not an air pressure "
                f"(870 to 1090 hPa, 25.7 to 32.2 inHg): check the number and its unit."
            )
            return
        low, high = triggers.TEMPERATURE_RANGE
        if celsius is not None and not low <= celsius <= high:
            self._slip(
                f"{self.temperature.text().strip()} {UNIT_WORDS[t_unit]} is outside -60 to "
                "60 °C (-76 to 140 °F): check the number and its unit."
            )
            return
        stored = self.stored()
        if stored is None and hpa is None and celsius is None:
            self.status.setText("Type a pressure or a temperature first, then Save.")
            return
        day = self.day
        done = self.ctx.perform(lambda: triggers.save_weather(day, hpa, celsius), source=self)
        if done is not None:
            self.reload()

    def _slip(self, sentence: str) -> None:
        """A typing slip: one sentence, nothing written, the typed text kept."""
        self.status.setText(sentence)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Leaving the tab or the page saves what was typed, as the check-in does."""
        if self._typed:
            self.save()
        super().hideEvent(event)

    def _edited(self) -> None:
        self._typed = True

    def _unit_chosen(self) -> None:
        """Remember the units; what is stored is shown in them, what is typed stays."""
        self.ctx.settings.setValue(PRESSURE_UNIT_KEY, self.pressure_unit.currentData())
        self.ctx.settings.setValue(TEMPERATURE_UNIT_KEY, self.temperature_unit.currentData())
        if not self._typed:
            self.reload()

    def _import(self) -> None:
        WeatherImportDialog.run(self.ctx, self)

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is not self and change.touches(Change.WEATHER) and not self._typed:
            self.reload()


def _number(value: float, unit: str) -> str:
    """A stored pressure typed back in ``unit`` (inHg keeps two decimals: 29.92)."""
    return f"{value:.2f}" if unit == "inHg" else one_decimal(value)
