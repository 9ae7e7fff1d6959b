"""Reads of the staff screens of the front door: one aanvraag for a consulent (scoped, logged),
the person behind a BSN at the loket, and the read-only summary of what was filled in beside
what the BRP said.

Every read of personal data writes the dataverwerkingen log (activiteit ``aanvraag``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.core import crypto
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, Werkzoekende
from bijstand.logboek.services import log_verwerking

from .forms import STAP_FORMS
from .models import Aanvraag, Stuk
from .selectors import mag_aanvraag_behandelen
from .stappen import CHECKLIST, STAPPEN, Uitkomst

ACTIVITEIT = "aanvraag"
SOORTEN_AANVRAAG = ("identificatie", "aanvraag", "huishouden", "bankrekening", "contact")


def aanvraag_voor_medewerker(
    *,
    user: User,
    pk: int,
    request: Any = None,
    operatie: str = "bekijk_aanvraag",
    soorten_gegevens: tuple[str, ...] = SOORTEN_AANVRAAG,
) -> Aanvraag:
    """The aanvraag with what its page needs, or 404 when the user may not see it. Logged."""
    aanvraag = (
        Aanvraag.objects.select_related(
            "dossier__werkzoekende",
            "dossier__werkcoach__team",
            "dossier__inkomensconsulent",
            "aangemaakt_door",
            "besluit__genomen_door",
            "voorschot",
        )
        .prefetch_related("hersteltermijnen__door", "stukken__geupload_door")
        .filter(pk=pk)
        .first()
    )
    if aanvraag is None or not mag_aanvraag_behandelen(user, aanvraag):
        raise Http404
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie=operatie,
        subjects=[aanvraag.dossier.werkzoekende.log_subject],
        soorten_gegevens=soorten_gegevens,
        actor=user,
        request=request,
    )
    return aanvraag


def stuk_van_aanvraag(aanvraag: Aanvraag, stuk_pk: int) -> Stuk:
    stuk = next((s for s in aanvraag.stukken.all() if s.pk == stuk_pk), None)
    if stuk is None:
        raise Http404
    return stuk


def besluit_van(aanvraag: Aanvraag):
    """The besluit (select_related by :func:`aanvraag_voor_medewerker`) or None."""
    return getattr(aanvraag, "besluit", None)


def voorschot_van(aanvraag: Aanvraag):
    return getattr(aanvraag, "voorschot", None)


# --- the loket: who is this BSN? ------------------------------------------------------------


@dataclass(frozen=True)
class BekendePersoon:
    """A person we know, with their active dossier (if any)."""

    werkzoekende: Werkzoekende
    actief_dossier: Dossier | None


def persoon_voor_bsn(*, bsn: str, user: User, request: Any = None) -> BekendePersoon | None:
    """The person with this BSN (exact, keyed hash), or None. Finding someone is logged."""
    persoon = Werkzoekende.objects.filter(bsn_hash=crypto.bsn_hash(bsn)).first()
    if persoon is None:
        return None
    actief = (
        persoon.dossiers.filter(status__in=ACTIEVE_STATUSSEN)
        .select_related("werkcoach", "inkomensconsulent")
        .first()
    )
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="zoek_persoon_loket",
        subjects=[persoon.log_subject],
        soorten_gegevens=["identificatie", "dossier"],
        actor=user,
        request=request,
    )
    return BekendePersoon(werkzoekende=persoon, actief_dossier=actief)


# --- the summary of the steps ---------------------------------------------------------------


@dataclass
class Regel:
    label: str
    waarde: str
    brp: str = ""
    afwijkend: bool = False


@dataclass
class StapWeergave:
    slug: str
    titel: str
    ingevuld: bool
    door: str = ""
    op: datetime | None = None
    regels: list[Regel] = field(default_factory=list)


def _leeg() -> str:
    return "–"


def _datum_tekst(waarde: Any) -> str:
    if not waarde:
        return _leeg()
    if isinstance(waarde, str):
        try:
            waarde = date.fromisoformat(waarde)
        except ValueError:
            return waarde
    return date_format(waarde, "j F Y")


def _bedrag_tekst(waarde: Any) -> str:
    if waarde in (None, ""):
        return _leeg()
    try:
        bedrag = Decimal(str(waarde))
    except InvalidOperation:
        return str(waarde)
    tekst = f"{bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {tekst}"


def waarde_tekst(veld: forms.Field, waarde: Any) -> str:
    """A stored step value as text for the consulent (never HTML: the template escapes it)."""
    if isinstance(veld, forms.BooleanField):
        return _("Ja") if waarde else _("Nee")
    if waarde in (None, ""):
        return _leeg()
    if isinstance(veld, forms.ChoiceField):
        return str(dict(veld.choices).get(waarde, waarde))
    if isinstance(veld, forms.DateField):
        return _datum_tekst(waarde)
    if isinstance(veld, forms.DecimalField):
        return _bedrag_tekst(waarde)
    return str(waarde)


ADRES_VELDEN = ("straat", "huisnummer", "postcode", "woonplaats")


def adres_tekst(data: dict[str, Any]) -> str:
    straat = " ".join(p for p in (data.get("straat"), data.get("huisnummer")) if p)
    plaats = " ".join(p for p in (data.get("postcode"), data.get("woonplaats")) if p)
    return ", ".join(p for p in (straat, plaats) if p) or _leeg()


def _naam_en_datum(lid: dict[str, Any] | None) -> str:
    if not lid:
        return _("Geen")
    naam = lid.get("naam") or _leeg()
    if lid.get("geboortedatum"):
        return f"{naam} ({_datum_tekst(lid['geboortedatum'])})"
    return naam


def _lijst(leden: list[dict[str, Any]] | None) -> str:
    return "; ".join(_naam_en_datum(lid) for lid in leden or []) or _("Geen")


def _namen(leden: list[dict[str, Any]] | None) -> set[str]:
    return {" ".join((lid.get("naam") or "").lower().split()) for lid in leden or []}


def brp_vergelijking(aanvraag: Aanvraag) -> list[Regel]:
    """What the BRP said beside what the aanvraag says now (the dossier's person, the steps).
    Empty when the BRP was not consulted (the melding was typed in)."""
    brp = aanvraag.brp or {}
    if not brp:
        return []
    persoon = aanvraag.dossier.werkzoekende
    stap_persoon = (aanvraag.gegevens.get("persoon") or {}).get("data") or {}
    huishouden = (aanvraag.gegevens.get("huishouden") or {}).get("data")
    brp_naam = " ".join(
        p for p in (brp.get("voornamen"), brp.get("voorvoegsel"), brp.get("geslachtsnaam")) if p
    )
    brp_adres = adres_tekst(brp)
    opgegeven_adres = adres_tekst(stap_persoon) if stap_persoon.get("adres_gewijzigd") else ""
    regels = [
        Regel(_("Naam"), persoon.naam, brp_naam, brp_naam != persoon.naam),
        Regel(
            _("Geboortedatum"),
            _datum_tekst(persoon.geboortedatum),
            _datum_tekst(brp.get("geboortedatum")),
            (brp.get("geboortedatum") or "") != persoon.geboortedatum.isoformat(),
        ),
        Regel(
            _("Adres"),
            opgegeven_adres or _("Zelfde als in de BRP"),
            brp_adres,
            bool(opgegeven_adres) and opgegeven_adres != brp_adres,
        ),
    ]
    if huishouden is not None:
        partner = huishouden.get("partner")
        brp_partners = brp.get("partners") or []
        regels.append(
            Regel(
                _("Partner"),
                _naam_en_datum(partner),
                _lijst(brp_partners),
                _namen([partner] if partner else []) != _namen(brp_partners),
            )
        )
        kinderen = huishouden.get("kinderen") or []
        brp_kinderen = brp.get("kinderen") or []
        regels.append(
            Regel(
                _("Kinderen"),
                _lijst(kinderen),
                _lijst(brp_kinderen),
                _namen(kinderen) != _namen(brp_kinderen),
            )
        )
    return regels


def _gebruikers(aanvraag: Aanvraag) -> dict[int, User]:
    pks = {w.get("door") for w in aanvraag.gegevens.values() if isinstance(w, dict)}
    pks.discard(None)
    return {u.pk: u for u in User.objects.filter(pk__in=pks)} if pks else {}


def _door_tekst(user: User | None) -> str:
    if user is None:
        return ""
    if user.rol == Rol.BURGER:
        return _("de burger, in het portaal")
    return user.get_full_name() or user.username


def _huishouden_regels(data: dict[str, Any]) -> list[Regel]:
    regels = [Regel(_("Partner"), _naam_en_datum(data.get("partner")))]
    regels.append(Regel(_("Kinderen"), _lijst(data.get("kinderen"))))
    medebewoners = []
    for mb in data.get("medebewoners") or []:
        kenmerken = [
            label
            for sleutel, label in (
                ("familie", _("familie")),
                ("student", _("student")),
                ("commerciele_huur", _("betaalt huur")),
            )
            if mb.get(sleutel)
        ]
        tekst = _naam_en_datum(mb)
        medebewoners.append(f"{tekst}: {', '.join(kenmerken)}" if kenmerken else tekst)
    regels.append(Regel(_("Medebewoners"), "; ".join(medebewoners) or _("Geen")))
    return regels


def stappen_weergave(aanvraag: Aanvraag) -> list[StapWeergave]:
    """Per step what was filled in (read-only), by whom and when."""
    gebruikers = _gebruikers(aanvraag)
    uit: list[StapWeergave] = []
    for stap in STAPPEN:
        opgeslagen = aanvraag.gegevens.get(stap.slug)
        weergave = StapWeergave(stap.slug, str(stap.titel), opgeslagen is not None)
        if opgeslagen is None:
            uit.append(weergave)
            continue
        weergave.door = _door_tekst(gebruikers.get(opgeslagen.get("door")))
        try:
            weergave.op = datetime.fromisoformat(opgeslagen.get("op") or "")
        except ValueError:
            weergave.op = None
        data = opgeslagen.get("data") or {}
        if stap.slug == "huishouden":
            weergave.regels = _huishouden_regels(data)
        elif stap.slug in STAP_FORMS:
            velden = STAP_FORMS[stap.slug]().fields
            for naam, veld in velden.items():
                if (
                    stap.slug == "persoon"
                    and naam in ADRES_VELDEN
                    and not data.get("adres_gewijzigd")
                ):
                    continue
                weergave.regels.append(Regel(str(veld.label), waarde_tekst(veld, data.get(naam))))
        uit.append(weergave)
    return uit


@dataclass
class ChecklistRegel:
    code: str
    label: str
    uitkomst: str | None
    uitkomst_tekst: str
    toelichting: str
    door: str
    op: datetime | None


def checklist_weergave(aanvraag: Aanvraag) -> list[ChecklistRegel]:
    keuzes = dict(Uitkomst.KEUZES)
    uit = []
    for code, label in CHECKLIST:
        item = aanvraag.checklist.get(code) or {}
        try:
            op = datetime.fromisoformat(item["op"]) if item.get("op") else None
        except ValueError:
            op = None
        uitkomst = item.get("uitkomst")
        uit.append(
            ChecklistRegel(
                code=code,
                label=str(label),
                uitkomst=uitkomst,
                uitkomst_tekst=str(keuzes.get(uitkomst, _("Nog niet beoordeeld"))),
                toelichting=item.get("toelichting", ""),
                door=item.get("door_naam", ""),
                op=op,
            )
        )
    return uit
