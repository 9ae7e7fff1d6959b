"""The beschikking: toelichting, the PDF letter, sending (post / elektronisch), the bezwaar date,
idempotence and the staff download. Every aanvraag is decided through the real services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanvraag import behandeling, beschikking
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, Verzendwijze
from bijstand.accounts.models import Rol
from bijstand.dossiers.models import JournaalRegel, JournaalSoort, Richting, Zichtbaarheid
from bijstand.logboek.models import Verwerking
from inkomen import rekenregels
from inkomen import selectors as inkomen_selectors
from inkomen.rekenregels.opmaak import bedrag_nl
from tests.aanvraag.beschikking_fabriek import (
    aanvraag_in_behandeling,
    beslis,
    maak_mensen,
    pdf_tekst,
    zet_klok,
)
from tests.factories import UserFactory, geldig_bsn

pytestmark = pytest.mark.django_db

MELDDATUM = date(2026, 3, 2)
BESLISDAG = date(2026, 3, 27)  # a Friday; + 6 weeks = Friday 8 May 2026
INGANG = date(2026, 3, 17)


@pytest.fixture(autouse=True)
def _omgeving(settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def mensen(db):
    return maak_mensen()


def _toekenning(monkeypatch, mensen, *, elektronisch=False, bsn=None, **kwargs):
    aanvraag = aanvraag_in_behandeling(
        monkeypatch, mensen, melddatum=MELDDATUM, elektronisch=elektronisch, bsn=bsn, **kwargs
    )
    return beslis(monkeypatch, aanvraag, mensen, op=BESLISDAG, ingangsdatum=INGANG)


def _kern(geboortedatum: date, maand: date, *, recht_vanaf=None, **huishouden):
    """What the inkomen calculation core computes for a month without income."""
    invoer = rekenregels.Invoer(
        maand=rekenregels.Maand(maand.year, maand.month),
        aanvrager=rekenregels.Persoon(geboortedatum=geboortedatum),
        recht_vanaf=recht_vanaf,
        **huishouden,
    )
    return rekenregels.bereken(
        invoer,
        inkomen_selectors.regelset_voor_maand(maand),
        inkomen_selectors.beleid_voor_maand(maand),
    )


# --------------------------------------------------------------------------------------------
# toekenning: toelichting and letter


def test_toekenning_toelichting_en_brief(monkeypatch, mensen, tmp_path):
    bsn = geldig_bsn()
    besluit = _toekenning(monkeypatch, mensen, bsn=bsn)

    assert besluit.verzonden_op == BESLISDAG
    assert besluit.bezwaar_tot == date(2026, 5, 8)
    assert besluit.verzendwijze == Verzendwijze.POST
    assert len(besluit.pdf_sha256) == 64

    t = besluit.toelichting
    assert t["leefvorm"]["code"] == "alleenstaand"
    assert t["norm"]["artikel"] == "art. 21 onder a Participatiewet"
    assert t["norm"]["bedrag"] == "1401.50"
    assert t["norm"]["kostendelers"] == 1 and not t["norm"]["kostendelersnorm"]
    assert t["vakantietoeslag"]["percentage"] == "5"
    assert t["vakantietoeslag"]["artikel"] == "art. 19 lid 3 Participatiewet"
    assert t["invoer"]["aanvrager"]["geboortedatum"] == "1990-04-01"
    # the first month prorated per P8 (kalenderdagen): levensloop.md §3, first example
    maart = t["maanden"][0]
    assert maart["maand"] == "2026-03"
    assert maart["deelmaand"]["dagen"] == 15 and maart["deelmaand"]["dagen_in_maand"] == 31
    assert (maart["norm"], maart["vakantietoeslag"], maart["uitbetaling"]) == (
        "678.15",
        "33.91",
        "644.24",
    )
    # 25 March had passed on the day of sending: March goes with the first run, 25 April
    assert t["eerste_betaling"] == "2026-04-25"
    assert maart["betaaldatum"] == "2026-04-25" and maart["nabetaling"] is True
    april = t["maanden"][1]
    assert april["maand"] == "2026-04" and april["deelmaand"] is None
    assert april["betaaldatum"] == "2026-04-25" and april["nabetaling"] is False
    assert april["uitbetaling"] == t["per_maand"]["uitbetaling"]
    kern_deel = _kern(PERSOON_GEBOORTE, date(2026, 3, 1), recht_vanaf=INGANG)
    kern_heel = _kern(PERSOON_GEBOORTE, date(2026, 3, 1))
    assert maart["uitbetaling"] == f"{kern_deel.uitbetaling:.2f}"
    assert t["per_maand"]["uitbetaling"] == f"{kern_heel.uitbetaling:.2f}"

    data = besluit.pdf.open("rb").read()
    assert data.startswith(b"%PDF")
    tekst = pdf_tekst(data, tmp_path)
    for stuk in (
        "Gemeente Rotterdam",
        "Werk en Inkomen",
        "Besluit op uw aanvraag bijstand",
        "U krijgt bijstand vanaf 17 maart 2026.",
        "Anna Jansen",
        "Coolsingel 40",
        "3011 AD Rotterdam",
        "27 maart 2026",
        "art. 21 onder a Participatiewet",
        "art. 19 lid 3 Participatiewet",
        "artikel 45 lid 3 Participatiewet",
        "artikel 17 Participatiewet",
        f"€ {bedrag_nl(kern_heel.norm)}",
        f"€ {bedrag_nl(kern_heel.uitbetaling)}",
        f"€ {bedrag_nl(kern_deel.norm)}",
        f"€ {bedrag_nl(kern_deel.uitbetaling)}",
        "15 van de 31 dagen in maart 2026",
        "rond 25 april 2026",
        "betalen wij de bijstand na",
        "Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken na de verzenddatum "
        "bezwaar maken",
        "Uw bezwaar moet uiterlijk op 8 mei 2026 bij ons zijn.",
        "het college van burgemeester en wethouders van Rotterdam",
        "Postbus 70012, 3000 KP Rotterdam",
        "6:5 van de Algemene wet bestuursrecht",
        f"******{bsn[-3:]}",
    ):
        assert stuk in tekst, stuk
    assert bsn not in tekst
    assert bsn not in data.decode("latin-1")
    # the decision comes first: before the reasons and the amounts
    assert tekst.index("U krijgt bijstand vanaf") < tekst.index("Waarom krijgt u bijstand?")
    assert tekst.index("Waarom krijgt u bijstand?") < tekst.index("Hoeveel bijstand krijgt u?")


PERSOON_GEBOORTE = date(1990, 4, 1)


def test_jongere_krijgt_jongerennorm_en_meer_maanden(monkeypatch, mensen, tmp_path):
    geboren = date(2007, 1, 15)  # 19 in February 2026
    aanvraag = aanvraag_in_behandeling(
        monkeypatch,
        mensen,
        melddatum=date(2026, 2, 2),
        indienen_op=date(2026, 3, 3),  # after the zoektermijn of 4 weeks (art. 41 lid 4)
        persoon={"geboortedatum": geboren},
    )
    besluit = beslis(
        monkeypatch, aanvraag, mensen, op=date(2026, 3, 20), ingangsdatum=date(2026, 2, 2)
    )
    t = besluit.toelichting
    assert t["norm"]["artikel"].startswith("art. 20 lid 1")
    assert t["norm"]["jongerennorm"] is True
    assert [m["maand"] for m in t["maanden"]] == ["2026-02", "2026-03"]
    feb = _kern(geboren, date(2026, 2, 1), recht_vanaf=date(2026, 2, 2))
    mrt = _kern(geboren, date(2026, 3, 1))
    assert t["maanden"][0]["uitbetaling"] == f"{feb.uitbetaling:.2f}"
    assert t["maanden"][1]["uitbetaling"] == f"{mrt.uitbetaling:.2f}"
    assert t["maanden"][1]["deelmaand"] is None
    assert t["maanden"][0]["betaaldatum"] == "2026-03-25" and t["maanden"][0]["nabetaling"]
    assert t["maanden"][1]["betaaldatum"] == "2026-03-25"
    assert t["maanden"][1]["nabetaling"] is False
    tekst = pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)
    assert "jongerennorm" in tekst
    assert f"€ {bedrag_nl(mrt.uitbetaling)}" in tekst
    assert "rond 25 maart 2026" in tekst


@pytest.mark.parametrize("met_partner", [False, True])
def test_kostendeler_telt_mee(monkeypatch, mensen, tmp_path, met_partner):
    medebewoner = {
        "naam": "Piet Bakker",
        "geboortedatum": "1980-05-05",
        "familie": False,
        "student": False,
        "commerciele_huur": False,
    }
    partner = {"naam": "Sam Jansen", "geboortedatum": "1988-08-08"} if met_partner else None
    aanvraag = aanvraag_in_behandeling(
        monkeypatch,
        mensen,
        melddatum=MELDDATUM,
        huishouden={"partner": partner, "kinderen": [], "medebewoners": [medebewoner]},
    )
    besluit = beslis(monkeypatch, aanvraag, mensen, op=BESLISDAG, ingangsdatum=date(2026, 3, 2))
    t = besluit.toelichting
    kern = _kern(
        PERSOON_GEBOORTE,
        date(2026, 3, 1),
        partner=rekenregels.Persoon(geboortedatum=date(1988, 8, 8)) if met_partner else None,
        medebewoners=(rekenregels.Medebewoner(geboortedatum=date(1980, 5, 5)),),
    )
    assert t["norm"]["kostendelersnorm"] is True
    assert t["norm"]["kostendelers"] == (3 if met_partner else 2)
    assert t["norm"]["medebewoners_kostendeler"] == 1
    assert t["leefvorm"]["code"] == ("gehuwd" if met_partner else "alleenstaand")
    assert t["norm"]["artikel"] == (
        "art. 22a lid 2 Participatiewet" if met_partner else "art. 22a lid 1 Participatiewet"
    )
    assert t["per_maand"]["norm"] == f"{kern.norm:.2f}"
    assert len(t["invoer"]["medebewoners"]) == 1
    tekst = pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)
    assert "kostendelersnorm" in tekst
    assert "Er woont nog 1 persoon van 27 jaar of ouder bij u." in tekst
    assert f"€ {bedrag_nl(kern.norm)}" in tekst
    if met_partner:
        assert "norm voor gehuwden en samenwonenden" in tekst


def test_geen_deelmaand_na_bijstand_binnen_30_dagen(monkeypatch, mensen):
    """Art. 45 lid 3: a start within 30 days after earlier bijstand is a whole month."""
    bsn = geldig_bsn()
    eerste = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=date(2026, 1, 5), bsn=bsn)
    beslis(monkeypatch, eerste, mensen, op=date(2026, 1, 20), ingangsdatum=date(2026, 1, 5))
    # the bijstand ends on 20 February (the uitkering and dossier end together)
    from bijstand.dossiers import services as dossier_services
    from bijstand.dossiers.models import Beeindigingsreden, DossierStatus

    zet_klok(monkeypatch, date(2026, 2, 20))
    dossier_services.wijzig_status(
        dossier=eerste.dossier,
        naar=DossierStatus.BEEINDIGD,
        reden=Beeindigingsreden.WERK,
        einddatum=date(2026, 2, 20),
        door=mensen.consulent,
    )
    tweede = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=date(2026, 3, 10), bsn=bsn)
    besluit = beslis(monkeypatch, tweede, mensen, op=BESLISDAG, ingangsdatum=date(2026, 3, 10))
    t = besluit.toelichting
    assert t["maanden"][0]["deelmaand"] is None
    assert t["geen_deelmaand_reden"] == "bijstand_binnen_30_dagen"
    assert t["maanden"][0]["uitbetaling"] == t["per_maand"]["uitbetaling"]


# --------------------------------------------------------------------------------------------
# afwijzing, buiten behandeling, hostile text


def test_afwijzing_motivering_als_tekst(monkeypatch, mensen, tmp_path):
    aanvraag = aanvraag_in_behandeling(
        monkeypatch,
        mensen,
        melddatum=MELDDATUM,
        persoon={"achternaam": "Jansen <b>vet</b>", "voornamen": "Anna & Co"},
    )
    besluit = beslis(
        monkeypatch,
        aanvraag,
        mensen,
        op=BESLISDAG,
        soort="afwijzing",
        motivering="Uw vermogen is te hoog.\n<script>alert(1)</script>",
    )
    assert besluit.toelichting["soort"] == "afwijzing"
    assert besluit.toelichting["motivering"].endswith("<script>alert(1)</script>")
    data = besluit.pdf.open("rb").read()
    tekst = pdf_tekst(data, tmp_path)
    assert "U krijgt geen bijstand." in tekst
    assert "Uw vermogen is te hoog." in tekst
    assert "<script>alert(1)</script>" in tekst  # shown as text, not run or dropped as markup
    assert "Anna & Co Jansen <b>vet</b>" in tekst
    assert "Hoeveel bijstand krijgt u?" not in tekst
    assert "Bent u het niet eens met dit besluit?" in tekst


def test_buiten_behandeling_noemt_hersteltermijn(monkeypatch, mensen, tmp_path):
    aanvraag = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=MELDDATUM, checklist=False)
    zet_klok(monkeypatch, date(2026, 3, 4))
    behandeling.vraag_stukken_op(
        aanvraag=aanvraag,
        gevraagd="Bankafschriften van de laatste 3 maanden <i>alle rekeningen</i>",
        door=mensen.consulent,
        termijn_tot=date(2026, 3, 18),
    )
    besluit = beslis(
        monkeypatch,
        aanvraag,
        mensen,
        op=BESLISDAG,
        soort="buiten_behandeling",
        motivering="De bankafschriften ontbreken.",
    )
    grond = besluit.toelichting["grond"]
    assert grond["artikel"] == "art. 4:5 Algemene wet bestuursrecht"
    assert grond["hersteltermijn"]["termijn_tot"] == "2026-03-18"
    assert grond["hersteltermijn"]["verzocht_op"] == "2026-03-04"
    tekst = pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)
    for stuk in (
        "Wij behandelen uw aanvraag bijstand niet verder.",
        "Op 4 maart 2026 vroegen wij u om meer gegevens.",
        "Bankafschriften van de laatste 3 maanden <i>alle rekeningen</i>",
        "uiterlijk op 18 maart 2026",
        "artikel 4:5 van de Algemene wet bestuursrecht",
        "De bankafschriften ontbreken.",
    ):
        assert stuk in tekst, stuk


def test_rekenfout_geeft_nederlandse_melding_en_verandert_niets(monkeypatch, mensen):
    """A household the rules do not cover (18-20 with a partner of AOW age): a Dutch error,
    no besluit, the aanvraag still waits for a decision."""
    partner = {"naam": "Oud", "geboortedatum": "1950-01-01"}
    aanvraag = aanvraag_in_behandeling(
        monkeypatch,
        mensen,
        melddatum=date(2026, 2, 2),
        indienen_op=date(2026, 3, 3),
        persoon={"geboortedatum": date(2007, 1, 15)},
        huishouden={"partner": partner, "kinderen": [], "medebewoners": []},
    )
    with pytest.raises(ValidationError) as fout:
        beslis(monkeypatch, aanvraag, mensen, op=BESLISDAG, ingangsdatum=date(2026, 3, 3))
    assert "kan niet worden berekend" in " ".join(fout.value.messages)
    assert not Besluit.objects.filter(aanvraag=aanvraag).exists()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.INGEDIEND


def test_voorschot_bij_toekenning_en_afwijzing(monkeypatch, mensen, tmp_path):
    from aanvraag import voorschot

    toe = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=MELDDATUM)
    v = voorschot.verleen_voorschot(aanvraag=toe, door=mensen.consulent)
    besluit = beslis(monkeypatch, toe, mensen, op=BESLISDAG, ingangsdatum=INGANG)
    assert besluit.toelichting["voorschot"]["bedrag"] == f"{v.bedrag:.2f}"
    tekst = pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)
    assert f"U kreeg al een voorschot van € {bedrag_nl(v.bedrag)}." in tekst

    # refused before the payment reached the bank: cancelled, nothing to pay back
    af = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=MELDDATUM)
    voorschot.verleen_voorschot(aanvraag=af, door=mensen.consulent)
    besluit = beslis(monkeypatch, af, mensen, op=BESLISDAG, soort="afwijzing", motivering="x")
    v = besluit.toelichting["voorschot"]
    assert v["status"] == "teruggevorderd" and v["teruggevorderd"] == "0.00"
    tekst = pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)
    assert "Daarom betalen wij het voorschot niet uit." in tekst
    assert "terugbetalen" not in tekst


# --------------------------------------------------------------------------------------------
# sending and the bezwaar date


@pytest.mark.parametrize(
    ("verzonden", "bezwaar_tot"),
    [
        (date(2026, 3, 27), date(2026, 5, 8)),  # Friday -> Friday
        (date(2026, 3, 28), date(2026, 5, 11)),  # ends on Saturday 9 May -> Monday
        (date(2026, 4, 2), date(2026, 5, 15)),  # ends on Hemelvaartsdag 14 May -> Friday
        (date(2026, 4, 13), date(2026, 5, 26)),  # ends on Tweede Pinksterdag 25 May -> Tuesday
    ],
)
def test_bezwaartermijn_over_weekend_en_feestdag(monkeypatch, mensen, verzonden, bezwaar_tot):
    aanvraag = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=MELDDATUM)
    besluit = beslis(monkeypatch, aanvraag, mensen, op=verzonden, soort="afwijzing", motivering="x")
    assert besluit.verzonden_op == verzonden
    assert besluit.bezwaar_tot == bezwaar_tot


def test_per_post_journaalregel_geen_bericht(monkeypatch, mensen):
    besluit = _toekenning(monkeypatch, mensen, elektronisch=False)
    dossier = besluit.aanvraag.dossier
    assert besluit.verzendwijze == Verzendwijze.POST
    assert not JournaalRegel.objects.filter(dossier=dossier, soort=JournaalSoort.BERICHT).exists()
    regel = JournaalRegel.objects.get(
        dossier=dossier, soort=JournaalSoort.STATUS, tekst__contains="per post verzonden"
    )
    assert "27 maart 2026" in regel.tekst and "8 mei 2026" in regel.tekst
    assert Verwerking.objects.filter(operatie="verzend_beschikking").count() == 1


def test_elektronisch_bericht_in_portaal(monkeypatch, mensen, tmp_path):
    besluit = _toekenning(monkeypatch, mensen, elektronisch=True)
    dossier = besluit.aanvraag.dossier
    assert besluit.verzendwijze == Verzendwijze.ELEKTRONISCH
    bericht = JournaalRegel.objects.get(dossier=dossier, soort=JournaalSoort.BERICHT)
    assert bericht.richting == Richting.UITGAAND
    assert bericht.zichtbaarheid == Zichtbaarheid.EXTERN
    assert bericht.auteur == mensen.consulent
    assert "Mijn brieven" in bericht.tekst and "8 mei 2026" in bericht.tekst
    assert not JournaalRegel.objects.filter(
        dossier=dossier, soort=JournaalSoort.STATUS, tekst__contains="per post"
    ).exists()
    assert "digitaal, in Mijn Werk & Inkomen" in pdf_tekst(besluit.pdf.open("rb").read(), tmp_path)


def test_tweede_keer_doet_niets(monkeypatch, mensen):
    besluit = _toekenning(monkeypatch, mensen, elektronisch=True)
    sha, pad, toelichting = besluit.pdf_sha256, besluit.pdf.name, besluit.toelichting
    berichten = JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count()
    logregels = Verwerking.objects.count()
    zet_klok(monkeypatch, date(2026, 4, 20))
    opnieuw = beschikking.maak_en_verzend(besluit=besluit, door=mensen.consulent)
    opnieuw.refresh_from_db()
    assert (opnieuw.pdf_sha256, opnieuw.pdf.name, opnieuw.toelichting) == (sha, pad, toelichting)
    assert opnieuw.verzonden_op == BESLISDAG
    assert JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count() == berichten
    assert Verwerking.objects.count() == logregels


def test_neem_besluit_geeft_verzonden_besluit_terug(monkeypatch, mensen):
    aanvraag = aanvraag_in_behandeling(monkeypatch, mensen, melddatum=MELDDATUM)
    zet_klok(monkeypatch, BESLISDAG)
    besluit = behandeling.neem_besluit(
        aanvraag=aanvraag, soort="toekenning", door=mensen.consulent, ingangsdatum=INGANG
    )
    assert besluit.verzonden_op == BESLISDAG and besluit.bezwaar_tot == date(2026, 5, 8)
    assert besluit.pdf_sha256 and besluit.pdf.name


def test_pdf_hash_klopt(monkeypatch, mensen):
    import hashlib

    besluit = _toekenning(monkeypatch, mensen)
    assert hashlib.sha256(besluit.pdf.open("rb").read()).hexdigest() == besluit.pdf_sha256
    assert besluit.pdf.name.startswith(f"beschikkingen/{besluit.aanvraag_id}/")


def test_brief_opnieuw_te_maken_uit_toelichting(monkeypatch, mensen, tmp_path):
    """The letter depends on the stored toelichting, not on today's household or rules."""
    besluit = _toekenning(monkeypatch, mensen)
    t = besluit.toelichting
    t["per_maand"] = {**t["per_maand"], "uitbetaling": "999.99"}
    tekst = pdf_tekst(beschikking.maak_pdf(replace_toelichting(besluit, t)), tmp_path)
    assert "€ 999,99" in tekst


