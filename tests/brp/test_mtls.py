"""mTLS against a real local HTTPS server: the fake BRP behind TLS that demands a client
certificate, with a throwaway CA, server and client certificate (made with `cryptography`)."""

from __future__ import annotations

import ipaddress
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from bijstand.brp.client import BrpClient, BrpFout, raadpleeg_persoon
from tests.brp.fixtures import basis_url, draaiende_fake_brp

pytestmark = pytest.mark.django_db


def _naam(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _certificaat(cn, sleutel, *, uitgever=None, uitgever_sleutel=None, ca=False, gebruik=None):
    nu = datetime.now(UTC)
    uitgever_sleutel = uitgever_sleutel or sleutel
    bouwer = (
        x509.CertificateBuilder()
        .subject_name(_naam(cn))
        .issuer_name(uitgever.subject if uitgever else _naam(cn))
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - timedelta(minutes=5))
        .not_valid_after(nu + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(sleutel.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(uitgever_sleutel.public_key()),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=ca,
                crl_sign=ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if gebruik == "server":
        bouwer = bouwer.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
    elif gebruik == "client":
        bouwer = bouwer.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False
        )
    return bouwer.sign(uitgever_sleutel, hashes.SHA256())


def _schrijf(pad: Path, certificaat, sleutel=None) -> tuple[str, str]:
    cert = pad.with_suffix(".pem")
    cert.write_bytes(certificaat.public_bytes(serialization.Encoding.PEM))
    if sleutel is None:
        return str(cert), ""
    key = pad.with_suffix(".key")
    key.write_bytes(
        sleutel.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert), str(key)


@pytest.fixture
def pki(tmp_path):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, as PEM files."""
    ca_sleutel = ec.generate_private_key(ec.SECP256R1())
    ca = _certificaat("Test CA", ca_sleutel, ca=True)
    bestanden = {"ca": _schrijf(tmp_path / "ca", ca)[0]}
    for soort in ("server", "client"):
        sleutel = ec.generate_private_key(ec.SECP256R1())
        cert = _certificaat(
            f"test-{soort}", sleutel, uitgever=ca, uitgever_sleutel=ca_sleutel, gebruik=soort
        )
        bestanden[soort], bestanden[f"{soort}_key"] = _schrijf(tmp_path / soort, cert, sleutel)
    return bestanden


@pytest.fixture
def https_fake_brp(pki, settings):
    """The fake BRP over TLS that requires a client certificate signed by the test CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki["server"], pki["server_key"])
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(pki["ca"])
    with draaiende_fake_brp(ssl_context=context) as server:
        settings.BRP_API_URL = basis_url(server, "https")
        settings.BRP_CA_BUNDLE = pki["ca"]
        settings.BRP_CLIENT_CERT = pki["client"]
        settings.BRP_CLIENT_KEY = pki["client_key"]
        settings.BRP_API_KEY = ""
        yield server


def test_client_certificate_and_ca_bundle_are_used(https_fake_brp):
    persoon = raadpleeg_persoon("999993653", doel="aanvraag_bijstand", actor=None)
    assert persoon.voornamen == "Emre"
    assert len(https_fake_brp.verzoeken) == 1


def test_without_client_certificate_the_server_refuses(https_fake_brp, settings):
    settings.BRP_CLIENT_CERT = settings.BRP_CLIENT_KEY = ""
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon("999993653", doel="aanvraag_bijstand", actor=None)
    assert fout.value.code in ("certificaat", "netwerk")
    assert https_fake_brp.verzoeken == []


def test_a_server_outside_the_ca_bundle_is_not_trusted(https_fake_brp, settings, pki):
    settings.BRP_CA_BUNDLE = ""  # the system's CA store does not know the test CA
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon("999993653", doel="aanvraag_bijstand", actor=None)
    assert fout.value.code == "certificaat"
    assert "beveiligde verbinding" in str(fout.value)


def test_missing_certificate_file_is_a_configuration_error(https_fake_brp, settings, tmp_path):
    settings.BRP_CLIENT_CERT = str(tmp_path / "bestaat-niet.pem")
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon("999993653", doel="aanvraag_bijstand", actor=None)
    assert fout.value.code == "instelling"


def test_plain_http_gets_no_tls_context(settings):
    settings.BRP_API_URL = "http://127.0.0.1:8089/haalcentraal/api/brp"
    settings.BRP_CLIENT_CERT = "/ergens/cert.pem"
    assert BrpClient.uit_settings().ssl_context() is None
