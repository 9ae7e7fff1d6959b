"""/api/v1/plan/: the plan van aanpak for API clients, under exactly the UI's rules.

Who may call what (``HeeftScope``, bijstand/core/api.py):

- read (GET): werkconsulent, inkomensconsulent, teamleider (their caseload scope) and the
  burger (own dossier); out of scope is 404. Goals on a confidential leefgebied (and their
  actions) only for the own werkcoach and the burger. System clients with scope
  ``plan:lezen`` read every plan, never the confidential goals.
- create (POST plan, goal, action): only the dossier's own werkcoach (or substitute): role
  check 403, then scope 404, then ``plan.wijzig_plan`` 403.
- transition (POST overgang): the werkcoach or the burger, along the allowed-transition table
  (the service refuses what the role may not do, with a Dutch message: 400).
- akkoord (POST): only the burger, on the version they read.

Every read writes the dataverwerkingen log (one line per person shown).
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from bijstand.accounts.rules import is_burger, is_caseload_medewerker, is_werkconsulent
from bijstand.core.api import HeeftScope, als_drf_fout, api_activiteit, foutresponses, is_systeem
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import dossier_voor_gebruiker
from bijstand.logboek.services import log_verwerking

from . import selectors, services
from .models import Actie, Doel, Plan
from .serializers import (
    PlanActieFilterSerializer,
    PlanActieInvoerSerializer,
    PlanActieSerializer,
    PlanAkkoordInvoerSerializer,
    PlanDoelInvoerSerializer,
    PlanDoelSerializer,
    PlanOvergangInvoerSerializer,
    PlanVanAanpakInvoerSerializer,
    PlanVanAanpakSerializer,
)

SCOPE_LEZEN = "plan:lezen"
SOORTEN = ("plan van aanpak",)

_fouten = partial(
    foutresponses,
    ongeldig="Ongeldige invoer of regel: {code, detail, fouten}",
    geen_toegang="Geen toegang (rol, scope of niet de eigen werkcoach)",
    niet_gevonden="Dossier, plan of actie bestaat niet of valt buiten uw scope",
)


class PlanApiView(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Plan.objects.none()  # for the schema; real querysets come from selectors
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie: dict = {
        "GET": is_caseload_medewerker | is_burger,
        "POST": is_werkconsulent,
    }

    def _dossier(self, pk: int, operatie: str) -> Dossier:
        """The dossier in the caller's scope (404 otherwise); the read is logged."""
        user = self.request.user
        if is_systeem(user):
            dossier = Dossier.objects.select_related("werkzoekende").filter(pk=pk).first()
            if dossier is None:
                raise Http404
            log_verwerking(
                activiteit="api",
                operatie=operatie,
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=SOORTEN,
                actor=user,
                request=self.request,
            )
            return dossier
        return dossier_voor_gebruiker(
            user=user,
            pk=pk,
            request=self.request,
            operatie=operatie,
            activiteit=api_activiteit(user, medewerker="reintegratie"),
            soorten_gegevens=("identificatie", *SOORTEN),
        )

    def _mag_wijzigen(self, dossier: Dossier) -> None:
        if not self.request.user.has_perm("plan.wijzig_plan", dossier):
            raise PermissionDenied

    def _met_vertrouwelijk(self, dossier: Dossier) -> bool:
        user = self.request.user
        return not is_systeem(user) and selectors.mag_vertrouwelijk_zien(user, dossier)

    def _plan(self, dossier: Dossier) -> Plan:
        plan = selectors.plan_van_dossier(dossier=dossier)
        if plan is None:
            raise Http404
        plan.dossier = dossier
        return plan

    def _log_vertrouwelijk(self, dossier: Dossier, objecten, operatie: str) -> None:
        if any(o.vertrouwelijk for o in objecten):
            selectors.log_vertrouwelijke_inzage(
                dossier=dossier, user=self.request.user, request=self.request, operatie=operatie
            )


