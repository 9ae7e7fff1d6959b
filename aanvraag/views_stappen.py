"""The loket fills the aanvraag for the burger: one page per step, the same step forms as the
portal (``aanvraag.forms``), while the aanvraag is a concept. The last step (the verklaring,
read out to the burger) sends the aanvraag (``services.dien_in``).

Who: ``aanvraag.vul_aanvraag_in`` (a werkconsulent or inkomensconsulent who may see the
aanvraag, among them the consulent who registered the melding). Role 403, scope 404 as in
``views``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bijstand.core.forms import voeg_servicefout_toe

from . import services
from .forms import (
    STAP_FORMS,
    StukForm,
    formset_initial,
    huishouden_gegevens,
    initial_voor,
)
from .forms_medewerker import KindLoketFormSet, MedebewonerLoketFormSet
from .models import Aanvraag, AanvraagStatus
from .selectors_medewerker import adres_tekst
from .stappen import STAP_SLUGS, STAPPEN, stap, volgende, vorige
from .views import laad_aanvraag

VERKLARING = "verklaring"


def _nav(aanvraag: Aanvraag, huidig: str) -> list[dict[str, Any]]:
    return [
        {
            "stap": s,
            "nummer": i,
            "klaar": s.slug in aanvraag.gegevens,
            "huidig": s.slug == huidig,
            "url": reverse("aanvraag:stap", args=[aanvraag.pk, s.slug]),
        }
        for i, s in enumerate(STAPPEN, start=1)
    ]


def _adres(aanvraag: Aanvraag) -> str:
    """The address the persoon step refers to ("hierboven"): the BRP's, else the dossier's."""
    if aanvraag.brp:
        return adres_tekst(aanvraag.brp)
    persoon = aanvraag.dossier.werkzoekende
    return adres_tekst(
        {k: getattr(persoon, k) for k in ("straat", "huisnummer", "postcode", "woonplaats")}
    )


def _na_opslaan(request: HttpRequest, aanvraag: Aanvraag, slug: str) -> HttpResponse:
    actie = request.POST.get("actie", "volgende")
    if actie == "vorige" and vorige(slug):
        return redirect("aanvraag:stap", pk=aanvraag.pk, stap_slug=vorige(slug))
    if actie == "volgende" and volgende(slug):
        return redirect("aanvraag:stap", pk=aanvraag.pk, stap_slug=volgende(slug))
    messages.success(request, _("De stap is opgeslagen."))
    return redirect("aanvraag:stap", pk=aanvraag.pk, stap_slug=slug)


def _formsets(request: HttpRequest, aanvraag: Aanvraag) -> tuple[forms.BaseFormSet, ...]:
    opgeslagen = (aanvraag.gegevens.get("huishouden") or {}).get("data")
    data = request.POST if request.method == "POST" else None
    return (
        KindLoketFormSet(
            data,
            prefix="kinderen",
            initial=formset_initial(opgeslagen, aanvraag.brp or {}, "kinderen"),
        ),
        MedebewonerLoketFormSet(
            data,
            prefix="medebewoners",
            initial=formset_initial(opgeslagen, aanvraag.brp or {}, "medebewoners"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def stap_invullen(request: HttpRequest, pk: int, stap_slug: str) -> HttpResponse:
    if stap_slug not in STAP_SLUGS:
        raise Http404
    aanvraag = laad_aanvraag(request, pk, operatie="bekijk_aanvraagstap")
    if aanvraag.status != AanvraagStatus.CONCEPT:
        messages.info(
            request, _("Deze aanvraag is al verstuurd; de stappen zijn niet meer te wijzigen.")
        )
        return redirect("aanvraag:detail", pk=aanvraag.pk)
    if not request.user.has_perm("aanvraag.vul_aanvraag_in", aanvraag):
        raise PermissionDenied
    definitie = stap(stap_slug)
    context: dict[str, Any] = {
        "aanvraag": aanvraag,
        "werkzoekende": aanvraag.dossier.werkzoekende,
        "stap": definitie,
        "stapnummer": STAP_SLUGS.index(stap_slug) + 1,
        "aantal_stappen": len(STAPPEN),
        "nav": _nav(aanvraag, stap_slug),
        "vorige": vorige(stap_slug),
        "volgende": volgende(stap_slug),
        "actieve_sectie": "aanvragen",
    }
    if stap_slug == "stukken":
        return _stukken(request, aanvraag, context)
    formulier = STAP_FORMS[stap_slug]
    data = request.POST if request.method == "POST" else None
    form = formulier(data, initial=initial_voor(stap_slug, aanvraag))
    sets: tuple[forms.BaseFormSet, ...] = ()
    if stap_slug == "huishouden":
        sets = _formsets(request, aanvraag)
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in sets):
        gegevens = huishouden_gegevens(form, *sets) if sets else form.gegevens()
        try:
            services.sla_stap_op(
                aanvraag=aanvraag, stap=stap_slug, gegevens=gegevens, door=request.user
            )
            if stap_slug == VERKLARING:
                services.dien_in(aanvraag=aanvraag, door=request.user)
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc, {"verklaring": "akkoord"})
        else:
            if stap_slug == VERKLARING:
                messages.success(
                    request,
                    _("De aanvraag is verstuurd. De beslistermijn loopt vanaf vandaag."),
                )
                return redirect("aanvraag:detail", pk=aanvraag.pk)
            return _na_opslaan(request, aanvraag, stap_slug)
    context.update(
        {
            "form": form,
            "kinderen": sets[0] if sets else None,
            "medebewoners": sets[1] if sets else None,
            "adres": _adres(aanvraag),
            "ontbreekt": [stap(s).titel for s in services.ontbrekende_stappen(aanvraag)]
            if stap_slug == VERKLARING
            else [],
        }
    )
    return render(request, "aanvraag/stap.html", context)


def _stukken(request: HttpRequest, aanvraag: Aanvraag, context: dict[str, Any]) -> HttpResponse:
    """The bewijsstukken step: upload one at a time; "verder" marks the step done."""
    form = StukForm(prefix="stuk")
    if request.method == "POST":
        if request.POST.get("actie") == "uploaden":
            form = StukForm(request.POST, request.FILES, prefix="stuk")
            if form.is_valid():
                try:
                    services.voeg_stuk_toe(
                        aanvraag=aanvraag,
                        soort=form.cleaned_data["soort"],
                        bestand=form.cleaned_data["bestand"],
                        omschrijving=form.cleaned_data["omschrijving"],
                        door=request.user,
                    )
                except ValidationError as exc:
                    voeg_servicefout_toe(form, exc)
                else:
                    messages.success(request, _("Het bewijsstuk is toegevoegd."))
                    return redirect("aanvraag:stap", pk=aanvraag.pk, stap_slug="stukken")
        else:
            try:
                services.sla_stap_op(
                    aanvraag=aanvraag,
                    stap="stukken",
                    gegevens={"aantal": aanvraag.stukken.count()},
                    door=request.user,
                )
            except ValidationError as exc:
                voeg_servicefout_toe(form, exc)
            else:
                return _na_opslaan(request, aanvraag, "stukken")
    context.update({"form": form, "stukken": list(aanvraag.stukken.all())})
    return render(request, "aanvraag/stap_stukken.html", context)