def replace_toelichting(besluit: Besluit, toelichting: dict) -> Besluit:
    kopie = Besluit.objects.select_related("aanvraag__dossier__werkzoekende").get(pk=besluit.pk)
    kopie.toelichting = toelichting
    return kopie


# --------------------------------------------------------------------------------------------
# the staff download


@pytest.fixture
def besloten(monkeypatch, mensen):
    return _toekenning(monkeypatch, mensen)


def _url(besluit) -> str:
    return reverse("aanvraag:beschikking_pdf", args=[besluit.pk])


def test_medewerker_downloadt_pdf(client, besloten, mensen):
    client.force_login(mensen.consulent)
    response = client.get(_url(besloten))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    assert response.content == besloten.pdf.open("rb").read()
    regel = Verwerking.objects.order_by("-id").first()
    assert regel.operatie == "download_beschikking"


@pytest.mark.parametrize("wie", ["consulent", "werkcoach", "teamleider"])
def test_wie_mag_de_beschikking_lezen(client, besloten, mensen, wie):
    client.force_login(getattr(mensen, wie))
    assert client.get(_url(besloten)).status_code == 200


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.WERKCONSULENT, 404),  # another caseload
        (Rol.INKOMENSCONSULENT, 404),  # not the behandelaar
        (Rol.TEAMLEIDER, 404),  # another team
        (Rol.BEHEERDER, 403),
        (Rol.PRIVACY, 403),
        (Rol.BETAALRUN, 403),
    ],
)
def test_anderen_niet(client, besloten, rol, status):
    client.force_login(UserFactory(rol=rol))
    response = client.get(_url(besloten))
    assert response.status_code == status
    assert not response.content.startswith(b"%PDF")


def test_anoniem_naar_inloggen_en_onbekend_404(client, besloten, mensen):
    response = client.get(_url(besloten))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(mensen.consulent)
    assert (
        client.get(reverse("aanvraag:beschikking_pdf", args=[besloten.pk + 999])).status_code == 404
    )
    assert client.post(_url(besloten)).status_code == 405
