"""The whole clinician report: page 1 (:mod:`fibrodesk.report.document`), then the
medications (:mod:`fibrodesk.report.medication`), then the graphs and tables
(:mod:`fibrodesk.report.evidence`). Its own module, so that neither of those
imports the other back."""

from __future__ import annotations

from fibrodesk.report.document import Document, PageBreak, first_page
from fibrodesk.report.evidence import evidence_blocks
from fibrodesk.report.medication import medication_blocks
from fibrodesk.report.summary import ReportSummary


def build_document(s: ReportSummary) -> Document:
    """The whole report for a summary: page 1, then medications, graphs and tables."""
    footer, blocks, ends = first_page(s)
    if not ends:
        blocks.append(PageBreak())
        blocks += medication_blocks(s)
        blocks += evidence_blocks(s)
    return Document("Clinician report", footer, tuple(blocks))
