"""Version snapshots of a plan and a readable comparison between two of them.

A snapshot is plain JSON (stored in ``PlanVersie.snapshot`` at akkoord)::

    {"doelen": [{"id", "titel", "toelichting", "koppeling", "burger_koppeling",
                 "vertrouwelijk"}],
     "acties": [{"id", "doel_id", "titel", "toelichting", "eigenaar", "eigenaar_label",
                 "deadline" (ISO), "status"}]}

``vergelijk`` is pure (no database): it matches goals and actions by id and lists what was
added, removed or changed, field by field, in words a person can read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .models import ActieStatus, Eigenaar

SNAPSHOT_FORMAAT = 1


def doel_snapshot(doel) -> dict[str, Any]:
    return {
        "id": doel.pk,
        "titel": doel.titel,
        "toelichting": doel.toelichting,
        "koppeling": doel.koppeling_label,
        "burger_koppeling": doel.burger_koppeling_label,
        "vertrouwelijk": doel.vertrouwelijk,
    }


def actie_snapshot(actie) -> dict[str, Any]:
    return {
        "id": actie.pk,
        "doel_id": actie.doel_id,
        "titel": actie.titel,
        "toelichting": actie.toelichting,
        "eigenaar": actie.eigenaar,
        "eigenaar_label": actie.eigenaar_label,
        "deadline": actie.deadline.isoformat(),
        "status": actie.status,
    }


def maak_snapshot(doelen: Iterable, acties: Iterable) -> dict[str, Any]:
    return {
        "formaat": SNAPSHOT_FORMAAT,
        "doelen": [doel_snapshot(d) for d in doelen],
        "acties": [actie_snapshot(a) for a in acties],
    }


def zonder_vertrouwelijk(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot without confidential goals and their actions (for other staff)."""
    geheim = {d["id"] for d in snapshot.get("doelen", []) if d.get("vertrouwelijk")}
    return {
        **snapshot,
        "doelen": [d for d in snapshot.get("doelen", []) if d["id"] not in geheim],
        "acties": [a for a in snapshot.get("acties", []) if a.get("doel_id") not in geheim],
    }


@dataclass
class Wijziging:
    """One line of a comparison: a goal or action added, removed or changed."""

    soort: str  # "toegevoegd", "verwijderd", "gewijzigd"
    onderdeel: str  # "doel" or "actie"
    titel: str
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # (label, oud, nieuw)

    @property
    def onderdeel_label(self) -> str:
        return _("Doel") if self.onderdeel == "doel" else _("Actie")

    @property
    def soort_label(self) -> str:
        return {
            "toegevoegd": _("Nieuw"),
            "verwijderd": _("Niet meer in het plan"),
            "gewijzigd": _("Gewijzigd"),
        }[self.soort]


def _datum(iso: str | None) -> str:
    if not iso:
        return "-"
    return datetime.date.fromisoformat(iso).strftime("%d-%m-%Y")


def _status(waarde: str) -> str:
    try:
        return str(ActieStatus(waarde).label)
    except ValueError:
        return waarde


def _eigenaar(regel: dict) -> str:
    if regel.get("eigenaar_label"):
        return regel["eigenaar_label"]
    try:
        return str(Eigenaar(regel.get("eigenaar")).label)
    except ValueError:
        return regel.get("eigenaar") or "-"


def _doel_velden(oud: dict, nieuw: dict) -> list[tuple[str, str, str]]:
    velden = []
    for sleutel, label in (("titel", _("Doel")), ("koppeling", _("Gekoppeld aan"))):
        if oud.get(sleutel) != nieuw.get(sleutel):
            velden.append((label, oud.get(sleutel) or "-", nieuw.get(sleutel) or "-"))
    if oud.get("toelichting") != nieuw.get("toelichting"):
        velden.append(
            (_("Toelichting"), oud.get("toelichting") or "-", nieuw.get("toelichting") or "-")
        )
    return velden


def _actie_velden(
    oud: dict, nieuw: dict, doel_titels: dict[int, str]
) -> list[tuple[str, str, str]]:
    velden = []
    if oud.get("titel") != nieuw.get("titel"):
        velden.append((_("Actie"), oud.get("titel") or "-", nieuw.get("titel") or "-"))
    if oud.get("toelichting") != nieuw.get("toelichting"):
        velden.append(
            (_("Toelichting"), oud.get("toelichting") or "-", nieuw.get("toelichting") or "-")
        )
    if oud.get("doel_id") != nieuw.get("doel_id"):
        velden.append(
            (
                _("Hoort bij doel"),
                doel_titels.get(oud.get("doel_id"), "-"),
                doel_titels.get(nieuw.get("doel_id"), "-"),
            )
        )
    if _eigenaar(oud) != _eigenaar(nieuw):
        velden.append((_("Wie doet het"), _eigenaar(oud), _eigenaar(nieuw)))
    if oud.get("deadline") != nieuw.get("deadline"):
        velden.append((_("Deadline"), _datum(oud.get("deadline")), _datum(nieuw.get("deadline"))))
    if oud.get("status") != nieuw.get("status"):
        velden.append((_("Status"), _status(oud.get("status")), _status(nieuw.get("status"))))
    return velden


def vergelijk(oud: dict[str, Any], nieuw: dict[str, Any]) -> list[Wijziging]:
    """What changed from snapshot ``oud`` to snapshot ``nieuw`` (goals first, then actions)."""
    wijzigingen: list[Wijziging] = []
    doel_titels = {d["id"]: d["titel"] for d in oud.get("doelen", [])}
    doel_titels.update({d["id"]: d["titel"] for d in nieuw.get("doelen", [])})
    for onderdeel in ("doelen", "acties"):
        enkelvoud = "doel" if onderdeel == "doelen" else "actie"
        oude = {r["id"]: r for r in oud.get(onderdeel, [])}
        nieuwe = {r["id"]: r for r in nieuw.get(onderdeel, [])}
        for pk, regel in nieuwe.items():
            if pk not in oude:
                wijzigingen.append(Wijziging("toegevoegd", enkelvoud, regel["titel"]))
                continue
            velden = (
                _doel_velden(oude[pk], regel)
                if onderdeel == "doelen"
                else _actie_velden(oude[pk], regel, doel_titels)
            )
            if velden:
                wijzigingen.append(Wijziging("gewijzigd", enkelvoud, regel["titel"], velden))
        for pk, regel in oude.items():
            if pk not in nieuwe:
                wijzigingen.append(Wijziging("verwijderd", enkelvoud, regel["titel"]))
    return wijzigingen
