"""Burgerportaal: the steps of the aanvraag (``portaal:aanvraag_stap``), one page per step of
``aanvraag.stappen.STAPPEN``.

Each step is saved with ``aanvraag.services.sla_stap_op`` (resumable), prefilled with
``aanvraag.forms.initial_voor`` / ``formset_initial``. What the BRP said is shown read-only with
the label "uit de BRP" and never overwritten: the burger says what is different (another address
in ``adres_gewijzigd``, the household in the formsets). Of other people at the address only
their number is shown (``bijstand.brp.client.bewoners_op_adres``, read once per session).
Without JavaScript: "add one more" is a submit button that re-renders the step with an extra
row; nothing is saved until "Opslaan en verder". Once the aanvraag is sent, every step is
read-only (a request is sent to "Mijn aanvraag" and changes nothing).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from aanvraag import services as aanvraag_services
from aanvraag.forms import (
    STAP_FORMS,
    HuishoudenForm,
    KindForm,
    MedebewonerForm,
    VerklaringForm,
    formset_initial,
    huishouden_gegevens,
    initial_voor,
)
from aanvraag.models import Aanvraag, AanvraagStatus
from aanvraag.stappen import STAP_SLUGS, stap, volgende, vorige
from bijstand.brp.client import BrpFout, bewoners_op_adres
from bijstand.core import tijd
from bijstand.core.forms import voeg_servicefout_toe

from . import aanvraag_weergave as weergave
from .aanvraag_views import BRP_DOEL, eigen_aanvraag, geen_aanvraag
from .views import burger_ingelogd

SESSIE_BEWONERS = "portaal_aanvraag_bewoners"
MAX_RIJEN = 15


class _VerwijderbaarFormSet(forms.BaseFormSet):
    """The burger may say that a child or co-resident listed (by the BRP or by them) does not
    live with them (any more)."""

    verwijder_label = gettext_lazy("Woont niet (meer) bij mij")

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.verwijder_label


KinderenFormSet = forms.formset_factory(
    KindForm,
    formset=_VerwijderbaarFormSet,
    extra=0,
    max_num=MAX_RIJEN,
    validate_max=True,
    can_delete=True,
)
MedebewonersFormSet = forms.formset_factory(
    MedebewonerForm,
    formset=_VerwijderbaarFormSet,
    extra=0,
    max_num=MAX_RIJEN,
    validate_max=True,
    can_delete=True,
)


def _context(aanvraag: Aanvraag, slug: str, **extra: Any) -> dict[str, Any]:
    vorig = vorige(slug)
    return {
        "nav": "aanvraag",
        "aanvraag": aanvraag,
        "stap": stap(slug),
        "uitleg": weergave.STAP_UITLEG.get(slug, ""),
        "stappen": weergave.stappen_navigatie(aanvraag, slug),
        "nummer": STAP_SLUGS.index(slug) + 1,
        "aantal": len(STAP_SLUGS),
        "vorige_url": weergave.stap_url(vorig) if vorig else None,
        "vandaag": tijd.vandaag(),
        **extra,
    }


def _na_opslaan(request: HttpRequest, slug: str) -> HttpResponse:
    if request.POST.get("actie") == "stoppen":
        messages.success(
            request,
            _("Uw antwoorden zijn bewaard. U kunt later verder gaan met uw aanvraag."),
        )
        return redirect("portaal:aanvraag_start")
    messages.success(request, _("Bewaard: %(titel)s.") % {"titel": stap(slug).titel})
    volgend = volgende(slug)
    return redirect(weergave.stap_url(volgend) if volgend else "portaal:aanvraag_start")


def _sla_op(request: HttpRequest, aanvraag: Aanvraag, slug: str, gegevens: dict, form) -> bool:
    try:
        aanvraag_services.sla_stap_op(
            aanvraag=aanvraag, stap=slug, gegevens=gegevens, door=request.user
        )
    except ValidationError as exc:
        voeg_servicefout_toe(form, exc)
        return False
    return True


@require_http_methods(["GET", "POST"])
@burger_ingelogd
def aanvraag_stap(request: HttpRequest, stap: str) -> HttpResponse:
    if stap not in STAP_SLUGS:
        raise Http404
    aanvraag = eigen_aanvraag(request)
    if aanvraag is None:
        return geen_aanvraag(request)
    if aanvraag.status != AanvraagStatus.CONCEPT or not aanvraag.dossier.is_actief:
        messages.info(
            request,
            _("U heeft uw aanvraag al verstuurd. U kunt de antwoorden niet meer veranderen."),
        )
        return redirect("portaal:aanvraag")
    if stap == "huishouden":
        return _huishouden(request, aanvraag)
    if stap == "stukken":
        return _stukken(request, aanvraag)
    if stap == "verklaring":
        return _verklaring(request, aanvraag)
    return _gewone_stap(request, aanvraag, stap)


def _gewone_stap(request: HttpRequest, aanvraag: Aanvraag, slug: str) -> HttpResponse:
    form_class = STAP_FORMS[slug]
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=initial_voor(slug, aanvraag),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _sla_op(request, aanvraag, slug, form.gegevens(), form)
    ):
        return _na_opslaan(request, slug)
    extra: dict[str, Any] = {}
    if slug == "persoon":
        extra["brp"] = weergave.brp_gegevens(aanvraag)
        adres = ("adres_gewijzigd", *weergave.ADRES_VELDEN)
        extra["adres_velden"] = [form[n] for n in weergave.ADRES_VELDEN]
        extra["velden"] = [form[n] for n in form.fields if n not in adres]
    else:
        extra["velden"] = list(form)
    return render(
        request,
        f"portaal/aanvraag/stap_{slug}.html" if slug == "persoon" else "portaal/aanvraag/stap.html",
        _context(
            aanvraag,
            slug,
            form=form,
            foutregels=weergave.foutregels(form) if form.is_bound else [],
            **extra,
        ),
    )


# --- huishouden --------------------------------------------------------------------------------


def _andere_bewoners(request: HttpRequest, aanvraag: Aanvraag) -> int | None:
    """How many other people the BRP registers at the address (not the applicant, partner or
    children, whose names are shown): a number only, never who. None when unknown."""
    brp = aanvraag.brp or {}
    aoi = brp.get("adresseerbaar_object_id")
    if not aoi:
        return None
    bewaard = request.session.get(SESSIE_BEWONERS)
    if isinstance(bewaard, dict) and bewaard.get("aanvraag") == aanvraag.pk:
        return bewaard.get("aantal")
    try:
        bewoners = bewoners_op_adres(aoi, doel=BRP_DOEL, actor=request.user, request=request)
    except BrpFout:
        return None
    eigen_bsn = aanvraag.dossier.werkzoekende.bsn
    bekend = {
        (v.get("naam", ""), v.get("geboortedatum"))
        for v in [*(brp.get("partners") or []), *(brp.get("kinderen") or [])]
    }
    aantal = sum(
        1
        for b in bewoners
        if b.bsn != eigen_bsn
        and (b.naam, b.geboortedatum.isoformat() if b.geboortedatum else None) not in bekend
    )
    request.session[SESSIE_BEWONERS] = {"aanvraag": aanvraag.pk, "aantal": aantal}
    return aantal


def _ruwe_rijen(formset: forms.BaseFormSet, velden: tuple[str, ...]) -> list[dict[str, Any]]:
    """What was typed in the rows, unvalidated (to show again after 'add one more')."""
    rijen = []
    for form in formset.forms:
        rij = {}
        for naam in velden:
            waarde = form.data.get(form.add_prefix(naam))
            if isinstance(form.fields[naam], forms.BooleanField):
                waarde = waarde not in (None, "", "false", "False", "0")
            rij[naam] = waarde
        if not rij.get("DELETE"):
            rijen.append(rij)
    return rijen[:MAX_RIJEN]


def _erbij(formset_class, formset: forms.BaseFormSet, velden: tuple[str, ...], prefix: str):
    """An unbound formset with the rows typed so far plus one empty row (focus on it)."""
    rijen = _ruwe_rijen(formset, velden)
    nieuw = formset_class(initial=rijen, prefix=prefix)
    if len(rijen) < MAX_RIJEN:
        nieuw.extra = 1
        nieuw.forms[-1].fields["naam"].widget.attrs["autofocus"] = True
    return nieuw


def _huishouden(request: HttpRequest, aanvraag: Aanvraag) -> HttpResponse:
    opgeslagen = (aanvraag.gegevens.get("huishouden") or {}).get("data")
    brp = aanvraag.brp or {}
    post = request.POST if request.method == "POST" else None
    form = HuishoudenForm(post, initial=initial_voor("huishouden", aanvraag))
    kinderen = KinderenFormSet(
        post, initial=formset_initial(opgeslagen, brp, "kinderen"), prefix="kinderen"
    )
    medebewoners = MedebewonersFormSet(
        post, initial=formset_initial(opgeslagen, brp, "medebewoners"), prefix="medebewoners"
    )
    foutregels: list[dict[str, str]] = []
    actie = request.POST.get("actie") if post is not None else None
    if actie in ("kind_erbij", "medebewoner_erbij"):
        # Not saved yet: show what was typed, with one more row.
        form = HuishoudenForm(
            initial={
                "heeft_partner": bool(request.POST.get("heeft_partner")),
                "partner_naam": request.POST.get("partner_naam", ""),
                "partner_geboortedatum": request.POST.get("partner_geboortedatum", ""),
            }
        )
        if actie == "kind_erbij":
            kinderen = _erbij(
                KinderenFormSet, kinderen, ("naam", "geboortedatum", "DELETE"), "kinderen"
            )
            medebewoners = MedebewonersFormSet(
                initial=_ruwe_rijen(medebewoners, _MEDEBEWONER_VELDEN), prefix="medebewoners"
            )
        else:
            medebewoners = _erbij(
                MedebewonersFormSet, medebewoners, _MEDEBEWONER_VELDEN, "medebewoners"
            )
            kinderen = KinderenFormSet(
                initial=_ruwe_rijen(kinderen, ("naam", "geboortedatum", "DELETE")),
                prefix="kinderen",
            )
    elif post is not None:
        geldig = form.is_valid() & kinderen.is_valid() & medebewoners.is_valid()
        if geldig:
            gegevens = huishouden_gegevens(form, kinderen, medebewoners)
            if _sla_op(request, aanvraag, "huishouden", gegevens, form):
                return _na_opslaan(request, "huishouden")
        foutregels = (
            weergave.foutregels(form)
            + weergave.formset_foutregels(kinderen, _("Kind"))
            + weergave.formset_foutregels(medebewoners, _("Medebewoner"))
        )
    return render(
        request,
        "portaal/aanvraag/stap_huishouden.html",
        _context(
            aanvraag,
            "huishouden",
            form=form,
            kinderen=kinderen,
            medebewoners=medebewoners,
            foutregels=foutregels,
            brp=weergave.brp_gegevens(aanvraag),
            andere_bewoners=_andere_bewoners(request, aanvraag),
        ),
    )


_MEDEBEWONER_VELDEN = ("naam", "geboortedatum", "familie", "student", "commerciele_huur", "DELETE")


# --- stukken -----------------------------------------------------------------------------------


def _stukken(request: HttpRequest, aanvraag: Aanvraag) -> HttpResponse:
    post = request.method == "POST"
    actie = request.POST.get("actie") if post else None
    # a chosen file is added with any button; "verder" without one just goes on
    uploaden = post and (actie == "toevoegen" or bool(request.FILES))
    form = weergave.stuk_form(
        request.POST if uploaden else None, request.FILES if uploaden else None
    )
    if uploaden and form.is_valid():
        try:
            aanvraag_services.voeg_stuk_toe(
                aanvraag=aanvraag,
                soort=form.cleaned_data["soort"],
                bestand=form.cleaned_data["bestand"],
                omschrijving=form.cleaned_data.get("omschrijving") or "",
                door=request.user,
            )
        except ValidationError as exc:
            voeg_servicefout_toe(form, exc)
        else:
            if actie == "toevoegen":
                messages.success(request, _("Het bewijsstuk is toegevoegd."))
                return redirect(weergave.stap_url("stukken"))
            form = weergave.stuk_form()  # added: go on below
    if post and actie in ("verder", "stoppen") and not form.errors:
        gegevens = {"aantal_stukken": aanvraag.stukken.count()}
        if _sla_op(request, aanvraag, "stukken", gegevens, form):
            return _na_opslaan(request, "stukken")
    return render(
        request,
        "portaal/aanvraag/stap_stukken.html",
        _context(
            aanvraag,
            "stukken",
            form=form,
            foutregels=weergave.foutregels(form) if form.is_bound else [],
            stukken=weergave.stukken_regels(list(aanvraag.stukken.all())),
        ),
    )


# --- verklaring --------------------------------------------------------------------------------


def _ontbrekend(aanvraag: Aanvraag) -> list[dict[str, str]]:
    return [
        {"anker": weergave.stap_url(slug), "melding": str(stap(slug).titel)}
        for slug in aanvraag_services.ontbrekende_stappen(aanvraag)
    ]


def _verklaring(request: HttpRequest, aanvraag: Aanvraag) -> HttpResponse:
    post = request.method == "POST"
    form = VerklaringForm(
        request.POST if post else None, initial=initial_voor("verklaring", aanvraag)
    )
    foutregels: list[dict[str, str]] = []
    if post:
        if form.is_valid() and _sla_op(request, aanvraag, "verklaring", form.gegevens(), form):
            try:
                aanvraag_services.dien_in(aanvraag=aanvraag, door=request.user)
            except ValidationError as exc:
                foutregels = _dien_in_fouten(aanvraag, exc)
            else:
                messages.success(request, _("Uw aanvraag is verstuurd."))
                return redirect("portaal:aanvraag_verstuurd")
            aanvraag.refresh_from_db()
        foutregels = weergave.foutregels(form) + foutregels
    stukken = list(aanvraag.stukken.all())
    return render(
        request,
        "portaal/aanvraag/stap_verklaring.html",
        _context(
            aanvraag,
            "verklaring",
            form=form,
            foutregels=foutregels,
            ontbrekend=_ontbrekend(aanvraag),
            samenvatting=weergave.samenvatting(aanvraag, stukken),
        ),
    )


def _dien_in_fouten(aanvraag: Aanvraag, exc: ValidationError) -> list[dict[str, str]]:
    """dien_in's messages; missing steps as links to them instead of their codes."""
    ontbrekend = aanvraag_services.ontbrekende_stappen(aanvraag)
    regels = []
    if ontbrekend:
        regels += [
            {
                "anker": weergave.stap_url(slug),
                "melding": _("Vul deze stap nog in: %(titel)s") % {"titel": stap(slug).titel},
            }
            for slug in ontbrekend
        ]
    fouten = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for sleutel, meldingen in fouten.items():
        for melding in meldingen:
            if sleutel == "stappen" and ontbrekend:
                continue  # the same steps, as links above
            if sleutel == "verklaring":
                continue  # the checkbox has its own error
            regels.append({"anker": "", "melding": melding})
    return regels
