"""/api/v1/werkloont/: programmes, activities, agenda items and presence, under the UI's rules.

Who may call what (``HeeftScope``, bijstand/core/api.py):

- people (session): werkconsulent and teamleider read the dossiers in their scope, a burger
  reads their own; out of scope is 404. Only the dossier's werkcoach (or substitute) plans an
  activity or registers presence (``werkloont.plan_agenda``); inkomensconsulent, beheerder and
  privacy officer: 403.
- system clients (token): scope ``werkloont:lezen`` reads programmes, activities and agenda of
  any dossier (confidential details hidden) and the catalogue; scope ``werkloont:aanwezigheid``
  registers presence, only for occurrences whose begeleider is linked to that client (a
  provider registers its own participants; anything else is 404).

Every read of a person's data writes the dataverwerkingen log (activiteit ``api`` for system
clients, ``portaal`` for the burger, ``reintegratie`` for staff).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.response import Response

from bijstand.accounts.models import Rol
from bijstand.accounts.rules import is_burger, is_teamleider, is_werkconsulent
from bijstand.core import tijd
from bijstand.core.api import HeeftScope, als_drf_fout, api_activiteit, foutresponses, is_systeem
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import dossier_voor_gebruiker
from bijstand.logboek.services import log_verwerking

from . import selectors, services, uren
from .models import Afspraak, Werkactiviteit
from .serializers import (
    AanwezigheidInvoerSerializer,
    ActiviteitInvoerSerializer,
    ActiviteitSerializer,
    AfspraakSerializer,
    AgendaFilterSerializer,
    TrajectSerializer,
    WeekSerializer,
    WerkactiviteitSerializer,
)

LEZEN = "werkloont:lezen"
AANWEZIGHEID = "werkloont:aanwezigheid"
MAX_DAGEN = 366


class DossierAgendaView(generics.GenericAPIView):
    """Shared: the dossier in the caller's scope (logged), confidential visibility."""

    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Dossier.objects.none()
    vereiste_scope = {"GET": LEZEN}
    vereiste_permissie = {"GET": is_werkconsulent | is_teamleider | is_burger}
    operatie = "api_bekijk_agenda"

    def dossier(self, pk: int) -> Dossier:
        user = self.request.user
        if is_systeem(user):
            try:
                dossier = Dossier.objects.select_related("werkzoekende").get(pk=pk)
            except Dossier.DoesNotExist as exc:
                raise Http404 from exc
            log_verwerking(
                activiteit="api",
                operatie=self.operatie,
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["agenda"],
                actor=user,
                request=self.request,
            )
            return dossier
        return dossier_voor_gebruiker(
            user=user,
            pk=pk,
            request=self.request,
            operatie=self.operatie,
            activiteit=api_activiteit(user, medewerker="reintegratie"),
            soorten_gegevens=("agenda",),
        )

    def toon_vertrouwelijk(self, dossier: Dossier) -> bool:
        user = self.request.user
        if is_systeem(user):
            return False
        if getattr(user, "rol", None) == Rol.BURGER:
            return True  # their own agenda (the scope check made sure)
        return user.has_perm("dossiers.view_vertrouwelijk", dossier)

    def log_vertrouwelijk(self, dossier: Dossier, objecten) -> None:
        if self.toon_vertrouwelijk(dossier) and any(
            (o.activiteit if isinstance(o, Afspraak) else o).vertrouwelijk for o in objecten
        ):
            log_verwerking(
                activiteit="gezondheid",
                operatie=self.operatie,
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["agenda", "gezondheid"],
                actor=self.request.user,
                request=self.request,
                vertrouwelijk=True,
            )


