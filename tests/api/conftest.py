import pytest
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol, SysteemClient
from bijstand.dossiers import services
from bijstand.dossiers.models import JournaalSoort, Kanaal, Zichtbaarheid
from tests.factories import DossierFactory, TeamFactory, UserFactory, WerkzoekendeFactory
from tests.koppelingen import goedgekeurde_koppeling

BSN = "111222333"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def inkomensconsulent(db):
    return UserFactory(rol=Rol.INKOMENSCONSULENT)


@pytest.fixture
def burger(db):
    return UserFactory(rol=Rol.BURGER)


@pytest.fixture
def dossier(werkcoach, inkomensconsulent, burger):
    """The dossier under test: BSN known, household member, journaal of every kind."""
    persoon = WerkzoekendeFactory(bsn=BSN, account=burger)
    persoon.huishouden.leden.create(rol="kind", naam="Kim Jansen", geboortedatum="2015-04-01")
    d = DossierFactory(
        werkzoekende=persoon, werkcoach=werkcoach, inkomensconsulent=inkomensconsulent
    )
    services.voeg_journaalregel_toe(
        dossier=d, auteur=werkcoach, soort=JournaalSoort.NOTITIE, tekst="Interne notitie"
    )
    services.voeg_journaalregel_toe(
        dossier=d,
        auteur=werkcoach,
        soort=JournaalSoort.NOTITIE,
        tekst="Vertrouwelijk: gezondheid",
        vertrouwelijk=True,
    )
    services.voeg_journaalregel_toe(
        dossier=d,
        auteur=werkcoach,
        soort=JournaalSoort.BERICHT,
        tekst="Bericht aan burger",
        kanaal=Kanaal.PORTAAL,
        zichtbaarheid=Zichtbaarheid.EXTERN,
    )
    return d


@pytest.fixture
def gebruikers(dossier, werkcoach, inkomensconsulent, burger, team):
    teamleider = UserFactory(rol=Rol.TEAMLEIDER)
    team.teamleider = teamleider
    team.save()
    return {
        "werkcoach": werkcoach,
        "andere_werkconsulent": UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory()),
        "inkomensconsulent": inkomensconsulent,
        "andere_inkomensconsulent": UserFactory(rol=Rol.INKOMENSCONSULENT),
        "teamleider": teamleider,
        "beheerder": UserFactory(rol=Rol.BEHEERDER),
        "privacy": UserFactory(rol=Rol.PRIVACY),
        "betaalrun": UserFactory(rol=Rol.BETAALRUN, team=None),
        "burger": burger,
    }


@pytest.fixture
def systeem_tokens(db):
    """name -> token: with approved scopes, without, not yet approved, and a revoked one."""
    tokens = {}
    _, tokens["systeem_lezen"] = goedgekeurde_koppeling(naam="Archief", scopes=["dossiers:lezen"])
    _, tokens["systeem_alles"] = goedgekeurde_koppeling(
        naam="Rapportage", scopes=["dossiers:lezen", "journaal:lezen"]
    )
    _, tokens["systeem_zonder"] = goedgekeurde_koppeling(
        naam="Salarissysteem", scopes=["inkomstenopgaven:schrijven"]
    )
    # Personal-data scopes nobody approved: they do not work (bijstand/accounts/scopes.py).
    _, tokens["systeem_niet_goedgekeurd"] = SysteemClient.maak(
        naam="Niet goedgekeurd", scopes=["dossiers:lezen", "journaal:lezen"]
    )
    ingetrokken, tokens["systeem_ingetrokken"] = goedgekeurde_koppeling(
        naam="Oud", scopes=["dossiers:lezen", "journaal:lezen"]
    )
    ingetrokken.actief = False
    ingetrokken.save()
    return tokens


@pytest.fixture
def als(api, gebruikers, systeem_tokens):
    """als(name) -> an APIClient authenticated as that role / system client / anonymous."""

    def _als(naam):
        api.logout()
        api.credentials()
        if naam == "anoniem":
            return api
        if naam in systeem_tokens:
            api.credentials(HTTP_AUTHORIZATION=f"Token {systeem_tokens[naam]}")
            return api
        api.force_login(gebruikers[naam])
        return api

    return _als
