"""The consulent's intake pages: the "Intake" tab of the dossier, the steps, finalising.

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role that may never do this -> 403 (``intake.view_intake_scherm``: werkconsulent,
   inkomensconsulent, teamleider; ``intake.wijzig_intake_scherm``: werkconsulent);
3. the dossier outside the user's scope -> 404 (``dossier_voor_gebruiker``, which writes the
   dataverwerkingen log line, activiteit "intake");
4. the object permission (``intake.view_intake`` / ``intake.wijzig_intake``) -> 403.

Confidential steps and answers only for the dossier's own werkcoach
(``dossiers.view_vertrouwelijk``); showing them writes a second log line (gezondheid,
vertrouwelijk). Views are thin: reads through ``intake.selectors``, writes through
``intake.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import selectors, services
from .forms import StartForm
from .models import Intake, IntakeSoort, IntakeStatus, StapBron
from .stappen import (
    STAP_PER_SLUG,
    STAPPEN,
    BelemmeringenForm,
    ScoresForm,
    Stap,
    StapForm,
    TaalForm,
    laad_referentie,
    stap_van_veld,
    taaleis_voldaan,
    volgende_stap,
    vorige_stap,
    waarde_tekst,
)

ACTIVITEIT = "intake"
SOORTEN_GEGEVENS = ("identificatie", "huishouden", "intake")
PAGINA_GROOTTE = 10


def _laad_dossier(
    request: HttpRequest, pk: int, *, operatie: str, wijzigen: bool = False
) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403): see module docstring."""
    return dossier_voor_scherm(
        request,
        pk,
        scherm="intake.wijzig_intake_scherm" if wijzigen else "intake.view_intake_scherm",
        rechten=("intake.wijzig_intake" if wijzigen else "intake.view_intake",),
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=SOORTEN_GEGEVENS,
    )


def _context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    context = dossier_context(request, dossier, "intake")
    context.update(
        {
            "tab_titel": _("Intake"),
            "mag_wijzigen": request.user.has_perm("intake.wijzig_intake", dossier),
            "mag_vertrouwelijk": selectors.gebruiker_mag_vertrouwelijk(request.user, dossier),
        }
    )
    return context


def eerste_open_stap(intake: Intake) -> Stap:
    """Where to continue a concept: the first step nobody saved yet (or checked)."""
    for stap in STAPPEN:
        meta = intake.stappen_meta.get(stap.slug) or {}
        if meta.get("bron") in (None, StapBron.VORIGE):
            return stap
    return STAPPEN[0]


# --- the tab -------------------------------------------------------------------------------


def _tab_context(request: HttpRequest, dossier: Dossier, form: StartForm | None = None) -> dict:
    context = _context(request, dossier)
    pagina = Paginator(selectors.intakes_van_dossier(dossier=dossier), PAGINA_GROOTTE).get_page(
        request.GET.get("pagina", 1)
    )
    concept = selectors.concept_van_dossier(dossier=dossier)
    if form is None:
        heeft_definitieve = any(
            i.status == IntakeStatus.DEFINITIEF for i in pagina.object_list
        ) or (pagina.number > 1)
        form = StartForm(
            initial={
                "soort": IntakeSoort.HERONDERZOEK if heeft_definitieve else IntakeSoort.AANVRAAG,
                "instroombron": dossier.instroombron,
            }
        )
    context.update(
        {
            "pagina": pagina,
            "concept": concept,
            "concept_stap": eerste_open_stap(concept) if concept is not None else None,
            "start_form": form,
            "paginering_label": _("Paginering van de intakes"),
        }
    )
    return context


@login_required
@require_GET
def intake_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Intake" tab (plugged into dossiers:tab through ``registreer_tab``)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_intakes")
    return render(request, "intake/tab.html", _tab_context(request, dossier))


