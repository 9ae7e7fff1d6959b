"""The periods block of the dossier's Inkomen tab (issue 13 §2): the open opschorting with its
actions, earlier opschortingen and the dossier's open signals. An inclusion tag, so the tab view
(``inkomen.views``) stays as it is; the reads are selectors, the permission the rules'."""

from __future__ import annotations

from typing import Any

from django import template

from bijstand.core.pagination import pagineer
from inkomen import selectors_perioden
from inkomen.models import UitkeringStatus

register = template.Library()

PER_PAGINA = 5


@register.inclusion_tag("inkomen/opschorting_blok.html", takes_context=True)
def perioden_blok(context: template.Context) -> dict[str, Any]:
    """Render with ``{% perioden_blok %}`` inside the tab (needs ``request``, ``dossier`` and
    ``uitkering`` in the context; the tab view checked access and logged the read)."""
    request = context["request"]
    dossier = context["dossier"]
    uitkering = context.get("uitkering")
    uit: dict[str, Any] = {"dossier": dossier, "uitkering": uitkering, "request": request}
    uit["signalen"] = pagineer(
        request,
        selectors_perioden.open_signalen_van_dossier(dossier_id=dossier.pk),
        "signalen",
        PER_PAGINA,
    )
    uit["mag_afhandelen"] = request.user.has_perm("inkomen.handel_signaal_af", dossier)
    if uitkering is None:
        return uit
    uit["stand"] = selectors_perioden.opschorting_stand(
        uitkering_id=uitkering.pk, dossier_id=dossier.pk
    )
    uit["eerder"] = pagineer(
        request,
        selectors_perioden.afgeronde_opschortingen(uitkering_id=uitkering.pk),
        "opschortingen",
        PER_PAGINA,
    )
    uit["mag_opschorten"] = request.user.has_perm("inkomen.schort_op", dossier)
    uit["kan_opschorten"] = uitkering.status == UitkeringStatus.LOPEND and uit["stand"] is None
    return uit
