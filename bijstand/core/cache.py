"""A Redis cache that fails open (issue 13 §1: the broker's Redis also holds the cache).

The cache holds nothing that must survive: only the DRF rate-limit counters of the
proefberekening API use it. When Redis is down a read is a miss and a write is skipped, each
logged as a warning, instead of a 500 (rate limiting is off until Redis is back). Short socket
timeouts (settings) keep a Redis that does not answer from holding up the request.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("bijstand.cache")


class VeiligeRedisCache(RedisCache):
    """Django's ``RedisCache``; Redis errors become misses / no-ops (module docstring)."""

    def _faalt(self, operatie: str, exc: Exception) -> None:
        logger.warning("Cache niet bereikbaar (%s): %s", operatie, type(exc).__name__)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._faalt("get", exc)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            self._faalt("get_many", exc)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except RedisError as exc:
            self._faalt("has_key", exc)
            return False

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except RedisError as exc:
            self._faalt("set", exc)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            self._faalt("add", exc)
            return False

    def set_many(
        self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list:
        try:
            return super().set_many(data, timeout, version)
        except RedisError as exc:
            self._faalt("set_many", exc)
            return list(data)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except RedisError as exc:
            self._faalt("touch", exc)
            return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._faalt("delete", exc)
            return False

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        try:
            super().delete_many(keys, version)
        except RedisError as exc:
            self._faalt("delete_many", exc)
