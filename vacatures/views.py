"""Staff screens of the werkgeversdienstverlening: werkgevers, vacatures, candidates,
voordrachten. Thin: reads via ``vacatures.selectors``, writes via ``vacatures.services``.

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role that may never do this -> 403 (``vacatures.view_vacatures`` /
   ``vacatures.beheer_vacatures``: werkconsulent and teamleider; ``vacatures.view_voordrachten``:
   werkconsulent);
3. a dossier or voordracht outside the user's scope -> 404 (scoped, logged reads);
4. the object permission (``vacatures.voordragen`` / ``vacatures.wijzig_voordracht``) -> 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core.pagination import met_links, pagineer
from bijstand.core.views import verwerk_formulier
from bijstand.dossiers.selectors import dossier_voor_gebruiker

from . import selectors, services
from .forms import (
    AfwijzenForm,
    ContactpersoonForm,
    GesprekForm,
    IntrekkenForm,
    PlaatsingForm,
    SroiAfspraakForm,
    VacatureFilterForm,
    VacatureForm,
    VoordragenForm,
    WerkgeverFilterForm,
    WerkgeverForm,
)
from .models import TOEGESTANE_OVERGANGEN, VacatureStatus, Voordracht, VoordrachtStatus

SECTIE = "vacatures"


def _vereis(request: HttpRequest, perm: str, obj: Any = None) -> None:
    toegestaan = (
        request.user.has_perm(perm, obj) if obj is not None else request.user.has_perm(perm)
    )
    if not toegestaan:
        raise PermissionDenied


def _post(request: HttpRequest):
    """The POST data for a bound form (also when empty), None on GET."""
    return request.POST if request.method == "POST" else None


def _context(**kwargs: Any) -> dict[str, Any]:
    return {"actieve_sectie": SECTIE, **kwargs}


# --- werkgevers ---------------------------------------------------------------------------


@login_required
@require_GET
def werkgevers(request: HttpRequest) -> HttpResponse:
    _vereis(request, "vacatures.view_vacatures")
    form = WerkgeverFilterForm(request.GET or None)
    pagina = pagineer(
        request,
        selectors.werkgevers_queryset(filters=form.filters()),
        "pagina",
        selectors.PAGINA_GROOTTE,
    )
    return render(
        request,
        "vacatures/werkgevers.html",
        _context(
            form=form, pagina=pagina, filters_actief=bool(request.GET.dict().keys() - {"pagina"})
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkgever_nieuw(request: HttpRequest) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    form = WerkgeverForm(_post(request), initial={"actief": True, "plaats": "Rotterdam"})
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.maak_werkgever(door=request.user, **f.service_kwargs()),
        succes=_("De werkgever is vastgelegd."),
        doorsturen=lambda werkgever: reverse("vacatures:werkgever", args=[werkgever.pk]),
    )
    if antwoord is not None:
        return antwoord
    return render(
        request, "vacatures/formulier.html", _context(form=form, titel=_("Nieuwe werkgever"),
                                                      terug=reverse("vacatures:werkgevers"))
    )  # fmt: skip


@login_required
@require_GET
def werkgever_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _vereis(request, "vacatures.view_vacatures")
    werkgever = selectors.werkgever_of_404(pk=pk)
    vacatures = pagineer(
        request,
        selectors.vacatures_queryset(filters=selectors.VacatureFilters(werkgever=werkgever.pk)),
        "vacatures",
        selectors.PAGINA_GROOTTE,
    )
    return render(
        request,
        "vacatures/werkgever.html",
        _context(
            werkgever=werkgever,
            sroi=selectors.sroi_voortgang(werkgever=werkgever),
            vacatures=vacatures,
            mag_beheren=request.user.has_perm("vacatures.beheer_vacatures"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkgever_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    werkgever = selectors.werkgever_of_404(pk=pk)
    form = WerkgeverForm(_post(request), instance=werkgever)
    terug = reverse("vacatures:werkgever", args=[werkgever.pk])
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.wijzig_werkgever(
            werkgever=werkgever, door=request.user, **f.service_kwargs()
        ),
        succes=_("De gegevens van de werkgever zijn opgeslagen."),
        doorsturen=terug,
    )
    if antwoord is not None:
        return antwoord
    return render(
        request,
        "vacatures/formulier.html",
        _context(form=form, titel=_("Werkgever wijzigen: %(naam)s") % {"naam": werkgever.naam},
                 terug=terug),
    )  # fmt: skip


def _werkgever_subformulier(request, pk, form_class, service, titel, melding) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    werkgever = selectors.werkgever_of_404(pk=pk)
    form = form_class(_post(request))
    terug = reverse("vacatures:werkgever", args=[werkgever.pk])
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: service(werkgever=werkgever, door=request.user, **f.cleaned_data),
        succes=melding,
        doorsturen=terug,
    )
    if antwoord is not None:
        return antwoord
    return render(
        request,
        "vacatures/formulier.html",
        _context(form=form, titel=titel % {"naam": werkgever.naam}, terug=terug),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contactpersoon_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    return _werkgever_subformulier(
        request,
        pk,
        ContactpersoonForm,
        services.voeg_contactpersoon_toe,
        _("Contactpersoon toevoegen bij %(naam)s"),
        _("De contactpersoon is toegevoegd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sroi_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    return _werkgever_subformulier(
        request,
        pk,
        SroiAfspraakForm,
        services.voeg_sroi_afspraak_toe,
        _("SROI-afspraak toevoegen bij %(naam)s"),
        _("De SROI-afspraak is toegevoegd."),
    )


# --- vacatures ----------------------------------------------------------------------------


@login_required
@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    _vereis(request, "vacatures.view_vacatures")
    data = request.GET.copy() if request.GET else None
    if data is None:
        data = {"status": VacatureStatus.OPEN}
    form = VacatureFilterForm(data)
    pagina = pagineer(
        request,
        selectors.vacatures_queryset(filters=form.filters()),
        "pagina",
        selectors.PAGINA_GROOTTE,
    )
    return render(
        request,
        "vacatures/lijst.html",
        _context(
            form=form,
            pagina=pagina,
            mag_beheren=request.user.has_perm("vacatures.beheer_vacatures"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacature_nieuw(request: HttpRequest) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    initial = {}
    if (request.GET.get("werkgever") or "").isdigit():
        initial["werkgever"] = int(request.GET["werkgever"])
    form = VacatureForm(_post(request), initial=initial, nieuw=True)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.maak_vacature(
            werkgever=f.cleaned_data["werkgever"], door=request.user, **f.service_kwargs()
        ),
        succes=_("De vacature is vastgelegd. Hieronder staan de kandidaten."),
        doorsturen=lambda vacature: reverse("vacatures:detail", args=[vacature.pk]),
    )
    if antwoord is not None:
        return antwoord
    return render(
        request,
        "vacatures/formulier.html",
        _context(form=form, titel=_("Nieuwe vacature"), terug=reverse("vacatures:lijst")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacature_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    vacature = selectors.vacature_of_404(pk=pk)
    form = VacatureForm(_post(request), instance=vacature, nieuw=False)
    terug = reverse("vacatures:detail", args=[vacature.pk])
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.wijzig_vacature(
            vacature=vacature, door=request.user, **f.service_kwargs()
        ),
        succes=_("De vacature is opgeslagen."),
        doorsturen=terug,
    )
    if antwoord is not None:
        return antwoord
    return render(
        request,
        "vacatures/formulier.html",
        _context(form=form, titel=_("Vacature wijzigen: %(titel)s") % {"titel": vacature.titel},
                 terug=terug),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def vacature_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    vacature = selectors.vacature_of_404(pk=pk)
    form = IntrekkenForm(_post(request))
    terug = reverse("vacatures:detail", args=[vacature.pk])
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.trek_vacature_in(
            vacature=vacature, door=request.user, reden=f.cleaned_data["reden"]
        ),
        succes=_("De vacature is ingetrokken."),
        doorsturen=terug,
    )
    if antwoord is not None:
        return antwoord
    return render(
        request,
        "vacatures/formulier.html",
        _context(
            form=form,
            titel=_("Vacature intrekken: %(titel)s") % {"titel": vacature.titel},
            uitleg=_("Lopende voordrachten voor deze vacature worden beëindigd."),
            knop=_("Vacature intrekken"),
            terug=terug,
        ),
    )


@login_required
@require_POST
def vacature_heropenen(request: HttpRequest, pk: int) -> HttpResponse:
    _vereis(request, "vacatures.beheer_vacatures")
    vacature = selectors.vacature_of_404(pk=pk)
    try:
        services.heropen_vacature(vacature=vacature, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De vacature is weer open."))
    return redirect("vacatures:detail", pk=vacature.pk)


def _detail_context(request: HttpRequest, vacature) -> dict[str, Any]:
    kandidaten = selectors.kandidaten_voor_vacature(
        vacature=vacature,
        user=request.user,
        request=request,
        pagina_eigen=request.GET.get("eigen", 1),
        pagina_collegas=request.GET.get("collegas", 1),
    )
    met_links(request, kandidaten.eigen, "eigen")
    met_links(request, kandidaten.collegas, "collegas")
    voordrachten = pagineer(
        request,
        selectors.voordrachten_queryset(user=request.user, vacature=vacature),
        "voordrachten",
        grootte=10,
    )
    selectors.log_voordrachten(
        voordrachten=list(voordrachten.object_list),
        user=request.user,
        request=request,
        operatie="bekijk_voordrachten",
    )
    return _context(
        vacature=vacature,
        eisen=selectors.eisen_in_woorden(vacature),
        verlopen=selectors.is_verlopen(vacature),
        kandidaten=kandidaten,
        voordrachten=voordrachten,
        mag_beheren=request.user.has_perm("vacatures.beheer_vacatures"),
        mag_voordragen=request.user.has_perm("vacatures.view_voordrachten")
        and vacature.status == VacatureStatus.OPEN
        and not selectors.is_verlopen(vacature),
    )


@login_required
@require_GET
def vacature_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The vacancy with its candidates: names from the own caseload, counts elsewhere."""
    _vereis(request, "vacatures.view_vacatures")
    vacature = selectors.vacature_of_404(pk=pk)
    return render(request, "vacatures/detail.html", _detail_context(request, vacature))


