"""API representations of programmes, activities, agenda items and presence.

No BSN and no name of the person anywhere. Details of a confidential (health) activity are only
given to the burger and the dossier's own werkcoach (serializer context ``toon_vertrouwelijk``);
everyone else gets "Afspraak (vertrouwelijk)" without location, description or reasons.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from perspectief.models import Beroep

from .models import (
    Aanwezigheid,
    Activiteit,
    ActiviteitSoort,
    Afspraak,
    AfspraakStatus,
    Component,
    Herhaling,
    Traject,
    TrajectSoort,
    TrajectStatus,
    Werkactiviteit,
    WerkactiviteitPlek,
)

VERBORGEN = _("Afspraak (vertrouwelijk)")


def keuze(naam: str, choices, **kwargs) -> serializers.ChoiceField:
    """A choice field with its own enum identity in the OpenAPI schema.

    drf-spectacular names enums after the property ("soort", "status"); the same choice set
    used under a popular name in several components collides with other apps' sets. A unique
    ``x-spec-enum-id`` per use gives each its own component name (e.g. ``AfspraakSoortEnum``)
    without warnings and without project-wide ENUM_NAME_OVERRIDES.
    """

    @extend_schema_field(
        {
            "type": "string",
            "enum": [waarde for waarde, _label in choices],
            "x-spec-enum-id": f"werkloont-{naam}",
        }
    )
    class Keuze(serializers.ChoiceField):
        pass

    return Keuze(choices=choices, **kwargs)


class TrajectSerializer(serializers.ModelSerializer):
    soort = keuze("traject-soort", TrajectSoort.choices, read_only=True)
    status = keuze("traject-status", TrajectStatus.choices, read_only=True)
    trainingsgroep = serializers.CharField(
        source="trainingsgroep.naam", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = Traject
        fields = [
            "id",
            "soort",
            "status",
            "startdatum",
            "einddatum",
            "trainingsgroep",
            "persoonlijke_norm_uren",
            "norm_reden",
            "beeindigd_op",
            "beeindigingsreden",
        ]
        read_only_fields = fields


class _VerbergMixin:
    """Blank the detail fields of a confidential activity for viewers without the right."""

    verborgen_velden: tuple[str, ...] = ()

    def _verberg(self, activiteit: Activiteit, data: dict) -> dict:
        if activiteit.vertrouwelijk and not self.context.get("toon_vertrouwelijk", False):
            data["titel"] = str(VERBORGEN)
            for veld in self.verborgen_velden:
                if veld in data:
                    data[veld] = ""
        return data


class ActiviteitSerializer(_VerbergMixin, serializers.ModelSerializer):
    verborgen_velden = (
        "omschrijving",
        "locatie",
        "verantwoordelijke",
        "huiswerk",
        "afwijkingsreden",
    )
    soort = keuze("activiteit-soort", ActiviteitSoort.choices, read_only=True)
    component = keuze("activiteit-component", Component.choices, read_only=True)
    herhaling = keuze("activiteit-herhaling", Herhaling.choices, read_only=True)

    class Meta:
        model = Activiteit
        fields = [
            "id",
            "traject",
            "component",
            "soort",
            "titel",
            "omschrijving",
            "herhaling",
            "weekdagen",
            "startdatum",
            "einddatum",
            "begintijd",
            "eindtijd",
            "minuten",
            "plek",
            "beroep",
            "past_bij_perspectief",
            "afwijkingsreden",
            "trainingsgroep",
            "in_groep",
            "huiswerk",
            "locatie",
            "verantwoordelijke",
            "vertrouwelijk",
            "gestopt_op",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        return self._verberg(instance, super().to_representation(instance))


class ActiviteitInvoerSerializer(serializers.Serializer):
    """Input of a new activity; the rules (and their Dutch messages) are in
    ``werkloont.services.plan_activiteit``."""

    titel = serializers.CharField(max_length=200)
    soort = keuze("invoer-soort", ActiviteitSoort.choices)
    component = keuze("invoer-component", Component.choices, default=Component.OVERIG)
    herhaling = keuze("invoer-herhaling", Herhaling.choices, default=Herhaling.EENMALIG)
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    weekdagen = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=6),
        required=False,
        default=list,
        help_text=_("0 = maandag ... 6 = zondag (alleen bij herhaling wekelijks)."),
    )
    begintijd = serializers.TimeField(required=False, allow_null=True, default=None)
    eindtijd = serializers.TimeField(required=False, allow_null=True, default=None)
    minuten = serializers.IntegerField(
        min_value=1,
        max_value=1440,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Duur zonder vaste tijd (alleen zonder begin- en eindtijd)."),
    )
    plek = serializers.PrimaryKeyRelatedField(
        queryset=WerkactiviteitPlek.objects.filter(actief=True),
        required=False,
        allow_null=True,
        default=None,
    )
    beroep = serializers.PrimaryKeyRelatedField(
        queryset=Beroep.objects.filter(actief=True), required=False, allow_null=True, default=None
    )
    afwijkingsreden = serializers.CharField(required=False, allow_blank=True, default="")
    locatie = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    verantwoordelijke = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    huiswerk = serializers.CharField(required=False, allow_blank=True, default="")
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    vertrouwelijk = serializers.BooleanField(required=False, default=False)


class AfspraakSerializer(_VerbergMixin, serializers.ModelSerializer):
    verborgen_velden = ("locatie", "verantwoordelijke", "aanwezigheid_reden", "annuleringsreden")

    titel = serializers.CharField(source="activiteit.titel", read_only=True)
    soort = keuze(
        "afspraak-soort", ActiviteitSoort.choices, source="activiteit.soort", read_only=True
    )
    component = keuze(
        "afspraak-component", Component.choices, source="activiteit.component", read_only=True
    )
    status = keuze("afspraak-status", AfspraakStatus.choices, read_only=True)
    aanwezigheid = keuze("afspraak-aanwezigheid", Aanwezigheid.choices, read_only=True)
    locatie = serializers.CharField(source="activiteit.locatie", read_only=True)
    verantwoordelijke = serializers.CharField(source="activiteit.verantwoordelijke", read_only=True)

    class Meta:
        model = Afspraak
        fields = [
            "id",
            "activiteit",
            "datum",
            "begintijd",
            "eindtijd",
            "minuten",
            "status",
            "feestdag",
            "annuleringsreden",
            "titel",
            "soort",
            "component",
            "locatie",
            "verantwoordelijke",
            "aanwezigheid",
            "aanwezigheid_reden",
            "gerealiseerde_minuten",
            "gemeld_door_burger",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        return self._verberg(instance.activiteit, super().to_representation(instance))


class AanwezigheidInvoerSerializer(serializers.Serializer):
    aanwezigheid = keuze(
        "registratie-aanwezigheid",
        [(w, label) for w, label in Aanwezigheid.choices if w != Aanwezigheid.ONBEKEND],
    )
    reden = serializers.CharField(required=False, allow_blank=True, default="")
    gerealiseerde_minuten = serializers.IntegerField(
        min_value=0,
        max_value=1440,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Alleen bij aanwezig; leeg = de geplande minuten."),
    )


class AgendaFilterSerializer(serializers.Serializer):
    van = serializers.DateField(required=False, help_text=_("Standaard: maandag van deze week."))
    tot = serializers.DateField(
        required=False, help_text=_("Tot en met; standaard 4 weken na 'van', hoogstens 1 jaar.")
    )


class NormregelSerializer(serializers.Serializer):
    sleutel = serializers.CharField()
    label = serializers.CharField()
    gepland_minuten = serializers.IntegerField(source="gepland")
    norm_minuten = serializers.IntegerField(source="norm")
    soort = keuze("norm-soort", [(w, w) for w in ("minimum", "maximum", "doel", "richting")])
    status = keuze("norm-status", [(w, w) for w in ("ok", "onder", "boven")])
    uitleg = serializers.CharField()


class WeekSerializer(serializers.Serializer):
    week = serializers.DateField(source="ma", help_text=_("De maandag van de week."))
    gepland_minuten = serializers.IntegerField(source="gepland")
    gerealiseerd_minuten = serializers.IntegerField(source="gerealiseerd")
    afgesloten = serializers.BooleanField()
    normregels = NormregelSerializer(many=True)


class WerkactiviteitBeroepSerializer(serializers.ModelSerializer):
    class Meta:
        model = Beroep
        fields = ["id", "naam", "isco_code"]


class PlekSerializer(serializers.ModelSerializer):
    locatie = serializers.CharField(source="locatie.naam")
    adres = serializers.CharField(source="locatie.adres")

    class Meta:
        model = WerkactiviteitPlek
        fields = ["id", "locatie", "adres", "capaciteit"]


class WerkactiviteitSerializer(serializers.ModelSerializer):
    beroepen = WerkactiviteitBeroepSerializer(many=True, read_only=True)
    plekken = PlekSerializer(many=True, read_only=True)

    class Meta:
        model = Werkactiviteit
        fields = ["id", "naam", "omschrijving", "beroepen", "plekken"]
