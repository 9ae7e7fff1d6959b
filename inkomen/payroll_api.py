"""POST /api/v1/inkomen/loongegevens: payroll data delivered by an employer's system.

- Authentication: a system-client token (``Authorization: Token <token>``) with the scope
  ``loongegevens:schrijven``; the client must be linked to one active ``Werkgever``.
- A batch of up to 1000 lines; each line is handled on its own (its own transaction):
  ``geaccepteerd`` (stored as a definitive inkomstenopgave, bron werkgever, and the month is
  recalculated), ``dubbel`` (this werkgever/person/period/version was received before: nothing
  is stored twice) or ``fout`` (with messages per field).
- A line is accepted only for a person with a registered ``Dienstverband`` at this employer in
  that period and a running uitkering. Otherwise the line gets one generic error that does not
  reveal whether the BSN is known elsewhere.
- Lines are referred to by their index; the BSN never appears in a response or a log line.
- ``Idempotency-Key`` (optional header, 1-255 visible ASCII characters): a retry of the same
  request with the same key stores nothing new and answers each line as the first request
  did (``geaccepteerd`` again, not ``dubbel``); lines the first request never reached (it
  failed half-way) are processed now. The key is stored per line as a hash of (werkgever,
  key, line index) in ``Inkomstenopgave.idempotentiesleutel``; the same key with other data
  in a line makes that line ``fout``. With or without a key, a line received before still
  gets its month's recalculation scheduled if it is missing
  (:func:`inkomen.opgaven.zorg_voor_herberekening`).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from bijstand.accounts.authentication import SysteemTokenAuthentication
from bijstand.core import crypto
from bijstand.core.api import HeeftScope, als_drf_fout
from bijstand.dossiers.models import Dossier, Werkzoekende

from . import opgaven, services
from .models import Bron, Dienstverband, Inkomstenopgave, Uitkering, Werkgever
from .serializers import (
    MAX_REGELS,
    VIER_WEKEN,
    LoongegevensAntwoordSerializer,
    LoongegevensVerzoekSerializer,
    LoonregelSerializer,
)

SCOPE = "loongegevens:schrijven"
IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")


def regelsleutel(werkgever: Werkgever, sleutel: str, index: int) -> str:
    """The stored idempotency key of line ``index`` of a request with key ``sleutel``."""
    return hashlib.sha256(f"loongegevens:{werkgever.pk}:{index}:{sleutel}".encode()).hexdigest()


def _weiger(constante: str) -> Any:
    raise ValueError(constante)  # NaN / Infinity are no amounts


class DecimalJSONParser(JSONParser):
    """JSON with numbers as exact ``Decimal`` (never float)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(
                stream.read().decode(encoding), parse_float=Decimal, parse_constant=_weiger
            )
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(_("Het verzoek is geen geldige JSON.")) from exc


def _geen_dienstverband() -> dict[str, list[str]]:
    return {
        "bsn": [
            _(
                "Voor deze persoon is in deze periode geen dienstverband bij uw organisatie "
                "geregistreerd waarvoor loongegevens worden verwacht."
            )
        ]
    }


def _periode(regel: dict[str, Any]) -> tuple[date, str, list[date], date, date]:
    """(maand, loonperiode key, betaaldata, period start, period end) of a valid line."""
    if regel["periode"] == VIER_WEKEN:
        betaaldatum: date = regel["betaaldatum"]
        return (
            betaaldatum.replace(day=1),
            f"4W:{betaaldatum.isoformat()}",
            [betaaldatum],
            betaaldatum - timedelta(days=27),
            betaaldatum,
        )
    jaar, maand = (int(d) for d in regel["periode"].split("-"))
    eerste = date(jaar, maand, 1)
    laatste = date(jaar, maand, calendar.monthrange(jaar, maand)[1])
    return eerste, regel["periode"], [], eerste, laatste


