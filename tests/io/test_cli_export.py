"""``fibrodesk export`` and ``fibrodesk import`` as a person types them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fibrodesk.app import main
from fibrodesk.db.database import close_diary, open_diary
from tests.io.fixtures.sample import build_sample, file_hash


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """A diary folder holding the sample, closed (as between two commands)."""
    open_diary(data_dir)
    build_sample()
    close_diary()
    return data_dir


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_csv_then_import_it_elsewhere(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export"
    code, stdout, stderr = _run(
        capsys, "export", "--format", "csv", "--out", str(out), "--data-dir", str(filled)
    )
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"Wrote {out} (12 pain marks, 3 check-ins")
    with (out / "pain_marks.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 12

    other = tmp_path / "other"
    code, stdout, stderr = _run(capsys, "import", str(out), "--data-dir", str(other))
    assert (code, stderr) == (0, "")
    assert stdout.startswith(
        "Added 12 pain marks, 3 check-ins, 1 tender-point exam, 4 exercise sessions"
    )
    assert stdout.count("\n") == 1

    code, stdout, stderr = _run(capsys, "import", str(out), "--data-dir", str(other))
    assert code == 0
    assert stdout.startswith("Nothing new; skipped ")


def test_export_json_with_a_range(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "range.json"
    code, stdout, _ = _run(
        capsys,
        "export", "--format", "json", "--out", str(out),
        "--from", "2025-03-02", "--to", "2025-03-02", "--data-dir", str(filled),
    )  # fmt: skip
    assert code == 0 and "4 pain marks, 1 check-in" in stdout
    doc = json.loads(out.read_text("utf-8"))
    assert {r["date"] for r in doc["tables"]["entry"]} == {"2025-03-02"}


def test_export_fhir_and_zip(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = _run(
        capsys,
        "export",
        "--format",
        "fhir",
        "--out",
        str(tmp_path / "f.json"),
        "--data-dir",
        str(filled),
    )
    assert (
        code == 0
        and stdout
        == f"Wrote {tmp_path / 'f.json'} (12 pain observations, 2 medication statements).\n"
    )
    code, _, _ = _run(
        capsys,
        "export",
        "--format",
        "csv",
        "--out",
        str(tmp_path / "x.zip"),
        "--data-dir",
        str(filled),
    )
    assert code == 0 and (tmp_path / "x.zip").is_file()


def test_pdf_writes_the_clinician_report(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    code, stdout, stderr = _run(
        capsys,
        "export",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "r.pdf"),
        "--data-dir",
        str(filled),
    )
    assert (code, stderr) == (0, "")
    assert stdout.startswith("Wrote the clinician report for ")
    text = " ".join(PdfReader(tmp_path / "r.pdf").pages[0].extract_text().split())
    assert "Clinician report" in text and "Leg pain" in text


def test_export_to_a_missing_folder(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, stderr = _run(
        capsys,
        "export",
        "--format",
        "json",
        "--out",
        str(tmp_path / "no" / "x.json"),
        "--data-dir",
        str(filled),
    )
    assert code == 1 and stderr.count("\n") == 1 and "does not exist" in stderr


def test_a_broken_import_is_one_line_on_stderr(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(
        capsys,
        "export",
        "--format",
        "json",
        "--out",
        str(tmp_path / "good.json"),
        "--data-dir",
        str(filled),
    )
    text = (
        (tmp_path / "good.json").read_text("utf-8").replace('"intensity": 3', '"intensity": 42', 1)
    )
    (tmp_path / "bad.json").write_text(text, "utf-8")
    before = file_hash(filled)
    code, stdout, stderr = _run(
        capsys, "import", str(tmp_path / "bad.json"), "--data-dir", str(filled)
    )
    assert code == 1 and stdout == ""
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith(
        "Nothing was imported from bad.json; correct the file or export it again."
    )
    assert "intensity: 42 is outside 0 to 10." in stderr
    assert file_hash(filled) == before


def test_importing_a_missing_path(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, stderr = _run(
        capsys, "import", str(tmp_path / "nope.json"), "--data-dir", str(data_dir)
    )
    assert code == 1
    assert stderr == f"There is no file or folder at {tmp_path / 'nope.json'}; check the path.\n"
