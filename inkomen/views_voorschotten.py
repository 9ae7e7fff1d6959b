"""The screen "Voorschotten" of the medewerker betaalruns: the voorschotten (art. 52 PW) paid
outside the monthly run that still wait for a SEPA file, the button that makes the file, and the
files made before with their download (:mod:`inkomen.voorschotbestand`, ADR 0008).

Access: ``inkomen.download_betaalbestand`` (medewerker betaalruns only, ``inkomen/rules.py``),
for all three views: the list shows names, IBANs and amounts (no other case content), the file
holds the same. Every person shown or downloaded is logged. Anonymous users go to the login
page; other roles get 403; an unknown file 404.

The POST is safe to repeat: a second click finds nothing open and says so; a list that changed
since it was shown (back button, another tab) makes nothing and asks to check it again.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bijstand.core.pagination import pagineer
from bijstand.logboek.services import log_verwerking

from . import voorschotbestand
from .models import Voorschotbatch
from .rekenregels.opmaak import bedrag_nl
from .sepa import SepaFout

logger = logging.getLogger(__name__)

ACTIVITEIT = "uitkering"
PERM = "inkomen.download_betaalbestand"
BETALINGEN_PER_PAGINA = 50
BESTANDEN_PER_PAGINA = 10


def _controleer(request: HttpRequest) -> None:
    if not request.user.has_perm(PERM):
        raise PermissionDenied


@login_required
@require_GET
def voorschotten(request: HttpRequest) -> HttpResponse:
    """The open voorschot payments (count, total, the rows) and the files made before."""
    _controleer(request)
    aantal, totaal, kenmerk = voorschotbestand.samenvatting()
    pagina = pagineer(
        request,
        voorschotbestand.open_betalingen().select_related("dossier__werkzoekende"),
        "pagina",
        BETALINGEN_PER_PAGINA,
        anker="open",
    )
    if pagina.object_list:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="bekijk_voorschotbetalingen",
            subjects=[b.dossier.werkzoekende.log_subject for b in pagina],
            soorten_gegevens=["identificatie", "bankrekening", "uitkering"],
            actor=request.user,
            request=request,
        )
    response = render(
        request,
        "inkomen/voorschotten.html",
        {
            "aantal": aantal,
            "totaal": totaal,
            "kenmerk": kenmerk,
            "pagina": pagina,
            "bestanden": pagineer(
                request, voorschotbestand.batches(), "bestanden", BESTANDEN_PER_PAGINA, "bestanden"
            ),
            "actieve_sectie": "voorschotten",
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def maak_bestand(request: HttpRequest) -> HttpResponse:
    """ "Betaalbestand maken": collect the open payments into one file (POST, then redirect)."""
    _controleer(request)
    lijst = reverse("inkomen:voorschotten")
    try:
        batch = voorschotbestand.maak_voorschotbatch(
            door=request.user, verwacht_kenmerk=str(request.POST.get("kenmerk", ""))[:64]
        )
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return redirect(f"{lijst}#open")
    except SepaFout:
        logger.exception("Voorschotbestand niet gemaakt")
        messages.error(
            request,
            _(
                "Het betaalbestand kon niet worden gemaakt. Er is niets veranderd. "
                "Meld dit bij beheer."
            ),
        )
        return redirect(f"{lijst}#open")
    if batch is None:
        messages.info(
            request,
            _("Er staan geen voorschotten open. Er is geen nieuw betaalbestand gemaakt."),
        )
        return redirect(f"{lijst}#bestanden")
    messages.success(
        request,
        _(
            "Het betaalbestand %(bericht)s is gemaakt: %(aantal)s voorschotten, samen € "
            "%(totaal)s. Download het en lever het aan bij de bank."
        )
        % {"bericht": batch.bericht_id, "aantal": batch.aantal, "totaal": bedrag_nl(batch.totaal)},
    )
    return redirect(f"{lijst}#bestand-{batch.pk}")


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    """Stream one file from private storage after the permission check; logs every person in
    it and records the first download."""
    _controleer(request)
    batch = Voorschotbatch.objects.filter(pk=pk).first()
    if batch is None or not batch.bestand:
        raise Http404
    try:
        bestand = batch.bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    voorschotbestand.registreer_download(batch=batch, door=request.user, request=request)
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=f"voorschotten-{batch.bericht_id}.xml",
        content_type="application/xml",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
