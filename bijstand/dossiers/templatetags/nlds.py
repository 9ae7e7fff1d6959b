"""Template helpers for the "nlds" crispy-forms template pack (NL Design System markup).

The pack lives in templates/nlds/. Django (5.x) already adds `aria-invalid` and an
`aria-describedby` pointing to `<id>_helptext` and `<id>_error`; the templates render those ids.
These helpers add the Utrecht component classes to the widgets.
"""

from __future__ import annotations

from django import forms, template
from django.forms.widgets import Input

register = template.Library()

_FIELDSET_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _widget_classes(widget: forms.Widget, invalid: bool) -> list[str]:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        base = ["utrecht-checkbox", "utrecht-checkbox--html-input"]
        modifier = "utrecht-checkbox--invalid"
    elif isinstance(widget, forms.RadioSelect):
        base = ["utrecht-radio-button", "utrecht-radio-button--html-input"]
        modifier = "utrecht-radio-button--invalid"
    elif isinstance(widget, forms.CheckboxInput):
        base = ["utrecht-checkbox", "utrecht-checkbox--html-input"]
        modifier = "utrecht-checkbox--invalid"
    elif isinstance(widget, forms.Select):
        base = ["utrecht-select", "utrecht-select--html-select"]
        modifier = "utrecht-select--invalid"
    elif isinstance(widget, forms.Textarea):
        base = ["utrecht-textarea", "utrecht-textarea--html-textarea"]
        modifier = "utrecht-textarea--invalid"
    elif isinstance(widget, forms.FileInput):
        base = ["nlds-file-input"]
        modifier = "nlds-file-input--invalid"
    elif isinstance(widget, Input):
        base = ["utrecht-textbox", "utrecht-textbox--html-input"]
        modifier = "utrecht-textbox--invalid"
    else:
        return []
    return [*base, modifier] if invalid else base


def _apply_classes(widget: forms.Widget, invalid: bool) -> None:
    for sub in getattr(widget, "widgets", [widget]):
        existing = sub.attrs.get("class", "").split()
        extra = [c for c in _widget_classes(sub, invalid) if c not in existing]
        if extra:
            sub.attrs["class"] = " ".join([*existing, *extra])


@register.filter
def nlds_prepare(field):
    """Add the Utrecht classes to the field's widget(s); returns the bound field.

    Widgets are deep-copied per form instance, so this does not leak between forms.
    """
    _apply_classes(field.field.widget, bool(field.errors))
    return field


@register.filter
def nlds_is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def nlds_is_fieldset(field) -> bool:
    """Radio buttons and checkbox lists are grouped in a fieldset with a legend."""
    return isinstance(field.field.widget, _FIELDSET_WIDGETS)


@register.filter
def nlds_is_checkbox_list(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)


@register.filter
def nlds_anchor(field) -> str:
    """The id to link to from the error summary: the input itself, or its first option."""
    if isinstance(field.field.widget, _FIELDSET_WIDGETS):
        return f"{field.auto_id}_0" if field.auto_id else ""
    return field.id_for_label or field.auto_id or ""
