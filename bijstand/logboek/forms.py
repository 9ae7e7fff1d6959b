from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bijstand.core.validators import validate_bsn

from .models import Verwerkingsactiviteit


class NldsFormMixin:
    """Utrecht classes on widgets; invalid fields point at their error (aria-describedby)."""

    def _nlds_classes(self):
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                css = "utrecht-select utrecht-select--html-select"
            else:
                css = "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-fout"}
                )


class LogboekFilterForm(NldsFormMixin, forms.Form):
    """GET filters of the privacy officer's log screen (never a BSN: that goes by POST)."""

    activiteit = forms.ModelChoiceField(
        label=_("Verwerkingsactiviteit"),
        queryset=Verwerkingsactiviteit.objects.order_by("naam"),
        required=False,
        empty_label=_("Alle activiteiten"),
    )
    operatie = forms.ChoiceField(label=_("Operatie"), required=False)
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, operaties: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operatie"].choices = [("", _("Alle operaties"))] + [
            (o, o) for o in operaties or []
        ]
        self._nlds_classes()

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class _ZonderWaardeInput(forms.TextInput):
    """Never echoes the typed value back into the page (it is a BSN)."""

    def format_value(self, value):
        return None


class BetrokkeneForm(NldsFormMixin, forms.Form):
    """Filter on one person: the BSN is posted, checked with the 11-proef and never stored."""

    bsn = forms.CharField(
        label=_("BSN van de betrokkene"),
        max_length=11,
        validators=[validate_bsn],
        widget=_ZonderWaardeInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nlds_classes()
