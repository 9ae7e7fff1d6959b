"""Demo data of the inkomen app (``manage.py demo_data`` calls :func:`vul_demo`).

1. An ``Uitkering`` for every granted dossier (``lopend`` or ``heropend``; a dossier in status
   ``aanvraag`` has no uitkering until the toekenning) without one (bulk;
   :func:`maak_uitkeringen`, also used by ``benchmark verrekening``). It starts in the month
   of the dossier's startdatum (or aanvraagdatum), at the latest three months ago, so every
   demo uitkering has paid months.
2. For the fixed demo burgers (``bijstand.dossiers.demo.DEMO_BURGERS``, the DigiD logins of
   ``make run``) three months of income through the real services: opgaven, the recalculation,
   the monthly payment, one estimate corrected by a loonstrook (a verrekeningsschuld, art. 58
   lid 4) and one corrected the other way (a nabetaling). Their Inkomen tab and their
   specificatie in the portal are filled.
3. The payment run of last month for everyone (``inkomen.betaalrun.voer_uit``: the bulk path),
   so the Betaalruns screen shows a finished run with its file.
4. Employers connected to the payroll API (:data:`DEMO_WERKGEVERS`, fixed KvK-nummers and
   fixed demo tokens, printed by ``manage.py demo_logins``): created by the demo beheerder,
   approved by the demo privacy officer (four eyes, ADR 0007), and a dienstverband of the first
   demo burger at the first one, so ``POST /api/v1/inkomen/loongegevens`` works out of the box.

Idempotent: (1) skips dossiers that have an uitkering; (2) skips a demo burger whose dossier
has any opgave or berekening; (3) returns a finished run unchanged. The writes of (2) and (3)
go through the services, so they write the dataverwerkingen log like any recalculation or run.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from bijstand.core import crypto, tijd
from bijstand.dossiers.demo import DEMO_BURGERS
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, DossierStatus

from . import betaalrun, rekenregels, services
from .models import Berekening, Bron, Dienstverband, Inkomstenopgave, Uitkering, Werkgever

AANDEEL_MEDISCH_URENBEPERKT = 0.03
TOEGEKENDE_STATUSSEN = (DossierStatus.LOPEND, DossierStatus.HEROPEND)


def maak_uitkeringen(
    dossiers: QuerySet[Dossier], *, uiterlijk: date, seed: int
) -> tuple[int, list[int]]:
    """An Uitkering for each dossier of ``dossiers`` that has none (bulk, idempotent).

    The ingangsdatum is the first of the month of the startdatum (else the aanvraagdatum), at
    the latest ``uiterlijk``; about 3 % are medisch urenbeperkt (seeded, in dossier order).
    Returns (number created, ids of all ``dossiers`` in pk order).
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    rijen = list(dossiers.order_by("pk").values_list("pk", "startdatum", "aanvraagdatum"))
    heeft = set(
        Uitkering.objects.filter(dossier_id__in=[r[0] for r in rijen]).values_list(
            "dossier_id", flat=True
        )
    )
    nieuw = []
    for pk, start, aanvraag in rijen:
        if pk in heeft:
            continue
        ingang = min(tijd.eerste_van_maand(start or aanvraag or uiterlijk), uiterlijk)
        nieuw.append(
            Uitkering(
                dossier_id=pk,
                ingangsdatum=ingang,
                aanvrager_medisch_urenbeperkt=rng.random() < AANDEEL_MEDISCH_URENBEPERKT,
            )
        )
    Uitkering.objects.bulk_create(nieuw, batch_size=5000)
    return len(nieuw), [r[0] for r in rijen]


# The demo burgers' income: bsn -> list of (months back, persoon, soort, bedrag, status,
# correction after the run of that month: (status, bedrag) or None).
INKOMSTEN: dict[str, list[tuple[int, str, str, str, str, tuple[str, str] | None]]] = {
    # alleenstaande ouder with a part-time job: n-vrijlating months 1-3, the last month paid
    # on an estimate of 500,00 and the loonstrook shows 650,00 -> verrekeningsschuld
    "111222333": [
        (3, "aanvrager", "arbeid", "600.00", "definitief", None),
        (2, "aanvrager", "arbeid", "600.00", "definitief", None),
        (1, "aanvrager", "arbeid", "500.00", "geschat", ("definitief", "650.00")),
    ],
    # kostendelersnorm (adult son), no income
    "123456782": [],
    # a couple: the partner works
    "999993653": [
        (2, "partner", "arbeid", "800.00", "definitief", None),
        (1, "partner", "arbeid", "800.00", "definitief", None),
    ],
    # on-call work: estimated 300,00, the loonstrook shows 250,00 -> nabetaling
    "999990019": [
        (2, "aanvrager", "arbeid", "300.00", "geschat", ("definitief", "250.00")),
        (1, "aanvrager", "arbeid", "450.00", "definitief", None),
    ],
}


