"""Forms of the staff UI. Forms validate input only; the services own the business rules."""

from __future__ import annotations

import re
import secrets

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Re-exported for the screens that still import it from here (it lives in bijstand.core.forms).
from .models import (
    TOEGESTANE_OVERGANGEN,
    Beeindigingsreden,
    DossierStatus,
    JournaalSoort,
    Kanaal,
    Richting,
    Route,
    StandaardTekst,
    Wijk,
    Zichtbaarheid,
)
from .selectors import CaseloadFilters

SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_-]{16,60}$")


def _met_leeg(choices, label=None):
    return [("", label or _("Alle")), *choices]


class CaseloadFilterForm(forms.Form):
    """Filters of "Mijn caseload".

    The form is submitted by POST; the view keeps the search term (a name or a full BSN) in the
    session and redirects to a GET that carries only the non-personal filters, so a BSN never
    ends up in a URL, browser history or access log.
    """

    zoek = forms.CharField(
        label=_("Zoek op naam of volledig BSN"),
        required=False,
        max_length=100,
        help_text=_("Een BSN zoekt alleen op het volledige nummer van 9 cijfers."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    wijk = forms.ModelChoiceField(
        label=_("Wijk"), required=False, queryset=Wijk.objects.all(), empty_label=_("Alle")
    )
    route = forms.ChoiceField(label=_("Dienstverleningsroute"), required=False)
    geen_contact_sinds = forms.DateField(
        label=_("Geen contact sinds"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    # Filters that may appear in the query string (never the search term).
    URL_VELDEN = ("status", "wijk", "route", "geen_contact_sinds")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _met_leeg(DossierStatus.choices)
        self.fields["route"].choices = _met_leeg(Route.choices)

    def url_params(self) -> dict[str, str]:
        """The cleaned non-personal filters, for the redirect's query string."""
        params = {}
        for naam in self.URL_VELDEN:
            waarde = self.cleaned_data.get(naam)
            if waarde in (None, ""):
                continue
            if naam == "wijk":
                waarde = waarde.pk
            elif naam == "geen_contact_sinds":
                waarde = waarde.isoformat()
            params[naam] = str(waarde)
        return params

    def filters(self, *, zoek: str = "") -> CaseloadFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        wijk = data.get("wijk")
        return CaseloadFilters(
            status=data.get("status") or "",
            wijk=wijk.pk if wijk else None,
            route=data.get("route") or "",
            geen_contact_sinds=data.get("geen_contact_sinds"),
            zoek=zoek,
        )


class JournaalForm(forms.Form):
    """A note or contact moment in the journaal."""

    SOORTEN = [
        (JournaalSoort.CONTACT, JournaalSoort.CONTACT.label),
        (JournaalSoort.NOTITIE, JournaalSoort.NOTITIE.label),
    ]

    soort = forms.ChoiceField(label=_("Soort"), choices=SOORTEN, initial=JournaalSoort.CONTACT)
    kanaal = forms.ChoiceField(
        label=_("Kanaal"),
        required=False,
        choices=_met_leeg(Kanaal.choices, _("Kies een kanaal")),
        help_text=_("Verplicht bij een contactmoment."),
    )
    richting = forms.ChoiceField(
        label=_("Richting"),
        required=False,
        choices=_met_leeg(Richting.choices, _("Niet van toepassing")),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag dit lezen?"),
        choices=[
            (Zichtbaarheid.INTERN, _("Intern: alleen medewerkers van Werk & Inkomen")),
            (Zichtbaarheid.EXTERN, _("Extern: ook de burger, in het portaal")),
        ],
        initial=Zichtbaarheid.INTERN,
        widget=forms.RadioSelect,
        help_text=_(
            "Intern: de burger ziet dit nooit. Extern: de burger ziet dit contactmoment in het "
            "portaal, op de pagina 'Contact met Werk & Inkomen'. Schrijf het dan in eenvoudige "
            "taal. Een vertrouwelijke notitie is altijd intern."
        ),
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk (gezondheid, verslaving of justitie)"),
        required=False,
        help_text=_("Alleen de werkcoach ziet vertrouwelijke notities."),
    )
    onderwerp = forms.CharField(label=_("Onderwerp"), required=False, max_length=200)
    standaardtekst = forms.ModelChoiceField(
        label=_("Standaardtekst invoegen"),
        required=False,
        queryset=StandaardTekst.objects.filter(actief=True),
        empty_label=_("Geen"),
        help_text=_("Voegt de gekozen tekst toe aan het tekstveld."),
    )
    tekst = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Vul een tekst in.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without JavaScript: an empty text with a chosen standaardtekst uses that text.
        if self.is_bound and not (self.data.get("tekst") or "").strip():
            keuze = self.data.get("standaardtekst") or ""
            standaard = (
                StandaardTekst.objects.filter(actief=True, pk=keuze).first()
                if keuze.isdigit()
                else None
            )
            if standaard is not None:
                self.data = self.data.copy()
                self.data["tekst"] = standaard.tekst
        # With htmx: choosing a standaardtekst inserts it into the text field right away.
        self.fields["standaardtekst"].widget.attrs.update(
            {
                "hx-post": reverse("dossiers:standaardtekst_invoegen"),
                "hx-trigger": "change",
                "hx-target": f"#div_{self['tekst'].auto_id}",
                "hx-swap": "outerHTML",
            }
        )

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "soort": d["soort"],
            "kanaal": d.get("kanaal") or "",
            "richting": d.get("richting") or "",
            "zichtbaarheid": d["zichtbaarheid"],
            "vertrouwelijk": bool(d.get("vertrouwelijk")),
            "onderwerp": d.get("onderwerp") or "",
            "tekst": d["tekst"],
        }


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    reden = forms.ChoiceField(
        label=_("Reden van beëindiging"),
        required=False,
        choices=_met_leeg(Beeindigingsreden.choices, _("Kies een reden")),
        help_text=_("Verplicht als het dossier wordt beëindigd."),
    )
    einddatum = forms.DateField(
        label=_("Laatste dag met recht op bijstand"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Bij beëindigen. Op deze dag stoppen het dossier en de uitkering samen. "
            "Leeg laten is vandaag."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, huidige_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        toegestaan = TOEGESTANE_OVERGANGEN.get(huidige_status, frozenset())
        self.fields["naar"].choices = [
            (waarde, label) for waarde, label in DossierStatus.choices if waarde in toegestaan
        ]

    def clean(self):
        data = super().clean()
        if data.get("naar") == DossierStatus.BEEINDIGD and not data.get("reden"):
            self.add_error("reden", _("Geef een reden voor de beëindiging."))
        return data


class OverdrachtForm(forms.Form):
    naar_werkcoach = forms.ModelChoiceField(
        label=_("Nieuwe werkcoach"), queryset=None, empty_label=_("Kies een werkconsulent")
    )
    reden = forms.CharField(
        label=_("Reden van de overdracht"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, werkcoaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar_werkcoach"].queryset = werkcoaches
        self.fields["reden"].error_messages["required"] = _("Geef een reden voor de overdracht.")


def nieuwe_sleutel() -> str:
    """A random idempotency key for a form (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


class BerichtForm(forms.Form):
    """A message to the burger, or a reply in a thread (``met_onderwerp=False``).

    A hidden random key is rendered with the empty form and sent back with it, so a double
    submit or back + resubmit stores the message once (bijstand.dossiers.berichten). A missing
    or malformed key is replaced by a fresh one."""

    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        required=False,
        max_length=200,
        help_text=_("De burger ziet het onderwerp boven het bericht."),
    )
    tekst = forms.CharField(
        label=_("Bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "De burger leest dit in het portaal en krijgt een e-mail dat er een nieuw bericht "
            "is. In die e-mail staat de tekst niet. Schrijf in eenvoudige taal (B1)."
        ),
        error_messages={
            "required": _("Schrijf eerst een bericht."),
            "max_length": _("Het bericht is te lang. Gebruik maximaal %(limit_value)d tekens."),
        },
    )
    idempotentiesleutel = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, met_onderwerp: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_onderwerp:
            del self.fields["onderwerp"]
            self.fields["tekst"].label = _("Uw antwoord")
        if not self.is_bound:
            self.initial["idempotentiesleutel"] = nieuwe_sleutel()

    def clean_tekst(self) -> str:
        tekst = (self.cleaned_data.get("tekst") or "").strip()
        if not tekst:
            raise forms.ValidationError(_("Schrijf eerst een bericht."))
        return tekst

    def clean_idempotentiesleutel(self) -> str:
        waarde = self.cleaned_data.get("idempotentiesleutel") or ""
        if not SLEUTEL_RE.match(waarde):
            waarde = nieuwe_sleutel()
            self.data = self.data.copy()
            self.data[self.add_prefix("idempotentiesleutel")] = waarde
        return waarde