@login_required
@require_GET
def werkgeversweergave(request: HttpRequest, pk: int) -> HttpResponse:
    """Anonymous job profiles (only people who opted in) to share with the employer."""
    _vereis(request, "vacatures.view_vacatures")
    vacature = selectors.vacature_of_404(pk=pk)
    pagina = selectors.anonieme_profielen(
        vacature=vacature, user=request.user, request=request, pagina=request.GET.get("pagina", 1)
    )
    return render(
        request,
        "vacatures/werkgeversweergave.html",
        _context(vacature=vacature, pagina=met_links(request, pagina, "pagina")),
    )


@login_required
@require_POST
def voordragen(request: HttpRequest, pk: int) -> HttpResponse:
    """The werkcoach proposes a candidate from their own caseload."""
    _vereis(request, "vacatures.view_voordrachten")
    vacature = selectors.vacature_of_404(pk=pk)
    form = VoordragenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een kandidaat om voor te dragen."))
        return redirect("vacatures:detail", pk=vacature.pk)
    dossier = dossier_voor_gebruiker(
        user=request.user,
        pk=form.cleaned_data["dossier"],
        request=request,
        operatie="draag_voor",
        activiteit="reintegratie",
        soorten_gegevens=("identificatie", "werkprofiel"),
    )
    _vereis(request, "vacatures.voordragen", dossier)
    try:
        voordracht = services.draag_voor(
            vacature=vacature,
            dossier=dossier,
            door=request.user,
            toelichting=form.cleaned_data.get("toelichting") or "",
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("vacatures:detail", args=[vacature.pk]) + "#eigen")
    messages.success(
        request,
        _("%(naam)s is voorgedragen voor deze vacature.") % {"naam": dossier.werkzoekende.naam},
    )
    return redirect("vacatures:voordracht", pk=voordracht.pk)


