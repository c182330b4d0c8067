"""Help: the Help menu, the About box, the keyboard shortcuts, and the first-run guide.

The first-run guide is a strip across the top of the window (not a dialog: it never
blocks the window or takes the focus) with the three first steps: click where it hurts,
check in, plan gently. It shows until the person closes it, and Help > First steps
brings it back. The About box says which version this is, where the diary is kept, and
that FibroDesk is a diary, not a diagnosis.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import fibrodesk
from fibrodesk.paths import DB_NAME

# The window passed in is ui.main_window.MainWindow (it has ``ctx``), typed here as a
# QMainWindow: main_window.py imports this module, so this one must not import it back.

#: ui.ini key: the person closed the first-run guide.
GUIDE_SEEN_KEY = "help/first_steps_closed"

GUIDE_STEPS: tuple[tuple[str, str], ...] = (
    ("Click where it hurts", "on the body map; type 0 to 10 for how much."),
    ("Check in", "on the Check-in tab: a few taps on how the day went."),
    ("Plan gently", "on the Planner: start small, add a little at a time."),
)

NOT_A_DIAGNOSIS = (
    "FibroDesk is a diary: it records what you enter and shows it back to you. It is not a "
    "diagnosis and not medical advice; talk with your doctor about what it shows."
)

#: Keys of the body map and the check-in, which are not in any menu.
MAP_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab, arrow keys", "Body map: move between spots and tender points"),
    ("Space or Enter", "Body map: mark the spot (or tick the tender point)"),
    ("0 to 9, + and -", "Body map: intensity of the selected spot"),
    ("Delete", "Body map: remove the selected spot's mark"),
    ("Escape", "Body map: clear the selection"),
    ("0 to 10, arrows", "Check-in: answer the question in focus (1 then 0 is 10)"),
    ("Delete", "Check-in: take the answer back (not answered)"),
    ("Ctrl+Tab", "Next page"),
)


def _plain(text: str) -> QLabel:
    from PySide6.QtCore import (
        Qt,
    )  # not at import: the Qt enums would be made before the first frame

    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


# ------------------------------------------------------------------ the menu


def install_help_menu(window: QMainWindow) -> QMenu:
    """Add the Help menu (First steps, Keyboard shortcuts, About) and the first-run
    guide's strip to ``window``."""
    menu = window.menuBar().addMenu("Help")  # no Alt key: H, E, L, P are all taken
    menu.setObjectName("helpMenu")
    guide = FirstStepsGuide(window)
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(0, guide)
    window.first_steps = guide  # type: ignore[attr-defined]
    for text, name, keys, handler in (
        ("&First steps", "helpFirstSteps", "", guide.reopen),
        ("&Keyboard shortcuts", "helpShortcuts", "F1", lambda: ShortcutsDialog(window).exec()),
        ("&About FibroDesk", "helpAbout", "", lambda: AboutDialog(window).exec()),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        if keys:
            action.setShortcuts([QKeySequence(keys)])
        action.triggered.connect(handler)
        menu.addAction(action)
    return menu


# ------------------------------------------------------------------ first steps


class FirstStepsGuide(QFrame):
    """The three first steps, across the top of the window until closed."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self._window = window
        self.setObjectName("firstRunGuide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("First steps")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        title = QLabel("<b>First steps:</b>")
        row.addWidget(title)
        self.steps: list[QLabel] = []
        for number, (what, where) in enumerate(GUIDE_STEPS, start=1):
            step = QLabel(f"<b>{number}. {what}</b> {where}")
            step.setWordWrap(True)
            step.setAccessibleName(f"Step {number}: {what} {where}")
            row.addWidget(step, 1)
            self.steps.append(step)
        self.close_button = QPushButton("Got it")
        self.close_button.setObjectName("firstRunClose")
        self.close_button.setAccessibleName("Close the first steps (Help menu brings them back)")
        self.close_button.setToolTip("Help > First steps shows them again.")
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button)
        self.setVisible(not self._closed_before())

    def _closed_before(self) -> bool:
        settings = getattr(self._window.ctx, "settings", None)
        if settings is None:
            return False
        return str(settings.value(GUIDE_SEEN_KEY, "false")).lower() == "true"

    def dismiss(self) -> None:
        """Close the strip and remember it (once the diary, and so ui.ini, is open)."""
        self.hide()
        if getattr(self._window, "diary_ready", True):
            self._window.ctx.settings.setValue(GUIDE_SEEN_KEY, "true")

    def reopen(self) -> None:
        self.show()
        self.close_button.setFocus()


# ------------------------------------------------------------------ About


class AboutDialog(QDialog):
    """Version, where the diary is kept, and that this is not a diagnosis."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About FibroDesk")
        folder = window.ctx.data_dir
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>FibroDesk {fibrodesk.__version__}</b>")
        title.setObjectName("aboutVersion")
        layout.addWidget(title)
        layout.addWidget(
            _plain(
                "A diary for fibromyalgia, made for leg pain: where it hurts, how the day "
                "went, and gentle exercise."
            )
        )
        layout.addWidget(_plain("Your diary is kept on this computer only, in this file:"))
        self.where = _plain(str(folder / DB_NAME))
        self.where.setObjectName("aboutDiaryPath")
        from PySide6.QtCore import Qt

        self.where.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout.addWidget(self.where)
        layout.addWidget(
            _plain("Backups and settings are kept in the same folder. Nothing is sent anywhere.")
        )
        self.warning = _plain(NOT_A_DIAGNOSIS)
        self.warning.setObjectName("aboutNotADiagnosis")
        layout.addWidget(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = buttons.addButton("Open the folder", QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 75, self.sizeHint().height())


# ------------------------------------------------------------------ shortcuts


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(keys, what) for every menu item that has a shortcut, in menu order."""
    out: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            name = action.text().replace("&", "").replace("…", "")
            if isinstance(sub, QMenu):
                walk(sub, f"{path}{name} > ")
            elif not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                out.append((keys, f"{path}{name}"))

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            walk(top.menu(), top.text().replace("&", "") + " > ")
    return out


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut: those of the menus, read from them, and the map's keys."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = menu_shortcuts(window) + list(MAP_KEYS)
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        for i, (keys, what) in enumerate(self.rows):
            key_label = QLabel(f"<b>{keys}</b>")
            grid.addWidget(key_label, i, 0)
            grid.addWidget(_plain(what), i, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(self.rows), 1)
        scroll = QScrollArea()
        scroll.setWidget(grid_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 90
        height = self.fontMetrics().lineSpacing() * (len(self.rows) * 2 + 4)
        # Imported here, not with this module: help.py is imported before the window's
        # first frame, and reflow touches the Qt namespace (see docs/performance.md).
        from fibrodesk.ui.reflow import within_screen

        self.resize(within_screen(window, width, height))
