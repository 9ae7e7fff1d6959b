"""Reads of the werkloont app: norms, holidays, the week of one person, lists and bulk sums.

The views load the dossier through ``dossier_voor_gebruiker`` (scope + dataverwerkingen log).
What is shown beyond that and is confidential (health activities) is logged separately with
:func:`log_vertrouwelijke_inzage` (activiteit ``gezondheid``, vertrouwelijk).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from bijstand.accounts.models import Rol, Team, User
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.scope import dossier_scope_q, vervangen_collega_ids
from bijstand.logboek.services import log_verwerking

from . import uren
from .models import (
    Aanwezigheid,
    Activiteit,
    Afspraak,
    AfspraakStatus,
    Agenda,
    Component,
    Signaal,
    Trainingsgroep,
    Traject,
    TrajectStatus,
    Urennorm,
    Weekafsluiting,
    Werkactiviteit,
    WerkactiviteitPlek,
)

# --------------------------------------------------------------------------------------------
# norms and holidays


def _als_normen(n: Urennorm) -> uren.Normen:
    return uren.Normen(
        geldig_vanaf=n.geldig_vanaf,
        werkloont_max_weken=n.werkloont_max_weken,
        werkloont_werk_min=n.werkloont_werk_min_uren,
        werkloont_training_min=n.werkloont_training_min_uren,
        idm_standaard=n.idm_standaard_uren,
        idm_soort=n.idm_norm_soort,
        richting=n.richting_uren,
        max_per_dag=n.max_uren_per_dag,
        afwezig_aantal=n.afwezig_signaal_aantal,
        afwezig_weken=n.afwezig_signaal_weken,
    )


def alle_normen() -> list[uren.Normen]:
    """Every version, oldest first."""
    return [_als_normen(n) for n in Urennorm.objects.order_by("geldig_vanaf")]


def kies_normen(versies: list[uren.Normen], datum: datetime.date) -> uren.Normen:
    """The version in force on ``datum``; before the first version the first one applies, and
    without any version the documented defaults (seed values) apply."""
    geldig = [v for v in versies if v.geldig_vanaf <= datum]
    if geldig:
        return geldig[-1]
    return versies[0] if versies else uren.Normen(geldig_vanaf=datetime.date(2000, 1, 1))


def normen_op(datum: datetime.date) -> uren.Normen:
    n = Urennorm.objects.filter(geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()
    if n is None:
        return kies_normen(alle_normen(), datum)
    return _als_normen(n)


@functools.lru_cache(maxsize=32)
def _feestdagen_jaar(jaar: int) -> dict[datetime.date, str]:
    import holidays

    return dict(holidays.country_holidays("NL", years=[jaar], language="nl").items())


def feestdagen(van: datetime.date, tot: datetime.date) -> dict[datetime.date, str]:
    """Dutch public holidays (the ``holidays`` package) from ``van`` to ``tot`` inclusive."""
    uit: dict[datetime.date, str] = {}
    for jaar in range(van.year, tot.year + 1):
        for dag, naam in _feestdagen_jaar(jaar).items():
            if van <= dag <= tot:
                uit[dag] = naam.capitalize()
    return uit


def week_uit_tekst(tekst: str | None, *, standaard: datetime.date) -> datetime.date:
    """``2026-W10`` (what ``<input type=week>`` sends) or a date -> its monday."""
    tekst = (tekst or "").strip()
    try:
        if "-W" in tekst:
            jaar, week = tekst.split("-W")
            return datetime.date.fromisocalendar(int(jaar), int(week), 1)
        if tekst:
            return uren.maandag(datetime.date.fromisoformat(tekst))
    except ValueError:
        pass
    return uren.maandag(standaard)


def week_tekst(ma: datetime.date) -> str:
    jaar, week, _dag = ma.isocalendar()
    return f"{jaar}-W{week:02d}"


# --------------------------------------------------------------------------------------------
# programmes and fit with the uitstroomperspectief


def trajecten_van(*, dossier_id: int) -> QuerySet[Traject]:
    return Traject.objects.filter(dossier_id=dossier_id).select_related("trainingsgroep")


def actief_traject(*, dossier_id: int) -> Traject | None:
    return (
        Traject.objects.filter(dossier_id=dossier_id, status=TrajectStatus.ACTIEF)
        .select_related("trainingsgroep")
        .first()
    )


def traject_in_week(trajecten: Iterable[Traject], ma: datetime.date) -> Traject | None:
    """The enrolment that covers (part of) the week, active ones first."""
    zo = ma + datetime.timedelta(days=6)
    kandidaten = [
        t
        for t in trajecten
        if t.startdatum <= zo
        and (t.einddatum is None or t.einddatum >= ma)
        and (t.beeindigd_op is None or t.beeindigd_op >= ma)
    ]
    kandidaten.sort(key=lambda t: (t.status != TrajectStatus.ACTIEF, -t.pk))
    return kandidaten[0] if kandidaten else None


def traject_info(t: Traject | None) -> uren.TrajectInfo | None:
    if t is None:
        return None
    eind = t.einddatum
    if t.beeindigd_op is not None and (eind is None or t.beeindigd_op < eind):
        eind = t.beeindigd_op
    return uren.TrajectInfo(
        soort=t.soort,
        startdatum=t.startdatum,
        einddatum=eind,
        persoonlijke_norm=t.persoonlijke_norm_uren,
    )


def passende_beroep_ids(*, dossier_id: int) -> set[int]:
    """Occupations that fit the person's uitstroomperspectief
    (``perspectief.selectors.uitstroomperspectief``): the ones the profile fits without gaps,
    plus the ones the person wants to do (the direction chosen together). No profile: none."""
    from perspectief.selectors import profiel_van, uitstroomperspectief

    profiel = profiel_van(dossier_id)
    if profiel is None:
        return set()
    gewenst = set(profiel.gewenste_beroepen or ())
    return {
        f.beroep.pk
        for f in uitstroomperspectief(dossier=dossier_id, profiel=profiel)
        if f.past or f.beroep.isco_code in gewenst
    }


# --------------------------------------------------------------------------------------------
# instrument deployments (instrumentenhuis)


@dataclass(frozen=True)
class InstrumentRegel:
    """A running instrument deployment shown in the agenda for a week (hours per week)."""

    inzet_id: int
    dossier_id: int
    naam: str
    categorie: str
    aanbieder: str
    uren_per_week: Decimal
    start: datetime.date | None
    eind: datetime.date | None

    def minuten_in_week(self, ma: datetime.date) -> int:
        factor = uren.werkdagen_factor(ma, van=self.start, tot=self.eind)
        waarde = Decimal(str(self.uren_per_week or 0)) * 60 * factor.numerator / factor.denominator
        return int(waarde.to_integral_value())


def instrument_regels(
    *, dossier_ids: list[int], van: datetime.date, tot: datetime.date
) -> dict[int, list[InstrumentRegel]]:
    """Running deployments per dossier from ``instrumentenhuis.selectors.lopende_inzetten``.

    While the instrumentenhuis does not offer that selector, the agenda has no deployments to
    show (the import fails) and the page says so nowhere: it simply lists none.
    """
    if not dossier_ids:
        return {}
    try:
        from instrumentenhuis.selectors import lopende_inzetten
    except ImportError:
        return {}
    uit: dict[int, list[InstrumentRegel]] = defaultdict(list)
    for r in lopende_inzetten(dossier_ids=list(dossier_ids), van=van, tot=tot):
        uit[r.dossier_id].append(
            InstrumentRegel(
                inzet_id=r.inzet_id,
                dossier_id=r.dossier_id,
                naam=r.instrument_naam,
                categorie=str(r.categorie or ""),
                aanbieder=r.aanbieder_naam or "",
                uren_per_week=Decimal(str(r.uren_per_week or 0)),
                start=r.start,
                eind=r.eind,
            )
        )
    return dict(uit)


# --------------------------------------------------------------------------------------------
# one person's week


@dataclass
class Dag:
    datum: datetime.date
    feestdag: str
    afspraken: list[Afspraak] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return uren.datum_nl(self.datum)

    @property
    def minuten(self) -> int:
        return sum(a.minuten for a in self.afspraken if a.status == AfspraakStatus.GEPLAND)


@dataclass
class Week:
    ma: datetime.date
    dagen: list[Dag]
    instrumenten: list[InstrumentRegel]
    per_component: dict[str, int]
    gepland: int
    gerealiseerd: int
    geregistreerd_gepland: int
    normregels: list[uren.Normregel]
    traject: Traject | None
    afsluiting: Weekafsluiting | None
    normen: uren.Normen
    vertrouwelijk_getoond: bool = False

    @property
    def zo(self) -> datetime.date:
        return self.ma + datetime.timedelta(days=6)

    @property
    def label(self) -> str:
        return uren.week_label(self.ma)

    @property
    def code(self) -> str:
        return week_tekst(self.ma)

    @property
    def vorige(self) -> str:
        return week_tekst(self.ma - datetime.timedelta(days=7))

    @property
    def volgende(self) -> str:
        return week_tekst(self.ma + datetime.timedelta(days=7))

    @property
    def afgesloten(self) -> bool:
        return self.afsluiting is not None

    @property
    def signalen(self) -> list[uren.Normregel]:
        return [r for r in self.normregels if r.status != uren.OK]

    @property
    def afspraken(self) -> list[Afspraak]:
        return [a for d in self.dagen for a in d.afspraken]

    @property
    def open_registraties(self) -> int:
        return sum(
            1
            for a in self.afspraken
            if a.status == AfspraakStatus.GEPLAND and a.aanwezigheid == Aanwezigheid.ONBEKEND
        )


def _afspraken_qs() -> QuerySet[Afspraak]:
    return Afspraak.objects.select_related(
        "activiteit",
        "activiteit__plek__werkactiviteit",
        "activiteit__plek__locatie",
        "activiteit__trainingsgroep",
        "activiteit__begeleider",
    )


def markeer_verborgen(afspraken: Iterable[Afspraak], *, toon_vertrouwelijk: bool) -> bool:
    """Set ``a.verborgen`` on confidential occurrences the viewer may not see in detail.

    Returns whether confidential details are shown (the caller logs that)."""
    getoond = False
    for a in afspraken:
        vertrouwelijk = a.activiteit.vertrouwelijk
        a.verborgen = vertrouwelijk and not toon_vertrouwelijk
        getoond = getoond or (vertrouwelijk and toon_vertrouwelijk)
    return getoond


def week_van(
    *,
    dossier: Dossier,
    ma: datetime.date,
    toon_vertrouwelijk: bool,
    trajecten: list[Traject] | None = None,
) -> Week:
    """Everything of one person's week: occurrences per day (holidays marked), running
    instruments, planned and realised minutes per component, the norm lines, the lock."""
    zo = ma + datetime.timedelta(days=6)
    vrij = feestdagen(ma, zo)
    afspraken = list(_afspraken_qs().filter(dossier_id=dossier.pk, datum__range=(ma, zo)))
    getoond = markeer_verborgen(afspraken, toon_vertrouwelijk=toon_vertrouwelijk)
    dagen = {
        ma + datetime.timedelta(days=i): Dag(
            datum=ma + datetime.timedelta(days=i),
            feestdag=vrij.get(ma + datetime.timedelta(days=i), ""),
        )
        for i in range(7)
    }
    per_component: dict[str, int] = defaultdict(int)
    gerealiseerd = 0
    geregistreerd_gepland = 0
    for a in afspraken:
        dagen[a.datum].afspraken.append(a)
        if a.status != AfspraakStatus.GEPLAND:
            continue
        per_component[a.activiteit.component] += a.minuten
        if a.gerealiseerde_minuten is not None:
            gerealiseerd += a.gerealiseerde_minuten
            geregistreerd_gepland += a.minuten
    instrumenten = instrument_regels(dossier_ids=[dossier.pk], van=ma, tot=zo).get(dossier.pk, [])
    instrument_minuten = sum(r.minuten_in_week(ma) for r in instrumenten)
    if trajecten is None:
        trajecten = list(trajecten_van(dossier_id=dossier.pk))
    traject = traject_in_week(trajecten, ma)
    normen = normen_op(ma)
    totaal = sum(per_component.values()) + instrument_minuten
    regels = uren.beoordeel_week(
        ma=ma,
        gepland=per_component,
        totaal=totaal,
        normen=normen,
        traject=traject_info(traject),
        feestdagen=vrij,
    )
    return Week(
        ma=ma,
        dagen=list(dagen.values()),
        instrumenten=instrumenten,
        per_component=dict(per_component),
        gepland=totaal,
        gerealiseerd=gerealiseerd,
        geregistreerd_gepland=geregistreerd_gepland,
        normregels=regels,
        traject=traject,
        afsluiting=Weekafsluiting.objects.filter(dossier_id=dossier.pk, week=ma).first(),
        normen=normen,
        vertrouwelijk_getoond=getoond,
    )


def log_vertrouwelijke_inzage(*, dossier: Dossier, user: Any, request: Any, operatie: str) -> None:
    """A second log line when confidential agenda details (health activities) are shown."""
    log_verwerking(
        activiteit="gezondheid",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["agenda", "gezondheid"],
        actor=user,
        request=request,
        vertrouwelijk=True,
    )


def afspraken_lijst(
    *,
    dossier_id: int,
    van: datetime.date,
    tot: datetime.date,
    soort: str = "",
    aanwezigheid: str = "",
) -> QuerySet[Afspraak]:
    """Occurrences in a period for the accessible list view (filtered in the database)."""
    qs = _afspraken_qs().filter(dossier_id=dossier_id, datum__range=(van, tot))
    if soort:
        qs = qs.filter(activiteit__soort=soort)
    if aanwezigheid:
        qs = qs.filter(aanwezigheid=aanwezigheid)
    return qs.order_by("datum", "begintijd", "pk")


def afspraak_van_dossier(*, dossier_id: int, pk: int) -> Afspraak | None:
    return _afspraken_qs().filter(dossier_id=dossier_id, pk=pk).first()


def activiteit_van_dossier(*, dossier_id: int, pk: int) -> Activiteit | None:
    return (
        Activiteit.objects.filter(dossier_id=dossier_id, pk=pk)
        .select_related("beroep", "plek__werkactiviteit", "plek__locatie", "traject")
        .first()
    )


def activiteiten_van(*, dossier_id: int) -> QuerySet[Activiteit]:
    return (
        Activiteit.objects.filter(dossier_id=dossier_id)
        .select_related("beroep", "plek__werkactiviteit", "plek__locatie", "trainingsgroep")
        .order_by("-startdatum", "-pk")
    )


def weken_afgesloten(*, dossier_id: int) -> QuerySet[Weekafsluiting]:
    return Weekafsluiting.objects.filter(dossier_id=dossier_id).select_related("goedgekeurd_door")


def is_week_afgesloten(*, dossier_id: int, datum: datetime.date) -> bool:
    return Weekafsluiting.objects.filter(dossier_id=dossier_id, week=uren.maandag(datum)).exists()


# --------------------------------------------------------------------------------------------
# catalogue and training groups


def werkactiviteiten() -> QuerySet[Werkactiviteit]:
    return (
        Werkactiviteit.objects.filter(actief=True)
        .prefetch_related(
            "beroepen",
            Prefetch(
                "plekken",
                queryset=WerkactiviteitPlek.objects.filter(actief=True)
                .select_related("locatie")
                .prefetch_related("begeleiders")
                .annotate(
                    bezet=Count(
                        "activiteiten__dossier",
                        filter=Q(activiteiten__gestopt_op__isnull=True),
                        distinct=True,
                    )
                ),
            ),
        )
        .order_by("naam")
    )


def actieve_plekken() -> QuerySet[WerkactiviteitPlek]:
    return (
        WerkactiviteitPlek.objects.filter(actief=True, werkactiviteit__actief=True)
        .select_related("werkactiviteit", "locatie")
        .order_by("werkactiviteit__naam", "locatie__naam")
    )


def trainingsgroepen(*, alleen_actief: bool = True) -> QuerySet[Trainingsgroep]:
    qs = Trainingsgroep.objects.select_related("locatie", "begeleider").annotate(
        deelnemers=Count("trajecten", filter=Q(trajecten__status=TrajectStatus.ACTIEF))
    )
    if alleen_actief:
        qs = qs.filter(actief=True)
    return qs.order_by("-startdatum", "naam")


@dataclass
class Deelnemer:
    traject: Traject
    in_scope: bool
    per_datum: dict[datetime.date, str]
    aanwezig: int
    afwezig: int
    open: int


@dataclass
class Groepsoverzicht:
    groep: Trainingsgroep
    sessies: list[datetime.date]
    deelnemers: list[Deelnemer]
    buiten_scope: int

    @property
    def zichtbare(self) -> list[Deelnemer]:
        return [d for d in self.deelnemers if d.in_scope]


def groepsoverzicht(
    *, groep: Trainingsgroep, user: User, van: datetime.date, tot: datetime.date
) -> Groepsoverzicht:
    """Participants and attendance of a training group in a period.

    Names and attendance only of participants whose dossier the user may see (own caseload,
    substitution, team); the others are only counted. Four queries whatever the group size.
    """
    trajecten = list(
        Traject.objects.filter(trainingsgroep=groep)
        .exclude(status=TrajectStatus.GESTOPT, beeindigd_op__lt=van)
        .select_related("dossier__werkzoekende", "dossier__werkcoach")
        .order_by("dossier__werkzoekende__achternaam", "dossier__werkzoekende__voornamen", "pk")
    )
    zichtbaar = set(
        Dossier.objects.filter(dossier_scope_q(user))
        .filter(pk__in=[t.dossier_id for t in trajecten])
        .values_list("pk", flat=True)
    )
    rijen = (
        Afspraak.objects.filter(
            activiteit__trainingsgroep=groep,
            activiteit__soort="training",
            datum__range=(van, tot),
            dossier_id__in=zichtbaar,
        )
        .exclude(status=AfspraakStatus.GEANNULEERD)
        .values_list("dossier_id", "datum", "status", "aanwezigheid")
    )
    per_dossier: dict[int, dict[datetime.date, str]] = defaultdict(dict)
    sessies: set[datetime.date] = set()
    for dossier_id, datum, status, aanwezigheid in rijen:
        sessies.add(datum)
        per_dossier[dossier_id][datum] = (
            AfspraakStatus.FEESTDAG if status == AfspraakStatus.FEESTDAG else aanwezigheid
        )
    deelnemers = []
    for t in trajecten:
        if t.dossier_id not in zichtbaar:
            continue
        waarden = per_dossier.get(t.dossier_id, {})
        deelnemers.append(
            Deelnemer(
                traject=t,
                in_scope=True,
                per_datum=waarden,
                aanwezig=sum(1 for w in waarden.values() if w == Aanwezigheid.AANWEZIG),
                afwezig=sum(
                    1
                    for w in waarden.values()
                    if w
                    in (
                        Aanwezigheid.AFWEZIG_MET_REDEN,
                        Aanwezigheid.AFWEZIG_ZONDER_REDEN,
                        Aanwezigheid.ZIEK,
                    )
                ),
                open=sum(1 for w in waarden.values() if w == Aanwezigheid.ONBEKEND),
            )
        )
    return Groepsoverzicht(
        groep=groep,
        sessies=sorted(sessies),
        deelnemers=deelnemers,
        buiten_scope=len({t.dossier_id for t in trajecten} - zichtbaar),
    )


# --------------------------------------------------------------------------------------------
# signals


def signalen_voor(*, user: User, open_: bool = True) -> QuerySet[Signaal]:
    """Signals of the dossiers the user is werkcoach of (or substitutes; a teamleider: team)."""
    rol = getattr(user, "rol", None)
    if rol == Rol.WERKCONSULENT:
        qs = Signaal.objects.filter(
            dossier__werkcoach_id__in=[user.pk, *vervangen_collega_ids(user)]
        )
    elif rol == Rol.TEAMLEIDER:
        teams = list(Team.objects.filter(teamleider=user).values_list("pk", flat=True))
        qs = Signaal.objects.filter(dossier__werkcoach__team_id__in=teams)
    else:
        qs = Signaal.objects.none()
    if open_:
        qs = qs.filter(afgehandeld_op__isnull=True)
    return qs.select_related("dossier__werkzoekende", "dossier__werkcoach").order_by(
        "-week", "-aangemaakt_op", "-pk"
    )


def signalen_van_dossier(*, dossier_id: int) -> QuerySet[Signaal]:
    return Signaal.objects.filter(dossier_id=dossier_id, afgehandeld_op__isnull=True).order_by(
        "-week", "-pk"
    )


# --------------------------------------------------------------------------------------------
# iCalendar


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def agenda_voor_token(token: str) -> Agenda | None:
    """The agenda whose feed token this is (only its hash is stored), or None."""
    if not token or len(token) < 32 or len(token) > 128:
        return None
    return (
        Agenda.objects.filter(ical_token_hash=token_hash(token))
        .select_related("dossier__werkzoekende")
        .first()
    )


def feed_afspraken(
    *, dossier_id: int, van: datetime.date, tot: datetime.date
) -> QuerySet[Afspraak]:
    return (
        _afspraken_qs()
        .filter(dossier_id=dossier_id, datum__range=(van, tot), status=AfspraakStatus.GEPLAND)
        .order_by("datum", "begintijd", "pk")
    )


# --------------------------------------------------------------------------------------------
# bulk: the weekly norm check over all agendas


@dataclass(frozen=True)
class WeekUitslag:
    dossier_id: int
    werkcoach_id: int
    regels: list[uren.Normregel]

    @property
    def onder_norm(self) -> list[uren.Normregel]:
        return [r for r in self.regels if r.is_signaal]


def weekcontrole(*, ma: datetime.date, dossier_ids: list[int] | None = None) -> list[WeekUitslag]:
    """The norm lines of one week for every agenda of an active dossier that has a programme
    covering the week. A handful of queries for any number of agendas."""
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN

    zo = ma + datetime.timedelta(days=6)
    trajecten = Traject.objects.filter(startdatum__lte=zo).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=ma),
        Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=ma),
        dossier__status__in=ACTIEVE_STATUSSEN,
        dossier__agenda__isnull=False,
    )
    if dossier_ids is not None:
        trajecten = trajecten.filter(dossier_id__in=dossier_ids)
    per_dossier: dict[int, list[Traject]] = defaultdict(list)
    werkcoach: dict[int, int] = {}
    for t in trajecten.annotate(werkcoach_id=F("dossier__werkcoach_id")).only(
        "pk",
        "dossier_id",
        "soort",
        "status",
        "startdatum",
        "einddatum",
        "beeindigd_op",
        "persoonlijke_norm_uren",
    ):
        per_dossier[t.dossier_id].append(t)
        werkcoach[t.dossier_id] = t.werkcoach_id
    if not per_dossier:
        return []
    ids = list(per_dossier)
    minuten: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for i in range(0, len(ids), 20_000):
        for dossier_id, component, som in (
            Afspraak.objects.filter(
                dossier_id__in=ids[i : i + 20_000],
                datum__range=(ma, zo),
                status=AfspraakStatus.GEPLAND,
            )
            .values_list("dossier_id", "activiteit__component")
            .annotate(som=Sum("minuten"))
            .order_by()
        ):
            minuten[dossier_id][component] += som or 0
    instrumenten: dict[int, list[InstrumentRegel]] = {}
    for i in range(0, len(ids), 5_000):
        instrumenten.update(instrument_regels(dossier_ids=ids[i : i + 5_000], van=ma, tot=zo))
    normen = normen_op(ma)
    vrij = feestdagen(ma, zo)
    uitslagen = []
    for dossier_id, lijst in per_dossier.items():
        per = minuten.get(dossier_id, {})
        totaal = sum(per.values()) + sum(
            r.minuten_in_week(ma) for r in instrumenten.get(dossier_id, ())
        )
        regels = uren.beoordeel_week(
            ma=ma,
            gepland=per,
            totaal=totaal,
            normen=normen,
            traject=traject_info(traject_in_week(lijst, ma)),
            feestdagen=vrij,
        )
        uitslagen.append(WeekUitslag(dossier_id, werkcoach[dossier_id], regels))
    return uitslagen


def herhaald_afwezig(*, vandaag: datetime.date, normen: uren.Normen) -> dict[int, int]:
    """Dossiers with at least ``afwezig_aantal`` unexplained absences in the last
    ``afwezig_weken`` weeks (up to yesterday): dossier id -> count."""
    van = vandaag - datetime.timedelta(weeks=normen.afwezig_weken)
    rijen = (
        Afspraak.objects.filter(
            datum__gte=van,
            datum__lt=vandaag,
            status=AfspraakStatus.GEPLAND,
            aanwezigheid=Aanwezigheid.AFWEZIG_ZONDER_REDEN,
        )
        .values_list("dossier_id")
        .annotate(n=Count("id"))
        .filter(n__gte=normen.afwezig_aantal)
        .order_by()
    )
    return dict(rijen)


def aflopende_werkloont(*, vandaag: datetime.date) -> QuerySet[Traject]:
    """Werkloont enrolments whose period is over and that have no follow-up action yet."""
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN

    return (
        Traject.objects.filter(
            soort="werkloont",
            einddatum__lt=vandaag,
            vervolgactie_id__isnull=True,
            dossier__status__in=ACTIEVE_STATUSSEN,
        )
        .exclude(status=TrajectStatus.GESTOPT)
        .select_related("dossier__werkzoekende")
        .order_by("pk")
    )


def component_label(component: str) -> str:
    return str(dict(Component.choices).get(component, component))
