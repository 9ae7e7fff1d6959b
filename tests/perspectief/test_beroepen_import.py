"""``manage.py importeer_beroepen FILE --formaat cbs|esco``: the documented columns, updates
without duplicates, beheer choices left alone, invalid rows reported."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from perspectief.beroepen_import import importeer, importeer_tekst
from perspectief.models import Beroep

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
CBS = DATA / "cbs_brc2014_voorbeeld.csv"
ESCO = DATA / "esco_occupations_voorbeeld.csv"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("importeer_beroepen", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cbs_file_creates_isco_unit_groups_with_brc_group():
    voor = Beroep.objects.count()
    out, err = run(str(CBS), "--formaat", "cbs")
    assert "cbs: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 overgeslagen" in out
    assert "regel 7: ISCO-code '12AB' is geen code van 4 cijfers" in err
    assert Beroep.objects.count() == voor + 5
    chauffeurs = Beroep.objects.get(externe_id="isco:8332")
    assert (chauffeurs.naam, chauffeurs.brc_groep, chauffeurs.bron) == (
        "Vrachtwagenchauffeurs",
        "Chauffeurs",
        "cbs",
    )
    assert chauffeurs.omschrijving == "Transport en logistiek / Chauffeurs"
    assert not chauffeurs.in_uitstroomperspectief  # a beheerder checks the requirements first
    assert Beroep.objects.get(externe_id="isco:0110").isco_code == "0110"  # leading zero kept
    assert chauffeurs.history.count() == 1


def test_second_import_updates_without_duplicates_and_keeps_beheer_choices():
    run(str(CBS), "--formaat", "cbs")
    koks = Beroep.objects.get(externe_id="isco:5120")
    koks.certificaten = ["haccp"]
    koks.kansrijk = True
    koks.in_uitstroomperspectief = True
    koks.save()
    aantal = Beroep.objects.count()
    out, _ = run(str(CBS), "--formaat", "cbs")
    assert "0 nieuw, 0 bijgewerkt, 5 ongewijzigd" in out
    gewijzigd = CBS.read_text().replace(";Koks\n", ";Koks en kokkinnen\n")
    resultaat = importeer_tekst(gewijzigd, formaat="cbs")
    assert (resultaat.nieuw, resultaat.bijgewerkt) == (0, 1)
    koks.refresh_from_db()
    assert Beroep.objects.count() == aantal
    assert koks.brc_groep == "Koks en kokkinnen"
    assert (koks.certificaten, koks.kansrijk, koks.in_uitstroomperspectief) == (
        ["haccp"],
        True,
        True,
    )


def test_esco_file_skips_non_occupations_and_takes_brc_group_from_cbs():
    run(str(CBS), "--formaat", "cbs")
    out, err = run(str(ESCO), "--formaat", "esco")
    assert "esco: 3 nieuw" in out and "3 overgeslagen" in out
    assert "conceptUri" not in err and "ISCO-code '' is geen code van 4 cijfers" in err
    schoonmaker = Beroep.objects.get(externe_id="http://data.europa.eu/esco/occupation/aaa")
    assert (schoonmaker.naam, schoonmaker.isco_code, schoonmaker.bron) == (
        "schoonmaker kantoren",
        "9112",
        "esco",
    )
    assert schoonmaker.brc_groep == "Schoonmakers"
    assert schoonmaker.omschrijving == "Maakt kantoren schoon."
    # "Kok" is the name of a curated occupation: the ESCO one gets its ISCO code appended.
    assert Beroep.objects.get(externe_id__endswith="/ccc").naam == "Kok (ISCO 5120)"
    assert Beroep.objects.get(naam="Kok").bron == "curated"
    assert not Beroep.objects.filter(naam="afwasser").exists()


def test_dry_run_stores_nothing():
    voor = Beroep.objects.count()
    out, _ = run(str(CBS), "--formaat", "cbs", "--dry-run")
    assert out.startswith("Controle (niets opgeslagen) - cbs: 5 nieuw")
    assert Beroep.objects.count() == voor


def test_missing_columns_and_unreadable_file_stop_the_command(tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text("code,naam\n1234,Iets\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Kolommen ontbreken voor formaat cbs: isco08, "):
        run(str(pad), "--formaat", "cbs")
    pad.write_bytes("isco08;omschrijving;brc_beroepsgroep\n1234;caf\xe9;x\n".encode("latin-1"))
    with pytest.raises(CommandError, match="niet lezen als UTF-8"):
        run(str(pad), "--formaat", "cbs")
    with pytest.raises(CommandError):
        run(str(pad), "--formaat", "isco")


def test_semicolon_or_comma_and_case_insensitive_headers(tmp_path):
    pad = tmp_path / "komma.csv"
    pad.write_text(
        "\ufeffIsco-08,ISCO omschrijving,Beroepsgroep\n9329,Assemblagemedewerkers,Productie\n",
        encoding="utf-8",
    )
    resultaat = importeer(pad, formaat="cbs")
    assert resultaat.nieuw == 1
    assert Beroep.objects.get(externe_id="isco:9329").brc_groep == "Productie"
