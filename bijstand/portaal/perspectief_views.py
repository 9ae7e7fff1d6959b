"""Burgerportaal: "Mijn perspectief" and the self-assessment on the 13 leefgebieden (B1).

The portal sits on top of the perspectief app: it reads through ``perspectief.selectors`` and
writes the self-assessment through ``perspectief.services.registreer_meting`` (bron
"zelfbeoordeling", may be partial; the werkcoach sees it beside their own scores). Only the
burger's own dossier, found from the logged-in account (never from the URL), read through
``dossier_voor_gebruiker`` (scope + dataverwerkingen log, activiteit "portaal"). The burger
sees all of their own data, confidential domains included, with the plain labels
(``Leefgebied.burger_label``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.portaal.eigen import eigen_dossier
from perspectief import selectors as perspectief_selectors
from perspectief import services as perspectief_services
from perspectief.forms import ZelfbeoordelingForm

from .views import burger_vereist

ACTIVITEIT = "portaal"
AANTAL_BEROEPEN = 5
SOORTEN = ("leefgebieden", "participatieladder", "belemmeringen", "vaardigheden", "werkprofiel")


_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT)


def _beroepen(profiel, fits) -> list[dict[str, Any]]:
    kandidaat = perspectief_selectors.profiel_kandidaat(profiel)
    return [
        {
            "naam": f.beroep.naam,
            "past": f.past,
            "kansrijk": f.beroep.kansrijk,
            "nodig": [perspectief_selectors.tekort_in_b1(g) for g in f.fit.gaten],
            "goed": perspectief_selectors.pluspunten_in_b1(f, kandidaat),
        }
        for f in fits[:AANTAL_BEROEPEN]
    ]


@require_GET
@burger_vereist
def mijn_perspectief(request):
    """Where I stand, what I am working on, which jobs fit me and what I still need."""
    context: dict[str, Any] = {"nav": "perspectief"}
    dossier = _eigen_dossier(request, "portaal_bekijk_perspectief", SOORTEN)
    if dossier is None:
        return render(request, "portaal/perspectief/mijn_perspectief.html", context)
    ontwikkel = perspectief_selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=True)
    profiel = perspectief_selectors.profiel_van(dossier)
    fits = perspectief_selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
    context.update(
        {
            "dossier": dossier,
            "ontwikkel": ontwikkel,
            "grafiek": ontwikkel.grafiek(burger=True),
            "belemmeringen": list(
                perspectief_selectors.belemmeringen_van(
                    dossier_id=dossier.pk, vertrouwelijk=True
                ).filter(actief=True)[:10]
            ),
            "beroepen": _beroepen(profiel, fits),
            "ervaring": perspectief_selectors.ervaring_van(profiel),
            "vaardigheden": list(
                perspectief_selectors.vaardigheden_van(dossier_id=dossier.pk)[:10]
            ),
        }
    )
    return render(request, "portaal/perspectief/mijn_perspectief.html", context)


@require_http_methods(["GET", "POST"])
@burger_vereist
def zelfbeoordeling(request):
    """The burger scores the leefgebieden themself; skipping a domain is fine."""
    context: dict[str, Any] = {"nav": "perspectief"}
    dossier = _eigen_dossier(request, "portaal_zelfbeoordeling", ("leefgebieden",))
    if dossier is None:
        return render(request, "portaal/perspectief/zelfbeoordeling.html", context)
    leefgebieden = perspectief_selectors.leefgebieden()
    form = ZelfbeoordelingForm(
        request.POST if request.method == "POST" else None, leefgebieden=leefgebieden
    )
    if request.method == "POST" and form.is_valid():
        try:
            perspectief_services.registreer_meting(
                dossier=dossier,
                bron="zelfbeoordeling",
                trede=None,
                door=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Dank u wel. Uw werkcoach ziet nu wat u zelf heeft ingevuld.")
            )
            return redirect("portaal:perspectief")
    context.update({"dossier": dossier, "form": form})
    return render(request, "portaal/perspectief/zelfbeoordeling.html", context)
