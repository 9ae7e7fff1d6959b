"""The OpenAPI schema generates without warnings and validates (drf-spectacular)."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_valideert_zonder_waarschuwingen(tmp_path):
    pad = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(pad))
    schema = yaml.safe_load(pad.read_text())
    assert {
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{id}/",
        "/api/v1/dossiers/{id}/journaal/",
    } <= set(schema["paths"])
    assert "systeemToken" in schema["components"]["securitySchemes"]
    for naam, component in schema["components"]["schemas"].items():
        if naam.startswith(("Dossier", "Werkzoekende", "JournaalRegel", "HuishoudenLid")):
            assert "bsn" not in str(component).lower(), naam


def test_schema_endpoint(client):
    # The schema holds no personal data; drf-spectacular serves it (SERVE_PERMISSIONS).
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/dossiers/" in response.content
