"""The "nlds" crispy-forms template pack renders NL Design System markup, accessibly."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.template import Context, Template


class VoorbeeldForm(forms.Form):
    naam = forms.CharField(label="Naam", help_text="Zoals in uw paspoort.")
    email = forms.EmailField(label="E-mailadres", required=False)
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    keuze = forms.ChoiceField(label="Keuze", choices=[("a", "A"), ("b", "B")])
    kanaal = forms.ChoiceField(
        label="Kanaal", choices=[("t", "Telefoon"), ("e", "E-mail")], widget=forms.RadioSelect
    )
    akkoord = forms.BooleanField(label="Akkoord")
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("naam") == "fout":
            raise forms.ValidationError("Deze combinatie kan niet.")
        return data


def render_filter(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_valid_unbound_form_markup():
    html = render_filter(VoorbeeldForm())
    assert 'class="utrecht-form-field utrecht-form-field--text' in html
    assert '<label class="utrecht-form-label" for="id_naam">Naam' in html
    assert "utrecht-textbox utrecht-textbox--html-input" in html
    assert "utrecht-textarea utrecht-textarea--html-textarea" in html
    assert "utrecht-select utrecht-select--html-select" in html
    assert "utrecht-checkbox utrecht-checkbox--html-input" in html
    assert "utrecht-radio-button utrecht-radio-button--html-input" in html
    # help text linked to the input
    assert 'id="id_naam_helptext"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_naam_helptext"[^>]*id="id_naam"', html)
    # required fields marked, optional ones not
    assert re.search(r'for="id_naam">Naam<span class="nlds-required"> \(verplicht\)', html)
    assert not re.search(r'for="id_email">E-mailadres<span class="nlds-required">', html)
    # radio buttons grouped in a fieldset with a legend
    assert "<fieldset" in html and "utrecht-form-fieldset__legend" in html
    # no error summary without errors
    assert "nlds-error-summary" not in html
    assert 'type="hidden" name="verborgen"' in html


def test_invalid_form_errors_linked_to_inputs():
    form = VoorbeeldForm(data={"naam": "", "email": "geen-email", "keuze": "x"})
    assert not form.is_valid()
    html = render_filter(form)
    # error summary at the top, linking to each field
    summary_start = html.index("nlds-error-summary")
    assert summary_start < html.index('id="div_id_naam"')
    assert 'role="alert"' in html
    assert 'href="#id_naam"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_kanaal_0"' in html  # radio group: link to the first option
    assert 'href="#id_akkoord"' in html
    # messages are Dutch (LANGUAGE_CODE nl)
    assert "Dit veld is vereist." in html
    # error message has the id that aria-describedby points to; input marked invalid
    assert 'id="id_naam_error"' in html
    naam_input = re.search(r"<input[^>]*name=\"naam\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in naam_input
    assert 'aria-describedby="id_naam_helptext id_naam_error"' in naam_input
    assert "utrecht-textbox--invalid" in naam_input
    email_input = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_email_error"' in email_input
    assert "utrecht-form-field--invalid" in html
    # fieldset of the radio group described by its error
    assert re.search(r'<fieldset[^>]*aria-describedby="\s*id_kanaal_error"', html)


def test_non_field_errors_in_summary():
    form = VoorbeeldForm(data={"naam": "fout", "keuze": "a", "kanaal": "t", "akkoord": "on"})
    assert not form.is_valid()
    html = render_filter(form)
    assert "Deze combinatie kan niet." in html
    assert "nlds-error-summary" in html


def test_crispy_tag_with_helper_and_layout():
    form = VoorbeeldForm(data={})
    form.helper = FormHelper()
    form.helper.form_action = "/ergens/"
    form.helper.layout = Layout(Fieldset("Gegevens", "naam", "email"), "keuze", "kanaal", "akkoord")
    form.helper.add_input(Submit("opslaan", "Opslaan"))
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form, "csrf_token": "x"})
    )
    assert '<form action="/ergens/"' in html or 'action="/ergens/"' in html
    assert 'method="post"' in html
    assert "<legend" in html and "Gegevens" in html
    assert "nlds-error-summary" in html
    assert "utrecht-button utrecht-button--primary-action" in html
    assert ">Opslaan</button>" in html


@pytest.mark.parametrize("veld", ["naam", "keuze", "akkoord"])
def test_as_crispy_field(veld):
    form = VoorbeeldForm(data={})
    form.is_valid()
    html = Template("{% load crispy_forms_filters %}{{ field|as_crispy_field }}").render(
        Context({"field": form[veld]})
    )
    assert f'id="id_{veld}_error"' in html
    assert 'aria-invalid="true"' in html