class PlanLijstView(PlanApiView):
    serializer_class = PlanVanAanpakSerializer

    @extend_schema(
        operation_id="plan_lijst",
        summary="Plannen van aanpak in uw scope",
        responses={200: PlanVanAanpakSerializer(many=True), **_fouten(401, 403)},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.plannen_in_scope(request.user))
        log_verwerking(
            activiteit=api_activiteit(request.user, medewerker="reintegratie"),
            operatie="api_lijst_plannen",
            subjects=[p.dossier.werkzoekende.log_subject for p in page],
            soorten_gegevens=SOORTEN,
            actor=request.user,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PlanView(PlanApiView):
    serializer_class = PlanVanAanpakSerializer

    @extend_schema(
        operation_id="plan_detail",
        summary="Het plan van aanpak van een dossier",
        responses={200: PlanVanAanpakSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier(pk, "api_bekijk_plan")
        return Response(self.get_serializer(self._plan(dossier)).data)

    @extend_schema(
        operation_id="plan_maken",
        summary="Plan van aanpak maken (eventueel uit een sjabloon)",
        request=PlanVanAanpakInvoerSerializer,
        responses={201: PlanVanAanpakSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk, "api_maak_plan")
        self._mag_wijzigen(dossier)
        invoer = PlanVanAanpakInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            plan = services.maak_plan(
                dossier=dossier,
                door=request.user,
                sjabloon=invoer.validated_data.get("sjabloon"),
                startdatum=invoer.validated_data.get("startdatum"),
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        plan.refresh_from_db()
        return Response(self.get_serializer(plan).data, status=status.HTTP_201_CREATED)


class DoelenView(PlanApiView):
    serializer_class = PlanDoelSerializer

    @extend_schema(
        operation_id="plan_doelen_lijst",
        summary="Doelen van het plan",
        responses={200: PlanDoelSerializer(many=True), **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier(pk, "api_bekijk_plan_doelen")
        plan = self._plan(dossier)
        page = self.paginate_queryset(
            selectors.doelen_queryset(plan=plan, met_vertrouwelijk=self._met_vertrouwelijk(dossier))
        )
        self._log_vertrouwelijk(dossier, page, "api_bekijk_plan_doelen")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="plan_doel_toevoegen",
        summary="Doel toevoegen",
        request=PlanDoelInvoerSerializer,
        responses={201: PlanDoelSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk, "api_voeg_doel_toe")
        self._mag_wijzigen(dossier)
        plan = self._plan(dossier)
        invoer = PlanDoelInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            doel = services.voeg_doel_toe(plan=plan, door=request.user, **invoer.validated_data)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self.get_serializer(doel).data, status=status.HTTP_201_CREATED)


class ActiesView(PlanApiView):
    serializer_class = PlanActieSerializer

    @extend_schema(
        operation_id="plan_acties_lijst",
        summary="Acties van het plan",
        parameters=[PlanActieFilterSerializer],
        responses={200: PlanActieSerializer(many=True), **_fouten(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        filters = PlanActieFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        dossier = self._dossier(pk, "api_bekijk_plan_acties")
        plan = self._plan(dossier)
        page = self.paginate_queryset(
            selectors.acties_queryset(
                plan=plan,
                met_vertrouwelijk=self._met_vertrouwelijk(dossier),
                status=filters.validated_data["status"],
            )
        )
        self._log_vertrouwelijk(dossier, page, "api_bekijk_plan_acties")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="plan_actie_toevoegen",
        summary="Actie toevoegen",
        request=PlanActieInvoerSerializer,
        responses={201: PlanActieSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk, "api_voeg_actie_toe")
        self._mag_wijzigen(dossier)
        plan = self._plan(dossier)
        invoer = PlanActieInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        doel_id = gegevens.pop("doel", None)
        doel = None
        if doel_id is not None:
            doel = Doel.objects.filter(plan=plan, pk=doel_id).first()
            if doel is None:
                raise ValidationError({"doel": ["Dit doel hoort niet bij dit plan."]})
        try:
            actie = services.voeg_actie_toe(plan=plan, doel=doel, door=request.user, **gegevens)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self.get_serializer(actie).data, status=status.HTTP_201_CREATED)


class OvergangView(PlanApiView):
    serializer_class = PlanActieSerializer
    vereiste_permissie = {"POST": is_werkconsulent | is_burger}

    @extend_schema(
        operation_id="plan_actie_overgang",
        summary="Status van een actie wijzigen",
        description=(
            "Toegestaan: open -> accordering (de burger, eigen actie), open -> afgerond, "
            "accordering -> afgerond (de werkcoach), accordering -> open en open/accordering "
            "-> vervallen (de werkcoach, met reden)."
        ),
        request=PlanOvergangInvoerSerializer,
        responses={200: PlanActieSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int, actie_pk: int):
        dossier = self._dossier(pk, "api_wijzig_actiestatus")
        plan = self._plan(dossier)
        actie = (
            Actie.objects.filter(plan=plan, pk=actie_pk).select_related("doel__leefgebied").first()
        )
        if actie is None or (actie.vertrouwelijk and not self._met_vertrouwelijk(dossier)):
            raise Http404
        actie.plan = plan
        user = request.user
        if not (
            user.has_perm("plan.wijzig_plan", dossier)
            or user.has_perm("plan.view_eigen_plan", dossier)
        ):
            raise PermissionDenied
        invoer = PlanOvergangInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            actie = services.wijzig_actiestatus(actie=actie, door=user, **invoer.validated_data)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self.get_serializer(actie).data)


class AkkoordView(PlanApiView):
    serializer_class = PlanVanAanpakSerializer
    vereiste_permissie = {"POST": is_burger}

    @extend_schema(
        operation_id="plan_akkoord",
        summary="Akkoord van de burger op een versie van het plan",
        request=PlanAkkoordInvoerSerializer,
        responses={200: PlanVanAanpakSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk, "api_geef_akkoord_plan")
        plan = self._plan(dossier)
        invoer = PlanAkkoordInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            services.geef_akkoord(
                plan=plan, versie=invoer.validated_data["versie"], door=request.user
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        plan.refresh_from_db()
        return Response(self.get_serializer(plan).data)
