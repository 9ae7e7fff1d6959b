"""Rules as data: loaded by migration, cached selectors, admin validation, beheer rights."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bijstand.accounts.models import Rol
from bijstand.accounts.permissions import BEHEER_GROEP
from inkomen import rekenregels, selectors
from inkomen.admin import BeleidsinstellingForm, RegelsetForm
from inkomen.models import Beleidsinstelling, Regelset
from inkomen.rekenregels.standaard import STANDAARD_BELEID, STANDAARD_REGELSETS
from tests.factories import UserFactory

from .conftest import D


@pytest.mark.django_db
class TestMigratie:
    def test_regelsets_uit_de_migratie_zijn_de_standaard(self):
        rijen = list(Regelset.objects.order_by("geldig_vanaf"))
        assert [r.geldig_vanaf for r in rijen] == [
            date(2025, 1, 1),
            date(2025, 7, 1),
            date(2026, 1, 1),
            date(2026, 7, 1),
        ]
        for rij, data in zip(rijen, STANDAARD_REGELSETS, strict=True):
            assert rij.data == rekenregels.Regelset.van_dict(data).als_dict()
            assert rekenregels.Regelset.van_dict(rij.data) == rekenregels.Regelset.van_dict(data)
        assert tuple(selectors.actieve_regelsets()) == rekenregels.standaard_regelsets()

    def test_beleid_uit_de_migratie_is_de_standaard(self):
        [rij] = Beleidsinstelling.objects.all()
        assert rij.data == rekenregels.Beleid.van_dict(STANDAARD_BELEID[0]).als_dict()
        assert tuple(selectors.actief_beleid()) == rekenregels.standaard_beleid()

    def test_regelset_voor_maand(self):
        assert selectors.regelset_voor_maand(date(2026, 3, 1)).norm_alleenstaande == D("1401.50")
        assert selectors.regelset_voor_maand(date(2026, 7, 15)).norm_alleenstaande == D("1419.46")
        assert selectors.regelset_voor_maand("2025-06").norm_alleenstaande == D("1345.45")
        with pytest.raises(rekenregels.OngeldigeInvoer):
            selectors.regelset_voor_maand(date(2024, 12, 1))


@pytest.mark.django_db
class TestCache:
    def test_opslaan_wist_de_cache(self, django_assert_num_queries):
        selectors.actieve_regelsets()
        with django_assert_num_queries(0):
            selectors.actieve_regelsets()
            selectors.actief_beleid()
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 1, 1))
        rij.data = {**rij.data, "norm_alleenstaande": "1500.00"}
        rij.save()
        assert selectors.regelset_voor_maand(date(2026, 3, 1)).norm_alleenstaande == D("1500.00")

    def test_wijziging_in_een_ander_proces_na_de_ttl(self, settings):
        settings.INKOMEN_REGELS_CACHE_SECONDEN = 0
        selectors.actieve_regelsets()
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 1, 1))
        # .update() sends no signal: as if another process changed it
        Regelset.objects.filter(pk=rij.pk).update(
            data={**rij.data, "norm_alleenstaande": "1499.00"}, gewijzigd_op=timezone.now()
        )
        assert selectors.regelset_voor_maand(date(2026, 3, 1)).norm_alleenstaande == D("1499.00")


@pytest.mark.django_db
class TestAdminValidatie:
    def _form(self, form_class, instance, **data_wijziging):
        data = {**instance.data, **data_wijziging}
        return form_class(
            data={
                "geldig_vanaf": instance.geldig_vanaf.isoformat(),
                "toelichting": instance.toelichting,
                "data": json.dumps(data),
            },
            instance=instance,
        )

    def test_ongeldig_bedrag_geeft_nederlandse_fout(self):
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 1, 1))
        form = self._form(RegelsetForm, rij, norm_alleenstaande="veel")
        assert not form.is_valid()
        meldingen = form.errors["data"]
        assert meldingen[0] == "De regelset is ongeldig."
        assert "norm_alleenstaande: Ongeldige waarde in de regelset." in meldingen

    def test_onbekend_veld(self):
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 1, 1))
        form = self._form(RegelsetForm, rij, norm_fantasie="1.00")
        assert not form.is_valid()
        assert "norm_fantasie: Onbekend veld in de regelset." in form.errors["data"]

    def test_geldige_wijziging_wordt_canoniek_opgeslagen(self):
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 7, 1))
        form = self._form(RegelsetForm, rij, norm_alleenstaande="1420", geldig_vanaf="1999-01-01")
        assert form.is_valid(), form.errors
        opgeslagen = form.save()
        assert opgeslagen.data["norm_alleenstaande"] == "1420"
        assert opgeslagen.data["geldig_vanaf"] == "2026-07-01"  # the field decides
        assert opgeslagen.data == rekenregels.Regelset.van_dict(opgeslagen.data).als_dict()

    def test_beleid_p7_en_onbekende_keuze(self):
        rij = Beleidsinstelling.objects.get()
        form = self._form(BeleidsinstellingForm, rij, p7_verrekening_max_maanden=12)
        assert not form.is_valid()
        form = self._form(BeleidsinstellingForm, rij, p1_vrijlating_boven_norm="c")
        assert not form.is_valid()
        assert "p1_vrijlating_boven_norm" in " ".join(form.errors["data"])

    def test_beheerder_bewerkt_in_de_admin(self, client):
        beheerder = UserFactory(rol=Rol.BEHEERDER, is_staff=True)
        beheerder.groups.add(Group.objects.get(name=BEHEER_GROEP))
        client.force_login(beheerder)
        rij = Regelset.objects.get(geldig_vanaf=date(2026, 1, 1))
        url = reverse("admin:inkomen_regelset_change", args=[rij.pk])
        assert client.get(url).status_code == 200
        antwoord = client.post(
            url,
            {
                "geldig_vanaf": "2026-01-01",
                "toelichting": "test",
                "data": json.dumps({**rij.data, "norm_gehuwden": "-1"}),
            },
        )
        assert antwoord.status_code == 200  # form redisplayed with the error
        assert "norm_gehuwden moet een positief bedrag zijn." in antwoord.content.decode()
        rij.refresh_from_db()
        assert rij.data["norm_gehuwden"] == "2002.13"


@pytest.mark.django_db
def test_functioneel_beheer_mag_regels_wijzigen():
    groep = Group.objects.get(name=BEHEER_GROEP)
    codes = set(
        groep.permissions.filter(content_type__app_label="inkomen").values_list(
            "codename", flat=True
        )
    )
    assert {"change_regelset", "change_beleidsinstelling", "change_werkgever"} <= codes
    assert "delete_regelset" not in codes
    assert not any("inkomstenopgave" in c or "boeking" in c for c in codes)
