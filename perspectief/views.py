"""The werkcoach's screens: the "Perspectief" tab of the dossier page and its actions.

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role that never works with perspectives -> 403 (``perspectief.view_perspectief_scherm``:
   werkconsulent and teamleider);
3. the dossier outside the user's scope -> 404 (``dossier_voor_gebruiker``, which also writes
   the dataverwerkingen log line, activiteit ``reintegratie``);
4. the object permission (``perspectief.view_perspectief``; for changes
   ``perspectief.wijzig_perspectief`` / ``perspectief.besluit_route``: the own werkcoach)
   -> 403.

Confidential leefgebieden are shown to the own werkcoach only (``dossiers.view_vertrouwelijk``);
showing them writes a second log line (activiteit ``gezondheid``, vertrouwelijk). Views are
thin: reads through ``perspectief.selectors``, writes through ``perspectief.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core.pagination import pagineer
from bijstand.core.views import verwerk_formulier
from bijstand.dossiers.models import Dossier, Route
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm
from bijstand.logboek.services import log_verwerking

from . import selectors, services
from .forms import (
    BelemmeringForm,
    DoelenForm,
    MetingForm,
    RouteBesluitForm,
    VaardigheidForm,
    WerkprofielForm,
)
from .models import Doelscore, Leefgebied

ACTIVITEIT = "reintegratie"
SOORTEN_GEGEVENS = (
    "identificatie",
    "leefgebieden",
    "participatieladder",
    "belemmeringen",
    "vaardigheden",
    "werkprofiel",
)
PAGINA_GROOTTE = 10


def _laad_dossier(
    request: HttpRequest,
    pk: int,
    *,
    operatie: str,
    recht: str = "perspectief.view_perspectief",
    soorten_gegevens: tuple[str, ...] = SOORTEN_GEGEVENS,
) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403): module docstring."""
    rechten = ("perspectief.view_perspectief",)
    if recht != "perspectief.view_perspectief":
        rechten += (recht,)
    return dossier_voor_scherm(
        request,
        pk,
        scherm="perspectief.view_perspectief_scherm",
        rechten=rechten,
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=soorten_gegevens,
    )


def mag_vertrouwelijk(request: HttpRequest, dossier: Dossier) -> bool:
    return request.user.has_perm("dossiers.view_vertrouwelijk", dossier)


def log_vertrouwelijk(request: HttpRequest, dossier: Dossier, operatie: str) -> None:
    """The confidential domains were shown: one more line, activiteit gezondheid."""
    log_verwerking(
        activiteit="gezondheid",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["gezondheid", "verslaving", "justitie"],
        actor=request.user,
        request=request,
        vertrouwelijk=True,
    )


def _tab_url(dossier: Dossier, anker: str = "") -> str:
    url = reverse("dossiers:tab", args=[dossier.pk, "perspectief"])
    return f"{url}#{anker}" if anker else url


# --- the tab ------------------------------------------------------------------------------


def _tab_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    vertrouwelijk = mag_vertrouwelijk(request, dossier)
    ontwikkel = selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=vertrouwelijk)
    profiel = selectors.profiel_van(dossier)
    fits = selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
    voorstel = selectors.segment_voorstel(profiel=profiel, fits=fits, namen=ontwikkel.namen())
    besluiten = pagineer(
        request, selectors.routebesluiten_van(dossier_id=dossier.pk), "besluiten", 5
    )
    context = dossier_context(request, dossier, "perspectief")
    context.update(
        {
            "tab_titel": _("Perspectief"),
            "ontwikkel": ontwikkel,
            "grafiek": ontwikkel.grafiek(),
            "profiel": profiel,
            "fits": pagineer(request, fits, "beroepen", PAGINA_GROOTTE),
            "ervaring": selectors.ervaring_van(profiel),
            "vaardigheden": pagineer(
                request,
                selectors.vaardigheden_van(dossier_id=dossier.pk),
                "vaardigheden",
                PAGINA_GROOTTE,
            ),
            "belemmeringen": pagineer(
                request,
                selectors.belemmeringen_van(dossier_id=dossier.pk, vertrouwelijk=vertrouwelijk),
                "belemmeringen",
                PAGINA_GROOTTE,
            ),
            "metingen": pagineer(
                request, selectors.metingen_van(dossier_id=dossier.pk), "metingen", 5
            ),
            "voorstel": voorstel,
            "voorstel_segment": selectors.segment_label(voorstel.segment),
            "voorstel_route": Route(voorstel.route).label,
            "besluiten": besluiten,
            "huidig_besluit": besluiten[0] if besluiten.number == 1 and len(besluiten) else None,
            "toont_vertrouwelijk": vertrouwelijk,
            "mag_wijzigen": request.user.has_perm("perspectief.wijzig_perspectief", dossier),
            "mag_besluiten": request.user.has_perm("perspectief.besluit_route", dossier),
        }
    )
    return context


