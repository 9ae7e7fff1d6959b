"""Concurrency tests against PostgreSQL: functions started at the same moment in threads, each
with its own database connection, so that real row locks and unique constraints decide.

Use ``pytestmark = ALLEEN_POSTGRES`` in the module and ``django_db(transaction=True)`` on the
test (the threads must see committed data); not ``serialized_rollback``: the apps put their
reference data back after the flush (post_migrate), and a serialized reload after another
app's flush collides with the content types post_migrate made. SQLite has no row locks: there
the tests are skipped, CI runs them on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

ALLEEN_POSTGRES = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs them)"
    ),
]


def tegelijk(
    functies: list[Callable[[], Any]], *, verwacht: tuple[type[BaseException], ...] = ()
) -> list[Any]:
    """Run each function in its own thread, all released at the same moment.

    Returns per function its result, or the exception it raised when that is one of
    ``verwacht`` (e.g. the ValidationError of the one that lost). Any other exception, or a
    thread that does not finish within a minute, fails the test.
    """
    start = threading.Barrier(len(functies))
    uitkomsten: list[Any] = [None] * len(functies)
    fouten: list[BaseException] = []

    def werk(i: int) -> None:
        try:
            start.wait(timeout=10)
            uitkomsten[i] = functies[i]()
        except verwacht as exc:
            uitkomsten[i] = exc
        except Exception as exc:  # reported to the test below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=werk, args=(i,)) for i in range(len(functies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "een thread bleef hangen"
    assert not fouten, fouten
    return uitkomsten
