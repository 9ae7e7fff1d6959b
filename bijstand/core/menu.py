"""Menus that the domain apps fill: the staff main menu and the burgerportaal menu.

The hub and the shells know no domain app. An app adds its entries in ``AppConfig.ready()``::

    from bijstand.core.menu import registreer_staff_menu, registreer_portaal_menu
    registreer_staff_menu("instrumenten", _("Instrumentenhuis"), "instrumentenhuis:catalogus",
                          perm="accounts.view_caseload", volgorde=30)
    registreer_portaal_menu("perspectief", _("Mijn perspectief"), "portaal:perspectief",
                            volgorde=20)

Entries are shown in ``volgorde``; a staff entry needs the user to have ``perm`` (a permission
name, checked with ``user.has_perm``), or is shown to every staff user without one. The
template highlights the entry whose ``sleutel`` equals ``actieve_sectie`` (staff) or ``nav``
(portal) in the view's context.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    sleutel: str
    label: str
    url_naam: str
    perm: str | None = None
    volgorde: int = 50


_STAFF: dict[str, MenuItem] = {}
_PORTAAL: dict[str, MenuItem] = {}


def registreer_staff_menu(
    sleutel: str, label: str, url_naam: str, *, perm: str | None = None, volgorde: int = 50
) -> None:
    _STAFF[sleutel] = MenuItem(sleutel, label, url_naam, perm, volgorde)


def registreer_portaal_menu(sleutel: str, label: str, url_naam: str, *, volgorde: int = 50) -> None:
    _PORTAAL[sleutel] = MenuItem(sleutel, label, url_naam, None, volgorde)


def _items(register: dict[str, MenuItem], user) -> list[dict]:
    uit = []
    for item in sorted(register.values(), key=lambda i: (i.volgorde, i.sleutel)):
        if item.perm and not user.has_perm(item.perm):
            continue
        try:
            url = reverse(item.url_naam)
        except NoReverseMatch:
            continue
        uit.append({"sleutel": item.sleutel, "label": item.label, "url": url})
    return uit


def staff_menu(user) -> list[dict]:
    return _items(_STAFF, user) if user.is_authenticated else []


def portaal_menu(user) -> list[dict]:
    return _items(_PORTAAL, user) if user.is_authenticated else []
