"""Staff screens of the instrumentenhuis: the catalogue, eligible people for an instrument, the
"Instrumenten" tab of a dossier and the inzet with its actions.

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role that may never do this -> 403 (``instrumentenhuis.*_scherm``, see rules.py);
3. the dossier outside the user's scope -> 404 (``dossier_voor_gebruiker``, which also writes
   the dataverwerkingen line, activiteit ``reintegratie``);
4. the object permission on the dossier -> 403.

Confidential inzetten (instruments on health, addiction or justice) are only shown to the
dossier's own werkcoach; showing them adds a confidential log line. Views are thin: reads
through ``instrumentenhuis.selectors``, writes through ``instrumentenhuis.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core import tijd
from bijstand.core.forms import voeg_servicefout_toe
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import selectors, services
from .forms import (
    AanvraagForm,
    AfrondForm,
    CatalogusFilterForm,
    RapportageForm,
    StartForm,
    StopForm,
    WerkgeversafspraakForm,
)
from .models import Bron, Inzet, InzetStatus

ACTIVITEIT = "reintegratie"
SOORTEN_GEGEVENS = ("identificatie", "instrumenten")
MAX_SUGGESTIES = 12


def _laad_dossier(request: HttpRequest, pk: int, *, operatie: str, beheer: bool = False) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403)."""
    return dossier_voor_scherm(
        request,
        pk,
        scherm=(
            "instrumentenhuis.beheer_inzetten_scherm"
            if beheer
            else "instrumentenhuis.view_inzetten_scherm"
        ),
        rechten=("instrumentenhuis.beheer_inzet" if beheer else "instrumentenhuis.view_inzetten",),
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=SOORTEN_GEGEVENS,
    )


def _met_vertrouwelijk(request: HttpRequest, dossier: Dossier) -> bool:
    return request.user.has_perm("dossiers.view_vertrouwelijk", dossier)


def _inzet_of_404(request: HttpRequest, dossier: Dossier, inzet_pk: int) -> Inzet:
    inzet = selectors.inzet_van_dossier(
        dossier=dossier, pk=inzet_pk, met_vertrouwelijk=_met_vertrouwelijk(request, dossier)
    )
    if inzet is None:
        raise Http404
    selectors.log_vertrouwelijk_getoond(
        dossier=dossier,
        user=request.user,
        request=request,
        operatie="bekijk_inzet",
        getoond=inzet.vertrouwelijk,
    )
    return inzet


# --- dossier tab --------------------------------------------------------------------------


