"""The main window: a sidebar of four pages, menus, and a banner for problems.

Only the Today page is built at start-up. The other pages are light containers carrying
their contract ``objectName`` (``plannerPage``, ``historyPage``, ``reportsPage``); their
content, and the imports it needs (pyqtgraph, numpy), is built the first time the page is
shown, as Anki's ``aqt/main.py`` does, so start-up pays only for the first screen.

The ``fibrodesk`` command goes one step further (see :mod:`fibrodesk.ui.startup`): it
shows the window, with its sidebar, menus and a plain "Opening your diary…" in the Today
page's place, *before* the diary is opened, and :meth:`MainWindow.diary_opened` builds
the Today page on the event loop's next turn. A page asked for in between (a click on the
sidebar, Ctrl+2) is remembered and shown once the diary is open. ``build_main_window``
opens the diary first and builds everything at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSize, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.help import install_help_menu
from fibrodesk.ui.theme import THEMES, apply_theme
from fibrodesk.ui.trigger_menus import install_trigger_menus

# Reminders look at the diary; they wait until the first page is painted and settled.
REMINDERS_DELAY_MS = 3000

# (key, label with mnemonic, objectName, module, class)
PAGES = [
    ("today", "&Today", "todayPage", "fibrodesk.ui.today_page", "TodayPage"),
    ("planner", "&Planner", "plannerPage", "fibrodesk.ui.planner_page", "PlannerPage"),
    ("history", "&History", "historyPage", "fibrodesk.ui.history_page", "HistoryPage"),
    ("reports", "&Reports", "reportsPage", "fibrodesk.ui.reports_page", "ReportsPage"),
]


def first_start_size(available: QSize) -> QSize:
    """The window's size on a first start: 1200 x 820, or nine tenths of a smaller screen's
    free area, so that nothing starts off-screen on a laptop."""
    return QSize(min(1200, available.width() * 9 // 10), min(820, available.height() * 9 // 10))


def fit_on_screen(window: QWidget) -> None:
    """Put a restored window fully on a screen that exists now (the one under its centre,
    else the primary), shrinking it to that screen's free area if it is larger."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or window.isMaximized() or window.isFullScreen():
        return  # the window manager places those
    frame = window.frameGeometry()
    if not window.isVisible():  # the frame is not known yet: leave room for a title bar
        frame = window.geometry().adjusted(-8, -40, 8, 8)
    screen = app.screenAt(frame.center()) or app.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    if area.contains(frame):
        return
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    window.resize(max(1, width), max(1, height))
    left = min(max(frame.left(), area.left()), area.right() + 1 - width - extra_w)
    top = min(max(frame.top(), area.top()), area.bottom() + 1 - height - extra_h)
    window.move(left, top)


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
        self.placeholder: QWidget | None = None
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        # A page that does not fit (a small screen, a large font) scrolls instead of
        # making the window larger than the screen (issue 13 point 1). The scroll area is
        # made with the content: the first QScrollArea makes PySide6 create some 160 enum
        # types (~40 ms), which start-up would otherwise pay before the first frame.
        self.scroll: QScrollArea | None = None

    def set_placeholder(self, widget: QWidget) -> None:
        """What the page shows until its content is built."""
        self.placeholder = widget
        self._outer.addWidget(widget)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            if self.placeholder is not None:
                self.placeholder.hide()
                self.placeholder.deleteLater()
                self.placeholder = None
            from PySide6.QtCore import Qt  # not at start: the Qt enums cost ~15 ms

            self.content = self._factory()
            self.scroll = QScrollArea()
            self.scroll.setObjectName(f"{self.objectName()}Scroll")
            self.scroll.setWidgetResizable(True)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
            inner = QWidget()
            layout = QVBoxLayout(inner)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.content)
            self.scroll.setWidget(inner)
            self._outer.addWidget(self.scroll)
            self.setFocusProxy(self.content)
            self.built.emit(self.content)
        return self.content


def _opening_note() -> QWidget:
    """The Today page's place while the diary is opened: its title, and what is happening."""
    note = QWidget()
    note.setObjectName("openingNote")
    layout = QVBoxLayout(note)
    title = QLabel("Today")
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.4)  # as the Today page's own title
    title.setFont(font)
    layout.addWidget(title)
    line = QLabel("Opening your diary…")
    line.setAccessibleName("Opening your diary")
    layout.addWidget(line)
    layout.addStretch(1)
    return note


