"""/api/v1/perspectief/: measurements (list, create) and both perspectives (read).

Who may call what (``HeeftScope``, bijstand/core/api.py), under the UI's rules:

- ``GET dossiers/{id}/metingen/``: the werkconsulent and teamleider (dossier in scope), the
  burger (own dossier); system clients with scope ``perspectief:lezen``. Scores on
  confidential leefgebieden only for the own werkcoach and the burger.
- ``POST dossiers/{id}/metingen/``: the own werkcoach records a professional measurement
  (bron werkcoach, heronderzoek or intake: all 13 domains); the burger a self-assessment of
  the own dossier (bron zelfbeoordeling, may be partial). System clients cannot write.
- ``GET dossiers/{id}/``: the ontwikkel- and uitstroomperspectief with the proposed segment
  and the latest decision; same readers as the measurements.

Out of scope is 404, a forbidden role or action 403. Every read writes the dataverwerkingen
log (one line; a second, confidential line when confidential domains were returned).
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bijstand.accounts.models import Rol
from bijstand.accounts.rules import is_burger, is_teamleider, is_werkconsulent
from bijstand.core.api import HeeftScope, als_drf_fout, api_activiteit, foutresponses, is_systeem
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import dossiers_in_scope
from bijstand.logboek.services import log_verwerking

from . import selectors, services
from .models import MetingBron
from .serializers import (
    MetingInvoerSerializer,
    MetingSerializer,
    PerspectiefSerializer,
)

SCOPE_LEZEN = "perspectief:lezen"

_fouten = partial(
    foutresponses, niet_gevonden="Dossier bestaat niet of valt buiten uw werkvoorraad"
)


class PerspectiefApiView(generics.GenericAPIView):
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Dossier.objects.none()  # for the schema; the dossier comes from the scope
    vereiste_scope = {"GET": SCOPE_LEZEN}
    vereiste_permissie = {"GET": is_werkconsulent | is_teamleider | is_burger}

    def _dossier_of_404(self, pk: int) -> Dossier:
        user = self.request.user
        qs = Dossier.objects.all() if is_systeem(user) else dossiers_in_scope(user)
        try:
            return qs.select_related("werkzoekende").get(pk=pk)
        except Dossier.DoesNotExist as exc:
            raise Http404 from exc

    def _mag_vertrouwelijk(self, dossier: Dossier) -> bool:
        user = self.request.user
        if is_systeem(user):
            return False
        if getattr(user, "rol", None) == Rol.BURGER:
            return True  # own dossier (scope)
        return user.has_perm("dossiers.view_vertrouwelijk", dossier)

    def _log(self, dossier: Dossier, operatie: str, soorten: list[str], vertrouwelijk: bool):
        request = self.request
        log_verwerking(
            activiteit=api_activiteit(request.user, medewerker="reintegratie"),
            operatie=operatie,
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=soorten,
            actor=request.user,
            request=request,
        )
        if vertrouwelijk:
            log_verwerking(
                activiteit="gezondheid",
                operatie=f"{operatie}_vertrouwelijk",
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["gezondheid", "verslaving", "justitie"],
                actor=request.user,
                request=request,
                vertrouwelijk=True,
            )


class MetingenView(PerspectiefApiView):
    serializer_class = MetingSerializer
    vereiste_permissie = {
        "GET": is_werkconsulent | is_teamleider | is_burger,
        "POST": is_werkconsulent | is_burger,
    }

    @extend_schema(
        operation_id="perspectief_metingen_lijst",
        summary="Metingen van een dossier (ZRM-scores en trede)",
        description=(
            "Nieuwste eerst, ook zelfbeoordelingen. Scores op vertrouwelijke leefgebieden "
            "alleen voor de eigen werkcoach en de burger zelf."
        ),
        responses={200: MetingSerializer(many=True), **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        vertrouwelijk = self._mag_vertrouwelijk(dossier)
        page = self.paginate_queryset(selectors.metingen_van(dossier_id=dossier.pk))
        self._log(
            dossier, "api_bekijk_metingen", ["leefgebieden", "participatieladder"], vertrouwelijk
        )
        context = {"vertrouwelijk": vertrouwelijk}
        return self.get_paginated_response(MetingSerializer(page, many=True, context=context).data)

    @extend_schema(
        operation_id="perspectief_metingen_toevoegen",
        summary="Meting vastleggen",
        description=(
            "De eigen werkcoach legt een meting vast (alle 13 leefgebieden, toelichting bij "
            "score 1 of 2); de burger een zelfbeoordeling (bron zelfbeoordeling, mag "
            "gedeeltelijk)."
        ),
        request=MetingInvoerSerializer,
        responses={201: MetingSerializer, **_fouten(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        burger = getattr(request.user, "rol", None) == Rol.BURGER
        if not burger and not request.user.has_perm("perspectief.wijzig_perspectief", dossier):
            raise PermissionDenied
        invoer = MetingInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        if burger and data["bron"] != MetingBron.ZELFBEOORDELING:
            raise PermissionDenied("Een burger legt alleen een zelfbeoordeling vast.")
        if not burger and data["bron"] == MetingBron.ZELFBEOORDELING:
            raise als_drf_fout(
                DjangoValidationError(
                    {"bron": "Een zelfbeoordeling legt de burger zelf vast (portaal)."}
                )
            )
        try:
            meting = services.registreer_meting(
                dossier=dossier,
                bron=data["bron"],
                scores={
                    s["leefgebied"]: (s["score"], s.get("toelichting", "")) for s in data["scores"]
                },
                trede=data.get("trede"),
                datum=data.get("datum"),
                toelichting=data.get("toelichting", ""),
                door=request.user,
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        meting = selectors.metingen_van(dossier_id=dossier.pk).get(pk=meting.pk)
        return Response(
            MetingSerializer(meting, context={"vertrouwelijk": True}).data,
            status=status.HTTP_201_CREATED,
        )


class PerspectiefView(PerspectiefApiView):
    serializer_class = PerspectiefSerializer

    @extend_schema(
        operation_id="perspectief_detail",
        summary="Ontwikkel- en uitstroomperspectief van een dossier",
        description=(
            "Huidige scores met eerdere metingen, doelen en zelfbeoordeling; beroepen op "
            "volgorde van passendheid met tekorten en pluspunten; voorgesteld segment met "
            "route en het laatste besluit van de werkcoach."
        ),
        responses={200: PerspectiefSerializer, **_fouten(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self._dossier_of_404(pk)
        vertrouwelijk = self._mag_vertrouwelijk(dossier)
        ontwikkel = selectors.ontwikkelperspectief(dossier=dossier, vertrouwelijk=vertrouwelijk)
        profiel = selectors.profiel_van(dossier)
        fits = selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
        voorstel = selectors.segment_voorstel(profiel=profiel, fits=fits, namen=ontwikkel.namen())
        besluit = selectors.routebesluiten_van(dossier_id=dossier.pk).first()
        self._log(
            dossier,
            "api_bekijk_perspectief",
            ["leefgebieden", "participatieladder", "werkprofiel", "perspectief"],
            vertrouwelijk,
        )
        return Response(
            PerspectiefSerializer(
                {
                    "dossier": dossier.pk,
                    "ontwikkel": ontwikkel,
                    "fits": fits,
                    "voorstel": voorstel,
                    "besluit": besluit,
                    "segment": profiel.segment if profiel else "onbepaald",
                }
            ).data
        )
