"""Fast bulk writes of plain rows straight into a model's table: PostgreSQL ``COPY``.

:class:`RijSchrijver` takes rows as dicts (``attname -> value``) instead of model instances and
writes them with ``COPY ... FROM STDIN`` on PostgreSQL (``executemany`` elsewhere: SQLite in
tests and the quick start), optionally with one django-simple-history "+" record per row. It is
for loading large generated datasets (the demo data of the hub and the apps: 37,500 dossiers
with ~700,000 history rows), where building model instances for ``bulk_create`` costs minutes.

What it offers:

- **Primary keys up front.** :meth:`RijSchrijver.ids` / :meth:`RijSchrijver.reserveer_vooraf`
  reserve ids (from the table's sequence on PostgreSQL, in one contiguous block) so that related
  rows can refer to them before anything is written.
- **Defaults.** Fields missing from a row get their model default (a NOT NULL field without a
  default fails in the database). All database constraints still apply.
- **A background COPY thread** (PostgreSQL, optional). Between :meth:`RijSchrijver.start` and
  :meth:`RijSchrijver.stop`, inside the caller's ``transaction.atomic``, the COPY statements run
  in a thread on the same connection (so in the same transaction) while the caller formats the
  next block. Foreign keys are checked per statement then (``SET CONSTRAINTS ALL IMMEDIATE``),
  so the checks overlap with the generation instead of piling up at the commit; ``stop`` sets
  them back to Django's default (``DEFERRED``). :meth:`RijSchrijver.wacht` waits for the queue
  and raises the first error: call it before reading what was written and before the commit.

Nothing here commits. Usage::

    schrijver = RijSchrijver(history_reden="Gegenereerde demodata")
    with transaction.atomic():
        pks = schrijver.ids(Model, len(rijen))
        ...
        schrijver.start()
        try:
            schrijver.schrijf(Model, rijen, history_dates=datums)
        finally:
            schrijver.stop()

Not the same as ``inkomen.bulk.voeg_in`` (one COPY per call in the payment run's chunks, ids
from ``nextval`` per row, JSON columns, ``bulk_create`` as the fallback).
"""

from __future__ import annotations

import io
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

__all__ = ["BATCH", "RijSchrijver", "copy_waarde"]

BATCH = 2000  # rows per executemany (databases without COPY)

_COPY_ESCAPE = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_NULL = "\\N"
_ONTBREEKT = object()


def copy_waarde(v: Any) -> str:
    """A value in PostgreSQL's COPY text format (None, bool, str, date/datetime, numbers)."""
    if v is None:
        return _NULL
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, str):
        return v.translate(_COPY_ESCAPE)
    if isinstance(v, date):  # also datetime (aware: isoformat carries the offset)
        return v.isoformat()
    return str(v)


def _copy_tekst(v) -> str:
    return _NULL if v is None else v.translate(_COPY_ESCAPE)


def _copy_bool(v) -> str:
    return _NULL if v is None else ("t" if v else "f")


def _copy_datum(v) -> str:
    return _NULL if v is None else v.isoformat()


def _copy_getal(v) -> str:
    return _NULL if v is None else str(v)


_COPY_FORMAAT = {
    "CharField": _copy_tekst,
    "TextField": _copy_tekst,
    "EmailField": _copy_tekst,
    "SlugField": _copy_tekst,
    "BooleanField": _copy_bool,
    "DateField": _copy_datum,
    "DateTimeField": _copy_datum,
    "BigAutoField": _copy_getal,
    "AutoField": _copy_getal,
    "BigIntegerField": _copy_getal,
    "IntegerField": _copy_getal,
    "PositiveSmallIntegerField": _copy_getal,
}


