"""The words of the FIQR and PGIC questionnaires: each item's short label and its own
anchors for 0 and 10 (domain.md s.5).

The FIQR's direction differs from item to item (energy "0 lots of energy ... 10 no
energy", sleep "0 awoke well rested ... 10 awoke very tired"), so every item carries its
own two anchors and every screen shows them beside the answer; one shared "0 none, 10
worst" heading would let a person answer some items backwards. The labels are the app's
own short wording of the published item topics (Bennett et al. 2009, Arthritis Res Ther
11:R120), not the licensed form's text.
"""

from __future__ import annotations

from typing import NamedTuple


class FiqrItem(NamedTuple):
    """One FIQR item.

    Attributes:
        section: ``function``, ``overall`` or ``symptoms``.
        label: the app's short wording of the item.
        low: what 0 means for this item.
        high: what 10 means for this item.
    """

    section: str
    label: str
    low: str
    high: str

    @property
    def anchors(self) -> str:
        """Both ends in words, as shown beside the answer: ``0 no pain ... 10 unbearable
        pain``."""
        return f"0 {self.low} ... 10 {self.high}"


_DIFFICULTY = ("no difficulty", "very difficult")
_FREQUENCY = ("never", "always")

FIQR_ITEMS: tuple[FiqrItem, ...] = (
    FiqrItem("function", "Brush or comb your hair", *_DIFFICULTY),
    FiqrItem("function", "Walk for 20 minutes without a stop", *_DIFFICULTY),
    FiqrItem("function", "Cook a meal at home", *_DIFFICULTY),
    FiqrItem("function", "Vacuum, scrub or sweep the floor", *_DIFFICULTY),
    FiqrItem("function", "Lift and carry a full bag of shopping", *_DIFFICULTY),
    FiqrItem("function", "Go up one flight of stairs", *_DIFFICULTY),
    FiqrItem("function", "Change the sheets on a bed", *_DIFFICULTY),
    FiqrItem("function", "Sit in a chair for 45 minutes", *_DIFFICULTY),
    FiqrItem("function", "Do the food shopping", *_DIFFICULTY),
    FiqrItem("overall", "Fibromyalgia kept me from reaching my goals this week", *_FREQUENCY),
    FiqrItem("overall", "My symptoms completely overwhelmed me", *_FREQUENCY),
    FiqrItem("symptoms", "Your level of pain", "no pain", "unbearable pain"),
    FiqrItem("symptoms", "Your level of energy", "lots of energy", "no energy"),
    FiqrItem("symptoms", "Your level of stiffness", "no stiffness", "severe stiffness"),
    FiqrItem("symptoms", "How rested you woke up (sleep)", "awoke well rested", "awoke very tired"),
    FiqrItem("symptoms", "Your level of depression", "no depression", "very depressed"),
    FiqrItem("symptoms", "Your memory", "good memory", "very poor memory"),
    FiqrItem("symptoms", "Your level of anxiety", "not anxious", "very anxious"),
    FiqrItem("symptoms", "Tenderness to touch", "no tenderness", "very tender"),
    FiqrItem("symptoms", "Your balance", "no imbalance", "severe imbalance"),
    FiqrItem(
        "symptoms",
        "Sensitivity to noise, light, smells or cold",
        "no sensitivity",
        "extreme sensitivity",
    ),
)

FIQR_SECTIONS: tuple[str, ...] = ("function", "overall", "symptoms")
FIQR_SECTION_TITLES: dict[str, str] = {
    "function": "Function: over the past 7 days, how hard was it to...",
    "overall": "Overall: over the past 7 days...",
    "symptoms": "Symptoms: over the past 7 days, rate...",
}
FIQR_FUNCTION_ITEMS: tuple[str, ...] = tuple(i.label for i in FIQR_ITEMS if i.section == "function")
FIQR_OVERALL_ITEMS: tuple[str, ...] = tuple(i.label for i in FIQR_ITEMS if i.section == "overall")
FIQR_SYMPTOM_ITEMS: tuple[str, ...] = tuple(i.label for i in FIQR_ITEMS if i.section == "symptoms")

# ------------------------------------------------------------------------------ PGIC

PGIC_QUESTION = (
    "Since you started this diary, how would you describe the change in your overall condition?"
)
# Answer 1..7 as stored (schema v2 table pgic).
PGIC_ANSWERS: tuple[str, ...] = (
    "Very much improved",
    "Much improved",
    "Minimally improved",
    "No change",
    "Minimally worse",
    "Much worse",
    "Very much worse",
)
PGIC_EVERY_DAYS = 28  # offered every 4 weeks (domain.md s.5)


def pgic_text(answer: int) -> str:
    """The words of a PGIC answer 1-7; ``ValueError`` for anything else."""
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 7:
        raise ValueError(f"a PGIC answer is from 1 to 7, not {answer!r}")
    return PGIC_ANSWERS[answer - 1]
