"""Presence and week approval: the werkcoach or provider records presence, the burger reports
absence or illness in the portal, and a past week is approved (after which nothing in it
changes, in the service and in the database)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, JournaalSoort, Kanaal, Richting

from .. import uren
from ..models import Aanwezigheid, Afspraak, AfspraakStatus, Weekafsluiting
from ._basis import als_user, controleer_week_open, log, vergrendel_agenda, week_fout

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
        controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError(
                {"aanwezigheid": _("Deze afspraak gaat niet door; er is niets te registreren.")}
            )
        if afspraak.datum > tijd.vandaag():
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
        gebruiker = als_user(door)
        afspraak.geregistreerd_door = gebruiker
        afspraak.geregistreerd_door_systeem = "" if gebruiker else str(door)[:200]
        afspraak.geregistreerd_op = timezone.now()
        afspraak.save()
        log(
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
        controleer_week_open(afspraak)
        if afspraak.status != AfspraakStatus.GEPLAND:
            raise ValidationError({"reden": _("Deze afspraak gaat al niet door.")})
        if afspraak.datum < tijd.vandaag():
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
        log(
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
    if zo >= tijd.vandaag():
        raise ValidationError(
            {"week": _("U kunt een week pas goedkeuren als hij voorbij is (na zondag).")}
        )
    with transaction.atomic():
        vergrendel_agenda(dossier)
        if Weekafsluiting.objects.filter(dossier=dossier, week=ma).exists():
            raise ValidationError({"week": week_fout(ma)})
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
        log(dossier=dossier, operatie="keur_week_goed", door=door, request=request)
    return afsluiting
