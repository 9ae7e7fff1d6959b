"""The pain.001.001.03 file of the payment run: schema, control sums, ids, no BSN."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from lxml import etree

from bijstand.dossiers.models import Werkzoekende
from inkomen import betaalrun, sepa
from inkomen.models import Betaling, BetalingStatus

from .conftest import D

MAART = date(2026, 3, 1)
NS = {"p": sepa.NS}


def xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(
        str(Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd")
    )


@pytest.fixture
def run(maak_dossier, opgave):
    for i in range(6):
        d = maak_dossier(
            geboortedatum=date(1970 + i, 3, 1),
            leden=[{"rol": "partner", "naam": "Partner", "geboortedatum": date(1972, 1, 1)}]
            if i == 2
            else None,
        )
        if i % 2:
            opgave(d, MAART, f"{123 + i}.45")
    persoon = Werkzoekende.objects.order_by("pk").first()
    persoon.voornamen, persoon.achternaam = "Çiğdem & Zoë", "Öztürk-D'Angelo"
    persoon.save()
    return betaalrun.voer_uit(maand=MAART)


@pytest.mark.django_db
class TestBetaalbestand:
    def test_geldig_volgens_het_xsd(self, run):
        inhoud = run.bestand.read()
        xsd().validate(inhoud.decode())  # sepaxml's own validator (xmlschema)
        sepa.valideer(inhoud)  # and lxml

    def test_controletotalen_op_beide_niveaus(self, run):
        doc = etree.fromstring(run.bestand.read())
        bedragen = [
            Decimal(x) for x in doc.xpath("//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", namespaces=NS)
        ]
        betalingen = Betaling.objects.filter(maand=MAART, status=BetalingStatus.OPGENOMEN)
        totaal = sum((b.bedrag for b in betalingen), D("0"))
        assert len(bedragen) == betalingen.count() == run.aantal_betalingen == 6
        assert sum(bedragen) == totaal == run.totaal_bedrag
        for niveau in ("p:GrpHdr", "p:PmtInf"):
            [n] = doc.xpath(f"//{niveau}/p:NbOfTxs/text()", namespaces=NS)
            [s] = doc.xpath(f"//{niveau}/p:CtrlSum/text()", namespaces=NS)
            assert int(n) == 6
            assert Decimal(s) == totaal
        assert doc.xpath("//p:InstdAmt/@Ccy", namespaces=NS) == ["EUR"] * 6
        assert doc.xpath("//p:ReqdExctnDt/text()", namespaces=NS) == [run.betaaldatum.isoformat()]
        assert set(doc.xpath("//p:Ustrd/text()", namespaces=NS)) == {
            "Uitkering Participatiewet maart 2026"
        }

    def test_end_to_end_id_stabiel(self, run):
        doc = etree.fromstring(run.bestand.read())
        ids = doc.xpath("//p:EndToEndId/text()", namespaces=NS)
        assert ids == sorted(
            Betaling.objects.filter(maand=MAART).values_list("end_to_end_id", flat=True),
            key=lambda e: int(e.rsplit("-", 1)[1]),
        )
        assert all(re.fullmatch(r"WI-202603-\d+", e) and len(e) <= 35 for e in ids)
        # regenerating the file (same run) gives the same bytes
        opslag, naam = run.bestand.storage, run.bestand.name
        with opslag.open(naam) as f:
            eerst = f.read()
        opslag.delete(naam)
        betaalrun._schrijf_bestand(run)
        with opslag.open(run.bestand.name) as f:
            assert f.read() == eerst
        [msg] = doc.xpath("//p:GrpHdr/p:MsgId/text()", namespaces=NS)
        assert msg == "WI-BETAALRUN-202603"

    def test_geen_bsn_in_het_bestand(self, run):
        tekst = run.bestand.read().decode()
        bsns = [w.bsn for w in Werkzoekende.objects.all()]
        assert len(bsns) == 6 and all(len(b) == 9 for b in bsns)
        for bsn in bsns:
            assert bsn not in tekst
        # no 9-digit number anywhere outside the IBANs
        zonder_iban = re.sub(r"<IBAN>[^<]*</IBAN>", "", tekst)
        assert not re.search(r"(?<!\d)\d{9}(?!\d)", zonder_iban)

    def test_sepa_tekens(self, run):
        doc = etree.fromstring(run.bestand.read())
        for naam in doc.xpath("//p:Cdtr/p:Nm/text()", namespaces=NS):
            assert re.fullmatch(r"[A-Za-z0-9/\-?:().,'+ ]{1,70}", naam)
        assert "Cigdem Zoe Ozturk-D'Angelo" in doc.xpath("//p:Cdtr/p:Nm/text()", namespaces=NS)


def test_bedrag_in_centen_en_leeg_bestand():
    assert sepa.in_centen(D("903.92")) == 90392
    with pytest.raises(sepa.SepaFout):
        sepa.in_centen(Decimal("1.005"))
    with pytest.raises(sepa.SepaFout):
        sepa.maak_pain001(
            bericht_id="X",
            aangemaakt_op=datetime(2026, 3, 1),
            uitvoeringsdatum=date(2026, 3, 25),
            debiteur_naam="Gemeente Rotterdam",
            debiteur_iban="NL71BNGH0285170055",
            debiteur_bic=None,
            betalingen=[],
        )


def test_ongeldig_iban_haalt_de_validatie_niet():
    with pytest.raises(sepa.SepaFout):
        sepa.maak_pain001(
            bericht_id="X",
            aangemaakt_op=datetime(2026, 3, 1),
            uitvoeringsdatum=date(2026, 3, 25),
            debiteur_naam="Gemeente Rotterdam",
            debiteur_iban="NL71BNGH0285170055",
            debiteur_bic=None,
            betalingen=[sepa.SepaBetaling("E", "Naam", "geen iban", D("1.00"), "x")],
        )
