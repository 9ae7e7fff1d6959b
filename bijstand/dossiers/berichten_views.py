"""Staff screens for berichten: the threads of a dossier and one thread with a reply form.

Reading: every role that may see the dossier (rule ``dossiers.view_dossier``; out of scope 404).
Writing: the dossier's werkcoach or inkomensconsulent (rule ``dossiers.stuur_bericht``, else 403).
Every form posts, redirects and is safe to submit twice (hidden idempotency key).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer

from . import berichten
from .forms import BerichtForm
from .views import dossier_context, dossier_voor_scherm

DRADEN_PAGINA_GROOTTE = 20


def _dossier(request: HttpRequest, pk: int, operatie: str):
    dossier = dossier_voor_scherm(
        request,
        pk,
        scherm="accounts.view_caseload",
        rechten=("dossiers.view_dossier",),
        operatie=operatie,
        activiteit="dossierbeheer",
        soorten_gegevens=("identificatie", "journaal"),
    )
    if request.method == "POST" and not request.user.has_perm("dossiers.stuur_bericht", dossier):
        raise PermissionDenied
    return dossier


def _verstuur(request: HttpRequest, dossier, form: BerichtForm, antwoord_op=None):
    """The message of a valid form, or None with the service's errors on the form."""
    try:
        return berichten.stuur_bericht(
            dossier=dossier,
            door=request.user,
            tekst=form.cleaned_data["tekst"],
            onderwerp=form.cleaned_data.get("onderwerp") or "",
            antwoord_op=antwoord_op,
            idempotentiesleutel=form.cleaned_data["idempotentiesleutel"],
            request=request,
        )
    except ValidationError as exc:
        voeg_servicefout_toe(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def berichten_lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """The threads with the burger, newest activity first, and a form for a new message."""
    dossier = _dossier(request, pk, "bekijk_berichten")
    form = BerichtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bericht = _verstuur(request, dossier, form)
        if bericht is not None:
            messages.success(request, _("Het bericht is verstuurd naar de burger."))
            return redirect("dossiers:bericht", pk=pk, bericht=bericht.pk)
    draden = pagineer(
        request,
        berichten.draden_queryset(user=request.user, dossier=dossier).select_related("auteur"),
        "pagina",
        DRADEN_PAGINA_GROOTTE,
    )
    context = dossier_context(request, dossier, "overzicht")
    context.update(
        {
            "draden": draden,
            "form": form,
            "mag_schrijven": request.user.has_perm("dossiers.stuur_bericht", dossier),
        }
    )
    return render(request, "dossiers/berichten.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bericht_draad(request: HttpRequest, pk: int, bericht: int) -> HttpResponse:
    """One thread, oldest first, with a reply form."""
    dossier = _dossier(request, pk, "bekijk_bericht")
    begin = berichten.draad(user=request.user, dossier=dossier, pk=bericht)
    form = BerichtForm(request.POST or None, met_onderwerp=False)
    if (
        request.method == "POST"
        and form.is_valid()
        and _verstuur(request, dossier, form, antwoord_op=begin) is not None
    ):
        messages.success(request, _("Uw antwoord is verstuurd naar de burger."))
        return redirect("dossiers:bericht", pk=pk, bericht=begin.pk)
    context = dossier_context(request, dossier, "overzicht")
    context.update(
        {
            "draad": begin,
            "form": form,
            "mag_schrijven": request.user.has_perm("dossiers.stuur_bericht", dossier),
        }
    )
    return render(request, "dossiers/bericht_draad.html", context)
