"""The inkomensconsulent's screens: the "Inkomen" tab of the dossier page and its actions.

Access, in this order (so a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role that may never do this -> 403 (``inkomen.view_inkomen_scherm``: werkconsulent and
   inkomensconsulent; ``inkomen.beoordeel_opgaven_scherm``: inkomensconsulent only);
3. the dossier outside the user's scope -> 404 (``dossier_voor_gebruiker``, which also writes
   the dataverwerkingen log line, activiteit ``uitkering``);
4. the object permission on the dossier (``inkomen.view_inkomen`` / ``inkomen.beoordeel_opgave``)
   -> 403.

Views are thin: reads through ``inkomen.selectors``, writes through ``inkomen.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.core import tijd
from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer
from bijstand.dossiers.models import Dossier, HuishoudenLid
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm

from . import opgaven as opgaven_service
from . import opgavetelling, selectors, selectors_berekeningen, selectors_werk, services
from .forms import BeoordelingForm, ConsulentOpgaveForm
from .models import Bron, LoonstrookType
from .rekenregels import VierWekenOmrekening
from .rekenregels.opmaak import bedrag_nl

ACTIVITEIT = "uitkering"
PAGINA_GROOTTE = 10
SOORTEN_GEGEVENS = ("identificatie", "huishouden", "inkomen", "uitkering")
CONTENT_TYPES = {
    LoonstrookType.PDF: "application/pdf",
    LoonstrookType.PNG: "image/png",
    LoonstrookType.JPEG: "image/jpeg",
}
EXTENSIES = {LoonstrookType.PDF: "pdf", LoonstrookType.PNG: "png", LoonstrookType.JPEG: "jpg"}


def _laad_dossier(
    request: HttpRequest,
    pk: int,
    *,
    operatie: str,
    beoordelen: bool = False,
    soorten_gegevens: tuple[str, ...] = SOORTEN_GEGEVENS,
) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403) - see module docstring."""
    return dossier_voor_scherm(
        request,
        pk,
        scherm="inkomen.beoordeel_opgaven_scherm" if beoordelen else "inkomen.view_inkomen_scherm",
        rechten=("inkomen.beoordeel_opgave" if beoordelen else "inkomen.view_inkomen",),
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=soorten_gegevens,
    )


def _heeft_partner(dossier: Dossier) -> bool:
    huishouden = getattr(dossier.werkzoekende, "huishouden", None)
    if huishouden is None:
        return False
    # the dossier selector prefetched the household members
    return any(lid.rol == HuishoudenLid.Rol.PARTNER for lid in huishouden.leden.all())


def _tab_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    context = dossier_context(request, dossier, "inkomen")
    context.update(
        {
            "tab_titel": _("Inkomen"),
            "uitkering": selectors.uitkering_van(dossier),
            "saldi": selectors.inkomen_saldi(dossier_id=dossier.pk),
            "opgaven": pagineer(
                request,
                selectors.opgaven_van_dossier(dossier_id=dossier.pk),
                "opgaven",
                PAGINA_GROOTTE,
            ),
            "berekeningen": pagineer(
                request,
                selectors_berekeningen.berekeningen_met_correcties(dossier_id=dossier.pk),
                "berekeningen",
                PAGINA_GROOTTE,
            ),
            "boekingen": pagineer(
                request,
                selectors.correctieboekingen_van_dossier(dossier_id=dossier.pk),
                "boekingen",
                PAGINA_GROOTTE,
            ),
            "mag_beoordelen": request.user.has_perm("inkomen.beoordeel_opgave", dossier),
            "mag_registreren": request.user.has_perm("inkomen.registreer_opgave", dossier),
            "dienstverbanden": pagineer(
                request,
                selectors_werk.dienstverbanden_van(werkzoekende_id=dossier.werkzoekende_id),
                "dienstverbanden",
                PAGINA_GROOTTE,
            ),
            "mag_dienstverband": request.user.has_perm("inkomen.registreer_dienstverband", dossier),
        }
    )
    return context


