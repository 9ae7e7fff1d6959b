"""/api/v1/dossiers/: the case record for API clients, under exactly the UI's rules.

Who may call what (`HeeftScope`, bijstand/core/api.py):

- people (session): werkconsulent, inkomensconsulent, teamleider and burger may read; what they
  see is their scope from `dossiers.scope` (the same selectors as the UI), out of scope is 404.
  Only werkconsulent and inkomensconsulent may add a journaal line (rule
  `dossiers.add_journaalregel`). Beheerder and privacy officer: 403.
- system clients (token): scope ``dossiers:lezen`` reads every dossier (list, detail); scope
  ``journaal:lezen`` reads the non-confidential journaal of any dossier. System clients cannot
  write. Every read is logged under activity "api".

Every read writes the dataverwerkingen log: one line per person shown.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bijstand.accounts.rules import (
    is_burger,
    is_caseload_medewerker,
    is_inkomensconsulent,
    is_werkconsulent,
)
from bijstand.core.api import HeeftScope, als_drf_fout, api_activiteit, foutresponses, is_systeem
from bijstand.logboek.services import log_verwerking

from . import berichten, selectors, services
from .models import Dossier, HuishoudenLid
from .serializers import (
    BerichtInvoerSerializer,
    BerichtSerializer,
    DossierDetailSerializer,
    DossierFilterSerializer,
    DossierLijstSerializer,
    JournaalRegelInvoerSerializer,
    JournaalRegelSerializer,
)

_fouten = partial(
    foutresponses, niet_gevonden="Dossier bestaat niet of valt buiten uw werkvoorraad"
)


class DossierApiView(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Dossier.objects.none()  # for the schema; real querysets come from selectors
    vereiste_scope = {"GET": "dossiers:lezen"}
    vereiste_permissie = {"GET": is_caseload_medewerker | is_burger}

    def _dossier_of_404(self, pk: int) -> Dossier:
        """The dossier (werkzoekende loaded) if it is in the caller's scope; not logged."""
        user = self.request.user
        qs = Dossier.objects.all() if is_systeem(user) else selectors.dossiers_in_scope(user)
        try:
            return qs.select_related("werkzoekende").get(pk=pk)
        except Dossier.DoesNotExist as exc:
            raise Http404 from exc


