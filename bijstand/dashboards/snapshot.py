# ruff: noqa: S608 - SQL text is built from model metadata and fixed fragments; values are parameters
"""Builds the daily snapshot of the management figures (``Kengetal`` rows) in SQL.

The protocol: facts from the apps
=================================

Every installed app may have a module ``<app>.kengetallen`` with one function::

    def feiten(*, van: date, tot: date) -> dict[str, QuerySet]:
        ...

It returns, per figure code (``"<app>.<naam>"``, e.g. ``"inkomen.vorderingen"``), a
``QuerySet.values(...)`` of events per dossier - so it is an ``Iterable[dict]`` - with these keys:

==============  =====================================================================
``dossier_id``  the dossier (required)
``datum``       a ``date`` (required; for a ``DateTimeField`` use ``TruncDate("op")``, which
                converts to local time). A *state* figure ("stand", e.g. "active inzetten")
                dates every row at the peildatum, ``tot - 1 day``.
``categorie``   optional: a short code (str or int), e.g. a source or an outcome
``subcategorie`` optional: a second code, e.g. the result within an instrument category
``aantal``      optional: a number per event, summed (default: every row counts 1)
``bedrag``      optional: a number per event, summed (euros, days, steps)
==============  =====================================================================

When the model has a field of the same name that is not the value wanted (``values()`` refuses
an expression that shadows a field), use the key with the prefix ``feit_`` (``feit_bedrag``).

``van`` is the first day of the window (a quarter start, about three years back) and ``tot``
the day after the peildatum (exclusive); the app should filter on them where it can. The
function must not evaluate the query and must not import ``bijstand.dashboards`` (dashboards
sit on top of the apps, see DESIGN.md): plain Django querysets are the whole contract.

Why querysets and not lists of dicts: the snapshot never loops over dossiers in Python. It wraps
each queryset's SQL in one ``INSERT INTO ... SELECT`` that joins the dossier's dimensions (team
of the werkcoach, wijk of the werkzoekende, route, doelgroep), assigns the period (month and,
in a second statement, quarter) and aggregates::

    personen = COUNT(DISTINCT dossier_id)   -- people: what suppression looks at
    aantal   = SUM(aantal) or COUNT(*)      -- events
    som      = SUM(bedrag)

(``personen`` is computed with two levels of GROUP BY, so PostgreSQL can hash instead of sort.)
The hub's own facts (instroom, uitstroom, duurzaamheid, beslisduur, overdrachten, laatste
contact) use the same protocol in ``bijstand/dashboards/kengetallen.py``.

A stock per quarter (the bestand) is not stored twice: the pages read the month rows of the
quarter's last month (or of the current month for the current quarter).

The dimensions are the dossier's *current* values (team of the current werkcoach, current wijk,
route and doelgroep), also for earlier periods; the history of those attributes is not replayed.

Figures the hub needs beyond events - the bestand per month (who was "in the bijstand", i.e.
status lopend or heropend, at the end of each month, by duration and by age) and the caseload
per werkcoach - are built here with their own SQL (``_bestand``, ``_caseload``).

Levels ("niveau")
=================

The statements above write the full cube (``niveau = "alle"``: every combination of team, wijk,
route and doelgroep that occurs). Each dossier sits in exactly one combination, so people add up
across combinations, and the roll-ups are sums of the cube: ``""`` (the total), each dimension
(``team``) and the pair ``route+doelgroep``. A page with one filter (or those two) reads a few
hundred rows of its level; other combinations read the cube through its partial indexes on
team and on wijk (every such combination contains one of them).

A figure that an app cannot deliver (an exception in ``feiten`` or in its SQL) is recorded in
``Peildag.fouten`` and left out; the other figures are still built (each in a savepoint), and
``Peildag.figuren`` lists the apps' figures that were built (a page says "not available" for
the others).

When: nightly by the Celery task ``dashboards.bouw_snapshot`` (beat schedule from migration
0002, 02:30 Europe/Amsterdam, editable in beheer), on demand by a manager's button, or by
``manage.py dashboard_snapshot``. See ``services.bouw_snapshot`` for the transaction and the
replacement of an earlier build of the same day.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet

from bijstand.accounts.models import User
from bijstand.core.tijd import eerste_van_maand, maand_plus
from bijstand.dossiers.models import (
    ACTIEVE_STATUSSEN,
    Dossier,
    DossierStatus,
    StatusWijziging,
    Werkzoekende,
)

from .models import DIMENSIES, Kengetal, Niveau, PeriodeSoort

logger = logging.getLogger(__name__)

# "In the bijstand": receiving the benefit (lopend) or resumed after an end (heropend).
IN_BIJSTAND = (DossierStatus.LOPEND, DossierStatus.HEROPEND)

# PostgreSQL work_mem for the build's transaction.
WERKGEHEUGEN = getattr(settings, "DASHBOARDS_WORK_MEM", "256MB")

# How far back the snapshot goes (in quarters, including the current one).
KWARTALEN = getattr(settings, "DASHBOARDS_KWARTALEN", 13)

DUURKLASSEN = [("lt1", 1), ("1_2", 2), ("2_5", 5), ("5_10", 10)]  # else "ge10"
LEEFTIJDSKLASSEN = [("lt27", 27), ("27_34", 35), ("35_44", 45), ("45_54", 55)]  # else "ge55"
CASELOADKLASSEN = [("lt50", 50), ("50_99", 100), ("100_149", 150)]  # else "ge150"

BESTAND_DUUR = "dossiers.bestand_duur"
BESTAND_LEEFTIJD = "dossiers.bestand_leeftijd"
CASELOAD = "dossiers.caseload"
STANDEN = (BESTAND_DUUR, BESTAND_LEEFTIJD)

_VERPLICHT = {"dossier_id", "datum"}
_TOEGESTAAN = _VERPLICHT | {"categorie", "subcategorie", "aantal", "bedrag"}
_PREFIX = "feit_"


def _sleutels(qs: QuerySet) -> dict[str, str]:
    """Protocol key -> column name in the fact's SQL (``feit_bedrag`` counts as ``bedrag``)."""
    uit = {}
    for naam in getattr(qs, "_fields", None) or ():
        sleutel = naam.removeprefix(_PREFIX)
        uit[sleutel] = naam
    return uit


