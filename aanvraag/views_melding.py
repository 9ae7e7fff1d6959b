"""Melding aan het loket: a werkconsulent or inkomensconsulent registers a melding for someone
at the desk.

1. ``aanvraag:melding``: the BSN (POST only, checked with the 11-proef). A person we know with
   an active dossier: "heeft al een actief dossier" (a link only for who may see it). Anyone
   else: the BRP is read (purpose ``aanvraag_bijstand``, logged by the client).
2. ``aanvraag:melding_bevestigen``: the person as the BRP has them ("uit de BRP"), or as we
   know them (an ended dossier), or a form to type them when the BRP does not know the BSN or
   cannot be reached ("niet uit de BRP"). Confirming registers the melding
   (``services.registreer_melding``, kanaal loket) and opens the aanvraag page.

Between the two steps the BSN (and what the BRP said) is kept in the session, encrypted
(``bijstand.core.crypto``), never in a URL or a hidden field; it is cleared after the melding
and when a new search starts. Both pages are sent with ``Cache-Control: no-store``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.fernet import InvalidToken
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bijstand.brp.client import BrpFout, BrpPersoon, raadpleeg_persoon
from bijstand.core import crypto
from bijstand.core.forms import voeg_servicefout_toe
from bijstand.dossiers.models import Dossier, Werkzoekende
from bijstand.dossiers.scope import mag_dossier_zien

from . import selectors, services
from .forms_medewerker import BevestigForm, BsnZoekForm, HandmatigPersoonForm
from .models import AanvraagKanaal
from .selectors_medewerker import persoon_voor_bsn

SESSIE = "aanvraag:melding"
BRP_DOEL = "aanvraag_bijstand"


@dataclass
class Zoekresultaat:
    """What step 1 found; kept encrypted in the session until the melding is registered."""

    bsn: str
    persoon: int | None = None  # a Werkzoekende we know
    dossier: int | None = None  # their active dossier
    brp: dict[str, Any] | None = None  # BrpPersoon.als_dict()
    brp_fout: str = ""  # the BRP could not be reached: its Dutch message


def _bewaar(request: HttpRequest, resultaat: Zoekresultaat) -> None:
    request.session[SESSIE] = crypto.encrypt(json.dumps(asdict(resultaat)))


def _lees(request: HttpRequest) -> Zoekresultaat | None:
    token = request.session.get(SESSIE)
    if not token:
        return None
    try:
        return Zoekresultaat(**json.loads(crypto.decrypt(token)))
    except (InvalidToken, ValueError, TypeError):
        request.session.pop(SESSIE, None)
        return None


def _wis(request: HttpRequest) -> None:
    request.session.pop(SESSIE, None)


def _vereis_loket(request: HttpRequest) -> None:
    if not request.user.has_perm("aanvraag.melding_scherm"):
        raise PermissionDenied


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def melding(request: HttpRequest) -> HttpResponse:
    """Step 1: search by BSN. A GET starts afresh (clears an earlier search)."""
    _vereis_loket(request)
    if request.method == "GET":
        _wis(request)
        form = BsnZoekForm()
    else:
        form = BsnZoekForm(request.POST)
        if form.is_valid():
            _bewaar(request, _zoek(request, form.cleaned_data["bsn"]))
            return redirect("aanvraag:melding_bevestigen")
    return render(
        request, "aanvraag/melding_zoeken.html", {"form": form, "actieve_sectie": "melding"}
    )


def _zoek(request: HttpRequest, bsn: str) -> Zoekresultaat:
    bekend = persoon_voor_bsn(bsn=bsn, user=request.user, request=request)
    resultaat = Zoekresultaat(bsn=bsn)
    if bekend is not None:
        resultaat.persoon = bekend.werkzoekende.pk
        if bekend.actief_dossier is not None:
            resultaat.dossier = bekend.actief_dossier.pk
            return resultaat  # nothing to register: no BRP read needed
    try:
        gevonden = raadpleeg_persoon(bsn, doel=BRP_DOEL, actor=request.user, request=request)
    except BrpFout as fout:
        resultaat.brp_fout = str(fout)
    else:
        resultaat.brp = gevonden.als_dict() if gevonden is not None else None
    return resultaat


def _brp_persoon(resultaat: Zoekresultaat) -> BrpPersoon | None:
    return BrpPersoon.uit_dict(resultaat.brp) if resultaat.brp else None


def _persoon_uit_brp(brp: BrpPersoon) -> dict[str, Any]:
    """The new Werkzoekende's data from the BRP (empty values left to the model's default)."""
    velden = {
        "voornamen": brp.voornamen,
        "tussenvoegsel": brp.voorvoegsel,
        "achternaam": brp.geslachtsnaam,
        "geboortedatum": brp.geboortedatum,
        "straat": brp.straat,
        "huisnummer": brp.huisnummer,
        "postcode": brp.postcode,
        "woonplaats": brp.woonplaats,
    }
    return {k: v for k, v in velden.items() if v not in ("", None)}


def _handmatig_initial(brp: BrpPersoon | None) -> dict[str, Any]:
    if brp is None:
        return {"woonplaats": "Rotterdam"}
    return {
        "voornamen": brp.voornamen,
        "tussenvoegsel": brp.voorvoegsel,
        "achternaam": brp.geslachtsnaam,
        "geboortedatum": brp.geboortedatum,
        "straat": brp.straat,
        "huisnummer": brp.huisnummer,
        "postcode": brp.postcode,
        "woonplaats": brp.woonplaats or "Rotterdam",
    }


def _geval(resultaat: Zoekresultaat, brp: BrpPersoon | None) -> str:
    """actief (nothing to register), bestaand (ended dossier), brp (confirm the BRP's person)
    or handmatig (the BRP does not know the BSN, is down, or gave no birth date)."""
    if resultaat.dossier is not None:
        return "actief"
    if resultaat.persoon is not None:
        return "bestaand"
    if brp is not None and brp.geboortedatum and brp.geslachtsnaam:
        return "brp"
    return "handmatig"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def melding_bevestigen(request: HttpRequest) -> HttpResponse:
    """Step 2: show what was found and register the melding (see module docstring)."""
    _vereis_loket(request)
    resultaat = _lees(request)
    if resultaat is None:
        messages.info(request, _("Zoek eerst de persoon op met het BSN."))
        return redirect("aanvraag:melding")
    brp = _brp_persoon(resultaat)
    geval = _geval(resultaat, brp)
    context: dict[str, Any] = {
        "resultaat": resultaat,
        "brp": brp,
        "geval": geval,
        "actieve_sectie": "melding",
    }
    if geval == "actief":
        return _actief_dossier(request, resultaat, context)

    persoon = (
        Werkzoekende.objects.filter(pk=resultaat.persoon).first()
        if resultaat.persoon is not None
        else None
    )
    data = request.POST if request.method == "POST" else None
    if geval == "handmatig":
        form = HandmatigPersoonForm(data, initial=_handmatig_initial(brp), prefix="persoon")
    else:
        form = BevestigForm(data)
    if request.method == "POST" and form.is_valid():
        if geval == "handmatig":
            gegevens = form.persoon()
        elif geval == "brp":
            gegevens = _persoon_uit_brp(brp)
        else:
            gegevens = None
        try:
            aanvraag = services.registreer_melding(
                bsn=resultaat.bsn,
                kanaal=AanvraagKanaal.LOKET,
                door=request.user,
                persoon=gegevens,
                brp=resultaat.brp,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            _wis(request)
            messages.success(
                request,
                _(
                    "De melding is geregistreerd op %(datum)s. Het dossier heeft een werkcoach. "
                    "Vul nu samen met de burger de aanvraag in."
                )
                % {"datum": date_format(aanvraag.melddatum, "j F Y")},
            )
            return redirect("aanvraag:detail", pk=aanvraag.pk)
    context.update({"form": form, "persoon": persoon})
    return render(request, "aanvraag/melding_bevestigen.html", context)


def _actief_dossier(
    request: HttpRequest, resultaat: Zoekresultaat, context: dict[str, Any]
) -> HttpResponse:
    """The person already has an active dossier: say so; a link only for who may see it."""
    dossier = Dossier.objects.select_related("werkzoekende").filter(pk=resultaat.dossier).first()
    aanvraag = selectors.aanvraag_van_dossier(dossier) if dossier is not None else None
    context.update(
        {
            "actief_dossier": dossier,
            "mag_dossier": dossier is not None and mag_dossier_zien(request.user, dossier),
            "open_aanvraag": aanvraag
            if aanvraag is not None
            and aanvraag.is_open
            and request.user.has_perm("aanvraag.bekijk_aanvraag", aanvraag)
            else None,
        }
    )
    return render(request, "aanvraag/melding_bevestigen.html", context)
