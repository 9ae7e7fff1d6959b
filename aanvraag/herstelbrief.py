"""The hersteltermijn letter "Verzoek om aanvullende gegevens" (art. 4:5 Awb): making, sending,
reading.

:func:`maak_en_verzend_herstelbrief` is called by ``behandeling.vraag_stukken_op`` inside its
transaction, right after the :class:`~aanvraag.models.Hersteltermijn` row exists:

1. the letter is rendered in B1 Dutch (``templates/aanvraag/beschikking/herstelbrief.html``,
   styled by the beschikking's ``brief.css``) and converted to a tagged PDF with
   :func:`aanvraag.beschikking.html_naar_pdf` (no network). What is asked for (typed by the
   consulent) is escaped by the template; the BSN is masked. It says what is needed, by when,
   how to send it, that the aanvraag may be "buiten behandeling" gesteld when it does not come
   in time (4:5) and that the beslistermijn stands still meanwhile (4:15). It is no besluit:
   no bezwaarclausule;
2. sending (2:14 Awb): electronic when the burger chose it (``Aanvraag.elektronisch``), else by
   post (a journal line). ``verzonden_op`` is today. The portal message itself is sent by
   ``vraag_stukken_op`` (it names the letter when electronic). The PDF goes to private storage
   with its SHA-256.

Idempotent: a hersteltermijn whose ``pdf_sha256`` is set is returned unchanged. Should the
transaction roll back after the PDF was written, the file (random name, private storage) stays
behind unreferenced.

Reading (staff download, the burger's "Mijn aanvraag") goes through
:func:`herstelbrief_voor_medewerker`, :func:`herstelbrief_van_burger` and
:func:`lees_herstelbrief`, which writes the dataverwerkingen log.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.dossiers.scope import mag_dossier_zien
from bijstand.logboek.services import log_verwerking

from . import beschikking, selectors
from .beschikking import (
    ACTIVITEIT,
    AFDELING,
    MEDEWERKER_ROLLEN,
    STIJL,
    _datum_tekst,
    _postcode,
    bsn_gemaskeerd,
    html_naar_pdf,
)
from .models import Hersteltermijn, Verzendwijze

TEMPLATE = "aanvraag/beschikking/herstelbrief.html"
# [U] data to confirm by the gemeente (aanvraag team): where stukken go by post. Overridable in
# the settings (AANVRAAG_STUKKEN_POSTADRES).
STUKKEN_POSTADRES = ("Postbus 70012", "3000 KP Rotterdam")
VELDEN = ("pdf", "pdf_sha256", "verzendwijze", "verzonden_op")


# --------------------------------------------------------------------------------------------
# making and sending


def maak_en_verzend_herstelbrief(*, hersteltermijn: Hersteltermijn, door: User) -> Hersteltermijn:
    """Render, store and send the letter of ``hersteltermijn`` (module docstring). The given
    instance is updated as well."""
    gegeven = hersteltermijn
    with transaction.atomic():
        h = (
            Hersteltermijn.objects.select_for_update(of=("self",))
            .select_related("aanvraag__dossier__werkzoekende", "door")
            .get(pk=hersteltermijn.pk)
        )
        if h.pdf_sha256:
            beschikking.neem_over(gegeven, h, VELDEN)
            return h
        aanvraag = h.aanvraag
        dossier = aanvraag.dossier
        h.verzendwijze = Verzendwijze.ELEKTRONISCH if aanvraag.elektronisch else Verzendwijze.POST
        h.verzonden_op = tijd.vandaag()
        pdf = maak_pdf(h)
        h.pdf.save("herstelbrief.pdf", ContentFile(pdf), save=False)
        h.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        h.save(update_fields=list(VELDEN))
        if h.verzendwijze == Verzendwijze.POST:
            JournaalRegel.objects.create(
                dossier=dossier,
                soort=JournaalSoort.STATUS,
                tekst=_(
                    "Verzoek om aanvullende gegevens per post verzonden op %(datum)s; "
                    "aanleveren uiterlijk %(tot)s."
                )
                % {"datum": _datum_tekst(h.verzonden_op), "tot": _datum_tekst(h.termijn_tot)},
                auteur=door,
            )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="verzend_herstelbrief",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["identificatie", "adres", "aanvraag"],
            actor=door,
        )
    beschikking.neem_over(gegeven, h, VELDEN)
    return h


def kenmerk(hersteltermijn: Hersteltermijn) -> str:
    return f"WI-H-{hersteltermijn.aanvraag_id}-{hersteltermijn.pk}"


def maak_pdf(hersteltermijn: Hersteltermijn) -> bytes:
    """The letter as PDF bytes (always Dutch)."""
    with translation.override("nl"):
        html = render_to_string(TEMPLATE, brief_context(hersteltermijn))
    return html_naar_pdf(html, render_to_string(STIJL))


def brief_context(h: Hersteltermijn) -> dict[str, Any]:
    """Everything the template shows, as plain values (texts are escaped by the template)."""
    aanvraag = h.aanvraag
    persoon = aanvraag.dossier.werkzoekende
    return {
        "gemeente": settings.GEMEENTE_NAAM,
        "afdeling": AFDELING,
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
        "kenmerk": kenmerk(h),
        "datum": h.verzonden_op,
        "aangevraagd_op": aanvraag.ontvangen_op or aanvraag.melddatum,
        "gevraagd": h.gevraagd,
        "termijn_tot": h.termijn_tot,
        "elektronisch": h.verzendwijze == Verzendwijze.ELEKTRONISCH,
        "postadres": getattr(settings, "AANVRAAG_STUKKEN_POSTADRES", STUKKEN_POSTADRES),
        "telefoon": getattr(settings, "PORTAAL_TELEFOON", "14 010"),
        "ondertekend_door": h.door.get_full_name() if h.door_id else "",
    }


# --------------------------------------------------------------------------------------------
# reading


def mag_herstelbrief_zien(user: User, hersteltermijn: Hersteltermijn) -> bool:
    """The same staff as the beschikking: who may handle the aanvraag or see the dossier."""
    if getattr(user, "rol", None) not in MEDEWERKER_ROLLEN:
        return False
    aanvraag = hersteltermijn.aanvraag
    return selectors.mag_aanvraag_behandelen(user, aanvraag) or mag_dossier_zien(
        user, aanvraag.dossier
    )


def herstelbrief_voor_medewerker(user: User, pk: int) -> Hersteltermijn | None:
    """The hersteltermijn when ``user`` may read its letter, else None (the caller: 404)."""
    h = (
        Hersteltermijn.objects.select_related("aanvraag__dossier__werkzoekende")
        .filter(pk=pk)
        .first()
    )
    if h is None or not mag_herstelbrief_zien(user, h):
        return None
    return h


def herstelbrief_van_burger(user: User, pk: int) -> Hersteltermijn | None:
    """One of the burger's own sent letters, or None (someone else's: None too)."""
    if getattr(user, "rol", None) != Rol.BURGER:
        return None
    return (
        Hersteltermijn.objects.filter(
            pk=pk, aanvraag__dossier__werkzoekende__account=user, verzonden_op__isnull=False
        )
        .exclude(pdf_sha256="")
        .select_related("aanvraag__dossier__werkzoekende")
        .first()
    )


def lees_herstelbrief(
    *,
    hersteltermijn: Hersteltermijn,
    door: User,
    request: Any = None,
    activiteit: str,
    operatie: str,
) -> bytes | None:
    """The stored letter (None when it is missing), the read logged."""
    return beschikking.lees_brief(
        brief=hersteltermijn,
        soort="aanvraag",
        door=door,
        request=request,
        activiteit=activiteit,
        operatie=operatie,
    )


def bestandsnaam(hersteltermijn: Hersteltermijn) -> str:
    dag = hersteltermijn.verzonden_op or hersteltermijn.verzocht_op
    return f"verzoek-om-gegevens-{dag:%Y-%m-%d}-{hersteltermijn.pk}.pdf"
