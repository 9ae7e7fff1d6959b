"""Burgerportaal: "Bijstand aanvragen" (the melding) and "Mijn aanvraag" (issue 12), in B1 Dutch.

- ``portaal:aanvraag_start``: what happens and what you need; the button "Ik meld mij voor
  bijstand" reads the BRP and registers the melding (today) through
  ``services.meld_voor_bijstand``, which also links the DigiD account to the new Werkzoekende.
  Someone who logged in with DigiD without a dossier sees only this page (``burger_vereist``
  sends every other page here). With a concept aanvraag it shows "Verder met uw aanvraag" and
  which steps are done.
- the steps: ``aanvraag_stap_views``;
- ``portaal:aanvraag_verstuurd``: what happens next after sending;
- ``portaal:aanvraag``: the status, the decision date, requested stukken (with an upload form)
  and the stukken sent.

The plain BSN for the melding comes from the DigiD login: kept encrypted in the server-side
session for an account without a Werkzoekende only, and dropped once the melding is registered
(see ``bijstand.portaal.backends`` for why and how); for a known person it is the Werkzoekende's
own (encrypted at rest). Only the burger's own aanvraag, never named in a URL; every page reads
it through ``eigen_dossier`` (scope and the dataverwerkingen log, activiteit "portaal").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aanvraag import beleid as aanvraagbeleid
from aanvraag import selectors as aanvraag_selectors
from aanvraag import services as aanvraag_services
from aanvraag.models import Aanvraag, AanvraagStatus
from aanvraag.stappen import STAPPEN
from bijstand.brp.client import BrpFout, raadpleeg_persoon
from bijstand.core import tijd
from bijstand.core.forms import voeg_servicefout_toe
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import actief_dossier_van_burger

from . import aanvraag_weergave as weergave
from . import services
from .backends import digid_bsn, vergeet_digid_bsn
from .eigen import eigen_dossier
from .views import burger_ingelogd

ACTIVITEIT = "portaal"
INTREKBAAR = (AanvraagStatus.CONCEPT, AanvraagStatus.INGEDIEND, AanvraagStatus.OPGESCHORT)
SOORTEN = ("identificatie", "aanvraag")
BRP_DOEL = "aanvraag_bijstand"


# --- the burger's own aanvraag -----------------------------------------------------------------


def eigen_aanvraag(
    request: HttpRequest, operatie: str = "portaal_bekijk_aanvraag"
) -> Aanvraag | None:
    """The aanvraag of the burger's own (most recent) dossier, read and logged; None without."""
    if getattr(request, "werkzoekende", None) is None:
        return None
    dossier = eigen_dossier(request, operatie, SOORTEN, activiteit=ACTIVITEIT)
    if dossier is None:
        return None
    return aanvraag_selectors.aanvraag_van_dossier(dossier)


def heeft_actief_dossier(request: HttpRequest) -> bool:
    if getattr(request, "werkzoekende", None) is None:
        return False
    dossier: Dossier | None = actief_dossier_van_burger(user=request.user)
    return dossier is not None and dossier.is_actief


def geen_aanvraag(request: HttpRequest) -> HttpResponse:
    """No aanvraag to show: whoever may apply goes to the start page; someone with another
    active dossier (an uitkering without an aanvraag here) has nothing to see: 404."""
    if heeft_actief_dossier(request):
        raise Http404
    return redirect("portaal:aanvraag_start")


def eerste_open_stap(aanvraag: Aanvraag) -> str:
    for s in STAPPEN:
        if s.slug not in aanvraag.gegevens and s.slug != "verklaring":
            return s.slug
    return "verklaring"


def _telefoon() -> str:
    return settings.PORTAAL_TELEFOON


def _brp_fout_tekst() -> str:
    return _(
        "We kunnen uw gegevens nu niet ophalen. Probeer het later opnieuw of bel %(telefoon)s."
    ) % {"telefoon": _telefoon()}


