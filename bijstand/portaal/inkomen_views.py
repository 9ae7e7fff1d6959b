"""Burgerportaal: "Inkomsten doorgeven" and "Mijn specificatie" (page and PDF), in B1 Dutch.

The portal sits on top of the inkomen app: it writes through
``inkomen.services.registreer_inkomstenopgave`` (which schedules the recalculation on commit)
and reads through ``inkomen.selectors``. Only the burger's own dossier: the dossier is never
named in a URL, it is the one linked to the logged-in account, and every page reads it through
``dossier_voor_gebruiker`` (scope + dataverwerkingen log, activiteit "portaal"). The month is
chosen with ``?maand=JJJJ-MM``; no BSN or name ever appears in a URL.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, HuishoudenLid
from bijstand.portaal.eigen import eigen_dossier
from bijstand.portaal.specificatie_zin import samenvatting_van
from inkomen import selectors as inkomen_selectors
from inkomen import services as inkomen_services
from inkomen.forms import IdempotenteForm, maand_uit_tekst
from inkomen.models import Bron, InkomstenPeriode, InkomstenSoort, OpgaveStatus, Persoon
from inkomen.pdf import render_pdf
from inkomen.rekenregels.opmaak import MAANDNAMEN

from .views import burger_vereist
from .watals import BedragVeld

ACTIVITEIT = "portaal"
OPERATIE_DOORGEVEN = "portaal_bekijk_inkomsten_doorgeven"
OPERATIE_SPECIFICATIE = "portaal_bekijk_specificatie"
OPERATIE_PDF = "portaal_download_specificatie"
MAANDEN_TERUG = 6  # the form offers this many months back, plus the current and next month
BEVESTIGING = gettext_lazy(
    "We rekenen uw uitkering opnieuw uit. U ziet de nieuwe specificatie hieronder."
)


def _maand_nl(maand: date) -> str:
    return f"{MAANDNAMEN[maand.month - 1]} {maand.year}"


_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT)


def _heeft_partner(dossier: Dossier) -> bool:
    huishouden = getattr(dossier.werkzoekende, "huishouden", None)
    leden = huishouden.leden.all() if huishouden is not None else []
    return any(lid.rol == HuishoudenLid.Rol.PARTNER for lid in leden)


# --- Inkomsten doorgeven ------------------------------------------------------------------


def maand_keuzes(ingangsdatum: date | None, vandaag: date) -> list[tuple[str, str]]:
    """Months the burger may report: from 6 months back (not before the uitkering started)
    up to and including this month (a month that has not started has no income yet); newest
    first."""
    eerste = tijd.maand_plus(vandaag.replace(day=1), -MAANDEN_TERUG)
    if ingangsdatum is not None:
        eerste = max(eerste, ingangsdatum.replace(day=1))
    laatste = vandaag.replace(day=1)
    keuzes = []
    maand = laatste
    while maand >= eerste:
        keuzes.append((f"{maand:%Y-%m}", _maand_nl(maand)))
        maand = tijd.maand_plus(maand, -1)
    return keuzes


class InkomstenForm(IdempotenteForm):
    """The burger's report of income; its hidden key makes a resubmission (back + send again,
    a double click) store nothing twice (:class:`inkomen.forms.IdempotenteForm`)."""

    maand = forms.ChoiceField(
        label=gettext_lazy("Over welke maand gaat het?"),
        help_text=gettext_lazy("Kies de maand waarin u het geld heeft verdiend of gekregen."),
        error_messages={"required": gettext_lazy("Kies een maand.")},
    )
    persoon = forms.ChoiceField(
        label=gettext_lazy("Van wie is het geld?"),
        choices=[
            (Persoon.AANVRAGER, gettext_lazy("Van mij")),
            (Persoon.PARTNER, gettext_lazy("Van mijn partner")),
        ],
        initial=Persoon.AANVRAGER,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies van wie het geld is.")},
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Wat voor geld is het?"),
        choices=[
            (InkomstenSoort.ARBEID, gettext_lazy("Loon voor mijn werk")),
            (
                InkomstenSoort.OVERIG,
                gettext_lazy("Ander geld, bijvoorbeeld alimentatie of een andere uitkering"),
            ),
        ],
        initial=InkomstenSoort.ARBEID,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies wat voor geld het is.")},
    )
    bedrag = BedragVeld(
        label=gettext_lazy("Hoeveel geld heeft u gekregen?"),
        help_text=gettext_lazy(
            "Vul het bedrag in dat u op uw bankrekening krijgt. Dat heet netto. "
            "Bijvoorbeeld 600 of 600,50."
        ),
        error_messages={"required": gettext_lazy("Vul een bedrag in.")},
    )
    geschat = forms.BooleanField(
        label=gettext_lazy("Ik weet het bedrag nog niet precies"),
        help_text=gettext_lazy(
            "Vul dan in hoeveel u denkt te krijgen. Heeft u later uw loonstrook? "
            "Geef dan het echte bedrag door."
        ),
        required=False,
    )
    periode = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak krijgt u dit geld?"),
        choices=[
            (InkomstenPeriode.MAAND, gettext_lazy("Elke maand")),
            (InkomstenPeriode.VIER_WEKEN, gettext_lazy("Elke 4 weken")),
        ],
        initial=InkomstenPeriode.MAAND,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies hoe vaak u dit geld krijgt.")},
    )
    betaaldatum_1 = forms.DateField(
        label=gettext_lazy("Op welke dag kreeg u het loon?"),
        help_text=gettext_lazy("Alleen invullen als u elke 4 weken loon krijgt."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 27-03-2026.")},
    )
    betaaldatum_2 = forms.DateField(
        label=gettext_lazy("Kreeg u die maand twee keer loon? Vul dan de tweede dag in."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 27-03-2026.")},
    )
    loonstrook = forms.FileField(
        label=gettext_lazy("Uw loonstrook"),
        help_text=gettext_lazy(
            "Een PDF of een foto (PNG of JPEG) van uw loonstrook. Het bestand mag niet groter "
            "zijn dan 10 MB."
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args: Any, maanden: list[tuple[str, str]], met_partner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = maanden
        if not met_partner:
            del self.fields["persoon"]

    def clean(self):
        data = super().clean()
        if data.get("periode") == InkomstenPeriode.VIER_WEKEN:
            if not data.get("betaaldatum_1") and not self.has_error("betaaldatum_1"):
                self.add_error("betaaldatum_1", _("Vul in op welke dag u het loon kreeg."))
        else:
            # Paydays belong only to four-weekly wages; ignore what was typed.
            data["betaaldatum_1"] = data["betaaldatum_2"] = None
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "maand": maand_uit_tekst(d["maand"]),
            "persoon": d.get("persoon") or Persoon.AANVRAGER,
            "soort": d["soort"],
            "bedrag": d["bedrag"],
            "status": OpgaveStatus.GESCHAT if d.get("geschat") else OpgaveStatus.DEFINITIEF,
            "periode": d["periode"],
            "betaaldata": [x for x in (d.get("betaaldatum_1"), d.get("betaaldatum_2")) if x],
            "loonstrook": d.get("loonstrook"),
            "idempotentiesleutel": d.get("idempotentiesleutel") or "",
        }


# Service field names -> form field names (the service gives the Dutch message).
SERVICE_VELDEN = {"betaaldata": "betaaldatum_1", "status": "geschat"}
AL_DOORGEGEVEN = gettext_lazy(
    "U had deze inkomsten al doorgegeven. We hebben ze niet nog een keer opgeslagen."
)
ANDERE_GEGEVENS = gettext_lazy(
    "U heeft net al inkomsten doorgegeven met andere gegevens. Die zijn opgeslagen. Wilt u "
    "deze inkomsten ook doorgeven? Kijk of alles klopt en klik nog een keer op "
    "'Inkomsten doorgeven'."
)


@require_http_methods(["GET", "POST"])
@burger_vereist
def inkomsten_doorgeven(request):
    context: dict[str, Any] = {"nav": "inkomsten"}
    dossier = _eigen_dossier(request, OPERATIE_DOORGEVEN, ("identificatie", "huishouden"))
    uitkering = inkomen_selectors.uitkering_van(dossier) if dossier is not None else None
    if dossier is None or uitkering is None:
        return render(request, "portaal/inkomsten.html", {**context, "dossier": None})
    vandaag = tijd.vandaag()
    maanden = maand_keuzes(uitkering.ingangsdatum, vandaag)
    form = InkomstenForm(
        request.POST or None,
        request.FILES or None,
        maanden=maanden,
        met_partner=_heeft_partner(dossier),
        initial={"maand": f"{vandaag:%Y-%m}"},
    )
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            opgave = inkomen_services.registreer_inkomstenopgave(
                dossier=dossier, bron=Bron.BURGER, door=request.user, request=request, **kwargs
            )
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items():
                if veld == "idempotentiesleutel":  # same form, other data: a fresh key
                    form.vernieuw_sleutel()
                    form.add_error(None, str(ANDERE_GEGEVENS))
                    continue
                veld = SERVICE_VELDEN.get(veld, veld)
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            if getattr(opgave, "al_vastgelegd", False):
                messages.info(request, str(AL_DOORGEGEVEN))
            else:
                messages.success(request, str(BEVESTIGING))
            url = reverse("portaal:specificatie")
            return redirect(f"{url}?maand={kwargs['maand']:%Y-%m}#specificatie")
    return render(request, "portaal/inkomsten.html", {**context, "dossier": dossier, "form": form})


# --- Mijn specificatie --------------------------------------------------------------------


def _gekozen_maand(request, maanden: list[date]) -> date | None:
    gevraagd = maand_uit_tekst(request.GET.get("maand", ""))
    if gevraagd is not None:
        return gevraagd
    return maanden[0] if maanden else None


def _specificatie_context(request, operatie: str) -> dict[str, Any]:
    dossier = _eigen_dossier(request, operatie, ("identificatie", "huishouden", "inkomen"))
    context: dict[str, Any] = {"nav": "specificatie", "dossier": dossier}
    if dossier is None:
        return context
    maanden = inkomen_selectors.maanden_met_berekening(dossier_id=dossier.pk)
    maand = _gekozen_maand(request, maanden)
    spec = (
        inkomen_selectors.specificatie_van_maand(dossier_id=dossier.pk, maand=maand)
        if maand is not None
        else None
    )
    context.update(
        {
            "maanden": [(f"{m:%Y-%m}", _maand_nl(m)) for m in maanden],
            "maand": maand,
            "spec": spec,
            "uitleg": _uitleg(spec) if spec is not None and spec.berekening else None,
            "samenvatting": samenvatting_van(spec),
        }
    )
    return context


def _uitleg(spec) -> dict[str, Any]:
    """Plain facts about the household for the norm's basis (from the berekening's input)."""
    invoer = spec.berekening.invoer or {}
    medebewoners = len(invoer.get("medebewoners") or [])
    kinderen = len(invoer.get("kinderen") or [])
    return {
        "met_partner": bool(invoer.get("partner")),
        "kinderen": kinderen,
        "medebewoners": medebewoners,
        "kostendelers": spec.berekening.kostendelers,
        "kostendelersnorm": spec.berekening.kostendelers > 1 and medebewoners > 0,
    }


@require_GET
@burger_vereist
def specificatie(request):
    context = _specificatie_context(request, OPERATIE_SPECIFICATIE)
    return render(request, "portaal/specificatie.html", context)


@require_GET
@burger_vereist
def specificatie_pdf(request):
    context = _specificatie_context(request, OPERATIE_PDF)
    if context.get("spec") is None:
        messages.error(request, _("Voor deze maand is er nog geen specificatie."))
        return redirect("portaal:specificatie")
    pdf = render_pdf("portaal/specificatie_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = f"specificatie-{context['maand']:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
