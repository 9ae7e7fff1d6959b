"""Fast bulk inserts for the payment run (``COPY`` on PostgreSQL, ``bulk_create`` elsewhere)
and a filter on long id lists (:class:`InLijst`).

``bulk_create`` spends most of its time in Django's per-field preparation of model instances
(about 70 % of a chunk's Python time in the profile of 2026-11-26); the payment run builds its
rows as plain dicts (``attname -> value``) and writes them here with one ``COPY ... FROM STDIN``
per table. Columns the rows leave out get the model field's default (evaluated once per call,
so e.g. ``timezone.now()`` is the same for the whole batch).

Primary keys: when the caller needs them (to reference the rows), ``ids=True`` reserves them
from the table's sequence in one query (``nextval`` over ``generate_series``) and sends them
with the rows; gaps after a rollback are harmless. On other databases (SQLite in tests and the
quick start) the rows go through ``bulk_create``, which sets the primary keys itself.

Inside the caller's transaction: nothing here commits. A constraint violation aborts the whole
COPY (as it would the INSERT), so the chunk's transaction rolls back as a whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.db.models import BooleanField, F, Func


class JsonTekst(str):
    """A value that already is JSON text (not to be serialised again)."""

    __slots__ = ()


def _escape(tekst: str) -> str:
    """Escape for PostgreSQL's COPY text format."""
    if "\\" in tekst or "\t" in tekst or "\n" in tekst or "\r" in tekst:
        return (
            tekst.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return tekst


def _omzetter(veld: models.Field) -> Callable[[Any], str]:
    """Value -> COPY text for one column (``None`` is handled by the caller)."""
    if isinstance(veld, models.JSONField):

        def json_tekst(waarde: Any) -> str:
            if isinstance(waarde, JsonTekst):
                return _escape(waarde)
            return _escape(json.dumps(waarde, cls=veld.encoder))

        return json_tekst
    if isinstance(veld, models.BooleanField):
        return lambda waarde: "t" if waarde else "f"
    if isinstance(veld, models.DateTimeField):
        return lambda waarde: waarde.isoformat()
    if isinstance(veld, models.DateField):
        return lambda waarde: waarde.isoformat()
    if isinstance(veld, models.DecimalField):
        return lambda waarde: str(waarde)
    if isinstance(veld, models.CharField | models.TextField):
        return lambda waarde: _escape(str(waarde))
    return str


def _velden(model: type[models.Model], met_id: bool) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if met_id or not (f.primary_key and isinstance(f, models.AutoField))
    ]


def _standaard(veld: models.Field) -> Any:
    if veld.has_default():
        return veld.get_default()
    if veld.null:
        return None
    return ""  # blank text


def reserveer_ids(model: type[models.Model], aantal: int) -> list[int]:
    """``aantal`` new primary keys from the table's sequence (PostgreSQL)."""
    if aantal <= 0:
        return []
    tabel = model._meta.db_table
    kolom = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [tabel, kolom, aantal],
        )
        return [r[0] for r in cursor.fetchall()]


def voeg_in(
    model: type[models.Model], rijen: Sequence[dict[str, Any]], *, ids: bool = False
) -> list[int]:
    """Insert ``rijen`` (dicts keyed by attname) into ``model``'s table in one statement.

    Returns the new primary keys in row order when ``ids`` is true (else ``[]``).
    """
    if not rijen:
        return []
    if connection.vendor != "postgresql":
        objecten = [
            model(**{k: json.loads(v) if isinstance(v, JsonTekst) else v for k, v in rij.items()})
            for rij in rijen
        ]
        model.objects.bulk_create(objecten, batch_size=1000)
        return [o.pk for o in objecten] if ids else []

    velden = _velden(model, met_id=ids)
    pk_naam = model._meta.pk.attname
    standaard: dict[str, Any] = {}
    for veld in velden:
        tekst = isinstance(veld, models.CharField | models.TextField) and veld.blank
        if veld.attname != pk_naam and (veld.has_default() or veld.null or tekst):
            standaard[veld.attname] = _standaard(veld)
    omzetters = [(v.attname, _omzetter(v)) for v in velden]
    nieuwe_ids = reserveer_ids(model, len(rijen)) if ids else []
    buffer = io.StringIO()
    schrijf = buffer.write
    for i, rij in enumerate(rijen):
        delen = []
        for naam, omzet in omzetters:
            if ids and naam == pk_naam:
                waarde: Any = nieuwe_ids[i]
            elif naam in rij:
                waarde = rij[naam]
            elif naam in standaard:
                waarde = standaard[naam]
            else:
                raise ValueError(f"{model.__name__}.{naam}: geen waarde en geen standaardwaarde")
            delen.append("\\N" if waarde is None else omzet(waarde))
        schrijf("\t".join(delen))
        schrijf("\n")
    buffer.seek(0)
    kolommen = ", ".join(connection.ops.quote_name(v.column) for v in velden)
    tabel = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {tabel} ({kolommen}) FROM STDIN", buffer)
    return nieuwe_ids


class InLijst(Func):
    """``kolom IN (waarden)`` as a filter expression, for the long id lists of a chunk.

    On PostgreSQL it is ``kolom = ANY(%s)`` with the list as ONE array parameter: Django's
    ``__in`` prepares every value separately (a visible cost with 500 ids in the profile) and
    PostgreSQL parses 500 literals. Elsewhere it is a plain ``IN``. Use as
    ``Model.objects.filter(InLijst("dossier_id", ids))``.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, kolom: str, waarden) -> None:
        super().__init__(F(kolom))
        self.waarden = [int(w) for w in waarden]

    def as_sql(self, compiler, connection, **extra):
        lhs, params = compiler.compile(self.source_expressions[0])
        if not self.waarden:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, self.waarden]
        tekens = ", ".join(["%s"] * len(self.waarden))
        return f"{lhs} IN ({tekens})", [*params, *self.waarden]
