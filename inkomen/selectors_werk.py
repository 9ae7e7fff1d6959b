"""Reads for "werk gevonden": the dienstverbanden of a person and the werkgever register."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Dienstverband, Werkgever


def dienstverbanden_van(*, werkzoekende_id: int) -> QuerySet[Dienstverband]:
    """Newest first, with the werkgever and its connection (no N+1)."""
    return (
        Dienstverband.objects.filter(werkzoekende_id=werkzoekende_id)
        .select_related("werkgever", "werkgever__systeemclient", "geregistreerd_door")
        .order_by("-van", "-pk")
    )


def zoek_werkgevers(zoek: str) -> QuerySet[Werkgever]:
    """Active werkgevers whose name contains ``zoek`` or whose KvK-nummer starts with it."""
    zoek = (zoek or "").strip()
    qs = Werkgever.objects.filter(actief=True).order_by("naam", "pk")
    if not zoek:
        return qs.none()
    return qs.filter(Q(naam__icontains=zoek) | Q(kvk_nummer__startswith=zoek.replace(" ", "")))
