"""API representations of the werkgeversdienstverlening.

Plain serializers (no model validators): the services validate and give the Dutch messages.
A candidate outside the caller's own caseload never appears as a person: only as a count per
werkcoach. Enum-valued fields appear under one name each, so the schema's enum names are stable.
"""

from __future__ import annotations

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bijstand.dossiers.models import Taalniveau, Wijk
from perspectief.models import Beroep, FysiekeBelasting
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

from .models import Afwijzingsreden, VacatureStatus, VoordrachtStatus, Werkgever


def code(choices, **kwargs) -> serializers.ChoiceField:
    """A choice among shared reference codes (certificates, language levels, ...).

    Validated as a choice, documented as a pattern: these code lists are shared with other
    apps' schemas under other field names, and an enum component would get a different name
    in each (schema warnings). The pattern keeps the schema stable whoever else uses them.
    """
    waarden = [c[0] if isinstance(c, (tuple, list)) else c for c in choices]

    @extend_schema_field(
        {
            "type": "string",
            "pattern": "^(" + "|".join(re.escape(w) for w in waarden) + ")$",
            "description": "Een van: " + ", ".join(waarden),
        }
    )
    class CodeVeld(serializers.ChoiceField):
        pass

    return CodeVeld(choices=choices, **kwargs)


# --- werkgevers ---------------------------------------------------------------------------


class WerkgeverSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(max_length=200)
    kvk_nummer = serializers.CharField(max_length=20, help_text="8 cijfers")
    sector = serializers.CharField(max_length=100, required=False, allow_blank=True)
    plaats = serializers.CharField(max_length=100, required=False, allow_blank=True)
    inclusief = serializers.BooleanField(required=False, help_text="Inclusieve werkgever")
    toelichting = serializers.CharField(required=False, allow_blank=True)
    actief = serializers.BooleanField(required=False)
    open_vacatures = serializers.SerializerMethodField()

    def get_open_vacatures(self, obj) -> int | None:
        return getattr(obj, "open_vacatures", None)


class WerkgeverFilterSerializer(serializers.Serializer):
    zoek = serializers.CharField(required=False, help_text="Naam of KvK-nummer")
    inclusief = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- vacatures ----------------------------------------------------------------------------


class VacatureSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    werkgever = serializers.PrimaryKeyRelatedField(queryset=Werkgever.objects.all())
    werkgever_naam = serializers.CharField(source="werkgever.naam", read_only=True)
    titel = serializers.CharField(max_length=200)
    beroep = serializers.PrimaryKeyRelatedField(queryset=Beroep.objects.filter(actief=True))
    beroep_naam = serializers.CharField(source="beroep.naam", read_only=True)
    isco_code = serializers.CharField(source="beroep.isco_code", read_only=True)
    omschrijving = serializers.CharField(required=False, allow_blank=True)
    aantal_plaatsen = serializers.IntegerField(min_value=1, max_value=500, required=False)
    certificaten = serializers.ListField(
        child=code(list(CERTIFICATEN)),
        required=False,
        help_text="Leeg of weggelaten bij aanmaken: de certificaten van het beroep.",
    )
    rijbewijzen = serializers.ListField(child=code(list(RIJBEWIJZEN)), required=False)
    taalniveau = code(Taalniveau.choices, required=False)
    fysieke_belasting = code(FysiekeBelasting.choices, required=False)
    uren_per_week_min = serializers.IntegerField(min_value=0, max_value=40, required=False)
    uren_per_week_max = serializers.IntegerField(min_value=0, max_value=40, required=False)
    wijk = serializers.PrimaryKeyRelatedField(
        queryset=Wijk.objects.all(), required=False, allow_null=True
    )
    locatie = serializers.CharField(max_length=200, required=False, allow_blank=True)
    garantiebaan = serializers.BooleanField(required=False)
    status = serializers.ChoiceField(choices=VacatureStatus.choices, read_only=True)
    sluitdatum = serializers.DateField(required=False, allow_null=True)
    aantal_geplaatst = serializers.SerializerMethodField()

    def get_aantal_geplaatst(self, obj) -> int | None:
        return getattr(obj, "aantal_geplaatst", None)


class VacatureFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=VacatureStatus.choices, required=False)
    beroep = serializers.IntegerField(required=False)
    werkgever = serializers.IntegerField(required=False)
    wijk = serializers.IntegerField(required=False)


# --- kandidaten ---------------------------------------------------------------------------


