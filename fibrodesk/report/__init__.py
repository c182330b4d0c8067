"""The clinician report: a one-page summary of a period against the period before it,
then graphs and tables.

* :mod:`.period` and :mod:`.summary` compute every figure from the diary (no Qt);
* :mod:`.document` turns the figures into a document of headings, facts, tables, body
  maps and graphs (no Qt), the one source of the PDF, the print-out and the accessible
  HTML copy;
* :mod:`.pages` lays the document out on pages and paints it with Qt (:mod:`.figures`
  draws the body maps and graphs), :mod:`.writer` writes the PDF or prints, and
  :mod:`.html` writes the accessible copy.
"""