@login_required
@require_POST
def starten(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="start_intake", wijzigen=True)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            intake = services.start_intake(
                dossier=dossier,
                soort=form.cleaned_data["soort"],
                instroombron=form.cleaned_data["instroombron"],
                door=request.user,
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(request, _("De intake is gestart. U kunt elke stap apart opslaan."))
            return redirect("intake:stap", pk=dossier.pk, intake_pk=intake.pk, stap="persoon")
    return render(request, "intake/tab.html", _tab_context(request, dossier, form))


# --- one step ------------------------------------------------------------------------------


def _stappen_nav(request, dossier: Dossier, intake: Intake, huidig: str, vertrouwelijk: bool):
    return [
        {
            "stap": stap,
            "status": selectors.stap_status(intake, stap, vertrouwelijk=vertrouwelijk),
            "url": reverse("intake:stap", args=[dossier.pk, intake.pk, stap.slug]),
            "huidig": stap.slug == huidig,
        }
        for stap in STAPPEN
    ]


def _markeer_burger(form: StapForm, stap: Stap, intake: Intake, opgeslagen: dict) -> None:
    """Show per field what the burger filled in (the same, or different from now).

    A help text is trusted HTML (Django's and the nlds pack's field templates render it
    unescaped), so the burger's answer enters it only through format_html, escaped.
    """
    burger = intake.burger_antwoorden.get(stap.slug) or {}
    for naam, waarde in burger.items():
        if naam not in form.fields:
            continue
        veld = form.fields[naam]
        if opgeslagen.get(naam) == waarde:
            merk = conditional_escape(_("Ingevuld door burger."))
        else:
            merk = format_html(
                _("De burger vulde in: {waarde}."), waarde=waarde_tekst(veld, waarde)
            )
        veld.help_text = format_html("{} {}", veld.help_text, merk) if veld.help_text else merk


def _foutregels_form(form: StapForm) -> list[dict[str, str]]:
    return [{"anker": f"#{a}" if a else "", "melding": m} for a, m in form.foutregels()]


@login_required
@require_http_methods(["GET", "POST"])
def stap(request: HttpRequest, pk: int, intake_pk: int, stap: str) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="bekijk_intakestap", wijzigen=True)
    definitie = STAP_PER_SLUG.get(stap)
    if definitie is None:
        raise Http404
    intake = selectors.intake_van_dossier(dossier=dossier, pk=intake_pk, vertrouwelijk=True)
    if not intake.is_concept:
        return redirect(reverse("intake:detail", args=[dossier.pk, intake.pk]) + f"#stap-{stap}")
    ref = laad_referentie()
    opgeslagen = services.antwoorden_van_stap(intake, definitie, vertrouwelijk=True)
    initial = services.initial_voor_stap(definitie, opgeslagen, dossier, intake)
    if request.method == "POST":
        form = definitie.form(request.POST, initial=initial, ref=ref)
        if form.is_valid():
            try:
                services.sla_stap_op(
                    intake=intake,
                    stap=definitie.slug,
                    antwoorden=form.antwoorden(),
                    door=request.user,
                    request=request,
                )
            except ValidationError as exc:
                voeg_servicefout_toe(form, exc)
            else:
                return _na_opslaan(request, dossier, intake, definitie)
    else:
        form = definitie.form(initial=initial, ref=ref)
    _markeer_burger(form, definitie, intake, opgeslagen)
    if intake.vertrouwelijke_antwoorden.get(definitie.slug) or (
        intake.vorige is not None and intake.vorige.vertrouwelijke_antwoorden.get(definitie.slug)
    ):
        selectors.log_vertrouwelijke_inzage(
            user=request.user, dossier=dossier, request=request, operatie="bekijk_intakestap"
        )
    context = _context(request, dossier)
    vorige, volgende = vorige_stap(definitie.slug), volgende_stap(definitie.slug)
    context.update(
        {
            "intake": intake,
            "stap": definitie,
            "form": form,
            "foutregels": _foutregels_form(form) if form.is_bound else [],
            "nav": _stappen_nav(request, dossier, intake, definitie.slug, True),
            "weergave": selectors.stap_weergave(intake, definitie, ref=ref, vertrouwelijk=True),
            "vorige_stap": vorige,
            "volgende_stap": volgende,
            "stapnummer": STAPPEN.index(definitie) + 1,
            "aantal_stappen": len(STAPPEN),
            "is_scores": isinstance(form, ScoresForm),
            "is_belemmeringen": isinstance(form, BelemmeringenForm),
            "vaste_regels": [
                r
                for r in form.weergave(initial, verberg=frozenset())
                if r.naam in form.fields and form.fields[r.naam].disabled
            ],
        }
    )
    if isinstance(form, TaalForm):
        niveau = form["taalniveau"].value()
        context["taaleis"] = taaleis_voldaan(niveau)
    return render(request, "intake/stap.html", context, status=200)