class EigenKandidaatSerializer(serializers.Serializer):
    dossier = serializers.IntegerField(source="dossier.pk")
    naam = serializers.CharField(source="dossier.werkzoekende.naam")
    code = serializers.CharField(help_text="Code van de kandidaat bij deze vacature")
    score = serializers.IntegerField(source="fit.score")
    past = serializers.BooleanField(source="fit.past", help_text="Voldoet aan alle eisen")
    tekorten = serializers.ListField(child=serializers.CharField(), source="fit.tekorten")
    pluspunten = serializers.ListField(child=serializers.CharField(), source="fit.pluspunten")
    zichtbaar_voor_werkgevers = serializers.BooleanField()
    voordracht = serializers.SerializerMethodField()

    def get_voordracht(self, obj) -> int | None:
        return obj.voordracht.pk if obj.voordracht else None


class CollegaTellingSerializer(serializers.Serializer):
    werkcoach_id = serializers.IntegerField(source="werkcoach.pk")
    werkcoach = serializers.CharField(source="werkcoach.__str__")
    passend = serializers.IntegerField()
    bijna = serializers.IntegerField(help_text="Met tekorten, score vanaf de drempel")


class KandidatenSerializer(serializers.Serializer):
    totaal_passend = serializers.IntegerField()
    totaal_bijna = serializers.IntegerField()
    eigen_aantal = serializers.IntegerField(source="eigen.paginator.count")
    eigen = EigenKandidaatSerializer(many=True, source="eigen.object_list")
    per_werkcoach_aantal = serializers.IntegerField(source="collegas.paginator.count")
    per_werkcoach = CollegaTellingSerializer(many=True, source="collegas.object_list")


class KandidatenFilterSerializer(serializers.Serializer):
    pagina_eigen = serializers.IntegerField(required=False, min_value=1, default=1)
    pagina_collegas = serializers.IntegerField(required=False, min_value=1, default=1)


# --- voordrachten -------------------------------------------------------------------------


class PlaatsingSerializer(serializers.Serializer):
    startdatum = serializers.DateField()
    contracturen = serializers.IntegerField()
    contract_maanden = serializers.IntegerField(allow_null=True)


class VoordrachtSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    vacature = serializers.IntegerField(source="vacature_id")
    vacature_titel = serializers.CharField(source="vacature.titel")
    dossier = serializers.IntegerField(source="dossier_id")
    naam = serializers.CharField(source="dossier.werkzoekende.naam")
    status = serializers.ChoiceField(choices=VoordrachtStatus.choices)
    score = serializers.IntegerField()
    tekorten = serializers.ListField(child=serializers.CharField())
    pluspunten = serializers.ListField(child=serializers.CharField())
    toelichting = serializers.CharField()
    gesprek_op = serializers.DateTimeField(allow_null=True)
    afwijzingsreden = serializers.ChoiceField(choices=Afwijzingsreden.choices, allow_blank=True)
    voorgedragen_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()
    plaatsing = serializers.SerializerMethodField()

    @extend_schema_field(PlaatsingSerializer(allow_null=True))
    def get_plaatsing(self, obj):
        plaatsing = getattr(obj, "plaatsing", None)
        return PlaatsingSerializer(plaatsing).data if plaatsing else None


class VoordrachtFilterSerializer(serializers.Serializer):
    vacature = serializers.IntegerField(required=False)


class VoordragenSerializer(serializers.Serializer):
    vacature = serializers.IntegerField()
    dossier = serializers.IntegerField()
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class OvergangSerializer(serializers.Serializer):
    naar = serializers.ChoiceField(
        choices=[
            (VoordrachtStatus.GESPREK, VoordrachtStatus.GESPREK.label),
            (VoordrachtStatus.GEPLAATST, VoordrachtStatus.GEPLAATST.label),
            (VoordrachtStatus.AFGEWEZEN, VoordrachtStatus.AFGEWEZEN.label),
        ]
    )
    gesprek_op = serializers.DateTimeField(required=False, help_text="Bij naar=gesprek")
    startdatum = serializers.DateField(required=False, help_text="Bij naar=geplaatst")
    contracturen = serializers.IntegerField(
        required=False, min_value=1, max_value=40, help_text="Bij naar=geplaatst"
    )
    contract_maanden = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=120,
        help_text="Bij naar=geplaatst; leeg bij onbepaalde tijd",
    )
    afwijzingsreden = serializers.ChoiceField(
        choices=[(w, label) for w, label in Afwijzingsreden.choices if w != "vacature_gesloten"],
        required=False,
        help_text="Bij naar=afgewezen",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data):
        naar = data["naar"]
        nodig = {
            VoordrachtStatus.GESPREK: ("gesprek_op",),
            VoordrachtStatus.GEPLAATST: ("startdatum", "contracturen"),
            VoordrachtStatus.AFGEWEZEN: ("afwijzingsreden",),
        }[naar]
        fouten = {
            veld: ["Dit veld is verplicht."] for veld in nodig if data.get(veld) in (None, "")
        }
        if fouten:
            raise serializers.ValidationError(fouten)
        return data
