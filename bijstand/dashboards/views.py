"""Manager dashboards: aggregates only, read from the daily snapshot (see snapshot.py).

Views are thin: the figures come from ``selectors``, the tables from ``paginas``, the build
from ``services``. No view shows or links to a person or a dossier.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services, snapshot
from .forms import FilterForm
from .paginas import LEEFGEBIED, PAGINAS, Context, Pagina
from .tabellen import Tabel, als_csv, als_excel

PAGINA_GROOTTE = 25


def _mag_kijken(request: HttpRequest) -> None:
    if not request.user.has_perm("dashboards.view_managementinfo"):
        raise PermissionDenied


def _leefgebieden() -> list[tuple[str, str]]:
    return snapshot.labels(LEEFGEBIED)


def _tabellen(pagina: Pagina, peildag, form: FilterForm) -> tuple[Context, list[Tabel]]:
    filters = form.filters()
    ctx = Context(
        peildag=peildag,
        filters=filters,
        cijfers=selectors.lees_cijfers(
            peildag=peildag,
            filters=filters,
            stromen=pagina.stromen,
            voorraden=pagina.voorraden,
            standen=pagina.standen,
            alleen_team=pagina.alleen_team,
        ),
        referenties=selectors.referenties(peildag.peildatum),
        doeltraject=selectors.doeltraject(peildag.peildatum),
        leefgebieden=_leefgebieden() if LEEFGEBIED in pagina.stromen else [],
    )
    return ctx, [maak(ctx) for maak in pagina.tabellen]


def _context(request: HttpRequest, pagina: Pagina) -> dict:
    return {
        "pagina": pagina,
        "paginas": PAGINAS.values(),
        "actieve_sectie": "dashboards",
        "mag_vernieuwen": request.user.has_perm("dashboards.vernieuw_cijfers"),
    }


@login_required
@require_http_methods(["GET"])
def pagina(request: HttpRequest, slug: str = "overzicht") -> HttpResponse:
    _mag_kijken(request)
    pagina = PAGINAS[slug]
    context = _context(request, pagina)
    peildag = selectors.laatste_peildag()
    if peildag is None:
        return render(request, "dashboards/geen_cijfers.html", context)
    form = FilterForm(request.GET or None, peildag=peildag, keuzes=selectors.filterkeuzes())
    ctx, tabellen = _tabellen(pagina, peildag, form)
    query = request.GET.urlencode()
    context.update(
        {
            "peildag": peildag,
            "form": form,
            "filters": ctx.filters,
            "tabellen": tabellen,
            "query": query,
            "ontbreekt": sorted(peildag.fouten),
        }
    )
    return render(request, "dashboards/pagina.html", context)


@login_required
@require_http_methods(["GET"])
def export(request: HttpRequest, slug: str, tabel: str, formaat: str) -> HttpResponse:
    """One table of a page as CSV or Excel, with the page's filters (same suppression)."""
    _mag_kijken(request)
    pagina = PAGINAS.get(slug)
    if pagina is None or formaat not in ("csv", "xlsx"):
        raise Http404
    peildag = selectors.laatste_peildag()
    if peildag is None:
        raise Http404
    form = FilterForm(request.GET or None, peildag=peildag, keuzes=selectors.filterkeuzes())
    ctx, tabellen = _tabellen(pagina, peildag, form)
    gekozen = next((t for t in tabellen if t.sleutel == tabel), None)
    if gekozen is None:
        raise Http404
    naam = f"{slug}-{gekozen.sleutel}-{peildag.peildatum:%Y%m%d}"
    if formaat == "csv":
        response = HttpResponse(als_csv(gekozen), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
        return response
    kop = [
        (_("Dashboard"), str(pagina.titel)),
        (_("Tabel"), gekozen.titel),
        (_("Cijfers van"), date_format(peildag.peildatum, "j F Y")),
        (_("Filters"), _filtertekst(form, ctx)),
    ]
    response = HttpResponse(
        als_excel(gekozen, kop=kop),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    return response


def _filtertekst(form: FilterForm, ctx: Context) -> str:
    delen = [
        _("per maand") if ctx.filters.per == "m" else _("per kwartaal"),
        f"{ctx.label(ctx.perioden[0])} - {ctx.label(ctx.perioden[-1])}",
    ]
    for veld in ("team", "wijk", "route", "doelgroep"):
        waarde = getattr(ctx.filters, veld)
        if waarde not in (None, ""):
            keuzes = dict(form.fields[veld].choices)
            delen.append(f"{form.fields[veld].label}: {keuzes.get(str(waarde), waarde)}")
    return "; ".join(delen)


@login_required
@require_POST
def vernieuwen(request: HttpRequest) -> HttpResponse:
    """A manager asks for fresh figures now (a Celery task; the nightly run does the same)."""
    if not request.user.has_perm("dashboards.vernieuw_cijfers"):
        raise PermissionDenied
    services.vraag_snapshot_aan(door=request.user)
    messages.success(
        request,
        _("De cijfers worden opnieuw berekend. Vernieuw de pagina over een paar minuten."),
    )
    return redirect("dashboards:overzicht")


@login_required
@require_http_methods(["GET"])
def werkcoaches(request: HttpRequest) -> HttpResponse:
    """Per werkcoach in the teamleider's teams: caseload size and handovers (live)."""
    if not request.user.has_perm("accounts.view_dashboards"):
        raise PermissionDenied
    paginator = Paginator(
        selectors.werkcoaches_van_teamleider(teamleider=request.user), PAGINA_GROOTTE
    )
    pagina_ = paginator.get_page(request.GET.get("pagina", 1))
    return render(
        request,
        "dashboards/werkcoaches.html",
        {
            "pagina": pagina_,
            "verdeling": selectors.overdrachten_verdeling(user=request.user),
            "actieve_sectie": "dashboards",
            "paginas": PAGINAS.values(),
        },
    )
