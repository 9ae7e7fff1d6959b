"""The beschikking of a besluit: the letter (PDF with WeasyPrint), sending it, reading it.

:func:`maak_en_verzend` is called by ``behandeling.neem_besluit`` inside its transaction, once the
:class:`~aanvraag.models.Besluit` row exists:

1. ``besluit.toelichting`` gets what the letter explains, amounts with their inputs and rules
   (:mod:`aanvraag.beschikking_toelichting`);
2. the letter is rendered in B1 Dutch (``templates/aanvraag/beschikking/brief.html``) and
   converted to a tagged PDF (PDF/UA-1, readable with a screen reader). As in
   ``inkomen.pdf`` nothing is fetched over the network: the URL fetcher allows ``data:`` only.
   Every text a person typed (motivering, names, the stukken asked for) is escaped by the
   template; the BSN is shown masked (last three digits);
3. sending (art. 2:14 Awb): ``verzendwijze`` was set by ``neem_besluit`` (electronic only when
   the burger chose it). ``verzonden_op`` is today (``tijd.vandaag()``). For post this is the
   day the letter is handed to the post street (postkamer): it is printed with that date the
   same working day. Should it actually leave a day later, the bezwaartermijn (6:8 Awb) runs
   from that later day; the date in the letter then errs on the burger's safe side (an earlier
   last day). For electronic sending it is the day the letter is in the portal ("Mijn
   brieven") and the burger gets a portal message. ``bezwaar_tot`` follows from
   ``termijnen.bezwaartermijn_einde`` (6 weeks from the day after sending, moved past weekends
   and public holidays). The PDF goes to private storage with its SHA-256.

Idempotent: a besluit whose ``pdf_sha256`` is set is returned unchanged. Should the transaction
roll back after the PDF was written, the file (random name, private storage) stays behind
unreferenced; nothing points to it.

Reading (staff download, the burger's "Mijn brieven") goes through :func:`besluit_voor_medewerker`,
:func:`besluiten_van_burger`, :func:`besluit_van_burger` and :func:`lees_pdf`, which write the
dataverwerkingen log.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.dossiers.scope import mag_dossier_zien
from bijstand.logboek.services import log_verwerking

from . import selectors, termijnen
from .beschikking_toelichting import maak_toelichting
from .models import Besluit, BesluitSoort, Verzendwijze

ACTIVITEIT = "aanvraag"
TEMPLATE = "aanvraag/beschikking/brief.html"
STIJL = "aanvraag/beschikking/brief.css"
AFDELING = "Werk en Inkomen"
# [U] data to confirm by the gemeente (bezwaar desk): where a bezwaarschrift goes by post and
# the website where it can be made online with DigiD. Overridable in the settings.
BEZWAAR_POSTADRES = ("Postbus 70012", "3000 KP Rotterdam")
BEZWAAR_WEBSITE = "www.rotterdam.nl"
MEDEWERKER_ROLLEN = (Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER)
# the calculation core's leefvorm -> "de norm voor ..." in the letter
NORM_VOOR = {
    "alleenstaande": gettext_lazy("een alleenstaande"),
    "alleenstaande ouder": gettext_lazy("een alleenstaande ouder"),
    "gehuwden": gettext_lazy("gehuwden en samenwonenden"),
}


# --------------------------------------------------------------------------------------------
# making and sending


def maak_en_verzend(*, besluit: Besluit, door: User) -> Besluit:
    """Explain, render, store and send the beschikking of ``besluit`` (module docstring).
    The given instance is updated as well (the caller may go on with it)."""
    gegeven = besluit
    with transaction.atomic():
        besluit = (
            Besluit.objects.select_for_update(of=("self",))
            .select_related("aanvraag__dossier__werkzoekende", "genomen_door")
            .get(pk=besluit.pk)
        )
        if besluit.pdf_sha256:
            neem_over(gegeven, besluit)
            return besluit
        aanvraag = besluit.aanvraag
        dossier = aanvraag.dossier
        verzonden_op = tijd.vandaag()
        besluit.toelichting = maak_toelichting(besluit, verzonden_op=verzonden_op)
        besluit.verzonden_op = verzonden_op
        besluit.bezwaar_tot = termijnen.bezwaartermijn_einde(verzonden_op)
        pdf = maak_pdf(besluit)
        besluit.pdf.save("beschikking.pdf", ContentFile(pdf), save=False)
        besluit.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        besluit.save(
            update_fields=["toelichting", "verzonden_op", "bezwaar_tot", "pdf", "pdf_sha256"]
        )
        if besluit.verzendwijze == Verzendwijze.ELEKTRONISCH:
            dossier_services.stuur_bericht_aan_burger(
                dossier=dossier,
                afzender=door,
                onderwerp=_("Er is een nieuwe brief voor u"),
                tekst=_(
                    "Wij hebben een besluit genomen over uw aanvraag bijstand. De brief staat "
                    "voor u klaar onder 'Mijn brieven'. Lees de brief goed. Bent u het niet eens "
                    "met het besluit? Dan kunt u bezwaar maken tot en met %(datum)s."
                )
                % {"datum": _datum_tekst(besluit.bezwaar_tot)},
            )
        else:
            JournaalRegel.objects.create(
                dossier=dossier,
                soort=JournaalSoort.STATUS,
                tekst=_(
                    "Beschikking (%(soort)s) per post verzonden op %(datum)s; bezwaar mogelijk "
                    "tot en met %(bezwaar)s."
                )
                % {
                    "soort": besluit.get_soort_display().lower(),
                    "datum": _datum_tekst(verzonden_op),
                    "bezwaar": _datum_tekst(besluit.bezwaar_tot),
                },
                auteur=door,
            )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="verzend_beschikking",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["identificatie", "adres", "besluit", "huishouden"],
            actor=door,
        )
    neem_over(gegeven, besluit)
    return besluit


VELDEN = ("toelichting", "verzonden_op", "bezwaar_tot", "pdf", "pdf_sha256")


def neem_over(doel: Any, bron: Any, velden: tuple[str, ...] = VELDEN) -> None:
    """Copy what sending set (``velden``) from the locked row to the caller's instance."""
    if doel is bron:
        return
    for veld in velden:
        setattr(doel, veld, getattr(bron, veld))


