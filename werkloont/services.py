"""Writes of the werkloont app: programmes, planning, presence, week approval, the feed token
and the weekly check.

Keyword-only arguments, one transaction per use case, Dutch ``ValidationError`` messages that
name the field, every processing of personal data logged (activiteit ``reintegratie``;
``gezondheid`` and vertrouwelijk for health activities).

Planning rules (all refused with a message, none silently corrected):

- a single activity is one date; a weekly one has weekdays and a last date, at most a year on;
- fixed times (begin < end, the same day) or a duration without a fixed time (homework);
- Werkloont lasts at most ``werkloont_max_weken`` weeks (the norm at the start): nothing of the
  programme is planned after its last day;
- the work component is betaald werk, vrijwilligerswerk or a werkactiviteit; vrijwilligerswerk
  and werkactiviteiten must fit the uitstroomperspectief (an occupation among the fitting
  ones) or carry a recorded reason; the training component is training or homework;
- a werkactiviteit location and a training group have a capacity;
- occurrences of a weekly activity on a Dutch public holiday are kept as "vervalt (feestdag)";
- no two timed occurrences of one person overlap, and one day holds at most
  ``max_uren_per_dag`` hours (24);
- nothing changes in a week that has been approved (``Weekafsluiting``).

The agenda row of the person is locked (``select_for_update``) for every planning change, so two
werkcoaches planning at once cannot together break the overlap or day rules; the database
refuses overlaps and changes in approved weeks as well (werkloont/db.py).
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from dateutil.rrule import WEEKLY, rrule
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier, JournaalSoort, Kanaal, Richting
from bijstand.logboek.services import log_verwerking

from . import selectors, uren
from .models import (
    ALTIJD_VERTROUWELIJK,
    IDM_SOORTEN,
    MINUTEN_PER_DAG,
    TRAINING_SOORTEN,
    WERK_SOORTEN,
    Aanwezigheid,
    Activiteit,
    ActiviteitSoort,
    Afspraak,
    AfspraakStatus,
    Agenda,
    Begeleider,
    Component,
    Herhaling,
    Signaal,
    SignaalSoort,
    Trainingsgroep,
    Traject,
    TrajectSoort,
    TrajectStatus,
    Weekafsluiting,
    WerkactiviteitPlek,
)

logger = logging.getLogger(__name__)

ACTIVITEIT = "reintegratie"
MAX_DAGEN_VOORUIT = 366
MAX_PERSOONLIJKE_NORM = Decimal("60")


def vandaag() -> datetime.date:
    """Today (local); one place, so time-travel tests move it with the clock."""
    return timezone.localdate()


def _log(
    *,
    dossier: Dossier,
    operatie: str,
    door: Any,
    request: Any = None,
    vertrouwelijk: bool = False,
    soorten: Iterable[str] = ("agenda",),
) -> None:
    log_verwerking(
        activiteit="gezondheid" if vertrouwelijk else ACTIVITEIT,
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=list(soorten),
        actor=door,
        request=request,
        vertrouwelijk=vertrouwelijk,
    )


def _als_user(door: Any) -> User | None:
    return door if isinstance(door, User) else None


def vergrendel_agenda(dossier: Dossier) -> Agenda:
    """The person's agenda row, created if needed and locked until the transaction ends."""
    Agenda.objects.get_or_create(dossier=dossier)
    return Agenda.objects.select_for_update().get(dossier=dossier)


def _week_fout(ma: datetime.date) -> str:
    return _("De week van %(datum)s is al goedgekeurd. Daarin kan niets meer worden gewijzigd.") % {
        "datum": uren.datum_nl(ma)
    }


def _vergrendelde_weken(dossier_id: int, datums: Iterable[datetime.date]) -> list[datetime.date]:
    weken = {uren.maandag(d) for d in datums}
    if not weken:
        return []
    return sorted(
        Weekafsluiting.objects.filter(dossier_id=dossier_id, week__in=weken).values_list(
            "week", flat=True
        )
    )


def _controleer_week_open(afspraak: Afspraak) -> None:
    if selectors.is_week_afgesloten(dossier_id=afspraak.dossier_id, datum=afspraak.datum):
        raise ValidationError({"datum": _week_fout(uren.maandag(afspraak.datum))})


# --------------------------------------------------------------------------------------------
# programmes


def maximale_einddatum_werkloont(startdatum: datetime.date) -> datetime.date:
    """The last day of a Werkloont period starting on ``startdatum`` (norm at the start)."""
    normen = selectors.normen_op(startdatum)
    return startdatum + datetime.timedelta(weeks=normen.werkloont_max_weken, days=-1)


def start_traject(
    *,
    dossier: Dossier,
    soort: str,
    startdatum: datetime.date,
    door: User | None,
    einddatum: datetime.date | None = None,
    trainingsgroep: Trainingsgroep | None = None,
    request: Any = None,
) -> Traject:
    """Enrol the person in Werkloont or Iedereen doet mee (one running programme at a time).

    Werkloont ends at the latest after the maximum number of weeks; with a training group the
    group's sessions and its homework are planned as the training component at once.
    """
    if soort not in TrajectSoort.values:
        raise ValidationError({"soort": _("Kies Werkloont of Iedereen doet mee.")})
    if startdatum is None:
        raise ValidationError({"startdatum": _("Vul de startdatum in.")})
    if soort == TrajectSoort.WERKLOONT:
        uiterlijk = maximale_einddatum_werkloont(startdatum)
        weken = selectors.normen_op(startdatum).werkloont_max_weken
        if einddatum is None:
            einddatum = uiterlijk
        elif einddatum > uiterlijk:
            raise ValidationError(
                {
                    "einddatum": _(
                        "Werkloont duurt maximaal %(weken)s weken. Kies als einddatum "
                        "uiterlijk %(datum)s."
                    )
                    % {"weken": weken, "datum": uren.datum_nl(uiterlijk)}
                }
            )
    elif trainingsgroep is not None:
        raise ValidationError(
            {"trainingsgroep": _("Een trainingsgroep hoort alleen bij Werkloont.")}
        )
    if einddatum is not None and einddatum < startdatum:
        raise ValidationError({"einddatum": _("De einddatum ligt vóór de startdatum.")})
    with transaction.atomic():
        vergrendel_agenda(dossier)
        if Traject.objects.filter(dossier=dossier, status=TrajectStatus.ACTIEF).exists():
            raise ValidationError(
                {
                    "soort": _(
                        "Er loopt al een programma. Beëindig dat eerst voordat u een nieuw "
                        "programma start."
                    )
                }
            )
        if trainingsgroep is not None:
            groep = Trainingsgroep.objects.select_for_update().get(pk=trainingsgroep.pk)
            bezet = Traject.objects.filter(
                trainingsgroep=groep, status=TrajectStatus.ACTIEF
            ).count()
            if bezet >= groep.capaciteit:
                raise ValidationError(
                    {
                        "trainingsgroep": _(
                            "De trainingsgroep %(groep)s is vol (%(aantal)s deelnemers)."
                        )
                        % {"groep": groep.naam, "aantal": groep.capaciteit}
                    }
                )
            if groep.einddatum < startdatum:
                raise ValidationError({"trainingsgroep": _("Deze trainingsgroep is al afgelopen.")})
        try:
            with transaction.atomic():
                traject = Traject.objects.create(
                    dossier=dossier,
                    soort=soort,
                    startdatum=startdatum,
                    einddatum=einddatum,
                    trainingsgroep=trainingsgroep,
                    aangemaakt_door=door,
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"soort": _("Er loopt al een programma voor deze persoon.")}
            ) from exc
        if trainingsgroep is not None:
            _plan_groep(traject=traject, groep=trainingsgroep, door=door)
        _log(dossier=dossier, operatie="start_traject", door=door, request=request)
    return traject


