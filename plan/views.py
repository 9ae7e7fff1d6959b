"""The werkcoach's plan van aanpak: the "Plan van aanpak" tab of the dossier and its forms,
the version comparison, and the list of notifications ("Herinneringen").

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. role: reading needs ``plan.view_plan_scherm`` (werkconsulent, inkomensconsulent,
   teamleider), writing ``plan.wijzig_plan_scherm`` (werkconsulent) -> else 403;
3. scope: ``dossier_voor_gebruiker`` -> 404 outside the caseload (logged read, activiteit
   ``reintegratie``);
4. object: ``plan.view_plan`` / ``plan.wijzig_plan`` (only the own werkcoach or substitute
   writes) -> else 403.

Views are thin: reads through ``plan.selectors``, writes through ``plan.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer
from bijstand.core.views import verwerk_formulier
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import selectors, services
from .forms import ActieForm, DoelForm, SjabloonForm, StatusForm
from .models import Actie, ActieStatus, Doel, Eigenaar, Plan, overgangen_voor

ACTIVITEIT = "reintegratie"
SOORTEN_GEGEVENS = ("identificatie", "plan van aanpak")
DOELEN_PER_PAGINA = 10
ACTIES_PER_PAGINA = 25
VERSIES_PER_PAGINA = 10
MELDINGEN_PER_PAGINA = 25
MELDINGEN_IN_TAB = 5
VERSIES_IN_TAB = 3
# A goal's leefgebied or beroep error belongs to the form's one "koppeling" field.
KOPPELING_VELDEN = {"leefgebied": "koppeling", "beroep": "koppeling"}


def _laad_dossier(
    request: HttpRequest, pk: int, *, operatie: str, schrijven: bool = False
) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403): see the docstring."""
    return dossier_voor_scherm(
        request,
        pk,
        scherm="plan.wijzig_plan_scherm" if schrijven else "plan.view_plan_scherm",
        rechten=("plan.wijzig_plan" if schrijven else "plan.view_plan",),
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=SOORTEN_GEGEVENS,
    )


def _plan_of_404(dossier: Dossier) -> Plan:
    plan = selectors.plan_van_dossier(dossier=dossier)
    if plan is None:
        raise Http404
    plan.dossier = dossier
    return plan


def _tab_url(dossier: Dossier, anker: str = "") -> str:
    url = reverse("dossiers:tab", args=[dossier.pk, "plan"])
    return f"{url}#{anker}" if anker else url


def _met_statusform(acties: list[Actie], plan: Plan, user: Any) -> None:
    """Attach the allowed transitions and a status form to each action (no extra queries)."""
    actor = services.actor_van(user, plan.dossier)
    for actie in acties:
        actie.plan = plan
        toegestaan = (
            overgangen_voor(van=actie.status, actor=actor, eigenaar=actie.eigenaar)
            if actor and plan.dossier.is_actief
            else []
        )
        actie.toegestaan = toegestaan
        actie.statusform = StatusForm(toegestaan=toegestaan, actie=actie) if toegestaan else None


