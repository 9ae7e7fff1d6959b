"""Form plumbing shared by the apps' screens (no domain knowledge)."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def voeg_servicefout_toe(
    form: forms.BaseForm, exc: ValidationError, veldnamen: Mapping[str, str] | None = None
) -> None:
    """Show a ValidationError raised by a service on the form (unknown keys: form-wide).

    `veldnamen` maps service field names to form field names (e.g. {"status": "naar"}).
    """
    veldnamen = veldnamen or {}
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            veld = veldnamen.get(veld, veld)
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)
