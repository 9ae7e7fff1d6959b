"""Burgerportaal "Mijn plan": my goals and actions, "Klaar" on my actions, akkoord on the plan,
my reminders, and the versions of my plan. In B1 Dutch.

The portal sits on top of the plan app: it reads through ``plan.selectors`` and writes through
``plan.services``. Only the burger's own dossier: it is never named in a URL; every page reads
it through ``dossier_voor_gebruiker`` (scope + dataverwerkingen log, activiteit "portaal").
The burger sees their whole plan, also goals on a confidential leefgebied (their own data);
such a read is logged as confidential as well.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bijstand.core.pagination import pagineer
from bijstand.dossiers.models import Dossier
from bijstand.portaal.eigen import eigen_dossier
from plan import selectors as plan_selectors
from plan import services as plan_services

from .views import burger_vereist

ACTIVITEIT = "portaal"
SOORTEN = ("identificatie", "plan van aanpak")
PER_PAGINA = 10


_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT, soorten_gegevens=SOORTEN)


def _eigen_plan(request, operatie: str) -> tuple[Dossier, Any]:
    dossier = _eigen_dossier(request, operatie)
    plan = plan_selectors.plan_van_dossier(dossier=dossier) if dossier is not None else None
    if plan is None:
        raise Http404
    plan.dossier = dossier
    return dossier, plan


@require_GET
@burger_vereist
def mijn_plan(request):
    dossier = _eigen_dossier(request, "portaal_bekijk_plan")
    context: dict[str, Any] = {"nav": "plan", "dossier": dossier, "plan": None}
    plan = plan_selectors.plan_van_dossier(dossier=dossier) if dossier is not None else None
    if plan is None:
        return render(request, "portaal/plan/mijn_plan.html", context)
    plan.dossier = dossier
    mijn_acties = pagineer(
        request,
        plan_selectors.acties_queryset(
            plan=plan, met_vertrouwelijk=True, status="lopend", eigenaar="burger"
        ),
        "mijn",
        PER_PAGINA,
        anker="mijn-acties",
    )
    doelen = pagineer(
        request,
        plan_selectors.doelen_met_acties(plan=plan, met_vertrouwelijk=True),
        "doelen",
        PER_PAGINA,
        anker="doelen",
    )
    losse = pagineer(
        request,
        plan_selectors.acties_queryset(
            plan=plan, met_vertrouwelijk=True, status="alle", zonder_doel=True
        ),
        "afspraken",
        PER_PAGINA,
        anker="afspraken",
    )
    herinneringen = list(plan_selectors.meldingen_voor_burger(dossier=dossier)[:PER_PAGINA])
    heeft_inhoud = bool(doelen.paginator.count or losse.paginator.count)
    context.update(
        {
            "plan": plan,
            "mijn_acties": mijn_acties,
            "doelen": doelen,
            "losse": losse,
            "herinneringen": herinneringen,
            "mag_akkoord": dossier.is_actief and heeft_inhoud and not plan.is_akkoord,
            "kan_klaar_melden": dossier.is_actief,
            "heeft_inhoud": heeft_inhoud,
        }
    )
    if plan_selectors.toont_vertrouwelijk(doelen, mijn_acties):
        plan_selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="portaal_bekijk_plan"
        )
    return render(request, "portaal/plan/mijn_plan.html", context)


@require_POST
@burger_vereist
def akkoord(request):
    _dossier, plan = _eigen_plan(request, "portaal_geef_akkoord")
    versie = request.POST.get("versie", "")
    try:
        plan_services.geef_akkoord(
            plan=plan, versie=int(versie) if versie.isdigit() else -1, door=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Dank u wel. U gaf akkoord op uw plan. Dat hebben we opgeslagen.")
        )
    return redirect(reverse("portaal:plan") + "#akkoord")


@require_POST
@burger_vereist
def actie_klaar(request, actie_pk: int):
    _dossier, plan = _eigen_plan(request, "portaal_meld_actie_klaar")
    actie = plan_selectors.actie_van_plan(plan=plan, pk=actie_pk)
    if actie is None:
        raise Http404
    actie.plan = plan
    if not request.user.has_perm("plan.meld_klaar", actie):
        raise PermissionDenied
    try:
        plan_services.wijzig_actiestatus(actie=actie, naar="accordering", door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Goed gedaan! U meldt '%(titel)s' klaar. Uw werkcoach kijkt ernaar.")
            % {"titel": actie.titel},
        )
    return redirect(reverse("portaal:plan") + "#mijn-acties")


@require_GET
@burger_vereist
def versies(request):
    dossier, plan = _eigen_plan(request, "portaal_bekijk_plan_versies")
    nummers = plan_selectors.versienummers(plan=plan)
    van, naar = request.GET.get("van", ""), request.GET.get("naar", "")
    if not (van.isdigit() and naar.isdigit()) and len(nummers) > 1:
        van, naar = str(nummers[1]), str(nummers[0])
    vergelijking = None
    if van.isdigit() and naar.isdigit():
        vergelijking = plan_selectors.vergelijking(
            plan=plan, van=int(van), naar=int(naar), met_vertrouwelijk=True
        )
        if vergelijking.vertrouwelijk:
            plan_selectors.log_vertrouwelijke_inzage(
                dossier=dossier,
                user=request.user,
                request=request,
                operatie="portaal_vergelijk_versies",
            )
    return render(
        request,
        "portaal/plan/versies.html",
        {
            "nav": "plan",
            "dossier": dossier,
            "plan": plan,
            "versies": pagineer(
                request, plan_selectors.versies_queryset(plan=plan), "pagina", PER_PAGINA
            ),
            "nummers": nummers,
            "van": van,
            "naar": naar,
            "vergelijking": vergelijking,
        },
    )