def _tab_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    user = request.user
    context = dossier_context(request, dossier, "plan")
    plan = selectors.plan_van_dossier(dossier=dossier)
    mag_wijzigen = user.has_perm("plan.wijzig_plan", dossier) and dossier.is_actief
    met_vertrouwelijk = selectors.mag_vertrouwelijk_zien(user, dossier)
    context.update({"tab_titel": _("Plan van aanpak"), "plan": plan, "mag_wijzigen": mag_wijzigen})
    if plan is None:
        if mag_wijzigen:
            sjablonen = selectors.sjablonen_voor(dossier=dossier)
            eigen_route = [s for s in sjablonen if s.route == dossier.route]
            context["plan_form"] = SjabloonForm(
                sjablonen=sjablonen,
                verplicht=False,
                initial={"sjabloon": eigen_route[0].pk} if eigen_route else {},
            )
        return context
    plan.dossier = dossier
    status = request.GET.get("status", "lopend")
    if status not in selectors.STATUS_FILTERS:
        status = "lopend"
    eigenaar = request.GET.get("eigenaar", "")
    if eigenaar not in Eigenaar.values:
        eigenaar = ""
    doelen = pagineer(
        request,
        selectors.doelen_queryset(plan=plan, met_vertrouwelijk=met_vertrouwelijk),
        "doelen",
        DOELEN_PER_PAGINA,
    )
    acties = pagineer(
        request,
        selectors.acties_queryset(
            plan=plan, met_vertrouwelijk=met_vertrouwelijk, status=status, eigenaar=eigenaar
        ),
        "acties",
        ACTIES_PER_PAGINA,
    )
    _met_statusform(list(acties.object_list), plan, user)
    meldingen = selectors.meldingen_van_dossier(
        dossier=dossier, met_vertrouwelijk=met_vertrouwelijk
    )
    getoonde_meldingen = list(meldingen[:MELDINGEN_IN_TAB])
    context.update(
        {
            "doelen": doelen,
            "acties": acties,
            "status_filter": status,
            "eigenaar_filter": eigenaar,
            "status_keuzes": [
                ("lopend", _("Lopend (open en klaar gemeld)")),
                ("accordering", _("Klaar gemeld, te bevestigen")),
                ("afgerond", _("Afgerond")),
                ("vervallen", _("Vervallen")),
                ("alle", _("Alle")),
            ],
            "eigenaar_keuzes": Eigenaar.choices,
            "te_bevestigen": selectors.aantal_te_bevestigen(
                plan=plan, met_vertrouwelijk=met_vertrouwelijk
            ),
            "meldingen": getoonde_meldingen,
            "aantal_meldingen": meldingen.count(),
            "laatste_versies": list(selectors.versies_queryset(plan=plan)[:VERSIES_IN_TAB]),
        }
    )
    if met_vertrouwelijk and selectors.toont_vertrouwelijk(doelen, acties):
        selectors.log_vertrouwelijke_inzage(dossier=dossier, user=user, request=request)
    return context


@login_required
@require_GET
def plan_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Plan van aanpak" tab (plugged into dossiers:tab through ``registreer_tab``)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_plan")
    return render(request, "plan/tab.html", _tab_context(request, dossier))


@login_required
@require_POST
def maak_plan(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="maak_plan", schrijven=True)
    form = SjabloonForm(
        request.POST, sjablonen=selectors.sjablonen_voor(dossier=dossier), verplicht=False
    )
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.maak_plan(
            dossier=dossier,
            door=request.user,
            sjabloon=f.cleaned_data.get("sjabloon"),
            startdatum=f.cleaned_data.get("startdatum"),
        ),
        succes=_("Het plan van aanpak is gemaakt."),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    context = _tab_context(request, dossier)
    context["plan_form"] = form
    return render(request, "plan/tab.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def sjabloon_toepassen(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a template's goals and actions to the plan (the form: a page, or in the tab)."""
    dossier = _laad_dossier(request, pk, operatie="pas_sjabloon_toe", schrijven=True)
    plan = _plan_of_404(dossier)
    sjablonen = selectors.sjablonen_voor(dossier=dossier, plan=plan)
    form = SjabloonForm(request.POST or None, sjablonen=sjablonen)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.pas_sjabloon_toe(
            plan=plan,
            sjabloon=f.cleaned_data["sjabloon"],
            startdatum=f.cleaned_data["startdatum"],
            door=request.user,
        ),
        succes=lambda aantallen: (
            _("Het sjabloon is toegepast: %(doelen)s doelen en %(acties)s acties toegevoegd.")
            % {"doelen": aantallen[0], "acties": aantallen[1]}
        ),
        doorsturen=_tab_url(dossier, "doelen"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "plan")
    context.update({"form": form, "plan": plan, "sjablonen": sjablonen})
    if request.htmx and request.method == "GET":  # loaded into the tab
        return render(request, "plan/_sjabloon_formulier.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "plan/sjabloon_form.html", context, status=status)


# --- goals --------------------------------------------------------------------------------


def _doel_of_404(plan: Plan, doel_pk: int) -> Doel:
    doel = Doel.objects.filter(plan=plan, pk=doel_pk).select_related("leefgebied", "beroep").first()
    if doel is None:
        raise Http404
    doel.plan = plan
    return doel


@login_required
@require_http_methods(["GET", "POST"])
def doel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="voeg_doel_toe", schrijven=True)
    plan = _plan_of_404(dossier)
    form = DoelForm(request.POST or None)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.voeg_doel_toe(plan=plan, door=request.user, **f.service_kwargs()),
        succes=lambda doel: _("Het doel '%(titel)s' is toegevoegd.") % {"titel": doel.titel},
        doorsturen=_tab_url(dossier, "doelen"),
        veldnamen=KOPPELING_VELDEN,
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "plan")
    context.update({"form": form, "plan": plan, "titel": _("Doel toevoegen")})
    if request.htmx and request.method == "GET":  # loaded into the tab
        return render(request, "plan/_doel_formulier.html", context)
    return render(request, "plan/doel_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def doel_wijzigen(request: HttpRequest, pk: int, doel_pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="wijzig_doel", schrijven=True)
    plan = _plan_of_404(dossier)
    doel = _doel_of_404(plan, doel_pk)
    if doel.vertrouwelijk:
        selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="wijzig_doel"
        )
    form = DoelForm(request.POST or None, doel=doel)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.wijzig_doel(doel=doel, door=request.user, **f.service_kwargs()),
        succes=_("Het doel is gewijzigd."),
        doorsturen=_tab_url(dossier, "doelen"),
        veldnamen=KOPPELING_VELDEN,
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "plan")
    context.update({"form": form, "plan": plan, "doel": doel, "titel": _("Doel wijzigen")})
    return render(request, "plan/doel_form.html", context)