def _jongeren(vandaag: date) -> dict[str, Any]:
    """The search period for jongeren under 27 (policy as data), for the explanation."""
    try:
        beleid = aanvraagbeleid.beleid_op(vandaag)
    except ValidationError:
        return {}
    return {
        "leeftijd": beleid.jongeren_tot_leeftijd,
        "weken": beleid.zoektermijn_jongeren_weken,
        "vanaf": vandaag + timedelta(weeks=beleid.zoektermijn_jongeren_weken),
    }


# --- start (the melding) -----------------------------------------------------------------------


def _start_context(request: HttpRequest, aanvraag: Aanvraag | None) -> dict[str, Any]:
    vandaag = tijd.vandaag()
    context: dict[str, Any] = {
        "nav": "aanvraag",
        "aanvraag": aanvraag,
        "jongeren": _jongeren(vandaag),
        "vandaag": vandaag,
        "zonder_dossier": request.werkzoekende is None,
    }
    if aanvraag is not None and aanvraag.status == AanvraagStatus.CONCEPT:
        context["modus"] = "verder"
        context["stappen"] = weergave.stappen_navigatie(aanvraag)
        context["verder_url"] = weergave.stap_url(eerste_open_stap(aanvraag))
    elif heeft_actief_dossier(request):
        context["modus"] = "al_dossier"
    else:
        context["modus"] = "melden"
    return context


@require_http_methods(["GET", "POST"])
@burger_ingelogd
def aanvraag_start(request: HttpRequest) -> HttpResponse:
    aanvraag = eigen_aanvraag(request)
    if aanvraag is not None and aanvraag.status in (
        AanvraagStatus.INGEDIEND,
        AanvraagStatus.OPGESCHORT,
    ):
        return redirect("portaal:aanvraag")
    if aanvraag is not None and not aanvraag.dossier.is_actief:
        aanvraag = None  # decided and closed: the burger may report again
    context = _start_context(request, aanvraag)
    if request.method == "GET":
        return render(request, "portaal/aanvraag/start.html", context)
    if context["modus"] == "verder":  # double submit, or back and submit again
        return redirect(context["verder_url"])
    if context["modus"] != "melden":
        return redirect("portaal:aanvraag_start")
    return _meld(request, context)


