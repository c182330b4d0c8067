"""Fault injection: make the N-th write statement of an operation fail, as a disk would.

Use the ``faults`` fixture (tests/conftest.py) and :func:`fail_each_write`::

    def test_my_operation_is_all_or_nothing(diary, faults):
        writes = fail_each_write(faults, lambda: run_it(), check=lambda n, code: ...)
        assert writes == 3

Each write statement (INSERT, UPDATE, DELETE, REPLACE) that peewee sends through the
diary's connection is counted; the armed one raises sqlite3's own error carrying a real
SQLite error code (``SQLITE_FULL``, ``SQLITE_IOERR_WRITE``, ``SQLITE_BUSY``), wrapped by
peewee exactly as a refusal from SQLite is. The message says "fault injected", so a test
passes only when errors are told apart by their code, not by their words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

import peewee

from fibrodesk.errors import UserError

FULL = sqlite3.SQLITE_FULL
IOERR = sqlite3.SQLITE_IOERR_WRITE
BUSY = sqlite3.SQLITE_BUSY
CODES = (FULL, IOERR, BUSY)
NAMES = {FULL: "SQLITE_FULL", IOERR: "SQLITE_IOERR_WRITE", BUSY: "SQLITE_BUSY"}
WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})


def sqlite_error(code: int) -> sqlite3.OperationalError:
    """sqlite3's own error for ``code``, as the driver raises it (the words are not SQLite's)."""
    error = sqlite3.OperationalError(f"fault injected by the test ({NAMES.get(code, code)})")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = NAMES.get(code, str(code))  # type: ignore[attr-defined]
    return error


class Faults:
    """Counts the diary's write statements and fails the armed one.

    Attributes:
        writes: write statements seen since the last :meth:`arm` (or :meth:`reset`).
        fail_at: the 1-based number of the write that fails, or ``None``.
        code: the SQLite error code it fails with.
        fired: whether the armed write was reached (and failed).
        statements: the statements seen since the last arm (for a failing test's message).
    """

    def __init__(self) -> None:
        self.writes = 0
        self.fail_at: int | None = None
        self.code = FULL
        self.fired = False
        self.every = False
        self.statements: list[str] = []

    def arm(self, n: int, code: int = FULL, *, onwards: bool = False) -> None:
        """Fail the ``n``-th write statement from now on with ``code`` (and, ``onwards``,
        every later one: a disk that stays full)."""
        self.reset()
        self.fail_at, self.code, self.every = n, code, onwards

    def fail_all(self, code: int = FULL) -> None:
        """Fail every write from now on (a disk that stays full) until :meth:`off`."""
        self.arm(1, code, onwards=True)

    def reset(self) -> None:
        """Count from zero, with no fault armed."""
        self.writes, self.fail_at, self.fired, self.statements = 0, None, False, []
        self.every = False

    def off(self) -> None:
        self.fail_at, self.every = None, False

    def before(self, sql: str) -> None:
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if verb not in WRITES:
            return
        self.writes += 1
        self.statements.append(sql)
        due = self.fail_at is not None and (
            self.writes == self.fail_at or (self.every and self.writes > self.fail_at)
        )
        if due:
            self.fired = True
            with peewee.__exception_wrapper__:  # type: ignore[attr-defined]
                raise sqlite_error(self.code)


def install(monkeypatch: Any, database: peewee.Database) -> Faults:
    """Patch ``database.execute_sql`` so that every statement passes :class:`Faults`."""
    faults = Faults()
    real = database.execute_sql

    def execute_sql(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        faults.before(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", execute_sql)
    return faults


def dump(database: peewee.Database | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the diary, sorted: what "the diary as it was" means."""
    if database is None:
        from fibrodesk.db.models import db as database
    assert database is not None
    names = [
        r[0]
        for r in database.connection().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: sorted(database.connection().execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in sorted(names)
    }


def fail_each_write(
    faults: Faults,
    action: Callable[[], object],
    *,
    codes: Iterable[int] = CODES,
    check: Callable[[int, int], None] | None = None,
    setup: Callable[[], object] | None = None,
    limit: int = 200,
) -> int:
    """Run ``action`` with its 1st, 2nd, ... write failing, with each of ``codes``.

    From the N-th write on every write fails, as on a disk that stays full: an action
    that tries again by itself (a save on leaving a box) is refused as well.

    After each failed run the diary's content must equal its content before, and
    ``check(n, code)`` may look at the screen. ``action`` is run again (the person
    tries again) until a run reaches no armed write: that run must succeed, and the
    number of writes it made is returned (it is left in the diary, for the caller to
    check that no row is there twice). A :class:`UserError` raised by a refused run
    (a db function called directly) is expected; any other error fails the test.
    ``setup`` runs, without faults, before each attempt (an undo needs a step to undo).
    """
    codes = tuple(codes)
    for n in range(1, limit + 1):
        for code in codes:
            faults.off()
            if setup is not None:
                setup()
            before = dump()
            faults.arm(n, code, onwards=True)
            try:
                action()
            except UserError:
                if not faults.fired:
                    raise
            fired = faults.fired
            faults.off()
            if not fired:
                return faults.writes
            after = dump()
            assert after == before, (
                f"write {n} failing with {NAMES.get(code, code)} left the diary changed "
                f"after {faults.statements}"
            )
            if check is not None:
                check(n, code)
    raise AssertionError(f"{action} still failed after {limit} writes")
