"""Production settings pass `manage.py check --deploy` without any warning."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _production_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "TWO_FACTOR", "DIGID_", "SECURE_", "DATABASE_URL"))
    }
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DJANGO_SETTINGS_MODULE="bijstand.settings.production",
        DJANGO_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        FIELD_ENCRYPTION_KEYS="x",
        BSN_HASH_KEY="y",
        LOG_PSEUDONYM_KEY="z",
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    return env


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_has_no_warnings():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("settings.DEBUG", "False"),
        ("settings.TWO_FACTOR_REQUIRED", "True"),
        ("settings.DIGID_MOCK", "False"),
        ("settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
        ("settings.TRUSTED_PROXY_COUNT", "1"),
    ],
)
def test_production_values(expression, expected):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
