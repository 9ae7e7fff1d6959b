"""/api/v1/vacatures/: employers, vacancies, the candidates of a vacancy and proposals.

Who may call what (``HeeftScope``, bijstand/core/api.py), the same rules as the screens:

- people (session): werkconsulent and teamleider read and maintain employers and vacancies
  (``vacatures.view_vacatures`` / ``vacatures.beheer_vacatures``) and read the candidates of a
  vacancy: names only of the own scope (werkconsulent), counts per werkcoach elsewhere;
  proposals only for a werkconsulent, of their own caseload (out of scope: 404; not the
  dossier's werkcoach: 403);
- system clients (token): scope ``vacatures:lezen`` reads employers and vacancies (no person
  data), e.g. a city job portal. Nothing else.

Every candidate or proposal shown as a person writes the dataverwerkingen log.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bijstand.accounts.rules import is_teamleider, is_werkconsulent
from bijstand.core.api import HeeftScope, als_drf_fout, foutresponses
from bijstand.dossiers.selectors import dossier_voor_gebruiker

from . import selectors, services
from .models import Vacature, Voordracht, VoordrachtStatus, Werkgever
from .serializers import (
    KandidatenFilterSerializer,
    KandidatenSerializer,
    OvergangSerializer,
    VacatureFilterSerializer,
    VacatureSerializer,
    VoordrachtFilterSerializer,
    VoordrachtSerializer,
    VoordragenSerializer,
    WerkgeverFilterSerializer,
    WerkgeverSerializer,
)

SCOPE_LEZEN = "vacatures:lezen"
LEZEN = is_werkconsulent | is_teamleider


def _dienst(fn, **kwargs):
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        raise als_drf_fout(exc) from exc


class _Basis(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []


# --- werkgevers ---------------------------------------------------------------------------


class WerkgeversView(_Basis):
    serializer_class = WerkgeverSerializer
    queryset = Werkgever.objects.none()
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie = {"GET": LEZEN, "POST": "vacatures.beheer_vacatures"}

    @extend_schema(
        operation_id="vacatures_werkgevers_lijst",
        summary="Werkgevers",
        parameters=[WerkgeverFilterSerializer],
        responses={200: WerkgeverSerializer(many=True), **foutresponses(400, 401, 403)},
    )
    def get(self, request):
        params = WerkgeverFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = selectors.WerkgeverFilters(
            zoek=params.validated_data.get("zoek", ""),
            inclusief=params.validated_data.get("inclusief"),
            actief=None,
        )
        page = self.paginate_queryset(selectors.werkgevers_queryset(filters=filters))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="vacatures_werkgever_aanmaken",
        summary="Werkgever vastleggen",
        request=WerkgeverSerializer,
        responses={201: WerkgeverSerializer, **foutresponses(400, 401, 403)},
    )
    def post(self, request):
        invoer = WerkgeverSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        werkgever = _dienst(services.maak_werkgever, door=request.user, **invoer.validated_data)
        return Response(self.get_serializer(werkgever).data, status=status.HTTP_201_CREATED)


class WerkgeverView(_Basis):
    serializer_class = WerkgeverSerializer
    queryset = Werkgever.objects.none()
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie = {
        "GET": LEZEN,
        "PATCH": "vacatures.beheer_vacatures",
        "DELETE": "vacatures.beheer_vacatures",
    }

    @extend_schema(
        operation_id="vacatures_werkgever_detail",
        summary="Eén werkgever",
        responses={200: WerkgeverSerializer, **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(selectors.werkgever_of_404(pk=pk)).data)

    @extend_schema(
        operation_id="vacatures_werkgever_wijzigen",
        summary="Werkgever wijzigen",
        request=WerkgeverSerializer(partial=True),
        responses={200: WerkgeverSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def patch(self, request, pk: int):
        werkgever = selectors.werkgever_of_404(pk=pk)
        invoer = WerkgeverSerializer(data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        werkgever = _dienst(
            services.wijzig_werkgever,
            werkgever=werkgever,
            door=request.user,
            **invoer.validated_data,
        )
        return Response(self.get_serializer(werkgever).data)

    @extend_schema(
        operation_id="vacatures_werkgever_verwijderen",
        summary="Werkgever zonder vacatures verwijderen",
        responses={204: None, **foutresponses(400, 401, 403, 404)},
    )
    def delete(self, request, pk: int):
        werkgever = selectors.werkgever_of_404(pk=pk)
        _dienst(services.verwijder_werkgever, werkgever=werkgever, door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- vacatures ----------------------------------------------------------------------------


class VacaturesView(_Basis):
    serializer_class = VacatureSerializer
    queryset = Vacature.objects.none()
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie = {"GET": LEZEN, "POST": "vacatures.beheer_vacatures"}

    @extend_schema(
        operation_id="vacatures_lijst",
        summary="Vacatures",
        parameters=[VacatureFilterSerializer],
        responses={200: VacatureSerializer(many=True), **foutresponses(400, 401, 403)},
    )
    def get(self, request):
        params = VacatureFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        d = params.validated_data
        filters = selectors.VacatureFilters(
            status=d.get("status", ""),
            beroep=d.get("beroep"),
            werkgever=d.get("werkgever"),
            wijk=d.get("wijk"),
        )
        page = self.paginate_queryset(selectors.vacatures_queryset(filters=filters))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="vacatures_aanmaken",
        summary="Vacature vastleggen",
        request=VacatureSerializer,
        responses={201: VacatureSerializer, **foutresponses(400, 401, 403)},
    )
    def post(self, request):
        invoer = VacatureSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        for veld in ("certificaten", "rijbewijzen"):
            if not gegevens.get(veld):
                gegevens.pop(veld, None)
        vacature = _dienst(services.maak_vacature, door=request.user, **gegevens)
        return Response(
            self.get_serializer(selectors.vacature_of_404(pk=vacature.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class VacatureView(_Basis):
    serializer_class = VacatureSerializer
    queryset = Vacature.objects.none()
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie = {
        "GET": LEZEN,
        "PATCH": "vacatures.beheer_vacatures",
        "DELETE": "vacatures.beheer_vacatures",
    }

    @extend_schema(
        operation_id="vacatures_detail",
        summary="Eén vacature",
        responses={200: VacatureSerializer, **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(selectors.vacature_of_404(pk=pk)).data)

    @extend_schema(
        operation_id="vacatures_wijzigen",
        summary="Vacature wijzigen (niet de werkgever of het beroep)",
        request=VacatureSerializer(partial=True),
        responses={200: VacatureSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def patch(self, request, pk: int):
        vacature = selectors.vacature_of_404(pk=pk)
        invoer = VacatureSerializer(data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        for veld in ("werkgever", "beroep"):
            if veld in gegevens and gegevens[veld] != getattr(vacature, veld):
                raise als_drf_fout(DjangoValidationError({veld: "Dit kan niet worden gewijzigd."}))
            gegevens.pop(veld, None)
        _dienst(services.wijzig_vacature, vacature=vacature, door=request.user, **gegevens)
        return Response(self.get_serializer(selectors.vacature_of_404(pk=pk)).data)

    @extend_schema(
        operation_id="vacatures_verwijderen",
        summary="Vacature zonder voordrachten verwijderen",
        responses={204: None, **foutresponses(400, 401, 403, 404)},
    )
    def delete(self, request, pk: int):
        vacature = selectors.vacature_of_404(pk=pk)
        _dienst(services.verwijder_vacature, vacature=vacature, door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class KandidatenView(_Basis):
    serializer_class = KandidatenSerializer
    queryset = Vacature.objects.none()
    vereiste_permissie = {"GET": LEZEN}

    @extend_schema(
        operation_id="vacatures_kandidaten",
        summary="Kandidaten voor een vacature",
        description=(
            "Gerangschikt met uitleg. Namen alleen uit de eigen caseload (werkconsulent); "
            "elders alleen aantallen per werkcoach. Pagina's van 20."
        ),
        parameters=[KandidatenFilterSerializer],
        responses={200: KandidatenSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        params = KandidatenFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        vacature = selectors.vacature_of_404(pk=pk)
        kandidaten = selectors.kandidaten_voor_vacature(
            vacature=vacature,
            user=request.user,
            request=request,
            pagina_eigen=params.validated_data["pagina_eigen"],
            pagina_collegas=params.validated_data["pagina_collegas"],
        )
        return Response(self.get_serializer(kandidaten).data)


# --- voordrachten -------------------------------------------------------------------------


class VoordrachtenView(_Basis):
    serializer_class = VoordrachtSerializer
    queryset = Voordracht.objects.none()
    vereiste_permissie = {"GET": is_werkconsulent, "POST": is_werkconsulent}

    @extend_schema(
        operation_id="vacatures_voordrachten_lijst",
        summary="Voordrachten uit uw caseload",
        parameters=[VoordrachtFilterSerializer],
        responses={200: VoordrachtSerializer(many=True), **foutresponses(400, 401, 403)},
    )
    def get(self, request):
        params = VoordrachtFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        vacature = None
        if params.validated_data.get("vacature"):
            vacature = selectors.vacature_of_404(pk=params.validated_data["vacature"])
        page = self.paginate_queryset(
            selectors.voordrachten_queryset(user=request.user, vacature=vacature).select_related(
                "plaatsing"
            )
        )
        selectors.log_voordrachten(
            voordrachten=list(page), user=request.user, request=request,
            operatie="api_bekijk_voordrachten",
        )  # fmt: skip
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="vacatures_voordragen",
        summary="Kandidaat uit uw caseload voordragen",
        request=VoordragenSerializer,
        responses={201: VoordrachtSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request):
        invoer = VoordragenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        vacature = selectors.vacature_of_404(pk=invoer.validated_data["vacature"])
        dossier = dossier_voor_gebruiker(
            user=request.user,
            pk=invoer.validated_data["dossier"],
            request=request,
            operatie="api_draag_voor",
            activiteit="reintegratie",
            soorten_gegevens=("identificatie", "werkprofiel"),
        )
        if not request.user.has_perm("vacatures.voordragen", dossier):
            raise PermissionDenied
        voordracht = _dienst(
            services.draag_voor,
            vacature=vacature,
            dossier=dossier,
            door=request.user,
            toelichting=invoer.validated_data["toelichting"],
            request=request,
        )
        voordracht = selectors.voordracht_voor_gebruiker(
            user=request.user, pk=voordracht.pk, request=request
        )
        return Response(self.get_serializer(voordracht).data, status=status.HTTP_201_CREATED)


class VoordrachtView(_Basis):
    serializer_class = VoordrachtSerializer
    queryset = Voordracht.objects.none()
    vereiste_permissie = {"GET": is_werkconsulent}

    @extend_schema(
        operation_id="vacatures_voordracht_detail",
        summary="Eén voordracht",
        responses={200: VoordrachtSerializer, **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        voordracht = selectors.voordracht_voor_gebruiker(user=request.user, pk=pk, request=request)
        return Response(self.get_serializer(voordracht).data)


class OvergangView(_Basis):
    serializer_class = VoordrachtSerializer
    queryset = Voordracht.objects.none()
    vereiste_permissie = {"POST": is_werkconsulent}

    @extend_schema(
        operation_id="vacatures_voordracht_overgang",
        summary="Volgende stap van een voordracht: gesprek, geplaatst of afgewezen",
        request=OvergangSerializer,
        responses={200: VoordrachtSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        voordracht = selectors.voordracht_voor_gebruiker(user=request.user, pk=pk, request=request)
        if not request.user.has_perm("vacatures.wijzig_voordracht", voordracht):
            raise PermissionDenied
        invoer = OvergangSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        if d["naar"] == VoordrachtStatus.GESPREK:
            _dienst(
                services.plan_gesprek,
                voordracht=voordracht,
                op=d["gesprek_op"],
                door=request.user,
                toelichting=d["toelichting"],
                request=request,
            )
        elif d["naar"] == VoordrachtStatus.GEPLAATST:
            _dienst(
                services.registreer_plaatsing,
                voordracht=voordracht,
                startdatum=d["startdatum"],
                contracturen=d["contracturen"],
                contract_maanden=d.get("contract_maanden"),
                door=request.user,
                toelichting=d["toelichting"],
                request=request,
            )
        else:
            _dienst(
                services.wijs_af,
                voordracht=voordracht,
                reden=d["afwijzingsreden"],
                door=request.user,
                toelichting=d["toelichting"],
                request=request,
            )
        try:
            voordracht = (
                Voordracht.objects.select_related("vacature", "dossier__werkzoekende", "plaatsing")
                .filter(pk=pk)
                .get()
            )
        except Voordracht.DoesNotExist as exc:  # pragma: no cover - deleted concurrently
            raise Http404 from exc
        return Response(self.get_serializer(voordracht).data)
