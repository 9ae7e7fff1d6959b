"""Planning in the werkweekagenda: plan an activity (single or weekly) with its occurrences,
stop it, cancel one occurrence.

What to plan is one parameter object, ``Planning`` (what, where, with whom) holding a ``Reeks``
(when). Planning rules (all refused with a message, none silently corrected):

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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from dateutil.rrule import WEEKLY, rrule
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier
from perspectief.models import Beroep

from .. import selectors, uren
from ..models import (
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
    Begeleider,
    Component,
    Herhaling,
    Trainingsgroep,
    Traject,
    TrajectSoort,
    TrajectStatus,
    WerkactiviteitPlek,
)
from ._basis import controleer_week_open, log, vergrendel_agenda, vergrendelde_weken, week_fout

MAX_DAGEN_VOORUIT = 366


@dataclass(frozen=True, kw_only=True)
class Reeks:
    """When an activity takes place: one date (``eenmalig``) or, weekly, the ``weekdagen``
    (0 = monday) from ``startdatum`` to ``einddatum``; fixed times (``begintijd`` and
    ``eindtijd``) or a duration in ``minuten`` without a fixed time."""

    startdatum: datetime.date | None
    einddatum: datetime.date | None = None
    herhaling: str = Herhaling.EENMALIG
    weekdagen: tuple[int, ...] = ()
    begintijd: datetime.time | None = None
    eindtijd: datetime.time | None = None
    minuten: int | None = None

    def datums(self) -> list[datetime.date]:
        """The dates of the occurrences (of a validated series)."""
        if self.herhaling == Herhaling.EENMALIG:
            return [self.startdatum]
        regel = rrule(
            WEEKLY,
            byweekday=sorted(set(self.weekdagen)),
            dtstart=datetime.datetime.combine(self.startdatum, datetime.time()),
            until=datetime.datetime.combine(self.einddatum, datetime.time()),
        )
        return [d.date() for d in regel]


@dataclass(frozen=True, kw_only=True)
class Planning:
    """One activity to plan: what (``soort``, ``titel``, the programme ``component``), when
    (``reeks``), where and with whom; the input of ``plan``."""

    soort: str
    titel: str
    reeks: Reeks
    component: str = Component.OVERIG
    traject: Traject | None = None
    plek: WerkactiviteitPlek | None = None
    beroep: Beroep | None = None
    afwijkingsreden: str = ""
    trainingsgroep: Trainingsgroep | None = None
    in_groep: bool = False
    huiswerk: str = ""
    locatie: str = ""
    verantwoordelijke: str = ""
    begeleider: Begeleider | None = None
    omschrijving: str = ""
    vertrouwelijk: bool = False


def _minuten_tussen(begin: datetime.time, eind: datetime.time) -> int:
    return (eind.hour * 60 + eind.minute) - (begin.hour * 60 + begin.minute)


def _tijd(t: datetime.time) -> str:
    return t.strftime("%H:%M")


def _valideer_invoer(planning: Planning) -> Reeks:
    """Check the input as a whole (every message at once); the series with its last date,
    weekdays and minutes normalised."""
    titel, soort, component = planning.titel, planning.soort, planning.component
    reeks = planning.reeks
    herhaling, startdatum, einddatum = reeks.herhaling, reeks.startdatum, reeks.einddatum
    begintijd, eindtijd, minuten = reeks.begintijd, reeks.eindtijd, reeks.minuten
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
    weekdagen = sorted({int(w) for w in reeks.weekdagen or ()})
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
    return replace(reeks, einddatum=einddatum, weekdagen=tuple(weekdagen), minuten=int(minuten))


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
    weken = vergrendelde_weken(dossier.pk, datums)
    if weken:
        raise ValidationError({"startdatum": week_fout(weken[0])})
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


def plan(*, dossier: Dossier, door: User | None, planning: Planning) -> Activiteit:
    """Validate and store one activity with its occurrences. Runs inside the caller's
    transaction, with the agenda row locked (``vergrendel_agenda``)."""
    p = planning
    reeks = _valideer_invoer(p)
    traject = _controleer_component(
        dossier=dossier,
        component=p.component,
        soort=p.soort,
        traject=p.traject,
        startdatum=reeks.startdatum,
        einddatum=reeks.einddatum,
    )
    soort, plek = p.soort, p.plek
    if soort == ActiviteitSoort.WERKACTIVITEIT:
        if plek is None:
            raise ValidationError({"plek": _("Kies de werkactiviteit en de locatie.")})
        _controleer_plek(
            plek=plek, dossier=dossier, startdatum=reeks.startdatum, einddatum=reeks.einddatum
        )
    elif plek is not None:
        raise ValidationError(
            {"plek": _("Een locatie uit de catalogus hoort bij een werkactiviteit.")}
        )
    past: bool | None = None
    afwijkingsreden = (p.afwijkingsreden or "").strip()
    if p.component == Component.WERK and soort in (
        ActiviteitSoort.WERKACTIVITEIT,
        ActiviteitSoort.VRIJWILLIGERSWERK,
    ):
        passend = selectors.passende_beroep_ids(dossier_id=dossier.pk)
        past = bool(set(_beroepen_van(soort, plek, p.beroep)) & passend)
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
    vertrouwelijk = True if soort in ALTIJD_VERTROUWELIJK else p.vertrouwelijk
    locatie, begeleider, verantwoordelijke = p.locatie, p.begeleider, p.verantwoordelijke
    if plek is not None:
        locatie = locatie or plek.locatie.naam
        if begeleider is None:
            begeleider = plek.begeleiders.filter(actief=True).first()
    if begeleider is not None and not verantwoordelijke:
        verantwoordelijke = str(begeleider)
    datums = reeks.datums()
    if not datums:
        raise ValidationError(
            {"weekdagen": _("Tussen de eerste en de laatste datum valt geen van deze dagen.")}
        )
    wekelijks = reeks.herhaling == Herhaling.WEKELIJKS
    vrij = selectors.feestdagen(datums[0], datums[-1]) if wekelijks else {}
    activiteit = Activiteit(
        dossier=dossier,
        traject=traject,
        component=p.component,
        soort=soort,
        titel=p.titel.strip(),
        omschrijving=(p.omschrijving or "").strip(),
        plek=plek,
        beroep=p.beroep,
        past_bij_perspectief=past,
        afwijkingsreden=afwijkingsreden,
        trainingsgroep=p.trainingsgroep,
        in_groep=p.in_groep or p.trainingsgroep is not None,
        huiswerk=(p.huiswerk or "").strip(),
        locatie=(locatie or "").strip()[:200],
        verantwoordelijke=(verantwoordelijke or "").strip()[:200],
        begeleider=begeleider,
        herhaling=reeks.herhaling,
        weekdagen=list(reeks.weekdagen),
        startdatum=reeks.startdatum,
        einddatum=reeks.einddatum,
        begintijd=reeks.begintijd,
        eindtijd=reeks.eindtijd,
        minuten=reeks.minuten,
        vertrouwelijk=vertrouwelijk,
        aangemaakt_door=door,
    )
    afspraken = [
        Afspraak(
            dossier=dossier,
            datum=d,
            begintijd=reeks.begintijd,
            eindtijd=reeks.eindtijd,
            minuten=reeks.minuten,
            status=AfspraakStatus.FEESTDAG if d in vrij else AfspraakStatus.GEPLAND,
            feestdag=vrij.get(d, ""),
        )
        for d in datums
    ]
    normen = selectors.normen_op(reeks.startdatum)
    _controleer_agenda(dossier=dossier, nieuw=afspraken, normen=normen)
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
    beroep: Beroep | None = None,
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
    planning = Planning(
        soort=soort,
        titel=titel,
        reeks=Reeks(
            herhaling=herhaling,
            startdatum=startdatum,
            einddatum=einddatum,
            weekdagen=tuple(weekdagen or ()),
            begintijd=begintijd,
            eindtijd=eindtijd,
            minuten=minuten,
        ),
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
    with transaction.atomic():
        vergrendel_agenda(dossier)
        activiteit = plan(dossier=dossier, door=door, planning=planning)
        log(
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
        weken = vergrendelde_weken(activiteit.dossier_id, qs.values_list("datum", flat=True))
        if weken:
            raise ValidationError({"per": week_fout(weken[0])})
        aantal = qs.update(
            status=AfspraakStatus.GEANNULEERD, annuleringsreden=_("Activiteit gestopt")
        )
        Activiteit.objects.filter(pk=activiteit.pk).update(gestopt_op=per)
        log(
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
        controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError({"reden": _("Deze afspraak gaat al niet door.")})
        if afspraak.aanwezigheid != Aanwezigheid.ONBEKEND and not afspraak.gemeld_door_burger:
            raise ValidationError(
                {"reden": _("Bij deze afspraak is de aanwezigheid al geregistreerd.")}
            )
        afspraak.status = AfspraakStatus.GEANNULEERD
        afspraak.annuleringsreden = reden[:300]
        afspraak.save(update_fields=["status", "annuleringsreden"])
        log(
            dossier=afspraak.dossier,
            operatie="annuleer_afspraak",
            door=door,
            request=request,
            vertrouwelijk=afspraak.activiteit.vertrouwelijk,
        )
    return afspraak
