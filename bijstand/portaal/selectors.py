"""Reads of the burgerportaal. Every read of personal data writes the dataverwerkingen log.

The portal sits on top of the hub: it calls `bijstand.dossiers.selectors` and
`bijstand.logboek.selectors` and only narrows them further to what a burger may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from aanvraag import selectors as aanvraag_selectors
from aanvraag.models import Aanvraag, AanvraagStatus
from aanvraag.stappen import STAPPEN
from bijstand.accounts.models import Rol, User
from bijstand.dossiers.models import (
    Dossier,
    JournaalRegel,
    JournaalSoort,
    Richting,
    Werkzoekende,
    Zichtbaarheid,
)
from bijstand.dossiers.selectors import actief_dossier_van_burger, journaal_queryset
from bijstand.logboek.models import AuditRegel
from bijstand.logboek.selectors import verwerkingen_voor_betrokkene
from bijstand.logboek.services import log_verwerking

BERICHTEN_PAGINA_GROOTTE = 10
INZAGE_PAGINA_GROOTTE = 25


def werkzoekende_van_burger(user: Any) -> Werkzoekende | None:
    """The Werkzoekende linked to a burger account, or None (staff, unlinked, anonymous)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "rol", None) != Rol.BURGER:
        return None
    return Werkzoekende.objects.filter(account=user).first()


def _ongelezen_qs(dossier: Dossier) -> QuerySet[JournaalRegel]:
    return JournaalRegel.objects.filter(
        dossier=dossier,
        soort=JournaalSoort.BERICHT,
        richting=Richting.UITGAAND,
        zichtbaarheid=Zichtbaarheid.EXTERN,
        vertrouwelijk=False,
        gelezen_op__isnull=True,
    )


@dataclass(frozen=True)
class Overzicht:
    werkzoekende: Werkzoekende
    dossier: Dossier | None
    ongelezen_berichten: int


def overzicht_voor_burger(
    *, user: User, werkzoekende: Werkzoekende, request: Any = None
) -> Overzicht:
    """The home page data: own dossier, werkcoach and the number of unread messages. Logged."""
    dossier = actief_dossier_van_burger(user=user)
    ongelezen = _ongelezen_qs(dossier).count() if dossier else 0
    log_verwerking(
        activiteit="portaal",
        operatie="portaal_bekijk_overzicht",
        subjects=[werkzoekende.log_subject],
        soorten_gegevens=["identificatie", "dossier"],
        actor=user,
        request=request,
    )
    return Overzicht(werkzoekende=werkzoekende, dossier=dossier, ongelezen_berichten=ongelezen)


@dataclass(frozen=True)
class AanvraagKaart:
    """The card for an open aanvraag on the portal home."""

    aanvraag: Aanvraag
    stappen_klaar: int
    stappen_totaal: int
    beslissen_uiterlijk: date | None
    stukken_voor: date | None  # an open hersteltermijn: send the stukken before this day

    @property
    def is_concept(self) -> bool:
        return self.aanvraag.status == AanvraagStatus.CONCEPT


def aanvraag_kaart(*, user: User) -> AanvraagKaart | None:
    """The burger's open aanvraag (of an active dossier) for the home page card, or None. The
    home page read is logged by :func:`overzicht_voor_burger`."""
    aanvraag = aanvraag_selectors.aanvraag_van_burger(user)
    if aanvraag is None or not aanvraag.is_open or not aanvraag.dossier.is_actief:
        return None
    termijnen = aanvraag_selectors.termijnen_van(aanvraag, heeft_voorschot=False)
    invulbaar = [s.slug for s in STAPPEN if s.slug != "verklaring"]
    return AanvraagKaart(
        aanvraag=aanvraag,
        stappen_klaar=sum(1 for slug in invulbaar if slug in aanvraag.gegevens),
        stappen_totaal=len(invulbaar),
        beslissen_uiterlijk=termijnen.beslissen_uiterlijk,
        stukken_voor=termijnen.opgeschort_tot,
    )


def berichten_pagina(
    *, user: User, dossier: Dossier, pagina: int | str = 1, request: Any = None
) -> Page:
    """One page of the messages with the werkcoach (external, non-confidential only). Logged."""
    qs = journaal_queryset(user=user, dossier=dossier).filter(soort=JournaalSoort.BERICHT)
    page = Paginator(qs, BERICHTEN_PAGINA_GROOTTE).get_page(pagina)
    log_verwerking(
        activiteit="portaal",
        operatie="portaal_bekijk_berichten",
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["journaal"],
        actor=user,
        request=request,
    )
    return page


# What a burger reads in the "Wie heeft mijn gegevens bekeken?" list instead of a staff name.
DOOR_TEKST = {
    "zelf": _("U zelf"),
    Rol.WERKCONSULENT: _("Een werkcoach"),
    Rol.INKOMENSCONSULENT: _("Een medewerker uitkeringen"),
    Rol.TEAMLEIDER: _("Een teamleider"),
    Rol.BEHEERDER: _("Een beheerder"),
    Rol.PRIVACY: _("Een privacymedewerker"),
    Rol.BETAALRUN: _("Een medewerker betalingen"),
    "systeem": _("Een computersysteem"),
    "medewerker": _("Een medewerker"),
}

