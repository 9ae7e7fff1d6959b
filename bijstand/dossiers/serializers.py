"""API representations of the case record. Never a BSN: no serializer here has such a field,
and the Werkzoekende is exposed only through explicit, named fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import (
    Dossier,
    DossierStatus,
    HuishoudenLid,
    JournaalRegel,
    JournaalSoort,
    Kanaal,
    Richting,
    Route,
    Werkzoekende,
    Wijk,
    Zichtbaarheid,
)


class WijkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wijk
        fields = ["id", "code", "naam", "gebied"]


class MedewerkerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    naam = serializers.SerializerMethodField()

    def get_naam(self, obj) -> str:
        return obj.get_full_name() or obj.username


class WerkzoekendeKortSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="publiek_id", read_only=True)
    naam = serializers.CharField(read_only=True)

    class Meta:
        model = Werkzoekende
        fields = ["id", "naam"]


class HuishoudenLidSerializer(serializers.ModelSerializer):
    class Meta:
        model = HuishoudenLid
        fields = ["id", "rol", "naam", "geboortedatum"]


class WerkzoekendeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="publiek_id", read_only=True)
    naam = serializers.CharField(read_only=True)
    wijk = WijkSerializer(read_only=True, allow_null=True)
    leefvorm = serializers.SerializerMethodField()
    huishoudleden = serializers.SerializerMethodField()

    class Meta:
        model = Werkzoekende
        fields = [
            "id",
            "naam",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "wijk",
            "leefvorm",
            "huishoudleden",
        ]

    def _huishouden(self, obj):
        try:
            return obj.huishouden
        except Werkzoekende.huishouden.RelatedObjectDoesNotExist:
            return None

    def get_leefvorm(self, obj) -> str | None:
        huishouden = self._huishouden(obj)
        return huishouden.leefvorm if huishouden else None

    @extend_schema_field(HuishoudenLidSerializer(many=True))
    def get_huishoudleden(self, obj) -> list[dict]:
        huishouden = self._huishouden(obj)
        if huishouden is None:
            return []
        return HuishoudenLidSerializer(huishouden.leden.all(), many=True).data


class DossierLijstSerializer(serializers.ModelSerializer):
    werkzoekende = WerkzoekendeKortSerializer(read_only=True)
    wijk = serializers.CharField(source="werkzoekende.wijk.naam", default=None, read_only=True)
    werkcoach = MedewerkerSerializer(read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "werkzoekende",
            "wijk",
            "status",
            "route",
            "doelgroep",
            "werkcoach",
            "laatste_contact",
        ]


class DossierDetailSerializer(serializers.ModelSerializer):
    werkzoekende = WerkzoekendeSerializer(read_only=True)
    werkcoach = MedewerkerSerializer(read_only=True)
    inkomensconsulent = MedewerkerSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "werkzoekende",
            "status",
            "beeindigingsreden",
            "route",
            "doelgroep",
            "werkcoach",
            "inkomensconsulent",
            "aanvraagdatum",
            "startdatum",
            "einddatum",
            "laatste_contact",
        ]


class DossierFilterSerializer(serializers.Serializer):
    """Query parameters of the list (no free-text search: a BSN must never be in a URL)."""

    status = serializers.ChoiceField(choices=DossierStatus.choices, required=False)
    route = serializers.ChoiceField(choices=Route.choices, required=False)
    wijk = serializers.IntegerField(required=False, min_value=1, help_text=_("Id van de wijk"))


class JournaalRegelSerializer(serializers.ModelSerializer):
    auteur = MedewerkerSerializer(read_only=True, allow_null=True)

    class Meta:
        model = JournaalRegel
        fields = [
            "id",
            "soort",
            "kanaal",
            "richting",
            "zichtbaarheid",
            "vertrouwelijk",
            "onderwerp",
            "tekst",
            "auteur",
            "op",
        ]
        read_only_fields = fields


HANDMATIGE_SOORTEN = [
    (s.value, s.label)
    for s in (JournaalSoort.NOTITIE, JournaalSoort.CONTACT, JournaalSoort.BERICHT)
]


class JournaalRegelInvoerSerializer(serializers.Serializer):
    """Input for a new journaal line; the rules are in services.voeg_journaalregel_toe."""

    soort = serializers.ChoiceField(choices=HANDMATIGE_SOORTEN, default=JournaalSoort.NOTITIE)
    tekst = serializers.CharField(max_length=10000, allow_blank=True, trim_whitespace=False)
    onderwerp = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    kanaal = serializers.ChoiceField(
        choices=Kanaal.choices, required=False, default="", allow_blank=True
    )
    richting = serializers.ChoiceField(
        choices=Richting.choices, required=False, default="", allow_blank=True
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices, default=Zichtbaarheid.INTERN
    )
    vertrouwelijk = serializers.BooleanField(default=False)


class BerichtSerializer(serializers.ModelSerializer):
    """A message between staff and the burger. ``antwoord_op``: the id of the first message of
    the thread (null for the first message itself)."""

    auteur = MedewerkerSerializer(read_only=True, allow_null=True)
    van_burger = serializers.SerializerMethodField()

    class Meta:
        model = JournaalRegel
        fields = [
            "id",
            "antwoord_op",
            "onderwerp",
            "tekst",
            "richting",
            "van_burger",
            "auteur",
            "op",
        ]
        read_only_fields = fields

    def get_van_burger(self, obj) -> bool:
        return obj.richting == Richting.INKOMEND

    def to_representation(self, obj):
        data = super().to_representation(obj)
        if obj.richting == Richting.INKOMEND:
            data["auteur"] = None  # the burger's account is not a staff member
        return data


class BerichtInvoerSerializer(serializers.Serializer):
    """A new message to the burger, or (with ``antwoord_op``) a reply in a thread."""

    tekst = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("De tekst van het bericht (verplicht, hoogstens 5000 tekens)."),
    )
    onderwerp = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    antwoord_op = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("Id van een bericht in dit dossier: het nieuwe bericht is een antwoord."),
    )
    idempotentiesleutel = serializers.RegexField(
        r"^[A-Za-z0-9_.-]{8,64}$",
        required=False,
        default="",
        allow_blank=True,
        help_text=_(
            "Optioneel. Dezelfde sleutel nog een keer sturen slaat het bericht niet nog een keer "
            "op; het antwoord is dan het eerder opgeslagen bericht (status 200)."
        ),
    )