# --- actions ------------------------------------------------------------------------------


def _actie_of_404(plan: Plan, actie_pk: int) -> Actie:
    actie = (
        Actie.objects.filter(plan=plan, pk=actie_pk)
        .select_related("doel__leefgebied", "doel__beroep")
        .first()
    )
    if actie is None:
        raise Http404
    actie.plan = plan
    return actie


@login_required
@require_http_methods(["GET", "POST"])
def actie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="voeg_actie_toe", schrijven=True)
    plan = _plan_of_404(dossier)
    initial = {}
    if request.GET.get("doel", "").isdigit():
        initial["doel"] = int(request.GET["doel"])
    form = ActieForm(request.POST or None, doelen=plan.doelen.all(), initial=initial)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.voeg_actie_toe(plan=plan, door=request.user, **f.service_kwargs()),
        succes=lambda actie: _("De actie '%(titel)s' is toegevoegd.") % {"titel": actie.titel},
        doorsturen=_tab_url(dossier, "acties"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "plan")
    context.update({"form": form, "plan": plan, "titel": _("Actie toevoegen")})
    if request.htmx and request.method == "GET":  # loaded into the tab
        return render(request, "plan/_actie_formulier.html", context)
    return render(request, "plan/actie_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actie_wijzigen(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="wijzig_actie", schrijven=True)
    plan = _plan_of_404(dossier)
    actie = _actie_of_404(plan, actie_pk)
    if actie.vertrouwelijk:
        selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="wijzig_actie"
        )
    form = ActieForm(request.POST or None, doelen=plan.doelen.all(), actie=actie)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.wijzig_actie(actie=actie, door=request.user, **f.service_kwargs()),
        succes=_("De actie is gewijzigd."),
        doorsturen=_tab_url(dossier, "acties"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "plan")
    context.update({"form": form, "plan": plan, "actie": actie, "titel": _("Actie wijzigen")})
    return render(request, "plan/actie_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actie_status(request: HttpRequest, pk: int, actie_pk: int) -> HttpResponse:
    """Change an action's status. htmx gets the action's table row back."""
    dossier = _laad_dossier(request, pk, operatie="wijzig_actiestatus", schrijven=True)
    plan = _plan_of_404(dossier)
    actie = _actie_of_404(plan, actie_pk)
    if actie.vertrouwelijk:
        selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="wijzig_actiestatus"
        )
    _met_statusform([actie], plan, request.user)
    melding = ""
    if request.method == "POST" and actie.toegestaan:
        form = StatusForm(request.POST, toegestaan=actie.toegestaan, actie=actie)
        if form.is_valid():
            try:
                actie = services.wijzig_actiestatus(
                    actie=actie,
                    naar=form.cleaned_data["naar"],
                    reden=form.cleaned_data.get("reden") or "",
                    door=request.user,
                )
            except ValidationError as exc:
                voeg_servicefout_toe(form, exc, {"status": "naar"})
            else:
                melding = _("De status van '%(titel)s' is nu: %(status)s.") % {
                    "titel": actie.titel,
                    "status": ActieStatus(actie.status).label.lower(),
                }
                if not request.htmx:
                    messages.success(request, melding)
                    return redirect(_tab_url(dossier, f"actie-{actie.pk}"))
                actie = _actie_of_404(plan, actie.pk)
                _met_statusform([actie], plan, request.user)
                form = None
        if form is not None:
            actie.statusform = form
    context = dossier_context(request, dossier, "plan")
    context.update(
        {"plan": plan, "a": actie, "actie": actie, "melding": melding, "mag_wijzigen": True}
    )
    if request.htmx:
        return render(request, "plan/_actie_rij.html", context)
    return render(request, "plan/actie_status.html", context)