class TrajectenView(DossierAgendaView):
    serializer_class = TrajectSerializer
    operatie = "api_bekijk_trajecten"

    @extend_schema(
        operation_id="werkloont_trajecten",
        summary="Programma's (Werkloont, Iedereen doet mee) van een dossier",
        responses={200: TrajectSerializer(many=True), **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self.dossier(pk)
        page = self.paginate_queryset(selectors.trajecten_van(dossier_id=dossier.pk))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ActiviteitenView(DossierAgendaView):
    serializer_class = ActiviteitSerializer
    operatie = "api_bekijk_activiteiten"
    vereiste_permissie = {
        "GET": is_werkconsulent | is_teamleider | is_burger,
        "POST": is_werkconsulent,
    }

    @extend_schema(
        operation_id="werkloont_activiteiten_lijst",
        summary="Geplande activiteiten van een dossier",
        responses={200: ActiviteitSerializer(many=True), **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        dossier = self.dossier(pk)
        page = self.paginate_queryset(selectors.activiteiten_van(dossier_id=dossier.pk))
        self.log_vertrouwelijk(dossier, page)
        data = ActiviteitSerializer(
            page, many=True, context={"toon_vertrouwelijk": self.toon_vertrouwelijk(dossier)}
        ).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="werkloont_activiteit_plannen",
        summary="Activiteit plannen (eenmalig of elke week)",
        description=(
            "Dezelfde regels als in het scherm: geen overlap, hoogstens 24 uur per dag, "
            "Werkloont maximaal 15 weken, het werkonderdeel past bij het uitstroomperspectief "
            "of heeft een reden, geen wijzigingen in goedgekeurde weken."
        ),
        request=ActiviteitInvoerSerializer,
        responses={201: ActiviteitSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request, pk: int):
        self.operatie = "api_plan_activiteit"
        dossier = self.dossier(pk)
        if not request.user.has_perm("werkloont.plan_agenda", dossier):
            raise PermissionDenied
        invoer = ActiviteitInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            activiteit = services.plan_activiteit(
                dossier=dossier, door=request.user, request=request, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        data = ActiviteitSerializer(activiteit, context={"toon_vertrouwelijk": True}).data
        return Response(data, status=status.HTTP_201_CREATED)


class AgendaView(DossierAgendaView):
    serializer_class = AfspraakSerializer
    operatie = "api_bekijk_agenda"

    @extend_schema(
        operation_id="werkloont_agenda",
        summary="Afspraken in de werkweekagenda van een dossier (periode)",
        parameters=[AgendaFilterSerializer],
        responses={200: AfspraakSerializer(many=True), **foutresponses(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        params = AgendaFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        van = params.validated_data.get("van") or uren.maandag(tijd.vandaag())
        tot = params.validated_data.get("tot") or van + datetime.timedelta(weeks=4, days=-1)
        if tot < van or (tot - van).days > MAX_DAGEN:
            raise DrfValidationError({"tot": ["Kies 'tot' na 'van' en hoogstens een jaar verder."]})
        dossier = self.dossier(pk)
        page = self.paginate_queryset(
            selectors.afspraken_lijst(dossier_id=dossier.pk, van=van, tot=tot)
        )
        self.log_vertrouwelijk(dossier, page)
        data = AfspraakSerializer(
            page, many=True, context={"toon_vertrouwelijk": self.toon_vertrouwelijk(dossier)}
        ).data
        return self.get_paginated_response(data)


class WeekView(DossierAgendaView):
    serializer_class = WeekSerializer
    operatie = "api_bekijk_weekuren"

    @extend_schema(
        operation_id="werkloont_week",
        summary="Geplande en gerealiseerde uren van een week tegenover de norm",
        responses={200: WeekSerializer, **foutresponses(401, 403, 404)},
    )
    def get(self, request, pk: int, week: str):
        ma = selectors.week_uit_tekst(week, standaard=tijd.vandaag())
        dossier = self.dossier(pk)
        overzicht = selectors.week_van(dossier=dossier, ma=ma, toon_vertrouwelijk=False)
        return Response(WeekSerializer(overzicht).data)


class AanwezigheidView(generics.GenericAPIView):
    serializer_class = AfspraakSerializer
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Afspraak.objects.none()
    vereiste_scope = {"POST": AANWEZIGHEID}
    vereiste_permissie = {"POST": is_werkconsulent}

    def _afspraak(self, afspraak_pk: int) -> Afspraak:
        user = self.request.user
        qs = Afspraak.objects.select_related("activiteit__begeleider", "dossier__werkzoekende")
        if is_systeem(user):
            qs = qs.filter(activiteit__begeleider__systeemclient=user.client)
        else:
            from bijstand.dossiers.scope import dossier_scope_q

            qs = qs.filter(dossier__in=Dossier.objects.filter(dossier_scope_q(user)))
        afspraak = qs.filter(pk=afspraak_pk).first()
        if afspraak is None:
            raise Http404
        if not is_systeem(user) and not user.has_perm("werkloont.plan_agenda", afspraak.dossier):
            raise PermissionDenied
        return afspraak

    @extend_schema(
        operation_id="werkloont_aanwezigheid",
        summary="Aanwezigheid registreren (werkcoach of aanbieder)",
        request=AanwezigheidInvoerSerializer,
        responses={200: AfspraakSerializer, **foutresponses(400, 401, 403, 404)},
    )
    def post(self, request, afspraak_pk: int):
        afspraak = self._afspraak(afspraak_pk)
        invoer = AanwezigheidInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            afspraak = services.registreer_aanwezigheid(
                afspraak=afspraak, door=request.user, request=request, **invoer.validated_data
            )
        except DjangoValidationError as exc:
            raise als_drf_fout(exc) from exc
        toon = not is_systeem(request.user)
        return Response(AfspraakSerializer(afspraak, context={"toon_vertrouwelijk": toon}).data)


class WerkactiviteitenView(generics.GenericAPIView):
    serializer_class = WerkactiviteitSerializer
    permission_classes = [HeeftScope]
    filter_backends: list = []
    queryset = Werkactiviteit.objects.none()
    vereiste_scope = {"GET": LEZEN}
    vereiste_permissie = {"GET": is_werkconsulent | is_teamleider}

    @extend_schema(
        operation_id="werkloont_werkactiviteiten",
        summary="Catalogus van werkactiviteiten met locaties en capaciteit",
        responses={200: WerkactiviteitSerializer(many=True), **foutresponses(401, 403)},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.werkactiviteiten())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
