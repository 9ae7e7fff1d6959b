"""Forms for staff login, two-factor authentication and substitutions.

Fields carry NL Design System (Utrecht) classes; errors and descriptions are linked to their
input with aria-describedby (see templates/accounts/_veld.html).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from .models import User


class NldsFormMixin:
    """Utrecht classes on widgets; aria-invalid/aria-describedby once the form is bound."""

    def _nlds_widget_attrs(self) -> None:
        """Idempotent: recomputes class and ARIA attributes from the current state."""
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.Select):
                css = "utrecht-select utrecht-select--html-select"
                invalid_css = "utrecht-select--invalid"
            elif isinstance(widget, forms.Textarea):
                css = "utrecht-textarea utrecht-textarea--html-textarea"
                invalid_css = "utrecht-textarea--invalid"
            else:
                css = "utrecht-textbox utrecht-textbox--html-input"
                invalid_css = "utrecht-textbox--invalid"
            describedby = []
            if field.help_text:
                describedby.append(f"{self[name].auto_id}-beschrijving")
            widget.attrs.pop("aria-invalid", None)
            if self.is_bound and self.errors.get(name):
                describedby.append(f"{self[name].auto_id}-fout")
                widget.attrs["aria-invalid"] = "true"
                css = f"{css} {invalid_css}"
            if self.is_bound and self.non_field_errors():
                describedby.append(self.non_field_errors_id)
            widget.attrs["class"] = css
            if describedby:
                widget.attrs["aria-describedby"] = " ".join(describedby)
            else:
                widget.attrs.pop("aria-describedby", None)

    def full_clean(self):
        super().full_clean()
        self._nlds_widget_attrs()

    @property
    def non_field_errors_id(self) -> str:
        return f"{self.prefix or 'form'}-fouten"


class StaffAuthenticationForm(NldsFormMixin, AuthenticationForm):
    """Username/password login for staff. Citizen (burger) accounts log in with DigiD only."""

    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is niet juist. "
            "Let op: het wachtwoord is hoofdlettergevoelig."
        ),
        "inactive": _("De combinatie van gebruikersnaam en wachtwoord is niet juist."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self._nlds_widget_attrs()

    def confirm_login_allowed(self, user):
        # Same neutral message as a wrong password: do not reveal which accounts exist or
        # what kind of account this is.
        if not user.is_active or not getattr(user, "is_medewerker", False):
            # Count it as a failed login (brute-force lockout applies here too).
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class OTPTokenForm(NldsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_(
            "De code van 6 cijfers uit uw authenticator-app. "
            "Kwijt? Gebruik dan een van uw herstelcodes."
        ),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nlds_widget_attrs()

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class OTPSetupForm(NldsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        help_text=_("Vul de code van 6 cijfers in die de app nu laat zien."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nlds_widget_attrs()

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("De code bestaat uit 6 cijfers."))
        return code


class _MedewerkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        naam = obj.get_full_name() or obj.username
        return f"{naam} ({obj.get_rol_display()}, {obj.team or '-'})"


class VervangingForm(NldsFormMixin, forms.Form):
    afwezige = _MedewerkerChoiceField(queryset=User.objects.none(), label=_("Afwezige collega"))
    vervanger = _MedewerkerChoiceField(queryset=User.objects.none(), label=_("Vervanger"))
    van = forms.DateField(
        label=_("Van"),
        help_text=_("Eerste dag van de vervanging."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        help_text=_("Laatste dag van de vervanging."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reden = forms.CharField(
        label=_("Reden"),
        max_length=200,
        help_text=_("Bijvoorbeeld: ziekte, verlof. Noem geen medische details."),
    )

    def __init__(self, *args, medewerkers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if medewerkers is not None:
            self.fields["afwezige"].queryset = medewerkers.select_related("team")
            self.fields["vervanger"].queryset = medewerkers.select_related("team")
        self._nlds_widget_attrs()

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum moet op of na de begindatum liggen."))
        return cleaned
