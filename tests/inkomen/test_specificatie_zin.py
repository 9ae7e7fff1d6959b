"""Issue 13 §4: the specification's amounts (uitkering, op uw rekening, te veel gekregen) get
plain sentences that connect them, from the same numbers as its tables.

Every case is made with the real services (payment, recalculation, voorschot); each page is
read back: the sentence's sum (added minus withheld) is the amount on the bank account, its
amounts are the ones in the tables, and the PDF says the same.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from inkomen import betaalrun, services, voorschot
from inkomen.voorschotbestand import maak_voorschotbatch

from .conftest import D
from .test_portaal_inkomen import als_burger, tekst

pytestmark = pytest.mark.django_db

FEBRUARI = date(2026, 2, 1)
MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 1)
MEI = date(2026, 5, 1)
VIJFENTWINTIG = date(2000, 6, 1)  # 25 in 2026: no vrijlating (art. 31 lid 5)
SPECIFICATIE = reverse("portaal:specificatie")
PDF_URL = reverse("portaal:specificatie_pdf")
BEDRAG = r"€\s?([\d.]+,\d{2})"


def waarde(tekst: str) -> Decimal:
    return Decimal(tekst.replace(".", "").replace(",", "."))


def betaal(dossier, maand: date) -> Decimal:
    return services.boek_maandbetaling(dossier_id=dossier.pk, maand=maand).bedrag


def pagina(dossier, maand: date) -> str:
    response = als_burger(dossier).get(f"{SPECIFICATIE}?maand={maand:%Y-%m}")
    assert response.status_code == 200
    return response.content.decode()


def zin(html: str) -> str:
    treffer = re.search(
        r'<p class="utrecht-paragraph" id="spec-samenvatting">(.*?)</p>', html, re.S
    )
    assert treffer, "no summary sentence"
    return re.sub(r"\s+", " ", treffer[1]).strip()


def tabelbedrag(html: str, cel_id: str) -> Decimal:
    treffer = re.search(rf'id="{cel_id}">(?:<strong>)?{BEDRAG}', html)
    assert treffer, cel_id
    return waarde(treffer[1])


def betaalregels(html: str) -> list[tuple[str, Decimal]]:
    """The rows of the table "Wat we betalen" (label, amount), without the total."""
    tabel = re.search(r'id="kop-betaling".*?<table.*?</table>', html, re.S)[0]
    rijen = re.findall(r"<th[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>", tabel, re.S)
    uit = []
    for label, bedrag in rijen:
        label = re.sub(r"<[^>]+>", "", label).strip()
        if label == "Op uw bankrekening":
            continue
        getal = re.search(r"€\s?(-?[\d.]+,\d{2})", re.sub(r"<[^>]+>", "", bedrag))
        uit.append((label, waarde(getal[1])))
    return uit


def controleer(html: str) -> str:
    """The sentence agrees with the tables: its sum is the bank amount, its first amount the
    uitkering of the month, every amount added or withheld a row of "Wat we betalen"."""
    s = zin(html)
    op_rekening = tabelbedrag(html, "spec-betaald")
    assert re.search(rf"Op uw rekening komt (?:deze keer niets: )?{BEDRAG}\.$", s)
    assert waarde(re.findall(BEDRAG, s)[-1]) == op_rekening
    regels = betaalregels(html)
    assert sum(b for _, b in regels) == op_rekening
    erbij = [b for _, b in regels if b > 0]
    eraf: dict[str, Decimal] = {}  # withheld, per kind of row (the sentence adds them up)
    for label, b in regels:
        if b < 0:
            eraf[label] = eraf.get(label, Decimal(0)) - b
    bedragen = [waarde(b) for b in re.findall(BEDRAG, s)]
    for b in erbij + list(eraf.values()):
        assert b in bedragen, (b, s)
    if len(erbij) > 1:
        assert f"Samen is dat € {sum(erbij):,.2f}".replace(",", "_").replace(".", ",").replace(
            "_", "."
        ) in s.replace("\u00a0", " ")
    return s.replace("\u00a0", " ")


def test_geen_schuld(maak_dossier):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    assert betaal(dossier, MAART) == D("1331.42")
    html = pagina(dossier, MAART)
    s = controleer(html)
    assert s == "Uw uitkering over maart 2026 is € 1.331,42. Op uw rekening komt € 1.331,42."
    assert tabelbedrag(html, "spec-uitkering") == D("1331.42")


def test_inhouding_voor_wat_u_eerder_te_veel_kreeg(maak_dossier, opgave):
    """Example 11: 150,00 too much over March (142,50 cash, 6 instalments of 23,75)."""
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    schatting = opgave(dossier, MAART, "300.00", status="geschat")
    betaal(dossier, MAART)
    opgave(dossier, MAART, "450.00", vervangt=schatting)
    assert betaal(dossier, APRIL) == D("1307.67")

    s = controleer(pagina(dossier, APRIL))
    assert s == (
        "Uw uitkering over april 2026 is € 1.331,42. Daarvan houden wij € 23,75 in voor wat u "
        "eerder te veel kreeg. Op uw rekening komt € 1.307,67."
    )
    # March itself: paid on the estimate, recalculated since; never a contradiction with the
    # tables (1.046,42 paid, 903,92 now, 150,00 too much below)
    html = pagina(dossier, MAART)
    s = controleer(html)
    assert s == (
        "Wij hebben uw uitkering over maart 2026 betaald: € 1.046,42. Later hebben we uw "
        "uitkering opnieuw uitgerekend. Nu is die € 903,92. Wat dat voor u betekent, leest u "
        "hieronder bij \u2018Veranderingen over maart 2026\u2019. Op uw rekening komt € 1.046,42."
    )
    assert tabelbedrag(html, "spec-uitkering") == D("903.92")
    assert "U heeft over maart 2026 <strong>€ 150,00</strong> te veel gekregen." in html


def test_nabetaling_erbij_en_verrekend(maak_dossier, opgave):
    """February paid on 300 estimated, actually 200: nabetaling 100,00 (95,00 cash), paid in
    April; and with open schuld from March the nabetaling is withheld at once."""
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    schatting_feb = opgave(dossier, FEBRUARI, "300.00", status="geschat")
    betaal(dossier, FEBRUARI)
    betaal(dossier, MAART)
    opgave(dossier, FEBRUARI, "200.00", vervangt=schatting_feb)
    assert betaal(dossier, APRIL) == D("1331.42") + D("95.00")

    s = controleer(pagina(dossier, APRIL))
    assert s == (
        "Uw uitkering over april 2026 is € 1.331,42. U krijgt ook € 95,00 extra over februari "
        "2026. Dat is een nabetaling. Samen is dat € 1.426,42. Op uw rekening komt € 1.426,42."
    )


def test_nabetaling_met_open_schuld(maak_dossier, opgave):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=FEBRUARI)
    schatting_feb = opgave(dossier, FEBRUARI, "300.00", status="geschat")
    schatting_mrt = opgave(dossier, MAART, "300.00", status="geschat")
    betaal(dossier, FEBRUARI)
    betaal(dossier, MAART)
    opgave(dossier, MAART, "450.00", vervangt=schatting_mrt)  # schuld 142,50 cash
    opgave(dossier, FEBRUARI, "200.00", vervangt=schatting_feb)  # nabetaling, withheld (95,00)
    betaal(dossier, APRIL)

    s = controleer(pagina(dossier, APRIL))
    assert s.startswith(
        "Uw uitkering over april 2026 is € 1.331,42. U krijgt ook € 95,00 extra over februari "
        "2026. Dat is een nabetaling. Samen is dat € 1.426,42. Daarvan houden wij € "
    )
    # 95,00 at once against the nabetaling plus this month's instalment of the rest (47,50)
    ingehouden = waarde(re.search(rf"Daarvan houden wij {BEDRAG} in", s)[1])
    assert ingehouden > D("95.00")
    assert s.endswith(f"Op uw rekening komt € {_nl(D('1426.42') - ingehouden)}.")


def _nl(bedrag: Decimal) -> str:
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


@pytest.fixture
def met_voorschot(maak_dossier, vandaag):
    """A voorschot of 1.261,35 paid on 17 March; the uitkering granted from ``ingangsdatum``."""

    def _maak(ingangsdatum: date = MAART):
        vandaag(date(2026, 3, 17))
        dossier = maak_dossier(geboortedatum=date(1990, 4, 1), ingangsdatum=ingangsdatum)
        voorschot.betaal_voorschot(dossier=dossier, bedrag=D("1261.35"), door=None)
        maak_voorschotbatch(door=None)
        vandaag(date(2026, 3, 24))
        return dossier

    return _maak


def test_voorschot_verrekend(met_voorschot):
    dossier = met_voorschot()
    assert betaal(dossier, MAART) == D("70.07")
    s = controleer(pagina(dossier, MAART))
    assert s == (
        "Uw uitkering over maart 2026 is € 1.331,42. Daarvan halen we € 1.261,35 af voor het "
        "voorschot dat u al kreeg. Op uw rekening komt € 70,07."
    )


def test_nihil_door_het_voorschot(met_voorschot):
    dossier = met_voorschot(date(2026, 3, 17))  # part month: less than the voorschot
    assert betaal(dossier, MAART) == 0
    s = controleer(pagina(dossier, MAART))
    [uitkering] = re.findall(rf"is {BEDRAG}\.", s)
    assert s == (
        f"Uw uitkering over maart 2026 is € {uitkering}. Daarvan halen we € {uitkering} af voor "
        "het voorschot dat u al kreeg. Op uw rekening komt deze keer niets: € 0,00."
    )


def test_nihil_door_inkomsten(maak_dossier, opgave):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    opgave(dossier, MAART, "2000.00")
    assert betaal(dossier, MAART) == 0
    html = pagina(dossier, MAART)
    s = controleer(html)
    assert s == (
        "Uw uitkering over maart 2026 is € 0,00. Op uw rekening komt deze keer niets: € 0,00."
    )
    assert tabelbedrag(html, "spec-uitkering") == 0


def test_vakantiegeld_in_mei(maak_dossier, vandaag):
    vandaag(date(2026, 5, 20))
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    for maand in (MAART, APRIL, MEI):
        betaal(dossier, maand)
    s = controleer(pagina(dossier, MEI))
    assert s == (
        "Uw uitkering over mei 2026 is € 1.331,42. U krijgt ook uw gespaarde vakantiegeld: "
        "€ 210,24. Samen is dat € 1.541,66. Op uw rekening komt € 1.541,66."
    )


def test_niet_betaald_geen_zin(maak_dossier, opgave):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    opgave(dossier, MAART, "300.00")
    html = pagina(dossier, MAART)
    assert 'id="spec-samenvatting"' not in html
    assert "Deze maand is nog niet betaald." in tekst_van(html)


def tekst_van(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_pdf_zegt_hetzelfde(maak_dossier, opgave, tmp_path):
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=MAART)
    schatting = opgave(dossier, MAART, "300.00", status="geschat")
    betaal(dossier, MAART)
    opgave(dossier, MAART, "450.00", vervangt=schatting)
    betaal(dossier, APRIL)
    response = als_burger(dossier).get(f"{PDF_URL}?maand=2026-04")
    assert response.status_code == 200
    pad = tmp_path / "spec.pdf"
    pad.write_bytes(response.content)
    programma = shutil.which("pdftotext")
    assert programma, "pdftotext (poppler-utils) is needed to read the PDF"
    uit = subprocess.run([programma, str(pad), "-"], capture_output=True, check=True)  # noqa: S603
    inhoud = re.sub(r"\s+", " ", uit.stdout.decode())
    assert "In het kort" in inhoud
    assert (
        "Daarvan houden wij € 23,75 in voor wat u eerder te veel kreeg. Op uw rekening komt "
        "€ 1.307,67." in inhoud
    )
    assert tekst(als_burger(dossier).get(f"{SPECIFICATIE}?maand=2026-04"))


def test_eerdere_maand_betaald_met_deze_maand(maak_dossier):
    """Granted after February's run: the March payment carries February too (rule 8)."""
    betaalrun.voer_uit(maand=FEBRUARI)
    dossier = maak_dossier(geboortedatum=VIJFENTWINTIG, ingangsdatum=date(2026, 2, 16))
    betaald = betaal(dossier, MAART)
    s = controleer(pagina(dossier, MAART))
    [februari] = re.findall(rf"uitkering over februari 2026: {BEDRAG}\.", s)
    assert s == (
        f"Uw uitkering over maart 2026 is € 1.331,42. U krijgt nu ook uw uitkering over februari "
        f"2026: € {februari}. Samen is dat € {_nl(betaald)}. Op uw rekening komt € {_nl(betaald)}."
    )
    assert waarde(februari) + D("1331.42") == betaald
