"""Import weather from a CSV file: choose it, see its first lines, map its columns.

Nothing is fetched: the person brings a file downloaded from any weather service or
copied off a home station. The dialog shows the file's first lines as they are (plain
text), lets the person say which column holds the date, the air pressure and the
temperature and in which units (hPa, inHg or mmHg; °C or °F), and says what will be
imported before anything is: how many days, from when to when, the range of values in
hPa and °C. Import writes every day or none (:func:`fibrodesk.db.triggers.import_weather`);
a file that cannot be read gets one plain sentence and nothing is written.

Reading and converting is :mod:`fibrodesk.io.weather_csv`'s; this module only asks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import day_name
from fibrodesk.core.wording import one_decimal
from fibrodesk.db import triggers
from fibrodesk.io import weather_csv
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.messages import inform
from fibrodesk.ui.weather_units import UNIT_WORDS

NO_COLUMN = "(none in this file)"
PREVIEW_LINES = 6


class WeatherImportDialog(QDialog):
    """The column-mapping step of a weather import.

    Attributes:
        path: the file chosen, or ``None``.
        sample: its first rows as read by :func:`weather_csv.read_sample`.
        days: what an import would write now (converted to hPa and °C), or ``None`` when
            the file or the mapping cannot be read (``status`` says why).
        imported: how many days the import wrote (after Import).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("weatherImportDialog")
        self.setWindowTitle("Import weather from a file")
        self.path: Path | None = None
        self.sample: Any = None
        self.days: list[Any] | None = None
        self.imported = 0
        self._filling = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Bring a CSV file of daily air pressure or temperature, downloaded from any "
            "weather service or copied from a home weather station. FibroDesk never goes "
            "on the internet for it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        file_row = QHBoxLayout()
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setObjectName("weatherFile")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.setObjectName("chooseWeatherFile")
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        layout.addLayout(file_row)

        preview_label = QLabel("&First lines of the file, as they are:")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("weatherPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lines = self.preview.fontMetrics().lineSpacing() * (PREVIEW_LINES + 2)
        self.preview.setMinimumHeight(lines * 2 // 3)
        self.preview.setMaximumHeight(lines + 12)
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview)

        form = QFormLayout()
        self.date_column = self._combo("dateColumn", "Date column")
        self.pressure_column = self._combo("pressureColumn", "Pressure column")
        self.pressure_unit = self._combo("pressureUnitChoice", "Pressure unit")
        self.temperature_column = self._combo("temperatureColumn", "Temperature column")
        self.temperature_unit = self._combo("temperatureUnitChoice", "Temperature unit")
        for unit in weather_csv.PRESSURE_UNITS:
            self.pressure_unit.addItem(UNIT_WORDS.get(unit, unit), unit)
        for unit in weather_csv.TEMPERATURE_UNITS:
            self.temperature_unit.addItem(UNIT_WORDS.get(unit, unit), unit)
        form.addRow("&Date column", self.date_column)
        form.addRow("&Pressure column", self.pressure_column)
        form.addRow("Pressure &unit", self.pressure_unit)
        form.addRow("&Temperature column", self.temperature_column)
        form.addRow("Temperature u&nit", self.temperature_unit)
        layout.addLayout(form)

        self.status = QLabel("Choose a file to see what will be imported.")
        self.status.setObjectName("weatherImportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote the file
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importWeatherNow")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.import_days)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._enable_mapping(False)
        # Wide enough for a header line and the summary, never wider than a small screen.
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 62, 1000))

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        # A long column name is elided in the box, never widens the dialog.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        combo.currentIndexChanged.connect(self._mapping_changed)
        return combo

    def _enable_mapping(self, on: bool) -> None:
        for combo in (
            self.date_column,
            self.pressure_column,
            self.pressure_unit,
            self.temperature_column,
            self.temperature_unit,
        ):
            combo.setEnabled(on)

    # ------------------------------------------------------------------ asking

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> int:
        """Show the dialog; how many days were imported (0 when cancelled)."""
        dialog = cls(ctx, parent)
        try:
            dialog.exec()
            return dialog.imported
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_file(cls, parent: QWidget | None) -> Path | None:
        """The file the person picks (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            "Choose a weather file",
            str(Path.home()),
            "CSV files (*.csv *.txt);;All files (*)",
        )
        return Path(name) if name else None

    # ------------------------------------------------------------------ the file

    def choose_file(self) -> None:
        path = self.ask_file(self)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read the file's first rows and propose a mapping of its columns."""
        self.path = path
        self.file_label.setText(str(path))
        self.days = None
        self.import_button.setEnabled(False)
        try:
            self.sample = weather_csv.read_sample(path, PREVIEW_LINES)
        except weather_csv.WeatherCsvError as exc:
            self.sample = None
            self.preview.setPlainText("")
            self._fill_columns([])
            self._enable_mapping(False)
            self.status.setText(str(exc))
            return
        self.preview.setPlainText("\n".join(self.sample.lines))
        self._fill_columns(list(self.sample.header))
        self._enable_mapping(True)
        self._mapping_changed()

    def _fill_columns(self, header: list[str]) -> None:
        self._filling = True
        try:
            for combo, optional in (
                (self.date_column, False),
                (self.pressure_column, True),
                (self.temperature_column, True),
            ):
                combo.clear()
                if optional:
                    combo.addItem(NO_COLUMN, None)
                for index, name in enumerate(header):
                    combo.addItem(name.strip() or f"column {index + 1}", index)
            guess = guess_mapping(header)
            self.date_column.setCurrentIndex(max(0, self.date_column.findData(guess["date"])))
            for combo, key in (
                (self.pressure_column, "pressure"),
                (self.temperature_column, "temperature"),
            ):
                combo.setCurrentIndex(max(0, combo.findData(guess[key])))
            for combo, key in (
                (self.pressure_unit, "pressure_unit"),
                (self.temperature_unit, "temperature_unit"),
            ):
                if guess[key] is not None:
                    combo.setCurrentIndex(max(0, combo.findData(guess[key])))
        finally:
            self._filling = False

    # ------------------------------------------------------------------ the mapping

    def mapping(self) -> weather_csv.ColumnMapping | None:
        date_column = self.date_column.currentData()
        if date_column is None:
            return None
        return weather_csv.ColumnMapping(
            date=date_column,
            pressure=self.pressure_column.currentData(),
            temperature=self.temperature_column.currentData(),
            pressure_unit=self.pressure_unit.currentData(),
            temperature_unit=self.temperature_unit.currentData(),
        )

    def _mapping_changed(self) -> None:
        """Read the whole file with the mapping chosen and say what would be imported."""
        if self._filling or self.path is None or self.sample is None:
            return
        self.days = None
        self.import_button.setEnabled(False)
        mapping = self.mapping()
        if mapping is None:
            self.status.setText("Choose the column that holds the date.")
            return
        if mapping.pressure is None and mapping.temperature is None:
            self.status.setText("Choose the pressure column, the temperature column, or both.")
            return
        if mapping.date in (mapping.pressure, mapping.temperature):
            self.status.setText("The date needs a column of its own: choose another one.")
            return
        try:
            days = weather_csv.read_weather(self.path, mapping)
        except weather_csv.WeatherCsvError as exc:
            self.status.setText(str(exc))
            return
        if not days:
            self.status.setText("The file holds no days of weather: nothing to import.")
            return
        self.days = list(days)
        self.status.setText(describe(self.days))
        self.import_button.setEnabled(True)
        self.import_button.setText(f"&Import {len(self.days)} day{'s' * (len(self.days) != 1)}")

    # ------------------------------------------------------------------ importing

    def import_days(self) -> None:
        """Write every day read, or none (a refused write leaves the diary as it was)."""
        days = self.days
        if not days:
            return
        done = self.ctx.perform(lambda: triggers.import_weather(days), source=self)
        if done is None:
            self.status.setText("The weather could not be written: nothing was imported.")
            return
        self.imported = int(done.value)
        inform(self, f"Imported the weather of {self.imported} days.")
        self.accept()