class MainWindow(QMainWindow):
    """The FibroDesk window on one diary.

    Attributes:
        ctx: the shared :class:`AppContext`.
        pages: page key -> :class:`LazyPage`.
        diary_ready: the diary is open and the Today page built (see
            :meth:`diary_opened`); until then the window shows "Opening your diary…".
    """

    def __init__(self, ctx: AppContext, *, diary_open: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.setParent(self)
        self.setObjectName("mainWindow")
        self.setWindowTitle("FibroDesk")
        self.pages: dict[str, LazyPage] = {}
        self._buttons: dict[str, QPushButton] = {}
        self.diary_ready = False
        self._asked_page = "today"

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = self._make_banner()
        outer.addWidget(self.banner)
        self._notices = outer  # notice bars with actions go under the banner
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
            button.clicked.connect(lambda _=False, k=key: self.go_to(k))
            group.addButton(button)
            side.addWidget(button)
            self._buttons[key] = button
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
        self._restore_geometry()
        self._buttons["today"].setChecked(True)
        if diary_open:
            self.diary_opened()
        else:
            self.pages["today"].set_placeholder(_opening_note())

    def diary_opened(self) -> None:
        """The diary is open: build and show the page asked for (Today, unless the person
        picked another meanwhile), and start the reminders a little later."""
        if self.diary_ready:
            return
        self.diary_ready = True
        self.ctx.create_settings_file()
        # Reminders (and the tray icon) start once the window is up: start-up pays only
        # for the first page.
        QTimer.singleShot(REMINDERS_DELAY_MS, self._start_reminders)
        self.pages["today"].ensure_built()  # it owns the Edit menu's undo and redo
        self.show_page(self._asked_page)

    # -- pages ------------------------------------------------------------------------
    def _factory(self, module: str, cls: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            page_cls = getattr(importlib.import_module(module), cls)
            return page_cls(self.ctx)

        return build

    def go_to(self, key: str) -> None:
        """A page asked for from the sidebar, a shortcut or the View menu; while the diary
        is still being opened, it is shown as soon as it is open."""
        if self.diary_ready:
            self.show_page(key)
        else:
            self._asked_page = key
            self._buttons[key].setChecked(True)

    def show_page(self, key: str) -> QWidget:
        """Show a page (building it the first time) and return its content widget.

        Only once the diary is open (:attr:`diary_ready`).
        """
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
        current = self.current_page() if self.diary_ready else self._asked_page
        self.go_to(keys[(keys.index(current) + step) % len(keys)])

    def _start_reminders(self) -> None:
        if getattr(self, "_closed", False) or self.reminders is not None:
            return  # closed within the delay (its diary may no longer be open), or started
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
        from PySide6.QtCore import Qt  # not at start: the Qt enums cost ~15 ms

        # A reminder may carry a name typed or imported (an exercise's): shown as text.
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner_label.setText(sentence)
        self.banner.setAccessibleDescription(sentence)
        self.banner.show()

    def add_notice_bar(self, bar: QWidget) -> None:
        """Put a notice with buttons of its own (the dose follow-up) under the banner."""
        self._notices.insertWidget(self._notices.indexOf(self.banner) + 1, bar)

    # -- menus ------------------------------------------------------------------------
    # Shortcuts are given as one-item lists (setShortcuts): PySide6's setShortcut, for its
    # overloads, creates every enum of the Qt namespace, about 15 ms before the first paint.
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.file_menu = file_menu
        for text, shortcut, handler in (
            ("&Export…", "Ctrl+E", self._export),
            ("&Import…", "Ctrl+I", self._import),
            ("Import CSV &folder…", "", self._import_folder),
            ("&Backups…", "Ctrl+B", self._backups),
            ("&Reminders…", "", self._reminders),
            ("&Treatments…", "Ctrl+T", self._treatments),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcuts([QKeySequence(shortcut)])
            action.triggered.connect(handler)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        # The platform's Quit keys; Ctrl+Q where it names none (X11 with no desktop's theme).
        quits = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(quits or [QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        # Edit: undo and redo of the body map; the Today page owns the actions and their
        # shortcuts (Ctrl+Z, Ctrl+Shift+Z).
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.pages["today"].built.connect(self._fill_edit_menu)

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
            action.triggered.connect(lambda _=False, k=key: self.go_to(k))
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])
            view.addAction(action)
        install_trigger_menus(self)  # File > Import weather, View > cycle (trigger_menus.py)
        install_help_menu(self)  # Help: first steps, shortcuts, About (ui/help.py)

    def _fill_edit_menu(self, today: QWidget) -> None:
        for action in getattr(today, "edit_actions", lambda: [])():
            self.edit_menu.addAction(action)

    # Dialogs live in their own modules, imported only when asked for; each needs the
    # diary, so none opens in the moment before it is open.
    def _export(self) -> None:
        if not self.diary_ready:
            return
        from fibrodesk.ui.transfer import export_dialog

        export_dialog(self.ctx, self)

    def _import(self, folder: bool = False) -> None:
        if not self.diary_ready:
            return
        from fibrodesk.ui.transfer import choose_and_import

        choose_and_import(self.ctx, self, folder=folder)

    def _import_folder(self) -> None:
        self._import(folder=True)

    def _backups(self) -> None:
        if not self.diary_ready:
            return
        from fibrodesk.ui.backups_dialog import BackupsDialog

        BackupsDialog(self.ctx, self).exec()

    def _reminders(self) -> None:
        """The evening diary reminder and session reminders, with or without a plan."""
        if not self.diary_ready:
            return
        from fibrodesk.ui.reminders_dialog import RemindersDialog

        RemindersDialog.edit(self.ctx, self)

    def _treatments(self) -> None:
        if not self.diary_ready:
            return
        from fibrodesk.ui.treatments_dialog import open_treatments

        open_treatments(self.ctx, self)

    def set_theme(self, name: str) -> None:
        applied = apply_theme(name)
        self.ctx.settings.setValue("theme", applied)

    # -- geometry ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.ctx.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            fit_on_screen(self)
        else:
            self.resize(first_start_size(self.screen().availableGeometry().size()))
        state = self.ctx.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_geometry(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState())
        self.ctx.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.diary_ready:  # closed at the recovery question: nothing is written
            self.save_geometry()
        self._closed = True
        super().closeEvent(event)
        if event.isAccepted():
            # A page's pending refresh must not run once the window is gone (its diary
            # may be closed, or another one open in its place).
            for timer in self.findChildren(QTimer):
                timer.stop()
