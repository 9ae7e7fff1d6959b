"""API representations of the plan van aanpak. No BSN, no names: goals and actions only.

Choice fields document their values with a pattern instead of an OpenAPI enum, so that the
project-wide enum naming (drf-spectacular) cannot collide with another app's ``status``.
"""

from __future__ import annotations

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from perspectief.models import Beroep, Leefgebied

from .models import Actie, ActieBron, ActieStatus, Doel, DoelSoort, Eigenaar, Plan, PlanSjabloon
from .selectors import STATUS_FILTERS


def _keuze_schema(choices: type[models.TextChoices] | list[str], uitleg: str) -> dict:
    waarden = choices if isinstance(choices, list) else list(choices.values)
    return {
        "type": "string",
        "pattern": f"^({'|'.join(waarden)})$",
        "description": f"{uitleg} Een van: {', '.join(waarden)}.",
    }


def _keuzeveld(choices: type[models.TextChoices], uitleg: str):
    @extend_schema_field(_keuze_schema(choices, uitleg))
    class Veld(serializers.ChoiceField):
        def __init__(self, **kwargs):
            kwargs.setdefault("help_text", uitleg)
            super().__init__(choices=choices.choices, **kwargs)

    Veld.__name__ = f"{choices.__name__}Veld"
    return Veld


ActieStatusVeld = _keuzeveld(ActieStatus, "Status van de actie.")
EigenaarVeld = _keuzeveld(Eigenaar, "Wie de actie uitvoert.")
DoelSoortVeld = _keuzeveld(DoelSoort, "Waaraan het doel is gekoppeld.")
ActieBronVeld = _keuzeveld(ActieBron, "Hoe de actie is ontstaan.")


@extend_schema_field(_keuze_schema(list(STATUS_FILTERS), "Welke acties."))
class StatusFilterVeld(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(STATUS_FILTERS), **kwargs)


class PlanVanAanpakSerializer(serializers.ModelSerializer):
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    is_akkoord = serializers.BooleanField(
        read_only=True, help_text="De burger gaf akkoord op de huidige versie."
    )

    class Meta:
        model = Plan
        fields = [
            "id",
            "dossier",
            "versie",
            "akkoord_versie",
            "akkoord_op",
            "is_akkoord",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class PlanDoelSerializer(serializers.ModelSerializer):
    soort = DoelSoortVeld(read_only=True)
    leefgebied = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    beroep = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    vertrouwelijk = serializers.BooleanField(
        read_only=True, help_text="Op een vertrouwelijk leefgebied (alleen de eigen werkcoach)."
    )

    class Meta:
        model = Doel
        fields = [
            "id",
            "titel",
            "toelichting",
            "soort",
            "leefgebied",
            "beroep",
            "uitstroom_tekst",
            "vertrouwelijk",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class PlanActieSerializer(serializers.ModelSerializer):
    doel = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    eigenaar = EigenaarVeld(read_only=True)
    status = ActieStatusVeld(read_only=True)
    bron = ActieBronVeld(read_only=True)

    class Meta:
        model = Actie
        fields = [
            "id",
            "doel",
            "titel",
            "toelichting",
            "eigenaar",
            "partner_naam",
            "deadline",
            "status",
            "bron",
            "status_gewijzigd_op",
            "aangemaakt_op",
        ]
        read_only_fields = fields


class PlanVanAanpakInvoerSerializer(serializers.Serializer):
    sjabloon = serializers.PrimaryKeyRelatedField(
        queryset=PlanSjabloon.objects.filter(actief=True),
        required=False,
        allow_null=True,
        help_text="Een actief plansjabloon om mee te beginnen.",
    )
    startdatum = serializers.DateField(
        required=False, allow_null=True, help_text="Start van de deadlines uit het sjabloon."
    )


class PlanDoelInvoerSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    soort = DoelSoortVeld()
    leefgebied = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Leefgebied.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code van het leefgebied (bij soort leefgebied).",
    )
    beroep = serializers.PrimaryKeyRelatedField(
        queryset=Beroep.objects.filter(actief=True),
        required=False,
        allow_null=True,
        help_text="Beroep (bij soort uitstroom).",
    )
    uitstroom_tekst = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class PlanActieInvoerSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    doel = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id van een doel in dit plan."
    )
    eigenaar = EigenaarVeld()
    partner_naam = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    deadline = serializers.DateField()


class PlanOvergangInvoerSerializer(serializers.Serializer):
    naar = ActieStatusVeld()
    reden = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht bij terug naar open en bij vervallen.",
    )


class PlanAkkoordInvoerSerializer(serializers.Serializer):
    versie = serializers.IntegerField(
        min_value=1, help_text="De versie die de burger heeft gelezen."
    )


class PlanActieFilterSerializer(serializers.Serializer):
    status = StatusFilterVeld(required=False, default="alle")