def _plan_groep(*, traject: Traject, groep: Trainingsgroep, door: User | None) -> None:
    """The group's weekly sessions and homework within the enrolment (training component)."""
    van = max(traject.startdatum, groep.startdatum)
    tot = min(traject.einddatum, groep.einddatum)
    if tot < van:
        return
    for moment in groep.momenten.all():
        _plan(
            dossier=traject.dossier,
            door=door,
            soort=ActiviteitSoort.TRAINING,
            component=Component.TRAINING,
            titel=_("Training %(groep)s") % {"groep": groep.naam},
            startdatum=van,
            einddatum=tot,
            herhaling=Herhaling.WEKELIJKS,
            weekdagen=[moment.weekdag],
            begintijd=moment.begintijd,
            eindtijd=moment.eindtijd,
            minuten=None,
            traject=traject,
            trainingsgroep=groep,
            in_groep=True,
            locatie=str(groep.locatie or ""),
            verantwoordelijke=str(groep.begeleider or ""),
            begeleider=groep.begeleider,
        )
    if groep.huiswerk_uren:
        laatste_dag = max((m.weekdag for m in groep.momenten.all()), default=2)
        _plan(
            dossier=traject.dossier,
            door=door,
            soort=ActiviteitSoort.HUISWERK,
            component=Component.TRAINING,
            titel=_("Huiswerk %(groep)s") % {"groep": groep.naam},
            startdatum=van,
            einddatum=tot,
            herhaling=Herhaling.WEKELIJKS,
            weekdagen=[min(laatste_dag + 1, 4)],
            begintijd=None,
            eindtijd=None,
            minuten=uren.minuten(groep.huiswerk_uren),
            traject=traject,
            trainingsgroep=groep,
            verantwoordelijke=str(groep.begeleider or ""),
            begeleider=groep.begeleider,
        )


def stel_persoonlijke_norm_vast(
    *,
    traject: Traject,
    uren_per_week: Decimal | None,
    reden: str,
    door: User | None,
    request: Any = None,
) -> Traject:
    """The werkcoach sets (or clears, with ``None``) the personal norm "naar vermogen" of an
    Iedereen doet mee enrolment, always with a reason."""
    if traject.soort != TrajectSoort.IEDEREEN_DOET_MEE:
        raise ValidationError(
            {"uren_per_week": _("Een persoonlijke norm naar vermogen hoort bij Iedereen doet mee.")}
        )
    reden = (reden or "").strip()
    if uren_per_week is not None:
        if uren_per_week <= 0 or uren_per_week > MAX_PERSOONLIJKE_NORM:
            raise ValidationError(
                {
                    "uren_per_week": _(
                        "Vul een norm in van meer dan 0 en hoogstens %(max)s uur per week."
                    )
                    % {"max": MAX_PERSOONLIJKE_NORM}
                }
            )
        if not reden:
            raise ValidationError(
                {"reden": _("Leg vast waarom deze norm past bij wat de persoon kan.")}
            )
    with transaction.atomic():
        traject = Traject.objects.select_for_update().get(pk=traject.pk)
        traject.persoonlijke_norm_uren = uren_per_week
        traject.norm_reden = reden if uren_per_week is not None else ""
        traject.norm_vastgesteld_door = door
        traject.norm_vastgesteld_op = timezone.now()
        traject.save()
        _log(
            dossier=traject.dossier,
            operatie="stel_persoonlijke_norm_vast",
            door=door,
            request=request,
        )
    return traject


