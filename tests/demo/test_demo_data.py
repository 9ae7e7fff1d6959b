"""demo_data / demo_logins / benchmark: the generated data keeps every invariant."""

from __future__ import annotations

import io
import json
import random
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from bijstand.accounts.models import Rol, Team, User
from bijstand.dossiers import demo
from bijstand.dossiers.models import (
    ACTIEVE_STATUSSEN,
    Dossier,
    DossierStatus,
    HuishoudenLid,
    JournaalRegel,
    Leefvorm,
    Overdracht,
    StatusWijziging,
    Werkzoekende,
    Wijk,
)
from bijstand.logboek.models import Verwerking

pytestmark = pytest.mark.django_db


def _laad(**kwargs) -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out, **kwargs)
    return out.getvalue()


def test_wijken_uit_de_migratie():
    wijken = list(Wijk.objects.all())
    assert 70 <= len(wijken) <= 90
    assert len({w.gebied for w in wijken}) == 14
    namen = {w.naam for w in wijken}
    for naam in ("Stadsdriehoek", "Spangen", "Afrikaanderwijk", "Tarwewijk", "Pendrecht"):
        assert naam in namen
    assert len({w.code for w in wijken}) == len(wijken)


def test_identificatienummers_zijn_geldig():
    rng = random.Random(1)
    for _ in range(500):
        assert stdnum_bsn.is_valid(demo.willekeurig_bsn(rng))
        for bank, _gewicht in demo.BANKEN:
            assert stdnum_iban.is_valid(demo.willekeurig_iban(rng, bank))
        postcode = demo.willekeurige_postcode(rng, 3000 + rng.randrange(200))
        assert stdnum_postcode.is_valid(postcode)
    assert demo.nl_iban("ABNA", "0417164300") == "NL91ABNA0417164300"
    for b in demo.DEMO_BURGERS:
        assert demo.bsn_geldig(b.bsn) and stdnum_bsn.is_valid(b.bsn)


def test_kleine_caseload_is_consistent(monkeypatch):
    # The hub's own generator; the apps' demo data (which may log) is tested in each app.
    from bijstand.dossiers.management.commands import demo_data

    monkeypatch.setattr(demo_data, "vul_apps", lambda **kwargs: {})
    _laad(dossiers=60, seed=3)
    assert demo.aantal_gegenereerde_dossiers() == 60
    assert demo.controleer_data() == []

    for persoon in Werkzoekende.objects.all():
        assert stdnum_bsn.is_valid(persoon.bsn)
        assert stdnum_iban.is_valid(persoon.iban)
        assert stdnum_postcode.is_valid(persoon.postcode)
        assert 3000 <= int(persoon.postcode[:4]) <= 3199
        assert persoon.wijk_id is not None
    actief = Counter(
        Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN).values_list(
            "werkzoekende_id", flat=True
        )
    )
    assert max(actief.values()) == 1
    for dossier in Dossier.objects.select_related("werkcoach"):
        laatste = dossier.overdrachten.order_by("-op", "-pk").first()
        assert laatste.naar_werkcoach_id == dossier.werkcoach_id
        assert dossier.werkcoach.rol == Rol.WERKCONSULENT
        if dossier.status == DossierStatus.BEEINDIGD:
            assert dossier.beeindigingsreden and dossier.einddatum
        assert dossier.statuswijzigingen.exists()
    assert Dossier.objects.filter(status=DossierStatus.BEEINDIGD).exists()
    # kostendelers facts: medebewoners with age and the art. 19a facts; partner only if gehuwd
    leden = HuishoudenLid.objects.select_related("huishouden")
    assert leden.filter(rol=HuishoudenLid.Rol.MEDEBEWONER).exists()
    for lid in leden:
        assert lid.geboortedatum
        if lid.rol == HuishoudenLid.Rol.PARTNER:
            assert lid.huishouden.leefvorm == Leefvorm.GEHUWD
    # history, but no dataverwerkingen log lines for generated data
    assert JournaalRegel.objects.filter(soort="contact").exists()
    assert Overdracht.objects.filter(van_werkcoach__isnull=True).count() == Dossier.objects.count()
    assert Dossier.history.count() >= 60
    assert not Verwerking.objects.exists()  # synthetic history is not a processing
    # teams with a teamleider
    assert Team.objects.filter(teamleider__isnull=False).count() >= 12


def test_demo_accounts_zijn_idempotent():
    _laad(dossiers=30, seed=5, demo_accounts=True)
    tellingen = {
        model: model.objects.count()
        for model in (User, Werkzoekende, Dossier, Overdracht, StatusWijziging, JournaalRegel)
    }
    _laad(dossiers=30, seed=5, demo_accounts=True)
    assert {model: model.objects.count() for model in tellingen} == tellingen

    werkcoach = User.objects.get(username="werkcoach")
    assert werkcoach.rol == Rol.WERKCONSULENT
    assert werkcoach.check_password(demo.DEMO_WACHTWOORD)
    assert Team.objects.get(teamleider__username="teamleider") == werkcoach.team
    assert Dossier.objects.filter(werkcoach=werkcoach, status__in=ACTIEVE_STATUSSEN).exists()
    for acc in demo.DEMO_ACCOUNTS:
        user = User.objects.get(username=acc.username)
        assert user.rol == acc.rol and user.has_usable_password()
    for b in demo.DEMO_BURGERS:
        burger = User.digid_objects.get_by_bsn(b.bsn)
        persoon = Werkzoekende.objects.get(account=burger)
        assert persoon.bsn == b.bsn
        assert persoon.dossiers.filter(werkcoach=werkcoach).exists()
    assert demo.controleer_data() == []

    tekst = io.StringIO()
    call_command("demo_logins", stdout=tekst)
    for fragment in ("werkcoach", "privacy", demo.DEMO_WACHTWOORD, "111222333", "123456782"):
        assert fragment in tekst.getvalue()


def test_demo_wachtwoord_voldoet_aan_de_validators():
    from django.contrib.auth.password_validation import validate_password

    for acc in demo.DEMO_ACCOUNTS:
        validate_password(demo.DEMO_WACHTWOORD, User(username=acc.username))


def test_demo_login_werkt(rf):
    _laad(dossiers=0, demo_accounts=True)
    request = rf.post("/accounts/login/")
    user = authenticate(request, username="werkcoach", password=demo.DEMO_WACHTWOORD)
    assert user is not None and user.username == "werkcoach"


def test_reset_genereert_opnieuw():
    _laad(dossiers=20, seed=1)
    eerste = set(Werkzoekende.objects.values_list("bsn_hash", flat=True))
    uit = _laad(dossiers=25, seed=2, reset=True)
    assert "verwijderd" in uit
    assert demo.aantal_gegenereerde_dossiers() == 25
    assert not eerste & set(Werkzoekende.objects.values_list("bsn_hash", flat=True))
    assert demo.controleer_data() == []
    # same N again without --reset: nothing added
    _laad(dossiers=25, seed=2)
    assert demo.aantal_gegenereerde_dossiers() == 25


def test_benchmark_laatste_regel_is_json():
    out = io.StringIO()
    call_command("benchmark", "pages", dossiers=12, repeat=2, stdout=out)
    resultaat = json.loads(out.getvalue().strip().splitlines()[-1])
    assert resultaat["name"] == "pages"
    assert resultaat["n"] == 12
    assert "seed_seconds" in resultaat
    assert set(resultaat["pages"]) == {"caseload", "dossier", "dossier_api"}
    for pagina in resultaat["pages"].values():
        assert {"median_ms", "p95_ms", "queries"} <= set(pagina)
