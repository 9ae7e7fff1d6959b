"""Inkomstenopgave: validation, immutability, corrections, beoordeling, payslip uploads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from inkomen import selectors, services
from inkomen.models import BeoordelingWijziging, Berekening, Inkomstenopgave, OnveranderlijkError

from .conftest import D

MAART = date(2026, 3, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def fouten(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


@pytest.fixture
def dossier_met_uitkering(maak_dossier):
    return maak_dossier()


@pytest.mark.django_db
class TestValidatie:
    def test_negatief_bedrag(self, dossier_met_uitkering, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(dossier_met_uitkering, MAART, "-1.00")
        assert fouten(exc)["bedrag"] == ["Het bedrag mag niet negatief zijn."]

    @pytest.mark.parametrize("status", ["geschat", "definitief"])
    def test_maand_die_nog_niet_begonnen_is(self, dossier_met_uitkering, opgave, status):
        # issue 13 §4: income of a month that has not started is not known yet
        aantal = Inkomstenopgave.objects.count()
        for maand in (date(2026, 5, 1), date(2027, 1, 1)):  # next month, far ahead
            with pytest.raises(ValidationError) as exc:
                opgave(dossier_met_uitkering, maand, "100.00", status=status)
            assert fouten(exc)["maand"] == [
                "Deze maand is nog niet begonnen. Kies deze of een eerdere maand."
            ]
        assert Inkomstenopgave.objects.count() == aantal
        opgave(dossier_met_uitkering, date(2026, 4, 1), "100.00", status=status)  # this month

    def test_vier_weken_zonder_betaaldata(self, dossier_met_uitkering, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(dossier_met_uitkering, MAART, "520.00", periode="vier_weken")
        assert "betaaldata" in fouten(exc)

    def test_betaaldata_buiten_de_maand(self, dossier_met_uitkering, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(
                dossier_met_uitkering,
                MAART,
                "520.00",
                periode="vier_weken",
                betaaldata=[date(2026, 4, 3)],
            )
        assert "betaaldata" in fouten(exc)

    def test_partner_zonder_partner(self, dossier_met_uitkering, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(dossier_met_uitkering, MAART, "100.00", persoon="partner")
        assert "persoon" in fouten(exc)

    def test_float_geweigerd_en_fouten_per_veld(self, dossier_met_uitkering, consulent):
        with pytest.raises(ValidationError) as exc:
            services.registreer_inkomstenopgave(
                dossier=dossier_met_uitkering,
                maand=MAART,
                persoon="aanvrager",
                soort="loon",
                bedrag=12.5,
                periode="week",
                status="zeker",
                bron="burger",
                door=consulent,
            )
        assert set(fouten(exc)) == {"soort", "bedrag", "periode", "status"}

    def test_geen_uitkering(self, dossier, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(dossier, MAART, "100.00")
        assert "dossier" in fouten(exc)


@pytest.mark.django_db
class TestOnveranderlijk:
    def test_inhoud_wijzigen_of_verwijderen_kan_niet(self, dossier_met_uitkering, opgave):
        o = opgave(dossier_met_uitkering, MAART, "100.00")
        o.bedrag = D("200.00")
        with pytest.raises(OnveranderlijkError):
            o.save()
        with pytest.raises(OnveranderlijkError):
            o.save(update_fields=["bedrag"])
        with pytest.raises(OnveranderlijkError):
            o.delete()
        assert Inkomstenopgave.objects.get(pk=o.pk).bedrag == D("100.00")

    def test_correctie_vervangt_en_overschrijft_niet(self, dossier_met_uitkering, opgave):
        eerste = opgave(dossier_met_uitkering, MAART, "300.00", status="geschat")
        tweede = opgave(dossier_met_uitkering, MAART, "450.00", vervangt=eerste)
        assert eerste.vervangen_door == tweede
        assert Inkomstenopgave.objects.get(pk=eerste.pk).bedrag == D("300.00")
        effectief = selectors.effectieve_opgaven(dossier_id=dossier_met_uitkering.pk, maand=MAART)
        assert effectief == [tweede]

        with pytest.raises(ValidationError) as exc:
            opgave(dossier_met_uitkering, MAART, "500.00", vervangt=eerste)
        assert "vervangt" in fouten(exc)

    def test_database_staat_maar_een_vervanging_toe(self, dossier_met_uitkering, opgave):
        eerste = opgave(dossier_met_uitkering, MAART, "300.00")
        opgave(dossier_met_uitkering, MAART, "450.00", vervangt=eerste)
        velden = {
            f.name: getattr(eerste, f.name)
            for f in Inkomstenopgave._meta.concrete_fields
            if f.name not in ("id", "vervangt")
        }
        with pytest.raises(IntegrityError), transaction.atomic():
            Inkomstenopgave.objects.create(**{**velden, "vervangt": eerste})

    def test_definitief_gaat_voor_geschat(self, dossier_met_uitkering, opgave):
        opgave(dossier_met_uitkering, MAART, "300.00", status="geschat")
        definitief = opgave(dossier_met_uitkering, MAART, "450.00")
        overig = opgave(dossier_met_uitkering, MAART, "50.00", status="geschat", soort="overig")
        effectief = selectors.effectieve_opgaven(dossier_id=dossier_met_uitkering.pk, maand=MAART)
        assert effectief == [definitief, overig]


@pytest.mark.django_db
class TestBeoordeling:
    def test_afwijzen_vraagt_reden_en_herberekent(
        self, dossier_met_uitkering, opgave, consulent, django_capture_on_commit_callbacks
    ):
        o = opgave(dossier_met_uitkering, MAART, "600.00")
        with pytest.raises(ValidationError) as exc:
            services.beoordeel_opgave(opgave=o, besluit="afgewezen", reden=" ", door=consulent)
        assert "reden" in fouten(exc)

        with django_capture_on_commit_callbacks(execute=True):
            services.beoordeel_opgave(
                opgave=o, besluit="afgewezen", reden="Bedrag klopt niet", door=consulent
            )
        o.refresh_from_db()
        assert (o.beoordeling, o.beoordeeld_door) == ("afgewezen", consulent)
        actueel = Berekening.objects.get(dossier=dossier_met_uitkering, maand=MAART, actueel=True)
        assert actueel.versie == 2
        assert actueel.inkomsten == 0
        assert BeoordelingWijziging.objects.filter(opgave=o, naar="afgewezen").count() == 1

    def test_niet_toegestane_overgang(self, dossier_met_uitkering, opgave, consulent):
        o = opgave(dossier_met_uitkering, MAART, "600.00")
        services.beoordeel_opgave(opgave=o, besluit="geaccepteerd", door=consulent)
        with pytest.raises(ValidationError):
            services.beoordeel_opgave(opgave=o, besluit="geaccepteerd", door=consulent)


@pytest.mark.django_db
class TestLoonstrook:
    def test_inhoud_beslist_niet_de_naam(self, dossier_met_uitkering, opgave):
        o = opgave(
            dossier_met_uitkering,
            MAART,
            "450.00",
            loonstrook=SimpleUploadedFile("loonstrook.pdf", PNG, content_type="application/pdf"),
        )
        assert o.loonstrook_type == "png"
        assert o.loonstrook.name.endswith(".png")
        pad = Path(o.loonstrook.path)
        assert pad.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
        assert not pad.is_relative_to(Path(settings.MEDIA_ROOT))
        assert pad.read_bytes() == PNG
        assert "loonstrook" not in pad.name  # the original name is not kept

    @pytest.mark.parametrize(("inhoud", "soort"), [(PDF, "pdf"), (JPEG, "jpeg")])
    def test_pdf_en_jpeg(self, dossier_met_uitkering, opgave, inhoud, soort):
        o = opgave(
            dossier_met_uitkering,
            MAART,
            "450.00",
            loonstrook=SimpleUploadedFile("scan", inhoud),
        )
        assert o.loonstrook_type == soort

    def test_exe_met_pdf_naam_geweigerd(self, dossier_met_uitkering, opgave):
        with pytest.raises(ValidationError) as exc:
            opgave(
                dossier_met_uitkering,
                MAART,
                "450.00",
                loonstrook=SimpleUploadedFile("loonstrook.pdf", EXE, "application/pdf"),
            )
        assert fouten(exc)["loonstrook"] == ["Alleen een PDF-, PNG- of JPEG-bestand is toegestaan."]
        assert not Inkomstenopgave.objects.exists()

    def test_groter_dan_10_mb_geweigerd(self, dossier_met_uitkering, opgave):
        groot = PDF + b"0" * (10 * 1024 * 1024)
        with pytest.raises(ValidationError) as exc:
            opgave(
                dossier_met_uitkering,
                MAART,
                "450.00",
                loonstrook=SimpleUploadedFile("loonstrook.pdf", groot, "application/pdf"),
            )
        assert fouten(exc)["loonstrook"] == ["De loonstrook is groter dan 10 MB."]
