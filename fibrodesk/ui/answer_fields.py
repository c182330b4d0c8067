"""Input widgets for optional answers: "not answered" is its own state, 0 stays a real 0.

:class:`ScaleAnswer` is a 0-10 answer as a row of eleven tap targets: one tap answers, a
tap on the chosen number (or Delete) takes the answer back, and "not answered" is written
beside the row until there is an answer. :class:`NumberAnswer` is a number typed into a
field, left empty when not answered (hours of sleep, minutes, counts). Older forms use
:class:`OptionalSpinBox`, which shows *not answered* one step below its lowest value.
The wheel only changes a value when the widget has the keyboard focus: scrolling the
panel with a tired hand must not change an answer on the way past.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QDoubleValidator,
    QFocusEvent,
    QFontMetrics,
    QIntValidator,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

NOT_ANSWERED = "not answered"


class WheelNeedsFocus:
    """Mixin for an input widget: the wheel changes its value only once it has the focus.

    Put it first among the bases (``class Box(WheelNeedsFocus, QSpinBox)``).
    """

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class OptionalSpinBox(WheelNeedsFocus, QSpinBox):
    """A whole-number answer from ``lo`` to ``hi``, or not answered (``None``): one step
    below ``lo``. Prefer :class:`ScaleAnswer` or :class:`NumberAnswer` in new forms."""

    def __init__(
        self, lo: int, hi: int, name: str, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lo = lo
        self.setRange(lo - 1, hi)
        self.setSpecialValueText(NOT_ANSWERED)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: {lo} to {hi}. Step below {lo} to leave it not answered.")
        self.setValue(lo - 1)

    def answer(self) -> int | None:
        value = self.value()
        return None if value < self._lo else value

    def set_answer(self, value: int | None) -> None:
        self.setValue(self._lo - 1 if value is None else int(value))


class OptionalDoubleSpinBox(WheelNeedsFocus, QDoubleSpinBox):
    """A decimal answer (sleep hours), or not answered (``None``)."""

    def __init__(
        self,
        lo: float,
        hi: float,
        step: float,
        name: str,
        suffix: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lo = lo
        self.setDecimals(1)
        self.setSingleStep(step)
        self.setRange(lo - step, hi)
        self.setSpecialValueText(NOT_ANSWERED)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: {lo:g} to {hi:g}. Step below {lo:g} to leave it not answered.")
        self.setValue(self.minimum())

    def answer(self) -> float | None:
        value = round(self.value(), 1)
        return None if value < self._lo else value

    def set_answer(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else float(value))


class ChoiceCombo(WheelNeedsFocus, QComboBox):
    """A choice among labelled values, the first entry being *not answered* (``None``)."""

    def __init__(
        self, choices: list[tuple[str, object]], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.addItem(NOT_ANSWERED, None)
        for label, value in choices:
            self.addItem(label, value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)

    def answer(self) -> object:
        return self.currentData()

    def set_answer(self, value: object) -> None:
        for index in range(self.count()):
            data = self.itemData(index)
            if data == value and type(data) is type(value):
                self.setCurrentIndex(index)
                return
        self.setCurrentIndex(0)


#: Style of the eleven targets: clearly a button, the chosen one filled (both themes pass
#: WCAG AA with these palette roles, see tests/ui/test_contrast.py).
SCALE_STYLE = (
    "QPushButton[scale='true'] { border: 1px solid palette(mid); border-radius: 4px;"
    " background: palette(base); padding: 0.15em 0.25em; }"
    "QPushButton[scale='true']:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border-color: palette(highlight); font-weight: bold; }"
)


class ScaleAnswer(QWidget):
    """A 0-10 answer as a row of eleven tap targets, or not answered (``None``).

    Mouse or touch: a tap on a number answers it; a tap on the chosen number takes the
    answer back. Keyboard (the row is one stop in the Tab order): a digit answers it (1
    then 0 makes 10), Left/Right or -/+ step, Home and End give 0 and 10, Delete or
    Backspace take the answer back, Enter confirms.

    Signals:
        answerChanged(object): the answer changed (an int, or None).
        editingFinished(): the person has finished with it (a tap, Enter, or leaving the
            row after a change by keyboard): time to save.
    """

    answerChanged = Signal(object)
    editingFinished = Signal()

    def __init__(self, name: str, lo: int = 0, hi: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lo, self._hi = lo, hi
        self._value: int | None = None
        self._finished_value: int | None = None
        self._last_key_digit: int | None = None
        self._name = name
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setToolTip(
            f"{name}. Tap a number to answer, tap it again to take the answer back."
            " Keys: a digit, the arrow keys, Delete."
        )
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(SCALE_STYLE)
        self.buttons: list[QPushButton] = []
        fm = self.fontMetrics()
        # Room for "10" with the style's padding at any font size (WCAG 2.5.8: 24 px).
        cell = QSize(
            max(24, fm.horizontalAdvance("10") + fm.averageCharWidth() + 12),
            max(24, fm.height() + 8),
        )
        for value in range(lo, hi + 1):
            button = QPushButton(str(value), self)
            button.setProperty("scale", True)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is one Tab stop
            button.setFixedSize(cell)
            button.setAccessibleName(f"{value}: {name}")
            button.clicked.connect(lambda _checked=False, v=value: self._tapped(v))
            self.buttons.append(button)
        self.state_label = QLabel(NOT_ANSWERED, self)
        self.state_label.setObjectName("scaleState")
        font = self.state_label.font()
        font.setItalic(True)
        self.state_label.setFont(font)
        self.state_label.setFixedSize(
            QFontMetrics(font).horizontalAdvance(NOT_ANSWERED) + 6, cell.height()
        )
        sizes = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        sizes.setHeightForWidth(True)
        self.setSizePolicy(sizes)
        self._show()

    # ------------------------------------------------------------------ layout: a row that
    # wraps (the targets keep their size; on a narrow panel or with a large font the row
    # continues on a second line instead of running off the side)

    _MARGIN, _GAP = 3, 2

    def _flow(self, width: int, place: bool) -> int:
        """Lay the targets and the state out in lines ``width`` wide; the height used."""
        m, gap = self._MARGIN, self._GAP
        x = y = m
        line = 0
        for item in [*self.buttons, self.state_label]:
            w, h = item.width(), item.height()
            extra = 4 if item is self.state_label else 0
            if x > m and x + extra + w > width - m:
                x, y = m, y + line + gap
                extra = 0
            if place:
                item.move(x + extra, y)
            x += extra + w + gap
            line = max(line, h)
        return y + line + m

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._flow(width, place=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        one_line = sum(b.width() + self._GAP for b in self.buttons)
        width = one_line + 4 + self.state_label.width() + 2 * self._MARGIN
        return QSize(width, self._flow(width, place=False))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        half = (len(self.buttons) + 1) // 2
        width = half * (self.buttons[0].width() + self._GAP) + 2 * self._MARGIN
        width = max(width, self.state_label.width() + 2 * self._MARGIN)
        return QSize(width, self._flow(width, place=False))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._flow(self.width(), place=True)
        super().resizeEvent(event)

    # ------------------------------------------------------------------ the answer

    def answer(self) -> int | None:
        return self._value

    def set_answer(self, value: int | None) -> None:
        """Show ``value`` (None: not answered) without counting it as an edit."""
        value = None if value is None else max(self._lo, min(self._hi, int(value)))
        self._finished_value = value
        self._set(value)

    def text(self) -> str:
        """What the row says: the number, or "not answered"."""
        return NOT_ANSWERED if self._value is None else str(self._value)

    def _set(self, value: int | None) -> None:
        if value == self._value:
            self._show()
            return
        self._value = value
        self._show()
        self.answerChanged.emit(value)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            )

    def _show(self) -> None:
        for i, button in enumerate(self.buttons):
            button.setChecked(self._lo + i == self._value)
        self.state_label.setText(NOT_ANSWERED if self._value is None else "")
        self.setAccessibleDescription(self.text())

    def _finish(self) -> None:
        if self._value != self._finished_value:
            self._finished_value = self._value
            self.editingFinished.emit()

    def _tapped(self, value: int) -> None:
        self._last_key_digit = None
        self._set(None if value == self._value else value)
        self._finish()

    # ------------------------------------------------------------------ keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        digit = int(key) - int(Qt.Key.Key_0) if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 else None
        current = self._value
        if digit is not None:
            if self._last_key_digit == 1 and digit == 0 and self._hi >= 10:
                value: int | None = 10
                self._last_key_digit = None
            else:
                value = digit
                self._last_key_digit = digit
            if self._lo <= value <= self._hi:
                self._set(value)
            event.accept()
            return
        self._last_key_digit = None
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._set(self._lo if current is None else min(self._hi, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self._set(self._lo if current is None else max(self._lo, current - 1))
        elif key == Qt.Key.Key_Home:
            self._set(self._lo)
        elif key == Qt.Key.Key_End:
            self._set(self._hi)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._set(None)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        self._last_key_digit = None
        self._finish()
        super().focusOutEvent(event)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        event.ignore()  # a passing wheel never answers

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """The keyboard focus: a ring round the row in the focus colour."""
        if not self.hasFocus():
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0))
        p.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 5, 5)
        p.end()


class NumberAnswer(QLineEdit):
    """A number typed in (whole or with one decimal), or not answered: the field empty.

    Signals (those of QLineEdit): ``editingFinished`` when the person leaves it or
    presses Enter.
    """

    def __init__(
        self,
        lo: float,
        hi: float,
        name: str,
        unit: str = "",
        *,
        decimals: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._decimals = decimals
        locale = QLocale.c()
        if decimals:
            validator: QIntValidator | QDoubleValidator = QDoubleValidator(lo, hi, decimals, self)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        else:
            validator = QIntValidator(int(lo), int(hi), self)
        validator.setLocale(locale)
        self.setValidator(validator)
        self.setPlaceholderText(NOT_ANSWERED)
        self.setClearButtonEnabled(True)
        self.setAccessibleName(f"{name}{', in ' + unit if unit else ''}")
        self.setToolTip(
            f"{name}: {lo:g} to {hi:g}{' ' + unit if unit else ''}. Leave it empty"
            " if you would rather not answer."
        )
        width = self.fontMetrics().horizontalAdvance(NOT_ANSWERED) + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)

    def answer(self) -> float | int | None:
        text = self.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            return None
        return round(value, self._decimals) if self._decimals else int(value)

    def set_answer(self, value: float | None) -> None:
        if value is None:
            self.setText("")
        elif self._decimals:
            self.setText(f"{float(value):g}")
        else:
            self.setText(str(int(value)))