def beeindig_traject(
    *,
    traject: Traject,
    datum: datetime.date,
    reden: str,
    door: User | None,
    request: Any = None,
) -> Traject:
    """Stop a running programme early (with a reason). Planned occurrences of the programme
    after ``datum`` are cancelled; approved weeks are left as they are."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Vul de reden van beëindiging in.")})
    if datum < traject.startdatum:
        raise ValidationError({"datum": _("De datum ligt vóór de start van het programma.")})
    with transaction.atomic():
        vergrendel_agenda(traject.dossier)
        traject = Traject.objects.select_for_update().get(pk=traject.pk)
        if traject.status != TrajectStatus.ACTIEF:
            raise ValidationError({"datum": _("Dit programma loopt niet meer.")})
        if traject.einddatum is not None and datum > traject.einddatum:
            raise ValidationError({"datum": _("De datum ligt na de einddatum van het programma.")})
        te_annuleren = Afspraak.objects.filter(
            activiteit__traject=traject, datum__gt=datum, status=AfspraakStatus.GEPLAND
        )
        if _vergrendelde_weken(traject.dossier_id, te_annuleren.values_list("datum", flat=True)):
            raise ValidationError({"datum": _("Na deze datum ligt al een goedgekeurde week.")})
        te_annuleren.update(
            status=AfspraakStatus.GEANNULEERD, annuleringsreden=_("Programma beëindigd")
        )
        Activiteit.objects.filter(traject=traject, gestopt_op__isnull=True).update(
            gestopt_op=datum + datetime.timedelta(days=1)
        )
        traject.status = TrajectStatus.GESTOPT
        traject.beeindigd_op = datum
        traject.beeindigingsreden = reden
        traject.save()
        _log(dossier=traject.dossier, operatie="beeindig_traject", door=door, request=request)
    return traject


# --------------------------------------------------------------------------------------------
# planning


def _datums(
    *,
    herhaling: str,
    startdatum: datetime.date,
    einddatum: datetime.date,
    weekdagen: list[int],
) -> list[datetime.date]:
    if herhaling == Herhaling.EENMALIG:
        return [startdatum]
    regel = rrule(
        WEEKLY,
        byweekday=sorted(set(weekdagen)),
        dtstart=datetime.datetime.combine(startdatum, datetime.time()),
        until=datetime.datetime.combine(einddatum, datetime.time()),
    )
    return [d.date() for d in regel]


def _minuten_tussen(begin: datetime.time, eind: datetime.time) -> int:
    return (eind.hour * 60 + eind.minute) - (begin.hour * 60 + begin.minute)


def _tijd(t: datetime.time) -> str:
    return t.strftime("%H:%M")


def _valideer_invoer(
    *,
    titel: str,
    soort: str,
    component: str,
    herhaling: str,
    startdatum: datetime.date | None,
    einddatum: datetime.date | None,
    weekdagen: list[int],
    begintijd: datetime.time | None,
    eindtijd: datetime.time | None,
    minuten: int | None,
) -> tuple[datetime.date, list[int], int]:
    fouten: dict[str, list[str]] = defaultdict(list)
    if not (titel or "").strip():
        fouten["titel"].append(_("Vul een titel in."))
    if soort not in ActiviteitSoort.values:
        fouten["soort"].append(_("Kies de soort activiteit."))
    if component not in Component.values:
        fouten["component"].append(_("Kies het onderdeel."))
    if herhaling not in Herhaling.values:
        fouten["herhaling"].append(_("Kies eenmalig of elke week."))
    if startdatum is None:
        fouten["startdatum"].append(_("Vul de datum in."))
    weekdagen = sorted({int(w) for w in weekdagen or ()})
    if herhaling == Herhaling.WEKELIJKS:
        if not weekdagen or any(w < 0 or w > 6 for w in weekdagen):
            fouten["weekdagen"].append(_("Kies op welke dagen van de week de activiteit is."))
        if einddatum is None:
            fouten["einddatum"].append(_("Vul de laatste datum in."))
        elif startdatum is not None and einddatum < startdatum:
            fouten["einddatum"].append(_("De laatste datum ligt vóór de eerste datum."))
        elif startdatum is not None and (einddatum - startdatum).days > MAX_DAGEN_VOORUIT:
            fouten["einddatum"].append(
                _("Plan een activiteit die elke week terugkomt voor hoogstens een jaar.")
            )
    else:
        einddatum = startdatum
        weekdagen = []
    if (begintijd is None) != (eindtijd is None):
        veld = "eindtijd" if eindtijd is None else "begintijd"
        fouten[veld].append(_("Vul zowel de begintijd als de eindtijd in, of geen van beide."))
    elif begintijd is not None and eindtijd is not None:
        if eindtijd <= begintijd:
            fouten["eindtijd"].append(
                _("De eindtijd ligt niet na de begintijd. Een activiteit eindigt op dezelfde dag.")
            )
        else:
            minuten = _minuten_tussen(begintijd, eindtijd)
    elif not minuten:
        fouten["minuten"].append(
            _("Vul een begin- en eindtijd in, of het aantal uren zonder vaste tijd.")
        )
    if minuten is not None and not 1 <= minuten <= MINUTEN_PER_DAG:
        fouten["minuten"].append(_("Een activiteit duurt hoogstens 24 uur op een dag."))
    if fouten:
        raise ValidationError(dict(fouten))
    return einddatum, weekdagen, int(minuten)


def _controleer_component(
    *,
    dossier: Dossier,
    component: str,
    soort: str,
    traject: Traject | None,
    startdatum: datetime.date,
    einddatum: datetime.date,
) -> Traject | None:
    """Which enrolment the activity belongs to, and whether its kind fills that component."""
    if component == Component.OVERIG:
        return None
    if traject is None:
        traject = selectors.actief_traject(dossier_id=dossier.pk)
    nodig = TrajectSoort.IEDEREEN_DOET_MEE if component == Component.IDM else TrajectSoort.WERKLOONT
    if traject is None or traject.dossier_id != dossier.pk or traject.soort != nodig:
        raise ValidationError(
            {
                "component": _("Dit onderdeel hoort bij %(programma)s. Start dat programma eerst.")
                % {"programma": TrajectSoort(nodig).label}
            }
        )
    if traject.status != TrajectStatus.ACTIEF:
        raise ValidationError({"component": _("Dit programma loopt niet meer.")})
    if component == Component.WERK and soort not in WERK_SOORTEN:
        raise ValidationError(
            {
                "soort": _(
                    "Het werkonderdeel van Werkloont is betaald werk (deeltijd), "
                    "vrijwilligerswerk of een werkactiviteit van de gemeente."
                )
            }
        )
    if component == Component.TRAINING and soort not in TRAINING_SOORTEN:
        raise ValidationError(
            {"soort": _("Het trainingsonderdeel van Werkloont is training of huiswerk.")}
        )
    if component == Component.IDM and soort not in IDM_SOORTEN:
        raise ValidationError(
            {
                "soort": _(
                    "Bij Iedereen doet mee horen vrijwilligerswerk, mantelzorg, een taalcursus, "
                    "gezondheid, werken aan persoonlijke problemen of een werkactiviteit."
                )
            }
        )
    if startdatum < traject.startdatum:
        raise ValidationError(
            {
                "startdatum": _("Het programma begint pas op %(datum)s.")
                % {"datum": uren.datum_nl(traject.startdatum)}
            }
        )
    if traject.einddatum is not None and einddatum > traject.einddatum:
        if traject.soort == TrajectSoort.WERKLOONT:
            weken = selectors.normen_op(traject.startdatum).werkloont_max_weken
            melding = _(
                "Werkloont duurt maximaal %(weken)s weken: tot en met %(datum)s. Plan de "
                "laatste datum uiterlijk op %(datum)s."
            ) % {"weken": weken, "datum": uren.datum_nl(traject.einddatum)}
        else:
            melding = _("Het programma eindigt op %(datum)s.") % {
                "datum": uren.datum_nl(traject.einddatum)
            }
        raise ValidationError({"einddatum": melding})
    return traject


def _beroepen_van(soort: str, plek: WerkactiviteitPlek | None, beroep) -> list[int]:
    if soort == ActiviteitSoort.WERKACTIVITEIT and plek is not None:
        return [b.pk for b in plek.werkactiviteit.beroepen.all()]
    if beroep is not None:
        return [beroep.pk]
    return []


def _controleer_plek(
    *,
    plek: WerkactiviteitPlek,
    dossier: Dossier,
    startdatum: datetime.date,
    einddatum: datetime.date,
) -> None:
    plek = (
        WerkactiviteitPlek.objects.select_for_update()
        .select_related("werkactiviteit", "locatie")
        .get(pk=plek.pk)
    )
    if not (plek.actief and plek.werkactiviteit.actief):
        raise ValidationError({"plek": _("Deze werkactiviteit is niet meer beschikbaar.")})
    deelnemers = (
        Activiteit.objects.filter(plek=plek, startdatum__lte=einddatum, einddatum__gte=startdatum)
        .filter(Q(gestopt_op__isnull=True) | Q(gestopt_op__gt=startdatum))
        .exclude(dossier=dossier)
        .values("dossier")
        .distinct()
        .count()
    )
    if deelnemers >= plek.capaciteit:
        raise ValidationError(
            {
                "plek": _(
                    "%(activiteit)s op %(locatie)s is vol: er doen al %(aantal)s mensen mee "
                    "in deze periode."
                )
                % {
                    "activiteit": plek.werkactiviteit.naam,
                    "locatie": plek.locatie.naam,
                    "aantal": plek.capaciteit,
                }
            }
        )


def _controleer_agenda(
    *,
    dossier: Dossier,
    nieuw: list[Afspraak],
    normen: uren.Normen,
    negeer: Iterable[int] = (),
) -> None:
    """Locked weeks, overlaps and the day maximum for the new occurrences."""
    datums = sorted({a.datum for a in nieuw})
    weken = _vergrendelde_weken(dossier.pk, datums)
    if weken:
        raise ValidationError({"startdatum": _week_fout(weken[0])})
    tellend = [a for a in nieuw if a.status == AfspraakStatus.GEPLAND]
    if not tellend:
        return
    bestaand = list(
        Afspraak.objects.filter(
            dossier=dossier, datum__in={a.datum for a in tellend}, status=AfspraakStatus.GEPLAND
        )
        .exclude(pk__in=list(negeer))
        .select_related("activiteit")
    )
    per_dag: dict[datetime.date, list[Afspraak]] = defaultdict(list)
    for a in bestaand:
        per_dag[a.datum].append(a)
    maximum = normen.max_minuten_per_dag
    for a in tellend:
        for b in per_dag[a.datum]:
            if (
                a.begintijd is not None
                and b.begintijd is not None
                and a.begintijd < b.eindtijd
                and b.begintijd < a.eindtijd
            ):
                raise ValidationError(
                    {
                        "begintijd": _(
                            "Dit overlapt met '%(titel)s' op %(datum)s van %(van)s tot %(tot)s. "
                            "Kies een andere tijd."
                        )
                        % {
                            "titel": b.activiteit.titel,
                            "datum": uren.datum_nl(a.datum),
                            "van": _tijd(b.begintijd),
                            "tot": _tijd(b.eindtijd),
                        }
                    }
                )
        totaal = a.minuten + sum(b.minuten for b in per_dag[a.datum])
        if totaal > maximum:
            raise ValidationError(
                {
                    "minuten": _(
                        "Op %(datum)s staat dan %(totaal)s gepland. Dat is meer dan "
                        "%(max)s op één dag."
                    )
                    % {
                        "datum": uren.datum_nl(a.datum),
                        "totaal": uren.uren_tekst(totaal),
                        "max": uren.uren_tekst(maximum),
                    }
                }
            )
        per_dag[a.datum].append(a)


def _plan(
    *,
    dossier: Dossier,
    door: User | None,
    soort: str,
    titel: str,
    startdatum: datetime.date,
    einddatum: datetime.date | None,
    herhaling: str,
    weekdagen: list[int],
    begintijd: datetime.time | None,
    eindtijd: datetime.time | None,
    minuten: int | None,
    component: str = Component.OVERIG,
    traject: Traject | None = None,
    plek: WerkactiviteitPlek | None = None,
    beroep=None,
    afwijkingsreden: str = "",
    trainingsgroep: Trainingsgroep | None = None,
    in_groep: bool = False,
    huiswerk: str = "",
    locatie: str = "",
    verantwoordelijke: str = "",
    begeleider: Begeleider | None = None,
    omschrijving: str = "",
    vertrouwelijk: bool = False,
) -> Activiteit:
    """Validate and store one activity with its occurrences (inside the caller's transaction,
    with the agenda row locked)."""
    einddatum, weekdagen, minuten = _valideer_invoer(
        titel=titel,
        soort=soort,
        component=component,
        herhaling=herhaling,
        startdatum=startdatum,
        einddatum=einddatum,
        weekdagen=weekdagen,
        begintijd=begintijd,
        eindtijd=eindtijd,
        minuten=minuten,
    )
    traject = _controleer_component(
        dossier=dossier,
        component=component,
        soort=soort,
        traject=traject,
        startdatum=startdatum,
        einddatum=einddatum,
    )
    if soort == ActiviteitSoort.WERKACTIVITEIT:
        if plek is None:
            raise ValidationError({"plek": _("Kies de werkactiviteit en de locatie.")})
        _controleer_plek(plek=plek, dossier=dossier, startdatum=startdatum, einddatum=einddatum)
    elif plek is not None:
        raise ValidationError(
            {"plek": _("Een locatie uit de catalogus hoort bij een werkactiviteit.")}
        )
    past: bool | None = None
    afwijkingsreden = (afwijkingsreden or "").strip()
    if component == Component.WERK and soort in (
        ActiviteitSoort.WERKACTIVITEIT,
        ActiviteitSoort.VRIJWILLIGERSWERK,
    ):
        passend = selectors.passende_beroep_ids(dossier_id=dossier.pk)
        past = bool(set(_beroepen_van(soort, plek, beroep)) & passend)
        if not past and not afwijkingsreden:
            raise ValidationError(
                {
                    "afwijkingsreden": _(
                        "Deze activiteit past niet bij het uitstroomperspectief: geen van de "
                        "beroepen erbij past bij deze persoon. Leg vast waarom u haar toch inzet."
                    )
                }
            )
        if past:
            afwijkingsreden = ""
    if soort in ALTIJD_VERTROUWELIJK:
        vertrouwelijk = True
    if plek is not None:
        locatie = locatie or plek.locatie.naam
        if begeleider is None:
            begeleider = plek.begeleiders.filter(actief=True).first()
    if begeleider is not None and not verantwoordelijke:
        verantwoordelijke = str(begeleider)
    datums = _datums(
        herhaling=herhaling, startdatum=startdatum, einddatum=einddatum, weekdagen=weekdagen
    )
    if not datums:
        raise ValidationError(
            {"weekdagen": _("Tussen de eerste en de laatste datum valt geen van deze dagen.")}
        )
    vrij = selectors.feestdagen(datums[0], datums[-1]) if herhaling == Herhaling.WEKELIJKS else {}
    activiteit = Activiteit(
        dossier=dossier,
        traject=traject,
        component=component,
        soort=soort,
        titel=titel.strip(),
        omschrijving=(omschrijving or "").strip(),
        plek=plek,
        beroep=beroep,
        past_bij_perspectief=past,
        afwijkingsreden=afwijkingsreden,
        trainingsgroep=trainingsgroep,
        in_groep=in_groep or trainingsgroep is not None,
        huiswerk=(huiswerk or "").strip(),
        locatie=(locatie or "").strip()[:200],
        verantwoordelijke=(verantwoordelijke or "").strip()[:200],
        begeleider=begeleider,
        herhaling=herhaling,
        weekdagen=weekdagen,
        startdatum=startdatum,
        einddatum=einddatum,
        begintijd=begintijd,
        eindtijd=eindtijd,
        minuten=minuten,
        vertrouwelijk=vertrouwelijk,
        aangemaakt_door=door,
    )
    afspraken = [
        Afspraak(
            dossier=dossier,
            datum=d,
            begintijd=begintijd,
            eindtijd=eindtijd,
            minuten=minuten,
            status=AfspraakStatus.FEESTDAG if d in vrij else AfspraakStatus.GEPLAND,
            feestdag=vrij.get(d, ""),
        )
        for d in datums
    ]
    _controleer_agenda(dossier=dossier, nieuw=afspraken, normen=selectors.normen_op(startdatum))
    try:
        with transaction.atomic():
            activiteit.save()
            for a in afspraken:
                a.activiteit = activiteit
            Afspraak.objects.bulk_create(afspraken, batch_size=1000)
    except IntegrityError as exc:
        # The database guards (werkloont/db.py) caught what a concurrent change made invalid.
        raise ValidationError(
            {
                "begintijd": _(
                    "Dit past niet meer in de agenda: het overlapt met een andere afspraak of "
                    "valt in een goedgekeurde week. Bekijk de agenda opnieuw."
                )
            }
        ) from exc
    return activiteit


def plan_activiteit(
    *,
    dossier: Dossier,
    door: User | None,
    soort: str,
    titel: str,
    startdatum: datetime.date,
    einddatum: datetime.date | None = None,
    herhaling: str = Herhaling.EENMALIG,
    weekdagen: Iterable[int] = (),
    begintijd: datetime.time | None = None,
    eindtijd: datetime.time | None = None,
    minuten: int | None = None,
    component: str = Component.OVERIG,
    traject: Traject | None = None,
    plek: WerkactiviteitPlek | None = None,
    beroep=None,
    afwijkingsreden: str = "",
    trainingsgroep: Trainingsgroep | None = None,
    in_groep: bool = False,
    huiswerk: str = "",
    locatie: str = "",
    verantwoordelijke: str = "",
    begeleider: Begeleider | None = None,
    omschrijving: str = "",
    vertrouwelijk: bool = False,
    request: Any = None,
) -> Activiteit:
    """Plan an activity (single or weekly) in the person's werkweekagenda (rules: module doc)."""
    with transaction.atomic():
        vergrendel_agenda(dossier)
        activiteit = _plan(
            dossier=dossier,
            door=door,
            soort=soort,
            titel=titel,
            startdatum=startdatum,
            einddatum=einddatum,
            herhaling=herhaling,
            weekdagen=list(weekdagen or ()),
            begintijd=begintijd,
            eindtijd=eindtijd,
            minuten=minuten,
            component=component,
            traject=traject,
            plek=plek,
            beroep=beroep,
            afwijkingsreden=afwijkingsreden,
            trainingsgroep=trainingsgroep,
            in_groep=in_groep,
            huiswerk=huiswerk,
            locatie=locatie,
            verantwoordelijke=verantwoordelijke,
            begeleider=begeleider,
            omschrijving=omschrijving,
            vertrouwelijk=vertrouwelijk,
        )
        _log(
            dossier=dossier,
            operatie="plan_activiteit",
            door=door,
            request=request,
            vertrouwelijk=activiteit.vertrouwelijk,
        )
    return activiteit