# --- voordracht ---------------------------------------------------------------------------


def _laad_voordracht(request: HttpRequest, pk: int, *, wijzigen: bool = False) -> Voordracht:
    _vereis(request, "vacatures.view_voordrachten")
    voordracht = selectors.voordracht_voor_gebruiker(user=request.user, pk=pk, request=request)
    if wijzigen:
        _vereis(request, "vacatures.wijzig_voordracht", voordracht)
    return voordracht


def _voordracht_context(request: HttpRequest, voordracht: Voordracht, **forms) -> dict[str, Any]:
    volgende = TOEGESTANE_OVERGANGEN.get(voordracht.status, frozenset())
    mag = request.user.has_perm("vacatures.wijzig_voordracht", voordracht)
    return _context(
        voordracht=voordracht,
        dossier=voordracht.dossier,
        vacature=voordracht.vacature,
        wijzigingen=selectors.wijzigingen_van(voordracht),
        plaatsing=selectors.plaatsing_van(voordracht),
        gesprek_form=forms.get("gesprek_form")
        or (GesprekForm() if mag and VoordrachtStatus.GESPREK in volgende else None),
        plaatsing_form=forms.get("plaatsing_form")
        or (
            PlaatsingForm(initial={"contracturen": voordracht.vacature.uren_per_week_min})
            if mag and VoordrachtStatus.GEPLAATST in volgende
            else None
        ),
        afwijzen_form=forms.get("afwijzen_form")
        or (AfwijzenForm() if mag and VoordrachtStatus.AFGEWEZEN in volgende else None),
        mag_status=request.user.has_perm("dossiers.wijzig_status", voordracht.dossier),
    )


