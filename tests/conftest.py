import random
import zlib

import factory.random
import pytest
from django.conf import settings
from faker import Faker

from bijstand.accounts.models import Rol
from tests.browser import browser, page  # noqa: F401 (shared fixtures)
from tests.factories import DossierFactory, TeamFactory, UserFactory
from tests.toegang.matrix import wereld  # noqa: F401 (shared fixture of the access matrices)


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.TWO_FACTOR_REQUIRED = False
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _clear_caches():
    from bijstand.logboek.services import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _vast_zaad(request):
    """Seed the fake data per test: names, dates and BSNs are the same on every run, in any
    order or xdist worker, yet differ between tests. The seed is a stable hash of the test's
    node id, so a failure reproduces by running just that test."""
    zaad = zlib.crc32(request.node.nodeid.encode())
    factory.random.reseed_random(zaad)  # factory_boy's fuzzy values and factory.Faker
    Faker.seed(zaad)  # the shared random of direct Faker instances (tests/factories.py: fake)
    random.seed(zaad)  # the random module (geldig_bsn() without an rng)


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def werkcoach(team):
    return UserFactory(rol=Rol.WERKCONSULENT, team=team)


@pytest.fixture
def dossier(werkcoach):
    return DossierFactory(werkcoach=werkcoach)