@login_required
@require_GET
def perspectief_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Perspectief" tab (plugged into dossiers:tab through ``registreer_tab``)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_perspectief")
    context = _tab_context(request, dossier)
    if context["toont_vertrouwelijk"]:
        log_vertrouwelijk(request, dossier, "bekijk_perspectief_vertrouwelijk")
    return render(request, "perspectief/tab.html", context)


# --- actions of the own werkcoach ---------------------------------------------------------


def _leefgebieden() -> list[Leefgebied]:
    return list(Leefgebied.objects.order_by("nummer"))


@login_required
@require_http_methods(["GET", "POST"])
def meting_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """A new professional measurement (all domains and the trede)."""
    dossier = _laad_dossier(
        request, pk, operatie="nieuwe_meting", recht="perspectief.wijzig_perspectief"
    )
    log_vertrouwelijk(request, dossier, "nieuwe_meting_vertrouwelijk")
    vorige = services.huidige_meting(dossier=dossier)
    form = MetingForm(
        request.POST if request.method == "POST" else None,
        leefgebieden=_leefgebieden(),
        vorige=vorige,
    )
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.registreer_meting(
            dossier=dossier, door=request.user, **f.service_kwargs()
        ),
        succes=_("De meting is vastgelegd."),
        doorsturen=_tab_url(dossier, "ontwikkelperspectief"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "perspectief")
    context.update({"form": form, "vorige": vorige})
    return render(request, "perspectief/meting_nieuw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def doelen(request: HttpRequest, pk: int) -> HttpResponse:
    """Target scores per leefgebied for a date, agreed with the burger."""
    dossier = _laad_dossier(
        request, pk, operatie="bekijk_doelen", recht="perspectief.wijzig_perspectief"
    )
    log_vertrouwelijk(request, dossier, "bekijk_doelen_vertrouwelijk")
    huidige = list(Doelscore.objects.filter(dossier=dossier))
    form = DoelenForm(
        request.POST if request.method == "POST" else None,
        leefgebieden=_leefgebieden(),
        doelen=huidige,
    )
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.stel_doelscores_vast(
            dossier=dossier, door=request.user, **f.service_kwargs()
        ),
        succes=_("De doelen zijn vastgelegd."),
        doorsturen=_tab_url(dossier, "ontwikkelperspectief"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "perspectief")
    context["form"] = form
    return render(request, "perspectief/doelen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def belemmering_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(
        request,
        pk,
        operatie="nieuwe_belemmering",
        recht="perspectief.wijzig_perspectief",
        soorten_gegevens=("identificatie", "belemmeringen"),
    )
    form = BelemmeringForm(request.POST if request.method == "POST" else None)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.leg_belemmeringen_vast(
            dossier=dossier, door=request.user, **f.service_kwargs()
        ),
        succes=_("De belemmering is vastgelegd."),
        doorsturen=_tab_url(dossier, "belemmeringen"),
        veldnamen={
            "belemmeringen.0.leefgebied": "leefgebied",
            "belemmeringen.0.omschrijving": "omschrijving",
        },
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "perspectief")
    context["form"] = form
    return render(request, "perspectief/belemmering_nieuw.html", context)