def _demo_burger_dossiers() -> dict[str, Dossier]:
    uit = {}
    for burger in DEMO_BURGERS:
        dossier = (
            Dossier.objects.filter(
                werkzoekende__bsn_hash=crypto.bsn_hash(burger.bsn), status__in=ACTIEVE_STATUSSEN
            )
            .select_related("werkzoekende")
            .order_by("-pk")
            .first()
        )
        if dossier is not None and hasattr(dossier, "uitkering"):
            uit[burger.bsn] = dossier
    return uit


def _registreer(dossier: Dossier, maand: date, persoon: str, soort: str, bedrag: str, **kw):
    return services.registreer_inkomstenopgave(
        dossier=dossier,
        maand=maand,
        persoon=persoon,
        soort=soort,
        bedrag=Decimal(bedrag),
        periode="maand",
        bron=Bron.BURGER,
        door=dossier.werkzoekende.account,
        **kw,
    )


def vul_demo_burgers(
    *, deze_maand: date, log: Callable[[str], None]
) -> tuple[int, list[tuple[Inkomstenopgave, str, str]]]:
    """Three months of income, recalculations and payments for each demo burger (part 2).

    Returns the number of burgers filled and the corrections of last month, which arrive
    after last month's run: ``(opgave to supersede, status, bedrag)``.
    """
    gedaan = 0
    na_de_run: list[tuple[Inkomstenopgave, str, str]] = []
    for bsn, dossier in _demo_burger_dossiers().items():
        if (
            Inkomstenopgave.objects.filter(dossier=dossier).exists()
            or Berekening.objects.filter(dossier=dossier).exists()
        ):
            continue  # filled before (or paid by a run already)
        regels = INKOMSTEN.get(bsn, [])
        try:
            for terug in (3, 2, 1):
                maand = tijd.maand_plus(deze_maand, -terug)
                correcties = []
                for t, persoon, soort, bedrag, status, correctie in regels:
                    if t == terug:
                        opgave = _registreer(dossier, maand, persoon, soort, bedrag, status=status)
                        if correctie is not None:
                            correcties.append((opgave, *correctie))
                services.herbereken_maand(dossier_id=dossier.pk, maand=maand, aanleiding="demo")
                if terug == 1:  # last month: paid by the run (part 3), corrected after it
                    na_de_run.extend(correcties)
                    continue
                services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand)
                for opgave, status, bedrag in correcties:  # the loonstrook comes after payment
                    _corrigeer(opgave, status, bedrag)
        except rekenregels.OngeldigeInvoer as exc:
            log(f"  demo-burger dossier {dossier.pk}: {sorted(exc.fouten)}")
            continue
        gedaan += 1
    return gedaan, na_de_run


def _corrigeer(opgave: Inkomstenopgave, status: str, bedrag: str) -> None:
    """A correction supersedes the opgave; the recalculation books the difference."""
    _registreer(
        opgave.dossier, opgave.maand, opgave.persoon, opgave.soort, bedrag,
        status=status, vervangt=opgave,
    )  # fmt: skip
    services.herbereken_maand(dossier_id=opgave.dossier_id, maand=opgave.maand, aanleiding="demo")


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    t0 = time.perf_counter()
    deze_maand = tijd.eerste_van_maand(tijd.vandaag())
    vorige = tijd.maand_plus(deze_maand, -1)
    aantal, ids = maak_uitkeringen(
        Dossier.objects.filter(status__in=TOEGEKENDE_STATUSSEN),
        uiterlijk=tijd.maand_plus(deze_maand, -3),
        seed=seed,
    )
    log(f"  {aantal} uitkeringen aangemaakt ({len(ids)} lopende dossiers)")
    burgers, na_de_run = vul_demo_burgers(deze_maand=deze_maand, log=log)
    run = betaalrun.voer_uit(maand=vorige)
    for opgave, status, bedrag in na_de_run:
        _corrigeer(opgave, status, bedrag)
    log(
        f"  demo-burgers: {burgers}; betaalrun {vorige:%Y-%m}: {run.aantal_betalingen} "
        f"betalingen ({time.perf_counter() - t0:.1f} s)"
    )
    gekoppeld = vul_demo_werkgevers(deze_maand=deze_maand, log=log)
    return {
        "werkgevers_gekoppeld": gekoppeld,
        "uitkeringen": aantal,
        "demo_burgers": burgers,
        "betaalrun": f"{vorige:%Y-%m}",
        "betalingen": run.aantal_betalingen,
    }