def _na_opslaan(request, dossier: Dossier, intake: Intake, definitie: Stap) -> HttpResponse:
    actie = request.POST.get("actie", "opslaan")
    if actie == "volgende":
        volgende = volgende_stap(definitie.slug)
        if volgende is None:
            return redirect("intake:afronden", pk=dossier.pk, intake_pk=intake.pk)
        return redirect("intake:stap", pk=dossier.pk, intake_pk=intake.pk, stap=volgende.slug)
    if actie == "vorige" and vorige_stap(definitie.slug) is not None:
        return redirect(
            "intake:stap", pk=dossier.pk, intake_pk=intake.pk, stap=vorige_stap(definitie.slug).slug
        )
    messages.success(
        request, _("De stap %(titel)s is opgeslagen.") % {"titel": str(definitie.titel).lower()}
    )
    return redirect("intake:stap", pk=dossier.pk, intake_pk=intake.pk, stap=definitie.slug)


# --- finalising ----------------------------------------------------------------------------


def _fout_links(dossier: Dossier, intake: Intake, fouten: dict[str, list[str]]) -> list[dict]:
    """Service errors as links to the field in its step (error summary of the afronden page)."""
    regels = []
    for veld, meldingen in fouten.items():
        slug = stap_van_veld(veld)
        anker = ""
        if slug is not None:
            if veld.startswith("belemmeringen."):
                anker = "#id_" + veld.replace(".", "-")
            elif veld != "belemmeringen":
                anker = f"#id_{veld}"
            anker = reverse("intake:stap", args=[dossier.pk, intake.pk, slug]) + anker
        regels.extend({"anker": anker, "melding": str(m)} for m in meldingen)
    return regels


@login_required
@require_http_methods(["GET", "POST"])
def afronden(request: HttpRequest, pk: int, intake_pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="bekijk_intake", wijzigen=True)
    intake = selectors.intake_van_dossier(dossier=dossier, pk=intake_pk, vertrouwelijk=True)
    if not intake.is_concept:
        return redirect("intake:detail", pk=dossier.pk, intake_pk=intake.pk)
    ref = laad_referentie()
    fouten = services.controleer_volledig(intake, ref)
    foutregels: list[dict] = []
    if request.method == "POST":
        try:
            services.rond_intake_af(intake=intake, door=request.user, request=request)
        except ValidationError as exc:
            fouten = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            foutregels = _fout_links(dossier, intake, fouten)
        else:
            messages.success(
                request,
                _(
                    "De intake is definitief. De scores, belemmeringen en het werkprofiel zijn "
                    "bijgewerkt. Maak nu samen het plan van aanpak."
                ),
            )
            return redirect("intake:detail", pk=dossier.pk, intake_pk=intake.pk)
    scores = services.antwoorden_van_stap(intake, STAP_PER_SLUG["scores"], vertrouwelijk=True)
    context = _context(request, dossier)
    context.update(
        {
            "intake": intake,
            "nav": _stappen_nav(request, dossier, intake, "", True),
            "foutregels": foutregels,
            "ontbreekt": _fout_links(dossier, intake, fouten),
            "aantal_gescoord": sum(
                1 for lg in ref.leefgebieden if scores.get(f"score_{lg.code}") is not None
            ),
            "aantal_leefgebieden": len(ref.leefgebieden),
            "trede": scores.get("trede"),
            "profiel": services.profielvelden(intake),
            "aantal_belemmeringen": len(
                services.antwoorden_van_stap(
                    intake, STAP_PER_SLUG["belemmeringen"], vertrouwelijk=True
                ).get("belemmeringen")
                or []
            ),
            "aantal_vaardigheden": len(services.vaardigheden_van(intake)),
        }
    )
    return render(request, "intake/afronden.html", context)


# --- read-only -----------------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, pk: int, intake_pk: int) -> HttpResponse:
    dossier = _laad_dossier(request, pk, operatie="bekijk_intake")
    vertrouwelijk = selectors.gebruiker_mag_vertrouwelijk(request.user, dossier)
    intake = selectors.intake_van_dossier(
        dossier=dossier, pk=intake_pk, vertrouwelijk=vertrouwelijk
    )
    ref = laad_referentie()
    if selectors.toont_vertrouwelijks(intake, vertrouwelijk=vertrouwelijk):
        selectors.log_vertrouwelijke_inzage(
            user=request.user, dossier=dossier, request=request, operatie="bekijk_intake"
        )
    context = _context(request, dossier)
    context.update(
        {
            "intake": intake,
            "weergaven": selectors.intake_weergave(intake, ref=ref, vertrouwelijk=vertrouwelijk),
            "concept_stap": eerste_open_stap(intake) if intake.is_concept else None,
        }
    )
    return render(request, "intake/detail.html", context)