def _zelfde(opgave: Inkomstenopgave, regel: dict[str, Any], betaaldata: list[date]) -> bool:
    uren = regel.get("uren")
    return (
        opgave.bedrag == regel["netto_loon"]
        and opgave.vakantiegeld == regel["vakantiegeld"]
        and (opgave.uren is None if uren is None else opgave.uren == uren)
        and opgave.betaaldata == [d.isoformat() for d in betaaldata]
    )


def verwerk_regel(
    *,
    werkgever: Werkgever,
    client: Any,
    index: int,
    data: Any,
    request: Any = None,
    idempotentiesleutel: str = "",
) -> dict[str, Any]:
    """Handle one payroll line; returns its report (never containing the BSN).

    ``idempotentiesleutel``: the line's stored key (:func:`regelsleutel`), or empty.
    """
    uitkomst: dict[str, Any] = {"regel": index}
    if not isinstance(data, dict):
        return {**uitkomst, "status": "fout", "fouten": {"regel": [_("Geen geldige regel.")]}}
    serializer = LoonregelSerializer(data=data)
    if not serializer.is_valid():
        fouten = {
            veld: [str(m) for m in meldingen] for veld, meldingen in serializer.errors.items()
        }
        return {**uitkomst, "status": "fout", "fouten": fouten}
    regel = serializer.validated_data
    maand, loonperiode, betaaldata, begin, eind = _periode(regel)

    werkzoekende = Werkzoekende.objects.filter(bsn_hash=crypto.bsn_hash(regel["bsn"])).first()
    dienstverband = werkzoekende is not None and (
        Dienstverband.objects.filter(werkgever=werkgever, werkzoekende=werkzoekende, van__lte=eind)
        .filter(Q(tot__isnull=True) | Q(tot__gte=begin))
        .exists()
    )
    uitkering = (
        Uitkering.objects.filter(dossier__werkzoekende=werkzoekende, ingangsdatum__lte=eind)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=maand))
        .select_related("dossier")
        .order_by("-ingangsdatum")
        .first()
        if dienstverband
        else None
    )
    if uitkering is None:
        return {**uitkomst, "status": "fout", "fouten": _geen_dienstverband()}
    dossier: Dossier = uitkering.dossier

    if idempotentiesleutel:
        eerste = Inkomstenopgave.objects.filter(
            dossier=dossier, idempotentiesleutel=idempotentiesleutel
        ).first()
        if eerste is not None:  # a retry of this request: the first answer, nothing stored
            if (eerste.werkgever_id, eerste.loonperiode, eerste.versie) == (
                werkgever.pk,
                loonperiode,
                regel["versie"],
            ) and _zelfde(eerste, regel, betaaldata):
                opgaven.zorg_voor_herberekening(eerste)
                return {**uitkomst, "status": "geaccepteerd"}
            return {**uitkomst, "status": "fout", "fouten": _sleutel_hergebruikt()}

    versies = Inkomstenopgave.objects.filter(
        bron=Bron.WERKGEVER,
        werkgever=werkgever,
        werkzoekende=werkzoekende,
        loonperiode=loonperiode,
    ).order_by("-versie")
    bestaande = next((o for o in versies if o.versie == regel["versie"]), None)
    if bestaande is not None:
        if _zelfde(bestaande, regel, betaaldata):
            # A retry of a batch that failed half-way: its recalculation may never have run.
            opgaven.zorg_voor_herberekening(bestaande)
            return {**uitkomst, "status": "dubbel", "melding": _("Deze regel is al ontvangen.")}
        return {
            **uitkomst,
            "status": "fout",
            "fouten": {
                "versie": [
                    _(
                        "Deze versie is al ontvangen met andere gegevens. Verhoog de versie "
                        "om een correctie door te geven."
                    )
                ]
            },
        }
    laatste = versies.first()
    if laatste is not None and laatste.versie > regel["versie"]:
        return {
            **uitkomst,
            "status": "fout",
            "fouten": {"versie": [_("Er is al een nieuwere versie van deze periode ontvangen.")]},
        }
    try:
        services.registreer_inkomstenopgave(
            dossier=dossier,
            maand=maand,
            persoon="aanvrager",
            soort="arbeid",
            bedrag=regel["netto_loon"],
            vakantiegeld=regel["vakantiegeld"],
            uren=regel.get("uren"),
            periode="vier_weken" if betaaldata else "maand",
            betaaldata=betaaldata,
            status="definitief",
            bron=Bron.WERKGEVER,
            door=None,
            systeemclient=client,
            werkgever=werkgever,
            loonperiode=loonperiode,
            versie=regel["versie"],
            vervangt=laatste,
            request=request,
            idempotentiesleutel=idempotentiesleutel,
        )
    except services.DubbeleOpgave as exc:
        opgaven.zorg_voor_herberekening(exc.bestaande)
        return {**uitkomst, "status": "dubbel", "melding": _("Deze regel is al ontvangen.")}
    except ValidationError as exc:
        if "idempotentiesleutel" in getattr(exc, "error_dict", {}):
            return {**uitkomst, "status": "fout", "fouten": _sleutel_hergebruikt()}
        fouten = als_drf_fout(exc).detail
        fouten.pop("dossier", None)  # never tell an employer about the case
        return {
            **uitkomst,
            "status": "fout",
            "fouten": {k: [str(m) for m in v] for k, v in fouten.items()} or _geen_dienstverband(),
        }
    return {**uitkomst, "status": "geaccepteerd"}


