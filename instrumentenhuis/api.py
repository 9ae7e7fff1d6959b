"""/api/v1/instrumentenhuis/: catalogue, deployments and provider reports.

Who may call what (``HeeftScope``, bijstand/core/api.py):

- catalogue (read): werkconsulent, inkomensconsulent, teamleider and functioneel beheerder
  (session); system clients with scope ``instrumentenhuis:catalogus``. No personal data.
- deployments of a dossier: read by the werkcoach, inkomensconsulent and teamleider of a
  dossier in their scope (out of scope: 404), requested and moved along by its own werkcoach
  only; confidential ones only for the own werkcoach. No system client. Logged.
- provider reports: only with the provider's own token (``Authorization: Token <token>``,
  scope ``instrumentenhuis:rapporteren``, linked to one active ``Aanbieder``). A provider
  sees and reports on its own approved deployments only; any other id answers 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bijstand.accounts.authentication import SysteemTokenAuthentication
from bijstand.accounts.rules import is_werkconsulent
from bijstand.core.api import HeeftScope, als_drf_fout, foutresponses
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import dossier_voor_gebruiker
from bijstand.logboek.services import log_verwerking

from . import selectors, services
from .models import Bron, Instrument, Inzet
from .rules import kan_inzetten_zien
from .serializers import (
    AanbiederInzetFilterSerializer,
    AanbiederInzetSerializer,
    CatalogusFilterSerializer,
    InstrumentSerializer,
    InzetAanvraagSerializer,
    InzetSerializer,
    InzetStatusSerializer,
    RapportageInvoerSerializer,
    RapportageSerializer,
)

CATALOGUS_SCOPE = "instrumentenhuis:catalogus"
RAPPORTAGE_SCOPE = services.RAPPORTAGE_SCOPE


# --- catalogue ----------------------------------------------------------------------------


class CatalogusView(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    serializer_class = InstrumentSerializer
    queryset = Instrument.objects.none()
    vereiste_scope = {"GET": CATALOGUS_SCOPE}
    vereiste_permissie = {"GET": "instrumentenhuis.view_catalogus"}

    @extend_schema(
        operation_id="instrumentenhuis_catalogus",
        summary="Instrumenten in de catalogus",
        parameters=[CatalogusFilterSerializer],
        responses={200: InstrumentSerializer(many=True), **foutresponses(400, 401, 403)},
        tags=["instrumentenhuis"],
    )
    def get(self, request):
        params = CatalogusFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        d = params.validated_data
        qs = selectors.catalogus_queryset(
            selectors.CatalogusFilters(
                categorie=d.get("categorie", ""),
                leefgebied=d.get("leefgebied", ""),
                trede=d.get("trede"),
                zoek=d.get("zoek", ""),
            )
        ).prefetch_related("beroepen")
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class InstrumentView(CatalogusView):
    @extend_schema(
        operation_id="instrumentenhuis_instrument",
        summary="Eén instrument",
        responses={200: InstrumentSerializer, **foutresponses(401, 403, 404)},
        tags=["instrumentenhuis"],
    )
    def get(self, request, pk: int):
        instrument = selectors.instrument_detail(pk=pk)
        if instrument is None:
            raise Http404
        return Response(self.get_serializer(instrument).data)


# --- deployments of a dossier ---------------------------------------------------------------


class _DossierApiView(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    serializer_class = InzetSerializer
    queryset = Inzet.objects.none()

    def _dossier(self, pk: int, *, operatie: str, beheer: bool) -> Dossier:
        user = self.request.user
        dossier = dossier_voor_gebruiker(
            user=user,
            pk=pk,
            request=self.request,
            operatie=operatie,
            activiteit="reintegratie",
            soorten_gegevens=("identificatie", "instrumenten"),
        )
        recht = "instrumentenhuis.beheer_inzet" if beheer else "instrumentenhuis.view_inzetten"
        if not user.has_perm(recht, dossier):
            raise PermissionDenied
        return dossier


class InzettenView(_DossierApiView):
    vereiste_permissie = {"GET": kan_inzetten_zien, "POST": is_werkconsulent}

    @extend_schema(
        operation_id="instrumentenhuis_inzetten_lijst",
        summary="Inzet van instrumenten bij een dossier",
        description="Vertrouwelijke inzet (gezondheid, verslaving, justitie) alleen voor de "
        "eigen werkcoach.",
        responses={200: InzetSerializer(many=True), **foutresponses(401, 403, 404)},
        tags=["instrumentenhuis"],
    )
    def get(self, request, pk: int):
        dossier = self._dossier(pk, operatie="api_bekijk_inzetten", beheer=False)
        vertrouwelijk = request.user.has_perm("dossiers.view_vertrouwelijk", dossier)
        page = self.paginate_queryset(
            selectors.inzetten_queryset(dossier=dossier, met_vertrouwelijk=vertrouwelijk)
        )
        selectors.log_vertrouwelijk_getoond(
            dossier=dossier,
            user=request.user,
            request=request,
            operatie="api_bekijk_inzetten",
            getoond=any(i.vertrouwelijk for i in page),
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="instrumentenhuis_inzet_aanvragen",
        summary="Instrument aanvragen voor een dossier",
        request=InzetAanvraagSerializer,
        responses={201: InzetSerializer, **foutresponses(400, 401, 403, 404)},
        tags=["instrumentenhuis"],
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk, operatie="api_vraag_instrument_aan", beheer=True)
        invoer = InzetAanvraagSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        instrument = (
            Instrument.objects.filter(pk=d["instrument"]).select_related("aanbieder").first()
        )
        if instrument is None:
            raise als_drf_fout(DjangoValidationError({"instrument": "Onbekend instrument."}))
        try:
            inzet = services.vraag_aan(
                dossier=dossier,
                instrument=instrument,
                door=request.user,
                toelichting=d.get("toelichting", ""),
                begindatum=d.get("begindatum"),
                uren_per_week=d.get("uren_per_week"),
                request=request,
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self.get_serializer(inzet).data, status=status.HTTP_201_CREATED)


class InzetStatusView(_DossierApiView):
    vereiste_permissie = {"POST": is_werkconsulent}

    @extend_schema(
        operation_id="instrumentenhuis_inzet_status",
        summary="Inzet goedkeuren, op de wachtlijst zetten, starten, afronden of stoppen",
        description="Goedkeuren boven budget of capaciteit wordt geweigerd (400, veld budget, "
        "capaciteit of wachtlijst); zet de aanvraag dan op de wachtlijst.",
        request=InzetStatusSerializer,
        responses={200: InzetSerializer, **foutresponses(400, 401, 403, 404)},
        tags=["instrumentenhuis"],
    )
    def post(self, request, pk: int, inzet_pk: int):
        dossier = self._dossier(pk, operatie="api_wijzig_inzet", beheer=True)
        inzet = selectors.inzet_van_dossier(dossier=dossier, pk=inzet_pk, met_vertrouwelijk=True)
        if inzet is None:
            raise Http404
        invoer = InzetStatusSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        naar = gegevens.pop("naar")
        if "stopreden" in gegevens:
            gegevens["reden"] = gegevens.pop("stopreden")
        try:
            inzet = services.wijzig_status(
                inzet=inzet, naar=naar, door=request.user, request=request, **gegevens
            )
        except DjangoValidationError as exc:
            fout = als_drf_fout(exc)
            if "reden" in fout.detail:  # the API calls the field "stopreden"
                fout.detail["stopreden"] = fout.detail.pop("reden")
            raise fout from exc
        return Response(self.get_serializer(inzet).data)


# --- providers (token) ----------------------------------------------------------------------


class AanbiederView(generics.GenericAPIView):
    authentication_classes = [SysteemTokenAuthentication]
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Inzet.objects.none()
    serializer_class = AanbiederInzetSerializer
    vereiste_scope = {"GET": RAPPORTAGE_SCOPE, "POST": RAPPORTAGE_SCOPE}

    def _aanbieder(self):
        aanbieder = selectors.aanbieder_van_client(self.request.auth)
        if aanbieder is None:
            raise PermissionDenied("Deze systeemkoppeling hoort niet bij een actieve aanbieder.")
        return aanbieder


class AanbiederInzettenView(AanbiederView):
    @extend_schema(
        operation_id="instrumentenhuis_aanbieder_inzetten",
        summary="Eigen inzetten (aanbieder)",
        description="De goedgekeurde, lopende en beëindigde inzetten van uw eigen instrumenten, "
        f"met de naam van de deelnemer. Scope: `{RAPPORTAGE_SCOPE}`.",
        parameters=[AanbiederInzetFilterSerializer],
        responses={200: AanbiederInzetSerializer(many=True), **foutresponses(400, 401, 403)},
        tags=["instrumentenhuis"],
    )
    def get(self, request):
        aanbieder = self._aanbieder()
        params = AanbiederInzetFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = self.paginate_queryset(
            selectors.inzetten_van_aanbieder(
                aanbieder=aanbieder, status=params.validated_data.get("status", "")
            )
        )
        log_verwerking(
            activiteit="api",
            operatie="api_aanbieder_inzetten",
            subjects=[i.dossier.werkzoekende.log_subject for i in page],
            soorten_gegevens=["identificatie", "instrumenten"],
            actor=request.user,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class AanbiederRapportageView(AanbiederView):
    serializer_class = RapportageSerializer

    @extend_schema(
        operation_id="instrumentenhuis_aanbieder_rapportage",
        summary="Voortgang of uitkomst van een inzet melden (aanbieder)",
        description="Soort voortgang (tekst en/of aanwezigheid), gestart, afgerond (met "
        "resultaat) of gestopt (met reden). Gestart, afgerond en gestopt wijzigen de status van "
        "de inzet. Met een kenmerk is opnieuw sturen veilig (200 met de eerdere rapportage). "
        f"Alleen uw eigen inzetten; een ander nummer geeft 404. Scope: `{RAPPORTAGE_SCOPE}`.",
        request=RapportageInvoerSerializer,
        responses={
            201: RapportageSerializer,
            200: RapportageSerializer,
            **foutresponses(400, 401, 403, 404),
        },
        tags=["instrumentenhuis"],
    )
    def post(self, request, inzet_pk: int):
        aanbieder = self._aanbieder()
        inzet = (
            selectors.inzetten_van_aanbieder(aanbieder=aanbieder)
            .select_related("instrument__aanbieder")
            .filter(pk=inzet_pk)
            .first()
        )
        if inzet is None:
            raise Http404
        invoer = RapportageInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        try:
            rapportage, nieuw = services.registreer_rapportage(
                inzet=inzet,
                aanbieder=aanbieder,
                soort=d["soort"],
                bron=Bron.AANBIEDER,
                door=None,
                datum=d.get("datum"),
                tekst=d.get("tekst", ""),
                aanwezigheid_pct=d.get("aanwezigheid_pct"),
                resultaat=d.get("resultaat", ""),
                certificaat=d.get("certificaat", ""),
                stopreden=d.get("stopreden", ""),
                externe_referentie=d.get("kenmerk", ""),
                request=request,
            )
        except DjangoValidationError as exc:
            fout = als_drf_fout(exc)
            if "reden" in fout.detail:
                fout.detail["stopreden"] = fout.detail.pop("reden")
            raise fout from exc
        rapportage.inzet.refresh_from_db(fields=["status"])
        return Response(
            self.get_serializer(rapportage).data,
            status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK,
        )
