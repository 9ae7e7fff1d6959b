"""The fake BRP as a pytest fixture, for every test package that reads the BRP.

Use it in another package's conftest.py (or test module)::

    from tests.brp.fixtures import fake_brp  # noqa: F401

``fake_brp`` starts ``tools/fake_brp.py`` in a thread on a free loopback port, points
``settings.BRP_API_URL`` at it (plain http, no certificate, no API key) and yields the server:
``server.personen`` (the test persons), ``server.verzoeken`` (every request received),
``server.storing = "500" | "ongeldige-json" | "traag"`` (make it fail), ``server.api_key``.
Tests do not depend on the Makefile's fake on port 8089.
"""

from __future__ import annotations

import importlib.util
import ssl
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

PAD = Path(__file__).resolve().parents[2] / "tools" / "fake_brp.py"
MODULE = "tools_fake_brp"


def _laad() -> ModuleType:
    """tools/fake_brp.py as a module (tools/ is no package)."""
    if MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(MODULE, PAD)
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE] = module
        spec.loader.exec_module(module)
    return sys.modules[MODULE]


fake = _laad()


@contextmanager
def draaiende_fake_brp(*, ssl_context: ssl.SSLContext | None = None) -> Iterator:
    """A started fake BRP on a free port (TLS with ``ssl_context``), stopped afterwards."""
    server = fake.FakeBrpServer(0, stil=True)
    if ssl_context is not None:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def basis_url(server, schema: str = "http") -> str:
    return f"{schema}://127.0.0.1:{server.poort}{fake.BASIS}"


@pytest.fixture
def fake_brp(settings):
    with draaiende_fake_brp() as server:
        settings.BRP_API_URL = basis_url(server)
        settings.BRP_CLIENT_CERT = ""
        settings.BRP_CLIENT_KEY = ""
        settings.BRP_CA_BUNDLE = ""
        settings.BRP_API_KEY = ""
        yield server
