"""POST /api/v1/inkomen/proefberekening: the proefberekening of issue 3 as an API.

Who may call it (`HeeftScope`, bijstand/core/api.py): every logged-in person (session, any
role, burgers included) and every system client (token) with scope
``inkomen:proefberekening``. Rate-limited per person / per client with the DRF throttle scope
``proefberekening`` (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``). The request holds no
identifying data (no BSN, no name) and nothing is stored, so nothing is logged.

The view is thin: :func:`inkomen.proefberekening.voer_proefberekening_uit` does the work, the
same function the management command ``proefberekening`` calls. The serializers below only
*document* the contract for the OpenAPI schema; the strict parsing is in
:mod:`inkomen.proefberekening` (a test keeps their field names equal).
"""

from __future__ import annotations

import rules
from django.conf import settings
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from bijstand.core.api import HeeftScope, is_systeem

from .proefberekening import ProefberekeningFout, lees_json, voer_proefberekening_uit

SCOPE = "inkomen:proefberekening"
THROTTLE_SCOPE = "proefberekening"

# --- parsing and throttling ----------------------------------------------------------------


class ExacteJSONParser(JSONParser):
    """JSON with numbers as exact ``Decimal`` (never float), so ``600.125`` stays 3 decimals."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            tekst = stream.read().decode(encoding)
            return lees_json(tekst)
        except UnicodeDecodeError as exc:
            raise ParseError(f"De invoer is geen geldige JSON: {exc}") from exc
        except ProefberekeningFout as fout:
            raise ParseError(fout.detail) from fout


class ProefberekeningThrottle(ScopedRateThrottle):
    """Scope ``proefberekening``, counted per person (user id) or per system client.

    The rate is read from the settings at request time (so ``override_settings`` works), and
    system clients, whose stand-in user has no pk, each get their own bucket.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        user = request.user
        if is_systeem(user):
            ident = f"systeem-{user.client.pk}"
        elif user is not None and user.is_authenticated:
            ident = f"gebruiker-{user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


# --- schema (documentation only) -----------------------------------------------------------

BEDRAG_PATROON = r"^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$"


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "pattern": BEDRAG_PATROON, "example": "600.00"},
            {"type": "number", "minimum": 0, "maximum": 999999.99, "multipleOf": 0.01},
        ],
        "description": (
            'Netto bedrag: tekst zoals "600.00" (punt, hoogstens 2 decimalen, geen teken) of '
            "een JSON-getal met hoogstens 2 decimalen; 0 tot en met 999.999,99."
        ),
    }
)
class BedragInvoerVeld(serializers.Field):
    pass


class ProefberekeningPersoonSerializer(serializers.Serializer):
    geboortedatum = serializers.DateField(help_text="JJJJ-MM-DD")
    medisch_urenbeperkt = serializers.BooleanField(required=False, default=False)


class ProefberekeningKindSerializer(serializers.Serializer):
    geboortedatum = serializers.DateField(help_text="JJJJ-MM-DD; kind ten laste, jonger dan 18")


class ProefberekeningMedebewonerSerializer(serializers.Serializer):
    geboortedatum = serializers.DateField(help_text="JJJJ-MM-DD")
    student = serializers.BooleanField(
        required=False, default=False, help_text="Studiefinanciering, WTOS of BBL"
    )
    commerciele_huur = serializers.BooleanField(
        required=False, default=False, help_text="Schriftelijke overeenkomst, commerciële prijs"
    )
    familie_eerste_of_tweede_graad = serializers.BooleanField(required=False, default=False)


class ProefberekeningInkomstenSerializer(serializers.Serializer):
    persoon = serializers.ChoiceField(choices=["aanvrager", "partner"])
    soort = serializers.ChoiceField(choices=["arbeid", "overig"])
    bedrag = BedragInvoerVeld()
    periode = serializers.ChoiceField(
        choices=["maand", "vier_weken"],
        required=False,
        default="maand",
        help_text="vier_weken wordt omgerekend met × 13 / 12 (beleidskeuze P3)",
    )