class DossierLijstView(DossierApiView):
    serializer_class = DossierLijstSerializer

    def _queryset(self, filters: dict):
        user = self.request.user
        if not is_systeem(user):
            return selectors.caseload_queryset(
                user=user,
                filters=selectors.CaseloadFilters(
                    status=filters.get("status", ""),
                    route=filters.get("route", ""),
                    wijk=filters.get("wijk"),
                ),
            )
        # System client with dossiers:lezen: every dossier, same filters and ordering.
        qs = Dossier.objects.all()
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("route"):
            qs = qs.filter(route=filters["route"])
        if filters.get("wijk"):
            qs = qs.filter(werkzoekende__wijk_id=filters["wijk"])
        return qs.select_related("werkzoekende", "werkzoekende__wijk", "werkcoach").order_by(
            "werkzoekende__achternaam", "werkzoekende__voornamen", "pk"
        )

    @extend_schema(
        operation_id="dossiers_lijst",
        summary="Dossiers in uw werkvoorraad",
        parameters=[DossierFilterSerializer],
        responses={200: DossierLijstSerializer(many=True), **_fouten(400, 401, 403)},
    )
    def get(self, request):
        params = DossierFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = self.paginate_queryset(self._queryset(params.validated_data))
        log_verwerking(
            activiteit=api_activiteit(request.user, medewerker="dossierbeheer"),
            operatie="api_lijst_dossiers",
            subjects=[d.werkzoekende.log_subject for d in page],
            soorten_gegevens=["identificatie", "dossier"],
            actor=request.user,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DossierDetailView(DossierApiView):
    serializer_class = DossierDetailSerializer

    def _voor_systeem(self, pk: int) -> Dossier:
        leden = HuishoudenLid.objects.order_by("rol", "geboortedatum")
        try:
            dossier = (
                Dossier.objects.select_related(
                    "werkzoekende",
                    "werkzoekende__wijk",
                    "werkzoekende__huishouden",
                    "werkcoach",
                    "inkomensconsulent",
                )
                .prefetch_related(Prefetch("werkzoekende__huishouden__leden", queryset=leden))
                .annotate(aantal_overdrachten=Count("overdrachten", distinct=True) - 1)
                .get(pk=pk)
            )
        except Dossier.DoesNotExist as exc:
            raise Http404 from exc
        log_verwerking(
            activiteit="api",
            operatie="api_bekijk_dossier",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["identificatie", "huishouden", "dossier"],
            actor=self.request.user,
            request=self.request,
        )
        return dossier

    @extend_schema(
        operation_id="dossiers_detail",
        summary="Eén dossier",
        responses={200: DossierDetailSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        user = request.user
        if is_systeem(user):
            dossier = self._voor_systeem(pk)
        else:
            dossier = selectors.dossier_voor_gebruiker(
                user=user,
                pk=pk,
                request=request,
                operatie="api_bekijk_dossier",
                activiteit=api_activiteit(user, medewerker="dossierbeheer"),
                soorten_gegevens=("identificatie", "huishouden", "dossier"),
            )
        return Response(self.get_serializer(dossier).data)


class JournaalView(DossierApiView):
    serializer_class = JournaalRegelSerializer
    vereiste_scope = {"GET": "journaal:lezen"}
    vereiste_permissie = {
        "GET": is_caseload_medewerker | is_burger,
        "POST": is_werkconsulent | is_inkomensconsulent,
    }

    @extend_schema(
        operation_id="dossiers_journaal_lijst",
        summary="Journaal van een dossier",
        description=(
            "Vertrouwelijke regels alleen voor de werkcoach; een burger ziet alleen regels die "
            "voor de burger zichtbaar zijn."
        ),
        responses={200: JournaalRegelSerializer(many=True), **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        page = self.paginate_queryset(
            selectors.journaal_queryset(user=request.user, dossier=dossier)
        )
        log_verwerking(
            activiteit=api_activiteit(request.user, medewerker="dossierbeheer"),
            operatie="api_bekijk_journaal",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["journaal"],
            actor=request.user,
            request=request,
            vertrouwelijk=any(r.vertrouwelijk for r in page),
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="dossiers_journaal_toevoegen",
        summary="Regel aan het journaal toevoegen",
        request=JournaalRegelInvoerSerializer,
        responses={201: JournaalRegelSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        if not request.user.has_perm("dossiers.add_journaalregel", dossier):
            raise PermissionDenied
        invoer = JournaalRegelInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            regel = services.voeg_journaalregel_toe(
                dossier=dossier, auteur=request.user, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self.get_serializer(regel).data, status=status.HTTP_201_CREATED)


class BerichtenView(DossierApiView):
    """The messages between staff and the burger of one dossier (oldest first per thread)."""

    serializer_class = BerichtSerializer
    vereiste_scope = {"GET": "journaal:lezen"}
    vereiste_permissie = {
        "GET": is_caseload_medewerker | is_burger,
        "POST": is_werkconsulent | is_inkomensconsulent,
    }

    @extend_schema(
        operation_id="dossiers_berichten_lijst",
        summary="Berichten met de burger",
        description=(
            "Alle berichten tussen medewerkers en de burger, nieuwste eerst. Een antwoord "
            "verwijst met `antwoord_op` naar het eerste bericht van het gesprek."
        ),
        responses={200: BerichtSerializer(many=True), **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        qs = berichten.berichten_queryset(user=request.user, dossier=dossier)
        page = self.paginate_queryset(qs)
        log_verwerking(
            activiteit=api_activiteit(request.user, medewerker="dossierbeheer"),
            operatie="api_bekijk_berichten",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["journaal"],
            actor=request.user,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="dossiers_berichten_sturen",
        summary="Bericht aan de burger sturen of antwoorden",
        description=(
            "Alleen de werkcoach of inkomensconsulent van het dossier. De burger krijgt een "
            "e-mail dat er een nieuw bericht is (zonder de tekst)."
        ),
        request=BerichtInvoerSerializer,
        responses={
            201: BerichtSerializer,
            200: BerichtSerializer,
            **_fouten(400, 401, 403, 404),
        },
    )
    def post(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        if not request.user.has_perm("dossiers.stuur_bericht", dossier):
            raise PermissionDenied
        invoer = BerichtInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            bericht = berichten.stuur_bericht(
                dossier=dossier, door=request.user, request=request, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        code = status.HTTP_200_OK if getattr(bericht, "al_verstuurd", False) else 201
        return Response(self.get_serializer(bericht).data, status=code)