# --- part 4: employers connected to the payroll API -----------------------------------------

# (naam, KvK-nummer, demo token). Fixed, so demo_logins can print them; demo only.
DEMO_WERKGEVERS = [
    ("Havenbedrijf Demo B.V.", "90000001", "demo-loongegevens-havenbedrijf-3f9c2a71"),
    ("Zorggroep Demo Maas", "90000002", "demo-loongegevens-zorggroep-8b41d0e6"),
    ("Schoonmaak Demo Rijnmond", "90000003", "demo-loongegevens-schoonmaak-c27e5f94"),
]
DEMO_DIENSTVERBAND_BSN = DEMO_BURGERS[0].bsn  # works at the first demo werkgever


def vul_demo_werkgevers(*, deze_maand: date, log: Callable[[str], None]) -> int:
    """Part 4 (idempotent): a werkgever with an approved payroll connection per entry."""
    from bijstand.accounts import services as account_services
    from bijstand.accounts.models import Rol, SysteemClient, User

    from .payroll_api import SCOPE

    beheerder = User.objects.filter(rol=Rol.BEHEERDER, is_active=True).order_by("pk").first()
    privacy = (
        User.objects.filter(rol=Rol.PRIVACY, is_active=True)
        .exclude(pk=getattr(beheerder, "pk", None))
        .order_by("pk")
        .first()
    )
    gekoppeld = 0
    for naam, kvk, token in DEMO_WERKGEVERS:
        werkgever, _nieuw = Werkgever.objects.get_or_create(kvk_nummer=kvk, defaults={"naam": naam})
        if werkgever.systeemclient_id is None:
            client, _token = account_services.maak_systeemclient(
                naam=f"Salarissysteem {naam} (KvK {kvk})", scopes=[SCOPE], door=beheerder
            )
            # The fixed demo token instead of the random one (before the approval, which is
            # given for this token).
            SysteemClient.objects.filter(pk=client.pk).update(
                token_hash=SysteemClient.hash_token(token)
            )
            client.refresh_from_db()
            werkgever.systeemclient = client
            werkgever.save(update_fields=["systeemclient"])
        client = werkgever.systeemclient
        if client.wacht_op_goedkeuring and privacy is not None:
            account_services.keur_koppeling_goed(
                client=client, scopes=client.gevraagde_persoonsgegevens_scopes, door=privacy
            )
        gekoppeld += 1
    dossier = _demo_burger_dossiers().get(DEMO_DIENSTVERBAND_BSN)
    eerste = Werkgever.objects.get(kvk_nummer=DEMO_WERKGEVERS[0][1])
    if (
        dossier is not None
        and not Dienstverband.objects.filter(
            werkzoekende=dossier.werkzoekende, werkgever=eerste
        ).exists()
    ):
        services.registreer_dienstverband(
            werkzoekende=dossier.werkzoekende,
            werkgever=eerste,
            van=tijd.maand_plus(deze_maand, -1),
            door=None,
            uren_per_week=Decimal("24"),
            verwacht_netto_loon=Decimal("900.00"),
        )
    if privacy is None:
        log("  werkgevers: geen privacy officer; de koppelingen wachten op goedkeuring")
    log(f"  {gekoppeld} werkgevers gekoppeld aan de loongegevens-API")
    return gekoppeld


def demo_logins_regels() -> list[str]:
    """For ``manage.py demo_logins``: the demo employers' tokens that still work."""
    from bijstand.accounts.models import SysteemClient

    werkgevers = {
        w.kvk_nummer: w
        for w in Werkgever.objects.filter(
            kvk_nummer__in=[k for _n, k, _t in DEMO_WERKGEVERS]
        ).select_related("systeemclient")
    }
    regels = [
        "Loongegevens-API (POST /api/v1/inkomen/loongegevens, header Authorization: Token ...):"
    ]
    for naam, kvk, token in DEMO_WERKGEVERS:
        w = werkgevers.get(kvk)
        client = w.systeemclient if w is not None else None
        if client is None:
            markering = "  (nog niet aangemaakt)"
        elif client.token_hash != SysteemClient.hash_token(token) or not client.actief:
            markering = "  (token vernieuwd of ingetrokken: deze werkt niet meer)"
        elif client.wacht_op_goedkeuring:
            markering = "  (wacht op goedkeuring privacy officer)"
        else:
            markering = ""
        regels.append(f"  {naam} (KvK {kvk}): {token}{markering}")
    werkgever = DEMO_WERKGEVERS[0][0].rstrip(".")
    regels.append(f"  Dienstverband: test-BSN {DEMO_DIENSTVERBAND_BSN} werkt bij {werkgever}.")
    return regels