# --- versions -----------------------------------------------------------------------------


@login_required
@require_GET
def versies(request: HttpRequest, pk: int) -> HttpResponse:
    """All versions of the plan and a comparison of two of them (?van=1&naar=2)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_plan_versies")
    plan = _plan_of_404(dossier)
    met_vertrouwelijk = selectors.mag_vertrouwelijk_zien(request.user, dossier)
    nummers = selectors.versienummers(plan=plan)
    van, naar = request.GET.get("van", ""), request.GET.get("naar", "")
    vergelijking = None
    if van.isdigit() and naar.isdigit():
        vergelijking = selectors.vergelijking(
            plan=plan, van=int(van), naar=int(naar), met_vertrouwelijk=met_vertrouwelijk
        )
        if vergelijking.vertrouwelijk:
            selectors.log_vertrouwelijke_inzage(
                dossier=dossier, user=request.user, request=request, operatie="vergelijk_versies"
            )
    elif len(nummers) > 1:
        van, naar = str(nummers[1]), str(nummers[0])
    context = dossier_context(request, dossier, "plan")
    context.update(
        {
            "plan": plan,
            "versies": pagineer(
                request, selectors.versies_queryset(plan=plan), "pagina", VERSIES_PER_PAGINA
            ),
            "nummers": nummers,
            "van": van,
            "naar": naar,
            "vergelijking": vergelijking,
        }
    )
    return render(request, "plan/versies.html", context)


# --- notifications ------------------------------------------------------------------------


@login_required
@require_GET
def meldingen(request: HttpRequest) -> HttpResponse:
    """Herinneringen: actions past due and actions reported done in the own caseload."""
    if not request.user.has_perm("plan.view_meldingen_scherm"):
        raise PermissionDenied
    alle = request.GET.get("alle") == "1"
    pagina = pagineer(
        request,
        selectors.meldingen_werkcoach_queryset(user=request.user, alleen_open=not alle),
        "pagina",
        MELDINGEN_PER_PAGINA,
        anker="meldingen",
    )
    selectors.log_meldingen_pagina(
        meldingen=list(pagina.object_list), user=request.user, request=request
    )
    return render(
        request,
        "plan/meldingen.html",
        {"pagina": pagina, "alle": alle, "actieve_sectie": "plan_meldingen"},
    )


@login_required
@require_POST
def melding_gezien(request: HttpRequest, melding_pk: int) -> HttpResponse:
    if not request.user.has_perm("plan.view_meldingen_scherm"):
        raise PermissionDenied
    melding = selectors.melding_voor_werkcoach(user=request.user, pk=melding_pk)
    services.markeer_melding_gezien(melding=melding, door=request.user)
    terug = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        terug = reverse("plan:meldingen")
    messages.success(request, _("De melding staat niet meer bij de open meldingen."))
    return redirect(terug)
