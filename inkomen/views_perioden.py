"""The periods screens of the inkomensconsulent (issue 13 §2): suspend the uitkering (art. 54
PW), lift the opschorting or withdraw the right, and the worklist "Signalen".

Access (``inkomen/rules.py``), in the order of every dossier page (a 403 never reveals whether
a dossier exists):

1. anonymous -> login page;
2. not an inkomensconsulent -> 403;
3. the dossier (or the signal's dossier) outside the user's scope -> 404 (the read is logged);
4. not the inkomensconsulent of that dossier (``inkomen.schort_op`` /
   ``inkomen.handel_signaal_af``) -> 403.

Writes go through :mod:`inkomen.perioden`; every POST redirects (POST-redirect-GET). A second
submit of the same decision (double click, back + resubmit) changes nothing and redirects with
a message: the opschorting is already open or already decided, the signal already done.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core import tijd
from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm
from bijstand.logboek.services import log_verwerking

from . import perioden, selectors, selectors_perioden
from .forms_perioden import BesluitForm, OpschortingForm
from .models import Opschorting, OpschortingAfloop, Uitkering, UitkeringStatus

ACTIVITEIT = "uitkering"
SIGNALEN_PER_PAGINA = 20
SOORTEN_GEGEVENS = ("identificatie", "uitkering")


def _laad_dossier(request: HttpRequest, pk: int, operatie: str) -> Dossier:
    return dossier_voor_scherm(
        request,
        pk,
        scherm="inkomen.beoordeel_opgaven_scherm",
        rechten=("inkomen.schort_op",),
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=SOORTEN_GEGEVENS,
    )


def _naar_tab(dossier: Dossier, anker: str = "opschorting") -> HttpResponse:
    return redirect(reverse("dossiers:tab", args=[dossier.pk, "inkomen"]) + f"#{anker}")


def _uitkering_of_404(dossier: Dossier) -> Uitkering:
    uitkering = selectors.uitkering_van(dossier)
    if uitkering is None:
        raise Http404
    return uitkering


def _datum(d) -> str:
    return date_format(d, "j F Y")


@login_required
@require_http_methods(["GET", "POST"])
def opschorten(request: HttpRequest, pk: int) -> HttpResponse:
    """Suspend the running uitkering: reason, vanaf, hersteltermijn and a confirmation."""
    dossier = _laad_dossier(request, pk, "bekijk_inkomen")
    uitkering = _uitkering_of_404(dossier)
    if selectors_perioden.open_opschorting(uitkering_id=uitkering.pk) is not None:
        messages.info(request, _("De uitkering is al opgeschort."))
        return _naar_tab(dossier)
    vandaag = tijd.vandaag()
    form = OpschortingForm(
        request.POST or None,
        initial={
            "vanaf": vandaag,
            "hersteltermijn_tot": vandaag + timedelta(days=perioden.standaard_termijn_dagen()),
        },
    )
    if request.method == "POST" and uitkering.status == UitkeringStatus.LOPEND and form.is_valid():
        try:
            opschorting = perioden.schort_op(
                uitkering=uitkering,
                vanaf=form.cleaned_data["vanaf"],
                reden=form.cleaned_data["reden"],
                hersteltermijn_tot=form.cleaned_data["hersteltermijn_tot"],
                door=request.user,
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(
                request,
                _(
                    "De uitkering is opgeschort vanaf %(vanaf)s. De hersteltermijn loopt tot en "
                    "met %(tot)s."
                )
                % {
                    "vanaf": _datum(opschorting.vanaf),
                    "tot": _datum(opschorting.hersteltermijn_tot),
                },
            )
            return _naar_tab(dossier)
    context = dossier_context(request, dossier, "inkomen")
    context.update(
        {
            "form": form,
            "uitkering": uitkering,
            "kan_opschorten": uitkering.status == UitkeringStatus.LOPEND,
            "max_termijn": perioden.max_termijn_dagen(),
        }
    )
    return render(request, "inkomen/opschorting_nieuw.html", context)


def _open_opschorting(request: HttpRequest, dossier: Dossier, opschorting_pk: int):
    opschorting = selectors_perioden.opschorting_van_dossier(
        dossier_id=dossier.pk, pk=opschorting_pk
    )
    if opschorting is None:
        raise Http404
    return opschorting


def _besluit(
    request: HttpRequest,
    pk: int,
    opschorting_pk: int,
    *,
    soort: str,
) -> HttpResponse:
    """Opheffen or intrekken (``soort``): the same page, form and double-submit handling."""
    dossier = _laad_dossier(request, pk, "bekijk_inkomen")
    opschorting: Opschorting = _open_opschorting(request, dossier, opschorting_pk)
    if opschorting.afloop != OpschortingAfloop.OPEN:
        messages.info(request, _("Over deze opschorting is al besloten."))
        return _naar_tab(dossier)
    intrekken = soort == "intrekken"
    vanaf = perioden.intrekken_mogelijk_vanaf(opschorting)
    mogelijk = not intrekken or tijd.vandaag() >= vanaf
    einddatum = opschorting.vanaf - timedelta(days=1)
    if intrekken:
        form = BesluitForm(
            request.POST or None,
            toelichting_hulp=_("De motivering van de intrekking (art. 54 lid 4 Participatiewet)."),
            bevestig_label=_(
                "Ik trek het recht op bijstand in met ingang van %(datum)s: de uitkering en "
                "het dossier stoppen, de laatste dag met recht is %(eind)s"
            )
            % {"datum": _datum(opschorting.vanaf), "eind": _datum(einddatum)},
        )
    else:
        form = BesluitForm(
            request.POST or None,
            toelichting_hulp=_("Bijvoorbeeld welke gegevens zijn ontvangen."),
            bevestig_label=_(
                "Ik hef de opschorting op: de uitkering loopt weer en de maanden die niet "
                "zijn betaald, worden bij de volgende betaalrun nabetaald"
            ),
        )
    if request.method == "POST" and mogelijk and form.is_valid():
        dienst = perioden.trek_in if intrekken else perioden.hef_op
        try:
            dienst(
                opschorting=opschorting,
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            if intrekken:
                messages.success(
                    request,
                    _(
                        "Het recht op bijstand is ingetrokken met ingang van %(datum)s. De "
                        "uitkering en het dossier zijn beëindigd."
                    )
                    % {"datum": _datum(opschorting.vanaf)},
                )
            else:
                messages.success(
                    request,
                    _(
                        "De opschorting is opgeheven. De volgende betaalrun betaalt de maanden "
                        "die niet zijn betaald."
                    ),
                )
            return _naar_tab(dossier)
    context: dict[str, Any] = dossier_context(request, dossier, "inkomen")
    context.update(
        {
            "form": form,
            "opschorting": opschorting,
            "intrekken": intrekken,
            "mogelijk": mogelijk,
            "intrekken_vanaf": vanaf,
            "einddatum": einddatum,
            "niet_betaald": selectors_perioden.niet_betaalde_maanden(
                dossier_id=dossier.pk, vanaf=opschorting.vanaf
            ),
            "actie_url": reverse(
                "inkomen:opschorting_intrekken" if intrekken else "inkomen:opschorting_opheffen",
                args=[dossier.pk, opschorting.pk],
            ),
        }
    )
    return render(request, "inkomen/opschorting_besluit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opheffen(request: HttpRequest, pk: int, opschorting_pk: int) -> HttpResponse:
    return _besluit(request, pk, opschorting_pk, soort="opheffen")


@login_required
@require_http_methods(["GET", "POST"])
def intrekken(request: HttpRequest, pk: int, opschorting_pk: int) -> HttpResponse:
    return _besluit(request, pk, opschorting_pk, soort="intrekken")


# --------------------------------------------------------------------------------------------
# signalen


def _controleer_rol(request: HttpRequest) -> None:
    if not request.user.has_perm("inkomen.view_signalen"):
        raise PermissionDenied


@login_required
@require_GET
def signalen(request: HttpRequest) -> HttpResponse:
    """The worklist: signals of the user's dossiers, open ones first, paginated."""
    _controleer_rol(request)
    alleen_open = request.GET.get("toon") == "open"
    pagina = pagineer(
        request,
        selectors_perioden.signalen_in_scope(user=request.user, alleen_open=alleen_open),
        "pagina",
        SIGNALEN_PER_PAGINA,
    )
    if pagina.object_list:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="bekijk_signalen",
            subjects=sorted({s.dossier.werkzoekende.log_subject for s in pagina}),
            soorten_gegevens=["identificatie", "uitkering"],
            actor=request.user,
            request=request,
        )
    return render(
        request,
        "inkomen/signalen.html",
        {"pagina": pagina, "alleen_open": alleen_open, "actieve_sectie": "signalen"},
    )


@login_required
@require_POST
def signaal_afhandelen(request: HttpRequest, signaal_pk: int) -> HttpResponse:
    """Mark a signal done (POST + CSRF); back to the worklist or to the dossier's tab."""
    _controleer_rol(request)
    signaal = selectors_perioden.signaal_in_scope(user=request.user, pk=signaal_pk)
    if signaal is None:
        raise Http404
    if not request.user.has_perm("inkomen.handel_signaal_af", signaal.dossier):
        raise PermissionDenied
    if signaal.afgehandeld_op is not None:
        messages.info(request, _("Dit signaal was al afgehandeld."))
    else:
        perioden.handel_signaal_af(signaal=signaal, door=request.user, request=request)
        messages.success(request, _("Het signaal is afgehandeld."))
    if request.POST.get("terug") == "tab":
        return _naar_tab(signaal.dossier, "signalen")
    return redirect(reverse("inkomen:signalen"))