def describe(days: list[Any]) -> str:
    """What an import would write, in words: the days and the range of each value."""
    first = min(d.date for d in days)
    last = max(d.date for d in days)
    count = len(days)
    parts = [
        f"{count} day{'s' * (count != 1)} will be imported, from {day_name(first, year=True)} "
        f"to {day_name(last, year=True)}."
    ]
    pressures = [d.pressure_hpa for d in days if d.pressure_hpa is not None]
    temperatures = [d.temperature_c for d in days if d.temperature_c is not None]
    if pressures:
        parts.append(
            f"Pressure {one_decimal(min(pressures))} to {one_decimal(max(pressures))} hPa."
        )
    if temperatures:
        parts.append(
            f"Temperature {one_decimal(min(temperatures))} to {one_decimal(max(temperatures))} °C."
        )
    parts.append("Days already in the diary get the file's values.")
    return " ".join(parts)


def guess_mapping(header: list[str]) -> dict[str, Any]:
    """A first guess at the columns and units from the header's words; the person checks."""
    guess: dict[str, Any] = {
        "date": None,
        "pressure": None,
        "temperature": None,
        "pressure_unit": None,
        "temperature_unit": None,
    }
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if guess["date"] is None and any(w in name for w in ("date", "day", "time")):
            guess["date"] = index
        elif guess["pressure"] is None and any(
            w in name for w in ("press", "baro", "hpa", "mslp", "inhg", "mmhg", "mbar")
        ):
            guess["pressure"] = index
            for unit in weather_csv.PRESSURE_UNITS:
                if unit.lower() in name:
                    guess["pressure_unit"] = unit
            if "mbar" in name:
                guess["pressure_unit"] = "hPa"
        elif guess["temperature"] is None and any(w in name for w in ("temp", "°", "tavg")):
            guess["temperature"] = index
            if any(w in name for w in ("°f", "degf", "(f)", "fahrenheit")):
                guess["temperature_unit"] = "degF"
            elif any(w in name for w in ("°c", "degc", "(c)", "celsius")):
                guess["temperature_unit"] = "degC"
    if guess["date"] is None and header:
        guess["date"] = 0
    return guess
