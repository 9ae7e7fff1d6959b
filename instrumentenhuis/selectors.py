"""Reads of the instrumentenhuis: catalogue, inzetten, suggestions, eligible people, agenda.

Stable API for other apps:

- :func:`lopende_inzetten` ``(*, dossier_ids, van, tot) -> list[InzetAgendaRegel]``: the
  deployments that run (or are planned) in a period, for the werkweekagenda. It does not log:
  the page that shows the agenda logs its read of the dossier.

Views load the dossier through ``bijstand.dossiers.selectors.dossier_voor_gebruiker`` (which
writes the dataverwerkingen line); the selectors here that show data of other people
(:func:`kandidaten_pagina`) or confidential deployments log themselves. Inzetten of an
instrument that addresses a confidential leefgebied are only returned with
``met_vertrouwelijk=True`` (the dossier's own werkcoach, ``dossiers.view_vertrouwelijk``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
from bijstand.dossiers.scope import dossier_scope_q
from bijstand.logboek.services import log_verwerking
from perspectief import matching as perspectief_matching
from perspectief.models import TAALNIVEAU_RANG, Belemmering, Beroep, Profiel
from perspectief.referentie import CERTIFICATEN

from . import matching
from .models import (
    ACTIEVE_INZET_STATUSSEN,
    Aanbieder,
    Categorie,
    Instrument,
    InstrumentJaar,
    InstrumentLeefgebied,
    Inzet,
    InzetOvergang,
    InzetStatus,
    Rapportage,
)

CATALOGUS_PAGINA_GROOTTE = 20
KANDIDATEN_PAGINA_GROOTTE = 25
INZETTEN_PAGINA_GROOTTE = 10
BULK_STAP = 2000


def _vertrouwelijk_exists(instrument_ref: str = "instrument_id") -> Exists:
    return Exists(
        InstrumentLeefgebied.objects.filter(
            instrument_id=OuterRef(instrument_ref), leefgebied__vertrouwelijk=True
        )
    )


def _bereiken_prefetch() -> Prefetch:
    return Prefetch(
        "leefgebied_bereiken",
        queryset=InstrumentLeefgebied.objects.select_related("leefgebied").order_by(
            "leefgebied__nummer"
        ),
    )


# --- agenda (werkloont) -------------------------------------------------------------------


@dataclass(frozen=True)
class InzetAgendaRegel:
    inzet_id: int
    dossier_id: int
    instrument_naam: str
    categorie: str
    aanbieder_naam: str
    uren_per_week: int
    start: datetime.date
    eind: datetime.date | None


def lopende_inzetten(
    *, dossier_ids: list[int], van: datetime.date, tot: datetime.date
) -> list[InzetAgendaRegel]:
    """Deployments of these dossiers that overlap [van, tot]: approved (from the planned start
    date to the planned end) and started ones (from the real start to the real or planned end);
    finished ones up to the day they ended. Requests and the wachtlijst are not included.

    One query per 2,000 dossier ids; ordered by dossier, start and instrument name. Includes
    instruments on confidential leefgebieden (the person's own schedule); not logged here.
    """
    start_expr = Coalesce("gestart_op", "begindatum")
    eind_expr = Case(
        When(status__in=[InzetStatus.AFGEROND, InzetStatus.GESTOPT], then=F("beeindigd_op")),
        default=F("einddatum"),
    )
    uit: list[InzetAgendaRegel] = []
    ids = sorted(set(dossier_ids))
    for i in range(0, len(ids), BULK_STAP):
        rijen = (
            Inzet.objects.filter(dossier_id__in=ids[i : i + BULK_STAP])
            .filter(
                Q(status=InzetStatus.GOEDGEKEURD)
                | Q(status=InzetStatus.GESTART)
                | Q(
                    status__in=[InzetStatus.AFGEROND, InzetStatus.GESTOPT],
                    gestart_op__isnull=False,
                )
            )
            .annotate(agenda_start=start_expr, agenda_eind=eind_expr)
            .filter(agenda_start__lte=tot)
            .filter(Q(agenda_eind__isnull=True) | Q(agenda_eind__gte=van))
            .order_by("dossier_id", "agenda_start", "instrument__naam", "pk")
            .values_list(
                "pk",
                "dossier_id",
                "instrument__naam",
                "instrument__categorie",
                "instrument__aanbieder__naam",
                "uren_per_week",
                "agenda_start",
                "agenda_eind",
            )
        )
        uit.extend(InzetAgendaRegel(*rij) for rij in rijen)
    return uit


# --- catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogusFilters:
    categorie: str = ""
    leefgebied: str = ""  # leefgebied code
    trede: int | None = None
    zoek: str = ""


def catalogus_queryset(filters: CatalogusFilters | None = None) -> QuerySet[Instrument]:
    """Active instruments, filtered in the database, with provider and leefgebieden."""
    filters = filters or CatalogusFilters()
    qs = Instrument.objects.filter(actief=True)
    if filters.categorie:
        qs = qs.filter(categorie=filters.categorie)
    if filters.leefgebied:
        qs = qs.filter(leefgebied_bereiken__leefgebied__code=filters.leefgebied)
    if filters.trede:
        qs = qs.filter(trede_van__lte=filters.trede, trede_tot__gte=filters.trede)
    for deel in (filters.zoek or "").split():
        qs = qs.filter(
            Q(naam__icontains=deel)
            | Q(omschrijving__icontains=deel)
            | Q(doelgroep__icontains=deel)
            | Q(aanbieder__naam__icontains=deel)
        )
    return (
        qs.select_related("aanbieder")
        .prefetch_related(_bereiken_prefetch())
        .order_by("categorie", "naam", "pk")
    )


def catalogus_pagina(*, filters: CatalogusFilters, pagina: int | str = 1) -> Page:
    page = Paginator(catalogus_queryset(filters), CATALOGUS_PAGINA_GROOTTE).get_page(pagina)
    vrij = beschikbaarheid(list(page.object_list))
    for instrument in page.object_list:
        instrument.beschikbaarheid = vrij[instrument.pk]
    return page


def instrument_detail(*, pk: int, alleen_actief: bool = False) -> Instrument | None:
    qs = Instrument.objects.select_related("aanbieder").prefetch_related(
        _bereiken_prefetch(),
        Prefetch("beroepen", queryset=Beroep.objects.order_by("naam")),
        "aanbieder__contacten",
    )
    if alleen_actief:
        qs = qs.filter(actief=True)
    return qs.filter(pk=pk).first()


def beschikbaarheid(
    instrumenten: Iterable[Instrument | CatalogusRegel], *, jaar: int | None = None
) -> dict[int, matching.Beschikbaarheid]:
    """Budget and places left this year per instrument, and how many wait. Two queries.

    ``instrumenten``: anything with ``pk``, ``kosten_per_deelnemer``, ``jaarbudget`` and
    ``capaciteit_per_jaar`` (an Instrument or a CatalogusRegel)."""
    jaar = jaar or tijd.vandaag().year
    instrumenten = list(instrumenten)
    ids = [i.pk for i in instrumenten]
    rijen = {
        r.instrument_id: r for r in InstrumentJaar.objects.filter(jaar=jaar, instrument_id__in=ids)
    }
    wachtend = dict(
        Inzet.objects.filter(instrument_id__in=ids, budgetjaar=jaar, status=InzetStatus.WACHTLIJST)
        .values_list("instrument_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    uit = {}
    for instrument in instrumenten:
        rij = rijen.get(instrument.pk)
        budget = rij.budget if rij else instrument.jaarbudget
        capaciteit = rij.capaciteit if rij else instrument.capaciteit_per_jaar
        besteed = rij.besteed if rij else Decimal("0")
        bezet = rij.bezet if rij else 0
        uit[instrument.pk] = matching.Beschikbaarheid(
            jaar=jaar,
            budget_over=None if budget is None else budget - besteed,
            plaatsen_over=None if capaciteit is None else capaciteit - bezet,
            kosten=instrument.kosten_per_deelnemer,
            wachtenden=wachtend.get(instrument.pk, 0),
        )
    return uit


def jaaroverzicht(*, instrument: Instrument, jaar: int | None = None) -> dict[str, Any]:
    """Budget, reservations and wachtlijst of one instrument in one year (no names)."""
    jaar = jaar or tijd.vandaag().year
    rij = InstrumentJaar.objects.filter(instrument=instrument, jaar=jaar).first()
    budget = rij.budget if rij else instrument.jaarbudget
    capaciteit = rij.capaciteit if rij else instrument.capaciteit_per_jaar
    return {
        "jaar": jaar,
        "budget": budget,
        "besteed": rij.besteed if rij else Decimal("0.00"),
        "budget_over": None if budget is None else budget - (rij.besteed if rij else 0),
        "capaciteit": capaciteit,
        "bezet": rij.bezet if rij else 0,
        "plaatsen_over": None if capaciteit is None else capaciteit - (rij.bezet if rij else 0),
        "wachtlijst": Inzet.objects.filter(
            instrument=instrument, budgetjaar=jaar, status=InzetStatus.WACHTLIJST
        ).count(),
    }


# --- inzetten of a dossier ----------------------------------------------------------------


def inzetten_queryset(*, dossier: Dossier, met_vertrouwelijk: bool) -> QuerySet[Inzet]:
    """The dossier's inzetten, active ones first; confidential ones only when allowed."""
    qs = (
        Inzet.objects.filter(dossier=dossier)
        .select_related("instrument", "instrument__aanbieder")
        .annotate(
            vertrouwelijk=_vertrouwelijk_exists(),
            actief_eerst=Case(
                When(status__in=ACTIEVE_INZET_STATUSSEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
    )
    if not met_vertrouwelijk:
        qs = qs.filter(vertrouwelijk=False)
    return qs.order_by("actief_eerst", "-aangemaakt_op", "-pk")


def log_vertrouwelijk_getoond(
    *, dossier: Dossier, user: Any, request: Any, operatie: str, getoond: bool
) -> None:
    """An extra, confidential log line when confidential deployments were shown."""
    if not getoond:
        return
    log_verwerking(
        activiteit="gezondheid",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["instrumenten", "gezondheid"],
        actor=user,
        request=request,
        vertrouwelijk=True,
    )


def inzet_van_dossier(*, dossier: Dossier, pk: int, met_vertrouwelijk: bool) -> Inzet | None:
    """One inzet of the dossier with its history, reports and employer terms (or None)."""
    return (
        inzetten_queryset(dossier=dossier, met_vertrouwelijk=met_vertrouwelijk)
        .select_related("aangevraagd_door", "werkgeversafspraak")
        .prefetch_related(
            Prefetch(
                "overgangen",
                queryset=InzetOvergang.objects.select_related("door").order_by("op", "pk"),
            ),
            Prefetch(
                "rapportages",
                queryset=Rapportage.objects.select_related("aanbieder", "vastgelegd_door"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def wachtlijst_positie(inzet: Inzet) -> int | None:
    """1-based place on the wachtlijst of its instrument and year (None if not waiting)."""
    if inzet.status != InzetStatus.WACHTLIJST:
        return None
    return (
        Inzet.objects.filter(
            instrument_id=inzet.instrument_id,
            budgetjaar=inzet.budgetjaar,
            status=InzetStatus.WACHTLIJST,
        )
        .filter(
            Q(wachtlijst_sinds__lt=inzet.wachtlijst_sinds)
            | Q(wachtlijst_sinds=inzet.wachtlijst_sinds, pk__lt=inzet.pk)
        )
        .count()
        + 1
    )


# --- suggestions for a dossier ------------------------------------------------------------


@dataclass
class Suggesties:
    suggesties: list[matching.Suggestie]
    uitgesloten: list[matching.Uitsluiting]
    heeft_profiel: bool
    jaar: int
    instrumenten: dict[int, CatalogusRegel] = field(default_factory=dict)


def _instrument_feiten(instrument: Instrument) -> matching.InstrumentFeiten:
    """Matching facts of an instrument loaded with bereiken (and leefgebied) and beroepen."""
    return matching.InstrumentFeiten(
        id=instrument.pk,
        naam=instrument.naam,
        trede_van=instrument.trede_van,
        trede_tot=instrument.trede_tot,
        minimum_leeftijd=instrument.minimum_leeftijd,
        bereiken=tuple(
            matching.Bereik(
                code=b.leefgebied.code,
                naam=b.leefgebied.naam,
                van=b.niveau_van,
                tot=b.niveau_tot,
                vertrouwelijk=b.leefgebied.vertrouwelijk,
            )
            for b in instrument.leefgebied_bereiken.all()
        ),
        certificaten=tuple(instrument.certificaten or ()),
        beroepen=tuple((b.isco_code, b.naam) for b in instrument.beroepen.all()),
        taalniveau_doel=instrument.taalniveau_doel,
    )


@dataclass(frozen=True)
class CatalogusRegel:
    """What the suggestions show and count of one active instrument (no model instance)."""

    pk: int
    naam: str
    categorie: str
    aanbieder_naam: str
    kosten_per_deelnemer: Decimal
    jaarbudget: Decimal | None
    capaciteit_per_jaar: int | None

    @property
    def categorie_label(self) -> str:
        return str(Categorie(self.categorie).label)


def _actieve_catalogus() -> tuple[list[CatalogusRegel], list[matching.InstrumentFeiten]]:
    """The active catalogue as plain values: three queries, no model instances (the
    suggestions run on every dossier page)."""
    regels: list[CatalogusRegel] = []
    basis: dict[int, dict[str, Any]] = {}
    for (
        pk, naam, categorie, aanbieder, van, tot, leeftijd, certificaten, taal, kosten, budget,
        capaciteit,
    ) in (
        Instrument.objects.filter(actief=True)
        .order_by("naam", "pk")
        .values_list(
            "pk", "naam", "categorie", "aanbieder__naam", "trede_van", "trede_tot",
            "minimum_leeftijd", "certificaten", "taalniveau_doel", "kosten_per_deelnemer",
            "jaarbudget", "capaciteit_per_jaar",
        )
    ):  # fmt: skip
        regels.append(CatalogusRegel(pk, naam, categorie, aanbieder, kosten, budget, capaciteit))
        basis[pk] = {
            "id": pk,
            "naam": naam,
            "trede_van": van,
            "trede_tot": tot,
            "minimum_leeftijd": leeftijd,
            "certificaten": tuple(certificaten or ()),
            "taalniveau_doel": taal,
            "bereiken": [],
            "beroepen": [],
        }
    for pk, code, naam, van, tot, geheim in (
        InstrumentLeefgebied.objects.filter(instrument__actief=True)
        .order_by("instrument_id", "leefgebied__nummer")
        .values_list(
            "instrument_id",
            "leefgebied__code",
            "leefgebied__naam",
            "niveau_van",
            "niveau_tot",
            "leefgebied__vertrouwelijk",
        )
    ):
        basis[pk]["bereiken"].append(matching.Bereik(code, naam, van, tot, geheim))
    for pk, isco, naam in (
        Instrument.beroepen.through.objects.filter(instrument__actief=True)
        .order_by("instrument_id", "beroep__naam")
        .values_list("instrument_id", "beroep__isco_code", "beroep__naam")
    ):
        basis[pk]["beroepen"].append((isco, naam))
    feiten = [
        matching.InstrumentFeiten(
            **{
                **b,
                "bereiken": tuple(b["bereiken"]),
                "beroepen": tuple(b["beroepen"]),
            }
        )
        for b in basis.values()
    ]
    return regels, feiten


def _kansrijke_beroepen() -> list[Beroep]:
    return list(Beroep.objects.filter(kansrijk=True, actief=True).order_by("naam"))


def _kandidaat(profiel: Profiel) -> perspectief_matching.Kandidaat:
    # Barriers that block work are not a gap in the occupation: they count on their own.
    return perspectief_matching.Kandidaat(
        certificaten=frozenset(profiel.certificaten or ()),
        rijbewijzen=frozenset(profiel.rijbewijzen or ()),
        taalniveau=profiel.taalniveau,
        max_fysieke_belasting=profiel.max_fysieke_belasting,
        uren_per_week=profiel.uren_per_week,
        beroepen_ervaring=frozenset(profiel.beroepen_ervaring or ()),
        gewenste_beroepen=frozenset(profiel.gewenste_beroepen or ()),
        blokkerende_belemmeringen=0,
    )


def ontbrekende_certificaten(
    profiel: Profiel | None, beroepen: list[Beroep]
) -> dict[str, tuple[str, ...]]:
    """The gaps of the uitstroomperspectief that training closes: certificate code -> the
    kansrijk occupations it is missing for, where the certificate is the only gap (or the
    person wants that occupation). Uses ``perspectief.matching.beoordeel``."""
    if profiel is None:
        return {}
    kandidaat = _kandidaat(profiel)
    gaten: dict[str, list[str]] = defaultdict(list)
    for beroep in beroepen:
        eisen = perspectief_matching.Eisen(
            isco_code=beroep.isco_code,
            certificaten=tuple(beroep.certificaten or ()),
            rijbewijzen=tuple(beroep.rijbewijzen or ()),
            taalniveau=beroep.taalniveau,
            fysieke_belasting=beroep.fysieke_belasting,
            uren_per_week_min=beroep.uren_per_week_min,
        )
        fit = perspectief_matching.beoordeel(kandidaat, eisen, CERTIFICATEN)
        if not fit.ontbrekende_certificaten:
            continue
        alleen_certificaat = len(fit.tekorten) == len(fit.ontbrekende_certificaten)
        if alleen_certificaat or beroep.isco_code in kandidaat.gewenste_beroepen:
            for code in fit.ontbrekende_certificaten:
                gaten[code].append(beroep.naam)
    return {code: tuple(namen) for code, namen in gaten.items()}


def _persoon_feiten(
    *,
    dossier: Dossier,
    profiel: Profiel | None,
    belemmeringen: Iterable[tuple[str, bool]],
    actief: Iterable[int],
    beroepen: list[Beroep],
    met_vertrouwelijk: bool,
    vertrouwelijke_codes: set[str],
    peildatum: datetime.date,
) -> matching.PersoonFeiten:
    blokkades: dict[str, bool] = {}
    for code, blokkeert in belemmeringen:
        if met_vertrouwelijk or code not in vertrouwelijke_codes:
            blokkades[code] = blokkades.get(code, False) or blokkeert
    scores = {
        code: int(score)
        for code, score in ((profiel.scores or {}) if profiel else {}).items()
        if isinstance(score, int) and (met_vertrouwelijk or code not in vertrouwelijke_codes)
    }
    geboren = dossier.werkzoekende.geboortedatum
    leeftijd = (
        peildatum.year
        - geboren.year
        - ((peildatum.month, peildatum.day) < (geboren.month, geboren.day))
    )
    return matching.PersoonFeiten(
        trede=profiel.trede if profiel else None,
        scores=scores,
        belemmeringen=blokkades,
        leeftijd=leeftijd,
        taalniveau=profiel.taalniveau if profiel else "onbekend",
        certificaten=frozenset(profiel.certificaten or ()) if profiel else frozenset(),
        gewenste_beroepen=frozenset(profiel.gewenste_beroepen or ()) if profiel else frozenset(),
        ontbrekende_certificaten=ontbrekende_certificaten(profiel, beroepen),
        actieve_instrumenten=frozenset(actief),
    )


def suggesties_voor(
    *, dossier: Dossier, met_vertrouwelijk: bool, peildatum: datetime.date | None = None
) -> Suggesties:
    """Suggested instruments for one dossier, ranked by fit with the reasons in words, and the
    instruments the person cannot enter (with the reason). A fixed number of queries (ten),
    whatever the size of the caseload or the catalogue. Not logged: the calling view has
    loaded (and logged) the dossier; confidential reasons only with ``met_vertrouwelijk``.
    """
    peildatum = peildatum or tijd.vandaag()
    profiel = Profiel.objects.filter(dossier=dossier).first()
    belemmeringen = list(
        Belemmering.objects.filter(dossier=dossier, actief=True).values_list(
            "leefgebied__code", "blokkeert_werk"
        )
    )
    actief = list(
        Inzet.objects.filter(dossier=dossier, status__in=ACTIEVE_INZET_STATUSSEN).values_list(
            "instrument_id", flat=True
        )
    )
    regels, feiten = _actieve_catalogus()
    # Only leefgebieden that instruments address count; of those, these are confidential.
    vertrouwelijke_codes = {b.code for f in feiten for b in f.bereiken if b.vertrouwelijk}
    persoon = _persoon_feiten(
        dossier=dossier,
        profiel=profiel,
        belemmeringen=belemmeringen,
        actief=actief,
        beroepen=_kansrijke_beroepen(),
        met_vertrouwelijk=met_vertrouwelijk,
        vertrouwelijke_codes=vertrouwelijke_codes,
        peildatum=peildatum,
    )
    vrij = beschikbaarheid(regels, jaar=peildatum.year)
    gesuggereerd, uitgesloten = matching.stel_voor(
        persoon,
        feiten,
        vrij,
        certificaat_namen=CERTIFICATEN,
        met_vertrouwelijk=met_vertrouwelijk,
    )
    return Suggesties(
        suggesties=gesuggereerd,
        uitgesloten=uitgesloten,
        heeft_profiel=profiel is not None,
        jaar=peildatum.year,
        instrumenten={r.pk: r for r in regels},
    )


# --- eligible people for an instrument ----------------------------------------------------


@dataclass
class Kandidaat:
    dossier: Dossier
    redenen: list[str]
    score: int


def _jaren_terug(d: datetime.date, jaren: int) -> datetime.date:
    try:
        return d.replace(year=d.year - jaren)
    except ValueError:  # 29 February
        return d.replace(year=d.year - jaren, day=28)


def kandidaten_queryset(*, instrument: Instrument, user: User) -> QuerySet[Dossier]:
    """Active dossiers of the werkcoach's own caseload that can enter ``instrument``:

    a profile, the ladder trede within the range (or unknown), a score within the level range
    on at least one leefgebied the instrument addresses, old enough, no active inzet of it,
    and (for training) not already holding every certificate it delivers. In the database.
    """
    peildatum = tijd.vandaag()
    qs = Dossier.objects.filter(
        dossier_scope_q(user),
        werkcoach=user,
        status__in=ACTIEVE_STATUSSEN,
        profiel__isnull=False,
    ).exclude(
        Exists(
            Inzet.objects.filter(
                dossier_id=OuterRef("pk"),
                instrument=instrument,
                status__in=ACTIEVE_INZET_STATUSSEN,
            )
        )
    )
    qs = qs.filter(
        Q(profiel__trede__isnull=True)
        | Q(profiel__trede__gte=instrument.trede_van, profiel__trede__lte=instrument.trede_tot)
    )
    if instrument.minimum_leeftijd:
        qs = qs.filter(
            werkzoekende__geboortedatum__lte=_jaren_terug(peildatum, instrument.minimum_leeftijd)
        )
    bereiken = list(instrument.leefgebied_bereiken.all().select_related("leefgebied"))
    if bereiken:
        binnen = Q()
        for b in bereiken:
            binnen |= Q(
                **{
                    f"profiel__scores__{b.leefgebied.code}__gte": b.niveau_van,
                    f"profiel__scores__{b.leefgebied.code}__lte": b.niveau_tot,
                }
            )
        qs = qs.filter(binnen)
    if instrument.certificaten:
        heeft_alles = Q()
        for code in instrument.certificaten:
            heeft_alles &= Q(profiel__certificaten__icontains=f'"{code}"')
        qs = qs.exclude(heeft_alles)
    if instrument.taalniveau_doel and not bereiken:
        doel = TAALNIVEAU_RANG.get(instrument.taalniveau_doel, 0)
        lager = [n for n, rang in TAALNIVEAU_RANG.items() if 0 < rang < doel]
        qs = qs.filter(profiel__taalniveau__in=lager)
    return qs.select_related("werkzoekende", "profiel").order_by(
        "werkzoekende__achternaam", "werkzoekende__voornamen", "pk"
    )


def kandidaten_pagina(
    *, instrument: Instrument, user: User, pagina: int | str = 1, request: Any = None
) -> Page:
    """One page of eligible people in the werkcoach's own caseload, each with the reasons.

    Four queries whatever the page size; one dataverwerkingen line per person shown.
    """
    page = Paginator(
        kandidaten_queryset(instrument=instrument, user=user), KANDIDATEN_PAGINA_GROOTTE
    ).get_page(pagina)
    dossiers = list(page.object_list)
    belemmeringen: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for dossier_id, code, blokkeert in Belemmering.objects.filter(
        dossier_id__in=[d.pk for d in dossiers], actief=True
    ).values_list("dossier_id", "leefgebied__code", "blokkeert_werk"):
        belemmeringen[dossier_id].append((code, blokkeert))
    beroepen = _kansrijke_beroepen() if instrument.certificaten else []
    feiten = _instrument_feiten(instrument)
    peildatum = tijd.vandaag()
    regels = []
    for dossier in dossiers:
        persoon = _persoon_feiten(
            dossier=dossier,
            profiel=dossier.profiel,
            belemmeringen=belemmeringen[dossier.pk],
            actief=(),
            beroepen=beroepen,
            met_vertrouwelijk=True,  # own caseload: the werkcoach of each of these dossiers
            vertrouwelijke_codes=set(),
            peildatum=peildatum,
        )
        uitkomst = matching.beoordeel_instrument(
            persoon, feiten, certificaat_namen=CERTIFICATEN, met_vertrouwelijk=True
        )
        if isinstance(uitkomst, matching.Suggestie):
            regels.append(Kandidaat(dossier, uitkomst.redenen, uitkomst.score))
        else:
            regels.append(Kandidaat(dossier, [], 0))
    page.object_list = regels
    vertrouwelijk = feiten.vertrouwelijk
    log_verwerking(
        activiteit="gezondheid" if vertrouwelijk else "reintegratie",
        operatie="bekijk_kandidaten_instrument",
        subjects=[d.werkzoekende.log_subject for d in dossiers],
        soorten_gegevens=["identificatie", "leefgebieden", "participatieladder", "instrumenten"],
        actor=user,
        request=request,
        vertrouwelijk=vertrouwelijk,
    )
    return page


# --- providers (API) ----------------------------------------------------------------------


def aanbieder_van_client(client: Any) -> Aanbieder | None:
    """The active provider a system client belongs to (its token), or None."""
    return Aanbieder.objects.filter(systeemclient=client, actief=True).first()


def inzetten_van_aanbieder(*, aanbieder: Aanbieder, status: str = "") -> QuerySet[Inzet]:
    """The provider's own deployments that were approved (never requests or the wachtlijst)."""
    ooit_goedgekeurd = Exists(
        InzetOvergang.objects.filter(inzet_id=OuterRef("pk"), naar=InzetStatus.GOEDGEKEURD)
    )
    qs = Inzet.objects.filter(instrument__aanbieder=aanbieder).filter(
        Q(status__in=[InzetStatus.GOEDGEKEURD, InzetStatus.GESTART, InzetStatus.AFGEROND])
        | Q(ooit_goedgekeurd, status=InzetStatus.GESTOPT)
    )
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("instrument", "dossier__werkzoekende").order_by("-begindatum", "-pk")
