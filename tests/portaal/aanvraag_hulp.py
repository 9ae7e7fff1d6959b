"""Shared pieces of the portal aanvraag tests: test persons of the fake BRP, the melding through
the DigiD mock, files to upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from .conftest import digid_login

# Test persons of tools/fake_brp_personen.json (nobody has a dossier in the test database).
SANNE = "999991085"  # Sanne Kok, 30, alone at her address
LISA = "999991103"  # Lisa Jansen, 28, one other person (Tom Visser) at her address
EMRE = "999993653"  # Emre Yılmaz, 29, with partner Elif and child Deniz
DAAN = "999991097"  # Daan Pieter Bakker, 22: a jongere (4 weeks' search first)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(naam: str = "bankafschrift.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, PDF, content_type="application/pdf")


def exe_als_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("bankafschrift.pdf", EXE, content_type="application/pdf")


def meld(client: Client, bsn: str):
    """Log in with DigiD (mock) and press "Ik meld mij voor bijstand"."""
    response = digid_login(client, bsn)
    assert response.resolver_match.view_name == "portaal:aanvraag_start", response.content[:500]
    return client.post(reverse("portaal:aanvraag_start"))


def aangemeld(user) -> Client:
    c = Client()
    c.force_login(user, backend="bijstand.portaal.backends.DigiDMockBackend")
    return c


@pytest.fixture(autouse=True)
def _prive_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"