def _datum_tekst(dag: date | None) -> str:
    if dag is None:
        return ""
    with translation.override("nl"):
        return date_format(dag, "j F Y")


def maak_pdf(besluit: Besluit) -> bytes:
    """The letter of ``besluit`` as PDF bytes (always Dutch)."""
    with translation.override("nl"):
        html = render_to_string(TEMPLATE, brief_context(besluit))
    return html_naar_pdf(html, render_to_string(STIJL))


def html_naar_pdf(html: str, css: str = "") -> bytes:
    """Like ``inkomen.pdf.render_pdf`` (no network: ``data:`` URLs only) but a tagged PDF/UA-1,
    so a screen reader can read the letter. The styles come as a separate stylesheet: the HTML
    carries no ``<style>`` element or attribute (the CSP rule for every template)."""
    from weasyprint import CSS, HTML  # imported lazily: loads pango at first use only
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    stijlen = [CSS(string=css, url_fetcher=fetcher)] if css else []
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=stijlen, pdf_variant="pdf/ua-1"
    )


# --------------------------------------------------------------------------------------------
# the letter's context (from the stored toelichting, so the letter can be made again)


def bsn_gemaskeerd(bsn: str) -> str:
    """Only the last three digits: ``******782``."""
    bsn = (bsn or "").strip()
    return f"******{bsn[-3:]}" if len(bsn) >= 3 else ""


def kenmerk(besluit: Besluit) -> str:
    return f"WI-B-{besluit.aanvraag_id}-{besluit.pk}"