def stop_activiteit(
    *,
    activiteit: Activiteit,
    per: datetime.date,
    door: User | None,
    request: Any = None,
) -> int:
    """Cancel every planned occurrence on or after ``per``; returns how many."""
    with transaction.atomic():
        vergrendel_agenda(activiteit.dossier)
        qs = Afspraak.objects.filter(activiteit=activiteit, datum__gte=per).exclude(
            status=AfspraakStatus.GEANNULEERD
        )
        weken = _vergrendelde_weken(activiteit.dossier_id, qs.values_list("datum", flat=True))
        if weken:
            raise ValidationError({"per": _week_fout(weken[0])})
        aantal = qs.update(
            status=AfspraakStatus.GEANNULEERD, annuleringsreden=_("Activiteit gestopt")
        )
        Activiteit.objects.filter(pk=activiteit.pk).update(gestopt_op=per)
        _log(
            dossier=activiteit.dossier,
            operatie="stop_activiteit",
            door=door,
            request=request,
            vertrouwelijk=activiteit.vertrouwelijk,
        )
    return aantal


def annuleer_afspraak(
    *, afspraak: Afspraak, reden: str, door: User | None, request: Any = None
) -> Afspraak:
    """Cancel one occurrence (with a reason)."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Vul de reden van de annulering in.")})
    with transaction.atomic():
        vergrendel_agenda(afspraak.dossier)
        afspraak = (
            Afspraak.objects.select_for_update().select_related("activiteit").get(pk=afspraak.pk)
        )
        _controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError({"reden": _("Deze afspraak gaat al niet door.")})
        if afspraak.aanwezigheid != Aanwezigheid.ONBEKEND and not afspraak.gemeld_door_burger:
            raise ValidationError(
                {"reden": _("Bij deze afspraak is de aanwezigheid al geregistreerd.")}
            )
        afspraak.status = AfspraakStatus.GEANNULEERD
        afspraak.annuleringsreden = reden[:300]
        afspraak.save(update_fields=["status", "annuleringsreden"])
        _log(
            dossier=afspraak.dossier,
            operatie="annuleer_afspraak",
            door=door,
            request=request,
            vertrouwelijk=afspraak.activiteit.vertrouwelijk,
        )
    return afspraak


# --------------------------------------------------------------------------------------------
# presence


REGISTREERBAAR = (
    Aanwezigheid.AANWEZIG,
    Aanwezigheid.AFWEZIG_MET_REDEN,
    Aanwezigheid.AFWEZIG_ZONDER_REDEN,
    Aanwezigheid.ZIEK,
)


def registreer_aanwezigheid(
    *,
    afspraak: Afspraak,
    aanwezigheid: str,
    door: Any,
    reden: str = "",
    gerealiseerde_minuten: int | None = None,
    request: Any = None,
) -> Afspraak:
    """The werkcoach or the provider (``door`` a user or a system client) records presence on
    the day or after it. Realised minutes: the planned minutes when present (or fewer), 0 when
    absent or ill. An approved week cannot change."""
    if aanwezigheid not in REGISTREERBAAR:
        raise ValidationError({"aanwezigheid": _("Kies aanwezig, afwezig of ziek.")})
    reden = (reden or "").strip()
    if aanwezigheid == Aanwezigheid.AFWEZIG_MET_REDEN and not reden:
        raise ValidationError({"reden": _("Vul de reden van de afwezigheid in.")})
    with transaction.atomic():
        vergrendel_agenda(afspraak.dossier)
        afspraak = (
            Afspraak.objects.select_for_update()
            .select_related("activiteit", "dossier__werkzoekende")
            .get(pk=afspraak.pk)
        )
        _controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError(
                {"aanwezigheid": _("Deze afspraak gaat niet door; er is niets te registreren.")}
            )
        if afspraak.datum > vandaag():
            raise ValidationError(
                {
                    "aanwezigheid": _(
                        "Registreer de aanwezigheid op of na de dag zelf (%(datum)s)."
                    )
                    % {"datum": uren.datum_nl(afspraak.datum)}
                }
            )
        if aanwezigheid == Aanwezigheid.AANWEZIG:
            if gerealiseerde_minuten is None:
                gerealiseerde_minuten = afspraak.minuten
            if not 0 <= gerealiseerde_minuten <= afspraak.minuten:
                raise ValidationError(
                    {
                        "gerealiseerde_minuten": _("Vul hoogstens de geplande %(uren)s in.")
                        % {"uren": uren.uren_tekst(afspraak.minuten)}
                    }
                )
        else:
            gerealiseerde_minuten = 0
        afspraak.aanwezigheid = aanwezigheid
        afspraak.aanwezigheid_reden = reden
        afspraak.gerealiseerde_minuten = gerealiseerde_minuten
        afspraak.gemeld_door_burger = False
        gebruiker = _als_user(door)
        afspraak.geregistreerd_door = gebruiker
        afspraak.geregistreerd_door_systeem = "" if gebruiker else str(door)[:200]
        afspraak.geregistreerd_op = timezone.now()
        afspraak.save()
        _log(
            dossier=afspraak.dossier,
            operatie="registreer_aanwezigheid",
            door=door,
            request=request,
            vertrouwelijk=afspraak.activiteit.vertrouwelijk,
            soorten=("agenda", "aanwezigheid"),
        )
    return afspraak


def meld_afwezig(
    *,
    afspraak: Afspraak,
    ziek: bool,
    reden: str,
    door: User,
    request: Any = None,
) -> Afspraak:
    """The burger reports in the portal that they cannot come (with a reason) or are ill
    (a reason is optional: nobody has to say what illness they have). Today or later only;
    the werkcoach reads it in the journaal."""
    reden = (reden or "").strip()
    if not ziek and not reden:
        raise ValidationError({"reden": _("Schrijf op waarom u niet kunt komen.")})
    with transaction.atomic():
        vergrendel_agenda(afspraak.dossier)
        afspraak = (
            Afspraak.objects.select_for_update()
            .select_related("activiteit", "dossier__werkzoekende")
            .get(pk=afspraak.pk)
        )
        _controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError({"reden": _("Deze afspraak gaat al niet door.")})
        if afspraak.datum < vandaag():
            raise ValidationError(
                {
                    "reden": _(
                        "Deze afspraak is al geweest. Neem contact op met uw werkcoach als u "
                        "er niet was."
                    )
                }
            )
        if afspraak.aanwezigheid != Aanwezigheid.ONBEKEND and not afspraak.gemeld_door_burger:
            raise ValidationError({"reden": _("Uw werkcoach heeft deze afspraak al bijgewerkt.")})
        afspraak.aanwezigheid = Aanwezigheid.ZIEK if ziek else Aanwezigheid.AFWEZIG_MET_REDEN
        afspraak.aanwezigheid_reden = reden
        afspraak.gerealiseerde_minuten = 0
        afspraak.gemeld_door_burger = True
        afspraak.geregistreerd_door = door
        afspraak.geregistreerd_door_systeem = ""
        afspraak.geregistreerd_op = timezone.now()
        afspraak.save()
        from bijstand.dossiers.services import voeg_journaalregel_toe

        titel = (
            _("een afspraak") if afspraak.activiteit.vertrouwelijk else afspraak.activiteit.titel
        )
        if ziek:
            tekst = _("Ziek gemeld voor %(titel)s op %(datum)s.") % {
                "titel": titel,
                "datum": uren.datum_nl(afspraak.datum),
            }
        else:
            tekst = _("Afgemeld voor %(titel)s op %(datum)s.") % {
                "titel": titel,
                "datum": uren.datum_nl(afspraak.datum),
            }
        if reden:
            tekst += " " + _("Reden: %(reden)s") % {"reden": reden}
        voeg_journaalregel_toe(
            dossier=afspraak.dossier,
            auteur=door,
            soort=JournaalSoort.BERICHT,
            onderwerp=_("Ziekmelding") if ziek else _("Afmelding"),
            tekst=tekst,
            kanaal=Kanaal.PORTAAL,
            richting=Richting.INKOMEND,
            vertrouwelijk=ziek,
            activiteit="portaal",
        )
        _log(
            dossier=afspraak.dossier,
            operatie="meld_afwezig",
            door=door,
            request=request,
            vertrouwelijk=ziek or afspraak.activiteit.vertrouwelijk,
            soorten=("agenda", "aanwezigheid"),
        )
    return afspraak


def keur_week_goed(
    *, dossier: Dossier, week: datetime.date, door: User | None, request: Any = None
) -> Weekafsluiting:
    """Approve a past week: from now on nothing in it changes (service and database)."""
    ma = uren.maandag(week)
    zo = ma + datetime.timedelta(days=6)
    if zo >= vandaag():
        raise ValidationError(
            {"week": _("U kunt een week pas goedkeuren als hij voorbij is (na zondag).")}
        )
    with transaction.atomic():
        vergrendel_agenda(dossier)
        if Weekafsluiting.objects.filter(dossier=dossier, week=ma).exists():
            raise ValidationError({"week": _week_fout(ma)})
        afspraken = Afspraak.objects.filter(
            dossier=dossier, datum__range=(ma, zo), status=AfspraakStatus.GEPLAND
        )
        open_ = afspraken.filter(aanwezigheid=Aanwezigheid.ONBEKEND).count()
        if open_:
            raise ValidationError(
                {
                    "week": _(
                        "Registreer eerst de aanwezigheid bij alle afspraken van deze week. "
                        "Nog open: %(aantal)s."
                    )
                    % {"aantal": open_}
                }
            )
        sommen = afspraken.aggregate(g=Sum("minuten"), r=Sum("gerealiseerde_minuten"))
        afsluiting = Weekafsluiting.objects.create(
            dossier=dossier,
            week=ma,
            gepland_minuten=sommen["g"] or 0,
            gerealiseerd_minuten=sommen["r"] or 0,
            goedgekeurd_door=door,
        )
        _log(dossier=dossier, operatie="keur_week_goed", door=door, request=request)
    return afsluiting


# --------------------------------------------------------------------------------------------
# volunteer work -> competences (uitstroomperspectief)


def vertaal_vrijwilligerswerk(
    *,
    activiteit: Activiteit,
    competenties: Iterable[str],
    door: User | None,
    als_werkervaring: bool = False,
    request: Any = None,
) -> int:
    """Record the competences shown in volunteer work as Vaardigheden of the person (they feed
    the uitstroomperspectief); optionally count the linked occupation as work experience.
    Returns the number of new competences."""
    from perspectief import services as perspectief_services
    from perspectief.models import Profiel

    if activiteit.soort != ActiviteitSoort.VRIJWILLIGERSWERK:
        raise ValidationError(
            {"competenties": _("Alleen vrijwilligerswerk wordt vertaald naar competenties.")}
        )
    namen = list(dict.fromkeys(c.strip()[:200] for c in competenties if c and c.strip()))
    if not namen:
        raise ValidationError({"competenties": _("Vul minstens één competentie in.")})
    if als_werkervaring and activiteit.beroep_id is None:
        raise ValidationError(
            {"als_werkervaring": _("Koppel eerst een beroep aan dit vrijwilligerswerk.")}
        )
    bron = _("Vrijwilligerswerk: %(titel)s") % {"titel": activiteit.titel}
    with transaction.atomic():
        nieuw = perspectief_services.leg_vaardigheden_vast(
            dossier=activiteit.dossier, vaardigheden=[(n, bron) for n in namen], door=door
        )
        if als_werkervaring:
            profiel = Profiel.objects.filter(dossier=activiteit.dossier).first()
            ervaring = list(profiel.beroepen_ervaring) if profiel else []
            if activiteit.beroep.isco_code not in ervaring:
                perspectief_services.werk_profiel_bij(
                    dossier=activiteit.dossier,
                    door=door,
                    beroepen_ervaring=[*ervaring, activiteit.beroep.isco_code],
                )
        _log(
            dossier=activiteit.dossier,
            operatie="vertaal_vrijwilligerswerk",
            door=door,
            request=request,
            soorten=("agenda", "vaardigheden"),
        )
    return nieuw


# --------------------------------------------------------------------------------------------
# the personal iCalendar feed


def vernieuw_ical_token(*, dossier: Dossier, door: User | None, request: Any = None) -> str:
    """Make a new feed token (the old one stops working) and return it; only its SHA-256 is
    stored, so the link can be shown once and never again."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        agenda = vergrendel_agenda(dossier)
        agenda.ical_token_hash = selectors.token_hash(token)
        agenda.ical_sinds = timezone.now()
        agenda.save(update_fields=["ical_token_hash", "ical_sinds"])
        _log(dossier=dossier, operatie="vernieuw_agenda_link", door=door, request=request)
    return token


