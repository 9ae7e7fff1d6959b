"""The staff screens of the front door: the aanvraag team's worklist, the aanvraag page, a
bewijsstuk download and the dossier's "Aanvraag" tab. The actions on the aanvraag page are in
``views_acties``, the melding at the loket in ``views_melding``, the steps the loket fills for
the burger in ``views_stappen``.

Access, in this order (so a 403 never reveals whether an aanvraag exists):

1. anonymous -> login page;
2. a role that may never see it -> 403 (``aanvraag.view_aanvraag_scherm``,
   ``aanvraag.view_werklijst``; ``aanvraag/rules.py``);
3. an aanvraag the user may not see -> 404
   (``selectors_medewerker.aanvraag_voor_medewerker``, which writes the log line);
4. the object rule of an action -> 403.

Views are thin: reads through the selectors, writes through ``aanvraag.services``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bijstand.core import tijd
from bijstand.core.pagination import met_links
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.scope import mag_dossier_zien
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import beleid as aanvraagbeleid
from . import selectors
from .forms import StukForm
from .forms_medewerker import (
    AfwijzenForm,
    BuitenBehandelingForm,
    ChecklistForm,
    GeenVoorschotForm,
    InBehandelingForm,
    IngebrekestellingForm,
    StukkenOntvangenForm,
    StukkenOpvragenForm,
    ToekennenForm,
    VoorschotForm,
    WerklijstForm,
)
from .models import TE_BESLISSEN, Aanvraag, AanvraagStatus, StukType
from .selectors_medewerker import (
    aanvraag_voor_medewerker,
    besluit_van,
    brp_vergelijking,
    checklist_weergave,
    stappen_weergave,
    stuk_van_aanvraag,
    voorschot_van,
)
from .stappen import STAPPEN

ACTIVITEIT = "aanvraag"
SCHERM = "aanvraag.view_aanvraag_scherm"
CONTENT_TYPES = {
    StukType.PDF: "application/pdf",
    StukType.PNG: "image/png",
    StukType.JPEG: "image/jpeg",
}
EXTENSIES = {StukType.PDF: "pdf", StukType.PNG: "png", StukType.JPEG: "jpg"}


def laad_aanvraag(
    request: HttpRequest,
    pk: int,
    *,
    operatie: str,
    recht: str | None = None,
    soorten_gegevens: tuple[str, ...] | None = None,
) -> Aanvraag:
    """Role (403), scope (404, logged read), object rule ``recht`` (403): module docstring."""
    if not request.user.has_perm(SCHERM):
        raise PermissionDenied
    kwargs = {"soorten_gegevens": soorten_gegevens} if soorten_gegevens else {}
    aanvraag = aanvraag_voor_medewerker(
        user=request.user, pk=pk, request=request, operatie=operatie, **kwargs
    )
    if recht is not None and not request.user.has_perm(recht, aanvraag):
        raise PermissionDenied
    return aanvraag


# --- the aanvraag page ----------------------------------------------------------------------


def _standaard_formulieren(aanvraag: Aanvraag) -> dict[str, Any]:
    vandaag = tijd.vandaag()
    try:
        hersteldagen = aanvraagbeleid.beleid_op(vandaag).hersteltermijn_dagen
    except ValidationError:  # no policy recorded: the service says so when the form is sent
        hersteldagen = 14
    return {
        "behandeling": InBehandelingForm(prefix="behandeling"),
        "bewoners": InBehandelingForm(prefix="bewoners"),
        "opvragen": StukkenOpvragenForm(
            prefix="opvragen", initial={"termijn_tot": vandaag + timedelta(days=hersteldagen)}
        ),
        "ingebrekestelling": IngebrekestellingForm(
            prefix="ingebrekestelling", initial={"ontvangen_op": vandaag}
        ),
        "stuk": StukForm(prefix="stuk"),
        "toekennen": ToekennenForm(
            prefix="toekennen", initial={"ingangsdatum": aanvraag.melddatum}
        ),
        "afwijzen": AfwijzenForm(prefix="afwijzen"),
        "buiten": BuitenBehandelingForm(prefix="buiten"),
        "voorschot": VoorschotForm(prefix="voorschot"),
        "geenvoorschot": GeenVoorschotForm(prefix="geenvoorschot"),
    }


def herstel_prefix(pk: int) -> str:
    return f"herstel-{pk}"


def checklist_prefix(code: str) -> str:
    return f"controle-{code}"


def detail_context(
    request: HttpRequest, aanvraag: Aanvraag, gebonden: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    """Everything the aanvraag page shows; ``gebonden`` holds a form that failed (by key:
    a name of ``_standaard_formulieren``, ``herstel-<pk>`` or ``controle-<code>``)."""
    user = request.user
    gebonden = gebonden or {}
    vandaag = tijd.vandaag()
    dossier = aanvraag.dossier
    besluit = besluit_van(aanvraag)
    voorschot = voorschot_van(aanvraag)
    termijnen = selectors.termijnen_van(aanvraag, vandaag, heeft_voorschot=voorschot is not None)
    formulieren = _standaard_formulieren(aanvraag) | {
        k: v for k, v in gebonden.items() if "-" not in k
    }
    behandelaar = user.has_perm("aanvraag.behandel_aanvraag", aanvraag)
    te_beslissen = aanvraag.status in TE_BESLISSEN and besluit is None

    hersteltermijnen = list(aanvraag.hersteltermijnen.all())
    for h in hersteltermijnen:
        h.form = gebonden.get(herstel_prefix(h.pk)) or StukkenOntvangenForm(
            prefix=herstel_prefix(h.pk), initial={"ontvangen_op": vandaag}
        )
    checklist = checklist_weergave(aanvraag)
    for regel in checklist:
        regel.form = gebonden.get(checklist_prefix(regel.code)) or ChecklistForm(
            prefix=checklist_prefix(regel.code),
            initial={
                "uitkomst": regel.uitkomst,
                "toelichting": regel.toelichting,
            },
        )
    stappen = stappen_weergave(aanvraag)
    is_concept = aanvraag.status == AanvraagStatus.CONCEPT
    mag = {
        "dossier": mag_dossier_zien(user, dossier),
        "invullen": user.has_perm("aanvraag.vul_aanvraag_in", aanvraag),
        "in_behandeling": user.has_perm("aanvraag.neem_in_behandeling", aanvraag)
        and dossier.inkomensconsulent_id != user.pk,
        "behandelen": behandelaar and te_beslissen,
        "opvragen": behandelaar and te_beslissen and aanvraag.status == AanvraagStatus.INGEDIEND,
        "ingebrekestelling": te_beslissen
        and user.has_perm("aanvraag.registreer_ingebrekestelling", aanvraag),
        "stuk_toevoegen": besluit is None and user.has_perm("aanvraag.voeg_stuk_toe", aanvraag),
        "buiten_behandeling": termijnen.buiten_behandeling_uiterlijk is not None
        and vandaag <= termijnen.buiten_behandeling_uiterlijk,
        "voorschot": behandelaar
        and te_beslissen
        and voorschot is None
        and aanvraag.ontvangen_op is not None,
    }
    return {
        "aanvraag": aanvraag,
        "dossier": dossier,
        "werkzoekende": dossier.werkzoekende,
        "besluit": besluit,
        "voorschot": voorschot,
        "termijnen": termijnen,
        "vandaag": vandaag,
        "stappen": stappen,
        "aantal_stappen_klaar": sum(1 for s in stappen if s.ingevuld),
        "brp_regels": brp_vergelijking(aanvraag),
        "checklist": checklist,
        "vermogen_toets": selectors.vermogen_toets(aanvraag),
        "bewoners": selectors.bewoners_check(aanvraag),
        "checklist_compleet": all(r.uitkomst == "akkoord" for r in checklist),
        "hersteltermijnen": hersteltermijnen,
        "open_hersteltermijnen": [h for h in hersteltermijnen if h.is_open],
        "stukken": list(aanvraag.stukken.all()),
        "f": formulieren,
        "mag": mag,
        "losse_fout": _losse_fout(gebonden, mag, is_concept, aanvraag),
        "eerste_open_stap": next((s.slug for s in stappen if not s.ingevuld), "verklaring"),
        "is_concept": is_concept,
        "actieve_sectie": "aanvragen",
    }


def _losse_fout(
    gebonden: dict[str, forms.Form], mag: dict[str, bool], is_concept: bool, aanvraag: Aanvraag
) -> forms.Form | None:
    """A failed form whose section the page no longer shows (the situation changed, e.g. a
    second click after a voorschot was paid): its errors go at the top of the page."""
    zichtbaar = {
        "behandeling": mag["in_behandeling"],
        "opvragen": mag["opvragen"],
        "ingebrekestelling": mag["ingebrekestelling"],
        "stuk": mag["stuk_toevoegen"],
        "toekennen": mag["behandelen"],
        "afwijzen": mag["behandelen"],
        "buiten": mag["behandelen"] and mag["buiten_behandeling"],
        "voorschot": mag["voorschot"],
        "geenvoorschot": mag["voorschot"] and not aanvraag.geen_voorschot_reden,
    }
    for sleutel, form in gebonden.items():
        if sleutel.startswith(("herstel-", "controle-")):
            getoond = mag["behandelen"] and not is_concept
        else:
            getoond = zichtbaar.get(sleutel, False)
        if not getoond:
            return form
    return None


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The aanvraag page: status, terms, steps, stukken, checklist, actions, besluit."""
    aanvraag = laad_aanvraag(request, pk, operatie="bekijk_aanvraag")
    return render(request, "aanvraag/detail.html", detail_context(request, aanvraag))