@login_required
@require_GET
def instrumenten_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Instrumenten" tab (plugged into dossiers:tab through ``registreer_tab``)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_instrumenten")
    vertrouwelijk = _met_vertrouwelijk(request, dossier)
    inzetten = Paginator(
        selectors.inzetten_queryset(dossier=dossier, met_vertrouwelijk=vertrouwelijk),
        selectors.INZETTEN_PAGINA_GROOTTE,
    ).get_page(request.GET.get("pagina", 1))
    voorstel = selectors.suggesties_voor(dossier=dossier, met_vertrouwelijk=vertrouwelijk)
    selectors.log_vertrouwelijk_getoond(
        dossier=dossier,
        user=request.user,
        request=request,
        operatie="bekijk_instrumenten",
        getoond=any(i.vertrouwelijk for i in inzetten.object_list)
        or any(s.instrument.vertrouwelijk for s in voorstel.suggesties),
    )
    context = dossier_context(request, dossier, "instrumenten")
    context.update(
        {
            "tab_titel": _("Instrumenten"),
            "inzetten": inzetten,
            "suggesties": voorstel.suggesties[:MAX_SUGGESTIES],
            "meer_suggesties": max(0, len(voorstel.suggesties) - MAX_SUGGESTIES),
            "uitgesloten": voorstel.uitgesloten,
            "heeft_profiel": voorstel.heeft_profiel,
            "instrumenten": voorstel.instrumenten,
            "mag_beheren": request.user.has_perm("instrumentenhuis.beheer_inzet", dossier),
        }
    )
    return render(request, "instrumentenhuis/tab.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def aanvragen(request: HttpRequest, pk: int) -> HttpResponse:
    """Request an instrument for the dossier (the werkcoach)."""
    dossier = _laad_dossier(request, pk, operatie="vraag_instrument_aan", beheer=True)
    initial: dict[str, Any] = {"begindatum": tijd.vandaag()}
    if (request.GET.get("instrument") or "").isdigit():
        initial["instrument"] = int(request.GET["instrument"])
    form = AanvraagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            inzet = services.vraag_aan(
                dossier=dossier,
                instrument=d["instrument"],
                door=request.user,
                toelichting=d.get("toelichting") or "",
                begindatum=d["begindatum"],
                uren_per_week=d.get("uren_per_week"),
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(
                request,
                _("%(naam)s is aangevraagd.") % {"naam": inzet.instrument.naam},
            )
            return redirect("instrumentenhuis:inzet", pk=dossier.pk, inzet_pk=inzet.pk)
    context = dossier_context(request, dossier, "instrumenten")
    context["form"] = form
    return render(request, "instrumentenhuis/aanvragen.html", context)


def _inzet_context(
    request: HttpRequest, dossier: Dossier, inzet: Inzet, **forms_: Any
) -> dict[str, Any]:
    context = dossier_context(request, dossier, "instrumenten")
    vandaag = tijd.vandaag()
    context.update(
        {
            "inzet": inzet,
            "instrument": inzet.instrument,
            "mag_beheren": request.user.has_perm("instrumentenhuis.beheer_inzet", dossier),
            "volgende": inzet.volgende_statussen,
            "wachtlijst_positie": selectors.wachtlijst_positie(inzet),
            "afspraak": getattr(inzet, "werkgeversafspraak", None),
            "start_form": forms_.get("start_form") or StartForm(initial={"datum": vandaag}),
            "afrond_form": forms_.get("afrond_form") or AfrondForm(initial={"datum": vandaag}),
            "stop_form": forms_.get("stop_form") or StopForm(initial={"datum": vandaag}),
            "fouten": forms_.get("fouten") or [],
            "geen_ruimte": forms_.get("geen_ruimte", False),
        }
    )
    return context


@login_required
@require_GET
def inzet_detail(request: HttpRequest, pk: int, inzet_pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="bekijk_inzet")
    inzet = _inzet_of_404(request, dossier, inzet_pk)
    return render(request, "instrumentenhuis/inzet.html", _inzet_context(request, dossier, inzet))


@login_required
@require_POST
def overgang(request: HttpRequest, pk: int, inzet_pk: int) -> HttpResponse:
    """Approve, put on the wachtlijst, start, complete or stop an inzet (POST ``naar``)."""
    dossier = _laad_dossier(request, pk, operatie="wijzig_inzet", beheer=True)
    inzet = _inzet_of_404(request, dossier, inzet_pk)
    naar = request.POST.get("naar", "")
    form = None
    gegevens: dict[str, Any] = {}
    vormen = {
        InzetStatus.GESTART: StartForm,
        InzetStatus.AFGEROND: AfrondForm,
        InzetStatus.GESTOPT: StopForm,
    }
    if naar in vormen:
        form = vormen[naar](request.POST)
        if not form.is_valid():
            return _toon_fout(request, dossier, inzet, naar, form)
        gegevens = dict(form.cleaned_data)
    try:
        services.wijzig_status(
            inzet=inzet, naar=naar, door=request.user, request=request, **gegevens
        )
    except services.GeenRuimte as exc:
        return _toon_fout(request, dossier, inzet, naar, form, exc.messages, geen_ruimte=True)
    except ValidationError as exc:
        if form is not None:
            voeg_servicefout_toe(form, exc)
            return _toon_fout(request, dossier, inzet, naar, form)
        return _toon_fout(request, dossier, inzet, naar, None, exc.messages)
    meldingen = {
        InzetStatus.GOEDGEKEURD: _("De inzet is goedgekeurd; budget en plaats zijn gereserveerd."),
        InzetStatus.WACHTLIJST: _("De aanvraag staat op de wachtlijst."),
        InzetStatus.GESTART: _("De start is vastgelegd."),
        InzetStatus.AFGEROND: _("De inzet is afgerond."),
        InzetStatus.GESTOPT: _("De inzet is gestopt."),
    }
    messages.success(request, meldingen.get(naar, _("De status is gewijzigd.")))
    return redirect("instrumentenhuis:inzet", pk=dossier.pk, inzet_pk=inzet.pk)


def _toon_fout(request, dossier, inzet, naar, form, fouten=None, *, geen_ruimte=False):
    kwargs: dict[str, Any] = {"fouten": fouten or [], "geen_ruimte": geen_ruimte}
    if form is not None:
        kwargs[
            {
                InzetStatus.GESTART: "start_form",
                InzetStatus.AFGEROND: "afrond_form",
                InzetStatus.GESTOPT: "stop_form",
            }[naar]
        ] = form
    inzet = selectors.inzet_van_dossier(
        dossier=dossier, pk=inzet.pk, met_vertrouwelijk=_met_vertrouwelijk(request, dossier)
    )
    return render(
        request,
        "instrumentenhuis/inzet.html",
        _inzet_context(request, dossier, inzet, **kwargs),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rapportage(request: HttpRequest, pk: int, inzet_pk: int) -> HttpResponse:
    """The werkcoach records a report of the provider (progress, start or outcome)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_inzet", beheer=True)
    inzet = _inzet_of_404(request, dossier, inzet_pk)
    form = RapportageForm(request.POST or None, initial={"datum": tijd.vandaag()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.registreer_rapportage(
                inzet=inzet,
                aanbieder=inzet.instrument.aanbieder,
                soort=d["soort"],
                bron=Bron.AANBIEDER_VIA_WERKCOACH,
                door=request.user,
                datum=d["datum"],
                tekst=d.get("tekst") or "",
                aanwezigheid_pct=d.get("aanwezigheid_pct"),
                resultaat=d.get("resultaat") or "",
                certificaat=d.get("certificaat") or "",
                stopreden=d.get("stopreden") or "",
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc, {"reden": "stopreden", "trede": "resultaat"})
        else:
            messages.success(request, _("De rapportage van de aanbieder is vastgelegd."))
            return redirect("instrumentenhuis:inzet", pk=dossier.pk, inzet_pk=inzet.pk)
    context = dossier_context(request, dossier, "instrumenten")
    context.update({"inzet": inzet, "form": form})
    return render(request, "instrumentenhuis/rapportage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def werkgeversafspraak(request: HttpRequest, pk: int, inzet_pk: int) -> HttpResponse:
    """Employer instrument on a placement (LKS with its computation, proefplaatsing, ...)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_inzet", beheer=True)
    inzet = _inzet_of_404(request, dossier, inzet_pk)
    soort = inzet.instrument.werkgeversinstrument
    if not soort:
        raise Http404
    afspraak = getattr(inzet, "werkgeversafspraak", None)
    initial: dict[str, Any] = {
        "werkgever_naam": inzet.werkgever_naam,
        "plaatsing_id": inzet.plaatsing_id,
    }
    if afspraak is not None:
        for veld in WerkgeversafspraakForm.base_fields:
            if hasattr(afspraak, veld) and veld not in initial:
                initial[veld] = getattr(afspraak, veld)
    else:
        initial["ingangsdatum"] = inzet.begindatum
    form = WerkgeversafspraakForm(request.POST or None, soort=soort, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.leg_werkgeversafspraak_vast(
                inzet=inzet, door=request.user, request=request, **form.service_kwargs()
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(request, _("De afspraak met de werkgever is vastgelegd."))
            return redirect("instrumentenhuis:inzet", pk=dossier.pk, inzet_pk=inzet.pk)
    context = dossier_context(request, dossier, "instrumenten")
    context.update({"inzet": inzet, "form": form, "afspraak": afspraak})
    return render(request, "instrumentenhuis/werkgeversafspraak.html", context)


# --- catalogue ----------------------------------------------------------------------------


def _vereis_catalogus(request: HttpRequest) -> None:
    if not request.user.has_perm("instrumentenhuis.view_catalogus"):
        raise PermissionDenied


@login_required
@require_GET
def catalogus(request: HttpRequest) -> HttpResponse:
    """The catalogue, filtered by category, leefgebied and trede, paginated in the database."""
    _vereis_catalogus(request)
    form = CatalogusFilterForm(request.GET or None)
    pagina = selectors.catalogus_pagina(filters=form.filters(), pagina=request.GET.get("pagina", 1))
    return render(
        request,
        "instrumentenhuis/catalogus.html",
        {
            "form": form,
            "pagina": pagina,
            "filters_actief": any(request.GET.get(k) for k in form.fields),
            "actieve_sectie": "instrumentenhuis",
        },
    )


@login_required
@require_GET
def instrument(request: HttpRequest, instrument_pk: int) -> HttpResponse:
    _vereis_catalogus(request)
    gevonden = selectors.instrument_detail(pk=instrument_pk)
    if gevonden is None:
        raise Http404
    return render(
        request,
        "instrumentenhuis/instrument.html",
        {
            "instrument": gevonden,
            "jaar": selectors.jaaroverzicht(instrument=gevonden),
            "mag_kandidaten": request.user.has_perm("instrumentenhuis.view_kandidaten"),
            "actieve_sectie": "instrumentenhuis",
        },
    )


@login_required
@require_GET
def kandidaten(request: HttpRequest, instrument_pk: int) -> HttpResponse:
    """Who in my own caseload can enter this instrument, with the reasons (paginated)."""
    if not request.user.has_perm("instrumentenhuis.view_kandidaten"):
        raise PermissionDenied
    gevonden = selectors.instrument_detail(pk=instrument_pk, alleen_actief=True)
    if gevonden is None:
        raise Http404
    pagina = selectors.kandidaten_pagina(
        instrument=gevonden, user=request.user, pagina=request.GET.get("pagina", 1), request=request
    )
    return render(
        request,
        "instrumentenhuis/kandidaten.html",
        {
            "instrument": gevonden,
            "pagina": pagina,
            "actieve_sectie": "instrumentenhuis",
        },
    )
