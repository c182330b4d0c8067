"""Small key/value settings stored with the diary (so they travel with backups)."""

from __future__ import annotations

import json
from typing import Any

from .models import Setting


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def set_setting(key: str, value: Any) -> None:
    """Store a setting; a full disk or read-only diary becomes a SaveError sentence."""
    from .database import transaction

    with transaction():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
