"""Client for Haal Centraal BRP Personen Bevragen 2.x (RvIG): persons, addresses, household.

Two reads, each written to the dataverwerkingen log with its purpose (protocollering):

- :func:`raadpleeg_persoon`: one person by BSN (``RaadpleegMetBurgerservicenummer``), or None
  when the BRP does not know the BSN.
- :func:`bewoners_op_adres`: everyone registered at an adresseerbaar object
  (``ZoekMetAdresseerbaarObjectIdentificatie``). The search gives the limited person (name,
  birth date, sex, address; no partners, kinderen, nationaliteiten or verblijfstitel). It is
  for the household check: the applicant is not shown other people's BRP data.

Settings (environment, ``bijstand/settings/base.py``): ``BRP_API_URL``, ``BRP_CLIENT_CERT`` and
``BRP_CLIENT_KEY`` (PKIoverheid client certificate, mTLS), ``BRP_CA_BUNDLE``, ``BRP_API_KEY``
(``X-Api-Key`` header), ``BRP_TIMEOUT``. The transport is ``urllib`` from the standard library
(``requests`` is no declared dependency of the project); redirects are not followed, so a
request body with a BSN never goes anywhere but ``BRP_API_URL``.

Every failure is a :class:`BrpFout` whose text is a Dutch message for the user; the technical
cause stays on ``__cause__`` and goes to the Python log by type only (never a BSN).
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.core.crypto import bsn_hash
from bijstand.core.validators import normaliseer_bsn, validate_bsn
from bijstand.logboek.betrokkenen import subject_voor_bsn
from bijstand.logboek.models import Verwerking
from bijstand.logboek.services import log_verwerking

from .persoon import BrpPersoon, Verwant, persoon_uit_brp

__all__ = [
    "BrpClient",
    "BrpFout",
    "BrpPersoon",
    "Verwant",
    "bewoners_op_adres",
    "log_subject",
    "persoon_uit_brp",
    "raadpleeg_persoon",
]

logger = logging.getLogger(__name__)

RAADPLEEG = "RaadpleegMetBurgerservicenummer"
ZOEK_AOI = "ZoekMetAdresseerbaarObjectIdentificatie"
VELDEN_PERSOON = (
    "burgerservicenummer", "naam", "geboorte", "geslacht", "verblijfplaats", "nationaliteiten",
    "verblijfstitel", "partners", "kinderen",
)  # fmt: skip
VELDEN_BEWONER = ("burgerservicenummer", "naam", "geboorte", "geslacht", "verblijfplaats")
SOORTEN_PERSOON = ("identificatie", "adres", "huishouden", "nationaliteit", "verblijfstitel")
SOORTEN_BEWONER = ("identificatie", "adres")

# The processing activity of every BRP read (bijstand/logboek/register.py).
ACTIVITEIT = "brp"

DOEL_RE = re.compile(r"^[a-z][a-z0-9_-]{0,79}$")  # a purpose code, never free text
AOI_RE = re.compile(r"^[0-9]{16}$")
MAX_ANTWOORD = 5 * 1024 * 1024


class BrpFout(Exception):
    """A BRP read failed. ``str(fout)`` is a Dutch message for the user; ``code`` says why:
    ``bsn``, ``adres``, ``instelling``, ``certificaat``, ``tijd``, ``netwerk``, ``toegang``,
    ``verzoek``, ``storing`` or ``antwoord``; ``status`` is the HTTP status, if any."""

    def __init__(self, bericht: str, *, code: str, status: int | None = None):
        super().__init__(bericht)
        self.code = code
        self.status = status


# --- transport -------------------------------------------------------------------------------


class _GeenRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx stays an HTTPError


@dataclass(frozen=True)
class BrpClient:
    """The connection: where, with which certificate and key. ``uit_settings()`` reads the
    settings anew on every call, so a changed setting (or a test's) takes effect at once."""

    url: str
    client_cert: str = ""
    client_key: str = ""
    ca_bundle: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = 10.0

    @classmethod
    def uit_settings(cls) -> BrpClient:
        return cls(
            url=getattr(settings, "BRP_API_URL", "") or "",
            client_cert=getattr(settings, "BRP_CLIENT_CERT", "") or "",
            client_key=getattr(settings, "BRP_CLIENT_KEY", "") or "",
            ca_bundle=getattr(settings, "BRP_CA_BUNDLE", "") or "",
            api_key=getattr(settings, "BRP_API_KEY", "") or "",
            timeout=float(getattr(settings, "BRP_TIMEOUT", 10) or 10),
        )

    def ssl_context(self) -> ssl.SSLContext | None:
        """TLS for an https URL: the CA bundle (else the system's) and the client certificate."""
        if not self.url.lower().startswith("https://"):
            return None
        context = ssl.create_default_context(cafile=self.ca_bundle or None)
        if self.client_cert:
            context.load_cert_chain(self.client_cert, self.client_key or None)
        return context

    def personen(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """POST ``body`` to ``{url}/personen``; the ``personen`` of the answer."""
        if not self.url:
            raise BrpFout(_("De koppeling met de BRP is niet ingesteld."), code="instelling")
        try:
            context = self.ssl_context()
        except (OSError, ValueError) as exc:
            logger.error("BRP: certificate or CA bundle not loaded (%s)", type(exc).__name__)
            raise BrpFout(_instelling_bericht(), code="instelling") from exc
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context), _GeenRedirects
        )
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.api_key:
            headers["X-Api-Key"] = self.api_key
        verzoek = urllib.request.Request(  # noqa: S310 (the URL is configuration, not input)
            self.url.rstrip("/") + "/personen",
            data=json.dumps(body).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        try:
            with opener.open(verzoek, timeout=self.timeout) as antwoord:
                ruw = antwoord.read(MAX_ANTWOORD + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise _http_fout(exc.code) from exc
        except (OSError, http.client.HTTPException) as exc:  # URLError is an OSError
            raise _verbindingsfout(exc) from exc
        try:
            data = json.loads(ruw) if len(ruw) <= MAX_ANTWOORD else None
        except ValueError:
            data = None
        personen = data.get("personen") if isinstance(data, dict) else None
        if not isinstance(personen, list) or not all(isinstance(p, dict) for p in personen):
            logger.warning("BRP: unreadable answer (%d bytes)", len(ruw))
            raise BrpFout(
                _("De BRP gaf een antwoord dat niet te lezen is. Probeer het later opnieuw."),
                code="antwoord",
            )
        return personen


def _instelling_bericht() -> str:
    return _("De koppeling met de BRP is niet goed ingesteld. Neem contact op met beheer.")


def _http_fout(status: int) -> BrpFout:
    logger.warning("BRP: HTTP %s", status)
    if status in (401, 403):
        bericht, code = _("De BRP geeft deze koppeling geen toegang."), "toegang"
    elif status == 404:
        bericht, code = _instelling_bericht(), "instelling"
    elif 400 <= status < 500:
        bericht, code = _("De BRP kon de vraag niet verwerken (fout %s).") % status, "verzoek"
    elif status >= 500:
        bericht = _("De BRP heeft een storing (fout %s). Probeer het later opnieuw.") % status
        code = "storing"
    else:
        bericht, code = _("De BRP gaf een onverwacht antwoord (%s).") % status, "antwoord"
    return BrpFout(bericht, code=code, status=status)


def _verbindingsfout(exc: BaseException) -> BrpFout:
    oorzaak = getattr(exc, "reason", exc)
    logger.warning("BRP: no answer (%s)", type(oorzaak).__name__)
    if isinstance(oorzaak, TimeoutError):
        return BrpFout(_("De BRP reageert niet op tijd. Probeer het later opnieuw."), code="tijd")
    if isinstance(oorzaak, ssl.SSLError):
        return BrpFout(
            _("De beveiligde verbinding met de BRP lukt niet. Neem contact op met beheer."),
            code="certificaat",
        )
    return BrpFout(_("De BRP is nu niet bereikbaar. Probeer het later opnieuw."), code="netwerk")


# --- the reads, with their log ---------------------------------------------------------------


def log_subject(bsn: str) -> str:
    """The log subject of a BSN: the werkzoekende's (hub lookup), else one from its keyed hash."""
    return subject_voor_bsn(bsn) or f"bsn:{bsn_hash(bsn)}"


def _log(
    *,
    operatie: str,
    doel: str,
    subjects: list[str],
    soorten: tuple[str, ...],
    actor: Any,
    request: Any,
    start: datetime,
    status: str,
) -> None:
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie=f"{operatie}:{doel}",  # the log has no purpose field: the purpose rides here
        subjects=subjects,
        soorten_gegevens=soorten,
        actor=actor,
        request=request,
        start=start,
        status=status,
    )


def _controleer_doel(doel: str) -> None:
    if not isinstance(doel, str) or not DOEL_RE.match(doel):
        raise ValueError("doel is a purpose code such as 'aanvraag_bijstand' (a-z, 0-9, _ or -)")


def _controleer_bsn(bsn: str) -> str:
    try:
        validate_bsn(bsn)  # python-stdnum, with the project's Dutch messages
    except ValidationError as exc:
        raise BrpFout(exc.messages[0], code="bsn") from None
    return normaliseer_bsn(bsn)


def raadpleeg_persoon(bsn: str, *, doel: str, actor: Any, request: Any = None) -> BrpPersoon | None:
    """The BRP's person with this BSN, or None when the BRP does not know it.

    ``doel`` is the purpose code logged with the read (e.g. ``aanvraag_bijstand``). An invalid
    BSN is refused (BrpFout, code ``bsn``) before anything is sent. One log line for the person,
    also when the read fails (status error).
    """
    _controleer_doel(doel)
    bsn = _controleer_bsn(bsn)
    start = timezone.now()
    logregel = {
        "operatie": "brp_raadpleeg",
        "doel": doel,
        "subjects": [log_subject(bsn)],
        "soorten": SOORTEN_PERSOON,
        "actor": actor,
        "request": request,
        "start": start,
    }
    body = {"type": RAADPLEEG, "burgerservicenummer": [bsn], "fields": list(VELDEN_PERSOON)}
    try:
        personen = BrpClient.uit_settings().personen(body)
    except BrpFout:
        _log(**logregel, status=Verwerking.Status.FOUT)
        raise
    _log(**logregel, status=Verwerking.Status.OK)
    gevonden = [p for p in personen if str(p.get("burgerservicenummer") or "") == bsn]
    return persoon_uit_brp(gevonden[0]) if gevonden else None


def bewoners_op_adres(
    adresseerbaar_object_id: str, *, doel: str, actor: Any, request: Any = None
) -> list[BrpPersoon]:
    """Everyone the BRP registers at this adresseerbaar object (16 digits), limited persons.

    One log line per person returned; a search that fails or finds nobody names no person and
    leaves no line.
    """
    _controleer_doel(doel)
    aoi = str(adresseerbaar_object_id or "").strip()
    if not AOI_RE.match(aoi):
        raise BrpFout(_("Dit is geen geldige adresidentificatie (16 cijfers)."), code="adres")
    start = timezone.now()
    body = {
        "type": ZOEK_AOI,
        "adresseerbaarObjectIdentificatie": aoi,
        "fields": list(VELDEN_BEWONER),
    }
    bewoners = [persoon_uit_brp(p) for p in BrpClient.uit_settings().personen(body)]
    _log(
        operatie="brp_bewoners",
        doel=doel,
        subjects=[log_subject(b.bsn) for b in bewoners if b.bsn],
        soorten=SOORTEN_BEWONER,
        actor=actor,
        request=request,
        start=start,
        status=Verwerking.Status.OK,
    )
    return bewoners
