"""API representations of measurements and perspectives. No BSN, no name: the dossier id only.

Confidential leefgebieden are filtered with the serializer context ``vertrouwelijk`` (set by
the view from the access rules).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bijstand.dossiers.models import Route

from .models import Meting, MetingBron, Segment


class ScoreSerializer(serializers.Serializer):
    leefgebied = serializers.CharField(help_text="Code van het leefgebied, bijv. financien")
    score = serializers.IntegerField(min_value=1, max_value=5)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class MetingSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()
    vastgelegd_door = serializers.SerializerMethodField()

    class Meta:
        model = Meting
        fields = ["id", "datum", "bron", "trede", "toelichting", "vastgelegd_door", "scores"]

    @extend_schema_field(ScoreSerializer(many=True))
    def get_scores(self, obj: Meting) -> list[dict]:
        vertrouwelijk = self.context.get("vertrouwelijk", False)
        return [
            {"leefgebied": s.leefgebied.code, "score": s.score, "toelichting": s.toelichting}
            for s in obj.scores.all()
            if vertrouwelijk or not s.leefgebied.vertrouwelijk
        ]

    def get_vastgelegd_door(self, obj: Meting) -> str | None:
        if obj.bron == MetingBron.ZELFBEOORDELING or obj.vastgelegd_door is None:
            return None
        return obj.vastgelegd_door.get_full_name() or obj.vastgelegd_door.username


class MetingInvoerSerializer(serializers.Serializer):
    bron = serializers.ChoiceField(choices=MetingBron.choices)
    datum = serializers.DateField(required=False, help_text="JJJJ-MM-DD; standaard vandaag")
    trede = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=6, default=None
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    scores = ScoreSerializer(many=True)

    def validate_scores(self, scores: list[dict]) -> list[dict]:
        codes = [s["leefgebied"] for s in scores]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError("Elk leefgebied mag maar één keer voorkomen.")
        return scores


class ScoreRijSerializer(serializers.Serializer):
    leefgebied = serializers.CharField(source="leefgebied.code")
    naam = serializers.CharField(source="leefgebied.naam")
    burger_label = serializers.CharField(source="leefgebied.burger_label")
    verborgen = serializers.BooleanField(help_text="Vertrouwelijk: geen scores voor u")
    scores = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Per meting in 'metingen' (oudste eerst)",
    )
    doel = serializers.SerializerMethodField()
    doel_datum = serializers.SerializerMethodField()
    zelfbeoordeling = serializers.IntegerField(source="zelf", allow_null=True)

    def get_doel(self, obj) -> int | None:
        return obj.doel.score if obj.doel else None

    def get_doel_datum(self, obj) -> str | None:
        return obj.doel.streefdatum.isoformat() if obj.doel else None


class MetingKopSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    bron = serializers.ChoiceField(choices=MetingBron.choices)
    trede = serializers.IntegerField(allow_null=True)


class OntwikkelSerializer(serializers.Serializer):
    metingen = MetingKopSerializer(many=True)
    zelfbeoordeling = MetingKopSerializer(allow_null=True)
    leefgebieden = ScoreRijSerializer(many=True, source="rijen")


class BeroepFitSerializer(serializers.Serializer):
    beroep_id = serializers.IntegerField(source="beroep.pk")
    naam = serializers.CharField(source="beroep.naam")
    isco_code = serializers.CharField(source="beroep.isco_code")
    kansrijk = serializers.BooleanField(source="beroep.kansrijk")
    score = serializers.IntegerField(help_text="0-100, hoger past beter")
    past = serializers.BooleanField(help_text="Geen tekorten")
    tekorten = serializers.ListField(child=serializers.CharField())
    pluspunten = serializers.ListField(child=serializers.CharField())


class VoorstelSerializer(serializers.Serializer):
    segment = serializers.ChoiceField(choices=Segment.choices)
    route = serializers.ChoiceField(choices=Route.choices)
    redenen = serializers.ListField(child=serializers.CharField())


class BesluitSerializer(serializers.Serializer):
    segment = serializers.ChoiceField(choices=Segment.choices)
    route = serializers.ChoiceField(choices=Route.choices)
    voorgesteld_segment = serializers.CharField(
        help_text="Het voorgestelde segment (zelfde waarden als segment)"
    )
    reden = serializers.CharField()
    besloten_op = serializers.DateTimeField()


class PerspectiefSerializer(serializers.Serializer):
    dossier = serializers.IntegerField()
    segment = serializers.ChoiceField(
        choices=Segment.choices, help_text="Segment zoals de werkcoach het besloot"
    )
    ontwikkelperspectief = OntwikkelSerializer(source="ontwikkel")
    uitstroomperspectief = BeroepFitSerializer(many=True, source="fits")
    voorstel = VoorstelSerializer()
    besluit = BesluitSerializer(allow_null=True)
