"""The main window: a sidebar of four pages, menus, and a banner for problems.

Only the Today page is built at start-up. The other pages are light containers carrying
their contract ``objectName`` (``plannerPage``, ``historyPage``, ``reportsPage``); their
content, and the imports it needs (pyqtgraph, numpy), is built the first time the page is
shown, as Anki's ``aqt/main.py`` does, so start-up pays only for the first screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.theme import THEMES, apply_theme

# Reminders look at the diary; they wait until the first page is painted and settled.
REMINDERS_DELAY_MS = 3000

# (key, label with mnemonic, objectName, module, class)
PAGES = [
    ("today", "&Today", "todayPage", "fibrodesk.ui.today_page", "TodayPage"),
    ("planner", "&Planner", "plannerPage", "fibrodesk.ui.planner_page", "PlannerPage"),
    ("history", "&History", "historyPage", "fibrodesk.ui.history_page", "HistoryPage"),
    ("reports", "&Reports", "reportsPage", "fibrodesk.ui.reports_page", "ReportsPage"),
]


class LazyPage(QWidget):
    """A page container whose content is built on first :meth:`ensure_built`.

    Signals:
        built(QWidget): the content was created.
    """

    built = Signal(QWidget)

    def __init__(self, object_name: str, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._factory = factory
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self._factory()
            self._layout.addWidget(self.content)
            self.setFocusProxy(self.content)
            self.built.emit(self.content)
        return self.content


class MainWindow(QMainWindow):
    """The FibroDesk window on one diary.

    Attributes:
        ctx: the shared :class:`AppContext`.
        pages: page key -> :class:`LazyPage`.
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.setParent(self)
        self.setObjectName("mainWindow")
        self.setWindowTitle("FibroDesk")
        self.pages: dict[str, LazyPage] = {}
        self._buttons: dict[str, QPushButton] = {}

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = self._make_banner()
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(body, 1)

        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFrameShape(QFrame.Shape.StyledPanel)
        side = QVBoxLayout(sidebar)
        group = QButtonGroup(self)
        group.setExclusive(True)
        self.stack = QStackedWidget()
        for index, (key, label, name, module, cls) in enumerate(PAGES):
            page = LazyPage(name, self._factory(module, cls))
            self.pages[key] = page
            self.stack.addWidget(page)
            button = QPushButton(label)
            button.setCheckable(True)
            button.setObjectName(f"{key}Button")
            button.setToolTip(f"{label.replace('&', '')} (Ctrl+{index + 1})")
            button.setMinimumHeight(button.sizeHint().height() * 2)
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            group.addButton(button)
            side.addWidget(button)
            self._buttons[key] = button
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self, lambda k=key: self.show_page(k))
        side.addStretch(1)
        body.addWidget(sidebar)
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        QShortcut(QKeySequence(QKeySequence.StandardKey.NextChild), self, lambda: self._cycle(1))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._cycle(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._cycle(-1))
        self._build_menus()
        ctx.saveFailed.connect(self.show_problem)
        self.reminders = None
        # Reminders (and the tray icon) start once the window is up: start-up pays only
        # for the first page.
        QTimer.singleShot(REMINDERS_DELAY_MS, self._start_reminders)
        self._restore_geometry()
        self.show_page("today")

    # -- pages ------------------------------------------------------------------------
    def _factory(self, module: str, cls: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            page_cls = getattr(importlib.import_module(module), cls)
            return page_cls(self.ctx)

        return build

    def show_page(self, key: str) -> QWidget:
        """Show a page (building it the first time) and return its content widget."""
        page = self.pages[key]
        content = page.ensure_built()
        self.stack.setCurrentWidget(page)
        self._buttons[key].setChecked(True)
        return content

    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next(k for k, p in self.pages.items() if p is current)

    def _cycle(self, step: int) -> None:
        keys = [p[0] for p in PAGES]
        self.show_page(keys[(keys.index(self.current_page()) + step) % len(keys)])

    def _start_reminders(self) -> None:
        from fibrodesk.ui.reminders import install_reminders

        self.reminders = install_reminders(self, self.ctx)

    # -- banner -----------------------------------------------------------------------
    def _make_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("problemBanner")
        # Problems on amber, reminders and other notices on a calm blue; dark text on both
        # reads in the light and the dark theme alike.
        banner.setStyleSheet(
            '#problemBanner[kind="problem"] { background: #fff3cd; border-bottom: 1px solid #c9a227; }'
            '#problemBanner[kind="notice"] { background: #dbeafe; border-bottom: 1px solid #5b8def; }'
            "#problemBanner QLabel { color: #1f2328; }"
        )
        banner.setProperty("kind", "problem")
        row = QHBoxLayout(banner)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setObjectName("problemText")
        close = QToolButton()
        close.setText("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(banner.hide)
        row.addWidget(self.banner_label, 1)
        row.addWidget(close)
        banner.hide()
        return banner

    def show_problem(self, sentence: str) -> None:
        """Show one plain sentence about a problem above the pages until dismissed."""
        self._show_banner(sentence, "problem")

    def show_notice(self, sentence: str) -> None:
        """Show a reminder or other notice, unless a problem is being shown."""
        if not self.banner.isHidden() and self.banner.property("kind") == "problem":
            return
        self._show_banner(sentence, "notice")

    def _show_banner(self, sentence: str, kind: str) -> None:
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner_label.setText(sentence)
        self.banner.setAccessibleDescription(sentence)
        self.banner.show()

    # -- menus ------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.file_menu = file_menu
        for text, shortcut, handler in (
            ("&Export…", "Ctrl+E", self._export),
            ("&Import…", "Ctrl+I", self._import),
            ("Import CSV &folder…", "", self._import_folder),
            ("&Backups…", "Ctrl+B", self._backups),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(handler)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        # Edit: undo and redo of the body map; the Today page owns the actions and their
        # shortcuts (Ctrl+Z, Ctrl+Shift+Z).
        edit = self.menuBar().addMenu("&Edit")
        today = self.pages["today"].ensure_built()
        for action in getattr(today, "edit_actions", lambda: [])():
            edit.addAction(action)

        view = self.menuBar().addMenu("&View")
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        current = str(self.ctx.settings.value("theme", "system"))
        for name in THEMES:
            action = QAction(name.capitalize(), self, checkable=True)
            action.setChecked(name == current)
            action.setObjectName(f"theme_{name}")
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            theme_menu.addAction(action)
        for index, (key, label, *_rest) in enumerate(PAGES):
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # QShortcut owns it
            view.addAction(action)

    # Dialogs live in their own modules, imported only when asked for.
    def _export(self) -> None:
        from fibrodesk.ui.transfer import export_dialog

        export_dialog(self.ctx, self)

    def _import(self, folder: bool = False) -> None:
        from fibrodesk.ui.transfer import choose_and_import

        choose_and_import(self.ctx, self, folder=folder)

    def _import_folder(self) -> None:
        self._import(folder=True)

    def _backups(self) -> None:
        from fibrodesk.ui.backups_dialog import BackupsDialog

        BackupsDialog(self.ctx, self).exec()

    def set_theme(self, name: str) -> None:
        applied = apply_theme(name)
        self.ctx.settings.setValue("theme", applied)

    # -- geometry ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.ctx.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # First start: 1200 x 820, or nine tenths of a smaller screen, so that nothing
            # (the tender-point row under the map) starts off-screen on a laptop.
            screen = self.screen().availableGeometry()
            self.resize(min(1200, screen.width() * 9 // 10), min(820, screen.height() * 9 // 10))
        state = self.ctx.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_geometry(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState())
        self.ctx.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_geometry()
        super().closeEvent(event)