class RijSchrijver:
    """Writes rows (dicts of attname -> value) straight to a model's table, and its history.

    Building 37,500 dossiers with ~700,000 history rows as model instances and bulk_create
    takes minutes (model __init__ and per-value preparation dominate). This writer builds plain
    rows and uses COPY on PostgreSQL, executemany elsewhere (SQLite: tests, quick start).
    All database constraints still apply. Primary keys are reserved up front (from the
    sequence on PostgreSQL) so that related rows can refer to them. Fields missing from a row
    get their model default (a NOT NULL field without a default fails in the database).

    On PostgreSQL the COPY statements run in a background thread on the same database
    connection (so in the same transaction), while the main thread generates the next block:
    the database and Python each use one of the machine's cores. `wacht()` waits for the queue
    and raises the first error; call it before anything that reads what was written, and before
    the commit. Foreign keys are checked per statement (SET CONSTRAINTS ALL IMMEDIATE) so the
    checks also overlap with the generation instead of piling up at the commit.

    ``using`` is the database alias to write to; ``history_reden`` is the
    ``history_change_reason`` of the history records that ``schrijf(..., history_dates=...)``
    writes.
    """

    def __init__(self, *, using: str = DEFAULT_DB_ALIAS, history_reden: str | None = None):
        self.connection = connections[using]
        self.history_reden = history_reden
        self.pg = self.connection.vendor == "postgresql"
        self._volgende: dict[type[Model], int] = {}
        self._kolomcache: dict[tuple[type[Model], bool], list] = {}
        self._pools: dict[type[Model], Iterator[int]] = {}
        self.tijden: Counter = Counter()  # seconds per table (main thread: formatting)
        self.db_tijden: Counter = Counter()  # seconds per table (COPY, background thread)
        self._rij: queue.Queue | None = None
        self._fout: BaseException | None = None
        self._draad: threading.Thread | None = None

    # ---- background COPY (PostgreSQL) ----

    def start(self) -> None:
        """Start the COPY thread. Call inside the transaction (transaction.atomic)."""
        if not self.pg or self._draad is not None:
            return
        self.connection.ensure_connection()
        with self.connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self._rij = queue.Queue(maxsize=8)
        self._draad = threading.Thread(target=self._werk, name="rijschrijver-copy", daemon=True)
        self._draad.start()

    def _werk(self) -> None:
        raw = self.connection.connection  # the psycopg2 connection of the main thread
        while True:
            taak = self._rij.get()
            try:
                if taak is None:
                    return
                tabel, sql, data = taak
                if self._fout is None:
                    t0 = time.perf_counter()
                    try:
                        with raw.cursor() as cur:
                            cur.copy_expert(sql, io.BytesIO(data))
                    except BaseException as exc:  # reported by wacht()
                        self._fout = exc
                    self.db_tijden[tabel] += time.perf_counter() - t0
            finally:
                self._rij.task_done()

    def wacht(self) -> None:
        """Wait until the queued COPY statements ran; raise the first error."""
        if self._rij is not None:
            self._rij.join()
        if self._fout is not None:
            fout, self._fout = self._fout, None
            raise fout

    def stop(self) -> None:
        """Finish the queue and stop the COPY thread (constraints back to DEFERRED)."""
        if self._draad is not None:
            self._rij.put(None)
            self._draad.join()
            self._draad = None
            self._rij = None
            if self._fout is None:
                # Back to Django's default (deferred foreign keys) for the rest of the
                # transaction: the ORM's deletes rely on it for nullable foreign keys.
                with self.connection.cursor() as c:
                    c.execute("SET CONSTRAINTS ALL DEFERRED")
        if self._fout is not None:
            fout, self._fout = self._fout, None
            raise fout

    # ---- writing ----

    def reserveer_vooraf(self, aantallen: dict[type[Model], int]) -> None:
        """Reserve ids for a whole run before the COPY thread starts (no queries meanwhile)."""
        for model, n in aantallen.items():
            self._pools[model] = iter(self.reserveer_ids(model, n))

    def ids(self, model: type[Model], n: int) -> list[int]:
        """n ids: from the pool reserved up front, else reserved now."""
        pool = self._pools.get(model)
        if pool is not None:
            uit = list(islice(pool, n))
            if len(uit) == n:
                return uit
            return uit + list(self.reserveer_ids(model, n - len(uit)))
        return list(self.reserveer_ids(model, n))

    def reserveer_ids(self, model: type[Model], n: int) -> range:
        """n new consecutive ids for ``model`` (from its sequence on PostgreSQL)."""
        if n <= 0:
            return range(0)
        # psycopg2 does not guard a running COPY against queries from another thread on the
        # same connection: the main thread queries only when the COPY queue is empty.
        self.wacht()
        tabel = model._meta.db_table
        with self.connection.cursor() as c:
            if self.pg:
                c.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                    [tabel, tabel, n],
                )
                laatste = c.fetchone()[0]
                return range(laatste - n + 1, laatste + 1)
            c.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{tabel}"')  # noqa: S608
            eerste = max(c.fetchone()[0] + 1, self._volgende.get(model, 0))
        self._volgende[model] = eerste + n
        return range(eerste, eerste + n)

    def _kolommen(self, model: type[Model], met_id: bool) -> list:
        """(field, attname, COPY formatter, default) per column; auto ids left to the database."""
        sleutel = (model, met_id)
        if sleutel not in self._kolomcache:
            kolommen = []
            for f in model._meta.concrete_fields:
                if f.primary_key and not met_id and f.get_internal_type().endswith("AutoField"):
                    continue
                formaat = _COPY_FORMAAT.get(f.get_internal_type(), copy_waarde)
                if f.is_relation:
                    formaat = _copy_getal
                # static defaults once; callable defaults (uuid4, now) per row
                default = _ONTBREEKT if callable(f.default) else f.get_default()
                kolommen.append((f, f.attname, formaat, default))
            self._kolomcache[sleutel] = kolommen
        return self._kolomcache[sleutel]

    def schrijf(
        self, model: type[Model], rijen: list[dict], *, history_dates: list | None = None
    ) -> None:
        """Write ``rijen`` to ``model``'s table; with ``history_dates`` (one per row) also a
        "+" history record per row, dated then. Rows with an "id" keep it (see ``ids``)."""
        if not rijen:
            return
        self._insert(model, self._kolommen(model, "id" in rijen[0]), rijen)
        if history_dates is not None:
            historisch = model.history.model
            extra = {"history_change_reason": self.history_reden, "history_type": "+"}
            self._insert(
                historisch,
                self._kolommen(historisch, False),
                [
                    {**r, **extra, "history_date": dt}
                    for r, dt in zip(rijen, history_dates, strict=True)
                ],
            )

    @staticmethod
    def _waarde(rij: dict, f, attname: str, default):
        v = rij.get(attname, _ONTBREEKT)
        if v is _ONTBREEKT:
            v = f.get_default() if default is _ONTBREEKT else default
        return v

    def _insert(self, model: type[Model], kolommen: list, rijen: list[dict]) -> None:
        t0 = time.perf_counter()
        tabel = model._meta.db_table
        qn = self.connection.ops.quote_name
        namen = ", ".join(qn(f.column) for f, _a, _fmt, _d in kolommen)
        waarde = self._waarde
        if self.pg:
            regels = [
                "\t".join([fmt(waarde(r, f, a, d)) for f, a, fmt, d in kolommen]) for r in rijen
            ]
            regels.append("")
            data = "\n".join(regels).encode()
            self.tijden[tabel] += time.perf_counter() - t0
            sql = f"COPY {qn(tabel)} ({namen}) FROM STDIN"
            if self._rij is not None:
                if self._fout is not None:
                    self.wacht()
                self._rij.put((tabel, sql, data))
            else:
                with self.connection.cursor() as c:
                    c.cursor.copy_expert(sql, io.BytesIO(data))
                self.tijden[tabel] += time.perf_counter() - t0
            return
        conn = self.connection
        sql = (
            f"INSERT INTO {qn(tabel)} ({namen}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(kolommen))})"
        )
        klaar = [
            tuple(f.get_db_prep_save(waarde(r, f, a, d), conn) for f, a, _fmt, d in kolommen)
            for r in rijen
        ]
        with conn.cursor() as c:
            for i in range(0, len(klaar), BATCH):
                c.executemany(sql, klaar[i : i + BATCH])
        self.tijden[tabel] += time.perf_counter() - t0