def trek_ical_token_in(*, dossier: Dossier, door: User | None, request: Any = None) -> None:
    """Switch the feed off: the link answers 404 from now on."""
    with transaction.atomic():
        agenda = vergrendel_agenda(dossier)
        agenda.ical_token_hash = None
        agenda.ical_sinds = None
        agenda.save(update_fields=["ical_token_hash", "ical_sinds"])
        _log(dossier=dossier, operatie="trek_agenda_link_in", door=door, request=request)


# --------------------------------------------------------------------------------------------
# signals and the weekly check


def handel_signaal_af(*, signaal: Signaal, door: User, request: Any = None) -> Signaal:
    with transaction.atomic():
        signaal = (
            Signaal.objects.select_for_update()
            .select_related("dossier__werkzoekende")
            .get(pk=signaal.pk)
        )
        if signaal.afgehandeld_op is None:
            signaal.afgehandeld_op = timezone.now()
            signaal.afgehandeld_door = door
            signaal.save(update_fields=["afgehandeld_op", "afgehandeld_door"])
            _log(dossier=signaal.dossier, operatie="handel_signaal_af", door=door, request=request)
    return signaal


def _signaal_tekst(ma: datetime.date, regels: list[uren.Normregel]) -> str:
    delen = [f"{r.label}: {uren.uren_tekst(r.gepland)} gepland, {r.uitleg}" for r in regels]
    return (_("%(week)s: ") % {"week": uren.week_label(ma).capitalize()} + "; ".join(delen))[:500]