@login_required
@require_GET
def inkomen_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Inkomen" tab (plugged into dossiers:tab through ``registreer_tab``)."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_inkomen")
    return render(request, "inkomen/tab.html", _tab_context(request, dossier))


def _opgave_of_404(dossier: Dossier, opgave_pk: int):
    opgave = selectors.opgave_van_dossier(dossier_id=dossier.pk, pk=opgave_pk)
    if opgave is None:
        raise Http404
    return opgave


@login_required
@require_http_methods(["GET", "POST"])
def opgave_beoordelen(request: HttpRequest, pk: int, opgave_pk: int) -> HttpResponse:
    """Accept or reject an opgave (rejecting needs a reason). Nothing changes on an error."""
    dossier = _laad_dossier(request, pk, operatie="bekijk_inkomstenopgave", beoordelen=True)
    opgave = _opgave_of_404(dossier, opgave_pk)
    form = BeoordelingForm(request.POST or None, huidige=opgave.beoordeling)
    if request.method == "POST" and form.is_valid():
        try:
            services.beoordeel_opgave(
                opgave=opgave,
                besluit=form.cleaned_data["besluit"],
                reden=form.cleaned_data.get("reden") or "",
                door=request.user,
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            if form.cleaned_data["besluit"] == "geaccepteerd":
                messages.success(request, _("De opgave is geaccepteerd."))
            else:
                messages.success(request, _("De opgave is afgewezen."))
            return redirect(reverse("dossiers:tab", args=[dossier.pk, "inkomen"]) + "#opgaven")
    context = dossier_context(request, dossier, "inkomen")
    context.update({"opgave": opgave, "form": form})
    return render(request, "inkomen/opgave_beoordelen.html", context)


# Service field names -> form field names (the four-weekly service names its paydays).
OPGAVE_VELDEN = {
    "betaaldata": "betaaldatum_1",
    "betaaldata_1": "betaaldatum_1",
    "betaaldata_2": "betaaldatum_2",
    "betaaldata_3": "betaaldatum_2",
    "idempotentiesleutel": "__all__",
}


def _maandtelling(dossier: Dossier, form: ConsulentOpgaveForm, *, nieuw: bool):
    d = form.cleaned_data
    vervangt = d.get("vervangt")
    return opgavetelling.tel_maand(
        dossier_id=dossier.pk,
        maand=d["maand"],
        persoon=d["persoon"],
        soort=d["soort"],
        periode=d["periode"],
        status=d["status"],
        nieuw=form.nieuwe_bedragen() if nieuw else (),
        vervangt_id=vervangt.pk if vervangt is not None and nieuw else None,
    )


def _ontvangstbericht(opgaven: list, telling) -> str:
    eerste = opgaven[0]
    totaal = _("Telt mee voor %(maand)s: € %(totaal)s (%(wie)s, %(soort)s).") % {
        "maand": f"{eerste.maand:%m-%Y}",
        "totaal": bedrag_nl(telling.totaal),
        "wie": eerste.get_persoon_display().lower(),
        "soort": eerste.get_soort_display().lower(),
    }
    if getattr(eerste, "al_vastgelegd", False):
        return " ".join(
            [
                _(
                    "Deze opgave was al vastgelegd op %(op)s (opgave %(pk)s). Er is niets "
                    "dubbel vastgelegd."
                )
                % {
                    "op": date_format(localtime(eerste.ingediend_op), "d-m-Y H:i"),
                    "pk": ", ".join(str(o.pk) for o in opgaven),
                },
                totaal,
            ]
        )
    if len(opgaven) > 1:
        vastgelegd = _("De %(aantal)s opgaven (een per betaaldag) zijn vastgelegd.") % {
            "aantal": len(opgaven)
        }
    else:
        vastgelegd = _("De opgave is vastgelegd.")
    herberekend = _("De maand %(maand)s wordt opnieuw berekend.") % {
        "maand": f"{eerste.maand:%m-%Y}"
    }
    return " ".join([vastgelegd, herberekend, totaal])


@login_required
@require_http_methods(["GET", "POST"])
def opgave_registreren(request: HttpRequest, pk: int) -> HttpResponse:
    """The inkomensconsulent registers an opgave on behalf of the burger (bron consulent).

    "Maandtotaal berekenen" (``actie=bereken``) validates and shows what the month will count
    without storing anything; "Opgave vastleggen" stores it. A resubmission of the same form
    (its hidden idempotency key) stores nothing new and shows the first receipt.
    """
    dossier = _laad_dossier(request, pk, operatie="bekijk_inkomen", beoordelen=True)
    if not request.user.has_perm("inkomen.registreer_opgave", dossier):
        raise PermissionDenied
    form = ConsulentOpgaveForm(
        request.POST or None,
        request.FILES or None,
        vervangbaar=selectors.vervangbare_opgaven(dossier_id=dossier.pk),
        met_partner=_heeft_partner(dossier),
    )
    telling = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("actie") == "bereken":
            telling = _maandtelling(dossier, form, nieuw=True)
        else:
            kwargs = form.service_kwargs()
            try:
                if form.vier_weken:
                    opgaven = opgaven_service.registreer_vierwekenloon(
                        dossier=dossier,
                        bron=Bron.CONSULENT,
                        door=request.user,
                        **kwargs,
                        request=request,
                    )
                else:
                    opgaven = [
                        services.registreer_inkomstenopgave(
                            dossier=dossier,
                            bron=Bron.CONSULENT,
                            door=request.user,
                            request=request,
                            **kwargs,
                        )
                    ]
            except ValidationError as exc:
                voeg_servicefout_toe(form, exc, OPGAVE_VELDEN)
                if "idempotentiesleutel" in getattr(exc, "error_dict", {}):
                    form.vernieuw_sleutel()  # sending it again is a deliberate new opgave
                    form.add_error(
                        None,
                        _(
                            "Klopt deze opgave en wilt u haar ook vastleggen? Verstuur het "
                            "formulier dan opnieuw."
                        ),
                    )
            else:
                telling = _maandtelling(dossier, form, nieuw=False)
                bericht = _ontvangstbericht(opgaven, telling)
                if getattr(opgaven[0], "al_vastgelegd", False):
                    messages.info(request, bericht)
                else:
                    messages.success(request, bericht)
                return redirect(reverse("dossiers:tab", args=[dossier.pk, "inkomen"]) + "#opgaven")
    context = dossier_context(request, dossier, "inkomen")
    beleid = selectors.beleid_voor_maand(
        telling.maand if telling is not None else tijd.eerste_van_maand(tijd.vandaag())
    )
    context.update(
        {
            "form": form,
            "telling": telling,
            "loonstrook_opnieuw": telling is not None and bool(request.FILES.get("loonstrook")),
            "dertien_twaalfde": beleid.p3_vier_weken == VierWekenOmrekening.DERTIEN_TWAALFDE,
        }
    )
    return render(request, "inkomen/opgave_registreren.html", context)


@login_required
@require_GET
def loonstrook(request: HttpRequest, pk: int, opgave_pk: int) -> FileResponse:
    """Stream a payslip from the private storage, only after the permission checks.

    Always an attachment with the content type of the checked content and ``nosniff``; the
    file name is made up here (the original name may contain personal data).
    """
    dossier = _laad_dossier(
        request, pk, operatie="bekijk_loonstrook", soorten_gegevens=("inkomen",)
    )
    opgave = _opgave_of_404(dossier, opgave_pk)
    if not opgave.loonstrook:
        raise Http404
    try:
        bestand = opgave.loonstrook.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    ext = EXTENSIES.get(opgave.loonstrook_type, "bin")
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=f"loonstrook-{opgave.maand:%Y-%m}-{opgave.pk}.{ext}",
        content_type=CONTENT_TYPES.get(opgave.loonstrook_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
