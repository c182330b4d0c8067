"""Find files in ``resources/`` both in a checkout and in an installed wheel.

The design card keeps ``resources/`` at the top of the repository; the wheel ships it as
``fibrodesk/_resources`` (see ``pyproject.toml``). Like qutebrowser's
``utils/resources.py`` this wraps ``importlib.resources.files()`` so callers never care
which of the two layouts they run from.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as _ilr
from pathlib import Path
from typing import Any


@cache
def resource_root() -> Path:
    """The folder that holds the resources, installed or in a checkout."""
    installed = Path(str(_ilr.files("fibrodesk"))) / "_resources"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("FibroDesk's resources folder is missing; reinstall the app.")


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("catalogue.json")``."""
    return resource_root().joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """Parsed contents of a JSON resource (cached: resources never change at run time)."""
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
