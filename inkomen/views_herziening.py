"""Staff screen: herziening art. 54 lid 3 for a household wijziging (issue 14).

GET shows per calculated month from the ingangsdatum the current bijstand, the new bijstand
and the difference (nothing is written); POST confirms: the months are recalculated and the
differences booked (``inkomen.herziening``). Only the dossier's consulenten (rule
``dossiers.behandel_wijziging``, else 403); a wijziging out of scope gives 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bijstand.dossiers import wijzigingen
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import herziening, rekenregels


@login_required
@require_http_methods(["GET", "POST"])
def herziening_scherm(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("accounts.view_caseload"):
        raise PermissionDenied
    wijziging = wijzigingen.wijziging_voor_gebruiker(user=request.user, pk=pk)
    if wijziging is None:
        raise Http404
    dossier = dossier_voor_scherm(
        request,
        wijziging.dossier_id,
        scherm="accounts.view_caseload",
        rechten=("dossiers.behandel_wijziging",),
        operatie="bekijk_herziening",
        activiteit="uitkering",
        soorten_gegevens=("identificatie", "huishouden", "uitkering"),
    )
    fout = ""
    maanden: list = []
    try:
        if request.method == "POST":
            herziening.bevestig_herziening(wijziging=wijziging, door=request.user, request=request)
            messages.success(
                request,
                _(
                    "De herziening is verwerkt. Het verschil is geboekt als nabetaling of "
                    "verrekeningsschuld."
                ),
            )
            return redirect("dossiers:wijziging", pk=wijziging.pk)
        maanden = herziening.bereken_herziening(
            wijziging=wijziging, door=request.user, request=request
        )
    except ValidationError as exc:
        fout = " ".join(exc.messages)
    except rekenregels.OngeldigeInvoer as exc:
        fout = _("De maanden zijn niet te berekenen: %(fout)s") % {"fout": exc}
    context = dossier_context(request, dossier, "inkomen")
    context.update(
        {
            "wijziging": wijziging,
            "maanden": maanden,
            "totaal": sum((m.verschil for m in maanden), start=0),
            "fout": fout,
        }
    )
    return render(request, "inkomen/herziening.html", context)
