"""/api/v1/meldingen/ and /api/v1/aanvragen/: the front door for API clients, under the rules of
the screens. The views are thin: the work is in ``aanvraag.services``, ``aanvraag.selectors``
and ``aanvraag.voorschot``; the step bodies are validated by the step forms of the screens.

- ``POST meldingen/``: register a melding (idempotent: 201 new, 200 the open aanvraag the
  person already has). A new person without ``persoon`` is looked up in the BRP.
- ``GET  aanvragen/``: the caller's worklist (``weergave``, ``zoek``), paginated.
- ``GET  aanvragen/<id>/``: status, dates, terms, steps done, checklist, besluit, voorschot.
- ``PUT  aanvragen/<id>/stappen/<stap>/``: save one step; ``POST .../indienen/``: submit.
- ``POST aanvragen/<id>/behandelen/``: an inkomensconsulent takes the aanvraag (needed before
  the besluit).
- ``GET/POST aanvragen/<id>/stukken/``: list (no file names) / upload (multipart) bewijsstukken.
- ``GET/POST aanvragen/<id>/besluit/`` and ``.../voorschot/``.

Who: the rules of the screens (``aanvraag/rules.py``). Role first (``HeeftScope``: 403 before
anything is read), then the aanvraag must be one the caller may open
(``selectors.mag_aanvraag_behandelen``; otherwise 404), then the object rule (403). A werkconsulent
or inkomensconsulent registers a melding at the loket (kanaal "loket") and fills in, adds stukken
to and submits a concept they may see; the worklist is for inkomensconsulenten and teamleiders;
werkconsulent, inkomensconsulent and teamleider read; an inkomensconsulent takes an aanvraag up;
only the inkomensconsulent handling it adds stukken after submission, decides and grants a
voorschot. What the status no longer allows is the service's Dutch 400. Burgers use the portal
(403 here).

System clients: ``aanvraag:lezen`` reads every aanvraag (list, detail, stukken, besluit,
voorschot); ``aanvraag:schrijven`` registers meldingen, saves steps, uploads stukken and submits.
No client decides or grants a voorschot: that needs a person. A client's melding goes in with
kanaal "loket" (no channel of its own) and ``door=None``; the view writes the log line that
names the client (activiteit "api"). Both scopes reach personal data: they work only after a
privacy officer approved them (``bijstand/accounts/scopes.py``).

Every read writes the dataverwerkingen log (activiteit "aanvraag" for staff, "api" for a
client); every error is ``{code, detail, fouten}`` in Dutch (``bijstand/core/api.py``). The BSN
is accepted only in the body of a melding and is never in a response or a log line.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import (
    APIException,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from bijstand.accounts.rules import (
    is_caseload_medewerker,
    is_inkomensconsulent,
    is_teamleider,
    is_werkconsulent,
)
from bijstand.brp.client import BrpFout, raadpleeg_persoon
from bijstand.core import crypto, tijd
from bijstand.core.api import HeeftScope, als_drf_fout, api_activiteit, foutresponses, is_systeem
from bijstand.dossiers.models import Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import behandeling, selectors, services
from . import voorschot as voorschot_module
from .models import (
    OPEN_STATUSSEN,
    TE_BESLISSEN,
    Aanvraag,
    AanvraagKanaal,
    AanvraagStatus,
    Besluit,
    Stuk,
    Voorschot,
)
from .serializers import (
    VOORBEELD_MELDING,
    AanvraagBesluitInvoerSerializer,
    AanvraagBesluitSerializer,
    AanvraagDetailSerializer,
    AanvraagLijstSerializer,
    AanvraagSamenvattingSerializer,
    AanvraagStukInvoerSerializer,
    AanvraagStukSerializer,
    AanvraagVoorschotSerializer,
    AanvraagWerklijstFilterSerializer,
    MeldingInvoerSerializer,
    dagen_over,
    detail_gegevens,
    of_none,
    stap_gegevens_uit_json,
)
from .stappen import STAP_SLUGS

SCOPE_LEZEN = "aanvraag:lezen"
SCOPE_SCHRIJVEN = "aanvraag:schrijven"
ACTIVITEIT = services.ACTIVITEIT  # "aanvraag"
BRP_DOEL = "aanvraag_bijstand"

NIET_GEVONDEN = "Aanvraag bestaat niet of valt buiten uw werkvoorraad"
GEEN_TOEGANG = "Alleen de inkomensconsulent die de aanvraag in behandeling heeft"
NIET_BEHANDELAAR = _lazy(
    "Alleen de inkomensconsulent die de aanvraag in behandeling heeft, doet dit. "
    "Neem de aanvraag eerst in behandeling."
)
# who registers a melding and fills in an aanvraag at the loket (rules.loket_medewerker)
LOKET = is_werkconsulent | is_inkomensconsulent


def _fouten(*codes: int, **kwargs) -> dict[int, OpenApiResponse]:
    return foutresponses(*codes, niet_gevonden=NIET_GEVONDEN, **kwargs)


class BrpNietBereikbaar(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "brp_niet_bereikbaar"
    default_detail = _lazy("De BRP is nu niet bereikbaar. Probeer het later opnieuw.")


# --- the base view ---------------------------------------------------------------------------


class AanvraagApiView(GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    parser_classes = [JSONParser]
    queryset = Aanvraag.objects.none()  # for the schema; real querysets come from selectors
    vereiste_scope: dict[str, str] = {"GET": SCOPE_LEZEN}
    vereiste_permissie: dict[str, Any] = {"GET": is_caseload_medewerker}

    @property
    def _door(self) -> Any:
        """The user the services record: None for a system client (it is no User)."""
        return None if is_systeem(self.request.user) else self.request.user

    def _activiteit(self) -> str:
        return api_activiteit(self.request.user, medewerker=ACTIVITEIT)

    def _laad(self, pk: int, *, controleer: bool = True) -> Aanvraag:
        """The aanvraag with what the detail shows, if the caller may open it (else 404)."""
        aanvraag = (
            Aanvraag.objects.select_related(
                "dossier__werkzoekende", "dossier__inkomensconsulent", "besluit", "voorschot"
            )
            .prefetch_related("hersteltermijnen")
            .annotate(aantal_stukken=Count("stukken"))
            .filter(pk=pk)
            .first()
        )
        user = self.request.user
        if aanvraag is None or (
            controleer
            and not is_systeem(user)
            and not selectors.mag_aanvraag_behandelen(user, aanvraag)
        ):
            raise Http404
        return aanvraag

    def _log(self, aanvragen: list[Aanvraag], operatie: str, soorten: list[str]) -> None:
        log_verwerking(
            activiteit=self._activiteit(),
            operatie=operatie,
            subjects=[a.dossier.werkzoekende.log_subject for a in aanvragen],
            soorten_gegevens=soorten,
            actor=self.request.user,
            request=self.request,
        )

    def _log_schrijven(self, aanvraag: Aanvraag, operatie: str, soorten: list[str]) -> None:
        """The services log a write with ``door``; for a system client that is None, so this
        line names the client."""
        if is_systeem(self.request.user):
            self._log([aanvraag], operatie, soorten)

    def _moet_mogen(self, aanvraag: Aanvraag, *regels: str, melding: str = "") -> None:
        """A person needs one of the object rules of the screens (``aanvraag/rules.py``);
        a system client's scope was checked by ``HeeftScope``."""
        user = self.request.user
        if is_systeem(user) or any(user.has_perm(r, aanvraag) for r in regels):
            return
        raise PermissionDenied(melding or None)

    def _detail(self, aanvraag: Aanvraag) -> dict[str, Any]:
        return AanvraagDetailSerializer(detail_gegevens(aanvraag, tijd.vandaag())).data

    def _antwoord(self, pk: int) -> Response:
        """The detail after a write (its read is part of the write that was logged), also when
        the write took the aanvraag out of the caller's view (the loket after submitting)."""
        return Response(self._detail(self._laad(pk, controleer=False)))


