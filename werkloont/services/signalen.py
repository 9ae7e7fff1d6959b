"""Signals to the werkcoach and the weekly check (Celery beat): agendas planned below the norm,
repeated unexplained absence, and Werkloont periods that are over (afgerond, with a follow-up
action in the plan van aanpak). Idempotent: signals are unique per dossier, kind and week."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from .. import selectors, uren
from ..models import Signaal, SignaalSoort, Traject, TrajectSoort, TrajectStatus
from ._basis import ACTIVITEIT, log

logger = logging.getLogger(__name__)


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
            log(dossier=signaal.dossier, operatie="handel_signaal_af", door=door, request=request)
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
    nu = nu or tijd.vandaag()
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
    nu = nu or tijd.vandaag()
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
