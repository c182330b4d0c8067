"""Errors the person can act on, each carrying one plain sentence.

Anything else that escapes is a bug. The command line and the window show the sentence of a
:class:`UserError` and never a traceback (qutebrowser's ``misc/sql.py`` draws the same line
between errors the user can fix and bugs).
"""

from __future__ import annotations


class UserError(Exception):
    """Something the person can fix; ``str(err)`` is the sentence to show."""


class DataDirError(UserError):
    """The data folder cannot be created, read or written."""


class DiaryLockedError(UserError):
    """Another running copy of FibroDesk has this diary open."""


class NewerSchemaError(UserError):
    """The diary was written by a newer FibroDesk; it is refused untouched."""


class NotADiaryError(UserError):
    """The file is not a FibroDesk diary (another program's file, or random bytes)."""


class DamagedDiaryError(UserError):
    """The diary failed SQLite's integrity check."""


class ImportFileError(UserError):
    """An import file is broken; nothing was imported."""


class SaveError(UserError):
    """A change could not be written (full disk, read-only folder)."""
