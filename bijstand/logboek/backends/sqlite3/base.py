"""SQLite backend with the hook the append-only log triggers need (see logboek/triggers.py).

Registers the SQL function ``logboek_retentie_actief()`` on every connection: it returns 1 only
inside `retentievenster()` and while Django flushes the database (``manage.py flush`` and the
test runner's TransactionTestCase; the SQLite counterpart of PostgreSQL's TRUNCATE, which does
not fire row triggers either). Everything else is Django's own SQLite backend.
"""

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list):
        vorige = getattr(self.connection, "logboek_retentie", False)
        self.connection.logboek_retentie = True
        try:
            super().execute_sql_flush(sql_list)
        finally:
            self.connection.logboek_retentie = vorige


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    logboek_retentie = False

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        conn.create_function(
            "logboek_retentie_actief", 0, lambda: 1 if self.logboek_retentie else 0
        )
        return conn
