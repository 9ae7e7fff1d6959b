"""The payment run's fast paths give the same values as the slow ones: COPY writes (text,
JSON, NULL, escapes), the id-list filter, the IBAN check and the fingerprint."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from decimal import Decimal

import pytest
from stdnum import iban as stdnum_iban

from bijstand.dossiers.demo import willekeurig_iban
from inkomen import betaling, bulk, services
from inkomen.models import Berekening, Boeking
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

LASTIG = "tab\there, nieuwe\nregel, cr\r, backslash \\ en \\N, quote \" en ' en é"


def test_voeg_in_schrijft_exact_terug_te_lezen_waarden():
    dossier = DossierFactory()
    rijen = [
        {
            "dossier_id": dossier.pk,
            "maand": date(2026, 3, 1),
            "soort": "nabetaling",
            "bedrag": Decimal("12.34"),
            "omschrijving": LASTIG,
        },
        {
            "dossier_id": dossier.pk,
            "maand": date(2026, 4, 1),
            "soort": "vordering",
            "bedrag": Decimal("-0.01"),
            "reden_code": "art_58_lid_1",
            "betaalmaand": date(2026, 5, 1),
        },
    ]
    assert bulk.voeg_in(Boeking, rijen) == []
    a, b = Boeking.objects.filter(dossier=dossier).order_by("maand")
    assert (a.omschrijving, a.bedrag, a.vakantietoeslag, a.betaalmaand) == (
        LASTIG,
        Decimal("12.34"),
        Decimal("0.00"),  # the field default
        None,
    )
    assert (b.reden_code, b.bedrag, b.betaalmaand) == (
        "art_58_lid_1",
        Decimal("-0.01"),
        date(2026, 5, 1),
    )
    assert a.created_at is not None


def test_voeg_in_met_ids_en_json(maak_dossier):
    dossier = maak_dossier()
    som_json = {"regels": [{"omschrijving": LASTIG, "bedrag": "1.00"}], "x": None}
    velden = {
        "dossier_id": dossier.pk,
        "maand": date(2026, 3, 1),
        "versie": 1,
        "invoer": {"tekst": LASTIG},
        "resultaat": bulk.JsonTekst(json.dumps(som_json, sort_keys=True)),
        "vrijlatingen": [],
        "regelset_geldig_vanaf": date(2026, 1, 1),
        "beleid_geldig_vanaf": date(2025, 1, 1),
        "regels_versie": "v",
        "vingerafdruk": "f",
        "norm": Decimal("1401.50"),
        "inkomsten": Decimal("0.00"),
        "vrijlating": Decimal("0.00"),
        "bijstand": Decimal("1401.50"),
        "vakantietoeslag": Decimal("70.08"),
        "uitbetaling": Decimal("1331.42"),
    }
    ids = bulk.voeg_in(Berekening, [velden])
    assert ids == []
    [pk] = bulk.voeg_in(Berekening, [{**velden, "maand": date(2026, 4, 1)}], ids=True)
    b = Berekening.objects.get(pk=pk)
    assert b.maand == date(2026, 4, 1) and b.actueel is True  # default
    assert b.resultaat == som_json and b.invoer == {"tekst": LASTIG}
    assert b.correctie is None


def test_in_lijst_filter():
    dossiers = [DossierFactory() for _ in range(3)]
    ids = [d.pk for d in dossiers[:2]]
    from bijstand.dossiers.models import Dossier

    assert (
        sorted(Dossier.objects.filter(bulk.InLijst("id", ids)).values_list("pk", flat=True)) == ids
    )
    assert not Dossier.objects.filter(bulk.InLijst("id", [])).exists()


def test_iban_snelle_controle_gelijk_aan_stdnum():
    rng = random.Random(4)
    kandidaten = [willekeurig_iban(rng, bank) for bank in ("ABNA", "INGB", "RABO", "SNSB") * 25]
    kandidaten += ["NL91ABNA0417164300", "DE89370400440532013000", "GB82WEST12345698765432"]
    kandidaten += ["BE68539007547034", "BE71096123456769", "FR1420041010050500013M02606"]
    varianten = []
    for k in kandidaten:
        varianten += [
            k,
            k[:-1] + str((int(k[-1]) + 1) % 10) if k[-1].isdigit() else k[:-1] + "A",
            k[:4] + k[5:],  # too short
            k + "0",  # too long
            k.lower(),
            " ".join(k[i : i + 4] for i in range(0, len(k), 4)),
            "XX" + k[2:],
        ]
    varianten += ["", "NL", "NL91", "NL91ABNA04171643OO"]
    for waarde in varianten:
        compact = stdnum_iban.compact(waarde)
        verwacht = compact if compact and stdnum_iban.is_valid(compact) else ""
        assert betaling._iban(waarde) == verwacht, waarde


def test_vingerafdruk_gelijk_aan_de_oude_formule():
    resultaat = {"norm": "1401.50", "regels": [{"artikel": "a", "bedrag": None}], "b": 1}
    vrijlatingen = [{"soort": "n", "bedrag": "150.00", "maandnummer": 2}]
    opgaven = [12, 3]
    oud = hashlib.sha256(
        json.dumps(
            {"resultaat": resultaat, "vrijlatingen": vrijlatingen, "opgaven": opgaven},
            sort_keys=True,
        ).encode()
    ).hexdigest()
    assert (
        services.vingerafdruk(
            json.dumps(resultaat, sort_keys=True), json.dumps(vrijlatingen, sort_keys=True), opgaven
        )
        == oud
    )
