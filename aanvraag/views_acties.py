"""The actions on the aanvraag page: each a POST form (CSRF) that calls one service.

On invalid input or a refusal by the service (its Dutch ValidationError, put on the form by
``verwerk_formulier``) the aanvraag page is shown again with the errors at the form and
nothing changed; on success a message and a redirect to the section of the page. Access as in
``views`` (role 403, scope 404, object rule 403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bijstand.core.views import verwerk_formulier

from . import behandeling, services, voorschot
from .forms import StukForm
from .forms_medewerker import (
    AfwijzenForm,
    BuitenBehandelingForm,
    ChecklistForm,
    GeenVoorschotForm,
    InBehandelingForm,
    IngebrekestellingForm,
    StukkenOntvangenForm,
    StukkenOpvragenForm,
    ToekennenForm,
    VoorschotForm,
)
from .models import Aanvraag, BesluitSoort
from .stappen import CHECKLIST_CODES
from .views import checklist_prefix, herstel_prefix, laad_aanvraag, render_detail

BEHANDELEN = "aanvraag.behandel_aanvraag"


def _url(aanvraag: Aanvraag, anker: str = "") -> str:
    return reverse("aanvraag:detail", args=[aanvraag.pk]) + (f"#{anker}" if anker else "")


def _actie(
    request: HttpRequest,
    aanvraag: Aanvraag,
    form: forms.Form,
    actie: Callable[[forms.Form], Any],
    *,
    sleutel: str,
    succes: str,
    anker: str,
    veldnamen: dict[str, str] | None = None,
) -> HttpResponse:
    antwoord = verwerk_formulier(
        request,
        form,
        actie,
        succes=succes,
        doorsturen=_url(aanvraag, anker),
        veldnamen=veldnamen,
    )
    return antwoord or render_detail(request, aanvraag, sleutel, form)


@login_required
@require_POST
def in_behandeling(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(
        request, pk, operatie="neem_in_behandeling", recht="aanvraag.neem_in_behandeling"
    )
    form = InBehandelingForm(request.POST, prefix="behandeling")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.neem_in_behandeling(aanvraag=aanvraag, door=request.user),
        sleutel="behandeling",
        succes=_("U behandelt deze aanvraag nu."),
        anker="acties",
    )


@login_required
@require_POST
def bewoners(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="haal_bewoners_op", recht=BEHANDELEN)
    form = InBehandelingForm(request.POST, prefix="bewoners")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.haal_bewoners_op(aanvraag=aanvraag, door=request.user),
        sleutel="bewoners",
        succes=_("De bewoners op het adres zijn uit de BRP opgehaald."),
        anker="bewoners",
    )


@login_required
@require_POST
def stukken_opvragen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="vraag_stukken_op", recht=BEHANDELEN)
    form = StukkenOpvragenForm(request.POST, prefix="opvragen")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.vraag_stukken_op(
            aanvraag=aanvraag,
            gevraagd=f.cleaned_data["gevraagd"],
            termijn_tot=f.cleaned_data["termijn_tot"],
            door=request.user,
        ),
        sleutel="opvragen",
        succes=_("De stukken zijn opgevraagd. De burger heeft een bericht gekregen."),
        anker="hersteltermijnen",
    )


@login_required
@require_POST
def stukken_ontvangen(request: HttpRequest, pk: int, herstel_pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="stukken_ontvangen", recht=BEHANDELEN)
    hersteltermijn = next(
        (h for h in aanvraag.hersteltermijnen.all() if h.pk == herstel_pk and h.is_open), None
    )
    if hersteltermijn is None:
        raise Http404
    form = StukkenOntvangenForm(request.POST, prefix=herstel_prefix(herstel_pk))
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.stukken_ontvangen(
            hersteltermijn=hersteltermijn,
            ontvangen_op=f.cleaned_data["ontvangen_op"],
            door=request.user,
        ),
        sleutel=herstel_prefix(herstel_pk),
        succes=_("De gevraagde stukken zijn ontvangen. De beslistermijn loopt weer."),
        anker="hersteltermijnen",
    )


@login_required
@require_POST
def checklist(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    if code not in CHECKLIST_CODES:
        raise Http404
    aanvraag = laad_aanvraag(request, pk, operatie="beoordeel_checklist", recht=BEHANDELEN)
    form = ChecklistForm(request.POST, prefix=checklist_prefix(code))
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.beoordeel_checklist(
            aanvraag=aanvraag,
            code=code,
            uitkomst=f.cleaned_data["uitkomst"],
            toelichting=f.cleaned_data["toelichting"],
            door=request.user,
        ),
        sleutel=checklist_prefix(code),
        succes=_("De controle is vastgelegd."),
        anker=f"controle-{code}",
    )


@login_required
@require_POST
def ingebrekestelling(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(
        request,
        pk,
        operatie="registreer_ingebrekestelling",
        recht="aanvraag.registreer_ingebrekestelling",
    )
    form = IngebrekestellingForm(request.POST, prefix="ingebrekestelling")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.registreer_ingebrekestelling(
            aanvraag=aanvraag, ontvangen_op=f.cleaned_data["ontvangen_op"], door=request.user
        ),
        sleutel="ingebrekestelling",
        succes=_("De ingebrekestelling is vastgelegd."),
        anker="termijnen",
    )


@login_required
@require_POST
def stuk_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="voeg_stuk_toe", recht="aanvraag.voeg_stuk_toe")
    form = StukForm(request.POST, request.FILES, prefix="stuk")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: services.voeg_stuk_toe(
            aanvraag=aanvraag,
            soort=f.cleaned_data["soort"],
            bestand=f.cleaned_data["bestand"],
            omschrijving=f.cleaned_data["omschrijving"],
            door=request.user,
        ),
        sleutel="stuk",
        succes=_("Het bewijsstuk is toegevoegd."),
        anker="stukken",
    )


# --- besluit --------------------------------------------------------------------------------

BESLUITEN: dict[str, tuple[str, type[forms.Form], str, str]] = {
    # slug in the URL: (soort, form, prefix of the form, success message)
    "toekennen": (
        BesluitSoort.TOEKENNING,
        ToekennenForm,
        "toekennen",
        gettext_lazy("De aanvraag is toegekend. De beschikking is gemaakt en verstuurd."),
    ),
    "afwijzen": (
        BesluitSoort.AFWIJZING,
        AfwijzenForm,
        "afwijzen",
        gettext_lazy("De aanvraag is afgewezen. De beschikking is gemaakt en verstuurd."),
    ),
    "buiten-behandeling": (
        BesluitSoort.BUITEN_BEHANDELING,
        BuitenBehandelingForm,
        "buiten",
        gettext_lazy(
            "De aanvraag is buiten behandeling gesteld. De beschikking is gemaakt en verstuurd."
        ),
    ),
}


@login_required
@require_POST
def besluit(request: HttpRequest, pk: int, soort: str) -> HttpResponse:
    if soort not in BESLUITEN:
        raise Http404
    aanvraag = laad_aanvraag(request, pk, operatie="neem_besluit", recht=BEHANDELEN)
    besluitsoort, form_klasse, sleutel, succes = BESLUITEN[soort]
    form = form_klasse(request.POST, prefix=sleutel)
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: behandeling.neem_besluit(
            aanvraag=aanvraag,
            soort=besluitsoort,
            ingangsdatum=f.cleaned_data.get("ingangsdatum"),
            motivering=f.cleaned_data.get("motivering") or "",
            door=request.user,
        ),
        sleutel=sleutel,
        succes=str(succes),
        anker="besluit",
    )


# --- voorschot ------------------------------------------------------------------------------


@login_required
@require_POST
def voorschot_betalen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="verleen_voorschot", recht=BEHANDELEN)
    form = VoorschotForm(request.POST, prefix="voorschot")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: voorschot.verleen_voorschot(aanvraag=aanvraag, door=request.user),
        sleutel="voorschot",
        succes=_("Het voorschot is verleend en wordt betaald."),
        anker="voorschot",
    )


@login_required
@require_POST
def geen_voorschot(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = laad_aanvraag(request, pk, operatie="weiger_voorschot", recht=BEHANDELEN)
    form = GeenVoorschotForm(request.POST, prefix="geenvoorschot")
    return _actie(
        request,
        aanvraag,
        form,
        lambda f: voorschot.weiger_voorschot(
            aanvraag=aanvraag, reden=f.cleaned_data["reden"], door=request.user
        ),
        sleutel="geenvoorschot",
        succes=_("Vastgelegd: geen voorschot, met de reden."),
        anker="voorschot",
    )