# --- melding ---------------------------------------------------------------------------------


class MeldingView(AanvraagApiView):
    serializer_class = AanvraagSamenvattingSerializer
    vereiste_scope = {"POST": SCOPE_SCHRIJVEN}
    vereiste_permissie = {"POST": LOKET}

    def _uit_brp(self, bsn: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """A new person's data from the BRP (logged there with its purpose)."""
        try:
            persoon = raadpleeg_persoon(
                bsn, doel=BRP_DOEL, actor=self.request.user, request=self.request
            )
        except BrpFout as fout:
            raise BrpNietBereikbaar(str(fout)) from fout
        if persoon is None or persoon.geboortedatum is None:
            raise ValidationError(
                {
                    "persoon": [
                        _("De BRP kent dit BSN niet. Stuur de persoonsgegevens mee in 'persoon'.")
                    ]
                }
            )
        gegevens = {
            "voornamen": persoon.voornamen[:200],
            "tussenvoegsel": persoon.voorvoegsel[:20],
            "achternaam": persoon.geslachtsnaam[:200],
            "geboortedatum": persoon.geboortedatum,
            "straat": persoon.straat[:200],
            "huisnummer": persoon.huisnummer[:20],
            "postcode": persoon.postcode[:7],
            "woonplaats": (persoon.woonplaats or "Rotterdam")[:100],
        }
        return gegevens, persoon.als_dict()

    @extend_schema(
        operation_id="aanvraag_melding",
        summary="Een melding registreren (loket of systeemkoppeling)",
        description=(
            "Opent het dossier (met één werkcoach) en de aanvraag (concept) met de melddatum "
            "(art. 44 lid 1 Participatiewet). Idempotent: heeft de persoon al een open "
            "aanvraag, dan komt die terug met 200. Iemand met een ander lopend dossier: 400. "
            "Een nieuwe persoon zonder 'persoon' wordt in de BRP opgezocht (503 als de BRP "
            "niet bereikbaar is). Kanaal: loket, ook voor een systeemkoppeling. Het BSN staat "
            "alleen in het verzoek, nooit in een antwoord."
        ),
        request=MeldingInvoerSerializer,
        responses={
            201: OpenApiResponse(AanvraagSamenvattingSerializer, "Nieuwe aanvraag"),
            200: OpenApiResponse(AanvraagSamenvattingSerializer, "De open aanvraag die er al was"),
            **_fouten(400, 401, 403),
            503: OpenApiResponse(description="De BRP is niet bereikbaar"),
        },
        examples=[OpenApiExample("Nieuwe persoon", value=VOORBEELD_MELDING, request_only=True)],
    )
    def post(self, request):
        invoer = MeldingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bsn = invoer.validated_data["bsn"]
        persoon = invoer.validated_data["persoon"]
        brp = None
        if (
            persoon is None
            and not Werkzoekende.objects.filter(bsn_hash=crypto.bsn_hash(bsn)).exists()
        ):
            persoon, brp = self._uit_brp(bsn)
        begin = timezone.now()
        try:
            aanvraag = services.registreer_melding(
                bsn=bsn,
                kanaal=AanvraagKanaal.LOKET,
                door=self._door,
                persoon=persoon,
                brp=brp,
                melddatum=invoer.validated_data["melddatum"],
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        nieuw = aanvraag.aangemaakt_op >= begin
        if is_systeem(request.user) or not nieuw:
            aanvraag = Aanvraag.objects.select_related("dossier__werkzoekende").get(pk=aanvraag.pk)
            operatie = "api_registreer_melding" if nieuw else "api_melding_bestaande_aanvraag"
            self._log([aanvraag], operatie, ["identificatie", "aanvraag"])
        return Response(
            AanvraagSamenvattingSerializer(aanvraag).data,
            status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK,
        )


# --- the worklist and one aanvraag -----------------------------------------------------------


def _systeem_werklijst(weergave: str, zoek: str) -> QuerySet[Aanvraag]:
    """Every aanvraag for a client with ``aanvraag:lezen``, with the worklist's filters (a
    client has no "eigen" aanvragen) and ordering."""
    qs = Aanvraag.objects.all()
    filters = {
        "open": Q(status__in=TE_BESLISSEN),
        "pool": Q(status__in=TE_BESLISSEN, dossier__inkomensconsulent__isnull=True),
        "concept": Q(status=AanvraagStatus.CONCEPT),
        "afgehandeld": ~Q(status__in=OPEN_STATUSSEN),
        "eigen": Q(pk__in=[]),
    }
    qs = qs.filter(filters[weergave])
    if zoek.strip():
        qs = qs.filter(
            Q(dossier__werkzoekende__achternaam__icontains=zoek.strip())
            | Q(dossier__werkzoekende__voornamen__icontains=zoek.strip())
        )
    return (
        qs.select_related("dossier__werkzoekende")
        .prefetch_related("hersteltermijnen")
        .order_by("beslissen_uiterlijk", "melddatum", "pk")
    )


class AanvraagLijstView(AanvraagApiView):
    serializer_class = AanvraagLijstSerializer
    vereiste_permissie = {"GET": is_inkomensconsulent | is_teamleider}

    @extend_schema(
        operation_id="aanvraag_werklijst",
        summary="Werklijst van aanvragen",
        description=(
            "Gesorteerd op het einde van de beslistermijn. Inkomensconsulent: de pool (nog niet "
            "in behandeling) en de eigen aanvragen (ook die van een collega die u vervangt); "
            "teamleider: die van de werkcoaches in zijn teams; systeemkoppeling: alle."
        ),
        parameters=[AanvraagWerklijstFilterSerializer],
        responses={200: AanvraagLijstSerializer(many=True), **_fouten(400, 401, 403)},
    )
    def get(self, request):
        params = AanvraagWerklijstFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        weergave, zoek = params.validated_data["weergave"], params.validated_data["zoek"]
        if is_systeem(request.user):
            qs = _systeem_werklijst(weergave, zoek)
        else:
            qs = selectors.werklijst_queryset(
                user=request.user, filters=selectors.WerklijstFilters(weergave=weergave, zoek=zoek)
            )
        qs = qs.annotate(
            heeft_voorschot=Exists(Voorschot.objects.filter(aanvraag_id=OuterRef("pk")))
        )
        rijen = self.paginate_queryset(qs)
        vandaag = tijd.vandaag()
        for a in rijen:
            a.dagen_over = dagen_over(a, vandaag)
            open_ = [h.termijn_tot for h in a.hersteltermijnen.all() if h.ontvangen_op is None]
            a.opgeschort_tot = max(open_) if open_ and a.status in TE_BESLISSEN else None
        self._log(rijen, "api_werklijst", ["identificatie", "aanvraag"])
        return self.get_paginated_response(self.get_serializer(rijen, many=True).data)


class AanvraagDetailView(AanvraagApiView):
    serializer_class = AanvraagDetailSerializer

    @extend_schema(
        operation_id="aanvraag_detail",
        summary="Eén aanvraag: status, termijnen, voortgang, besluit en voorschot",
        responses={200: AanvraagDetailSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        aanvraag = self._laad(pk)
        self._log([aanvraag], "api_bekijk_aanvraag", ["identificatie", "aanvraag"])
        return Response(self._detail(aanvraag))


# --- filling in ------------------------------------------------------------------------------

STAP_PARAMETER = OpenApiParameter(
    "stap", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(STAP_SLUGS)
)


class StapView(AanvraagApiView):
    serializer_class = AanvraagDetailSerializer
    vereiste_scope = {"PUT": SCOPE_SCHRIJVEN}
    vereiste_permissie = {"PUT": LOKET}

    @extend_schema(
        operation_id="aanvraag_stap_opslaan",
        summary="Eén stap van een concept-aanvraag opslaan",
        description=(
            "De velden van de stap zoals op het formulier (aanvraag/forms.py), als JSON-object; "
            "onbekende velden geven 400. Opnieuw opslaan vervangt de stap. persoon: email, "
            "telefoon, elektronisch, adres_gewijzigd, straat, huisnummer, postcode, woonplaats; "
            "wonen: woonsituatie (huur, koop, inwonend, dakloos, anders), woonkosten, "
            "toelichting; huishouden: {partner: {naam, geboortedatum} of null, kinderen: "
            "[{naam, geboortedatum}], medebewoners: [{naam, geboortedatum, familie, student, "
            "commerciele_huur}]} (elk hoogstens 15); inkomen: heeft_inkomen, soort, "
            "bedrag, andere_uitkering_aangevraagd; vermogen: bank_saldo, auto_waarde, "
            "eigen_woning, overig; bankrekening: iban, tenaamstelling; stukken: {} (de stukken "
            "zelf via /stukken/); verklaring: akkoord. Bedragen als tekst '650.00' of getal."
        ),
        parameters=[STAP_PARAMETER],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: AanvraagDetailSerializer, **_fouten(400, 401, 403, 404)},
        examples=[
            OpenApiExample(
                "wonen", value={"woonsituatie": "huur", "woonkosten": "650.00"}, request_only=True
            ),
            OpenApiExample(
                "huishouden",
                value={
                    "partner": None,
                    "kinderen": [{"naam": "Kim Jansen", "geboortedatum": "2015-04-01"}],
                    "medebewoners": [],
                },
                request_only=True,
            ),
        ],
    )
    def put(self, request, pk: int, stap: str):
        if stap not in STAP_SLUGS:
            raise Http404
        aanvraag = self._laad(pk)
        gegevens = stap_gegevens_uit_json(stap, request.data)
        try:
            services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=self._door)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        self._log_schrijven(aanvraag, "api_sla_stap_op", ["aanvraag"])
        return self._antwoord(pk)


class IndienenView(AanvraagApiView):
    serializer_class = AanvraagDetailSerializer
    vereiste_scope = {"POST": SCOPE_SCHRIJVEN}
    vereiste_permissie = {"POST": LOKET}

    @extend_schema(
        operation_id="aanvraag_indienen",
        summary="De aanvraag indienen (de beslistermijn begint)",
        description=(
            "Alle verplichte stappen ingevuld en de verklaring getekend; een jongere onder 27 "
            "pas na de zoektermijn van 4 weken (art. 41 lid 4 Participatiewet)."
        ),
        request=None,
        responses={200: AanvraagDetailSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        aanvraag = self._laad(pk)
        try:
            services.dien_in(aanvraag=aanvraag, door=self._door)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        self._log_schrijven(aanvraag, "api_dien_in", ["aanvraag"])
        return self._antwoord(pk)


class BehandelenView(AanvraagApiView):
    serializer_class = AanvraagDetailSerializer
    vereiste_scope: dict[str, str] = {}
    vereiste_permissie = {"POST": is_inkomensconsulent}

    @extend_schema(
        operation_id="aanvraag_in_behandeling_nemen",
        summary="De aanvraag in behandeling nemen (inkomensconsulent)",
        description=(
            "Uit de pool, of overnemen van een collega (vastgelegd). Nodig voor het besluit."
        ),
        request=None,
        responses={
            200: AanvraagDetailSerializer,
            **_fouten(400, 401, 403, 404),
        },
    )
    def post(self, request, pk: int):
        aanvraag = self._laad(pk)
        try:
            behandeling.neem_in_behandeling(aanvraag=aanvraag, door=request.user)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return self._antwoord(pk)


class StukkenView(AanvraagApiView):
    serializer_class = AanvraagStukSerializer
    parser_classes = [MultiPartParser, FormParser]
    vereiste_scope = {"GET": SCOPE_LEZEN, "POST": SCOPE_SCHRIJVEN}
    vereiste_permissie = {"GET": is_caseload_medewerker, "POST": LOKET}

    @extend_schema(
        operation_id="aanvraag_stukken",
        summary="Bewijsstukken van een aanvraag (zonder bestandsnaam en zonder bestand)",
        responses={200: AanvraagStukSerializer(many=True), **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        aanvraag = self._laad(pk)
        rijen = self.paginate_queryset(Stuk.objects.filter(aanvraag=aanvraag).order_by("pk"))
        self._log([aanvraag], "api_lijst_stukken", ["bewijsstuk"])
        return self.get_paginated_response(self.get_serializer(rijen, many=True).data)

    @extend_schema(
        operation_id="aanvraag_stuk_toevoegen",
        summary="Een bewijsstuk toevoegen (multipart/form-data)",
        request={"multipart/form-data": AanvraagStukInvoerSerializer},
        responses={201: AanvraagStukSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        aanvraag = self._laad(pk)
        # at the loket while it is a concept; afterwards only the inkomensconsulent handling it
        self._moet_mogen(aanvraag, "aanvraag.vul_aanvraag_in", "aanvraag.behandel_aanvraag")
        invoer = AanvraagStukInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            stuk = services.voeg_stuk_toe(
                aanvraag=aanvraag, door=self._door, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        self._log_schrijven(aanvraag, "api_voeg_stuk_toe", ["bewijsstuk"])
        return Response(AanvraagStukSerializer(stuk).data, status=status.HTTP_201_CREATED)


# --- besluit and voorschot -------------------------------------------------------------------


class BesluitView(AanvraagApiView):
    serializer_class = AanvraagBesluitSerializer
    vereiste_permissie = {"GET": is_caseload_medewerker, "POST": is_inkomensconsulent}

    @extend_schema(
        operation_id="aanvraag_besluit",
        summary="Het besluit op de aanvraag (zonder de PDF)",
        responses={200: AanvraagBesluitSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        aanvraag = self._laad(pk)
        besluit = of_none(aanvraag, "besluit")
        if besluit is None:
            raise NotFound(_("Op deze aanvraag is nog niet besloten."))
        self._log([aanvraag], "api_bekijk_besluit", ["besluit"])
        return Response(AanvraagBesluitSerializer(besluit).data)

    @extend_schema(
        operation_id="aanvraag_besluit_nemen",
        summary="Besluiten: toekenning, afwijzing of buiten behandeling",
        description=(
            "Alleen de inkomensconsulent die de aanvraag in behandeling heeft. Toekenning: de "
            "controle helemaal in orde en een ingangsdatum (niet in de toekomst; vóór de melding "
            "alleen met motivering, hoogstens 3 maanden, art. 44 lid 5 Participatiewet). "
            "Afwijzing en buiten behandeling: met motivering. De beschikking wordt gemaakt en "
            "verzonden. Eén besluit per aanvraag: een tweede keer geeft 400."
        ),
        request=AanvraagBesluitInvoerSerializer,
        responses={
            201: AanvraagBesluitSerializer,
            **_fouten(400, 401, 403, 404, geen_toegang=GEEN_TOEGANG),
        },
    )
    def post(self, request, pk: int):
        aanvraag = self._laad(pk)
        self._moet_mogen(aanvraag, "aanvraag.behandel_aanvraag", melding=NIET_BEHANDELAAR)
        invoer = AanvraagBesluitInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            besluit = behandeling.neem_besluit(
                aanvraag=aanvraag, door=request.user, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        besluit = Besluit.objects.get(pk=besluit.pk)
        return Response(AanvraagBesluitSerializer(besluit).data, status=status.HTTP_201_CREATED)


class VoorschotView(AanvraagApiView):
    serializer_class = AanvraagVoorschotSerializer
    vereiste_permissie = {"GET": is_caseload_medewerker, "POST": is_inkomensconsulent}

    @extend_schema(
        operation_id="aanvraag_voorschot",
        summary="Het voorschot op de aanvraag (art. 52 Participatiewet)",
        responses={200: AanvraagVoorschotSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        aanvraag = self._laad(pk)
        voorschot = of_none(aanvraag, "voorschot")
        if voorschot is None:
            raise NotFound(_("Op deze aanvraag is geen voorschot verleend."))
        self._log([aanvraag], "api_bekijk_voorschot", ["aanvraag"])
        return Response(AanvraagVoorschotSerializer(voorschot).data)

    @extend_schema(
        operation_id="aanvraag_voorschot_verlenen",
        summary="Een voorschot verlenen (inkomensconsulent)",
        description=(
            "Een percentage van de norm die geldt (aanvraagbeleid), als het recht aannemelijk "
            "is en nog niet is besloten. Een tweede keer geeft 400."
        ),
        request=None,
        responses={
            201: AanvraagVoorschotSerializer,
            **_fouten(400, 401, 403, 404, geen_toegang=GEEN_TOEGANG),
        },
    )
    def post(self, request, pk: int):
        aanvraag = self._laad(pk)
        self._moet_mogen(aanvraag, "aanvraag.behandel_aanvraag", melding=NIET_BEHANDELAAR)
        try:
            voorschot = voorschot_module.verleen_voorschot(aanvraag=aanvraag, door=request.user)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(AanvraagVoorschotSerializer(voorschot).data, status=status.HTTP_201_CREATED)
