"""Burgerportaal: "Intake voorbereiden" in B1 Dutch.

Before the conversation with the werkcoach, the burger fills in the parts meant for them
(work and volunteer work, childcare, travel, wishes, hours). The answers are stored as draft
answers of the concept intake through ``intake.services.bereid_intake_voor``; the consulent sees
them marked "ingevuld door burger". Only the burger's own dossier, never named in a URL; every
page reads it through ``dossier_voor_gebruiker`` (scope + dataverwerkingen log, activiteit
"portaal").
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.portaal.eigen import eigen_dossier
from intake import selectors as intake_selectors
from intake import services as intake_services
from intake.stappen import BURGER_STAPPEN, STAP_PER_SLUG, laad_referentie

from .views import burger_vereist

ACTIVITEIT = "portaal"
SOORTEN = ("identificatie", "intake")


_eigen_dossier = partial(
    eigen_dossier, activiteit=ACTIVITEIT, soorten_gegevens=SOORTEN, alleen_actief=True
)


def _eerdere_antwoorden(concept, stap) -> dict[str, Any]:
    """What the burger sent before; else the current answers of their fields (e.g. from the
    previous intake at a heronderzoek), so they can check them."""
    if concept is None:
        return {}
    eigen = concept.burger_antwoorden.get(stap.slug)
    if eigen is not None:
        return eigen
    huidig = concept.antwoorden.get(stap.slug) or {}
    return {k: v for k, v in huidig.items() if k in stap.burger_velden}


@require_GET
@burger_vereist
def intake_voorbereiden(request):
    dossier = _eigen_dossier(request, "portaal_bekijk_intake_voorbereiden")
    context: dict[str, Any] = {"nav": "intake", "dossier": dossier}
    if dossier is None:
        return render(request, "portaal/intake/overzicht.html", context)
    concept = intake_selectors.concept_voor_burger(dossier=dossier)
    kan = concept is not None or intake_services.kan_burger_voorbereiden(dossier=dossier)
    onderdelen = []
    for stap in BURGER_STAPPEN:
        meta = (concept.stappen_meta.get(stap.slug) or {}) if concept else {}
        onderdelen.append(
            {
                "stap": stap,
                "ingevuld_op": parse_datetime(meta["burger_op"]) if meta.get("burger_op") else None,
            }
        )
    context.update({"kan_voorbereiden": kan, "onderdelen": onderdelen})
    return render(request, "portaal/intake/overzicht.html", context)


@require_http_methods(["GET", "POST"])
@burger_vereist
def intake_voorbereiden_stap(request, stap: str):
    definitie = STAP_PER_SLUG.get(stap)
    if definitie is None or not definitie.voor_burger:
        raise Http404
    dossier = _eigen_dossier(request, "portaal_bekijk_intake_voorbereiden")
    if dossier is None:
        return redirect("portaal:intake_voorbereiden")
    concept = intake_selectors.concept_voor_burger(dossier=dossier)
    if concept is None and not intake_services.kan_burger_voorbereiden(dossier=dossier):
        return redirect("portaal:intake_voorbereiden")
    ref = laad_referentie()
    initial = definitie.form_class.als_initial(_eerdere_antwoorden(concept, definitie))
    form = definitie.burger_form(request.POST or None, initial=initial, ref=ref)
    if request.method == "POST" and form.is_valid():
        try:
            intake_services.bereid_intake_voor(
                dossier=dossier,
                stap=definitie.slug,
                antwoorden=form.antwoorden(),
                burger=request.user,
                request=request,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for veld, fouten in exc.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Dank u wel. Uw antwoorden zijn bewaard. Uw werkcoach bespreekt ze met u."),
            )
            slugs = [s.slug for s in BURGER_STAPPEN]
            i = slugs.index(definitie.slug)
            if request.POST.get("actie") == "volgende" and i + 1 < len(slugs):
                return redirect("portaal:intake_voorbereiden_stap", stap=slugs[i + 1])
            return redirect("portaal:intake_voorbereiden")
    foutregels = []
    if form.is_bound:
        for anker, melding in form.foutregels():
            naam = next((n for n in form.fields if form.anker(n) == anker), None)
            label = form.fields[naam].label if naam else ""
            foutregels.append(
                {"anker": f"#{anker}" if anker else "", "melding": f"{label} {melding}".strip()}
            )
    slugs = [s.slug for s in BURGER_STAPPEN]
    return render(
        request,
        "portaal/intake/stap.html",
        {
            "nav": "intake",
            "dossier": dossier,
            "stap": definitie,
            "form": form,
            "foutregels": foutregels,
            "nummer": slugs.index(definitie.slug) + 1,
            "aantal": len(slugs),
            "is_laatste": definitie.slug == slugs[-1],
        },
    )
