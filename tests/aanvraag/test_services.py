"""The services of the front door (aanvraag.services): the whole flow from melding to besluit,
the legal terms, and what they refuse."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from aanvraag import behandeling, selectors, services
from aanvraag.models import Aanvraag, AanvraagStatus, Besluit, Hersteltermijn
from aanvraag.stappen import CHECKLIST_CODES, Uitkomst
from bijstand.accounts.models import Rol
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus, JournaalRegel
from inkomen.models import Uitkering
from tests.aanvraag.conftest import PERSOON, STAP_GEGEVENS
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory, geldig_bsn

pytestmark = pytest.mark.django_db


def _fouten(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


# --- the whole flow ------------------------------------------------------------------------


def test_hele_stroom_van_melding_tot_toekenning(werkcoach, consulent, vandaag):
    bsn = geldig_bsn()
    aanvraag = services.registreer_melding(
        bsn=bsn, kanaal="loket", door=consulent, persoon=dict(PERSOON)
    )
    dossier = aanvraag.dossier
    assert aanvraag.status == AanvraagStatus.CONCEPT and aanvraag.melddatum == date(2026, 3, 17)
    assert dossier.status == DossierStatus.AANVRAAG and dossier.werkcoach == werkcoach
    assert dossier.werkzoekende.wijk.code == "W3011"  # from the postcode

    for stap, gegevens in STAP_GEGEVENS.items():
        services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=consulent)
    vandaag(date(2026, 3, 19))
    aanvraag = services.dien_in(aanvraag=aanvraag, door=consulent)
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert aanvraag.ontvangen_op == date(2026, 3, 19)
    assert aanvraag.beslissen_uiterlijk == date(2026, 5, 14)  # 8 weeks (4:13)
    dossier.werkzoekende.refresh_from_db()
    assert dossier.werkzoekende.iban == "NL91ABNA0417164300"

    behandeling.neem_in_behandeling(aanvraag=aanvraag, door=consulent)
    for code in CHECKLIST_CODES:
        behandeling.beoordeel_checklist(
            aanvraag=aanvraag, code=code, uitkomst=Uitkomst.AKKOORD, door=consulent
        )
    besluit = behandeling.neem_besluit(
        aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=date(2026, 3, 17)
    )
    aanvraag.refresh_from_db()
    dossier.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.TOEGEKEND
    assert besluit.ingangsdatum == date(2026, 3, 17) and besluit.verzendwijze == "post"
    assert dossier.status == DossierStatus.LOPEND and dossier.startdatum == date(2026, 3, 17)
    assert Uitkering.objects.get(dossier=dossier).ingangsdatum == date(2026, 3, 17)
    assert JournaalRegel.objects.filter(dossier=dossier, tekst__contains="Besluit").exists()


def test_afwijzing_beeindigt_het_dossier(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="afwijzing", door=consulent, motivering="Vermogen te hoog."
    )
    aanvraag.refresh_from_db()
    aanvraag.dossier.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN
    assert aanvraag.dossier.status == DossierStatus.BEEINDIGD
    assert aanvraag.dossier.beeindigingsreden == Beeindigingsreden.AFGEWEZEN
    with pytest.raises(ValidationError):
        behandeling.neem_besluit(aanvraag=aanvraag, soort="afwijzing", door=consulent)


# --- the beslistermijn ---------------------------------------------------------------------


def test_beslistermijn_opgeschort_door_hersteltermijn(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")  # received 17-3-2026
    assert aanvraag.beslissen_uiterlijk == date(2026, 5, 12)
    vandaag(date(2026, 4, 1))
    h = behandeling.vraag_stukken_op(aanvraag=aanvraag, gevraagd="Bankafschriften", door=consulent)
    assert h.termijn_tot == date(2026, 4, 15)  # the policy's 14 days
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPGESCHORT
    vandaag(date(2026, 4, 5))
    behandeling.stukken_ontvangen(hersteltermijn=h, door=consulent, ontvangen_op=date(2026, 4, 5))
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert aanvraag.beslissen_uiterlijk == date(2026, 5, 16)
    t = selectors.termijnen_van(aanvraag, date(2026, 5, 20))
    assert t.dagen_over == -4 and t.te_laat and t.dagen_te_laat == 4 and t.urgentie == "te_laat"


def test_stukken_ontvangen_datum_tussen_verzoek_en_vandaag(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 4, 1))
    h = behandeling.vraag_stukken_op(aanvraag=aanvraag, gevraagd="Loonstrook", door=consulent)
    for fout in (date(2026, 3, 31), date(2026, 4, 2)):
        with pytest.raises(ValidationError):
            behandeling.stukken_ontvangen(hersteltermijn=h, door=consulent, ontvangen_op=fout)
    h.refresh_from_db()
    assert h.ontvangen_op is None


# --- buiten behandeling --------------------------------------------------------------------


def test_buiten_behandeling_alleen_na_ongebruikte_termijn_en_binnen_4_weken(
    maak_aanvraag, consulent, vandaag
):
    aanvraag = maak_aanvraag("in_behandeling")
    kwargs = {"soort": "buiten_behandeling", "door": consulent, "motivering": "Geen stukken."}
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(aanvraag=aanvraag, **kwargs)
    assert "ongebruikt" in _fouten(exc)

    vandaag(date(2026, 4, 1))
    behandeling.vraag_stukken_op(
        aanvraag=aanvraag, gevraagd="Loonstrook", door=consulent, termijn_tot=date(2026, 4, 15)
    )
    vandaag(date(2026, 4, 15))  # the term's last day: not expired yet
    with pytest.raises(ValidationError):
        behandeling.neem_besluit(aanvraag=aanvraag, **kwargs)
    vandaag(date(2026, 5, 14))  # more than 4 weeks after 15-4
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(aanvraag=aanvraag, **kwargs)
    assert "meer dan 4 weken" in _fouten(exc)
    assert selectors.termijnen_van(aanvraag, date(2026, 5, 13)).buiten_behandeling_uiterlijk == (
        date(2026, 5, 13)
    )
    vandaag(date(2026, 5, 13))  # the last day
    behandeling.neem_besluit(aanvraag=aanvraag, **kwargs)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BUITEN_BEHANDELING
    assert aanvraag.dossier.status == DossierStatus.BEEINDIGD


def test_buiten_behandeling_niet_als_de_stukken_er_zijn(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 4, 1))
    h = behandeling.vraag_stukken_op(
        aanvraag=aanvraag, gevraagd="Loonstrook", door=consulent, termijn_tot=date(2026, 4, 15)
    )
    behandeling.stukken_ontvangen(hersteltermijn=h, door=consulent)
    vandaag(date(2026, 4, 20))
    with pytest.raises(ValidationError):
        behandeling.neem_besluit(
            aanvraag=aanvraag, soort="buiten_behandeling", door=consulent, motivering="x"
        )


# --- toekenning: what is refused ----------------------------------------------------------


@pytest.mark.parametrize(
    "ingangsdatum,motivering,fout",
    [
        (date(2026, 3, 18), "", "niet in de toekomst"),
        (date(2025, 12, 16), "Noodsituatie", "hoogstens 3 maanden"),
        (date(2026, 3, 1), "", "alleen met een motivering"),
        (None, "", "Vul de ingangsdatum in"),
    ],
)
def test_toekenning_geweigerd(maak_aanvraag, consulent, ingangsdatum, motivering, fout):
    aanvraag = maak_aanvraag("checklist")
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(
            aanvraag=aanvraag,
            soort="toekenning",
            door=consulent,
            ingangsdatum=ingangsdatum,
            motivering=motivering,
        )
    assert fout in _fouten(exc)
    assert not Besluit.objects.exists() and not Uitkering.objects.exists()


def test_toekenning_tot_3_maanden_voor_de_melding_met_motivering(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("checklist")
    besluit = behandeling.neem_besluit(
        aanvraag=aanvraag,
        soort="toekenning",
        door=consulent,
        ingangsdatum=date(2025, 12, 17),
        motivering="Kon door ziekenhuisopname niet eerder melden.",
    )
    assert besluit.ingangsdatum == date(2025, 12, 17)


def test_toekenning_met_open_controle(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    for code in CHECKLIST_CODES[:-1]:
        behandeling.beoordeel_checklist(
            aanvraag=aanvraag, code=code, uitkomst=Uitkomst.AKKOORD, door=consulent
        )
    behandeling.beoordeel_checklist(
        aanvraag=aanvraag,
        code=CHECKLIST_CODES[-1],
        uitkomst=Uitkomst.NIET_AKKOORD,
        toelichting="Verblijfsvergunning verlopen",
        door=consulent,
    )
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(
            aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=date(2026, 3, 17)
        )
    assert "Rond eerst de controle af" in _fouten(exc)


def test_toekenning_met_open_hersteltermijn(maak_aanvraag, consulent, vandaag):
    aanvraag = maak_aanvraag("checklist")
    vandaag(date(2026, 4, 1))
    behandeling.vraag_stukken_op(aanvraag=aanvraag, gevraagd="Loonstrook", door=consulent)
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(
            aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=date(2026, 3, 17)
        )
    assert "gevraagde stukken open" in _fouten(exc)


def test_tweede_besluit_geweigerd(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("checklist")
    behandeling.neem_besluit(
        aanvraag=aanvraag, soort="toekenning", door=consulent, ingangsdatum=date(2026, 3, 17)
    )
    with pytest.raises(ValidationError) as exc:
        behandeling.neem_besluit(
            aanvraag=Aanvraag.objects.get(pk=aanvraag.pk),
            soort="afwijzing",
            door=consulent,
            motivering="Toch niet",
        )
    assert "al besloten" in _fouten(exc)
    assert Besluit.objects.filter(aanvraag=aanvraag).count() == 1


def test_afwijzing_zonder_motivering(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    with pytest.raises(ValidationError):
        behandeling.neem_besluit(
            aanvraag=aanvraag, soort="afwijzing", door=consulent, motivering=" "
        )
    with pytest.raises(ValidationError):
        behandeling.neem_besluit(aanvraag=aanvraag, soort="onzin", door=consulent)
    assert not Besluit.objects.exists()


# --- who decides ---------------------------------------------------------------------------


def test_werkconsulent_beslist_niet(maak_aanvraag, werkcoach, teamleider, consulent):
    aanvraag = maak_aanvraag("checklist")
    for wie in (werkcoach, teamleider, UserFactory(rol=Rol.INKOMENSCONSULENT, team=None)):
        with pytest.raises(ValidationError):
            behandeling.neem_besluit(
                aanvraag=aanvraag, soort="toekenning", door=wie, ingangsdatum=date(2026, 3, 17)
            )
        with pytest.raises(ValidationError):
            behandeling.vraag_stukken_op(aanvraag=aanvraag, gevraagd="x", door=wie)
        with pytest.raises(ValidationError):
            behandeling.beoordeel_checklist(
                aanvraag=aanvraag, code="vermogen", uitkomst=Uitkomst.AKKOORD, door=wie
            )
    assert not Besluit.objects.exists() and not Hersteltermijn.objects.exists()


def test_checklist_niet_in_orde_vraagt_toelichting(maak_aanvraag, consulent):
    aanvraag = maak_aanvraag("in_behandeling")
    with pytest.raises(ValidationError):
        behandeling.beoordeel_checklist(
            aanvraag=aanvraag, code="vermogen", uitkomst=Uitkomst.NIET_AKKOORD, door=consulent
        )
    with pytest.raises(ValidationError):
        behandeling.beoordeel_checklist(
            aanvraag=aanvraag, code="onbekend", uitkomst=Uitkomst.AKKOORD, door=consulent
        )
    aanvraag.refresh_from_db()
    assert aanvraag.checklist == {}


# --- melding -------------------------------------------------------------------------------


def test_registreer_melding_is_idempotent(werkcoach, vandaag):
    bsn = geldig_bsn()
    eerste = services.registreer_melding(bsn=bsn, kanaal="portaal", door=None, persoon=PERSOON)
    tweede = services.registreer_melding(bsn=bsn, kanaal="loket", door=None, persoon=PERSOON)
    assert eerste.pk == tweede.pk
    assert Dossier.objects.count() == 1 and Aanvraag.objects.count() == 1


def test_een_actief_dossier_per_persoon(werkcoach, vandaag):
    persoon = WerkzoekendeFactory()
    DossierFactory(werkzoekende=persoon, werkcoach=werkcoach, status="lopend")
    with pytest.raises(ValidationError) as exc:
        services.registreer_melding(bsn=persoon.bsn, kanaal="loket", door=None)
    assert "lopend dossier" in _fouten(exc)
    assert not Aanvraag.objects.exists()


def test_na_een_beeindigd_dossier_een_nieuwe_melding(werkcoach, vandaag):
    persoon = WerkzoekendeFactory()
    oud = DossierFactory(werkzoekende=persoon, werkcoach=werkcoach, status="lopend")
    dossier_services.wijzig_status(
        dossier=oud, naar=DossierStatus.BEEINDIGD, reden=Beeindigingsreden.WERK, door=None
    )
    aanvraag = services.registreer_melding(bsn=persoon.bsn, kanaal="loket", door=None)
    assert aanvraag.dossier.werkzoekende == persoon and aanvraag.dossier != oud


def test_melding_vraagt_naam_en_geboortedatum(werkcoach, vandaag):
    with pytest.raises(ValidationError):
        services.registreer_melding(
            bsn=geldig_bsn(), kanaal="loket", door=None, persoon={"voornamen": "A"}
        )
    with pytest.raises(ValidationError):
        services.registreer_melding(
            bsn=geldig_bsn(), kanaal="fax", door=None, persoon=dict(PERSOON)
        )
    with pytest.raises(ValidationError):
        services.registreer_melding(
            bsn=geldig_bsn(),
            kanaal="loket",
            door=None,
            persoon=dict(PERSOON),
            melddatum=date(2026, 3, 18),
        )
    assert not Aanvraag.objects.exists()


def test_jongere_zoektermijn(maak_aanvraag, vandaag):
    aanvraag = maak_aanvraag("concept", persoon={"geboortedatum": date(2000, 1, 1)})
    assert aanvraag.indienen_vanaf == date(2026, 4, 14)  # 4 weeks (art. 41 lid 4)
    assert aanvraag.dossier.doelgroep == "jongere"
    for stap, gegevens in STAP_GEGEVENS.items():
        services.sla_stap_op(aanvraag=aanvraag, stap=stap, gegevens=gegevens, door=None)
    vandaag(date(2026, 4, 13))
    with pytest.raises(ValidationError) as exc:
        services.dien_in(aanvraag=aanvraag, door=None)
    assert "vanaf 14 april 2026" in _fouten(exc)
    vandaag(date(2026, 4, 14))
    assert services.dien_in(aanvraag=aanvraag, door=None).status == AanvraagStatus.INGEDIEND


def test_dien_in_vraagt_alle_stappen_en_de_verklaring(maak_aanvraag):
    aanvraag = maak_aanvraag("concept")
    services.sla_stap_op(
        aanvraag=aanvraag, stap="persoon", gegevens=STAP_GEGEVENS["persoon"], door=None
    )
    with pytest.raises(ValidationError) as exc:
        services.dien_in(aanvraag=aanvraag, door=None)
    assert "wonen" in _fouten(exc) and "naar waarheid" in _fouten(exc)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.CONCEPT
    with pytest.raises(ValidationError):
        services.sla_stap_op(aanvraag=aanvraag, stap="onbekend", gegevens={}, door=None)


def test_na_indienen_geen_wijziging_meer(maak_aanvraag):
    aanvraag = maak_aanvraag("ingediend")
    with pytest.raises(ValidationError):
        services.sla_stap_op(
            aanvraag=aanvraag, stap="wonen", gegevens=STAP_GEGEVENS["wonen"], door=None
        )


# --- ingebrekestelling ---------------------------------------------------------------------


def test_ingebrekestelling_dwangsom_na_2_weken(maak_aanvraag, consulent, werkcoach, vandaag):
    aanvraag = maak_aanvraag("in_behandeling")
    vandaag(date(2026, 5, 20))
    with pytest.raises(ValidationError):
        behandeling.registreer_ingebrekestelling(
            aanvraag=aanvraag, ontvangen_op=date(2026, 5, 19), door=werkcoach
        )
    with pytest.raises(ValidationError):
        behandeling.registreer_ingebrekestelling(
            aanvraag=aanvraag, ontvangen_op=date(2026, 5, 21), door=consulent
        )
    behandeling.registreer_ingebrekestelling(
        aanvraag=aanvraag, ontvangen_op=date(2026, 5, 19), door=consulent
    )
    t = selectors.termijnen_van(Aanvraag.objects.get(pk=aanvraag.pk), date(2026, 5, 20))
    assert t.dwangsom_vanaf == date(2026, 6, 2)


# --- the worklist selector -----------------------------------------------------------------


def test_werklijst_pagina_gebruikt_een_beleidsquery(maak_aanvraag, consulent, vandaag):
    for _ in range(3):
        maak_aanvraag("ingediend")
    vandaag(date(2026, 4, 2))
    pagina = selectors.werklijst_pagina(user=consulent, filters=selectors.WerklijstFilters())
    rijen = list(pagina.object_list)
    assert len(rijen) == 3
    assert all(r.termijnen.voorschot_signaal for r in rijen)  # day 16, nothing decided
    assert rijen[0].termijnen == selectors.termijnen_van(rijen[0], date(2026, 4, 2))