# Plain words for known operations; other operations show the activity name.
OPERATIE_TEKST = {
    "registreer_werkzoekende": _("Uw gegevens zijn vastgelegd"),
    "open_dossier": _("Uw dossier is geopend"),
    "wijzig_status": _("De status van uw dossier is veranderd"),
    "draag_over": _("U heeft een andere werkcoach gekregen"),
    "voeg_journaalregel_toe": _("Er is iets in uw dossier geschreven"),
    "bekijk_caseload": _("Uw naam stond in een lijst van een medewerker"),
    "bekijk_dossier": _("Uw dossier is bekeken"),
    "bekijk_journaal": _("De aantekeningen in uw dossier zijn bekeken"),
    "koppel_digid_account": _("U heeft voor het eerst ingelogd"),
    "digid_inloggen": _("U heeft ingelogd met DigiD"),
    "portaal_bekijk_overzicht": _("U heeft uw overzicht bekeken"),
    "portaal_bekijk_berichten": _("U heeft uw berichten bekeken"),
    "portaal_bekijk_bericht": _("U heeft een bericht gelezen"),
    "portaal_bekijk_tijdlijn": _("U heeft uw contact met Werk & Inkomen bekeken"),
    "stuur_bericht": _("Er is een bericht verstuurd"),
    "bekijk_berichten": _("Uw berichten zijn bekeken"),
    "bekijk_bericht": _("Een bericht aan of van u is gelezen"),
    "api_bekijk_berichten": _("Uw berichten zijn bekeken"),
    "portaal_bekijk_logboek": _("U heeft deze lijst bekeken"),
    "portaal_bekijk_wat_als": _("U heeft uitgerekend wat meer werken voor uw geld betekent"),
    "portaal_bekijk_inkomsten_doorgeven": _("U heeft de pagina Inkomsten doorgeven bekeken"),
    "portaal_bekijk_specificatie": _("U heeft uw specificatie bekeken"),
    "portaal_download_specificatie": _("U heeft uw specificatie gedownload"),
    "registreer_inkomstenopgave": _("Er zijn inkomsten van u doorgegeven"),
    "beoordeel_opgave": _("Uw doorgegeven inkomsten zijn gecontroleerd"),
    "herbereken_maand": _("Uw uitkering is opnieuw uitgerekend"),
    "bekijk_inkomen": _("Uw inkomsten en uitkering zijn bekeken"),
    "bekijk_inkomstenopgave": _("Uw doorgegeven inkomsten zijn bekeken"),
    "bekijk_loonstrook": _("Uw loonstrook is bekeken"),
    "brp_raadpleeg:aanvraag_bijstand": _(
        "Uw gegevens zijn opgevraagd bij de Basisregistratie Personen (BRP) voor uw aanvraag"
    ),
    "registreer_melding": _("U heeft zich gemeld voor bijstand"),
    "sla_stap_op": _("Uw aanvraag is ingevuld of veranderd"),
    "voeg_stuk_toe": _("Er is een bewijsstuk bij uw aanvraag gezet"),
    "dien_in": _("Uw aanvraag is verstuurd"),
    "portaal_bekijk_aanvraag": _("U heeft uw aanvraag bekeken"),
}


@dataclass(frozen=True)
class InzageRegel:
    op: Any
    activiteit: str
    doel: str
    operatie: str
    door: str  # "zelf", a Rol value, "systeem" or "medewerker"

    @property
    def door_tekst(self) -> str:
        return str(DOOR_TEKST.get(self.door, DOOR_TEKST["medewerker"]))

    @property
    def wat(self) -> str:
        return str(OPERATIE_TEKST.get(self.operatie, self.activiteit))


def inzage_pagina(
    *,
    user: User,
    werkzoekende: Werkzoekende,
    pagina: int | str = 1,
    ook_eigen: bool = False,
    request: Any = None,
) -> tuple[Page, list[InzageRegel]]:
    """The person's own non-confidential log lines, newest first, without staff identities.

    Viewing the log is itself a logged processing (activity "logboek-inzage").
    By default the burger's own portal visits are left out (`ook_eigen` shows them).
    """
    log_verwerking(
        activiteit="logboek-inzage",
        operatie="portaal_bekijk_logboek",
        subjects=[werkzoekende.log_subject],
        soorten_gegevens=["logboek"],
        actor=user,
        request=request,
    )
    qs = verwerkingen_voor_betrokkene(
        subject=werkzoekende.log_subject, inclusief_vertrouwelijk=False
    )
    eigen_operaties = AuditRegel.objects.filter(gebruiker=user).values("operation_id")
    if not ook_eigen:
        qs = qs.exclude(operation_id__in=eigen_operaties)
    page = Paginator(qs, INZAGE_PAGINA_GROOTTE).get_page(pagina)
    regels = list(page.object_list)
    audit = {
        a["operation_id"]: a
        for a in AuditRegel.objects.filter(
            operation_id__in=[r.operation_id for r in regels]
        ).values("operation_id", "gebruiker_id", "rol")
    }
    resultaat = []
    for r in regels:
        a = audit.get(r.operation_id)
        if a is None or a["gebruiker_id"] is None:
            door = "systeem"
        elif a["gebruiker_id"] == user.pk:
            door = "zelf"
        else:
            door = a["rol"] if a["rol"] in DOOR_TEKST else "medewerker"
        resultaat.append(
            InzageRegel(
                op=r.start,
                activiteit=r.activiteit.naam,
                doel=r.activiteit.doel,
                operatie=r.operatie,
                door=door,
            )
        )
    return page, resultaat


def ongelezen_ids(regels: list[JournaalRegel]) -> set[int]:
    """Ids of incoming staff messages on this page that the burger has not read yet."""
    return {
        r.pk
        for r in regels
        if r.richting == Richting.UITGAAND and r.gelezen_op is None and not r.vertrouwelijk
    }
