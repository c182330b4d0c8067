"""``export_diary``: one entry point for every export format, for the command line and
the window alike.

Each format lives in its own module (``json_io``, ``csv_io``, ``fhir``, ``ics``); this
dispatcher only picks one and imports it when asked, so an export pays only for its own
format. Every writer returns one line saying what it wrote.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fibrodesk.errors import UserError
from fibrodesk.progress import Cancelled, Progress, Steps, reporting

FORMATS = ("csv", "json", "fhir", "ics", "pdf")


def export_diary(
    fmt: str,
    out: Path,
    start: date | None = None,
    end: date | None = None,
    progress: Progress | None = None,
) -> str:
    """Write the open diary (or the records from ``start`` to ``end``, both included) to
    ``out`` in ``fmt``; returns a sentence saying what was written.

    ``progress(done, total)`` hears of the rows written (each hundredth); when it returns
    False the export stops, its unfinished file is removed and an earlier file at ``out``
    stays as it was (:class:`~fibrodesk.progress.Cancelled`).

    Raises :class:`~fibrodesk.errors.UserError` for a format or path that cannot be used.
    """
    out = Path(out).expanduser()
    if start is not None and end is not None and start > end:
        raise UserError("The start date is after the end date; give the earlier date first.")
    if progress is None:
        return _export(fmt, out, start, end)
    if fmt == "pdf":  # the report counts its own steps: its figures, then its pages
        from fibrodesk.report.writer import export_report

        return export_report(out, start, end, progress)
    from . import records as r

    total = sum(len(rows) for rows in r.collect(stream=True).values())
    if fmt == "csv" and out.suffix.lower() != ".zip":
        said = (
            f"The export was cancelled; the folder {out} may hold files of this export beside "
            "earlier ones, so export again before using it."
        )
    else:
        said = f"The export was cancelled; nothing was written, and {out} is as it was."
    steps = Steps(progress, total, Cancelled(said), every=min(2000, total // 100))
    with reporting(steps):
        message = _export(fmt, out, start, end)
    progress(steps.total, steps.total)
    return message


def _export(fmt: str, out: Path, start: date | None, end: date | None) -> str:
    if fmt == "json":
        from .json_io import write_json

        return write_json(out, start, end)
    if fmt == "csv":
        from .csv_io import write_csv

        return write_csv(out, start, end)
    if fmt == "fhir":
        from .fhir import write_fhir

        return write_fhir(out, start, end)
    if fmt == "ics":
        try:
            from .ics import write_ics
        except ModuleNotFoundError as exc:
            if exc.name != "fibrodesk.io.ics":
                raise
            raise UserError(
                "The calendar export (ics) is not available in this version yet; "
                "export csv or json instead."
            ) from None
        return str(write_ics(out, start, end))
    if fmt == "pdf":
        from fibrodesk.report.writer import export_report

        return export_report(out, start, end)
    raise UserError(f"FibroDesk cannot export {fmt!r}; choose one of {', '.join(FORMATS)}.")
