"""/api/v1/intake/: the brede intake for API clients, under the same rules as the pages.

- ``GET  dossiers/<pk>/``: the intakes of a dossier (paginated); ``POST``: start one.
- ``GET  <intake>/``: one intake with the answers of every step the caller may see.
- ``PUT  <intake>/stappen/<stap>/``: save one step (``{"antwoorden": {...}}``).
- ``POST <intake>/afronden/``: make it definitive (idempotent).

Who: werkconsulent, inkomensconsulent and teamleider read within their scope (confidential
steps and answers only for the dossier's own werkcoach); only the werkcoach writes. Burgers
prepare their parts in the portal, not here (403). System clients with scope ``intake:lezen``
read non-confidential answers of any dossier (activiteit "api"); they cannot write.
Out of scope is 404. Every read and write is logged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from bijstand.accounts.rules import is_caseload_medewerker, is_werkconsulent
from bijstand.core.api import HeeftScope, als_drf_fout, foutresponses, is_systeem
from bijstand.dossiers.models import Dossier, Instroombron
from bijstand.dossiers.selectors import dossiers_in_scope
from bijstand.logboek.services import log_verwerking

from . import selectors, services
from .models import Intake
from .stappen import STAP_PER_SLUG, STAPPEN

SCOPE_LEZEN = "intake:lezen"


# --- serializers ---------------------------------------------------------------------------


class IntakeStapSerializer(serializers.Serializer):
    stap = serializers.CharField(help_text="Code van de stap, bijvoorbeeld 'scores'")
    titel = serializers.CharField()
    vertrouwelijk = serializers.BooleanField(
        help_text="Gezondheid en justitie: alleen voor de werkcoach van het dossier"
    )
    zichtbaar = serializers.BooleanField(help_text="false: vertrouwelijk, antwoorden weggelaten")
    status = serializers.CharField(help_text="leeg, opgeslagen, burger, vorige of vertrouwelijk")
    antwoorden = serializers.DictField(
        child=serializers.JSONField(), help_text="Veld -> waarde (zie de stap)"
    )
    burger_antwoorden = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Wat de burger in het portaal invulde (leeg als niets)",
    )


SOORT_HULP = "aanvraag of heronderzoek"


class IntakeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier = serializers.IntegerField(source="dossier_id")
    soort = serializers.CharField(help_text=SOORT_HULP)
    status = serializers.CharField(help_text="concept of definitief")
    instroombron = serializers.ChoiceField(choices=Instroombron.choices)
    vorige = serializers.IntegerField(source="vorige_id", allow_null=True)
    gestart_op = serializers.DateTimeField()
    afgerond_op = serializers.DateTimeField(allow_null=True)
    meting = serializers.IntegerField(source="meting_id", allow_null=True)


class IntakeDetailSerializer(IntakeSerializer):
    stappen = IntakeStapSerializer(many=True)


class IntakeStartSerializer(serializers.Serializer):
    # Plain text in the schema (an enum named "soort" collides with other apps' enums); the
    # service refuses other values with a Dutch message.
    soort = serializers.CharField(help_text=SOORT_HULP)
    instroombron = serializers.ChoiceField(
        choices=Instroombron.choices,
        required=False,
        help_text="Standaard de instroombron van het dossier",
    )


class IntakeStapInvoerSerializer(serializers.Serializer):
    antwoorden = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Alle antwoorden van deze stap (vervangt de vorige); onbekende velden: 400",
    )


def _stappen(intake: Intake, *, vertrouwelijk: bool) -> list[dict[str, Any]]:
    uit = []
    for stap in STAPPEN:
        zichtbaar = vertrouwelijk or not stap.vertrouwelijk
        status_ = selectors.stap_status(intake, stap, vertrouwelijk=vertrouwelijk)
        uit.append(
            {
                "stap": stap.slug,
                "titel": str(stap.titel),
                "vertrouwelijk": stap.vertrouwelijk,
                "zichtbaar": zichtbaar,
                "status": status_.code,
                "antwoorden": services.antwoorden_van_stap(
                    intake, stap, vertrouwelijk=vertrouwelijk
                )
                if zichtbaar
                else {},
                "burger_antwoorden": intake.burger_antwoorden.get(stap.slug) or {},
            }
        )
    return uit


# --- views ---------------------------------------------------------------------------------


class IntakeApiView(GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Intake.objects.none()  # for the schema; real querysets come from selectors
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie: dict[str, Any] = {"GET": is_caseload_medewerker}

    def _activiteit(self) -> str:
        return "api" if is_systeem(self.request.user) else "intake"

    def _dossier(self, pk: int) -> Dossier:
        user = self.request.user
        qs = Dossier.objects.all() if is_systeem(user) else dossiers_in_scope(user)
        try:
            return qs.select_related("werkzoekende").get(pk=pk)
        except Dossier.DoesNotExist as exc:
            raise Http404 from exc

    def _mag_vertrouwelijk(self, dossier: Dossier) -> bool:
        user = self.request.user
        return not is_systeem(user) and selectors.gebruiker_mag_vertrouwelijk(user, dossier)

    def _intake(self, pk: int) -> tuple[Intake, Dossier, bool]:
        """The intake if its dossier is in the caller's scope (404 otherwise)."""
        try:
            dossier_id = Intake.objects.values_list("dossier_id", flat=True).get(pk=pk)
        except Intake.DoesNotExist as exc:
            raise Http404 from exc
        dossier = self._dossier(dossier_id)
        vertrouwelijk = self._mag_vertrouwelijk(dossier)
        intake = selectors.intake_van_dossier(dossier=dossier, pk=pk, vertrouwelijk=vertrouwelijk)
        return intake, dossier, vertrouwelijk

    def _log(self, dossier: Dossier, operatie: str, *, vertrouwelijk: bool = False) -> None:
        log_verwerking(
            activiteit=self._activiteit(),
            operatie=operatie,
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["intake"],
            actor=self.request.user,
            request=self.request,
        )
        if vertrouwelijk:
            selectors.log_vertrouwelijke_inzage(
                user=self.request.user, dossier=dossier, request=self.request, operatie=operatie
            )

    def _mag_wijzigen(self, dossier: Dossier) -> None:
        if not self.request.user.has_perm("intake.wijzig_intake", dossier):
            raise PermissionDenied

    def _detail(self, intake: Intake, vertrouwelijk: bool) -> dict:
        data = {
            "id": intake.pk,
            "dossier_id": intake.dossier_id,
            "soort": intake.soort,
            "status": intake.status,
            "instroombron": intake.instroombron,
            "vorige_id": intake.vorige_id,
            "gestart_op": intake.gestart_op,
            "afgerond_op": intake.afgerond_op,
            "meting_id": intake.meting_id,
            "stappen": _stappen(intake, vertrouwelijk=vertrouwelijk),
        }
        return IntakeDetailSerializer(data).data


