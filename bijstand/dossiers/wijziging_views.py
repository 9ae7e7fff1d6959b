"""Staff screens for wijzigingen: the worklist, a dossier's wijzigingen with a form to register
one that was phoned in, and one wijziging with the handling form.

Worklist: werkcoach and inkomensconsulent (``dossiers.view_wijzigingen``), the open
wijzigingen of their own dossiers, newest first, paginated. Registering and handling: the
dossier's consulenten (rule ``dossiers.behandel_wijziging``, else 403); out of scope 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bijstand.core.forms import voeg_servicefout_toe
from bijstand.core.pagination import pagineer

from . import wijzigingen
from .forms import SLEUTEL_RE, nieuwe_sleutel
from .models import Kanaal
from .models_wijziging import WijzigingSoort, WijzigingStatus
from .views import dossier_context, dossier_voor_scherm

PAGINA_GROOTTE = 25
KANALEN = [(k, label) for k, label in Kanaal.choices if k != Kanaal.PORTAAL]


class WijzigingRegistrerenForm(forms.Form):
    soort = forms.ChoiceField(label=gettext_lazy("Soort wijziging"), choices=WijzigingSoort.choices)
    ingangsdatum = forms.DateField(
        label=gettext_lazy("Ingangsdatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de ingangsdatum in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    kanaal = forms.ChoiceField(
        label=gettext_lazy("Doorgegeven via"), choices=KANALEN, initial=Kanaal.TELEFOON
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=wijzigingen.TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": gettext_lazy("Gebruik maximaal %(limit_value)d tekens.")},
    )
    idempotentiesleutel = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotentiesleutel"] = nieuwe_sleutel()

    def clean_idempotentiesleutel(self) -> str:
        waarde = self.cleaned_data.get("idempotentiesleutel") or ""
        if not SLEUTEL_RE.match(waarde):
            waarde = nieuwe_sleutel()
            self.data = self.data.copy()
            self.data[self.add_prefix("idempotentiesleutel")] = waarde
        return waarde


class BehandelForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Nieuwe status"),
        choices=[(s, label) for s, label in WijzigingStatus.choices if s != WijzigingStatus.NIEUW],
        error_messages={"invalid_choice": gettext_lazy("Kies een geldige status.")},
    )
    afwijsreden = forms.CharField(
        label=gettext_lazy("Reden van afwijzen"),
        required=False,
        max_length=wijzigingen.AFWIJSREDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Verplicht bij afwijzen. De burger ziet deze reden in het portaal."),
        error_messages={"max_length": gettext_lazy("Gebruik maximaal %(limit_value)d tekens.")},
    )


@login_required
@require_http_methods(["GET"])
def werklijst(request: HttpRequest) -> HttpResponse:
    """The open wijzigingen of the user's own dossiers, newest first."""
    if not request.user.has_perm("dossiers.view_wijzigingen"):
        raise PermissionDenied
    pagina = pagineer(
        request, wijzigingen.werklijst_queryset(user=request.user), "pagina", PAGINA_GROOTTE
    )
    wijzigingen.log_werklijst(
        user=request.user, wijzigingen=list(pagina.object_list), request=request
    )
    return render(
        request,
        "dossiers/wijzigingen_werklijst.html",
        {"pagina": pagina, "actieve_sectie": "wijzigingen"},
    )


