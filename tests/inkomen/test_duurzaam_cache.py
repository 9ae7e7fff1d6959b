"""The cache shares Redis with the broker (issue 13 §1): with that Redis really stopped, the one
user of the cache (the proefberekening API's rate limit) answers normally instead of 500."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from bijstand.accounts.models import Rol
from tests.factories import UserFactory

from .duurzaam_redis import echte_broker_fixture, eigen_redis_fixture  # noqa: F401
from .test_proefberekening import ISSUE_VERZOEK, URL

pytestmark = pytest.mark.django_db


def test_cache_weg_is_een_misser(echte_broker, caplog):
    cache.set("sleutel", 1)
    assert cache.get("sleutel") == 1
    echte_broker.stop()
    assert cache.get("sleutel", "leeg") == "leeg"
    cache.set("sleutel", 2)  # skipped, no exception
    assert cache.add("ander", 1) is False
    assert cache.get_many(["sleutel"]) == {}
    assert "Cache niet bereikbaar" in caplog.text


def test_proefberekening_zonder_redis(echte_broker):
    client = APIClient()
    client.force_login(UserFactory(rol=Rol.WERKCONSULENT))
    echte_broker.stop()
    antwoord = client.post(URL, data=json.dumps(ISSUE_VERZOEK), content_type="application/json")
    assert antwoord.status_code == 200, antwoord.content[:500]
    assert antwoord.json()["bijstand"]
