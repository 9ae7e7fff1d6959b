"""Append-only enforcement of the log tables in the database itself.

The models already refuse `save()` on existing rows, `delete()` and queryset `update()`/`delete()`
(see `models.AppendOnlyModel`). These triggers make the database refuse the same for *any*
client: raw SQL through Django, `manage.py dbshell`, a reporting tool.

PostgreSQL
    A PL/pgSQL trigger function raises on every row-level UPDATE or DELETE of
    `logboek_verwerking` and `logboek_auditregel`. The only exception is a DELETE inside a
    transaction that has run ``SET LOCAL logboek.retentie = 'aan'``: that is how the retention
    command (`manage.py logboek_opschonen`) removes expired lines. ``SET LOCAL`` ends with the
    transaction, so the window cannot leak into later work on a pooled connection.
    ``TRUNCATE`` does not fire row-level triggers: emptying a whole table (``manage.py flush``,
    the test runner, a restore) is an operational task, not something the application does.

SQLite (embedded quick start)
    ``BEFORE UPDATE``/``BEFORE DELETE`` triggers ``SELECT RAISE(ABORT, ...)``. The DELETE
    trigger is skipped while the SQL function ``logboek_retentie_actief()`` returns 1; the
    project's SQLite backend (`bijstand.logboek.backends.sqlite3`) registers that function on
    every connection and switches it on only inside `retentievenster()` and during
    ``flush`` (SQLite has no TRUNCATE). A client without the function (the ``sqlite3`` shell)
    cannot delete at all: the trigger fails with "no such function".

What this does NOT do: stop a database superuser or the table owner, who can drop a trigger or
set the session variable. In production the application role should get only SELECT/INSERT on
the log tables and the retention job should run under a separate role (see docs/beheer).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

TABLES = ("logboek_verwerking", "logboek_auditregel")
PG_SETTING = "logboek.retentie"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION logboek_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('{PG_SETTING}', true) = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'logboek: % op % is niet toegestaan (alleen toevoegen)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def _pg_statements() -> list[str]:
    stmts = [_PG_FUNCTION]
    for table in TABLES:
        stmts += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION logboek_append_only();",
        ]
    return stmts


def _sqlite_statements() -> list[str]:
    stmts = []
    for table in TABLES:
        stmts += [
            f"CREATE TRIGGER IF NOT EXISTS {table}_geen_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'logboek: UPDATE op {table} is niet toegestaan'); END;",
            f"CREATE TRIGGER IF NOT EXISTS {table}_geen_delete BEFORE DELETE ON {table} "
            f"WHEN logboek_retentie_actief() = 0 "
            f"BEGIN SELECT RAISE(ABORT, 'logboek: DELETE op {table} is niet toegestaan'); END;",
        ]
    return stmts


def installeer(connection) -> None:
    """Create (or re-create) the triggers. Idempotent; unknown vendors are left alone."""
    if connection.vendor == "postgresql":
        stmts = _pg_statements()
    elif connection.vendor == "sqlite":
        stmts = _sqlite_statements()
    else:
        return
    with connection.cursor() as cursor:
        for sql in stmts:
            cursor.execute(sql)


def verwijder(connection) -> None:
    if connection.vendor == "postgresql":
        stmts = [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t};" for t in TABLES]
        stmts.append("DROP FUNCTION IF EXISTS logboek_append_only();")
    elif connection.vendor == "sqlite":
        stmts = [
            f"DROP TRIGGER IF EXISTS {t}_{soort};"
            for t in TABLES
            for soort in ("geen_update", "geen_delete")
        ]
    else:
        return
    with connection.cursor() as cursor:
        for sql in stmts:
            cursor.execute(sql)


@contextmanager
def retentievenster(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """A transaction in which expired log lines may be deleted (and nothing else changes).

    Only the retention command uses this. UPDATE stays forbidden inside the window.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL {PG_SETTING} = 'aan'")
            yield
            # Close the window explicitly: when this block is nested in an outer transaction
            # (a savepoint), SET LOCAL would otherwise last until the outer commit. On an
            # exception the savepoint rollback undoes the SET LOCAL by itself.
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL {PG_SETTING} = 'uit'")
        elif connection.vendor == "sqlite":
            vorige = getattr(connection, "logboek_retentie", False)
            connection.logboek_retentie = True
            try:
                yield
            finally:
                connection.logboek_retentie = vorige
        else:
            yield
