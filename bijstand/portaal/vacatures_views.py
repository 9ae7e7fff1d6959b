"""Burgerportaal: "Vacatures voor u" and "Mijn werkprofiel voor werkgevers" (B1 Dutch).

Only the burger's own dossier (never named in a URL), read through ``dossier_voor_gebruiker``
(scope + dataverwerkingen log, activiteit "portaal"). Making the job profile visible to
employers is an opt-in the person can revoke at any time; it is written through
``perspectief.services.werk_profiel_bij`` (which logs) and noted in the journaal, so the
werkcoach knows.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.dossiers.models import Dossier, JournaalSoort, Zichtbaarheid
from bijstand.dossiers.services import voeg_journaalregel_toe
from bijstand.portaal.eigen import eigen_dossier
from perspectief import selectors as perspectief_selectors
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN
from perspectief.services import werk_profiel_bij
from vacatures import selectors as vacatures_selectors

from .views import burger_vereist

ACTIVITEIT = "portaal"
PAGINA_GROOTTE = 10


_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT, soorten_gegevens=("werkprofiel",))


@require_GET
@burger_vereist
def vacatures(request):
    context: dict[str, Any] = {"nav": "vacatures"}
    dossier = _eigen_dossier(request, "portaal_bekijk_vacatures")
    profiel = vacatures_selectors.profiel_van(dossier=dossier) if dossier else None
    passend = (
        vacatures_selectors.vacatures_voor_burger(profiel=profiel)
        if dossier is not None and dossier.is_actief
        else []
    )
    pagina = Paginator(passend, PAGINA_GROOTTE).get_page(request.GET.get("pagina", 1))
    for p in pagina.object_list:
        # the gaps the matching found, in plain words (not worked out a second time)
        p.nog_nodig = [perspectief_selectors.tekort_in_b1(g) for g in p.fit.gaten]
    context.update({"dossier": dossier, "profiel": profiel, "page": pagina})
    return render(request, "portaal/vacatures/vacatures.html", context)


class WerkprofielForm(forms.Form):
    zichtbaar = forms.ChoiceField(
        label=gettext_lazy("Mogen werkgevers uw werkprofiel zien?"),
        choices=[
            ("ja", gettext_lazy("Ja, werkgevers mogen mijn werkprofiel zien (zonder mijn naam)")),
            ("nee", gettext_lazy("Nee, werkgevers mogen mijn werkprofiel niet zien")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies ja of nee.")},
    )


def _voorbeeld(profiel: Any) -> dict[str, Any]:
    """What an employer would see: no name, no BSN, no address, no contact details."""
    beroepen = perspectief_selectors.beroepnamen(profiel.beroepen_ervaring or [])
    return {
        "ervaring": [beroepen.get(c, c) for c in profiel.beroepen_ervaring or []],
        "certificaten": [CERTIFICATEN.get(c, c) for c in profiel.certificaten or []],
        "rijbewijzen": [RIJBEWIJZEN.get(c, c) for c in profiel.rijbewijzen or []],
        "taalniveau": profiel.get_taalniveau_display(),
        "uren_per_week": profiel.uren_per_week,
        "fysiek": profiel.get_max_fysieke_belasting_display(),
    }


@require_http_methods(["GET", "POST"])
@burger_vereist
def werkprofiel(request):
    context: dict[str, Any] = {"nav": "vacatures"}
    dossier = _eigen_dossier(request, "portaal_bekijk_werkprofiel")
    profiel = vacatures_selectors.profiel_van(dossier=dossier) if dossier else None
    form = None
    if profiel is not None:
        form = WerkprofielForm(
            request.POST if request.method == "POST" else None,
            initial={"zichtbaar": "ja" if profiel.zichtbaar_voor_werkgevers else "nee"},
        )
        if request.method == "POST" and form.is_valid():
            zichtbaar = form.cleaned_data["zichtbaar"] == "ja"
            if zichtbaar and not dossier.is_actief:
                form.add_error(
                    "zichtbaar",
                    _("Uw dossier is gesloten. U kunt uw werkprofiel niet meer laten zien."),
                )
            else:
                _zet_zichtbaarheid(request, dossier, profiel, zichtbaar)
                return redirect("portaal:werkprofiel")
        context["voorbeeld"] = _voorbeeld(profiel)
    context.update({"dossier": dossier, "profiel": profiel, "form": form})
    return render(request, "portaal/vacatures/werkprofiel.html", context)


def _zet_zichtbaarheid(request, dossier: Dossier, profiel: Any, zichtbaar: bool) -> None:
    if profiel.zichtbaar_voor_werkgevers == zichtbaar:
        messages.info(request, _("Er is niets veranderd."))
        return
    with transaction.atomic():
        werk_profiel_bij(dossier=dossier, door=request.user, zichtbaar_voor_werkgevers=zichtbaar)
        voeg_journaalregel_toe(
            dossier=dossier,
            auteur=request.user,
            soort=JournaalSoort.SYSTEEM,
            onderwerp=_("Werkprofiel voor werkgevers"),
            tekst=_("U heeft uw werkprofiel zichtbaar gemaakt voor werkgevers.")
            if zichtbaar
            else _("U heeft uw werkprofiel verborgen voor werkgevers."),
            zichtbaarheid=Zichtbaarheid.EXTERN,
            activiteit=ACTIVITEIT,
        )
    if zichtbaar:
        messages.success(
            request,
            _("Werkgevers kunnen uw werkprofiel nu zien. Ze zien niet wie u bent."),
        )
    else:
        messages.success(request, _("Werkgevers kunnen uw werkprofiel niet meer zien."))
