"""The consulent's "Dienstverband registreren" (tab Inkomen of the dossier).

Access as every inkomen screen (:mod:`inkomen.views`): role (403), scope (404, logged read),
object rule ``inkomen.registreer_dienstverband`` (the werkcoach or the inkomensconsulent of the
dossier, 403). The werkgever comes from the register (search on the page, paginated; choosing
one fills in its KvK-nummer, no script) or is new (naam + KvK-nummer).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import selectors_werk, services
from .forms import DienstverbandForm, WerkgeverZoekForm

ACTIVITEIT = "uitkering"
VELDEN = {"werkgever_naam": "naam"}


@login_required
@require_http_methods(["GET", "POST"])
def dienstverband_registreren(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_voor_scherm(
        request,
        pk,
        scherm="inkomen.view_inkomen_scherm",
        rechten=("inkomen.registreer_dienstverband",),
        operatie="bekijk_dienstverbanden",
        activiteit=ACTIVITEIT,
        soorten_gegevens=("identificatie", "werk"),
    )
    kvk = request.GET.get("kvk", "")[:8]
    form = DienstverbandForm(request.POST or None, initial={"kvk_nummer": kvk} if kvk else None)
    if request.method == "POST" and form.is_valid():
        try:
            dienstverband = services.registreer_dienstverband(
                werkzoekende=dossier.werkzoekende, door=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc, VELDEN)
        else:
            if getattr(dienstverband, "al_vastgelegd", False):
                messages.info(request, _("Dit dienstverband was al geregistreerd."))
            else:
                messages.success(
                    request,
                    _(
                        "Het dienstverband bij %(werkgever)s is geregistreerd. Loongegevens van "
                        "deze werkgever voor deze persoon worden vanaf %(van)s geaccepteerd."
                    )
                    % {
                        "werkgever": dienstverband.werkgever.naam,
                        "van": f"{dienstverband.van:%d-%m-%Y}",
                    },
                )
            return redirect(
                reverse("dossiers:tab", args=[dossier.pk, "inkomen"]) + "#dienstverbanden"
            )
    zoekform = WerkgeverZoekForm(request.GET if "zoek" in request.GET else None)
    gevonden = None
    if zoekform.is_bound and zoekform.is_valid():
        gevonden = pagineer(
            request, selectors_werk.zoek_werkgevers(zoekform.cleaned_data["zoek"]), "pagina", 10
        )
    context = dossier_context(request, dossier, "inkomen")
    context.update({"form": form, "zoekform": zoekform, "gevonden": gevonden})
    return render(request, "inkomen/dienstverband_registreren.html", context)