# --------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True)
class Periode:
    soort: str  # PeriodeSoort
    begin: date  # first day
    eind: date  # first day after the period (exclusive); for the current one: the day after
    # the peildatum

    @property
    def meetdag(self) -> date:
        """The last day the period covers (stocks are measured at its end)."""
        return self.eind - timedelta(days=1)


def eerste_van_kwartaal(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def min_jaren(d: date, jaren: int) -> date:
    try:
        return d.replace(year=d.year - jaren)
    except ValueError:  # 29 February
        return d.replace(year=d.year - jaren, day=28)


def venster(peildatum: date) -> tuple[date, date]:
    """(van, tot): the first day of the quarter KWARTALEN - 1 quarters back, and the day after
    the peildatum."""
    van = maand_plus(eerste_van_kwartaal(peildatum), -3 * (KWARTALEN - 1))
    return van, peildatum + timedelta(days=1)


def perioden(van: date, tot: date, soort: str) -> list[Periode]:
    stap = 1 if soort == PeriodeSoort.MAAND else 3
    uit, begin = [], van
    while begin < tot:
        eind = maand_plus(begin, stap)
        uit.append(Periode(soort, begin, min(eind, tot)))
        begin = eind
    return uit


def middernacht(d: date) -> datetime:
    """Local midnight at the start of ``d`` (aware)."""
    return datetime.combine(d, time.min, ZoneInfo(settings.TIME_ZONE))


# --------------------------------------------------------------------------------------------
# SQL helpers


def _q(naam: str) -> str:
    return connection.ops.quote_name(naam)


def _tabel(model) -> str:
    return _q(model._meta.db_table)


def _kolom(model, veld: str) -> str:
    return _q(model._meta.get_field(veld).column)


def _dt(waarde: datetime) -> Any:
    """A datetime parameter as the backend stores it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(waarde)


def _afgeleide_tabel(kolommen: list[str], rijen: list[list[Any]]) -> tuple[str, list[Any]]:
    """``(SELECT %s AS a, %s AS b UNION ALL SELECT ...)``: a small table of parameters."""
    delen, params = [], []
    for rij in rijen:
        delen.append("SELECT " + ", ".join(f"%s AS {_q(k)}" for k in kolommen))
        params.extend(rij)
    return "(" + " UNION ALL ".join(delen) + ")", params


_KENGETAL_KOLOMMEN = (
    "peildag_id, figuur, niveau, periode_soort, periode, team, wijk, route, doelgroep, "
    "categorie, subcategorie, personen, aantal, som"
)


def _dimensie_joins(dossier_kolom: str) -> str:
    """Joins d (dossier), u (its werkcoach) and w (its werkzoekende) on ``dossier_kolom``."""
    return (
        f" INNER JOIN {_tabel(Dossier)} d ON d.{_q('id')} = {dossier_kolom}"
        f" INNER JOIN {_tabel(User)} u ON u.{_q('id')} = d.{_kolom(Dossier, 'werkcoach')}"
        f" INNER JOIN {_tabel(Werkzoekende)} w"
        f" ON w.{_q('id')} = d.{_kolom(Dossier, 'werkzoekende')}"
    )


_DIMENSIES_SELECT = (
    "u.team_id, w.wijk_id, d.route, d.doelgroep"  # columns of the hub models (stable names)
)


def _voer_uit(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


# --------------------------------------------------------------------------------------------
# facts (the protocol)


def _kengetallen_modules(fouten: dict[str, str] | None = None) -> list[tuple[str, Any]]:
    """(app label, module) of every installed app with a ``kengetallen`` module. A module that
    exists but fails to import is recorded in ``fouten`` (and logged) when given, else raised."""
    modules = []
    for config in apps.get_app_configs():
        modulenaam = f"{config.name}.kengetallen"
        try:
            modules.append((config.label, importlib.import_module(modulenaam)))
        except ModuleNotFoundError as exc:
            if exc.name == modulenaam:
                continue
            if fouten is None:
                raise
            fouten[config.label] = f"import: {exc}"
            logger.exception("Kengetallen van %s niet te laden", config.label)
    return modules


def labels(figuur: str) -> list[tuple[str, str]]:
    """The (code, name) pairs of a figure's ``categorie``, from the app that delivers it (its
    optional ``labels()`` function in ``<app>.kengetallen``); [] when it gives none. So the
    dashboards name leefgebieden or instrument categories without importing those apps."""
    for _label, module in _kengetallen_modules():
        functie = getattr(module, "labels", None)
        if functie is not None and figuur in (uit := functie()):
            return uit[figuur]
    return []


def verzamel_feiten(*, van: date, tot: date) -> tuple[dict[str, QuerySet], dict[str, str]]:
    """Ask every app with a ``kengetallen`` module for its facts. Returns (facts, errors)."""
    feiten: dict[str, QuerySet] = {}
    fouten: dict[str, str] = {}
    for label, module in _kengetallen_modules(fouten):
        functie = getattr(module, "feiten", None)
        if functie is None:
            continue
        try:
            uit = functie(van=van, tot=tot)
        except Exception as exc:
            fouten[label] = f"{type(exc).__name__}: {exc}"
            logger.exception("Kengetallen van %s mislukt", label)
            continue
        for naam, qs in uit.items():
            try:
                controleer_feit(naam, qs)
            except (TypeError, ValueError) as exc:
                fouten[naam] = str(exc)
                continue
            feiten[naam] = qs
    return feiten, fouten


def controleer_feit(naam: str, qs: Any) -> None:
    if not isinstance(qs, QuerySet):
        raise TypeError(f"{naam}: verwacht een QuerySet.values(...), kreeg {type(qs).__name__}")
    velden = set(_sleutels(qs))
    if not velden:
        raise ValueError(f"{naam}: gebruik .values(...) met de velden van het protocol")
    if not velden >= _VERPLICHT:
        raise ValueError(f"{naam}: {sorted(_VERPLICHT - velden)} ontbreekt")
    if velden - _TOEGESTAAN:
        raise ValueError(f"{naam}: onbekende velden {sorted(velden - _TOEGESTAAN)}")


def voeg_feit_in(*, peildag_id: int, figuur: str, qs: QuerySet, lijst: list[Periode]) -> int:
    """One ``INSERT INTO ... SELECT``: the facts aggregated per period and dimension cell.

    Two levels of GROUP BY instead of ``COUNT(DISTINCT ...)``: first per period, dossier and
    category, then per dimension cell (``COUNT(*)`` of the first level = distinct people).
    Both levels can be hash aggregates; a DISTINCT aggregate would force a sort.
    """
    velden = _sleutels(qs)
    binnen_sql, binnen_params = qs.order_by().query.sql_with_params()
    per_sql, per_params = _afgeleide_tabel(
        ["periode", "begin_", "eind_"], [[p.begin, p.begin, p.eind] for p in lijst]
    )

    def code(veld: str) -> str:
        if veld not in velden:
            return "''"
        return f"COALESCE(CAST(f.{_q(velden[veld])} AS VARCHAR(64)), '')"

    categorie, subcategorie = code("categorie"), code("subcategorie")
    aantal = f"SUM(f.{_q(velden['aantal'])})" if "aantal" in velden else "COUNT(*)"
    som = f"SUM(f.{_q(velden['bedrag'])})" if "bedrag" in velden else "CAST(NULL AS DECIMAL)"
    dossier, datum = f"f.{_q(velden['dossier_id'])}", f"f.{_q(velden['datum'])}"
    groep = ", ".join(x for x in ("m.periode", dossier, categorie, subcategorie) if x != "''")
    per_dossier = (
        f"SELECT m.periode AS periode, {dossier} AS dossier_id, {categorie} AS categorie, "
        f"{subcategorie} AS subcategorie, {aantal} AS aantal, {som} AS som "
        f"FROM ({binnen_sql}) f "
        f"INNER JOIN {per_sql} m ON {datum} >= m.begin_ AND {datum} < m.eind_ "
        f"GROUP BY {groep}"
    )
    sql = (
        f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
        f"SELECT %s, %s, %s, %s, g.periode, {_DIMENSIES_SELECT}, g.categorie, g.subcategorie, "
        f"COUNT(*), SUM(g.aantal), SUM(g.som) "
        f"FROM ({per_dossier}) g"
        + _dimensie_joins("g.dossier_id")
        + f" GROUP BY g.periode, {_DIMENSIES_SELECT}, g.categorie, g.subcategorie"
    )
    params = [peildag_id, figuur, Niveau.ALLE, lijst[0].soort, *binnen_params, *per_params]
    return _voer_uit(sql, params)


# --------------------------------------------------------------------------------------------
# the bestand (stock at the end of every month) and the caseload


def _klassen_case(kolom: str, klassen: list[tuple[str, int]], prefix: str, laatste: str) -> str:
    """CASE on a date column against per-period threshold columns m.<prefix><n>."""
    delen = [f"WHEN {kolom} IS NULL THEN '{klassen[0][0]}'"]
    delen += [f"WHEN {kolom} > m.{prefix}{n} THEN '{code}'" for code, n in klassen]
    return "CASE " + " ".join(delen) + f" ELSE '{laatste}' END"


def _bestand(*, peildag_id: int, maanden: list[Periode]) -> int:
    """Who was in the bijstand at the end of each month (at the peildatum for the current one),
    by duration since the startdatum and by age: two figures (on PostgreSQL in one pass with
    GROUPING SETS, elsewhere one statement each).

    Periods in the bijstand are read from the status history: the transitions into
    IN_BIJSTAND and out of it alternate per dossier, so LEAD over them gives each period.
    """
    sw = _tabel(StatusWijziging)
    in_lijst = ", ".join(["%s"] * len(IN_BIJSTAND))
    perioden_sql = (
        f"SELECT s.dossier_id, s.op, s.naar, LEAD(s.op) OVER "
        f"(PARTITION BY s.dossier_id ORDER BY s.op, s.id) AS volgende FROM {sw} s "
        f"WHERE (CASE WHEN s.naar IN ({in_lijst}) THEN 1 ELSE 0 END) "
        f"<> (CASE WHEN s.van IN ({in_lijst}) THEN 1 ELSE 0 END)"
    )
    perioden_params = [*IN_BIJSTAND, *IN_BIJSTAND]
    kolommen = ["periode", "meet"]
    kolommen += [f"j{n}" for _c, n in DUURKLASSEN] + [f"a{n}" for _c, n in LEEFTIJDSKLASSEN]
    rijen = []
    for p in maanden:
        rij = [p.begin, _dt(middernacht(p.eind))]
        rij += [min_jaren(p.meetdag, n) for _c, n in DUURKLASSEN]
        rij += [min_jaren(p.meetdag, n) for _c, n in LEEFTIJDSKLASSEN]
        rijen.append(rij)
    per_sql, per_params = _afgeleide_tabel(kolommen, rijen)
    duur = _klassen_case("d.startdatum", DUURKLASSEN, "j", "ge10")
    leeftijd = _klassen_case("w.geboortedatum", LEEFTIJDSKLASSEN, "a", "ge55")
    van_join = (
        f"FROM ({perioden_sql}) ev "
        f"INNER JOIN {per_sql} m ON ev.op < m.meet "
        f"AND (ev.volgende IS NULL OR ev.volgende >= m.meet)"
        + _dimensie_joins("ev.dossier_id")
        + f" WHERE ev.naar IN ({in_lijst})"
    )
    join_params = [*perioden_params, *per_params, *IN_BIJSTAND]
    if connection.vendor == "postgresql":
        # Both figures in one pass over the periods (GROUPING tells which class was kept).
        sql = (
            f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
            f"SELECT %s, CASE WHEN GROUPING(duur) = 0 THEN %s ELSE %s END, %s, %s, periode, "
            f"team_id, wijk_id, route, doelgroep, COALESCE(duur, leeftijd), '', "
            f"COUNT(*), COUNT(*), NULL "
            f"FROM (SELECT m.periode, {_DIMENSIES_SELECT}, {duur} AS duur, "
            f"{leeftijd} AS leeftijd {van_join}) x "
            f"GROUP BY periode, team_id, wijk_id, route, doelgroep, "
            f"GROUPING SETS ((duur), (leeftijd))"
        )
        params = [peildag_id, BESTAND_DUUR, BESTAND_LEEFTIJD, Niveau.ALLE, PeriodeSoort.MAAND]
        return _voer_uit(sql, [*params, *join_params])
    totaal = 0
    for figuur, klasse in ((BESTAND_DUUR, duur), (BESTAND_LEEFTIJD, leeftijd)):
        sql = (
            f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
            f"SELECT %s, %s, %s, %s, m.periode, {_DIMENSIES_SELECT}, {klasse}, '', "
            f"COUNT(*), COUNT(*), NULL {van_join}"
            f" GROUP BY m.periode, {_DIMENSIES_SELECT}, {klasse}"
        )
        params = [peildag_id, figuur, Niveau.ALLE, PeriodeSoort.MAAND]
        totaal += _voer_uit(sql, [*params, *join_params])
    return totaal


def _caseload(*, peildag_id: int, peildatum: date) -> int:
    """Werkcoaches by the size of their caseload (active dossiers) at the peildatum, per team.

    ``personen`` counts werkcoaches here, ``som`` their dossiers. Only the team dimension
    applies (a caseload spans wijken, routes and doelgroepen).
    """
    statussen = ", ".join(["%s"] * len(ACTIEVE_STATUSSEN))
    klasse = (
        "CASE "
        + " ".join(f"WHEN c.n < {grens} THEN '{code}'" for code, grens in CASELOADKLASSEN)
        + " ELSE 'ge150' END"
    )
    werkcoach = _kolom(Dossier, "werkcoach")
    totaal = 0
    for soort, begin in (
        (PeriodeSoort.MAAND, eerste_van_maand(peildatum)),
        (PeriodeSoort.KWARTAAL, eerste_van_kwartaal(peildatum)),
    ):
        sql = (
            f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
            f"SELECT %s, %s, %s, %s, %s, u.team_id, NULL, '', '', {klasse}, '', COUNT(*), "
            f"COUNT(*), SUM(c.n) "
            f"FROM (SELECT {werkcoach} AS werkcoach_id, COUNT(*) AS n FROM {_tabel(Dossier)} "
            f"WHERE status IN ({statussen}) GROUP BY {werkcoach}) c "
            f"INNER JOIN {_tabel(User)} u ON u.{_q('id')} = c.werkcoach_id "
            f"GROUP BY u.team_id, {klasse}"
        )
        params = [peildag_id, CASELOAD, Niveau.ALLE, soort, begin, *ACTIEVE_STATUSSEN]
        totaal += _voer_uit(sql, params)
    return totaal


# --------------------------------------------------------------------------------------------
# roll-ups and clean-up


def niveaus() -> list[tuple[str, tuple[str, ...]]]:
    """Every roll-up level: the total, each dimension, and route with doelgroep (the only
    pair without team or wijk; the cube's indexes serve the others)."""
    uit: list[tuple[str, tuple[str, ...]]] = [(Niveau.TOTAAL, ())]
    uit += [(Niveau.van([d]), (d,)) for d in DIMENSIES]
    uit.append((Niveau.van(("route", "doelgroep")), ("route", "doelgroep")))
    return uit


def _leeg(dimensie: str) -> str:
    return "NULL" if dimensie in ("team", "wijk") else "''"


def rollups(*, peildag_id: int) -> int:
    """The roll-up levels (``niveaus``), as sums over the full cube.

    PostgreSQL: one scan with GROUPING SETS (``GROUPING()`` tells the level of each row);
    other databases: one statement per level.
    """
    kolommen = "peildag_id, figuur, periode_soort, periode, categorie, subcategorie"
    bron = f"FROM {_tabel(Kengetal)} WHERE peildag_id = %s AND niveau = %s"
    sommen = "SUM(personen), SUM(aantal), SUM(som)"
    if connection.vendor == "postgresql":
        gevallen = []
        for niveau, dims in niveaus():
            masker = sum(1 << (3 - i) for i, d in enumerate(DIMENSIES) if d not in dims)
            gevallen.append(f"WHEN {masker} THEN '{niveau}'")
        sets = ", ".join("(" + ", ".join(dims) + ")" for _n, dims in niveaus())
        sql = (
            f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
            f"SELECT peildag_id, figuur, CASE GROUPING(team, wijk, route, doelgroep) "
            f"{' '.join(gevallen)} END, periode_soort, periode, team, wijk, "
            f"COALESCE(route, ''), COALESCE(doelgroep, ''), categorie, subcategorie, {sommen} "
            f"{bron} GROUP BY {kolommen}, GROUPING SETS ({sets})"
        )
        return _voer_uit(sql, [peildag_id, Niveau.ALLE])
    totaal = 0
    for niveau, dims in niveaus():
        select = ", ".join(d if d in dims else _leeg(d) for d in DIMENSIES)
        groep = "".join(f", {d}" for d in dims)
        sql = (
            f"INSERT INTO {_tabel(Kengetal)} ({_KENGETAL_KOLOMMEN}) "
            f"SELECT peildag_id, figuur, %s, periode_soort, periode, {select}, categorie, "
            f"subcategorie, {sommen} {bron} GROUP BY {kolommen}{groep}"
        )
        totaal += _voer_uit(sql, [niveau, peildag_id, Niveau.ALLE])
    return totaal


def verwijder_rijen(peildag_ids: Iterable[int]) -> None:
    """Delete snapshot rows in SQL (not through the ORM's cascade, which loads them)."""
    ids = list(peildag_ids)
    if not ids:
        return
    plekken = ", ".join(["%s"] * len(ids))
    _voer_uit(f"DELETE FROM {_tabel(Kengetal)} WHERE peildag_id IN ({plekken})", ids)


# --------------------------------------------------------------------------------------------
# the whole build


def bouw(*, peildag_id: int, peildatum: date) -> tuple[int, list[str], dict[str, str]]:
    """Write all rows of one peildag (the caller holds the transaction).

    Returns (rows written, the apps' figures that were built, those that could not be).
    """
    if connection.vendor == "postgresql":
        # Room for hash aggregates (the default 4 MB makes PostgreSQL sort ~1M rows on text).
        _voer_uit("SET LOCAL work_mem = %s", [WERKGEHEUGEN])
    van, tot = venster(peildatum)
    maanden = perioden(van, tot, PeriodeSoort.MAAND)
    kwartalen = perioden(van, tot, PeriodeSoort.KWARTAAL)
    rijen = 0
    gebouwd = []
    feiten, fouten = verzamel_feiten(van=van, tot=tot)
    for figuur, qs in sorted(feiten.items()):
        try:
            with transaction.atomic():
                for lijst in (maanden, kwartalen):
                    rijen += voeg_feit_in(peildag_id=peildag_id, figuur=figuur, qs=qs, lijst=lijst)
            gebouwd.append(figuur)
        except DatabaseError as exc:
            fouten[figuur] = f"{type(exc).__name__}: {exc}"
            logger.exception("Kengetal %s niet te bouwen", figuur)
    rijen += _bestand(peildag_id=peildag_id, maanden=maanden)
    rijen += _caseload(peildag_id=peildag_id, peildatum=peildatum)
    rijen += rollups(peildag_id=peildag_id)
    return rijen, gebouwd, fouten
