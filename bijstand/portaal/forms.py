from django import forms
from django.utils.translation import gettext_lazy as _


class BerichtForm(forms.Form):
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        help_text=_("Waar gaat uw bericht over? Dit hoeft niet."),
        max_length=200,
        required=False,
    )
    tekst = forms.CharField(
        label=_("Uw bericht"),
        help_text=_("Schrijf hier uw vraag of bericht voor uw werkcoach."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf eerst uw bericht.")},
    )

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise forms.ValidationError(_("Schrijf eerst uw bericht."))
        return tekst
