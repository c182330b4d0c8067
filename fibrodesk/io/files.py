"""Writing export files safely: only where a file of ours may go, owner-only, and all or
nothing (a hidden file renamed into place at the end)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from fibrodesk.errors import SaveError, UserError


def check_target(out: Path, *, folder: bool = False) -> Path:
    """Refuse an export path that cannot be written, with a sentence saying why."""
    out = Path(out).expanduser()
    if not out.parent.is_dir():
        raise UserError(
            f"The folder {out.parent} does not exist; create it first or choose another path."
        )
    import stat

    try:
        mode = out.stat().st_mode  # what a symbolic link points to is what gets written
    except FileNotFoundError:
        return out
    except OSError as exc:
        raise UserError(
            f"{out} cannot be used for the export ({exc.strerror}); choose another path."
        ) from None
    if folder:
        if stat.S_ISDIR(mode):
            if any(out.iterdir()) and not (out / "manifest.json").is_file():
                raise UserError(
                    f"The folder {out} already holds other files and is not an earlier csv "
                    "export; choose a new or empty folder, or a path ending in .zip."
                )
            return out
        if stat.S_ISREG(mode):
            raise UserError(
                f"{out} is a file, not a folder; choose a folder, or a path ending in .zip."
            )
    elif stat.S_ISDIR(mode):
        raise UserError(f"{out} is a folder; give a file name for the export.")
    elif stat.S_ISREG(mode):
        return out
    raise UserError(
        f"{out} exists and is not a file (a device, a pipe...), so the export will not "
        "replace it; choose a file name."
    )


@contextmanager
def atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` through, piece by piece, owner-only and all or nothing: a
    hidden temporary file is flushed to disk and renamed over ``path`` at the end, so a full
    disk or an error midway never leaves half a file."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb", buffering=1 << 16) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SaveError(
            f"The export could not be written to {path} ({exc.strerror or exc}); free some "
            "disk space or choose another place."
        ) from None
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` owner-only, all or nothing (see :func:`atomic_stream`)."""
    with atomic_stream(path) as fh:
        fh.write(data)