def _sleutel_hergebruikt() -> dict[str, list[str]]:
    return {
        IDEMPOTENCY_HEADER: [
            _(
                "Deze Idempotency-Key is al gebruikt voor een verzoek met andere gegevens in "
                "deze regel. Gebruik een nieuwe sleutel voor een nieuw verzoek."
            )
        ]
    }


VOORBEELD_VERZOEK = {
    "regels": [
        {
            "bsn": "111222333",
            "periode": "2026-03",
            "netto_loon": "450.00",
            "vakantiegeld": "0.00",
            "uren": "30.00",
            "versie": 1,
        },
        {
            "bsn": "123456782",
            "periode": "vier_weken",
            "betaaldatum": "2026-03-27",
            "netto_loon": "520.00",
            "vakantiegeld": "0.00",
            "uren": "48.00",
            "versie": 1,
        },
    ]
}
VOORBEELD_ANTWOORD = {
    "ontvangen": 2,
    "geaccepteerd": 1,
    "dubbel": 0,
    "fout": 1,
    "regels": [
        {"regel": 0, "status": "geaccepteerd"},
        {
            "regel": 1,
            "status": "fout",
            "fouten": {
                "bsn": [
                    "Voor deze persoon is in deze periode geen dienstverband bij uw organisatie "
                    "geregistreerd waarvoor loongegevens worden verwacht."
                ]
            },
        },
    ],
}


