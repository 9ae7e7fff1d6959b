"""Writes on the case record. One transaction per use case; keyword-only arguments."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.core import crypto, tijd
from bijstand.logboek.services import log_verwerking

from . import haken
from .models import (
    ACTIEVE_STATUSSEN,
    TOEGESTANE_OVERGANGEN,
    Dossier,
    DossierStatus,
    Huishouden,
    HuishoudenLid,
    Instroombron,
    JournaalRegel,
    JournaalSoort,
    Overdracht,
    Route,
    StatusWijziging,
    Taalniveau,
    Werkzoekende,
    Zichtbaarheid,
)

CONTACT_SOORTEN = (JournaalSoort.CONTACT, JournaalSoort.BERICHT)


def registreer_werkzoekende(*, bsn: str, door: User | None, **gegevens: Any) -> Werkzoekende:
    """Create a person (BSN validated with the 11-proef, stored encrypted)."""
    if Werkzoekende.objects.filter(bsn_hash=crypto.bsn_hash(bsn)).exists():
        raise ValidationError({"bsn": _("Er bestaat al een werkzoekende met dit BSN.")})
    persoon = Werkzoekende(**gegevens)
    try:
        persoon.set_bsn(bsn)
    except ValidationError as exc:
        raise ValidationError({"bsn": exc.messages}) from exc
    persoon.full_clean(exclude=["bsn_versleuteld", "bsn_hash"])
    _zet_history_user(persoon, door)
    with transaction.atomic():
        persoon.save()
        Huishouden.objects.create(werkzoekende=persoon)
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="registreer_werkzoekende",
            subjects=[persoon.log_subject],
            soorten_gegevens=["identificatie", "contact", "adres"],
            actor=door,
        )
    return persoon


def _zet_history_user(obj: Any, door: User | None) -> None:
    """Record `door` as history user also outside a request (Celery, commands)."""
    if door is not None:
        obj._history_user = door


def _check_werkcoach(user: User) -> None:
    if user.rol != Rol.WERKCONSULENT or not user.is_active:
        raise ValidationError({"werkcoach": _("Kies een actieve werkconsulent als werkcoach.")})


def open_dossier(
    *,
    werkzoekende: Werkzoekende,
    werkcoach: User,
    door: User | None,
    inkomensconsulent: User | None = None,
    doelgroep: str = "algemeen",
    route: str = "onbepaald",
    aanvraagdatum: date | None = None,
    instroombron: str = "loket",
) -> Dossier:
    """Open a dossier (status aanvraag) with its one werkcoach. One active dossier per person."""
    _check_werkcoach(werkcoach)
    if inkomensconsulent is not None and inkomensconsulent.rol != Rol.INKOMENSCONSULENT:
        raise ValidationError({"inkomensconsulent": _("Kies een inkomensconsulent.")})
    with transaction.atomic():
        if werkzoekende.dossiers.filter(status__in=ACTIEVE_STATUSSEN).exists():
            raise ValidationError(_("Deze persoon heeft al een actief dossier."))
        dossier = Dossier.objects.create(
            werkzoekende=werkzoekende,
            werkcoach=werkcoach,
            inkomensconsulent=inkomensconsulent,
            doelgroep=doelgroep,
            route=route,
            instroombron=instroombron,
            aanvraagdatum=aanvraagdatum or tijd.vandaag(),
        )
        dossier.full_clean(exclude=["werkzoekende", "werkcoach", "inkomensconsulent"])
        StatusWijziging.objects.create(
            dossier=dossier, van="", naar=DossierStatus.AANVRAAG, door=door
        )
        Overdracht.objects.create(
            dossier=dossier,
            van_werkcoach=None,
            naar_werkcoach=werkcoach,
            reden=_("Eerste toewijzing"),
            door=door,
        )
        JournaalRegel.objects.create(
            dossier=dossier,
            soort=JournaalSoort.STATUS,
            tekst=_("Dossier geopend. Werkcoach: %(naam)s.") % {"naam": werkcoach},
            auteur=door,
        )
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="open_dossier",
            subjects=[werkzoekende.log_subject],
            soorten_gegevens=["dossier"],
            actor=door,
        )
    return dossier


def wijzig_status(
    *,
    dossier: Dossier,
    naar: str,
    door: User | None,
    reden: str = "",
    toelichting: str = "",
    einddatum: date | None = None,
) -> Dossier:
    """Change the status along the allowed-transition table; recorded with who, when and why.

    Ending (``beeindigd``) takes one reason and one date, ``einddatum``: the last day with recht
    (default today). The apps' end hooks (:mod:`.haken`; the uitkering of ``inkomen``) end what
    belongs to the dossier with the same reason and date in this same transaction, or refuse.
    """
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        van = dossier.status
        if naar not in TOEGESTANE_OVERGANGEN.get(van, frozenset()):
            raise ValidationError(
                {
                    "status": _("Van '%(van)s' naar '%(naar)s' is geen toegestane overgang.")
                    % {"van": DossierStatus(van).label, "naar": naar}
                }
            )
        if naar == DossierStatus.BEEINDIGD and not reden:
            raise ValidationError({"reden": _("Geef een reden voor de beëindiging.")})
        if (
            naar == DossierStatus.HEROPEND
            and dossier.werkzoekende.dossiers.filter(status__in=ACTIEVE_STATUSSEN)
            .exclude(pk=dossier.pk)
            .exists()
        ):
            raise ValidationError(_("Deze persoon heeft al een ander actief dossier."))
        vandaag = tijd.vandaag()
        if naar == DossierStatus.BEEINDIGD:
            einddatum = einddatum or vandaag
            haken.bij_einde(dossier=dossier, einddatum=einddatum, reden=reden, door=door)
        dossier.status = naar
        if naar == DossierStatus.BEEINDIGD:
            dossier.beeindigingsreden = reden
            dossier.einddatum = einddatum
        else:
            dossier.beeindigingsreden = ""
            dossier.einddatum = None
        if naar == DossierStatus.LOPEND and dossier.startdatum is None:
            dossier.startdatum = vandaag
        _zet_history_user(dossier, door)
        dossier.save(update_fields=["status", "beeindigingsreden", "einddatum", "startdatum"])
        StatusWijziging.objects.create(
            dossier=dossier, van=van, naar=naar, reden=reden, toelichting=toelichting, door=door
        )
        tekst = _("Status gewijzigd van %(van)s naar %(naar)s.") % {
            "van": DossierStatus(van).label,
            "naar": DossierStatus(naar).label,
        }
        if reden:
            tekst += " " + _("Reden: %(reden)s.") % {
                "reden": dossier.get_beeindigingsreden_display()
            }
        if naar == DossierStatus.BEEINDIGD:
            tekst += " " + _("Laatste dag met recht: %(datum)s.") % {
                "datum": date_format(dossier.einddatum, "j F Y")
            }
        if toelichting:
            tekst += " " + toelichting
        JournaalRegel.objects.create(
            dossier=dossier, soort=JournaalSoort.STATUS, tekst=tekst, auteur=door
        )
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="wijzig_status",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["dossier"],
            actor=door,
        )
    return dossier


def draag_over(*, dossier: Dossier, naar_werkcoach: User, reden: str, door: User) -> Overdracht:
    """Hand the dossier to another werkcoach: a recorded handover with a reason."""
    _check_werkcoach(naar_werkcoach)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden voor de overdracht.")})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.werkcoach_id == naar_werkcoach.pk:
            raise ValidationError(
                {"naar_werkcoach": _("Deze werkconsulent is al de werkcoach van dit dossier.")}
            )
        van = dossier.werkcoach
        dossier.werkcoach = naar_werkcoach
        _zet_history_user(dossier, door)
        dossier.save(update_fields=["werkcoach"])
        overdracht = Overdracht.objects.create(
            dossier=dossier,
            van_werkcoach=van,
            naar_werkcoach=naar_werkcoach,
            reden=reden.strip(),
            door=door,
        )
        JournaalRegel.objects.create(
            dossier=dossier,
            soort=JournaalSoort.OVERDRACHT,
            tekst=_("Werkcoach overgedragen van %(van)s naar %(naar)s. Reden: %(reden)s")
            % {"van": van, "naar": naar_werkcoach, "reden": reden.strip()},
            auteur=door,
        )
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="draag_over",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["dossier"],
            actor=door,
        )
    return overdracht


def voeg_journaalregel_toe(
    *,
    dossier: Dossier,
    auteur: User | None,
    soort: str,
    tekst: str,
    onderwerp: str = "",
    kanaal: str = "",
    richting: str = "",
    zichtbaarheid: str = Zichtbaarheid.INTERN,
    vertrouwelijk: bool = False,
    activiteit: str = "dossierbeheer",
) -> JournaalRegel:
    """Add a note, contact moment or message to the journaal."""
    if not tekst or not tekst.strip():
        raise ValidationError({"tekst": _("Vul een tekst in.")})
    if soort in (JournaalSoort.STATUS, JournaalSoort.OVERDRACHT):
        raise ValidationError({"soort": _("Deze soort wordt alleen door het systeem gemaakt.")})
    if vertrouwelijk and zichtbaarheid == Zichtbaarheid.EXTERN:
        raise ValidationError(
            {"vertrouwelijk": _("Een vertrouwelijke notitie kan niet extern zichtbaar zijn.")}
        )
    if soort == JournaalSoort.CONTACT and not kanaal:
        raise ValidationError({"kanaal": _("Kies het kanaal van het contact.")})
    regel = JournaalRegel(
        dossier=dossier,
        soort=soort,
        tekst=tekst.strip(),
        onderwerp=onderwerp.strip(),
        kanaal=kanaal,
        richting=richting,
        zichtbaarheid=zichtbaarheid,
        vertrouwelijk=vertrouwelijk,
        auteur=auteur,
    )
    regel.full_clean(exclude=["dossier", "auteur"])
    with transaction.atomic():
        regel.save()
        if soort in CONTACT_SOORTEN:
            Dossier.objects.filter(pk=dossier.pk).update(laatste_contact=regel.op)
        log_verwerking(
            activiteit="gezondheid" if vertrouwelijk else activiteit,
            operatie="voeg_journaalregel_toe",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["journaal"],
            actor=auteur,
            vertrouwelijk=vertrouwelijk,
        )
    return regel


def stuur_bericht_aan_burger(
    *, dossier: Dossier, afzender: User, onderwerp: str, tekst: str, **kwargs: Any
) -> JournaalRegel:
    """A message from staff to the burger: visible in the portal, e-mail notice after commit."""
    from .berichten import stuur_bericht

    return stuur_bericht(dossier=dossier, door=afzender, onderwerp=onderwerp, tekst=tekst, **kwargs)


def wijzig_route(*, dossier: Dossier, route: str, reden: str, door: User | None) -> Dossier:
    """Set the dienstverleningsroute (the werkcoach decides; the reason goes to the journaal)."""
    if route not in Route.values:
        raise ValidationError({"route": _("Kies een dienstverleningsroute.")})
    if not reden or not reden.strip():
        raise ValidationError({"reden": _("Leg uit waarom u voor deze route kiest.")})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        oud = dossier.get_route_display()
        if dossier.route == route:
            return dossier
        dossier.route = route
        _zet_history_user(dossier, door)
        dossier.save(update_fields=["route"])
        JournaalRegel.objects.create(
            dossier=dossier,
            soort=JournaalSoort.NOTITIE,
            onderwerp=_("Dienstverleningsroute"),
            tekst=_("Route gewijzigd van %(oud)s naar %(nieuw)s. Reden: %(reden)s")
            % {"oud": oud, "nieuw": dossier.get_route_display(), "reden": reden.strip()},
            auteur=door,
        )
        log_verwerking(
            activiteit="reintegratie",
            operatie="wijzig_route",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["dossier"],
            actor=door,
        )
    return dossier


def wijzig_instroombron(*, dossier: Dossier, instroombron: str, door: User | None) -> Dossier:
    """Record through which entry point the request came in (set by the intake).

    Unchanged values write nothing; a change is kept in the dossier's history.
    """
    if instroombron not in Instroombron.values:
        raise ValidationError({"instroombron": _("Kies hoe de aanvraag binnenkwam.")})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.instroombron == instroombron:
            return dossier
        dossier.instroombron = instroombron
        _zet_history_user(dossier, door)
        dossier.save(update_fields=["instroombron"])
    return dossier


def wijzig_taalniveau(*, werkzoekende: Werkzoekende, taalniveau: str, door: User | None) -> bool:
    """Record the person's level of Dutch (from the intake's language step).

    Returns whether it changed. Unchanged values write nothing; a change is kept in the
    person's history, with who made it.
    """
    if taalniveau not in Taalniveau.values:
        raise ValidationError({"taalniveau": _("Kies een bestaand taalniveau.")})
    with transaction.atomic():
        persoon = Werkzoekende.objects.select_for_update().get(pk=werkzoekende.pk)
        if persoon.taalniveau == taalniveau:
            return False
        persoon.taalniveau = taalniveau
        _zet_history_user(persoon, door)
        persoon.save(update_fields=["taalniveau"])
    werkzoekende.taalniveau = taalniveau
    return True


def wijs_inkomensconsulent_toe(*, dossier: Dossier, inkomensconsulent: User, door: User | None):
    """The inkomensconsulent who handles the dossier's income (e.g. takes up its aanvraag)."""
    if inkomensconsulent.rol != Rol.INKOMENSCONSULENT or not inkomensconsulent.is_active:
        raise ValidationError({"inkomensconsulent": _("Kies een actieve inkomensconsulent.")})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.inkomensconsulent_id == inkomensconsulent.pk:
            return dossier
        dossier.inkomensconsulent = inkomensconsulent
        _zet_history_user(dossier, door)
        dossier.save(update_fields=["inkomensconsulent"])
        JournaalRegel.objects.create(
            dossier=dossier,
            soort=JournaalSoort.STATUS,
            tekst=_("Inkomensconsulent: %(naam)s.") % {"naam": inkomensconsulent},
            auteur=door,
        )
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="wijs_inkomensconsulent_toe",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["dossier"],
            actor=door,
        )
    return dossier


