"""Guard against a Qt binding that corrupts the interpreter.

PySide6-Essentials 6.12.0 under Python 3.11 took one reference from ``None`` on each call
of a method returning nothing; after a few thousand calls Python aborted with
"none_dealloc", taking the diary window down with it. pyproject.toml excludes that
release; this test fails loudly if such a build is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -50