def _meld(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    werkzoekende = request.werkzoekende
    bsn = werkzoekende.bsn if werkzoekende is not None else digid_bsn(request)
    if not bsn:
        auth.logout(request)
        messages.info(
            request,
            _("Log opnieuw in met DigiD. Daarna kunt u zich melden voor bijstand."),
        )
        return redirect(f"{reverse('portaal:login')}?next={reverse('portaal:aanvraag_start')}")
    try:
        brp = raadpleeg_persoon(bsn, doel=BRP_DOEL, actor=request.user, request=request)
    except BrpFout:
        brp = None
    if brp is None:
        context["fouten"] = [_brp_fout_tekst()]
        return render(request, "portaal/aanvraag/start.html", context)
    try:
        aanvraag = services.meld_voor_bijstand(user=request.user, bsn=bsn, brp=brp, request=request)
    except ValidationError as exc:
        context["fouten"] = exc.messages
        return render(request, "portaal/aanvraag/start.html", context)
    vergeet_digid_bsn(request)
    messages.success(
        request,
        _(
            "Uw melding is ontvangen op %(datum)s. Vul nu uw aanvraag in. U kunt tussendoor "
            "stoppen: wat u invult, bewaren wij."
        )
        % {"datum": date_format(aanvraag.melddatum, "j F Y")},
    )
    return redirect(weergave.stap_url(eerste_open_stap(aanvraag)))


# --- after sending -----------------------------------------------------------------------------


@require_GET
@burger_ingelogd
def aanvraag_verstuurd(request: HttpRequest) -> HttpResponse:
    aanvraag = eigen_aanvraag(request)
    if aanvraag is None:
        return geen_aanvraag(request)
    if aanvraag.status == AanvraagStatus.CONCEPT:
        return redirect("portaal:aanvraag_start")
    termijnen = aanvraag_selectors.termijnen_van(aanvraag, heeft_voorschot=False)
    return render(
        request,
        "portaal/aanvraag/verstuurd.html",
        {
            "nav": "aanvraag",
            "aanvraag": aanvraag,
            "termijnen": termijnen,
            "werkcoach": aanvraag.dossier.werkcoach,
        },
    )


# --- "Mijn aanvraag" ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@burger_ingelogd
def aanvraag_status(request: HttpRequest) -> HttpResponse:
    aanvraag = eigen_aanvraag(request)
    if aanvraag is None:
        if request.method == "GET" and heeft_actief_dossier(request):
            # the menu item is there for everyone: say so instead of a 404
            return render(request, "portaal/aanvraag/geen.html", {"nav": "aanvraag"})
        return geen_aanvraag(request)
    kan_sturen = aanvraag.status in (AanvraagStatus.INGEDIEND, AanvraagStatus.OPGESCHORT)
    form = weergave.stuk_form(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        if not kan_sturen:
            messages.info(request, _("Bij deze aanvraag kunt u geen stukken meer sturen."))
            return redirect("portaal:aanvraag")
        if form.is_valid():
            try:
                aanvraag_services.voeg_stuk_toe(
                    aanvraag=aanvraag,
                    soort=form.cleaned_data["soort"],
                    bestand=form.cleaned_data["bestand"],
                    omschrijving=form.cleaned_data.get("omschrijving") or "",
                    door=request.user,
                )
            except ValidationError as exc:
                voeg_servicefout_toe(form, exc)
            else:
                messages.success(
                    request,
                    _("Dank u wel. Wij hebben uw bewijsstuk ontvangen."),
                )
                return redirect("portaal:aanvraag")
    termijnen = aanvraag_selectors.termijnen_van(aanvraag, heeft_voorschot=False)
    open_herstel = [h for h in aanvraag.hersteltermijnen.all() if h.is_open]
    stukken = list(aanvraag.stukken.all())
    return render(
        request,
        "portaal/aanvraag/status.html",
        {
            "nav": "aanvraag",
            "aanvraag": aanvraag,
            "status_tekst": weergave.STATUS_TEKST.get(aanvraag.status, ""),
            "termijnen": termijnen,
            "hersteltermijnen": open_herstel,
            "stukken": weergave.stukken_regels(stukken),
            "form": form,
            "foutregels": weergave.foutregels(form) if form.is_bound else [],
            "kan_sturen": kan_sturen,
            "kan_intrekken": aanvraag.status in INTREKBAAR,
            "besluiten_url": weergave.besluiten_url(),
            "werkcoach": aanvraag.dossier.werkcoach,
            "stappen_url": weergave.stap_url(eerste_open_stap(aanvraag)),
        },
    )


# --- withdrawing -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@burger_ingelogd
def aanvraag_intrekken(request: HttpRequest) -> HttpResponse:
    """The burger withdraws the aanvraag before a besluit (a confirmation page, then POST)."""
    aanvraag = eigen_aanvraag(request)
    if aanvraag is None:
        return geen_aanvraag(request)
    if aanvraag.status not in INTREKBAAR:
        messages.info(request, _("Deze aanvraag kunt u niet meer intrekken."))
        return redirect("portaal:aanvraag")
    if request.method == "POST":
        try:
            aanvraag_services.trek_in(aanvraag=aanvraag, door=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Uw aanvraag is ingetrokken. Wij behandelen hem niet."))
        return redirect("portaal:aanvraag")
    return render(
        request,
        "portaal/aanvraag/intrekken.html",
        {
            "nav": "aanvraag",
            "aanvraag": aanvraag,
            "heeft_voorschot": hasattr(aanvraag, "voorschot"),
        },
    )
