"""Reading the log (itself a logged processing)."""

from __future__ import annotations

from django.db.models import QuerySet

from bijstand.core.crypto import pseudoniem

from .models import Verwerking


def verwerkingen_voor_betrokkene(*, subject: str, inclusief_vertrouwelijk: bool) -> QuerySet:
    qs = Verwerking.objects.filter(betrokkene=pseudoniem(subject)).select_related("activiteit")
    if not inclusief_vertrouwelijk:
        qs = qs.filter(vertrouwelijk=False, activiteit__vertrouwelijkheid="normaal")
    return qs.order_by("-start", "-id")
