"""API representations of the instrumentenhuis. Input serializers only check shapes; the
services own the rules and their Dutch messages."""

from __future__ import annotations

from rest_framework import serializers

from perspectief.referentie import CERTIFICATEN

from .models import (
    Categorie,
    Instrument,
    InstrumentLeefgebied,
    Inzet,
    InzetStatus,
    Rapportage,
    RapportageSoort,
    Resultaat,
    Stopreden,
)


class LeefgebiedBereikSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="leefgebied.code", read_only=True)
    naam = serializers.CharField(source="leefgebied.naam", read_only=True)

    class Meta:
        model = InstrumentLeefgebied
        fields = ["code", "naam", "niveau_van", "niveau_tot"]


class BeroepKortSerializer(serializers.Serializer):
    isco_code = serializers.CharField(read_only=True)
    naam = serializers.CharField(read_only=True)


class InstrumentSerializer(serializers.ModelSerializer):
    categorie = serializers.ChoiceField(choices=Categorie.choices, read_only=True)
    aanbieder = serializers.CharField(source="aanbieder.naam", read_only=True)
    leefgebieden = LeefgebiedBereikSerializer(
        source="leefgebied_bereiken", many=True, read_only=True
    )
    beroepen = BeroepKortSerializer(many=True, read_only=True)
    certificaten = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "code",
            "naam",
            "categorie",
            "werkgeversinstrument",
            "aanbieder",
            "omschrijving",
            "doelgroep",
            "minimum_leeftijd",
            "trede_van",
            "trede_tot",
            "leefgebieden",
            "beroepen",
            "certificaten",
            "taalniveau_doel",
            "uren_per_week",
            "max_duur_weken",
            "wettelijke_grondslag",
            "kosten_per_deelnemer",
        ]


class CatalogusFilterSerializer(serializers.Serializer):
    categorie = serializers.ChoiceField(choices=Categorie.choices, required=False)
    leefgebied = serializers.SlugField(required=False, help_text="Code van het leefgebied")
    trede = serializers.IntegerField(required=False, min_value=1, max_value=6)
    zoek = serializers.CharField(required=False, max_length=100)


class InstrumentKortSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(read_only=True)
    categorie = serializers.CharField(read_only=True, help_text="Categorie (zie het instrument)")
    aanbieder = serializers.CharField(source="aanbieder.naam", read_only=True)


class InzetSerializer(serializers.ModelSerializer):
    instrument = InstrumentKortSerializer(read_only=True)
    status = serializers.ChoiceField(choices=InzetStatus.choices, read_only=True)
    resultaat = serializers.CharField(read_only=True, help_text="Leeg, of het resultaat")
    stopreden = serializers.CharField(read_only=True, help_text="Leeg, of de reden van stoppen")

    class Meta:
        model = Inzet
        fields = [
            "id",
            "dossier",
            "instrument",
            "status",
            "begindatum",
            "einddatum",
            "gestart_op",
            "beeindigd_op",
            "uren_per_week",
            "budgetjaar",
            "gereserveerd",
            "resultaat",
            "resultaat_certificaat",
            "resultaat_trede",
            "stopreden",
            "werkgever_naam",
            "plaatsing_id",
        ]
        read_only_fields = fields


class InzetAanvraagSerializer(serializers.Serializer):
    instrument = serializers.IntegerField(help_text="id van het instrument")
    begindatum = serializers.DateField(required=False)
    uren_per_week = serializers.IntegerField(required=False, min_value=0, max_value=40)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class InzetStatusSerializer(serializers.Serializer):
    naar = serializers.ChoiceField(
        choices=[(s, label) for s, label in InzetStatus.choices if s != InzetStatus.AANVRAAG]
    )
    datum = serializers.DateField(required=False)
    resultaat = serializers.ChoiceField(choices=Resultaat.choices, required=False)
    certificaat = serializers.ChoiceField(choices=sorted(CERTIFICATEN.items()), required=False)
    trede = serializers.IntegerField(required=False, min_value=2, max_value=6)
    stopreden = serializers.ChoiceField(choices=Stopreden.choices, required=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=1000)


# What a provider can see: approved deployments and what became of them.
AANBIEDER_STATUSSEN = [
    (s, label)
    for s, label in InzetStatus.choices
    if s not in (InzetStatus.AANVRAAG, InzetStatus.WACHTLIJST)
]


class DeelnemerSerializer(serializers.Serializer):
    naam = serializers.CharField(source="werkzoekende.naam", read_only=True)


class AanbiederInzetSerializer(serializers.ModelSerializer):
    """What a provider sees of its own deployment: the participant's name, no more."""

    instrument = serializers.CharField(source="instrument.naam", read_only=True)
    deelnemer = DeelnemerSerializer(source="dossier", read_only=True)
    status = serializers.ChoiceField(choices=AANBIEDER_STATUSSEN, read_only=True)

    class Meta:
        model = Inzet
        fields = [
            "id",
            "instrument",
            "deelnemer",
            "status",
            "begindatum",
            "einddatum",
            "gestart_op",
            "beeindigd_op",
            "uren_per_week",
        ]
        read_only_fields = fields


class AanbiederInzetFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AANBIEDER_STATUSSEN, required=False)


class RapportageInvoerSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=RapportageSoort.choices)
    datum = serializers.DateField(required=False)
    aanwezigheid_pct = serializers.IntegerField(required=False, min_value=0, max_value=100)
    tekst = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    resultaat = serializers.ChoiceField(
        choices=Resultaat.choices, required=False, help_text="Bij soort afgerond"
    )
    certificaat = serializers.ChoiceField(
        choices=sorted(CERTIFICATEN.items()), required=False, help_text="Bij resultaat certificaat"
    )
    stopreden = serializers.ChoiceField(
        choices=Stopreden.choices, required=False, help_text="Bij soort gestopt"
    )
    kenmerk = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Uw eigen kenmerk: dezelfde rapportage twee keer sturen doet dan niets.",
    )


class RapportageSerializer(serializers.ModelSerializer):
    soort = serializers.CharField(read_only=True)
    kenmerk = serializers.CharField(source="externe_referentie", read_only=True)
    inzet_status = serializers.SerializerMethodField()

    class Meta:
        model = Rapportage
        fields = ["id", "inzet", "soort", "datum", "kenmerk", "inzet_status"]
        read_only_fields = fields

    def get_inzet_status(self, obj: Rapportage) -> str:
        return obj.inzet.status
