"""The History page's box of plain-words patterns and boom-bust days."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from fibrodesk.core import insights as core_insights
from fibrodesk.core import treatment_effect

INSIGHT_KINDS = 5  # exercise next day, sleep, trend, flare days, boom-bust
EPISODE_ROWS = 3


class InsightsBox(QGroupBox):
    """What went together in the range shown.

    Attributes:
        label: the patterns, one sentence a line (exercise, sleep, trend, flares, then
            the person's tags, pressure falls and cycle phases).
        treatments_label: each treatment's leg regions before and after its doses.
        episodes_list: the boom-bust days, newest first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What went together in this range", parent)
        self.setObjectName("insightsBox")
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setObjectName("insightsText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for every kind of pattern, so that the graphs below do not jump (and need
        # repainting) when the patterns of a new range are written out.
        lines = INSIGHT_KINDS + 0.5
        self.label.setMinimumHeight(int(self.fontMetrics().lineSpacing() * lines))
        layout.addWidget(self.label)
        self.treatments_title = QLabel(
            "Leg pain in the hours around each treatment (an entry in the 3 hours before a "
            "dose or session and one 1 to 4 hours after it make a pair):"
        )
        self.treatments_title.setWordWrap(True)
        layout.addWidget(self.treatments_title)
        self.treatments_label = QLabel("–")
        self.treatments_label.setObjectName("treatmentEffects")
        self.treatments_label.setAccessibleName("Leg pain around each treatment")
        self.treatments_label.setWordWrap(True)
        self.treatments_label.setTextFormat(Qt.TextFormat.PlainText)
        self.treatments_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.treatments_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.treatments_label)
        self.episodes_title = QLabel(
            "Days with at least one and a half times your longest exercise day of the two "
            "weeks before, after which a flare began within 2 days:"
        )
        self.episodes_title.setWordWrap(True)
        layout.addWidget(self.episodes_title)
        self.episodes_list = QListWidget()
        self.episodes_list.setObjectName("boomBustList")
        self.episodes_list.setAccessibleName("Boom-bust days")
        self.episodes_list.addItem("–")
        rows = EPISODE_ROWS * self.episodes_list.sizeHintForRow(0)
        self.episodes_list.setFixedHeight(rows + 2 * self.episodes_list.frameWidth())
        layout.addWidget(self.episodes_list)
        note = QLabel(
            "These are days that came together in your diary, counted as they are; "
            "a diary cannot tell what made a day better or worse. A comparison is shown only "
            f'when each side has at least {core_insights.MIN_DAYS} days; "middle half" is '
            "the range of the middle half of its days (lower to upper quartile). A "
            "treatment's change is shown for a leg region once it has "
            f"{treatment_effect.MIN_PAIRS} pairs, leaving out pairs with another treatment "
            "taken in between."
        )
        note.setWordWrap(True)
        font = note.font()
        font.setItalic(True)
        note.setFont(font)
        layout.addWidget(note)

    def show_pending(self) -> None:
        self.label.setText("Looking for patterns in this range…")
        self.treatments_label.setText("…")

    def show_treatments(self, summaries: list[treatment_effect.TreatmentSummary]) -> None:
        """One paragraph per treatment with a dose in the range (name order)."""
        if summaries:
            self.treatments_label.setText(
                "\n".join(treatment_effect.summary_words(s) for s in summaries)
            )
        else:
            self.treatments_label.setText("No dose or session with a time in this range.")

    def show_patterns(
        self,
        insights: list[core_insights.Insight],
        episodes: list[core_insights.BoomBustEpisode],
    ) -> None:
        if insights:
            self.label.setText("\n".join(i.sentence for i in insights))
        else:
            self.label.setText(
                "Not enough days in this range to compare yet: each side of a comparison "
                f"needs at least {core_insights.MIN_DAYS} days."
            )
        self.episodes_list.clear()
        if episodes:  # newest first; the list scrolls for more than it shows
            self.episodes_list.addItems([e.sentence for e in reversed(episodes)])
            self.episodes_list.setEnabled(True)
        else:
            self.episodes_list.addItem("None in this range.")
            self.episodes_list.setEnabled(False)
