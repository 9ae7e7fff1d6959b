import pytest
from django.conf import settings

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


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def werkcoach(team):
    return UserFactory(rol=Rol.WERKCONSULENT, team=team)


@pytest.fixture
def dossier(werkcoach):
    return DossierFactory(werkcoach=werkcoach)
