"""Programmes: enrolling in Werkloont or Iedereen doet mee, the personal norm "naar vermogen",
and stopping a programme early.

Werkloont lasts at most ``werkloont_max_weken`` weeks (the norm at the start); one programme
runs at a time; a training group has a capacity, and enrolling in one plans its sessions and
homework as the training component at once (through ``planning.plan``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier

from .. import selectors, uren
from ..models import (
    Activiteit,
    ActiviteitSoort,
    Afspraak,
    AfspraakStatus,
    Component,
    Herhaling,
    Trainingsgroep,
    Traject,
    TrajectSoort,
    TrajectStatus,
)
from ._basis import log, vergrendel_agenda, vergrendelde_weken
from .planning import Planning, Reeks, plan

MAX_PERSOONLIJKE_NORM = Decimal("60")


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
        log(dossier=dossier, operatie="start_traject", door=door, request=request)
    return traject


def _plan_groep(*, traject: Traject, groep: Trainingsgroep, door: User | None) -> None:
    """The group's weekly sessions and homework within the enrolment (training component)."""
    van = max(traject.startdatum, groep.startdatum)
    tot = min(traject.einddatum, groep.einddatum)
    if tot < van:
        return
    for moment in groep.momenten.all():
        plan(
            dossier=traject.dossier,
            door=door,
            planning=Planning(
                soort=ActiviteitSoort.TRAINING,
                component=Component.TRAINING,
                titel=_("Training %(groep)s") % {"groep": groep.naam},
                reeks=Reeks(
                    herhaling=Herhaling.WEKELIJKS,
                    startdatum=van,
                    einddatum=tot,
                    weekdagen=(moment.weekdag,),
                    begintijd=moment.begintijd,
                    eindtijd=moment.eindtijd,
                ),
                traject=traject,
                trainingsgroep=groep,
                in_groep=True,
                locatie=str(groep.locatie or ""),
                verantwoordelijke=str(groep.begeleider or ""),
                begeleider=groep.begeleider,
            ),
        )
    if groep.huiswerk_uren:
        laatste_dag = max((m.weekdag for m in groep.momenten.all()), default=2)
        plan(
            dossier=traject.dossier,
            door=door,
            planning=Planning(
                soort=ActiviteitSoort.HUISWERK,
                component=Component.TRAINING,
                titel=_("Huiswerk %(groep)s") % {"groep": groep.naam},
                reeks=Reeks(
                    herhaling=Herhaling.WEKELIJKS,
                    startdatum=van,
                    einddatum=tot,
                    weekdagen=(min(laatste_dag + 1, 4),),
                    minuten=uren.minuten(groep.huiswerk_uren),
                ),
                traject=traject,
                trainingsgroep=groep,
                verantwoordelijke=str(groep.begeleider or ""),
                begeleider=groep.begeleider,
            ),
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
        log(
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
        if vergrendelde_weken(traject.dossier_id, te_annuleren.values_list("datum", flat=True)):
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
        log(dossier=traject.dossier, operatie="beeindig_traject", door=door, request=request)
    return traject