class LoongegevensView(APIView):
    """Payroll lines of one employer (system-client token with scope loongegevens:schrijven)."""

    authentication_classes = [SysteemTokenAuthentication]
    permission_classes = [HeeftScope]
    parser_classes = [DecimalJSONParser]
    vereiste_scope = {"POST": SCOPE}

    @extend_schema(
        operation_id="inkomen_loongegevens_aanleveren",
        summary="Loongegevens aanleveren (salarissysteem werkgever)",
        description=(
            "Levert per werknemer en periode het netto loon, het vakantiegeld en de uren. "
            "Alleen voor personen met een geregistreerd dienstverband bij deze werkgever. "
            "Idempotent per werkgever, persoon, periode en versie: een herhaalde regel krijgt "
            "status 'dubbel'. Een correctie is dezelfde periode met een hogere versie. Het "
            "antwoord noemt regels bij hun index (vanaf 0), nooit bij BSN. Scope: "
            f"`{SCOPE}`.\n\n"
            "Herhalen na een time-out of een fout halverwege: stuur hetzelfde verzoek opnieuw "
            "met dezelfde header `Idempotency-Key`. Er wordt niets dubbel opgeslagen; elke "
            "regel krijgt hetzelfde antwoord als de eerste keer, en regels die de eerste keer "
            "niet verwerkt zijn, worden nu verwerkt. Ook zonder sleutel wordt de herberekening "
            "van een eerder ontvangen regel alsnog ingepland als die ontbreekt."
        ),
        tags=["inkomen"],
        parameters=[
            OpenApiParameter(
                name=IDEMPOTENCY_HEADER,
                type=str,
                location=OpenApiParameter.HEADER,
                required=False,
                description=(
                    "Optioneel. Een door u gekozen unieke sleutel per verzoek (1 tot 255 "
                    "zichtbare ASCII-tekens, bijvoorbeeld een UUID). Een herhaling met dezelfde "
                    "sleutel slaat niets opnieuw op en geeft per regel het eerste antwoord. "
                    "Dezelfde sleutel met andere gegevens in een regel geeft voor die regel "
                    "status 'fout' (veld `Idempotency-Key`). Een ongeldige sleutel geeft 400 "
                    "met code `ongeldige_idempotency_key`."
                ),
            )
        ],
        request=LoongegevensVerzoekSerializer,
        responses={
            200: LoongegevensAntwoordSerializer,
            400: OpenApiResponse(
                description=(
                    "Het verzoek als geheel is ongeldig, of de Idempotency-Key is ongeldig: "
                    "{code, detail, fouten}."
                )
            ),
            401: OpenApiResponse(description="Geen of een ongeldige token."),
            403: OpenApiResponse(description="Geen scope of geen gekoppelde werkgever."),
        },
        examples=[
            OpenApiExample("Verzoek", value=VOORBEELD_VERZOEK, request_only=True),
            OpenApiExample("Antwoord", value=VOORBEELD_ANTWOORD, response_only=True),
        ],
    )
    def post(self, request):
        client = request.auth
        werkgever = Werkgever.objects.filter(systeemclient=client, actief=True).first()
        if werkgever is None:
            raise PermissionDenied(_("Deze systeemkoppeling hoort niet bij een actieve werkgever."))
        sleutel = request.headers.get(IDEMPOTENCY_HEADER)
        if sleutel is not None and not IDEMPOTENCY_RE.match(sleutel):
            return Response(
                {
                    "code": "ongeldige_idempotency_key",
                    "detail": _("Ongeldige Idempotency-Key."),
                    "fouten": {
                        IDEMPOTENCY_HEADER: [
                            _("Geef een sleutel van 1 tot 255 zichtbare ASCII-tekens.")
                        ]
                    },
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        data = request.data
        regels = data.get("regels") if isinstance(data, dict) else None
        if not isinstance(regels, list) or not regels:
            return Response(
                {
                    "code": "ongeldig",
                    "detail": _("Ongeldige invoer."),
                    "fouten": {"regels": [_("Geef een lijst met ten minste één regel.")]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if len(regels) > MAX_REGELS:
            return Response(
                {
                    "code": "ongeldig",
                    "detail": _("Ongeldige invoer."),
                    "fouten": {
                        "regels": [
                            _("Lever maximaal %(n)s regels per verzoek aan.") % {"n": MAX_REGELS}
                        ]
                    },
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        uitkomsten = [
            verwerk_regel(
                werkgever=werkgever,
                client=client,
                index=i,
                data=r,
                request=request,
                idempotentiesleutel=regelsleutel(werkgever, sleutel, i) if sleutel else "",
            )
            for i, r in enumerate(regels)
        ]
        telling = {
            s: sum(1 for u in uitkomsten if u["status"] == s)
            for s in ("geaccepteerd", "dubbel", "fout")
        }
        return Response({"ontvangen": len(uitkomsten), **telling, "regels": uitkomsten})