def render_detail(
    request: HttpRequest, aanvraag: Aanvraag, sleutel: str, form: forms.Form
) -> HttpResponse:
    """The aanvraag page again with one failed form on it (nothing was changed)."""
    return render(
        request, "aanvraag/detail.html", detail_context(request, aanvraag, {sleutel: form})
    )


# --- a bewijsstuk ---------------------------------------------------------------------------


@login_required
@require_GET
def stuk(request: HttpRequest, pk: int, stuk_pk: int) -> FileResponse:
    """Stream a bewijsstuk from the private storage after the permission checks: always an
    attachment with the content type of the checked content, ``nosniff`` and ``no-store``;
    the file name is made up here. The download is logged."""
    aanvraag = laad_aanvraag(
        request, pk, operatie="download_bewijsstuk", soorten_gegevens=("bewijsstuk",)
    )
    gevonden = stuk_van_aanvraag(aanvraag, stuk_pk)
    try:
        bestand = gevonden.bestand.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    ext = EXTENSIES.get(gevonden.bestandstype, "bin")
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=f"bewijsstuk-{aanvraag.pk}-{gevonden.pk}-{gevonden.soort}.{ext}",
        content_type=CONTENT_TYPES.get(gevonden.bestandstype, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- the worklist ---------------------------------------------------------------------------


@login_required
@require_GET
def werklijst(request: HttpRequest) -> HttpResponse:
    """The aanvraag team's worklist, sorted by the end of the beslistermijn (GET: view and a
    name search; a BSN is refused)."""
    if not request.user.has_perm("aanvraag.view_werklijst"):
        raise PermissionDenied
    form = WerklijstForm(request.GET or None)
    weergave, zoek = "open", ""
    if form.is_bound and form.is_valid():
        weergave = form.cleaned_data["weergave"] or "open"
        zoek = form.cleaned_data["zoek"]
    elif form.is_bound:
        weergave = request.GET.get("weergave", "open")
        if weergave not in dict(form.fields["weergave"].choices):
            weergave = "open"
        if "zoek" in form.errors:
            # a BSN (or too long a text) leaves the address bar and every link on the page
            messages.error(request, form.errors["zoek"][0])
            return redirect(f"{reverse('aanvraag:werklijst')}?weergave={weergave}")
    pagina = selectors.werklijst_pagina(
        user=request.user,
        filters=selectors.WerklijstFilters(weergave=weergave, zoek=zoek),
        pagina=request.GET.get("pagina", 1),
        request=request,
    )
    met_links(request, pagina, "pagina", anker="werklijst")
    is_teamleider = request.user.rol == "teamleider"
    weergaven = [
        (waarde, label)
        for waarde, label in form.fields["weergave"].choices
        if not (is_teamleider and waarde == "eigen")
    ]
    return render(
        request,
        "aanvraag/werklijst.html",
        {
            "form": form,
            "pagina": pagina,
            "weergave": weergave,
            "weergaven": weergaven,
            "zoek": zoek,
            "actieve_sectie": "aanvragen",
        },
    )


# --- the dossier tab ------------------------------------------------------------------------


@login_required
@require_GET
def aanvraag_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Aanvraag" tab of the dossier page (plugged in through ``registreer_tab``)."""
    dossier: Dossier = dossier_voor_scherm(
        request,
        pk,
        scherm=SCHERM,
        rechten=("dossiers.view_dossier",),
        operatie="bekijk_aanvraag_tab",
        activiteit=ACTIVITEIT,
        soorten_gegevens=("identificatie", "aanvraag", "besluit"),
    )
    aanvraag = selectors.aanvraag_van_dossier(dossier)
    context = dossier_context(request, dossier, "aanvraag")
    context["tab_titel"] = _("Aanvraag")
    if aanvraag is not None:
        voortgang = selectors.voortgang(aanvraag)
        context.update(
            {
                "aanvraag": aanvraag,
                "termijnen": selectors.termijnen_van(aanvraag),
                "besluit": getattr(aanvraag, "besluit", None),
                "aantal_klaar": sum(1 for klaar in voortgang["stappen"].values() if klaar),
                "aantal_stappen": len(STAPPEN),
                "mag_aanvraag": request.user.has_perm("aanvraag.bekijk_aanvraag", aanvraag),
            }
        )
    return render(request, "aanvraag/tab.html", context)
