"""Staff views on the case record. Thin: reads via selectors, writes via services.

Access: anonymous users are sent to the login page; roles without caseload access get 403;
a dossier outside the user's scope answers 404 (the selector raises it); an action the role may
not perform on a dossier in scope answers 403 (django-rules object permissions).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bijstand.core.forms import voeg_servicefout_toe

from . import selectors, services
from .forms import (
    CaseloadFilterForm,
    JournaalForm,
    OverdrachtForm,
    StatusForm,
)
from .models import Dossier, HuishoudenLid, StandaardTekst
from .tabs import DOSSIER_TABS, TAB_VIEWS

# Session key of the caseload search term: a name or a full BSN is kept out of every URL.
SESSIE_ZOEK = "dossiers:caseload:zoek"


def _vereis_caseload_rol(request: HttpRequest) -> None:
    if not request.user.has_perm("accounts.view_caseload"):
        raise PermissionDenied


def _vereis_perm(request: HttpRequest, perm: str, dossier: Dossier) -> None:
    if not request.user.has_perm(perm, dossier):
        raise PermissionDenied


def dossier_voor_scherm(
    request: HttpRequest,
    pk: int,
    *,
    scherm: str,
    rechten: tuple[str, ...],
    operatie: str,
    activiteit: str,
    soorten_gegevens: tuple[str, ...],
) -> Dossier:
    """The dossier for a page of an app, checked in the order every dossier page uses.

    1. The role may use the screen (``scherm``), else 403 before anything is read.
    2. The dossier is in the user's scope, else 404 (no hint that it exists); the read is
       logged with ``operatie``, ``activiteit`` and ``soorten_gegevens``.
    3. Every object rule in ``rechten`` allows this dossier, else 403.
    """
    if not request.user.has_perm(scherm):
        raise PermissionDenied
    dossier = selectors.dossier_voor_gebruiker(
        user=request.user,
        pk=pk,
        request=request,
        operatie=operatie,
        activiteit=activiteit,
        soorten_gegevens=soorten_gegevens,
    )
    for recht in rechten:
        _vereis_perm(request, recht, dossier)
    return dossier


def _laad_dossier(request: HttpRequest, pk: int, **kwargs) -> Dossier:
    """Role check (403), then the scoped, logged read (404 when out of scope)."""
    _vereis_caseload_rol(request)
    return selectors.dossier_voor_gebruiker(user=request.user, pk=pk, request=request, **kwargs)


def dossier_context(request: HttpRequest, dossier: Dossier, actieve_tab: str) -> dict:
    """What the dossier header and tab navigation need (household prefetched by the selector)."""
    # A missing one-to-one raises RelatedObjectDoesNotExist, an AttributeError subclass.
    huishouden = getattr(dossier.werkzoekende, "huishouden", None)
    leden = list(huishouden.leden.all()) if huishouden else []
    user = request.user
    return {
        "dossier": dossier,
        "werkzoekende": dossier.werkzoekende,
        "huishouden": huishouden,
        "partner": next((lid for lid in leden if lid.rol == HuishoudenLid.Rol.PARTNER), None),
        "kinderen": [lid for lid in leden if lid.rol == HuishoudenLid.Rol.KIND],
        "medebewoners": [lid for lid in leden if lid.rol == HuishoudenLid.Rol.MEDEBEWONER],
        "tabs": DOSSIER_TABS,
        "actieve_tab": actieve_tab,
        "actieve_sectie": "caseload",
        "mag_journaal": user.has_perm("dossiers.add_journaalregel", dossier),
        "mag_status": user.has_perm("dossiers.wijzig_status", dossier),
        "mag_overdragen": user.has_perm("dossiers.overdragen", dossier),
    }


# The header and tab navigation of the dossier page, for the tab views of the domain apps.
_dossier_context = dossier_context


def _journaal_context(
    request: HttpRequest, dossier: Dossier, form: JournaalForm | None = None
) -> dict:
    pagina = selectors.journaal_pagina(
        user=request.user, dossier=dossier, pagina=request.GET.get("pagina", 1), request=request
    )
    return {
        "journaal_pagina": pagina,
        "journaal_form": form if form is not None else JournaalForm(),
    }


# --- Mijn caseload ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest) -> HttpResponse:
    """Mijn caseload: filtered and paginated in the database.

    The filter form posts; the search term goes into the session and the browser is redirected
    to a GET whose query string holds only status, wijk, route and date. A search term that
    arrives in a query string anyway is moved to the session and removed from the URL.
    """
    _vereis_caseload_rol(request)
    basis_url = reverse("dossiers:caseload")
    if request.method == "POST":
        if "wis_zoek" in request.POST:
            request.session.pop(SESSIE_ZOEK, None)
            return redirect(basis_url)
        form = CaseloadFilterForm(request.POST)
        if form.is_valid():
            zoek = form.cleaned_data["zoek"].strip()
            if zoek:
                request.session[SESSIE_ZOEK] = zoek
            else:
                request.session.pop(SESSIE_ZOEK, None)
            params = form.url_params()
            return redirect(f"{basis_url}?{urlencode(params)}" if params else basis_url)
    else:
        if "zoek" in request.GET:
            zoek = request.GET.get("zoek", "").strip()
            if zoek:
                request.session[SESSIE_ZOEK] = zoek
            params = {k: v for k, v in request.GET.items() if k != "zoek"}
            return redirect(f"{basis_url}?{urlencode(params)}" if params else basis_url)
        data = {k: request.GET[k] for k in CaseloadFilterForm.URL_VELDEN if k in request.GET}
        data["zoek"] = request.session.get(SESSIE_ZOEK, "")
        form = CaseloadFilterForm(data)

    zoek = request.session.get(SESSIE_ZOEK, "")
    pagina = selectors.caseload_pagina(
        user=request.user,
        filters=form.filters(zoek=zoek),
        pagina=request.GET.get("pagina", 1),
        request=request,
    )
    return render(
        request,
        "dossiers/caseload.html",
        {
            "form": form,
            "pagina": pagina,
            "zoek_actief": bool(zoek),
            "filters_actief": bool(zoek) or any(k in request.GET for k in form.URL_VELDEN),
            "toon_werkcoach": request.user.rol != "werkconsulent",
            "actieve_sectie": "caseload",
        },
    )


# --- Dossier page -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk)
    context = _dossier_context(request, dossier, "overzicht")
    context.update(_journaal_context(request, dossier))
    return render(request, "dossiers/detail.html", context)


@login_required
@require_http_methods(["GET"])
def dossier_tab(request: HttpRequest, pk: int, tab: str) -> HttpResponse:
    tabs = dict(DOSSIER_TABS)
    if tab not in tabs:
        raise Http404
    if tab == "overzicht":
        return redirect("dossiers:detail", pk=pk)
    if tab in TAB_VIEWS:
        return import_string(TAB_VIEWS[tab])(request, pk)
    dossier = _laad_dossier(request, pk, soorten_gegevens=("identificatie", "huishouden"))
    context = _dossier_context(request, dossier, tab)
    context["tab_titel"] = tabs[tab]
    return render(request, "dossiers/tab_placeholder.html", context)


@login_required
@require_POST
def journaal_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a note or contact moment. htmx gets the updated journaal section back."""
    dossier = _laad_dossier(
        request, pk, operatie="voeg_journaalregel_toe", soorten_gegevens=("dossier",)
    )
    _vereis_perm(request, "dossiers.add_journaalregel", dossier)
    form = JournaalForm(request.POST)
    toegevoegd = False
    if form.is_valid():
        try:
            services.voeg_journaalregel_toe(
                dossier=dossier, auteur=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            toegevoegd = True
    if toegevoegd and not request.htmx:
        messages.success(request, _("De journaalregel is toegevoegd."))
        return redirect(reverse("dossiers:detail", kwargs={"pk": pk}) + "#journaal")

    context = _dossier_context(request, dossier, "overzicht")
    context.update(_journaal_context(request, dossier, None if toegevoegd else form))
    context["journaal_melding"] = _("De journaalregel is toegevoegd.") if toegevoegd else ""
    if request.htmx:
        return render(request, "dossiers/partials/journaal.html", context)
    return render(request, "dossiers/detail.html", context)


@login_required
@require_POST
def standaardtekst_invoegen(request: HttpRequest) -> HttpResponse:
    """htmx: return the text field with the chosen standaardtekst appended to what was typed."""
    _vereis_caseload_rol(request)
    tekst = request.POST.get("tekst", "")
    standaard = (
        StandaardTekst.objects.filter(actief=True, pk=request.POST.get("standaardtekst"))
        .only("tekst")
        .first()
        if (request.POST.get("standaardtekst") or "").isdigit()
        else None
    )
    if standaard is not None:
        tekst = f"{tekst.rstrip()}\n\n{standaard.tekst}" if tekst.strip() else standaard.tekst
    form = JournaalForm(initial={"tekst": tekst})
    return render(request, "dossiers/partials/journaal_tekstveld.html", {"journaal_form": form})


@login_required
@require_http_methods(["GET", "POST"])
def status_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, soorten_gegevens=("identificatie", "dossier"))
    _vereis_perm(request, "dossiers.wijzig_status", dossier)
    form = StatusForm(request.POST or None, huidige_status=dossier.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_status(
                dossier=dossier,
                naar=form.cleaned_data["naar"],
                reden=form.cleaned_data.get("reden") or "",
                toelichting=form.cleaned_data.get("toelichting") or "",
                einddatum=form.cleaned_data.get("einddatum"),
                door=request.user,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc, {"status": "naar"})
        else:
            messages.success(request, _("De status van het dossier is gewijzigd."))
            return redirect("dossiers:detail", pk=pk)
    context = _dossier_context(request, dossier, "overzicht")
    context["form"] = form
    return render(request, "dossiers/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def overdragen(request: HttpRequest, pk: int) -> HttpResponse:
    """Teamleider: hand the dossier to another werkconsulent of their team (with a reason)."""
    dossier = _laad_dossier(request, pk, soorten_gegevens=("identificatie", "dossier"))
    _vereis_perm(request, "dossiers.overdragen", dossier)
    werkcoaches = selectors.werkcoaches_voor_overdracht(teamleider=request.user, dossier=dossier)
    form = OverdrachtForm(request.POST or None, werkcoaches=werkcoaches)
    if request.method == "POST" and form.is_valid():
        try:
            services.draag_over(
                dossier=dossier,
                naar_werkcoach=form.cleaned_data["naar_werkcoach"],
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(
                request,
                _("Het dossier is overgedragen aan %(naam)s.")
                % {"naam": form.cleaned_data["naar_werkcoach"]},
            )
            return redirect("dossiers:detail", pk=pk)
    context = _dossier_context(request, dossier, "overzicht")
    context["form"] = form
    return render(request, "dossiers/overdragen.html", context)
