"""Burgerportaal: "Wijziging doorgeven" (B1 Dutch).

The burger tells us what changes in their life (verhuizen, samenwonen, iemand komt erbij of
gaat weg, opname, buitenland, geboorte) and from which day, with a short explanation. Werk
gevonden has its own page (``portaal:werk_gevonden``); this page links to it. The wijziging
goes to the consulent's worklist (``bijstand.dossiers.wijzigingen``). Only the burger's own
active dossier, never named in the URL; a double submit is stored once (hidden key).
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.dossiers import wijzigingen
from bijstand.dossiers.models_wijziging import WijzigingSoort
from bijstand.portaal.eigen import eigen_dossier
from inkomen.forms import IdempotenteForm

from .views import burger_vereist

ACTIVITEIT = "portaal"
OPERATIE = "portaal_wijziging"
_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT, alleen_actief=True)
# Werk gevonden has its own page: not a choice here.
PORTAAL_SOORTEN = [
    (waarde, label)
    for waarde, label in WijzigingSoort.choices
    if waarde != WijzigingSoort.WERK_GEVONDEN
]


class WijzigingForm(IdempotenteForm):
    soort = forms.ChoiceField(
        label=gettext_lazy("Wat verandert er?"),
        choices=PORTAAL_SOORTEN,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies wat er verandert."),
            "invalid_choice": gettext_lazy("Kies wat er verandert."),
        },
    )
    ingangsdatum = forms.DateField(
        label=gettext_lazy("Vanaf welke dag?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Weet u de dag niet precies? Vul dan de dag in die u denkt."),
        error_messages={
            "required": gettext_lazy("Vul de dag in waarop het verandert."),
            "invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 01-04-2026."),
        },
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Vertel er kort iets over"),
        required=False,
        max_length=wijzigingen.TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: wie er bij u komt wonen, of uw nieuwe adres. Hoogstens 2000 tekens."
        ),
        error_messages={
            "max_length": gettext_lazy("Schrijf hoogstens 2000 tekens."),
        },
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def wijziging_doorgeven(request):
    context = {"nav": "wijziging"}
    dossier = _eigen_dossier(request, OPERATIE, ("identificatie", "wijziging"))
    if dossier is None:
        return render(request, "portaal/wijziging.html", {**context, "dossier": None})
    form = WijzigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wijziging = wijzigingen.meld_wijziging(
                dossier=dossier,
                door=request.user,
                soort=form.cleaned_data["soort"],
                ingangsdatum=form.cleaned_data["ingangsdatum"],
                toelichting=form.cleaned_data.get("toelichting") or "",
                idempotentiesleutel=form.cleaned_data["idempotentiesleutel"],
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            if wijziging.al_vastgelegd:
                messages.info(
                    request,
                    _(
                        "U had deze wijziging al doorgegeven. We hebben hem niet nog een keer "
                        "opgeslagen."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Dank u wel. We hebben uw wijziging ontvangen. Uw consulent kijkt ernaar. "
                        "Hebben we meer van u nodig? Dan hoort u dat van ons."
                    ),
                )
            return redirect("portaal:wijziging")
    eerdere = list(wijzigingen.wijzigingen_van_dossier(dossier=dossier)[:20])
    return render(
        request,
        "portaal/wijziging.html",
        {**context, "dossier": dossier, "form": form, "eerdere": eerdere},
    )
