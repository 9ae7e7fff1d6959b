"""A Redis of the test's own (a real ``redis-server`` on a free port) that the test stops and
starts, and Celery pointed at it with the real (non-eager) publish path (issue 13 §1).

The shared Redis of the machine is never touched: every test gets its own server process.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from base64 import b64decode

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EigenRedis:
    """``start()`` / ``stop()`` (SIGKILL: the broker is gone, nothing flushed) a redis-server."""

    def __init__(self) -> None:
        self.poort = _vrije_poort()
        self.proces: subprocess.Popen | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.poort}/{db}"

    def start(self) -> None:
        assert self.proces is None
        self.proces = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                REDIS_SERVER,
                *("--port", str(self.poort), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.poort, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server kwam niet op")

    def stop(self) -> None:
        assert self.proces is not None
        self.proces.kill()
        self.proces.wait(timeout=10)
        self.proces = None
        with pytest.raises(redis.ConnectionError):
            redis.Redis(port=self.poort, socket_connect_timeout=0.2).ping()

    def client(self, db: int) -> redis.Redis:
        return redis.Redis(port=self.poort, db=db)

    def taken(self, db: int = 2) -> list[tuple[str, tuple]]:
        """The task messages waiting in the default queue: (task name, args)."""
        uit = []
        for ruw in self.client(db).lrange("celery", 0, -1):
            bericht = json.loads(ruw)
            args = json.loads(b64decode(bericht["body"]))[0]
            uit.append((bericht["headers"]["task"], tuple(args)))
        return uit


@pytest.fixture(name="eigen_redis")
def eigen_redis_fixture():
    server = EigenRedis()
    server.start()
    yield server
    if server.proces is not None:
        server.proces.kill()
        server.proces.wait(timeout=10)


@pytest.fixture(name="echte_broker")
def echte_broker_fixture(settings, eigen_redis, monkeypatch):
    """Celery publishes to the test's own Redis (db 2) for real (not eager); the cache lives on
    the same Redis (db 3), so stopping it takes both away, as in production."""
    from bijstand.celery import app
    from inkomen import herberekening

    # Celery reads the environment before its configuration (``Settings.broker_url``).
    monkeypatch.setenv("CELERY_BROKER_URL", eigen_redis.url(2))
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)

    def nieuwe_pools() -> None:  # the app's pooled connections were made for another URL
        app._pool = None
        app.amqp._producer_pool = None

    oud = {"task_always_eager": app.conf.task_always_eager, "broker_url": app.conf.broker_url}
    app.conf.task_always_eager = False
    app.conf.broker_url = eigen_redis.url(2)
    nieuwe_pools()
    settings.CELERY_BROKER_URL = eigen_redis.url(2)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {
            "BACKEND": "bijstand.core.cache.VeiligeRedisCache",  # as settings/base.py
            "LOCATION": eigen_redis.url(3),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    herberekening.herstel_publicatie()
    yield eigen_redis
    app.conf.task_always_eager = oud["task_always_eager"]
    app.conf.broker_url = oud["broker_url"]
    nieuwe_pools()
    herberekening.herstel_publicatie()


class Worker:
    """``celery -A bijstand worker`` (solo pool) in a subprocess against the test database and
    the test's Redis; ``stop()`` ends it (its own process group)."""

    def __init__(self, redis_url: str, map_, **env: str) -> None:
        import os
        import sys
        from pathlib import Path

        from django.conf import settings
        from django.db import connection

        db = connection.settings_dict
        omgeving = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CELERY_", "INKOMEN_", "PYTEST", "DATABASE_URL", "CACHE_URL"))
        }
        omgeving.update(
            {
                "DJANGO_SETTINGS_MODULE": "bijstand.settings",
                "PYTHONUNBUFFERED": "1",
                "DATABASE_URL": (
                    f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@"
                    f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
                ),
                "CELERY_BROKER_URL": redis_url,
                "CACHE_URL": "locmemcache://",
                "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
                **env,
            }
        )
        self.log_pad = Path(map_) / "worker.log"
        self._log = self.log_pad.open("wb")
        self.proces = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                str(Path(sys.executable).parent / "celery"),
                *("-A", "bijstand", "worker", "-P", "solo", "-c", "1", "-l", "info"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            cwd=settings.BASE_DIR,
            env=omgeving,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wacht_tot(lambda: b" ready." in self.log_pad.read_bytes(), 90, "worker start", self)

    def staart(self) -> str:
        return self.log_pad.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        import os
        import signal

        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(timeout=10)
        self._log.close()


def wacht_tot(voorwaarde, binnen: float, wat: str, worker: Worker | None = None):
    eind = time.monotonic() + binnen
    while time.monotonic() < eind:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.2)
    pytest.fail(f"niet binnen {binnen} s: {wat}\n{worker.staart() if worker else ''}")
