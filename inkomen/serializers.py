"""Serializers of the payroll API (POST /api/v1/inkomen/loongegevens).

The request is validated line by line (one bad line never rejects the batch); the response
refers to lines by their index, never by BSN.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bijstand.core.validators import normaliseer_bsn, validate_bsn

MAAND_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
VIER_WEKEN = "vier_weken"
MAX_REGELS = 1000


class LoonregelSerializer(serializers.Serializer):
    """One payroll line: a monthly wage (``periode`` "JJJJ-MM") or a four-weekly wage
    (``periode`` "vier_weken" with its ``betaaldatum``)."""

    bsn = serializers.CharField(max_length=11, help_text=_("BSN van de werknemer (elfproef)."))
    periode = serializers.CharField(
        max_length=10,
        help_text=_('"JJJJ-MM" voor maandloon, of "vier_weken" (dan is betaaldatum verplicht).'),
    )
    betaaldatum = serializers.DateField(
        required=False, allow_null=True, help_text=_("Betaaldatum bij vierwekenloon.")
    )
    netto_loon = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    vakantiegeld = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        default=0,
        help_text=_("Netto vakantiegeld in deze periode (apart van het loon)."),
    )
    uren = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=0, max_value=744, required=False, allow_null=True
    )
    versie = serializers.IntegerField(
        min_value=1,
        default=1,
        help_text=_("Verhoog de versie om eerder geleverde gegevens te corrigeren."),
    )

    def validate_bsn(self, value: str) -> str:
        try:
            validate_bsn(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return normaliseer_bsn(value)

    def validate_periode(self, value: str) -> str:
        if value != VIER_WEKEN and not MAAND_RE.match(value):
            raise serializers.ValidationError(_('Geef de periode als "JJJJ-MM" of "vier_weken".'))
        return value

    def validate(self, attrs):
        if attrs["periode"] == VIER_WEKEN and not attrs.get("betaaldatum"):
            raise serializers.ValidationError(
                {"betaaldatum": [_("Geef bij vierwekenloon de betaaldatum op.")]}
            )
        if attrs["periode"] != VIER_WEKEN and attrs.get("betaaldatum"):
            raise serializers.ValidationError(
                {"betaaldatum": [_("Een betaaldatum hoort alleen bij vierwekenloon.")]}
            )
        return attrs


class LoongegevensVerzoekSerializer(serializers.Serializer):
    regels = LoonregelSerializer(many=True, help_text=_("Maximaal 1000 regels per verzoek."))


class RegelUitkomstSerializer(serializers.Serializer):
    regel = serializers.IntegerField(help_text=_("Index van de regel in het verzoek (vanaf 0)."))
    # A plain string (not an enum) to keep the schema's enum names free of collisions.
    status = serializers.CharField(help_text=_("'geaccepteerd', 'dubbel' of 'fout'."))
    melding = serializers.CharField(required=False)
    fouten = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class LoongegevensAntwoordSerializer(serializers.Serializer):
    ontvangen = serializers.IntegerField()
    geaccepteerd = serializers.IntegerField()
    dubbel = serializers.IntegerField()
    fout = serializers.IntegerField()
    regels = RegelUitkomstSerializer(many=True)
