"""Import weather from a CSV file: choose it, see its first rows, map its columns.

Nothing is fetched: the person brings a file downloaded from any weather service or
copied off a home station. The dialog shows the file's first rows as plain text, lets the
person say which column holds the date (and how it is written), the air pressure and the
temperature, and in which units (hPa, inHg, mmHg or kPa; °C or °F), and says what will
be imported before anything is: how many days, from when to when, the range of values in
hPa and °C, what was left out and why. Import writes every day or none
(:func:`fibrodesk.db.triggers.import_weather`: a day typed by hand keeps its values); a
file that cannot be read gets one plain sentence and nothing is written.

Reading, guessing the columns and converting are :mod:`fibrodesk.io.weather_csv`'s; this
module only asks.
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
PREVIEW_ROWS = 6
DATE_ORDER_WORDS = {
    "iso": "year first, like 2026-03-31",
    "day_first": "day first, like 31.03.2026",
    "month_first": "month first, like 03/31/2026",
}
ASK_ORDER = "choose how the dates are written"


def column_words(table: Any, index: int) -> str:
    """A column as the mapping boxes name it: its header and its first values."""
    name = table.columns[index] or f"column {index + 1}"
    sample = table.sample(index, 2)
    return f"{name}: {', '.join(sample)}" if sample else name


def preview_text(table: Any) -> str:
    """The header and the first rows of ``table`` as lines of text (shown as plain text)."""
    rows = [table.columns, *table.rows[:PREVIEW_ROWS]]
    return "\n".join(table.delimiter.join(row) for row in rows)


class WeatherImportDialog(QDialog):
    """The column-mapping step of a weather import.

    Attributes:
        path: the file chosen, or ``None``.
        table: the file as read (:class:`weather_csv.WeatherTable`), or ``None``.
        found: what an import would write now (:class:`weather_csv.WeatherImport`), or
            ``None`` when the file or the mapping cannot be read (``status`` says why).
        imported: how many days the import added or changed (after Import).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("weatherImportDialog")
        self.setWindowTitle("Import weather from a file")
        self.path: Path | None = None
        self.table: Any = None
        self.found: Any = None
        self.imported = 0
        self._filling = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Bring a CSV file of daily or hourly air pressure or temperature, downloaded "
            "from any weather service or copied from a home weather station. FibroDesk "
            "never goes on the internet for it."
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

        preview_label = QLabel("&First rows of the file:")
        self.preview = QPlainTextEdit()  # plain text by nature: a cell is never markup
        self.preview.setObjectName("weatherPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lines = self.preview.fontMetrics().lineSpacing() * (PREVIEW_ROWS + 2)
        self.preview.setMinimumHeight(lines * 2 // 3)
        self.preview.setMaximumHeight(lines + 12)
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview)

        form = QFormLayout()
        self.date_column = self._combo("dateColumn", "Date column")
        self.date_order = self._combo("dateOrder", "How the dates are written")
        self.pressure_column = self._combo("pressureColumn", "Pressure column")
        self.pressure_unit = self._combo("pressureUnitChoice", "Pressure unit")
        self.temperature_column = self._combo("temperatureColumn", "Temperature column")
        self.temperature_unit = self._combo("temperatureUnitChoice", "Temperature unit")
        for unit in weather_csv.PRESSURE_UNITS:
            self.pressure_unit.addItem(UNIT_WORDS.get(unit, unit), unit)
        for unit in weather_csv.TEMPERATURE_UNITS:
            self.temperature_unit.addItem(UNIT_WORDS.get(unit, unit), unit)
        form.addRow("&Date column", self.date_column)
        form.addRow("Dates &written", self.date_order)
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

    def _mapping_boxes(self) -> tuple[QComboBox, ...]:
        return (
            self.date_column,
            self.date_order,
            self.pressure_column,
            self.pressure_unit,
            self.temperature_column,
            self.temperature_unit,
        )

    def _enable_mapping(self, on: bool) -> None:
        for combo in self._mapping_boxes():
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
        """Read the file and propose a mapping of its columns."""
        self.path = path
        self.file_label.setText(str(path))
        self.table = self.found = None
        self.import_button.setEnabled(False)
        self.preview.setPlainText("")
        self._fill_columns()
        self._enable_mapping(False)
        try:
            table = weather_csv.read_table(path)
        except weather_csv.WeatherCsvError as exc:
            self.status.setText(str(exc))
            return
        self.preview.setPlainText(preview_text(table))
        try:
            guess = weather_csv.guess_mapping(table)
        except weather_csv.WeatherCsvError as exc:
            self.status.setText(str(exc))
            return
        self.table = table
        self._fill_columns(guess)
        self._enable_mapping(True)
        self._mapping_changed()

    def _fill_columns(self, guess: Any = None) -> None:
        """The column boxes for the file read, set to ``guess`` (a ColumnMapping)."""
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
                if self.table is not None:
                    for index in range(len(self.table.columns)):
                        combo.addItem(column_words(self.table, index), index)
            if guess is not None:
                for combo, value in (
                    (self.date_column, guess.date_column),
                    (self.pressure_column, guess.pressure_column),
                    (self.temperature_column, guess.temperature_column),
                    (self.pressure_unit, guess.pressure_unit),
                    (self.temperature_unit, guess.temperature_unit),
                ):
                    combo.setCurrentIndex(max(0, combo.findData(value)))
            self._fill_orders(None if guess is None else guess.date_order)
        finally:
            self._filling = False

    def _fill_orders(self, chosen: str | None) -> None:
        """The ways of writing dates that fit the date column; ask when several do."""
        was = self._filling
        self._filling = True
        try:
            self.date_order.clear()
            column = self.date_column.currentData()
            if self.table is None or column is None:
                return
            orders = weather_csv.date_orders(self.table, column)
            if len(orders) != 1 and chosen not in orders:
                self.date_order.addItem(ASK_ORDER, None)
            for order in orders or weather_csv.DATE_ORDERS:
                self.date_order.addItem(DATE_ORDER_WORDS.get(order, order), order)
            self.date_order.setCurrentIndex(max(0, self.date_order.findData(chosen)))
        finally:
            self._filling = was

    # ------------------------------------------------------------------ the mapping

    def mapping(self) -> Any:
        """The mapping chosen on screen (a :class:`weather_csv.ColumnMapping`)."""
        return weather_csv.ColumnMapping(
            self.date_column.currentData(),
            self.date_order.currentData(),
            self.pressure_column.currentData(),
            self.pressure_unit.currentData(),
            self.temperature_column.currentData(),
            self.temperature_unit.currentData(),
        )

    def _mapping_changed(self) -> None:
        """Convert the whole file with the mapping chosen and say what would be imported."""
        if self._filling or self.table is None:
            return
        if self.sender() is self.date_column:
            self._fill_orders(self.date_order.currentData())
        self.found = None
        self.import_button.setEnabled(False)
        self.import_button.setText("&Import")
        mapping = self.mapping()
        if mapping.date_column in (mapping.pressure_column, mapping.temperature_column):
            self.status.setText("The date needs a column of its own: choose another one.")
            return
        try:
            result = weather_csv.convert(self.table, mapping)
        except weather_csv.WeatherCsvError as exc:
            self.status.setText(str(exc))
            return
        if not result.days:
            self.status.setText(
                "No day of the file has a value the diary can keep: check the columns and "
                "their units."
            )
            return
        typed = typed_days(result.days)
        count = len(result.days) - typed
        self.status.setText(describe(result, typed))
        if count == 0:
            return  # every day of the file was typed by hand: nothing to import
        self.found = result
        self.import_button.setText(f"&Import {count} day{'s' * (count != 1)}")
        self.import_button.setEnabled(True)

    # ------------------------------------------------------------------ importing

    def import_days(self) -> None:
        """Write every day read, or none (a refused write leaves the diary as it was)."""
        if self.found is None:
            return
        days = self.found.days
        done = self.ctx.perform(lambda: triggers.import_weather(days), source=self)
        if done is None:
            self.status.setText("The weather could not be written: nothing was imported.")
            return
        self.imported = int(done.value)
        if self.imported:
            inform(
                self, f"Imported the weather of {self.imported} day{'s' * (self.imported != 1)}."
            )
        else:
            inform(self, "Nothing new to import: the diary already holds this weather.")
        self.accept()


def typed_days(days: Any) -> int:
    """How many of ``days`` already hold weather typed by hand (which an import keeps)."""
    if not days:
        return 0
    wanted = {d.day for d in days}
    rows = triggers.weather_between(min(wanted), max(wanted))
    return sum(1 for r in rows if r.source == "typed" and r.day in wanted)


def describe(result: Any, typed: int = 0) -> str:
    """What an import would write, in words: the days, the range of each value, what was
    left out and why, and the typed days that keep their values."""
    days = result.days
    count = len(days)
    first, last = days[0].day, days[-1].day
    parts = [
        f"The file gives the weather of {count} day{'s' * (count != 1)}, from "
        f"{day_name(first, year=True)} to {day_name(last, year=True)}."
    ]
    pressures = [d.pressure_hpa for d in days if d.pressure_hpa is not None]
    temperatures = [d.temperature_c for d in days if d.temperature_c is not None]
    if pressures:
        parts.append(
            f"Pressure {one_decimal(min(pressures))} to {one_decimal(max(pressures))} hPa."
        )
    if temperatures:
        low, high = one_decimal(min(temperatures)), one_decimal(max(temperatures))
        parts.append(f"Temperature {low} to {high} °C.")
    parts.extend(result.skipped)
    if typed == count:
        parts.append("You typed the weather of each of these days: it stays, nothing to import.")
    elif typed:
        verb = "has" if typed == 1 else "have"
        parts.append(f"{typed} of these days already {verb} weather you typed, which stays.")
    return " ".join(parts)
