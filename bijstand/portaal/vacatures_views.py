"""Burgerportaal: "Vacatures voor u" and "Mijn werkprofiel voor werkgevers" (B1 Dutch).

Only the burger's own dossier (never named in a URL), read through ``dossier_voor_gebruiker``
(scope + dataverwerkingen log, activiteit "portaal"). Making the job profile visible to
employers is an opt-in the person can revoke at any time; it is written through
``perspectief.services.werk_profiel_bij`` (which logs) and noted in the journaal, so the
werkcoach knows.
"""

from __future__ import annotations

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
from bijstand.dossiers.selectors import actief_dossier_van_burger, dossier_voor_gebruiker
from bijstand.dossiers.services import voeg_journaalregel_toe
from perspectief.matching import FYSIEK_RANG, TAAL_RANG, Eisen, Kandidaat
from perspectief.models import Beroep, Profiel
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN
from perspectief.services import werk_profiel_bij
from vacatures import selectors as vacatures_selectors
from vacatures.matching import eisen_van, kandidaat_van

from .views import burger_vereist

ACTIVITEIT = "portaal"
PAGINA_GROOTTE = 10
TAAL_B1 = {
    "onder_1f": gettext_lazy("een beetje Nederlands"),
    "1f": gettext_lazy("eenvoudig Nederlands (niveau 1F)"),
    "2f": gettext_lazy("goed Nederlands (niveau 2F)"),
    "hoger": gettext_lazy("heel goed Nederlands"),
}


def _eigen_dossier(request, operatie: str) -> Dossier | None:
    eigen = actief_dossier_van_burger(user=request.user)
    if eigen is None:
        return None
    return dossier_voor_gebruiker(
        user=request.user,
        pk=eigen.pk,
        request=request,
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=("werkprofiel",),
    )


def nog_nodig(kandidaat: Kandidaat, eisen: Eisen) -> list[str]:
    """What the person still needs for this job, in plain words (B1)."""
    uit = []
    for code in eisen.certificaten:
        if code not in kandidaat.certificaten:
            uit.append(
                _("Een diploma of certificaat: %(naam)s.") % {"naam": CERTIFICATEN.get(code, code)}
            )
    for code in eisen.rijbewijzen:
        if code not in kandidaat.rijbewijzen:
            uit.append(_("Een rijbewijs: %(naam)s.") % {"naam": RIJBEWIJZEN.get(code, code)})
    if TAAL_RANG.get(kandidaat.taalniveau, 0) < TAAL_RANG.get(eisen.taalniveau, 0):
        uit.append(
            _("Voor dit werk spreekt u %(niveau)s.") % {"niveau": TAAL_B1.get(eisen.taalniveau, "")}
        )
    if FYSIEK_RANG.get(eisen.fysieke_belasting, 2) > FYSIEK_RANG.get(
        kandidaat.max_fysieke_belasting, 3
    ):
        uit.append(_("Dit werk is lichamelijk zwaarder dan wat u nu kunt."))
    if eisen.uren_per_week_min and kandidaat.uren_per_week < eisen.uren_per_week_min:
        uit.append(_("U werkt minstens %(uren)s uur per week.") % {"uren": eisen.uren_per_week_min})
    if kandidaat.blokkerende_belemmeringen:
        uit.append(_("Eerst lossen we samen een probleem op dat werken nu moeilijk maakt."))
    return uit


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
    if profiel is not None:
        kandidaat = kandidaat_van(profiel)
        for p in pagina.object_list:
            p.nog_nodig = nog_nodig(kandidaat, eisen_van(p.vacature))
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


def _voorbeeld(profiel: Profiel) -> dict[str, Any]:
    """What an employer would see: no name, no BSN, no address, no contact details."""
    beroepen = dict(
        Beroep.objects.filter(isco_code__in=profiel.beroepen_ervaring or []).values_list(
            "isco_code", "naam"
        )
    )
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


def _zet_zichtbaarheid(request, dossier: Dossier, profiel: Profiel, zichtbaar: bool) -> None:
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