@login_required
@require_GET
def voordracht_detail(request: HttpRequest, pk: int) -> HttpResponse:
    voordracht = _laad_voordracht(request, pk)
    return render(request, "vacatures/voordracht.html", _voordracht_context(request, voordracht))


def _actie(request, pk, form_class, naam, uitvoeren, melding) -> HttpResponse:
    voordracht = _laad_voordracht(request, pk, wijzigen=True)
    form = form_class(request.POST)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: uitvoeren(voordracht, f),
        succes=melding,
        doorsturen=reverse("vacatures:voordracht", args=[voordracht.pk]),
        veldnamen={"gesprek_op": "datum"},
    )
    if antwoord is not None:
        return antwoord
    context = _voordracht_context(request, voordracht, **{naam: form})
    return render(request, "vacatures/voordracht.html", context, status=200)


@login_required
@require_POST
def voordracht_gesprek(request: HttpRequest, pk: int) -> HttpResponse:
    return _actie(
        request,
        pk,
        GesprekForm,
        "gesprek_form",
        lambda v, f: services.plan_gesprek(
            voordracht=v,
            op=f.moment(),
            door=request.user,
            toelichting=f.cleaned_data.get("toelichting") or "",
            request=request,
        ),
        _("Het gesprek is vastgelegd."),
    )


@login_required
@require_POST
def voordracht_plaatsing(request: HttpRequest, pk: int) -> HttpResponse:
    return _actie(
        request,
        pk,
        PlaatsingForm,
        "plaatsing_form",
        lambda v, f: services.registreer_plaatsing(
            voordracht=v,
            startdatum=f.cleaned_data["startdatum"],
            contracturen=f.cleaned_data["contracturen"],
            contract_maanden=f.cleaned_data.get("contract_maanden"),
            door=request.user,
            toelichting=f.cleaned_data.get("toelichting") or "",
            request=request,
        ),
        _(
            "De plaatsing is vastgelegd. Beëindig het dossier met reden werk als de uitkering "
            "stopt."
        ),
    )


@login_required
@require_POST
def voordracht_afwijzen(request: HttpRequest, pk: int) -> HttpResponse:
    return _actie(
        request,
        pk,
        AfwijzenForm,
        "afwijzen_form",
        lambda v, f: services.wijs_af(
            voordracht=v,
            reden=f.cleaned_data["reden"],
            door=request.user,
            toelichting=f.cleaned_data.get("toelichting") or "",
            request=request,
        ),
        _("De voordracht is beëindigd."),
    )
