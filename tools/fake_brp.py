"""A loopback fake of Haal Centraal BRP Personen Bevragen 2.x (RvIG), for development and tests.

It speaks the real interface over the test persons in ``tools/fake_brp_personen.json``:

- ``POST /haalcentraal/api/brp/personen`` with ``type`` ``RaadpleegMetBurgerservicenummer``
  (``burgerservicenummer``: a list of 1-20 BSNs) or ``ZoekMetAdresseerbaarObjectIdentificatie``
  (``adresseerbaarObjectIdentificatie``: 16 digits); ``fields`` is required and filters the
  top-level fields of each person. The search gives the limited person (``PersoonBeperkt``: no
  partners, kinderen, nationaliteiten, verblijfstitel). An unknown BSN gives ``personen: []``.
- A malformed request gets ``400`` with an RFC 7807 problem (``application/problem+json``) in the
  API's own wording; like the real API, a BSN is checked on its pattern (9 digits) only.
- ``GET /health`` answers ``200`` (``make run`` and ``make test`` wait for it).

Ages stay what the data file says: every date is shifted by the whole years between the file's
``peildatum`` and today. Standard library only; it listens on 127.0.0.1 only.

For tests, ``FakeBrpServer`` takes ``api_key`` (then ``X-Api-Key`` must match, else 401) and
``storing`` (``"500"``, ``"ongeldige-json"`` or ``"traag"``) and records every request in
``verzoeken``.

Usage::

    python tools/fake_brp.py [--port N]          # serve (port: FAKE_BRP_PORT, default 8089)
    python tools/fake_brp.py --wacht [--port N]  # wait until /health answers (10 s); exit 1 if not
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import urllib.request
from collections.abc import Sequence
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
STANDAARD_POORT = 8089
BASIS = "/haalcentraal/api/brp"
PERSONEN_PAD = f"{BASIS}/personen"
DATA = Path(__file__).resolve().with_name("fake_brp_personen.json")

RAADPLEEG = "RaadpleegMetBurgerservicenummer"
ZOEK_AOI = "ZoekMetAdresseerbaarObjectIdentificatie"
# Top-level fields a client may ask for; a search gives only the limited person (PersoonBeperkt).
VELDEN = {
    "aNummer", "adressering", "burgerservicenummer", "datumEersteInschrijvingGBA",
    "datumInschrijvingInGemeente", "europeesKiesrecht", "geboorte", "gemeenteVanInschrijving",
    "geslacht", "gezag", "immigratie", "indicatieCurateleRegister", "kinderen", "leeftijd", "naam",
    "nationaliteiten", "ouders", "overlijden", "partners", "uitsluitingKiesrecht",
    "verblijfplaats", "verblijfstitel",
}  # fmt: skip
VELDEN_BEPERKT = {
    "adressering", "burgerservicenummer", "geboorte", "gemeenteVanInschrijving", "geslacht",
    "leeftijd", "naam", "verblijfplaats",
}  # fmt: skip
BSN_RE = re.compile(r"^[0-9]{9}$")
AOI_RE = re.compile(r"^[0-9]{16}$")
MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip
PROBLEEMTYPE = {
    400: ("https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1", "paramsValidation"),
    401: ("https://datatracker.ietf.org/doc/html/rfc7235#section-3.1", "authentication"),
    404: ("https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.4", "notFound"),
    500: ("https://datatracker.ietf.org/doc/html/rfc7231#section-6.6.1", "serverError"),
}
MAX_BODY = 64 * 1024


# --- data -----------------------------------------------------------------------------------


def _hele_jaren(van: date, tot: date) -> int:
    return tot.year - van.year - ((tot.month, tot.day) < (van.month, van.day))


def _plus_jaren(d: date, jaren: int) -> date:
    try:
        return d.replace(year=d.year + jaren)
    except ValueError:  # 29 February
        return d.replace(year=d.year + jaren, day=28)


def _lang_formaat(d: date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def verschuif(waarde: Any, jaren: int) -> Any:
    """A copy of ``waarde`` with every ``{"type": "Datum", "datum": ...}`` moved ``jaren`` years."""
    if isinstance(waarde, list):
        return [verschuif(w, jaren) for w in waarde]
    if not isinstance(waarde, dict):
        return waarde
    if waarde.get("type") == "Datum" and "datum" in waarde:
        d = _plus_jaren(date.fromisoformat(waarde["datum"]), jaren)
        return {**waarde, "datum": d.isoformat(), "langFormaat": _lang_formaat(d)}
    return {k: verschuif(v, jaren) for k, v in waarde.items()}


def laad_personen(pad: Path = DATA, vandaag: date | None = None) -> list[dict[str, Any]]:
    """The test persons, with their dates shifted so that ages are those on the peildatum."""
    data = json.loads(pad.read_text(encoding="utf-8"))
    jaren = _hele_jaren(date.fromisoformat(data["peildatum"]), vandaag or date.today())
    return verschuif(data["personen"], jaren)


def _leeftijd(persoon: dict[str, Any], vandaag: date) -> int | None:
    datum = persoon.get("geboorte", {}).get("datum", {})
    if datum.get("type") != "Datum":
        return None
    return _hele_jaren(date.fromisoformat(datum["datum"]), vandaag)


# --- requests -------------------------------------------------------------------------------


class Probleem(Exception):
    def __init__(self, status: int, title: str, params: Sequence[tuple[str, str, str]] = ()):
        super().__init__(title)
        self.status, self.title, self.params = status, title, list(params)

    def als_json(self) -> dict[str, Any]:
        soort, code = PROBLEEMTYPE[self.status]
        body: dict[str, Any] = {
            "type": soort,
            "title": self.title,
            "status": self.status,
            "instance": PERSONEN_PAD,
            "code": code,
        }
        if self.params:
            namen = ", ".join(naam for _, naam, _ in self.params)
            body["detail"] = f"De foutieve parameter(s) zijn: {namen}."
            body["invalidParams"] = [
                {"code": c, "name": naam, "reason": reden} for c, naam, reden in self.params
            ]
        return body


def _ongeldig(*params: tuple[str, str, str]) -> Probleem:
    return Probleem(400, "Een of meerdere parameters zijn niet correct.", params)


def _velden(body: dict[str, Any], toegestaan: set[str]) -> set[str]:
    fields = body.get("fields")
    if not isinstance(fields, list) or not fields:
        raise _ongeldig(("minItems", "fields", "Array bevat minder dan 1 items."))
    fout = [
        ("fields", f"fields[{i}]", "Parameter bevat een niet bestaande veldnaam.")
        for i, veld in enumerate(fields)
        if not isinstance(veld, str) or veld.split(".")[0] not in toegestaan
    ]
    if fout:
        raise _ongeldig(*fout)
    return {veld.split(".")[0] for veld in fields}


def beantwoord(body: Any, personen: list[dict[str, Any]], vandaag: date) -> dict[str, Any]:
    """The response to one ``POST .../personen`` body; raises ``Probleem`` for a bad request."""
    if not isinstance(body, dict):
        raise _ongeldig(("object", "body", "Verzoek is geen JSON-object."))
    soort = body.get("type")
    if soort == RAADPLEEG:
        velden = _velden(body, VELDEN)
        bsns = body.get("burgerservicenummer")
        if bsns is None:
            raise Probleem(
                400,
                "Minimale combinatie van parameters moet worden opgegeven.",
                [("required", "burgerservicenummer", "Parameter is verplicht.")],
            )
        if not isinstance(bsns, list):
            raise _ongeldig(("array", "burgerservicenummer", "Parameter is geen array."))
        if not bsns:
            raise _ongeldig(("minItems", "burgerservicenummer", "Array bevat minder dan 1 items."))
        if len(bsns) > 20:
            raise _ongeldig(("maxItems", "burgerservicenummer", "Array bevat meer dan 20 items."))
        fout = [
            ("pattern", f"burgerservicenummer[{i}]", "Waarde voldoet niet aan patroon ^[0-9]{9}$.")
            for i, bsn in enumerate(bsns)
            if not isinstance(bsn, str) or not BSN_RE.match(bsn)
        ]
        if fout:
            raise _ongeldig(*fout)
        gevonden = [p for p in personen if p["burgerservicenummer"] in bsns]
    elif soort == ZOEK_AOI:
        velden = _velden(body, VELDEN_BEPERKT)
        aoi = body.get("adresseerbaarObjectIdentificatie")
        if not isinstance(aoi, str) or not AOI_RE.match(aoi):
            raise _ongeldig(
                (
                    "pattern",
                    "adresseerbaarObjectIdentificatie",
                    "Waarde voldoet niet aan patroon ^[0-9]{16}$.",
                )
            )
        gevonden = [
            p
            for p in personen
            if p.get("verblijfplaats", {}).get("adresseerbaarObjectIdentificatie") == aoi
        ]
    else:
        raise _ongeldig(("value", "type", "Waarde is geen geldige zoek type."))
    resultaat = []
    for persoon in gevonden:
        volledig = {**persoon, "leeftijd": _leeftijd(persoon, vandaag)}
        resultaat.append({k: v for k, v in volledig.items() if k in velden and v is not None})
    return {"type": soort, "personen": resultaat}


# --- server ---------------------------------------------------------------------------------


class FakeBrpHandler(BaseHTTPRequestHandler):
    server: FakeBrpServer
    server_version = "FakeBRP/2"

    def _stuur(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _probleem(self, probleem: Probleem) -> None:
        self._stuur(probleem.status, probleem.als_json(), "application/problem+json")

    def do_GET(self) -> None:
        if self.path == "/health":
            self._stuur(200, {"status": "UP"})
        else:
            self._probleem(Probleem(404, "Opgevraagde resource bestaat niet."))

    def do_POST(self) -> None:
        if self.path.split("?")[0] != PERSONEN_PAD:
            self._probleem(Probleem(404, "Opgevraagde resource bestaat niet."))
            return
        lengte = int(self.headers.get("Content-Length") or 0)
        ruw = self.rfile.read(min(lengte, MAX_BODY))
        try:
            body = json.loads(ruw or b"null")
        except ValueError:
            body = None
        self.server.verzoeken.append({"headers": dict(self.headers.items()), "body": body})
        if self.server.api_key and self.headers.get("X-Api-Key") != self.server.api_key:
            self._probleem(Probleem(401, "Niet correct geauthenticeerd."))
            return
        storing = self.server.storing
        if storing == "500":
            self._probleem(Probleem(500, "Interne serverfout."))
            return
        if storing == "ongeldige-json":
            self._stuur(200, b"<html>Service Unavailable</html>")
            return
        if storing == "traag":
            time.sleep(self.server.vertraging)
        try:
            antwoord = beantwoord(body, self.server.personen, date.today())
        except Probleem as probleem:
            self._probleem(probleem)
            return
        self._stuur(200, antwoord)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.stil:
            super().log_message(format, *args)


class FakeBrpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        port: int = STANDAARD_POORT,
        *,
        personen: list[dict[str, Any]] | None = None,
        api_key: str | None = None,
        stil: bool = False,
    ):
        super().__init__((HOST, port), FakeBrpHandler)
        self.personen = laad_personen() if personen is None else personen
        self.api_key = api_key
        self.stil = stil
        self.storing: str | None = None
        self.vertraging = 2.0
        self.verzoeken: list[dict[str, Any]] = []

    @property
    def poort(self) -> int:
        return self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up (a timeout test): nothing to report
        super().handle_error(request, client_address)


def wacht_op_gezond(port: int, timeout: float = 10.0) -> bool:
    """Poll ``GET /health`` until it answers 200 or ``timeout`` seconds have passed."""
    eind = time.monotonic() + timeout
    while time.monotonic() < eind:
        try:
            url = f"http://{HOST}:{port}/health"
            with urllib.request.urlopen(url, timeout=1) as antwoord:
                if antwoord.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fake BRP (Haal Centraal 2.x) op 127.0.0.1.")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("FAKE_BRP_PORT", STANDAARD_POORT))
    )
    parser.add_argument("--wacht", action="store_true", help="wacht tot /health antwoordt")
    args = parser.parse_args(argv)
    if args.wacht:
        if wacht_op_gezond(args.port):
            return 0
        print(f"Fake BRP antwoordt niet op {HOST}:{args.port}.", file=sys.stderr)
        return 1
    try:
        server = FakeBrpServer(args.port, api_key=os.environ.get("FAKE_BRP_API_KEY") or None)
    except OSError as exc:
        print(f"Fake BRP: poort {args.port} niet beschikbaar ({exc.strerror}).", file=sys.stderr)
        return 1
    print(
        f"Fake BRP op http://{HOST}:{server.poort}{BASIS} ({len(server.personen)} personen)",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
