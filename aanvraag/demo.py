"""Demo data of the front door (``manage.py demo_data`` calls :func:`vul_demo`).

Every dossier went through the front door, so every demo dossier gets its aanvraag in the state
that matches the dossier (the states the services produce; :func:`controleer` checks them):

- dossier ``aanvraag``: an open aanvraag — ``ingediend`` (most), ``concept`` (the form not yet
  sent) or ``opgeschort`` (stukken requested, hersteltermijn running);
- dossier that was ever ``lopend`` (its status history): ``toegekend`` with a Besluit
  ``toekenning`` whose ingangsdatum is the uitkering's ingangsdatum (else the startdatum), sent
  by post or electronically, with its bezwaartermijn (the demo gives ended dossiers no
  uitkering rows: their history before the demo is not modelled);
- dossier ended as ``afgewezen``: ``afgewezen`` with a Besluit ``afwijzing``; ended as
  ``ingetrokken``: ``ingetrokken`` (no besluit); other endings before any uitkering: afgewezen.

Bulk and idempotent (dossiers that have an aanvraag are skipped). The besluiten of the bulk data
have no PDF (generating 37,500 letters would take long and show nothing new); the letters of
the fixed demo burgers are made through the real beschikking code.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus, StatusWijziging
from inkomen.models import Uitkering

from . import termijnen
from .models import (
    Aanvraag,
    AanvraagKanaal,
    AanvraagStatus,
    Besluit,
    BesluitSoort,
    Hersteltermijn,
    Verzendwijze,
)
from .stappen import CHECKLIST_CODES, VERPLICHT, Uitkomst

SYSTEEM_GEGEVENS = {"demo": True}


def _gegevens(rng: random.Random, stappen) -> dict:
    data = {
        "persoon": {"email": "", "telefoon": "", "elektronisch": rng.random() < 0.6},
        "wonen": {"woonsituatie": "huur", "woonkosten": f"{rng.randrange(450, 950)}.00"},
        "huishouden": {"partner": None, "kinderen": [], "medebewoners": []},
        "inkomen": {"heeft_inkomen": False},
        "vermogen": {"bank_saldo": f"{rng.randrange(0, 2500)}.00"},
        "bankrekening": {"iban": "", "tenaamstelling": ""},
        "verklaring": {"akkoord": True},
    }
    return {s: {"data": data[s], "door": None, "op": None, **SYSTEEM_GEGEVENS} for s in stappen}


def _checklist(op: datetime) -> dict:
    return {
        c: {"uitkomst": Uitkomst.AKKOORD, "toelichting": "", "door": None, "op": op.isoformat()}
        for c in CHECKLIST_CODES
    }


def _moment(d: date, uur: int = 10) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, uur))


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    t0 = time.perf_counter()
    rng = random.Random(seed + 12)  # noqa: S311 - synthetic data
    vandaag = tijd.vandaag()
    dossiers = (
        Dossier.objects.filter(aanvraag__isnull=True)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "beeindigingsreden",
            "aanvraagdatum",
            "startdatum",
            "einddatum",
            "inkomensconsulent_id",
            "instroombron",
        )
    )
    rijen = list(dossiers)
    ingang = dict(
        Uitkering.objects.filter(dossier_id__in=[r[0] for r in rijen]).values_list(
            "dossier_id", "ingangsdatum"
        )
    )
    aanvragen: list[Aanvraag] = []
    besluiten: list[tuple[int, Besluit]] = []
    herstel: list[tuple[int, Hersteltermijn]] = []
    ooit_lopend = set(
        StatusWijziging.objects.filter(
            dossier_id__in=[r[0] for r in rijen], naar=DossierStatus.LOPEND
        ).values_list("dossier_id", flat=True)
    )
    reserve_ic = (
        User.objects.filter(rol=Rol.INKOMENSCONSULENT, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    for pk, status, reden, aanvraagdatum, startdatum, einddatum, ic, bron in rijen:
        melddatum = min(
            d for d in (aanvraagdatum, ingang.get(pk), startdatum, vandaag) if d is not None
        )
        kanaal = AanvraagKanaal.PORTAAL if bron == "online" else AanvraagKanaal.LOKET
        a = Aanvraag(dossier_id=pk, kanaal=kanaal, melddatum=melddatum)
        a.brp = {}
        if status == DossierStatus.AANVRAAG:
            kans = rng.random()
            if kans < 0.15:
                a.status = AanvraagStatus.CONCEPT
                a.gegevens = _gegevens(rng, VERPLICHT[: rng.randrange(1, len(VERPLICHT))])
            else:
                a.status = AanvraagStatus.INGEDIEND
                a.gegevens = _gegevens(rng, [*VERPLICHT, "verklaring"])
                a.ontvangen_op = min(melddatum + timedelta(days=rng.randrange(0, 6)), vandaag)
                a.verklaring_op = _moment(a.ontvangen_op)
                opschorting = []
                if kans > 0.85 and a.ontvangen_op < vandaag and ic is not None:
                    a.status = AanvraagStatus.OPGESCHORT
                    verzocht = a.ontvangen_op + timedelta(days=(vandaag - a.ontvangen_op).days // 2)
                    h = Hersteltermijn(
                        gevraagd="Bankafschriften van de laatste 3 maanden van al uw rekeningen.",
                        verzocht_op=verzocht,
                        termijn_tot=verzocht + timedelta(days=14),
                        door_id=ic,
                    )
                    herstel.append((pk, h))
                    opschorting.append(termijnen.Opschorting(h.verzocht_op, h.termijn_tot))
                a.beslissen_uiterlijk = termijnen.beslistermijn_einde(
                    a.ontvangen_op, opschorting, peildatum=date.max
                )
        else:
            a.gegevens = _gegevens(rng, [*VERPLICHT, "verklaring"])
            a.ontvangen_op = melddatum + timedelta(days=rng.randrange(0, 4))
            a.verklaring_op = _moment(a.ontvangen_op)
            a.beslissen_uiterlijk = a.ontvangen_op + timedelta(weeks=8)
            a.elektronisch = rng.random() < 0.6
            besloten = min(a.ontvangen_op + timedelta(days=rng.randrange(7, 50)), vandaag)
            ic = ic or reserve_ic
            if pk in ingang or pk in ooit_lopend:
                a.status = AanvraagStatus.TOEGEKEND
                soort, motivering = BesluitSoort.TOEKENNING, ""
                ingangsdatum = ingang.get(pk) or startdatum or melddatum
                besloten = max(besloten, ingangsdatum)
                a.checklist = _checklist(_moment(besloten, 9))
            elif reden == Beeindigingsreden.INGETROKKEN:
                a.status = AanvraagStatus.INGETROKKEN
                soort = None
            else:
                a.status = AanvraagStatus.AFGEWEZEN
                soort, ingangsdatum = BesluitSoort.AFWIJZING, None
                motivering = "Uw vermogen is hoger dan de vermogensgrens (art. 34 Participatiewet)."
                besloten = min(besloten, einddatum or besloten)
            a.ontvangen_op = min(a.ontvangen_op, besloten)
            if soort is not None and ic is not None:
                b = Besluit(
                    soort=soort,
                    ingangsdatum=ingangsdatum,
                    motivering=motivering,
                    genomen_door_id=ic,
                    genomen_op=_moment(besloten, 11),
                    verzendwijze=(
                        Verzendwijze.ELEKTRONISCH if a.elektronisch else Verzendwijze.POST
                    ),
                    verzonden_op=besloten,
                    bezwaar_tot=termijnen.bezwaartermijn_einde(besloten),
                    toelichting={"demo": True},
                )
                besluiten.append((pk, b))
        aanvragen.append(a)
    Aanvraag.objects.bulk_create(aanvragen, batch_size=2000)
    per_dossier = dict(
        Aanvraag.objects.filter(dossier_id__in=[r[0] for r in rijen]).values_list(
            "dossier_id", "pk"
        )
    )
    for pk, b in besluiten:
        b.aanvraag_id = per_dossier[pk]
    for pk, h in herstel:
        h.aanvraag_id = per_dossier[pk]
    Besluit.objects.bulk_create([b for _pk, b in besluiten], batch_size=2000)
    Hersteltermijn.objects.bulk_create([h for _pk, h in herstel], batch_size=2000)
    log(
        f"  {len(aanvragen)} aanvragen, {len(besluiten)} besluiten, {len(herstel)} "
        f"hersteltermijnen ({time.perf_counter() - t0:.1f} s)"
    )
    return {"aanvragen": len(aanvragen), "besluiten": len(besluiten)}


def controleer(dossier_qs: QuerySet[Dossier] | None = None) -> list[str]:
    """The front-door invariants (module docstring) for ``dossier_qs`` (default: all)."""
    dossiers = dossier_qs if dossier_qs is not None else Dossier.objects.all()
    fouten: list[str] = []
    ids = list(dossiers.values_list("pk", flat=True))
    aanvragen = {
        a["dossier_id"]: a
        for a in Aanvraag.objects.filter(dossier_id__in=ids).values(
            "dossier_id", "pk", "status", "melddatum", "ontvangen_op"
        )
    }
    besluiten = {
        b["aanvraag_id"]: b
        for b in Besluit.objects.filter(aanvraag__dossier_id__in=ids).values(
            "aanvraag_id", "soort", "ingangsdatum", "verzonden_op", "bezwaar_tot"
        )
    }
    uitkering_ingang = dict(
        Uitkering.objects.filter(dossier_id__in=ids).values_list("dossier_id", "ingangsdatum")
    )
    for pk, status in dossiers.values_list("pk", "status"):
        a = aanvragen.get(pk)
        if a is None:
            fouten.append(f"dossier {pk}: geen aanvraag")
            continue
        b = besluiten.get(a["pk"])
        open_ = a["status"] in (
            AanvraagStatus.CONCEPT,
            AanvraagStatus.INGEDIEND,
            AanvraagStatus.OPGESCHORT,
        )
        if (status == DossierStatus.AANVRAAG) != open_:
            fouten.append(f"dossier {pk}: status {status} past niet bij aanvraag {a['status']}")
        toegekend = a["status"] == AanvraagStatus.TOEGEKEND
        if pk in uitkering_ingang and not toegekend:
            fouten.append(f"dossier {pk}: uitkering zonder toekenning")
        if toegekend and status != DossierStatus.BEEINDIGD and pk not in uitkering_ingang:
            fouten.append(f"dossier {pk}: toegekend en actief, maar geen uitkering")
        if a["status"] == AanvraagStatus.TOEGEKEND:
            if b is None or b["soort"] != BesluitSoort.TOEKENNING:
                fouten.append(f"dossier {pk}: toegekend zonder besluit tot toekenning")
            elif pk in uitkering_ingang and b["ingangsdatum"] > uitkering_ingang[pk]:
                fouten.append(f"dossier {pk}: uitkering begint voor de toegekende ingangsdatum")
        if a["status"] in (AanvraagStatus.AFGEWEZEN, AanvraagStatus.BUITEN_BEHANDELING) and (
            b is None or b["soort"] == BesluitSoort.TOEKENNING
        ):
            fouten.append(f"dossier {pk}: {a['status']} zonder passend besluit")
        if open_ and b is not None:
            fouten.append(f"dossier {pk}: open aanvraag met een besluit")
        if b is not None and (
            b["verzonden_op"] is None
            or b["bezwaar_tot"] != termijnen.bezwaartermijn_einde(b["verzonden_op"])
        ):
            fouten.append(f"dossier {pk}: besluit zonder verzenddatum of juiste bezwaartermijn")
        if a["ontvangen_op"] is not None and a["ontvangen_op"] < a["melddatum"]:
            fouten.append(f"dossier {pk}: aanvraag ontvangen voor de melding")
    return fouten