PERSOON_VELDEN = frozenset(
    {"email", "telefoon", "straat", "huisnummer", "postcode", "woonplaats", "wijk", "iban"}
)


def werk_persoon_bij(*, werkzoekende: Werkzoekende, door: User | None, **velden: Any) -> bool:
    """Update contact, address and IBAN (validated like the model). True when changed."""
    onbekend = set(velden) - PERSOON_VELDEN
    if onbekend:
        raise ValueError(f"onbekende velden: {sorted(onbekend)}")
    gewijzigd = [k for k, v in velden.items() if getattr(werkzoekende, k) != v]
    if not gewijzigd:
        return False
    with transaction.atomic():
        for k in gewijzigd:
            setattr(werkzoekende, k, velden[k])
        werkzoekende.full_clean(exclude=["bsn_versleuteld", "bsn_hash", "account"])
        _zet_history_user(werkzoekende, door)
        werkzoekende.save(update_fields=gewijzigd)
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="werk_persoon_bij",
            subjects=[werkzoekende.log_subject],
            soorten_gegevens=["contact", "adres", "bankrekening"],
            actor=door,
        )
    return True


def zet_huishouden(
    *,
    werkzoekende: Werkzoekende,
    leefvorm: str,
    leden: list[dict[str, Any]],
    door: User | None,
) -> Huishouden:
    """Replace the household (leefvorm and members) with what was established, e.g. at the
    aanvraag. ``leden``: dicts with rol, naam, geboortedatum and the kostendeler facts."""
    with transaction.atomic():
        huishouden, _nieuw = Huishouden.objects.select_for_update().get_or_create(
            werkzoekende=werkzoekende
        )
        huishouden.leefvorm = leefvorm
        huishouden.full_clean(exclude=["werkzoekende"])
        _zet_history_user(huishouden, door)
        huishouden.save()
        huishouden.leden.all().delete()
        for lid in leden:
            nieuw = HuishoudenLid(huishouden=huishouden, **lid)
            nieuw.full_clean(exclude=["huishouden"])
            _zet_history_user(nieuw, door)
            nieuw.save()
        log_verwerking(
            activiteit="dossierbeheer",
            operatie="zet_huishouden",
            subjects=[werkzoekende.log_subject],
            soorten_gegevens=["huishouden"],
            actor=door,
        )
    return huishouden
