"""Burgerportaal "Hulp vragen" during nazorg after uitstroom naar werk (issue 14). B1 Dutch.

The burger's nazorg is read through ``plan.nazorg`` (only their own ended dossier with reason
werk, while the nazorg period runs); the request lands on the werkcoach's nazorg worklist.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bijstand.logboek.services import log_verwerking
from plan import nazorg as plan_nazorg

from .views import burger_vereist


class HulpForm(forms.Form):
    tekst = forms.CharField(
        label=gettext_lazy("Waar wilt u hulp bij?"),
        help_text=gettext_lazy("Schrijf kort wat er speelt. Uw werkcoach neemt contact met u op."),
        max_length=plan_nazorg.MAX_TEKST,
        error_messages={"required": gettext_lazy("Schrijf waar u hulp bij wilt.")},
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def hulp_vragen(request):
    lopend = plan_nazorg.lopende_nazorg(user=request.user)
    form = HulpForm(request.POST if request.method == "POST" else None)
    if lopend is not None:
        log_verwerking(
            activiteit="portaal",
            operatie="portaal_bekijk_nazorg",
            subjects=[lopend.dossier.werkzoekende.log_subject],
            soorten_gegevens=["nazorg"],
            actor=request.user,
            request=request,
        )
        if request.method == "POST" and form.is_valid():
            try:
                plan_nazorg.vraag_hulp(
                    nazorg=lopend, vraag=form.cleaned_data["tekst"], door=request.user
                )
            except ValidationError as fout:
                form.add_error("tekst", fout.messages)
            else:
                messages.success(
                    request, _("Uw vraag is verstuurd. Uw werkcoach neemt contact met u op.")
                )
                return redirect("portaal:nazorg_hulp")
    return render(
        request,
        "portaal/nazorg_hulp.html",
        {"nav": "nazorg_hulp", "nazorg": lopend, "form": form},
        status=200 if request.method == "GET" or lopend is not None else 400,
    )