class ProefberekeningTellerSerializer(serializers.Serializer):
    n = serializers.IntegerField(min_value=0, max_value=600, required=False)
    r = serializers.IntegerField(min_value=0, max_value=600, required=False)
    y = serializers.IntegerField(min_value=0, max_value=600, required=False)
    z = serializers.IntegerField(min_value=0, max_value=600, required=False)
    aa = serializers.IntegerField(min_value=0, max_value=600, required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["34a"] = serializers.IntegerField(min_value=0, max_value=600, required=False)
        return fields


class ProefberekeningTellersSerializer(serializers.Serializer):
    aanvrager = ProefberekeningTellerSerializer(required=False)
    partner = ProefberekeningTellerSerializer(required=False)


class ProefberekeningInvoerSerializer(serializers.Serializer):
    maand = serializers.RegexField(r"^\d{4}-(0[1-9]|1[0-2])$", help_text="JJJJ-MM; vanaf 2025-01")
    aanvrager = ProefberekeningPersoonSerializer()
    partner = ProefberekeningPersoonSerializer(required=False, allow_null=True, default=None)
    kinderen = ProefberekeningKindSerializer(many=True, required=False, max_length=20)
    medebewoners = ProefberekeningMedebewonerSerializer(many=True, required=False, max_length=20)
    inkomsten = ProefberekeningInkomstenSerializer(many=True, required=False, max_length=50)
    vrijlating_maanden_gebruikt = ProefberekeningTellersSerializer(
        required=False, help_text="Maanden van elke vrijlating die al zijn gebruikt vóór deze maand"
    )
    geschatte_inkomsten = ProefberekeningInkomstenSerializer(
        many=True,
        required=False,
        allow_null=True,
        max_length=50,
        help_text="De schatting waarop de voorlopige betaling voor deze maand is gebaseerd",
    )
    recht_vanaf = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="JJJJ-MM-DD binnen `maand`: eerste dag met recht van een deelmaand bij de "
        "start (art. 45 lid 3); leeg = vanaf de eerste dag van de maand",
    )
    recht_tot = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="JJJJ-MM-DD binnen `maand`, niet vóór `recht_vanaf`: laatste dag met recht "
        "van een deelmaand bij het einde; leeg = tot en met de laatste dag van de maand",
    )