def _maak_vervolgactie(traject: Traject) -> int | None:
    """A follow-up action in the plan van aanpak (``plan.services.maak_vervolgactie``)."""
    try:
        from plan.services import maak_vervolgactie
    except ImportError:
        # The plan app does not offer it (yet): the werkcoach still gets the signal, and the
        # next weekly run tries again (vervolgactie_id stays empty).
        return None
    eind = traject.einddatum
    try:
        actie = maak_vervolgactie(
            dossier=traject.dossier,
            titel=_("Vervolg na Werkloont"),
            toelichting=_(
                "Werkloont liep van %(van)s tot en met %(tot)s. Bespreek met de persoon de "
                "volgende stap: betaald werk, een vervolg in het instrumentenhuis of Iedereen "
                "doet mee."
            )
            % {"van": uren.datum_nl(traject.startdatum), "tot": uren.datum_nl(eind)},
            deadline=eind + datetime.timedelta(weeks=2),
            door=None,
        )
    except ValidationError as exc:
        # e.g. the dossier has no plan that can take actions: tell the werkcoach (signal)
        logger.warning(
            "Vervolgactie na Werkloont (traject %s) niet gemaakt: %s", traject.pk, exc.messages
        )
        return None
    return actie.pk


def rond_werkloont_af(*, traject: Traject, nu: datetime.date | None = None) -> Traject:
    """The Werkloont period is over: mark it afgerond, create the follow-up action in the plan
    and tell the werkcoach. Idempotent (a second run changes nothing)."""
    nu = nu or vandaag()
    with transaction.atomic():
        traject = (
            Traject.objects.select_for_update()
            .select_related("dossier__werkzoekende")
            .get(pk=traject.pk)
        )
        if (
            traject.soort != TrajectSoort.WERKLOONT
            or traject.einddatum is None
            or traject.einddatum >= nu
            or traject.status == TrajectStatus.GESTOPT
            or traject.vervolgactie_id is not None
        ):
            return traject
        if traject.status == TrajectStatus.ACTIEF:
            traject.status = TrajectStatus.AFGEROND
        traject.vervolgactie_id = _maak_vervolgactie(traject)
        traject.save(update_fields=["status", "vervolgactie_id"])
        Signaal.objects.bulk_create(
            [
                Signaal(
                    dossier=traject.dossier,
                    werkcoach_id=traject.dossier.werkcoach_id,
                    soort=SignaalSoort.WERKLOONT_AFGELOPEN,
                    week=uren.maandag(traject.einddatum),
                    tekst=_(
                        "Werkloont is afgelopen op %(datum)s. Er staat een vervolgactie in het "
                        "plan van aanpak."
                    )
                    % {"datum": uren.datum_nl(traject.einddatum)}
                    if traject.vervolgactie_id
                    else _(
                        "Werkloont is afgelopen op %(datum)s. Spreek een vervolg af in het plan "
                        "van aanpak."
                    )
                    % {"datum": uren.datum_nl(traject.einddatum)},
                )
            ],
            ignore_conflicts=True,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="rond_werkloont_af",
            subjects=[traject.dossier.werkzoekende.log_subject],
            soorten_gegevens=["agenda", "plan"],
            actor="werkloont.wekelijkse_controle",
        )
    return traject


