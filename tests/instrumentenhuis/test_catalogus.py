"""The catalogue as data: the seed set covers every category, survives a flush without
overwriting a beheerder's edits, and imports and exports as CSV and Excel (django-import-export)
with a Dutch message per wrong cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
import tablib
from django.core.management import call_command

from instrumentenhuis.admin import InstrumentAdmin
from instrumentenhuis.models import (
    Aanbieder,
    Categorie,
    Instrument,
    InstrumentLeefgebied,
    Minimumloon,
    WerkgeversinstrumentSoort,
)
from instrumentenhuis.referentie import INSTRUMENTEN
from instrumentenhuis.resources import InstrumentResource


@pytest.mark.django_db
def test_zaaiset_dekt_elke_categorie_en_werkgeversinstrument():
    assert set(Instrument.objects.values_list("categorie", flat=True)) == set(Categorie.values)
    assert set(
        Instrument.objects.exclude(werkgeversinstrument="").values_list(
            "werkgeversinstrument", flat=True
        )
    ) == set(WerkgeversinstrumentSoort.values)
    assert Instrument.objects.count() == len(INSTRUMENTEN)
    # Leefgebieden and occupations are linked through the shared categorisation.
    vca = Instrument.objects.get(code="vca-basis")
    assert sorted(vca.beroepen.values_list("isco_code", flat=True)) == ["9313", "9321"]
    schuld = Instrument.objects.get(code="schuldhulpverlening")
    assert [
        (b.leefgebied.code, b.niveau_van, b.niveau_tot) for b in schuld.leefgebied_bereiken.all()
    ] == [("financien", 1, 3)]
    assert Instrument.objects.get(code="participatieplaats").minimum_leeftijd == 27
    assert Minimumloon.objects.filter(lks_maximum_pct=Decimal("70.00")).count() == 3


@pytest.mark.django_db(transaction=True)
def test_flush_zet_de_zaaiset_terug():
    call_command("flush", interactive=False, verbosity=0)
    assert Instrument.objects.count() == len(INSTRUMENTEN)
    assert InstrumentLeefgebied.objects.exists()
    assert Minimumloon.objects.exists()


@pytest.mark.django_db
def test_bewerkte_catalogus_blijft_staan():
    from instrumentenhuis.apps import _catalogus_na_flush

    vca = Instrument.objects.get(code="vca-basis")
    vca.kosten_per_deelnemer = Decimal("399.00")
    vca.save()
    Instrument.objects.filter(code="bhv").update(actief=False)
    _catalogus_na_flush(sender=None, using="default")
    vca.refresh_from_db()
    assert vca.kosten_per_deelnemer == Decimal("399.00")
    assert Instrument.objects.count() == len(INSTRUMENTEN)


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_export_en_import_terug(formaat):
    data = InstrumentResource().export()
    rij = data.dict[[r["code"] for r in data.dict].index("schuldhulpverlening")]
    assert rij["leefgebieden"] == "financien:1-3"
    assert rij["aanbieder"] == "Schuldhulp Rotterdam"
    vca = data.dict[[r["code"] for r in data.dict].index("vca-basis")]
    assert (vca["certificaten"], sorted(vca["beroepen"].split(","))) == ("vca", ["9313", "9321"])

    bestand = data.export(formaat)
    terug = tablib.Dataset().load(bestand, format=formaat)
    # Change two cells and add a new instrument with a new provider.
    codes = terug["code"]
    i = codes.index("schuldhulpverlening")
    kolommen = terug.headers
    regel = list(terug[i])
    regel[kolommen.index("leefgebieden")] = "financien:1-2; huisvesting:1-3"
    regel[kolommen.index("kosten_per_deelnemer")] = "25.00"
    terug[i] = regel
    nieuw = dict.fromkeys(kolommen, "")
    nieuw.update(
        {
            "code": "fietsles",
            "naam": "Fietsles",
            "categorie": "randvoorwaarden",
            "aanbieder": "Fietsschool Zuid",
            "trede_van": "1",
            "trede_tot": "4",
            "leefgebieden": "instrumentele_adl:1-3",
            "uren_per_week": "2",
            "kosten_per_deelnemer": "80",
            "actief": "1",
        }
    )
    terug.append([nieuw[k] for k in kolommen])

    uitslag = InstrumentResource().import_data(terug, dry_run=False, raise_errors=False)

    assert not uitslag.has_errors(), [f.error for r in uitslag.error_rows for f in r.errors]
    assert not uitslag.has_validation_errors(), [r.error_dict for r in uitslag.invalid_rows]
    schuld = Instrument.objects.get(code="schuldhulpverlening")
    assert schuld.kosten_per_deelnemer == Decimal("25.00")
    assert [
        (b.leefgebied.code, b.niveau_van, b.niveau_tot) for b in schuld.leefgebied_bereiken.all()
    ] == [
        ("financien", 1, 2),
        ("huisvesting", 1, 3),
    ]
    fiets = Instrument.objects.get(code="fietsles")
    assert fiets.aanbieder == Aanbieder.objects.get(naam="Fietsschool Zuid")
    assert Instrument.objects.count() == len(INSTRUMENTEN) + 1


@pytest.mark.django_db
def test_import_met_fouten_meldt_per_rij_en_wijzigt_niets():
    kolommen = ["code", "naam", "categorie", "aanbieder", "trede_van", "trede_tot",
                "leefgebieden", "certificaten", "kosten_per_deelnemer"]  # fmt: skip
    data = tablib.Dataset(headers=kolommen)
    data.append(["a", "Fout 1", "scholing", "X", "4", "2", "", "", "10"])
    data.append(["b", "Fout 2", "scholing", "X", "1", "6", "financien:4-2", "", "10"])
    data.append(["c", "Fout 3", "scholing", "X", "1", "6", "", "rijbewijs", "10"])
    data.append(["d", "Fout 4", "toveren", "X", "1", "6", "", "", "10"])

    uitslag = InstrumentResource().import_data(data, dry_run=True, raise_errors=False)

    meldingen = " ".join(
        str(m)
        for r in uitslag.invalid_rows
        for veld in r.error_dict.values()
        for m in (veld if isinstance(veld, list) else [veld])
    ) + " ".join(str(f.error) for r in uitslag.error_rows for f in r.errors)
    assert "De treden liggen tussen 1 en 6" in meldingen
    assert "het niveau 'van' is hoger dan 'tot'" in meldingen
    assert "Onbekend certificaat: rijbewijs" in meldingen
    assert "toveren" in meldingen
    assert not Instrument.objects.filter(code__in=["a", "b", "c", "d"]).exists()


def test_beheer_heeft_csv_en_excel():
    namen = {f().get_title() for f in InstrumentAdmin.formats}
    assert namen == {"csv", "xlsx"}


@pytest.fixture
def beheerder_client(client):
    """A functioneel beheerder in the admin: the catalogue rights come from the role's group
    (accounts 0002 + instrumentenhuis 0003), nothing is granted to the user directly."""
    from bijstand.accounts.models import Rol
    from bijstand.accounts.services import pas_rol_rechten_toe
    from tests.factories import UserFactory

    beheerder = UserFactory(rol=Rol.BEHEERDER, team=None)
    pas_rol_rechten_toe(beheerder)
    assert not beheerder.user_permissions.exists()
    client.force_login(beheerder)
    return client


@pytest.mark.django_db
def test_beheer_groep_onderhoudt_de_catalogus_maar_niet_de_inzetten(beheerder_client):
    for pad in ("instrument", "aanbieder", "instrumentjaar", "minimumloon"):
        assert beheerder_client.get(f"/beheer/instrumentenhuis/{pad}/add/").status_code == 200
    # case content is not in the admin at all
    assert beheerder_client.get("/beheer/instrumentenhuis/inzet/").status_code == 404


@pytest.mark.django_db
def test_beheer_exporteert_en_importeert_via_de_admin(beheerder_client):
    lijst = beheerder_client.get("/beheer/instrumentenhuis/instrument/")
    assert lijst.status_code == 200
    assert b"/beheer/instrumentenhuis/instrument/import/" in lijst.content

    velden = {f"instrumentresource_{f}": "on" for f in InstrumentResource().get_export_order()}
    export = beheerder_client.post(
        "/beheer/instrumentenhuis/instrument/export/", {"format": "0", "resource": "0", **velden}
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    tekst = export.content.decode()
    assert tekst.splitlines()[0].startswith("code,naam,categorie,werkgeversinstrument,aanbieder")
    assert "Schuldhulpverlening" in tekst

    gewijzigd = tekst.replace("Budgetbeheer,", "Budgetbeheer Plus,", 1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    stap1 = beheerder_client.post(
        "/beheer/instrumentenhuis/instrument/import/",
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("catalogus.csv", gewijzigd.encode(), "text/csv"),
        },
    )
    assert stap1.status_code == 200
    bevestig = stap1.context["confirm_form"]
    stap2 = beheerder_client.post(
        "/beheer/instrumentenhuis/instrument/process_import/", bevestig.initial
    )
    assert stap2.status_code == 302
    assert Instrument.objects.get(code="budgetbeheer").naam == "Budgetbeheer Plus"
    assert Instrument.objects.count() == len(INSTRUMENTEN)
