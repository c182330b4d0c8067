"""The Reports page: the clinician report for a chosen period, previewed page by page,
saved as a PDF, printed, or saved as an accessible HTML copy.

The figures and the document come from :mod:`fibrodesk.report` (the same code as
``fibrodesk export --format pdf``); this page only chooses the period, keeps the
person's details and questions (through :func:`fibrodesk.db.report_data.save_report_details`,
one operation) and shows the pages.

The figures are gathered on a worker thread (:mod:`fibrodesk.ui.report_gathering`): the
page stays free while they are, shows its progress and a Cancel button once that has
taken half a second, and a new choice supersedes a gathering still running. The pages are
laid out and painted here, on the window's thread. Saving, printing or the accessible
copy of a report not yet previewed gather it first under their own progress dialog.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QPageSize, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import now
from fibrodesk.db import report_data
from fibrodesk.db.changes import Change
from fibrodesk.db.report_data import ReportDetails
from fibrodesk.report.period import CHOICES, Period, period_for
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.page_title import page_title
from fibrodesk.ui.report_actions import PrintDialog, ReportActions, SaveDialog
from fibrodesk.ui.report_gathering import PreviewGathering
from fibrodesk.ui.report_worker import layout_of

__all__ = ["PrintDialog", "ReportsPage", "SaveDialog"]  # the dialogs tests replace

if TYPE_CHECKING:
    from fibrodesk.report.pages import Layout
    from fibrodesk.report.summary import ReportSummary

PREVIEW_DPI = 80.0  # the preview's scale when there is room: about 2/3 of the paper's size
# Narrower than this the preview scrolls sideways rather than shrink: 60 dots per inch
# on the screen (9-point text about 7.5 screen pixels tall). At a large system font Qt
# scales the window by 1.5 (or more): 40 of its own dots per inch are then 60 on screen,
# which lets the whole page fit beside the wider side column.
SMALLEST_SCREEN_DPI = 60.0
FIT_DELAY_MS = 150  # after the preview is resized, its pages are painted again to fit
REFRESH_DELAY_MS = 300


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportsPage(ReportActions, QWidget):
    """Attributes:
    layout_pages: the laid-out report now previewed (a :class:`~fibrodesk.report.pages.Layout`).
    document: the report's document now previewed; summary: its figures.
    gathering: the preview's figures being gathered (:class:`PreviewGathering`).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsContent")
        self.summary: ReportSummary | None = None
        self.document = None
        self.layout_pages: Layout | None = None
        self._current = False  # the preview is of the period chosen and the diary as it is
        self.gathering = PreviewGathering(self)
        self.gathering.slow.connect(self._show_progress)
        self.gathering.progressed.connect(self._progressed)
        self.gathering.gathered.connect(self._gathered)
        self.gathering.failed.connect(self._failed)
        self._loading = True
        self._build()
        self._load_details()
        self._loading = False
        self._dirty = False
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        from fibrodesk.report.writer import page_size_for

        outer = QHBoxLayout(self)
        side = QWidget()
        side.setObjectName("reportControls")
        form = QFormLayout()
        col = QVBoxLayout(side)
        title = page_title("Report for your doctor")
        title.setWordWrap(True)  # a narrow column at a large font
        col.addWidget(title)
        intro = QLabel(
            "A summary page of the period against the period before it, then graphs and "
            "tables. Your name and questions appear only on the report."
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        col.addLayout(form)

        self.period_combo = QComboBox(objectName="reportPeriod")
        for key, words in CHOICES:
            self.period_combo.addItem(words, key)
        self.period_combo.setCurrentIndex(1)  # 12 weeks
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        form.addRow("&Period:", self.period_combo)
        today = now().date()
        self.from_edit = QDateEdit(_qdate(today.replace(day=1)), objectName="reportFrom")
        self.to_edit = QDateEdit(_qdate(today), objectName="reportTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.dateChanged.connect(self.schedule_refresh)
        form.addRow("&From:", self.from_edit)
        form.addRow("&To:", self.to_edit)
        self.comparison_label = QLabel(objectName="reportComparison")
        self.comparison_label.setWordWrap(True)
        self.comparison_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("Compared with:", self.comparison_label)
        self.paper_combo = QComboBox(objectName="reportPaper")
        self.paper_combo.addItem("A4", QPageSize.PageSizeId.A4)
        self.paper_combo.addItem("US Letter", QPageSize.PageSizeId.Letter)
        letter = page_size_for().id() == QPageSize.PageSizeId.Letter
        self.paper_combo.setCurrentIndex(1 if letter else 0)
        self.paper_combo.currentIndexChanged.connect(self.schedule_refresh)
        form.addRow("P&aper:", self.paper_combo)

        self.name_edit = QLineEdit(objectName="reportName", placeholderText="optional")
        self.birth_edit = QLineEdit(objectName="reportBirth", placeholderText="optional")
        self.clinician_edit = QLineEdit(objectName="reportClinician", placeholderText="optional")
        for label, edit in (
            ("&Name:", self.name_edit),
            ("Date of &birth:", self.birth_edit),
            ("&Clinician:", self.clinician_edit),
        ):
            edit.setMaxLength(report_data.MAX_TEXT)
            edit.editingFinished.connect(self._details_edited)
            form.addRow(label, edit)
        ask = QLabel("&What I want to ask (one question a line):")
        ask.setWordWrap(True)
        self.questions_edit = QPlainTextEdit(objectName="reportQuestions")
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.textChanged.connect(self._questions_edited)
        ask.setBuddy(self.questions_edit)
        col.addWidget(ask)
        col.addWidget(self.questions_edit, 1)

        self.pdf_button = QPushButton("&Save as PDF…", objectName="reportSavePdf")
        self.print_button = QPushButton("&Print…", objectName="reportPrint")
        self.html_button = QPushButton(
            "Save an &accessible copy (HTML)…", objectName="reportSaveHtml"
        )
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        self.html_button.clicked.connect(self.save_html)
        for button in (self.pdf_button, self.print_button, self.html_button):
            col.addWidget(button)
        self.progress = QProgressBar(objectName="reportProgress", maximum=100)
        self.progress.setFormat("Gathering the figures… %p%")
        self.cancel_button = QPushButton("Cancel", objectName="reportCancel")
        self.cancel_button.setAccessibleName("Cancel the preview")
        self.cancel_button.clicked.connect(self.cancel_preview)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        col.addLayout(busy)
        self.update_button = QPushButton("&Update preview", objectName="reportUpdate")
        self.update_button.clicked.connect(self.refresh)
        col.addWidget(self.update_button)
        for widget in (self.progress, self.cancel_button, self.update_button):
            widget.hide()
        self.status = QLabel(objectName="reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.status)

        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setMinimumWidth(300)
        side_scroll.setMaximumWidth(420)
        outer.addWidget(side_scroll)

        self.preview = QWidget(objectName="reportPreview")
        self.preview_layout = QVBoxLayout(self.preview)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_scroll = QScrollArea(objectName="reportPreviewScroll")
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setAccessibleName("Report preview")
        outer.addWidget(self.preview_scroll, 1)
        self.page_labels: list[QLabel] = []
        # The pages fit the preview's width: with a large system font the side column is
        # wider and the preview narrower, and a page cut on the right would have to be
        # scrolled sideways line by line. Painted again once a resize has settled.
        self._painted_dpi = 0.0
        self._fit_timer = QTimer(self, singleShot=True, interval=FIT_DELAY_MS)
        self._fit_timer.timeout.connect(self._fit_pages)
        self.preview_scroll.viewport().installEventFilter(self)
        self.setFocusProxy(self.period_combo)
        self._period_changed()

    # ------------------------------------------------------------------ state

    def period(self) -> Period:
        key = self.period_combo.currentData()
        if key == "custom":
            first, last = _pydate(self.from_edit.date()), _pydate(self.to_edit.date())
            return Period(min(first, last), max(first, last))
        return period_for(key, now().date())

    def page_size(self) -> QPageSize:
        return QPageSize(self.paper_combo.currentData())

    def details(self) -> ReportDetails:
        questions = tuple(self.questions_edit.toPlainText().splitlines())
        return report_data.clean_details(
            ReportDetails(
                self.name_edit.text(),
                self.birth_edit.text(),
                self.clinician_edit.text(),
                questions,
            )
        )

    def _load_details(self) -> None:
        saved = report_data.report_details()
        self.name_edit.setText(saved.name)
        self.birth_edit.setText(saved.birth_date)
        self.clinician_edit.setText(saved.clinician)
        self.questions_edit.setPlainText("\n".join(saved.questions))

    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        if not custom:  # the dates of the chosen period, ready to adjust as from-to
            period = period_for(self.period_combo.currentData(), now().date())
            for edit, day in ((self.from_edit, period.start), (self.to_edit, period.end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        self.schedule_refresh()

    def _details_edited(self) -> None:
        if self._loading:
            return
        details = self.details()
        self.ctx.perform(lambda: report_data.save_report_details(details), source=self)
        self.schedule_refresh()

    def _questions_edited(self) -> None:
        if not self._loading:
            self._timer.start()
            self._questions_dirty = True

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is self:
            return
        if change.touches("settings") and not change.everything:
            return  # the report's details are this page's own
        self.schedule_refresh()

    def _diary_is_open(self) -> bool:
        from fibrodesk.db.database import diary_open_in

        return diary_open_in(self.ctx.data_dir)

    def schedule_refresh(self) -> None:
        if not getattr(self, "_loading", True):
            self._current = False
            self._watch_window()
            self._timer.start()

    def _watch_window(self) -> None:
        top = self.window()
        if top is not self and top is not getattr(self, "_watched", None):
            top.installEventFilter(self)
            self._watched = top

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and watched is self.preview_scroll.viewport():
            self._fit_timer.start()
        # The window closes (and then its diary): a pending refresh waits for the next show
        # instead of reading a diary that is gone.
        if (
            watched is getattr(self, "_watched", None)
            and event.type() == QEvent.Type.Close
            and (self._timer.isActive() or self.gathering.running())
        ):
            self._timer.stop()
            self.gathering.cancel()
            self._dirty = True
        return super().eventFilter(watched, event)

    def _shown(self) -> bool:
        """Whether this page is the one the window shows (shown on screen or not)."""
        return self.isVisibleTo(self.window())

    def _refresh_if_shown(self) -> None:
        # A page not shown is brought up to date when it is shown again (showEvent).
        if self._shown():
            self.refresh()
        else:
            self._dirty = True

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self._save_questions()  # what was typed is kept even if the page is left at once
        super().hideEvent(event)

    def _save_questions(self) -> None:
        if getattr(self, "_questions_dirty", False) and self._diary_is_open():
            self._questions_dirty = False
            details = self.details()
            self.ctx.perform(lambda: report_data.save_report_details(details), source=self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            self.schedule_refresh()

    # ------------------------------------------------------------------ building

    def refresh(self) -> None:
        """Gather the report's figures afresh (on a worker thread) and show its pages once
        they are in; a gathering still running is superseded."""
        self._timer.stop()
        self._dirty = False
        if not self._diary_is_open():
            return  # a window closed on its diary: its timer must not read another one
        self._save_questions()
        self._watch_window()  # the window closing cancels the gathering
        self._current = False
        self.update_button.hide()
        self.progress.setValue(0)
        self.gathering.request(self._show_period(), self.details())

    def _show_period(self) -> Period:
        """The period chosen, its comparison period written beside it."""
        period = self.period()
        comparison = period.previous()
        self.comparison_label.setText(f"{comparison.words()} ({comparison.days} days before)")
        return period

    def _show_progress(self) -> None:
        self.progress.show()
        self.cancel_button.show()

    def _progressed(self, percent: int) -> None:
        self.progress.setValue(percent)

    def _idle(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def cancel_preview(self) -> None:
        """Cancel: the gathering stops and the page stays as it was.

        Decision: the previous preview stays on screen (it is a true report of its own
        period, and making it again would cost the same wait), with one sentence saying
        which period it shows and how to make the one chosen; Save, Print and the
        accessible copy gather the chosen period first, so none of them hands over the
        older report by mistake."""
        if not self.gathering.cancel():
            return
        self._idle()
        shown = self.summary.period if self.summary is not None else None
        if shown is not None and self.layout_pages is not None:
            self._tell(
                f"Preview cancelled – it still shows {shown.words()}; press Update preview "
                "to make it for the period chosen."
            )
        else:
            self._tell("Preview cancelled – press Update preview to make it again.")
        self.update_button.show()

    def _failed(self, sentence: str) -> None:
        self._idle()
        self._tell(sentence)
        self.update_button.show()

    def _gathered(self, summary: ReportSummary) -> None:
        self._idle()
        self._tell("")
        self._show(summary)

    def _show(self, summary: ReportSummary) -> None:
        """Lay out and paint the report of ``summary`` (the window's thread: Qt paints)."""
        self.summary = summary
        self.layout_pages = layout_of(summary, self.page_size())
        self.document = self.layout_pages.doc
        self._current = True
        self.update_button.hide()
        self._set_page_count(len(self.layout_pages.pages))
        self._paint_pages()

    def preview_dpi(self) -> float:
        """The scale at which the pages fit the preview's width: :data:`PREVIEW_DPI` when
        there is room, less (down to :data:`SMALLEST_SCREEN_DPI` on the screen) when
        there is not."""
        if self.layout_pages is None:
            return PREVIEW_DPI
        margins = self.preview_layout.contentsMargins()
        room = self.preview_scroll.viewport().width() - margins.left() - margins.right()
        if not self.preview_scroll.verticalScrollBar().isVisible():
            # A report of several pages will scroll: leave the bar's room from the start.
            room -= self.preview_scroll.verticalScrollBar().sizeHint().width()
        room -= 2 * 2  # each page's frame
        fit = room * 72 / self.layout_pages.width
        smallest = SMALLEST_SCREEN_DPI / (self.devicePixelRatioF() or 1.0)
        return max(smallest, min(PREVIEW_DPI, fit))

    def _fit_pages(self) -> None:
        if self.layout_pages is not None and abs(self.preview_dpi() - self._painted_dpi) >= 1:
            self._paint_pages()

    def _paint_pages(self) -> None:
        from fibrodesk.report.writer import render_page

        assert self.layout_pages is not None
        pages = len(self.layout_pages.pages)
        dpi = self.preview_dpi()
        self._painted_dpi = dpi
        ratio = self.devicePixelRatioF() or 1.0
        for index, label in enumerate(self.page_labels):
            image = render_page(self.layout_pages, index, dpi * ratio)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setAccessibleName(f"Page {index + 1} of {pages}")

    def _set_page_count(self, count: int) -> None:
        while len(self.page_labels) < count:
            label = QLabel(objectName=f"reportPage{len(self.page_labels) + 1}")
            label.setFrameShape(QLabel.Shape.Box)
            self.preview_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        while len(self.page_labels) > count:
            self.page_labels.pop().deleteLater()

    def _tell(self, text: str) -> None:
        self.status.setText(text)
