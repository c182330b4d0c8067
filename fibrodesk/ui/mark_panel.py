"""The side panel for the selected region's mark: intensity, qualities and a note.

The panel only shows and asks; the Today page writes. A note is handed over when the
person leaves the box or pauses typing; until the page confirms it was saved, the text is
kept as *pending*, shown again whenever that mark is shown, and never replaced by what
the diary holds.

Signals:
    intensityChosen(int): the person picked an intensity (slider, spin box).
    qualitiesChosen(object): the tuple of quality ids now chosen.
    noteCommitted(str, str, str): entry id, region id and the note text to save.
    removeRequested(): the "Remove mark" button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db.marks import MarkInfo

NOTE_PAUSE_MS = 1500

CHIP_STYLE = (
    "QPushButton[chip='true'] { padding: 0.3em 0.7em; border-radius: 0.8em;"
    " border: 1px solid palette(mid); background: palette(button); text-align: left; }"
    "QPushButton[chip='true']:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border-color: palette(highlight); }"
    "QPushButton[chip='true']:focus { border: 2px solid palette(highlight); }"
)


def intensity_words(value: int) -> str:
    """Plain words for an NRS 0-10 value (the SNOMED bands of domain.md s.8)."""
    if value <= 0:
        return "no pain"
    if value <= 3:
        return "mild"
    if value <= 6:
        return "moderate"
    if value <= 9:
        return "severe"
    return "worst imaginable"


class MarkPanel(QWidget):
    """Details of the mark on the selected region in the current entry."""

    intensityChosen = Signal(int)
    qualitiesChosen = Signal(object)
    noteCommitted = Signal(str, str, str)
    removeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markPanel")
        self._entry_id: str | None = None
        self._region: str | None = None
        self._mark: MarkInfo | None = None
        self._saved_note = ""
        self._pending: dict[tuple[str, str], str] = {}
        self._loading = False

        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("markTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.area_label = QLabel()
        self.area_label.setWordWrap(True)
        layout.addWidget(self.area_label)
        self.state_label = QLabel()
        self.state_label.setObjectName("markState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)

        self.intensity_label = QLabel("Intensit&y")
        body.addWidget(self.intensity_label)
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName("Intensity, 0 to 10")
        self.spin = QSpinBox()
        self.spin.setRange(0, 10)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccessibleName("Intensity number, 0 to 10")
        self.intensity_label.setBuddy(self.slider)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        body.addLayout(row)
        self.words = QLabel()
        self.words.setObjectName("intensityWords")
        body.addWidget(self.words)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(lambda: self._choose(self.slider.value()))
        self.spin.valueChanged.connect(self._spin_changed)

        body.addWidget(QLabel("What it feels like (choose any):"))
        self.chips: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, quality in enumerate(catalogue().qualities.values()):
            chip = QPushButton(quality.label)
            chip.setCheckable(True)
            chip.setProperty("chip", True)
            chip.setObjectName(f"quality_{quality.id}")
            chip.setAccessibleName(f"Quality: {quality.label}")
            chip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            chip.toggled.connect(self._chip_toggled)
            grid.addWidget(chip, index // 2, index % 2)
            self.chips[quality.id] = chip
        chips_box = QWidget()
        chips_box.setLayout(grid)
        chips_box.setStyleSheet(CHIP_STYLE)
        body.addWidget(chips_box)

        note_label = QLabel("N&ote about this spot:")
        body.addWidget(note_label)
        self.note = QPlainTextEdit()
        self.note.setObjectName("markNote")
        self.note.setAccessibleName("Note about this spot")
        self.note.setPlaceholderText("For example: worse after the stairs")
        self.note.setTabChangesFocus(True)
        line = self.note.fontMetrics().lineSpacing()
        self.note.setMinimumHeight(line * 4)
        self.note.setMaximumHeight(line * 8)
        note_label.setBuddy(self.note)
        self.note.installEventFilter(self)
        self.note.textChanged.connect(self._note_edited)
        body.addWidget(self.note)
        self.note_state = QLabel()
        self.note_state.setObjectName("noteState")
        self.note_state.setWordWrap(True)
        body.addWidget(self.note_state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_PAUSE_MS)
        self._timer.timeout.connect(self.commit_note)

        self.remove = QPushButton("Remove this mar&k")
        self.remove.setObjectName("removeMark")
        self.remove.setAccessibleName("Remove this mark")
        self.remove.setToolTip(
            "Remove the mark from this entry (Delete on the map). Undo brings it back."
        )
        self.remove.clicked.connect(self.removeRequested)
        body.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)

        line_ = QFrame()
        line_.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line_)
        keys = QLabel(
            "On the map: digits 0-9 set the intensity, + and - change it, "
            "Delete removes the mark, Ctrl+Z undoes."
        )
        keys.setWordWrap(True)
        layout.addWidget(keys)
        layout.addStretch(1)
        self.show_mark(None, None, None, 5)

    # ------------------------------------------------------------------ showing

    def key(self) -> tuple[str | None, str | None]:
        return self._entry_id, self._region

    def show_mark(
        self,
        entry_id: str | None,
        region: str | None,
        mark: MarkInfo | None,
        default_intensity: int,
    ) -> None:
        """Show the mark of ``region`` in the entry (``mark`` None: not marked yet).

        A note typed for the spot shown before is handed over (``noteCommitted``) once
        the panel already shows the new spot, so any refresh that saving causes finds
        the panel settled and does not hand it over twice.
        """
        leaving: tuple[str, str, str] | None = None
        if (entry_id, region) != (self._entry_id, self._region):
            self._timer.stop()
            old_key = self._pending_key()
            if old_key is not None and self.dirty():
                text = self.note.toPlainText()
                self._pending[old_key] = text
                leaving = (old_key[0], old_key[1], text)
            self._entry_id, self._region = entry_id, region
            self._saved_note = mark.note if mark is not None else ""
            key = self._pending_key()
            pending = self._pending.get(key) if key is not None else None
            self._set_note_text(self._saved_note if pending is None else pending)
        else:
            # Same mark again: take the diary's note only if the box holds no unsaved edit.
            new_saved = mark.note if mark is not None else ""
            if (
                self.note.toPlainText() == self._saved_note
                and self._pending_key() not in self._pending
            ):
                self._set_note_text(new_saved)
            self._saved_note = new_saved
        self._mark = mark
        self._loading = True
        try:
            self._fill(region, mark, default_intensity)
        finally:
            self._loading = False
        if leaving is not None:
            self.noteCommitted.emit(*leaving)

    def show_tender_point(self, point: str, tender: bool) -> None:
        """A tender point was clicked (no spot is selected): which one, and its state."""
        tp = catalogue().tender_points[point]
        self.title.setText(f"{tp.label}: tender point")
        self.area_label.setText(tp.site)
        state = "Tender: ticked for this day's exam." if tender else "Not tender: not ticked."
        self.state_label.setText(f"{state} Click it again on the map to change it.")
        self.body.setVisible(False)

    def _fill(self, region: str | None, mark: MarkInfo | None, default_intensity: int) -> None:
        cat = catalogue()
        if region is None:
            self.title.setText("No spot selected")
            self.area_label.setText("")
            self.state_label.setText(
                "Click a spot on the body map (or move there with Tab and press Space) "
                "to record pain there and describe it here."
            )
            self.body.setVisible(False)
            return
        self.body.setVisible(True)
        info = cat.region(region)
        self.title.setText(info.label)
        area = cat.wpi_areas[info.wpi_area].label if info.wpi_area else None
        self.area_label.setText(
            f"Counts toward the WPI area: {area}" if area else "Not one of the 19 WPI areas"
        )
        value = mark.intensity if mark is not None else default_intensity
        self.slider.setValue(value)
        self.spin.setValue(value)
        self._show_words(value)
        if mark is None:
            self.state_label.setText(
                "Not marked in this entry yet. Choose an intensity to record it."
            )
        else:
            self.state_label.setText(f"Marked {mark.intensity} in this entry.")
        chosen = set(mark.qualities) if mark is not None else set()
        for quality, chip in self.chips.items():
            chip.setChecked(quality in chosen)
            chip.setEnabled(mark is not None)
            self._label_chip(quality)
        self.note.setReadOnly(mark is None)
        self.remove.setEnabled(mark is not None)
        self._show_note_state()

    def _set_note_text(self, text: str) -> None:
        if self.note.toPlainText() == text:
            return
        was = self._loading
        self._loading = True
        try:
            self.note.setPlainText(text)
        finally:
            self._loading = was

    def _show_words(self, value: int) -> None:
        self.words.setText(f"{value}: {intensity_words(value)}")

    def _label_chip(self, quality: str) -> None:
        chip = self.chips[quality]
        label = catalogue().qualities[quality].label
        chip.setText(("✓ " + label) if chip.isChecked() else label)

    # ------------------------------------------------------------------ intensity

    def _slider_moved(self, value: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self._show_words(value)
        if not self.slider.isSliderDown():
            self._choose(value)

    def _spin_changed(self, value: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(value)
        self.slider.blockSignals(False)
        self._show_words(value)
        self._choose(value)

    def _choose(self, value: int) -> None:
        if self._loading or self._region is None:
            return
        if self._mark is not None and self._mark.intensity == value:
            return
        self.intensityChosen.emit(value)

    # ------------------------------------------------------------------ qualities

    def _chip_toggled(self, _checked: bool) -> None:
        for quality in self.chips:
            self._label_chip(quality)
        if self._loading or self._mark is None:
            return
        chosen = tuple(q for q, chip in self.chips.items() if chip.isChecked())
        self.qualitiesChosen.emit(chosen)

    # ------------------------------------------------------------------ note

    def _pending_key(self) -> tuple[str, str] | None:
        if self._entry_id is None or self._region is None:
            return None
        return self._entry_id, self._region

    def _note_edited(self) -> None:
        if self._loading:
            return
        self._timer.start()
        self._show_note_state()

    def dirty(self) -> bool:
        return self._mark is not None and self.note.toPlainText() != self._saved_note

    def commit_note(self) -> None:
        """Hand the note over for saving if it differs from what the diary holds."""
        self._timer.stop()
        key = self._pending_key()
        if key is None or not self.dirty():
            return
        text = self.note.toPlainText()
        self._pending[key] = text
        self._show_note_state()
        self.noteCommitted.emit(key[0], key[1], text)

    def note_saved(self, entry_id: str, region: str, text: str) -> None:
        """The page saved ``text`` for that mark: it is no longer pending."""
        if self._pending.get((entry_id, region)) == text:
            del self._pending[(entry_id, region)]
        if (entry_id, region) == (self._entry_id, self._region):
            self._saved_note = text
        self._show_note_state()

    def _show_note_state(self) -> None:
        key = self._pending_key()
        if key is not None and key in self._pending:
            self.note_state.setText(
                "Not saved yet. Your text stays here; it is saved as soon as the diary "
                "can be written."
            )
        elif self.dirty():
            self.note_state.setText("Saved when you pause or leave the box.")
        else:
            self.note_state.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return super().eventFilter(watched, event)
