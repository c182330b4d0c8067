"""An import's memory is bounded (issue 14 point 4): the peak resident set of a child
process importing a 200 MB json export stays under the bound docs/formats.md states:
three times the file's size plus 100 MB. Measured from the child itself
(``resource.getrusage(RUSAGE_CHILDREN)`` of a wrapper that only runs the import); no
timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from fibrodesk.db.migrations import SCHEMA_VERSION
from fibrodesk.io import records as r

ROOT = Path(__file__).resolve().parents[2]

WRAPPER = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "fibrodesk", *sys.argv[1:]], capture_output=True, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stdout.strip(), sep="|")
"""


def _big_export(path: Path, megabytes: int = 200) -> None:
    """A valid json export of entries with long notes, about ``megabytes`` MB."""
    note = ("pain " * 4000)[:19_900]
    count = megabytes * 1_000_000 // 20_150
    columns = r.BY_NAME["entry"].column_names
    with path.open("w", encoding="utf-8") as fh:
        head = {
            "format": "fibrodesk",
            "version": 1,
            "schema": SCHEMA_VERSION,
            "exported_at": "2026-01-01T00:00:00+00:00",
            "range": {"from": None, "to": None},
        }
        fh.write(json.dumps(head)[:-1] + ', "tables": {"entry": [\n')
        for i in range(count):
            day = f"{2000 + i // 336 % 150}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            stamp = f"{day}T08:00:00+00:00"
            row = dict.fromkeys(columns)
            row.update(
                id=str(uuid.UUID(int=i + 1)),
                created_at=stamp,
                updated_at=stamp,
                recorded_at=stamp,
                date=day,
                label="Morning",
                note=note,
            )
            if "for_doctor" in row:
                row["for_doctor"] = False
            fh.write(json.dumps(row) + (",\n" if i < count - 1 else "\n"))
        fh.write("]}}\n")


@pytest.mark.skipif(sys.platform == "win32", reason="resource is Unix only")
def test_importing_a_200_mb_file_stays_under_the_stated_bound(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    _big_export(source)
    size = source.stat().st_size
    assert 190_000_000 < size < 210_000_000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, "import", str(source), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    code, peak_kb, said = out.split("|")
    assert code == "0" and said.startswith("Added "), out
    bound = 3 * size + 100 * 1024 * 1024
    assert int(peak_kb) * 1024 < bound, f"peak {int(peak_kb) // 1024} MB"