def _bedrag(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class ProefberekeningRegelSerializer(serializers.Serializer):
    artikel = serializers.CharField()
    omschrijving = serializers.CharField()
    bedrag = _bedrag(allow_null=True)


class ProefberekeningResultaatSerializer(serializers.Serializer):
    norm = _bedrag()
    kostendelers = serializers.IntegerField(help_text="A van art. 22a lid 1")
    inkomsten = _bedrag()
    vrijlating = _bedrag()
    bijstand = _bedrag(help_text="Inclusief vakantietoeslag")
    vakantietoeslag = _bedrag(help_text="Het gereserveerde deel")
    uitbetaling = _bedrag(help_text="Uitbetaling deze maand, vóór inhoudingen")
    correctie = _bedrag(
        allow_null=True,
        help_text="null zonder schatting; anders bijstand definitief min bijstand op de "
        "schatting (negatief: te veel betaald)",
    )
    regels = ProefberekeningRegelSerializer(many=True)


class ProefberekeningFoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    fouten = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


VOORBEELD_INVOER = {
    "maand": "2026-03",
    "aanvrager": {"geboortedatum": "1985-05-01", "medisch_urenbeperkt": False},
    "partner": None,
    "kinderen": [{"geboortedatum": "2020-01-01"}],
    "medebewoners": [],
    "inkomsten": [
        {"persoon": "aanvrager", "soort": "arbeid", "bedrag": "600.00", "periode": "maand"}
    ],
    "vrijlating_maanden_gebruikt": {"aanvrager": {"n": 1, "r": 0}},
    "geschatte_inkomsten": None,
}
VOORBEELD_INVOER_MEDEBEWONER = {
    **VOORBEELD_INVOER,
    "medebewoners": [
        {
            "geboortedatum": "1986-01-01",
            "student": False,
            "commerciele_huur": False,
            "familie_eerste_of_tweede_graad": True,
        }
    ],
}


def _regels(norm_regel: dict, bijstand: str, norm: str, vt: str, uit: str) -> list[dict]:
    return [
        norm_regel,
        {
            "artikel": "art. 32 lid 1 Participatiewet",
            "omschrijving": "Netto inkomsten uit arbeid van de aanvrager in maart 2026",
            "bedrag": "600.00",
        },
        {
            "artikel": "art. 31 lid 2 onder n Participatiewet",
            "omschrijving": "25% van 600,00, maximaal 285,00",
            "bedrag": "150.00",
        },
        {
            "artikel": "art. 19 lid 2 Participatiewet",
            "omschrijving": f"Bijstand inclusief vakantietoeslag: norm {norm} min inkomsten "
            "600,00 min vrijlating 150,00 = 450,00",
            "bedrag": bijstand,
        },
        {
            "artikel": "art. 19 lid 3 Participatiewet",
            "omschrijving": f"Vakantietoeslag 5% van {bijstand.replace('.', ',')}, gereserveerd "
            "en later in één keer uitbetaald",
            "bedrag": vt,
        },
        {
            "artikel": "art. 45 lid 1 Participatiewet",
            "omschrijving": f"Uitbetaling over maart 2026: bijstand {bijstand.replace('.', ',')} "
            f"min vakantietoeslag {vt.replace('.', ',')}, vóór inhoudingen",
            "bedrag": uit,
        },
    ]


VOORBEELD_RESULTAAT = {
    "norm": "1401.50",
    "kostendelers": 1,
    "inkomsten": "600.00",
    "vrijlating": "150.00",
    "bijstand": "951.50",
    "vakantietoeslag": "47.58",
    "uitbetaling": "903.92",
    "correctie": None,
    "regels": _regels(
        {
            "artikel": "art. 21 onder a Participatiewet",
            "omschrijving": "Norm alleenstaande ouder van 21 jaar tot de AOW-leeftijd (01-01-2026)",
            "bedrag": "1401.50",
        },
        "951.50",
        "1.401,50",
        "47.58",
        "903.92",
    ),
}
VOORBEELD_RESULTAAT_MEDEBEWONER = {
    "norm": "1001.07",
    "kostendelers": 2,
    "inkomsten": "600.00",
    "vrijlating": "150.00",
    "bijstand": "551.07",
    "vakantietoeslag": "27.55",
    "uitbetaling": "523.52",
    "correctie": None,
    "regels": _regels(
        {
            "artikel": "art. 22a lid 1 Participatiewet",
            "omschrijving": "Kostendelersnorm bij 2 kostendelers: (40 + 2 × 30) / 2 = 50% van "
            "de gehuwdennorm 2.002,13 (art. 21 onder b Participatiewet) (normen per "
            "01-01-2026)",
            "bedrag": "1001.07",
        },
        "551.07",
        "1.001,07",
        "27.55",
        "523.52",
    ),
}
VOORBEELD_INVOER_DEELMAAND = {
    "maand": "2026-03",
    "aanvrager": {"geboortedatum": "1985-05-01", "medisch_urenbeperkt": False},
    "recht_vanaf": "2026-03-17",
}
VOORBEELD_RESULTAAT_DEELMAAND = {
    "norm": "678.15",
    "kostendelers": 1,
    "inkomsten": "0.00",
    "vrijlating": "0.00",
    "bijstand": "678.15",
    "vakantietoeslag": "33.91",
    "uitbetaling": "644.24",
    "correctie": None,
    "regels": [
        {
            "artikel": "art. 21 onder a Participatiewet",
            "omschrijving": "Norm alleenstaande van 21 jaar tot de AOW-leeftijd (01-01-2026)",
            "bedrag": "1401.50",
        },
        {
            "artikel": "art. 45 lid 3 Participatiewet",
            "omschrijving": "Deelmaand: recht van 17-03-2026 tot en met 31-03-2026, 15 van de "
            "31 kalenderdagen: norm 1.401,50 × 15 / 31 (beleidskeuze P8)",
            "bedrag": "678.15",
        },
        {
            "artikel": "art. 19 lid 2 Participatiewet",
            "omschrijving": "Bijstand inclusief vakantietoeslag: norm 678,15 min inkomsten 0,00",
            "bedrag": "678.15",
        },
        {
            "artikel": "art. 19 lid 3 Participatiewet",
            "omschrijving": "Vakantietoeslag 5% van 678,15, gereserveerd en later in één keer "
            "uitbetaald",
            "bedrag": "33.91",
        },
        {
            "artikel": "art. 45 lid 1 Participatiewet",
            "omschrijving": "Uitbetaling over maart 2026: bijstand 678,15 min vakantietoeslag "
            "33,91, vóór inhoudingen",
            "bedrag": "644.24",
        },
    ],
}
VOORBEELD_FOUT = {
    "code": "ongeldig",
    "detail": "Ongeldige invoer.",
    "fouten": {
        "inkomsten[0].bedrag": ["Geef het bedrag op in hele centen: hoogstens twee decimalen."],
        "aanvrager.leeftijd": ["Onbekend veld."],
    },
}

BESCHRIJVING = """
Rekent één maand bijstand door zonder iets op te slaan: norm (art. 20-22a, met
kostendelersnorm art. 19a/22a), inkomsten, vrijlating (art. 31 lid 2 n, r, y), bijstand
inclusief vakantietoeslag, het gereserveerde vakantiegeld, de uitbetaling en - met
`geschatte_inkomsten` - de correctie. De rekenregels en beleidskeuzes komen uit de database
(de versie die geldt op de eerste dag van `maand`). Dezelfde JSON werkt met
`python manage.py proefberekening BESTAND` (`-` = standaardinvoer).

**Strikte invoer.** Onbekende velden (ook genest) en onmogelijke waarden geven HTTP 400 met per
veld een melding: `{"code": "ongeldig", "detail": ..., "fouten": {"inkomsten[0].bedrag":
[...]}}`. Bedragen: tekst zoals `"600.00"` of een JSON-getal, niet negatief, hoogstens twee
decimalen, punt als decimaalteken, geen e-notatie; getallen worden exact gelezen (nooit als
float). Datums `JJJJ-MM-DD`, maand `JJJJ-MM` vanaf 2025-01 en hoogstens zes maanden na de
nieuwste regelset. Booleans alleen `true`/`false`. Verplicht zijn `maand`, `aanvrager`
(`geboortedatum`) en per inkomstenregel `persoon`, `soort` en `bedrag`; de rest heeft een
standaardwaarde (`null`, `[]`, `{}`, `false`, `"maand"`).

**Deelmaand (art. 45 lid 3).** Met `recht_vanaf` (eerste dag met recht) en/of `recht_tot`
(laatste dag met recht), beide `JJJJ-MM-DD` binnen `maand`, wordt de norm naar rato berekend
volgens beleidskeuze P8: kalenderdagen (standaard; norm × dagen met recht / dagen in de maand)
of werkdagen (maandag tot en met vrijdag), afgerond op hele centen (half-up). Daarna wordt de
maand gewoon berekend op die norm; de maxima van de vrijlating gaan niet naar rato. Of het echt
een deelmaand is (geen bijstand in de 30 dagen ervoor of erna) beoordeelt de aanroeper. Een
datum buiten de maand, een onjuiste datum of een einde vóór het begin geeft HTTP 400.

**Antwoord.** Bedragen zijn tekst met twee decimalen; `regels` bevat één uitleg-regel per
toegepaste regel met het wetsartikel (`bedrag` is `null` bij een puur toelichtende regel).

**Let op bij het voorbeeld uit issue 3.** Dat verzoek noemt een medebewoner van 40 jaar die
familie is en geen commerciële huur betaalt. Volgens art. 19a lid 1 Participatiewet is zij
kostendeler (27 jaar of ouder, geen student, geen commerciële huur): het juiste antwoord is
dan `kostendelers` 2 en `norm` 1001.07 (50% van de gehuwdennorm 2.002,13). Het voorbeeld-
antwoord uit het issue (`kostendelers` 1, `norm` 1401.50, `uitbetaling` 903.92) geldt voor
hetzelfde verzoek **zonder** die medebewoner. Beide staan hieronder als voorbeeld.

Toegang: iedere ingelogde persoon (sessie) en systeemkoppelingen (token) met scope
`inkomen:proefberekening`. Per gebruiker of koppeling begrensd (throttle `proefberekening`).
"""


class ProefberekeningView(APIView):
    permission_classes = [HeeftScope]
    vereiste_scope = {"POST": SCOPE}
    vereiste_permissie = {"POST": rules.is_authenticated & rules.is_active}
    throttle_classes = [ProefberekeningThrottle]
    throttle_scope = THROTTLE_SCOPE
    parser_classes = [ExacteJSONParser]

    @extend_schema(
        operation_id="inkomen_proefberekening",
        summary="Proefberekening van de bijstand voor één maand",
        description=BESCHRIJVING,
        tags=["inkomen"],
        request=ProefberekeningInvoerSerializer,
        responses={
            200: ProefberekeningResultaatSerializer,
            400: OpenApiResponse(
                response=ProefberekeningFoutSerializer,
                description="Ongeldige invoer: per veld een melding",
            ),
            401: OpenApiResponse(
                response=ProefberekeningFoutSerializer, description="Niet ingelogd"
            ),
            403: OpenApiResponse(
                response=ProefberekeningFoutSerializer,
                description="Systeemkoppeling zonder scope inkomen:proefberekening",
            ),
            429: OpenApiResponse(
                response=ProefberekeningFoutSerializer, description="Te veel verzoeken"
            ),
        },
        examples=[
            OpenApiExample(
                "Voorbeeld uit issue 3 zonder medebewoner",
                value=VOORBEELD_INVOER,
                request_only=True,
            ),
            OpenApiExample(
                "Voorbeeld uit issue 3 met de medebewoner (kostendeler)",
                value=VOORBEELD_INVOER_MEDEBEWONER,
                request_only=True,
            ),
            OpenApiExample(
                "Deelmaand: recht vanaf 17 maart 2026 (art. 45 lid 3)",
                value=VOORBEELD_INVOER_DEELMAAND,
                request_only=True,
            ),
            OpenApiExample(
                "Antwoord zonder medebewoner",
                value=VOORBEELD_RESULTAAT,
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Antwoord met de medebewoner: kostendelersnorm",
                value=VOORBEELD_RESULTAAT_MEDEBEWONER,
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Antwoord deelmaand: norm naar rato (kalenderdagen, beleidskeuze P8)",
                value=VOORBEELD_RESULTAAT_DEELMAAND,
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Ongeldige invoer",
                value=VOORBEELD_FOUT,
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request):
        try:
            resultaat = voer_proefberekening_uit(request.data)
        except ProefberekeningFout as fout:
            return Response(fout.als_dict(), status=status.HTTP_400_BAD_REQUEST)
        return Response(resultaat)