def wekelijkse_controle(*, nu: datetime.date | None = None) -> dict[str, Any]:
    """The weekly check (Celery beat, monday morning). Idempotent: signals are unique per
    dossier, kind and week, and a finished Werkloont is handled once.

    1. agendas whose current week is planned below the norm that applies -> signal;
    2. repeated unexplained absence in the last weeks -> signal;
    3. Werkloont periods that are over -> afgerond + follow-up action in the plan.
    """
    nu = nu or vandaag()
    ma = uren.maandag(nu)
    normen = selectors.normen_op(ma)
    uitslagen = selectors.weekcontrole(ma=ma)
    onder = [u for u in uitslagen if u.onder_norm]
    afwezig = selectors.herhaald_afwezig(vandaag=nu, normen=normen)
    werkcoaches = dict(
        Dossier.objects.filter(pk__in=list(afwezig)).values_list("pk", "werkcoach_id")
    )
    kandidaten = [
        Signaal(
            dossier_id=u.dossier_id,
            werkcoach_id=u.werkcoach_id,
            soort=SignaalSoort.ONDER_NORM,
            week=ma,
            tekst=_signaal_tekst(ma, u.onder_norm),
        )
        for u in onder
    ] + [
        Signaal(
            dossier_id=dossier_id,
            werkcoach_id=werkcoaches[dossier_id],
            soort=SignaalSoort.AFWEZIGHEID,
            week=ma,
            tekst=_("%(aantal)s keer afwezig zonder reden in de laatste %(weken)s weken.")
            % {"aantal": aantal, "weken": normen.afwezig_weken},
        )
        for dossier_id, aantal in afwezig.items()
        if dossier_id in werkcoaches
    ]
    bestaand = set(Signaal.objects.filter(week=ma).values_list("dossier_id", "soort"))
    nieuw = [s for s in kandidaten if (s.dossier_id, s.soort) not in bestaand]
    with transaction.atomic():
        Signaal.objects.bulk_create(nieuw, batch_size=2000, ignore_conflicts=True)
        if nieuw:
            subjects = dict(
                Dossier.objects.filter(pk__in={s.dossier_id for s in nieuw}).values_list(
                    "pk", "werkzoekende__publiek_id"
                )
            )
            log_verwerking(
                activiteit=ACTIVITEIT,
                operatie="wekelijkse_agendacontrole",
                subjects=[f"werkzoekende:{p}" for p in subjects.values()],
                soorten_gegevens=["agenda"],
                actor="werkloont.wekelijkse_controle",
            )
    afgerond = 0
    for traject in selectors.aflopende_werkloont(vandaag=nu):
        voor = traject.vervolgactie_id
        traject = rond_werkloont_af(traject=traject, nu=nu)
        afgerond += int(traject.vervolgactie_id is not None and voor is None)
    return {
        "week": ma.isoformat(),
        "gecontroleerd": len(uitslagen),
        "signalen_onder_norm": sum(1 for s in nieuw if s.soort == SignaalSoort.ONDER_NORM),
        "signalen_afwezigheid": sum(1 for s in nieuw if s.soort == SignaalSoort.AFWEZIGHEID),
        "werkloont_afgerond": afgerond,
    }