def _dossier(request: HttpRequest, pk: int, operatie: str):
    return dossier_voor_scherm(
        request,
        pk,
        scherm="accounts.view_caseload",
        rechten=("dossiers.view_dossier",),
        operatie=operatie,
        activiteit="dossierbeheer",
        soorten_gegevens=("identificatie", "wijziging"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_wijzigingen(request: HttpRequest, pk: int) -> HttpResponse:
    """A dossier's wijzigingen and a form to register one the burger phoned in."""
    dossier = _dossier(request, pk, "bekijk_wijzigingen")
    mag = request.user.has_perm("dossiers.behandel_wijziging", dossier)
    if request.method == "POST" and not mag:
        raise PermissionDenied
    form = WijzigingRegistrerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wijziging = wijzigingen.meld_wijziging(
                dossier=dossier,
                door=request.user,
                soort=form.cleaned_data["soort"],
                ingangsdatum=form.cleaned_data["ingangsdatum"],
                toelichting=form.cleaned_data.get("toelichting") or "",
                kanaal=form.cleaned_data["kanaal"],
                idempotentiesleutel=form.cleaned_data["idempotentiesleutel"],
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            if wijziging.al_vastgelegd:
                messages.info(request, _("Deze wijziging was al geregistreerd."))
            else:
                messages.success(request, _("De wijziging is geregistreerd."))
            return redirect("dossiers:wijziging", pk=wijziging.pk)
    lijst = pagineer(
        request,
        wijzigingen.wijzigingen_van_dossier(dossier=dossier),
        "pagina",
        PAGINA_GROOTTE,
    )
    context = dossier_context(request, dossier, "overzicht")
    context.update({"lijst": lijst, "form": form, "mag_registreren": mag})
    return render(request, "dossiers/wijzigingen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wijziging_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One wijziging with the handling form (in behandeling, verwerkt, afgewezen)."""
    if not request.user.has_perm("accounts.view_caseload"):
        raise PermissionDenied
    wijziging = wijzigingen.wijziging_voor_gebruiker(user=request.user, pk=pk)
    if wijziging is None:
        raise Http404
    dossier = _dossier(request, wijziging.dossier_id, "bekijk_wijziging")
    mag = request.user.has_perm("dossiers.behandel_wijziging", dossier)
    if request.method == "POST" and not mag:
        raise PermissionDenied
    form = BehandelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wijzigingen.behandel_wijziging(
                wijziging=wijziging,
                door=request.user,
                status=form.cleaned_data["status"],
                afwijsreden=form.cleaned_data.get("afwijsreden") or "",
                request=request,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            messages.success(request, _("De wijziging is bijgewerkt."))
            return redirect("dossiers:wijziging", pk=wijziging.pk)
    context = dossier_context(request, dossier, "overzicht")
    context.update(
        {
            "wijziging": wijziging,
            "form": form,
            "mag_behandelen": mag,
            "lid_form": HuishoudenLidForm() if wijziging.is_huishoudenswijziging else None,
        }
    )
    return render(request, "dossiers/wijziging_detail.html", context)


class HuishoudenLidForm(forms.Form):
    rol = forms.ChoiceField(
        label=gettext_lazy("Rol"),
        choices=[
            ("medebewoner", gettext_lazy("Medebewoner")),
            ("partner", gettext_lazy("Partner")),
        ],
    )
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    geboortedatum = forms.DateField(
        label=gettext_lazy("Geboortedatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de geboortedatum in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    student = forms.BooleanField(
        label=gettext_lazy("Student met (mogelijk) recht op studiefinanciering, WTOS of BBL"),
        required=False,
    )
    commerciele_huur = forms.BooleanField(
        label=gettext_lazy("Schriftelijke overeenkomst met commerciële prijs"), required=False
    )
    familie_eerste_of_tweede_graad = forms.BooleanField(
        label=gettext_lazy("Bloed- of aanverwant in de 1e of 2e graad"), required=False
    )


def _wijziging_voor_huishouden(request: HttpRequest, pk: int):
    if not request.user.has_perm("accounts.view_caseload"):
        raise PermissionDenied
    wijziging = wijzigingen.wijziging_voor_gebruiker(user=request.user, pk=pk)
    if wijziging is None:
        raise Http404
    return wijziging


@login_required
@require_http_methods(["POST"])
def huishoudenlid_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the person who moved in (household wijziging); errors shown as messages."""
    wijziging = _wijziging_voor_huishouden(request, pk)
    form = HuishoudenLidForm(request.POST)
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, fout)
        return redirect("dossiers:wijziging", pk=pk)
    try:
        wijzigingen.voeg_huishoudenlid_toe(
            wijziging=wijziging, door=request.user, request=request, **form.cleaned_data
        )
    except ValidationError as exc:
        for fout in exc.messages:
            messages.error(request, fout)
    else:
        messages.success(request, _("De persoon is aan het huishouden toegevoegd."))
    return redirect("dossiers:wijziging", pk=pk)


@login_required
@require_http_methods(["POST"])
def huishoudenlid_verwijderen(request: HttpRequest, pk: int, lid: int) -> HttpResponse:
    """Remove the person who moved out (household wijziging)."""
    wijziging = _wijziging_voor_huishouden(request, pk)
    try:
        wijzigingen.verwijder_huishoudenlid(
            wijziging=wijziging, door=request.user, lid_id=lid, request=request
        )
    except ValidationError as exc:
        for fout in exc.messages:
            messages.error(request, fout)
    else:
        messages.success(request, _("De persoon is uit het huishouden gehaald."))
    return redirect("dossiers:wijziging", pk=pk)
