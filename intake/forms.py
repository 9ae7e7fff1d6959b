"""Forms of the intake pages that are not steps (the steps are in intake.stappen)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Instroombron

from .models import IntakeSoort


class StartForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort intake"),
        choices=IntakeSoort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Soort intake: kies aanvraag of heronderzoek.")},
        help_text=_("Een heronderzoek begint met de antwoorden van de vorige definitieve intake."),
    )
    instroombron = forms.ChoiceField(
        label=_("Instroom via"),
        choices=Instroombron.choices,
        error_messages={
            "required": _("Instroom via: kies hoe de aanvraag binnenkwam."),
            "invalid_choice": _("Instroom via: kies een van de mogelijkheden."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.fields["soort"].error_messages["invalid_choice"] = _(
            "Soort intake: kies aanvraag of heronderzoek."
        )
