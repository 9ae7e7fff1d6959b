"""Burgerportaal "Mijn brieven": the beschikkingen we sent the burger (list and PDF), B1 Dutch.

The portal sits on top of the aanvraag app and reads through ``aanvraag.beschikking`` (which
narrows ``aanvraag.selectors.besluiten_van_burger`` and writes the dataverwerkingen log,
activiteit "portaal"). Only the burger's own letters: a besluit of someone else is a 404, the
same as one that does not exist. The PDF is always an attachment, never sniffed or cached.

Also the letter of a hersteltermijn ("Verzoek om aanvullende gegevens", linked from "Mijn
aanvraag"), read through ``aanvraag.herstelbrief`` with the same rules.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aanvraag import beschikking, herstelbrief
from bijstand.core import tijd
from bijstand.core.pagination import pagineer

from .views import burger_vereist

PER_PAGINA = 10


@require_GET
@burger_vereist
def besluiten(request):
    pagina = pagineer(
        request,
        beschikking.besluiten_van_burger(request.user, request=request),
        "pagina",
        PER_PAGINA,
        anker="brieven",
    )
    return render(
        request,
        "portaal/besluiten.html",
        {"nav": "besluiten", "pagina": pagina, "vandaag": tijd.vandaag()},
    )


@require_GET
@burger_vereist
def besluit_pdf(request, pk: int):
    besluit = beschikking.besluit_van_burger(request.user, pk)
    if besluit is None:
        raise Http404
    data = beschikking.lees_pdf(
        besluit=besluit,
        door=request.user,
        request=request,
        activiteit="portaal",
        operatie="portaal_download_besluit",
    )
    if data is None:
        raise Http404
    return _pdf_response(data, beschikking.bestandsnaam(besluit))


@require_GET
@burger_vereist
def herstelbrief_pdf(request, pk: int):
    hersteltermijn = herstelbrief.herstelbrief_van_burger(request.user, pk)
    if hersteltermijn is None:
        raise Http404
    data = herstelbrief.lees_herstelbrief(
        hersteltermijn=hersteltermijn,
        door=request.user,
        request=request,
        activiteit="portaal",
        operatie="portaal_download_herstelbrief",
    )
    if data is None:
        raise Http404
    return _pdf_response(data, herstelbrief.bestandsnaam(hersteltermijn))


def _pdf_response(data: bytes, bestandsnaam: str) -> HttpResponse:
    """Always an attachment, never sniffed or cached."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
