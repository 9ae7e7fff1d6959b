"""Burgerportaal: "Werk gevonden" (B1 Dutch).

The burger reports a new job: the werkgever (name, and the KvK-nummer when they have it),
the first working day, hours per week and the expected netto pay per month. It is registered
at once through ``inkomen.services.registreer_dienstverband`` (marked as reported by the
burger): from then on that employer's payroll lines for this person are accepted. A werkgever
that is not in the register yet is added, marked ``aangemeld_door_burger``; it has no payroll
connection until beheer checks and connects it, so no consulent confirmation is needed for the
report itself. Only the burger's own dossier (``eigen_dossier``), never named in the URL.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bijstand.dossiers import wijzigingen
from bijstand.dossiers.models_wijziging import WijzigingSoort
from bijstand.portaal.eigen import eigen_dossier
from inkomen import selectors_werk
from inkomen import services as inkomen_services
from inkomen.forms import DienstverbandForm
from inkomen.validators import validate_kvk_nummer

from .views import burger_vereist
from .watals import BedragVeld

ACTIVITEIT = "portaal"
OPERATIE = "portaal_werk_gevonden"
_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT, alleen_actief=True)
SERVICE_VELDEN = {"werkgever_naam": "naam"}


class WerkGevondenForm(DienstverbandForm):
    naam = forms.CharField(
        label=gettext_lazy("Bij welke werkgever gaat u werken?"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul de naam van uw werkgever in.")},
    )
    kvk_nummer = forms.CharField(
        label=gettext_lazy("KvK-nummer van uw werkgever"),
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "Dit nummer heeft 8 cijfers. U vindt het op uw contract of op de website van uw "
            "werkgever. Weet u het niet? Laat het dan leeg."
        ),
    )
    van = forms.DateField(
        label=gettext_lazy("Wat is uw eerste werkdag?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul uw eerste werkdag in."),
            "invalid": gettext_lazy("Vul een datum in, bijvoorbeeld 01-04-2026."),
        },
    )
    uren_per_week = forms.DecimalField(
        label=gettext_lazy("Hoeveel uur per week gaat u werken?"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.5"),
        max_value=Decimal("80"),
        localize=True,
        help_text=gettext_lazy(
            "Bijvoorbeeld 24. Werkt u elke week anders? Vul dan het gemiddelde in."
        ),
        error_messages={
            "required": gettext_lazy("Vul in hoeveel uur per week u gaat werken."),
            "invalid": gettext_lazy("Vul een aantal uren in. Bijvoorbeeld 24 of 24,5."),
            "min_value": gettext_lazy("Vul een aantal uren in van minstens een half uur."),
            "max_value": gettext_lazy("Vul een aantal uren in van hoogstens 80."),
        },
    )
    verwacht_netto_loon = BedragVeld(
        label=gettext_lazy("Hoeveel loon krijgt u ongeveer per maand?"),
        help_text=gettext_lazy(
            "Vul het bedrag in dat u op uw bankrekening krijgt. Dat heet netto. Weet u het "
            "niet precies? Vul dan in wat u denkt. Bijvoorbeeld 900 of 900,50."
        ),
        error_messages={"required": gettext_lazy("Vul in hoeveel loon u ongeveer krijgt.")},
    )

    field_order = ["naam", "kvk_nummer", "van", "uren_per_week", "verwacht_netto_loon"]

    def clean_kvk_nummer(self) -> str:
        waarde = (self.cleaned_data.get("kvk_nummer") or "").replace(" ", "").strip()
        if waarde:
            try:
                validate_kvk_nummer(waarde)
            except ValidationError as exc:
                raise ValidationError(
                    _("Een KvK-nummer heeft 8 cijfers. Kijk op uw contract of laat het leeg.")
                ) from exc
        return waarde


def _meld_aan_consulent(request, dossier, velden: dict) -> None:
    """The job as a wijziging "werk gevonden" with what the burger typed (idempotent: the same
    report twice is one wijziging)."""
    uren = velden.get("uren_per_week")
    loon = velden.get("verwacht_netto_loon")
    toelichting = _(
        "Werkgever: %(naam)s (KvK-nummer onbekend). Uren per week: %(uren)s. Verwacht netto "
        "loon per maand: %(loon)s."
    ) % {
        "naam": velden.get("naam") or "",
        "uren": uren if uren is not None else "-",
        "loon": loon if loon is not None else "-",
    }
    sleutel = hashlib.sha256(
        f"werk|{velden.get('naam')}|{velden.get('van')}|{uren}".encode()
    ).hexdigest()[:40]
    wijzigingen.meld_wijziging(
        dossier=dossier,
        door=request.user,
        soort=WijzigingSoort.WERK_GEVONDEN,
        ingangsdatum=velden["van"],
        toelichting=toelichting,
        idempotentiesleutel=sleutel,
        request=request,
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def werk_gevonden(request):
    context = {"nav": "werk_gevonden"}
    dossier = _eigen_dossier(request, OPERATIE, ("identificatie", "werk"))
    if dossier is None:
        return render(request, "portaal/werk_gevonden.html", {**context, "dossier": None})
    form = WerkGevondenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dienstverband = inkomen_services.registreer_dienstverband(
                werkzoekende=dossier.werkzoekende,
                door=request.user,
                gemeld_door_burger=True,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            if set(exc.message_dict) == {"kvk_nummer"} and not form.cleaned_data.get("kvk_nummer"):
                # An employer new to the register and no KvK-nummer: the burger cannot look it
                # up; the consulent does. Recorded as a wijziging on the consulent's worklist.
                _meld_aan_consulent(request, dossier, form.cleaned_data)
                messages.success(
                    request,
                    _(
                        "Gefeliciteerd met uw nieuwe werk! We kennen deze werkgever nog niet. "
                        "Uw consulent zoekt de werkgever op en neemt contact met u op als er "
                        "iets ontbreekt. Geef elke maand uw loon door."
                    ),
                )
                return redirect("portaal:werk_gevonden")
            for veld, fouten in exc.message_dict.items():
                veld = SERVICE_VELDEN.get(veld, veld)
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            if getattr(dienstverband, "al_vastgelegd", False):
                messages.info(
                    request,
                    _("U had dit werk al doorgegeven. We hebben het niet nog een keer opgeslagen."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Gefeliciteerd met uw nieuwe werk! We hebben het doorgegeven aan uw "
                        "consulent. Geef elke maand uw loon door, of uw werkgever doet dat voor u."
                    ),
                )
            return redirect("portaal:werk_gevonden")
    dienstverbanden = list(
        selectors_werk.dienstverbanden_van(werkzoekende_id=dossier.werkzoekende_id)[:20]
    )
    return render(
        request,
        "portaal/werk_gevonden.html",
        {**context, "dossier": dossier, "form": form, "dienstverbanden": dienstverbanden},
    )
