"""The werkcoach's nazorg worklist (issue 14): planned contact moments after uitstroom naar werk
and help requests of the burger, with "contact gehad" (a note) and "overslaan".

Access: ``plan.view_meldingen_scherm`` (werkconsulent) -> else 403; a contact outside the
worklist of the user (werkcoach of record or today's substitute) -> 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bijstand.core.pagination import pagineer

from . import draaideur, nazorg
from .models_nazorg import ContactStatus, TerugkeerReden

PER_PAGINA = 20


def _mag(request: HttpRequest) -> None:
    if not request.user.has_perm("plan.view_meldingen_scherm"):
        raise PermissionDenied


@login_required
@require_GET
def werklijst(request: HttpRequest) -> HttpResponse:
    _mag(request)
    alle = request.GET.get("alle") == "1"
    pagina = pagineer(
        request,
        nazorg.werklijst_queryset(user=request.user, alle=alle),
        "pagina",
        PER_PAGINA,
        anker="nazorg",
    )
    terug = pagineer(
        request,
        draaideur.te_registreren_queryset(user=request.user),
        "terug",
        PER_PAGINA,
        anker="terugkeer",
    )
    nazorg.log_werklijst(
        contacten=list(pagina.object_list),
        user=request.user,
        request=request,
        dossiers=list(terug.object_list),
    )
    return render(
        request,
        "plan/nazorg.html",
        {
            "pagina": pagina,
            "terug": terug,
            "redenen": TerugkeerReden.choices,
            "alle": alle,
            "vandaag": nazorg.tijd.vandaag(),
            "actieve_sectie": "plan_nazorg",
        },
    )


def _afhandelen(request: HttpRequest, contact_pk: int, status: str) -> HttpResponse:
    _mag(request)
    contact = nazorg.contact_voor_werkcoach(user=request.user, pk=contact_pk)
    try:
        nazorg.handel_contact_af(
            contact=contact,
            status=status,
            notitie=request.POST.get("notitie", ""),
            door=request.user,
        )
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
    else:
        if status == ContactStatus.GEHAD:
            messages.success(request, _("Het contact is vastgelegd."))
        else:
            messages.success(request, _("Het contactmoment is overgeslagen."))
    return redirect(reverse("plan:nazorg") + "#nazorg")


@login_required
@require_POST
def contact_gehad(request: HttpRequest, contact_pk: int) -> HttpResponse:
    return _afhandelen(request, contact_pk, ContactStatus.GEHAD)


@login_required
@require_POST
def overslaan(request: HttpRequest, contact_pk: int) -> HttpResponse:
    return _afhandelen(request, contact_pk, ContactStatus.OVERGESLAGEN)


@login_required
@require_POST
def terugkeer(request: HttpRequest, pk: int) -> HttpResponse:
    """Record why a person came back within 12 months after uitstroom naar werk."""
    _mag(request)
    dossier = draaideur.dossier_voor_terugkeer(user=request.user, pk=pk)
    try:
        draaideur.leg_terugkeer_vast(
            dossier=dossier,
            reden=request.POST.get("reden", ""),
            toelichting=request.POST.get("toelichting", ""),
            door=request.user,
        )
    except ValidationError as fout:
        for tekst in fout.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, _("De reden van terugkeer is vastgelegd."))
    return redirect(reverse("plan:nazorg") + "#terugkeer")
