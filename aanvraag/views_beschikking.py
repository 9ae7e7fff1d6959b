"""Staff: download the beschikking (PDF) of a besluit, and the letter of a hersteltermijn
("Verzoek om aanvullende gegevens", :mod:`aanvraag.herstelbrief`) with the same rules.

Access, in the project's order: anonymous -> login page; a role that never reads case content
(beheer, privacy, betaalrun, burger) -> 403; a besluit the user may not see (not their
aanvraag, dossier or team) or one without a PDF -> 404, so a 403 never tells that it exists.
Who may read it: :func:`aanvraag.beschikking.mag_beschikking_zien`. Every download is logged
(activiteit "aanvraag", operatie "download_beschikking" / "download_herstelbrief").
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from . import beschikking, herstelbrief


def pdf_response(data: bytes, bestandsnaam: str) -> HttpResponse:
    """The PDF as an attachment: never sniffed, never cached."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def beschikking_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    if getattr(request.user, "rol", None) not in beschikking.MEDEWERKER_ROLLEN:
        raise PermissionDenied
    besluit = beschikking.besluit_voor_medewerker(request.user, pk)
    if besluit is None:
        raise Http404
    data = beschikking.lees_pdf(
        besluit=besluit,
        door=request.user,
        request=request,
        activiteit=beschikking.ACTIVITEIT,
        operatie="download_beschikking",
    )
    if data is None:
        raise Http404
    return pdf_response(data, beschikking.bestandsnaam(besluit))


@login_required
@require_GET
def herstelbrief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    if getattr(request.user, "rol", None) not in beschikking.MEDEWERKER_ROLLEN:
        raise PermissionDenied
    hersteltermijn = herstelbrief.herstelbrief_voor_medewerker(request.user, pk)
    if hersteltermijn is None:
        raise Http404
    data = herstelbrief.lees_herstelbrief(
        hersteltermijn=hersteltermijn,
        door=request.user,
        request=request,
        activiteit=beschikking.ACTIVITEIT,
        operatie="download_herstelbrief",
    )
    if data is None:
        raise Http404
    return pdf_response(data, herstelbrief.bestandsnaam(hersteltermijn))
