"""Manager dashboards: aggregates only, computed in the database (see selectors)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import selectors

PAGINA_GROOTTE = 25


@login_required
@require_http_methods(["GET"])
def werkcoaches(request: HttpRequest) -> HttpResponse:
    """Per werkcoach in the teamleider's teams: caseload size and handovers."""
    if not request.user.has_perm("accounts.view_dashboards"):
        raise PermissionDenied
    paginator = Paginator(
        selectors.werkcoaches_van_teamleider(teamleider=request.user), PAGINA_GROOTTE
    )
    pagina = paginator.get_page(request.GET.get("pagina", 1))
    return render(
        request,
        "dashboards/werkcoaches.html",
        {
            "pagina": pagina,
            "verdeling": selectors.overdrachten_verdeling(user=request.user),
            "actieve_sectie": "dashboards",
        },
    )