class DossierIntakesView(IntakeApiView):
    serializer_class = IntakeSerializer
    vereiste_permissie = {"GET": is_caseload_medewerker, "POST": is_werkconsulent}

    @extend_schema(
        operation_id="intake_lijst",
        summary="Intakes van een dossier",
        responses={200: IntakeSerializer(many=True), **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier(pk)
        if not is_systeem(request.user) and not request.user.has_perm(
            "intake.view_intake", dossier
        ):
            raise PermissionDenied
        page = self.paginate_queryset(selectors.intakes_van_dossier(dossier=dossier))
        self._log(dossier, "api_lijst_intakes")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="intake_starten",
        summary="Een intake starten (aanvraag of heronderzoek)",
        request=IntakeStartSerializer,
        responses={201: IntakeDetailSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier(pk)
        self._mag_wijzigen(dossier)
        invoer = IntakeStartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            intake = services.start_intake(
                dossier=dossier, door=request.user, request=request, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self._detail(intake, True), status=status.HTTP_201_CREATED)


class IntakeDetailView(IntakeApiView):
    serializer_class = IntakeDetailSerializer

    @extend_schema(
        operation_id="intake_detail",
        summary="Eén intake met de antwoorden per stap",
        description=(
            "Vertrouwelijke stappen (gezondheid, justitie) en de scores en belemmeringen op "
            "vertrouwelijke leefgebieden alleen voor de werkcoach van het dossier."
        ),
        responses={200: IntakeDetailSerializer, **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        intake, dossier, vertrouwelijk = self._intake(pk)
        if not is_systeem(request.user) and not request.user.has_perm(
            "intake.view_intake", dossier
        ):
            raise PermissionDenied
        self._log(
            dossier,
            "api_bekijk_intake",
            vertrouwelijk=selectors.toont_vertrouwelijks(intake, vertrouwelijk=vertrouwelijk),
        )
        return Response(self._detail(intake, vertrouwelijk))


class IntakeStapView(IntakeApiView):
    serializer_class = IntakeDetailSerializer
    vereiste_scope: dict[str, str] = {}
    vereiste_permissie = {"PUT": is_werkconsulent}

    @extend_schema(
        operation_id="intake_stap_opslaan",
        summary="Eén stap van een concept-intake opslaan",
        request=IntakeStapInvoerSerializer,
        responses={200: IntakeDetailSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def put(self, request, pk: int, stap: str):
        if stap not in STAP_PER_SLUG:
            raise Http404
        intake, dossier, _v = self._intake(pk)
        self._mag_wijzigen(dossier)
        invoer = IntakeStapInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            intake = services.sla_stap_op(
                intake=intake,
                stap=stap,
                antwoorden=invoer.validated_data["antwoorden"],
                door=request.user,
                request=request,
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self._detail(intake, True))


class IntakeAfrondenView(IntakeApiView):
    serializer_class = IntakeDetailSerializer
    vereiste_scope: dict[str, str] = {}
    vereiste_permissie = {"POST": is_werkconsulent}

    @extend_schema(
        operation_id="intake_afronden",
        summary="Intake definitief maken",
        description=(
            "Schrijft de meting (13 leefgebieden en trede), belemmeringen, vaardigheden en het "
            "werkprofiel en een journaalregel. Nog eens afronden verandert niets (idempotent)."
        ),
        request=None,
        responses={200: IntakeDetailSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        intake, dossier, _v = self._intake(pk)
        self._mag_wijzigen(dossier)
        try:
            intake = services.rond_intake_af(intake=intake, door=request.user, request=request)
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        return Response(self._detail(intake, True))