def _postcode(postcode: str) -> str:
    compact = (postcode or "").replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else postcode


def _d(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _maand(waarde: str) -> date:
    return date.fromisoformat(f"{waarde}-01")


def _toekenning_context(t: dict[str, Any]) -> dict[str, Any]:
    maanden = []
    for rij in t.get("maanden", []):
        deel = rij.get("deelmaand")
        maanden.append(
            {
                **rij,
                "maand": _maand(rij["maand"]),
                "betaaldatum": _d(rij["betaaldatum"]),
                "nabetaling": bool(rij.get("nabetaling")),
                "deelmaand": (
                    {
                        **deel,
                        "recht_vanaf": _d(deel["recht_vanaf"]),
                        "recht_tot": _d(deel["recht_tot"]),
                    }
                    if deel
                    else None
                ),
            }
        )
    norm = t["norm"]
    return {
        **t,
        "norm_voor": NORM_VOOR.get(norm.get("leefvorm", ""), norm.get("leefvorm", "")),
        "ingangsdatum": _d(t["ingangsdatum"]),
        "norm": {**norm, "maand": _maand(norm["maand"])},
        "maanden": maanden,
        "eerste": maanden[0] if maanden else None,
        "per_maand": {**t["per_maand"], "maand": _maand(t["per_maand"]["maand"])},
        "meer_maanden": len(maanden) > 1,
        "met_nabetaling": any(m["nabetaling"] for m in maanden),
        "kostendelers_mee": int(norm.get("medebewoners_kostendeler", 0)),
    }


def _bedrag(gegevens: dict[str, Any] | None, sleutel: str) -> Decimal:
    waarde = (gegevens or {}).get(sleutel)
    return Decimal(waarde) if waarde else Decimal("0")


def brief_context(besluit: Besluit) -> dict[str, Any]:
    """Everything the template shows, as plain values (texts are escaped by the template)."""
    aanvraag = besluit.aanvraag
    persoon = aanvraag.dossier.werkzoekende
    t = besluit.toelichting or {}
    grond = t.get("grond") or {}
    herstel = grond.get("hersteltermijn")
    voorschot = t.get("voorschot")
    door = besluit.genomen_door
    return {
        "gemeente": settings.GEMEENTE_NAAM,
        "afdeling": AFDELING,
        "besluit": besluit,
        "soort": besluit.soort,
        "is_toekenning": besluit.soort == BesluitSoort.TOEKENNING,
        "is_afwijzing": besluit.soort == BesluitSoort.AFWIJZING,
        "is_buiten_behandeling": besluit.soort == BesluitSoort.BUITEN_BEHANDELING,
        "naam": persoon.naam,
        "adresregels": [
            r
            for r in (
                " ".join(p for p in (persoon.straat, persoon.huisnummer) if p),
                " ".join(p for p in (_postcode(persoon.postcode), persoon.woonplaats) if p),
            )
            if r.strip()
        ],
        "bsn": bsn_gemaskeerd(persoon.bsn),
        "kenmerk": kenmerk(besluit),
        "datum": besluit.verzonden_op,
        "melddatum": aanvraag.melddatum,
        "motivering": besluit.motivering,
        "toekenning": _toekenning_context(t) if besluit.soort == BesluitSoort.TOEKENNING else None,
        "hersteltermijn": (
            {
                "gevraagd": herstel["gevraagd"],
                "verzocht_op": _d(herstel["verzocht_op"]),
                "termijn_tot": _d(herstel["termijn_tot"]),
            }
            if herstel
            else None
        ),
        "grond_artikel": grond.get("artikel", ""),
        "voorschot": voorschot,
        # refused with a voorschot: claimed back when it reached the bank, else cancelled
        "voorschot_terug": _bedrag(voorschot, "teruggevorderd"),
        "voorschot_geannuleerd": _bedrag(voorschot, "geannuleerd"),
        "bezwaar_tot": besluit.bezwaar_tot,
        "bezwaar_weken": termijnen.BEZWAARTERMIJN_WEKEN,
        "bezwaar_postadres": getattr(settings, "AANVRAAG_BEZWAAR_POSTADRES", BEZWAAR_POSTADRES),
        "bezwaar_website": getattr(settings, "AANVRAAG_BEZWAAR_WEBSITE", BEZWAAR_WEBSITE),
        "elektronisch": besluit.verzendwijze == Verzendwijze.ELEKTRONISCH,
        "telefoon": getattr(settings, "PORTAAL_TELEFOON", "14 010"),
        "ondertekend_door": door.get_full_name() if door else "",
    }


# --------------------------------------------------------------------------------------------
# reading


def mag_beschikking_zien(user: User, besluit: Besluit) -> bool:
    """Staff who may handle the aanvraag or see the dossier (never a burger: see
    :func:`besluit_van_burger` for the portal)."""
    if getattr(user, "rol", None) not in MEDEWERKER_ROLLEN:
        return False
    aanvraag = besluit.aanvraag
    return selectors.mag_aanvraag_behandelen(user, aanvraag) or mag_dossier_zien(
        user, aanvraag.dossier
    )


def besluit_voor_medewerker(user: User, pk: int) -> Besluit | None:
    """The besluit when ``user`` may read it, else None (the caller answers 404)."""
    besluit = (
        Besluit.objects.select_related("aanvraag__dossier__werkzoekende").filter(pk=pk).first()
    )
    if besluit is None or not mag_beschikking_zien(user, besluit):
        return None
    return besluit


def besluiten_van_burger(user: User, *, request: Any = None) -> QuerySet[Besluit]:
    """The burger's sent beschikkingen, newest first (logged: the list shows them)."""
    qs = selectors.besluiten_van_burger(user).order_by("-verzonden_op", "-genomen_op", "-pk")
    persoon = getattr(user, "werkzoekende", None)
    if persoon is not None:
        log_verwerking(
            activiteit="portaal",
            operatie="portaal_bekijk_besluiten",
            subjects=[persoon.log_subject],
            soorten_gegevens=["besluit"],
            actor=user,
            request=request,
        )
    return qs


def besluit_van_burger(user: User, pk: int) -> Besluit | None:
    """One of the burger's own sent beschikkingen, or None (someone else's: None too)."""
    return (
        selectors.besluiten_van_burger(user)
        .select_related("aanvraag__dossier__werkzoekende")
        .filter(pk=pk)
        .first()
    )


def lees_brief(
    *,
    brief: Besluit | Any,
    soort: str,
    door: User,
    request: Any = None,
    activiteit: str,
    operatie: str,
) -> bytes | None:
    """The stored PDF of a letter (a Besluit or a Hersteltermijn: ``pdf`` and ``aanvraag``),
    None when it is missing; the read logged with ``soort`` as the kind of data."""
    if not brief.pdf:
        return None
    try:
        with brief.pdf.open("rb") as bestand:
            data = bestand.read()
    except FileNotFoundError:
        return None
    log_verwerking(
        activiteit=activiteit,
        operatie=operatie,
        subjects=[brief.aanvraag.dossier.werkzoekende.log_subject],
        soorten_gegevens=["identificatie", "adres", soort],
        actor=door,
        request=request,
    )
    return data


def lees_pdf(
    *, besluit: Besluit, door: User, request: Any = None, activiteit: str, operatie: str
) -> bytes | None:
    """The stored beschikking (None when it is missing), the read logged."""
    return lees_brief(
        brief=besluit,
        soort="besluit",
        door=door,
        request=request,
        activiteit=activiteit,
        operatie=operatie,
    )


def bestandsnaam(besluit: Besluit) -> str:
    dag = besluit.verzonden_op or tijd.vandaag()
    return f"besluit-{dag:%Y-%m-%d}-{besluit.pk}.pdf"
