"""Portal pages for berichten: the threads with the werkcoach, one thread with a reply form, and
the timeline of external contact moments ("Contact met Werk & Inkomen").

A burger sees only their own dossier's external, non-confidential lines; a thread of another
dossier answers 404. Every page read is logged (through :func:`eigen.eigen_dossier`); forms
post, redirect and are safe to submit twice (hidden idempotency key).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.core.pagination import pagineer
from bijstand.dossiers import berichten as dossier_berichten
from bijstand.dossiers.selectors import journaal_queryset

from . import services
from .eigen import eigen_dossier
from .forms import BerichtForm
from .views import burger_vereist

BERICHTEN_PAGINA_GROOTTE = 10
TIJDLIJN_PAGINA_GROOTTE = 20


def _verstuur(request, dossier, form: BerichtForm, antwoord_op=None):
    try:
        return dossier_berichten.stuur_bericht(
            dossier=dossier,
            door=request.user,
            tekst=form.cleaned_data["tekst"],
            onderwerp=form.cleaned_data.get("onderwerp") or "",
            antwoord_op=antwoord_op,
            idempotentiesleutel=form.cleaned_data["idempotentiesleutel"],
            request=request,
        )
    except ValidationError as exc:
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
        return None


@require_http_methods(["GET", "POST"])
@burger_vereist
def berichten(request):
    dossier = eigen_dossier(
        request, "portaal_bekijk_berichten", ("journaal",), activiteit="portaal"
    )
    kan_sturen = dossier is not None and dossier.is_actief
    form = BerichtForm(request.POST or None)
    if request.method == "POST":
        if not kan_sturen:
            raise PermissionDenied
        if form.is_valid() and _verstuur(request, dossier, form) is not None:
            messages.success(
                request, _("Uw bericht is verstuurd. Uw werkcoach leest het zo snel mogelijk.")
            )
            return redirect("portaal:berichten")
    page = None
    nieuw: set[int] = set()
    if dossier is not None:
        page = pagineer(
            request,
            dossier_berichten.draden_queryset(user=request.user, dossier=dossier).select_related(
                "auteur"
            ),
            "pagina",
            BERICHTEN_PAGINA_GROOTTE,
        )
        nieuw = dossier_berichten.ongelezen_draden(dossier=dossier)
        services.markeer_gelezen(
            user=request.user, dossier=dossier, regel_ids=[b.pk for b in page.object_list]
        )
    return render(
        request,
        "portaal/berichten.html",
        {
            "dossier": dossier,
            "page": page,
            "nieuw": nieuw,
            "form": form,
            "kan_sturen": kan_sturen,
            "nav": "berichten",
        },
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def bericht(request, bericht: int):
    dossier = eigen_dossier(request, "portaal_bekijk_bericht", ("journaal",), activiteit="portaal")
    if dossier is None:
        raise Http404
    draad = dossier_berichten.draad(user=request.user, dossier=dossier, pk=bericht)
    kan_sturen = dossier.is_actief
    form = BerichtForm(request.POST or None, met_onderwerp=False)
    if request.method == "POST":
        if not kan_sturen:
            raise PermissionDenied
        if form.is_valid() and _verstuur(request, dossier, form, antwoord_op=draad) is not None:
            messages.success(request, _("Uw antwoord is verstuurd."))
            return redirect("portaal:bericht", bericht=draad.pk)
    nieuw = {b.pk for b in draad.berichten if b.richting == "uitgaand" and b.gelezen_op is None}
    services.markeer_gelezen(user=request.user, dossier=dossier, regel_ids=nieuw)
    return render(
        request,
        "portaal/berichten_draad.html",
        {
            "dossier": dossier,
            "draad": draad,
            "nieuw": nieuw,
            "form": form,
            "kan_sturen": kan_sturen,
            "nav": "berichten",
        },
    )


@require_GET
@burger_vereist
def tijdlijn(request):
    """Contact moments and notes that staff marked "extern" (never "intern"), newest first."""
    dossier = eigen_dossier(request, "portaal_bekijk_tijdlijn", ("journaal",), activiteit="portaal")
    page = None
    if dossier is not None:
        qs = (
            journaal_queryset(user=request.user, dossier=dossier)
            .exclude(soort="bericht")
            .filter(zichtbaarheid="extern", vertrouwelijk=False)
        )
        page = pagineer(request, qs, "pagina", TIJDLIJN_PAGINA_GROOTTE)
    return render(
        request,
        "portaal/berichten_tijdlijn.html",
        {"dossier": dossier, "page": page, "nav": "berichten"},
    )