@login_required
@require_POST
def belemmering_opgelost(request: HttpRequest, pk: int, belemmering_pk: int) -> HttpResponse:
    dossier = _laad_dossier(
        request,
        pk,
        operatie="los_belemmering_op",
        recht="perspectief.wijzig_perspectief",
        soorten_gegevens=("identificatie", "belemmeringen"),
    )
    belemmering = selectors.belemmering_van_dossier(dossier_id=dossier.pk, pk=belemmering_pk)
    if belemmering is None:
        raise Http404
    try:
        services.los_belemmering_op(belemmering=belemmering, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De belemmering is opgelost. Een stap vooruit!"))
    return redirect(_tab_url(dossier, "belemmeringen"))


@login_required
@require_http_methods(["GET", "POST"])
def vaardigheid_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(
        request,
        pk,
        operatie="nieuwe_vaardigheid",
        recht="perspectief.wijzig_perspectief",
        soorten_gegevens=("identificatie", "vaardigheden"),
    )
    form = VaardigheidForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        nieuw = services.leg_vaardigheden_vast(
            dossier=dossier,
            vaardigheden=[(form.cleaned_data["naam"], form.cleaned_data["bron"])],
            door=request.user,
        )
        if nieuw:
            messages.success(request, _("De vaardigheid is vastgelegd."))
            return redirect(_tab_url(dossier, "ervaring"))
        form.add_error("naam", _("Deze vaardigheid staat al in het dossier."))
    context = dossier_context(request, dossier, "perspectief")
    context["form"] = form
    return render(request, "perspectief/vaardigheid_nieuw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def werkprofiel(request: HttpRequest, pk: int) -> HttpResponse:
    """Language level, certificates, licences, hours, limits, experience and wishes."""
    dossier = _laad_dossier(
        request,
        pk,
        operatie="bekijk_werkprofiel",
        recht="perspectief.wijzig_perspectief",
        soorten_gegevens=("identificatie", "werkprofiel"),
    )
    profiel = selectors.profiel_van(dossier)
    form = WerkprofielForm(request.POST if request.method == "POST" else None, profiel=profiel)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.werk_profiel_bij(
            dossier=dossier, door=request.user, **f.service_kwargs()
        ),
        succes=_("Het werkprofiel is bijgewerkt."),
        doorsturen=_tab_url(dossier, "uitstroomperspectief"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "perspectief")
    context["form"] = form
    return render(request, "perspectief/werkprofiel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def route(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal (segment, route, reasons) and the werkcoach's decision with a reason."""
    dossier = _laad_dossier(
        request, pk, operatie="bekijk_segment", recht="perspectief.besluit_route"
    )
    profiel = selectors.profiel_van(dossier)
    fits = selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
    voorstel = selectors.segment_voorstel(
        profiel=profiel, fits=fits, namen=selectors.leefgebied_namen(vertrouwelijk=True)
    )
    log_vertrouwelijk(request, dossier, "bekijk_segment_vertrouwelijk")
    initial = {}
    if voorstel.segment != "onbepaald":
        initial = {"segment": voorstel.segment, "route": voorstel.route}
    form = RouteBesluitForm(request.POST if request.method == "POST" else None, initial=initial)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.besluit_route(dossier=dossier, door=request.user, **f.cleaned_data),
        succes=_("Het besluit over segment en route is vastgelegd."),
        doorsturen=_tab_url(dossier, "segment"),
    )
    if antwoord is not None:
        return antwoord
    context = dossier_context(request, dossier, "perspectief")
    context.update(
        {
            "form": form,
            "voorstel": voorstel,
            "voorstel_segment": selectors.segment_label(voorstel.segment),
            "voorstel_route": Route(voorstel.route).label,
            "beste": fits[:3],
        }
    )
    return render(request, "perspectief/route.html", context)
