"""Nazorg after uitstroom naar werk (issue 14): the end hook plans contact moments from the policy
row valid on the end date; they appear on the werkcoach's worklist; "contact gehad" and
"overslaan"; access and hostile input."""

from __future__ import annotations

import datetime

import pytest

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, DossierStatus, JournaalRegel
from bijstand.dossiers.services import wijzig_status
from bijstand.logboek.models import Verwerking
from plan.models_nazorg import ContactSoort, ContactStatus, Nazorg, NazorgBeleid, NazorgContact
from tests.factories import DossierFactory, UserFactory
from tests.rollen import andere_werkcoach, collega  # noqa: F401

from .conftest import client_voor

pytestmark = pytest.mark.django_db

VANDAAG = tijd.vandaag()


def beeindig(dossier, werkcoach, reden=Beeindigingsreden.WERK, einddatum=None):
    return wijzig_status(
        dossier=dossier,
        naar=DossierStatus.BEEINDIGD,
        door=werkcoach,
        reden=reden,
        einddatum=einddatum or VANDAAG,
    )


def test_standard_policy_is_seeded_by_the_migration():
    beleid = NazorgBeleid.objects.get()
    assert beleid.duur_maanden == 6
    assert beleid.contactmomenten == ["2w", "6w", "3m", "6m"]


def test_end_with_reason_werk_plans_contact_moments_per_policy(dossier, werkcoach):
    einde = datetime.date(2026, 1, 31)
    beeindig(dossier, werkcoach, einddatum=einde)
    nazorg = Nazorg.objects.get(dossier=dossier)
    assert (nazorg.startdatum, nazorg.einddatum) == (einde, datetime.date(2026, 7, 31))
    assert list(nazorg.contacten.values_list("gepland_op", flat=True)) == [
        datetime.date(2026, 2, 14),
        datetime.date(2026, 3, 14),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 7, 31),
    ]
    assert set(nazorg.contacten.values_list("status", flat=True)) == {ContactStatus.OPEN}


@pytest.mark.parametrize("reden", [Beeindigingsreden.VERHUIZING, Beeindigingsreden.OVERIG])
def test_other_reasons_plan_no_nazorg(dossier, werkcoach, reden):
    beeindig(dossier, werkcoach, reden=reden)
    assert not Nazorg.objects.exists()


def test_a_new_policy_row_applies_to_later_endings_only(werkcoach):
    vroeg = DossierFactory(werkcoach=werkcoach)
    laat = DossierFactory(werkcoach=werkcoach)
    NazorgBeleid.objects.create(
        geldig_vanaf=datetime.date(2026, 3, 1), duur_maanden=3, contactmomenten=["1w", "1m"]
    )
    beeindig(vroeg, werkcoach, einddatum=datetime.date(2026, 2, 28))
    beeindig(laat, werkcoach, einddatum=datetime.date(2026, 3, 1))
    oud = Nazorg.objects.get(dossier=vroeg)
    nieuw = Nazorg.objects.get(dossier=laat)
    assert oud.contacten.count() == 4 and oud.einddatum == datetime.date(2026, 8, 28)
    assert list(nieuw.contacten.values_list("gepland_op", flat=True)) == [
        datetime.date(2026, 3, 8),
        datetime.date(2026, 4, 1),
    ]
    assert nieuw.einddatum == datetime.date(2026, 6, 1)


def test_a_refused_ending_plans_nothing(dossier, werkcoach):
    """The hook runs in the ending's transaction: when a later hook refuses the ending, no
    nazorg is left behind."""
    from django.core.exceptions import ValidationError

    from bijstand.dossiers import haken

    def weiger(**kwargs):
        assert Nazorg.objects.filter(dossier=kwargs["dossier"]).exists()
        raise ValidationError({"einddatum": "Geweigerd"})

    haken.registreer_bij_einde("test.weiger", weiger)
    try:
        with pytest.raises(ValidationError):
            beeindig(dossier, werkcoach)
    finally:
        haken._BIJ_EINDE.pop("test.weiger")
    assert not Nazorg.objects.exists() and not NazorgContact.objects.exists()


def test_worklist_shows_contacts_and_contact_gehad_records_a_note(dossier, werkcoach):
    beeindig(dossier, werkcoach, einddatum=VANDAAG - datetime.timedelta(days=20))
    coach = client_voor(werkcoach)
    antwoord = coach.get("/plan/nazorg/")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    eerste = NazorgContact.objects.order_by("gepland_op").first()
    assert f'id="contact-{eerste.pk}"' in inhoud
    assert dossier.werkzoekende.naam in inhoud
    # Only what plays in the next two weeks by default; everything with ?alle=1.
    assert inhoud.count('id="contact-') == 1
    assert coach.get("/plan/nazorg/?alle=1").content.decode().count('id="contact-') == 4
    assert Verwerking.objects.filter(operatie="bekijk_nazorg_werklijst").exists()
    # The ended dossier stays in its werkcoach's scope (the link on the worklist works).
    assert coach.get(f"/dossiers/{dossier.pk}/").status_code == 200

    antwoord = coach.post(f"/plan/nazorg/{eerste.pk}/gehad/", {"notitie": "Gaat goed op het werk."})
    assert antwoord.status_code == 302
    eerste.refresh_from_db()
    assert eerste.status == ContactStatus.GEHAD and eerste.afgehandeld_door == werkcoach
    assert JournaalRegel.objects.filter(dossier=dossier, tekst__contains="Gaat goed").exists()
    assert f'id="contact-{eerste.pk}"' not in coach.get("/plan/nazorg/?alle=1").content.decode()
    # Twice: refused with a message, nothing changes.
    coach.post(f"/plan/nazorg/{eerste.pk}/gehad/", {"notitie": "Nog eens"})
    assert coach.get(f"/plan/nazorg/{eerste.pk}/gehad/").status_code == 405
    eerste.refresh_from_db()
    assert eerste.notitie == "Gaat goed op het werk."


def test_overslaan_and_bad_input(dossier, werkcoach):
    beeindig(dossier, werkcoach)
    coach = client_voor(werkcoach)
    contact = NazorgContact.objects.order_by("gepland_op").first()
    # contact gehad without a note, or with an over-long note: a Dutch error, no change.
    antwoord = coach.post(f"/plan/nazorg/{contact.pk}/gehad/", {"notitie": "  "}, follow=True)
    assert antwoord.status_code == 200
    assert "Vul een tekst in." in antwoord.content.decode()
    coach.post(f"/plan/nazorg/{contact.pk}/gehad/", {"notitie": "x" * 2001})
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
    assert coach.post("/plan/nazorg/999999/gehad/", {"notitie": "x"}).status_code == 404
    assert coach.post(f"/plan/nazorg/{contact.pk}/overslaan/").status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OVERGESLAGEN


def test_hostile_text_is_escaped_on_the_worklist(dossier, werkcoach):
    beeindig(dossier, werkcoach)
    NazorgContact.objects.create(
        nazorg=Nazorg.objects.get(),
        soort=ContactSoort.HULPVRAAG,
        gepland_op=VANDAAG,
        vraag="<script>alert(1)</script>",
    )
    inhoud = client_voor(werkcoach).get("/plan/nazorg/").content.decode()
    assert "<script>alert(1)</script>" not in inhoud
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inhoud


def test_other_staff_are_refused(dossier, werkcoach, andere_werkcoach, collega):  # noqa: F811
    beeindig(dossier, werkcoach)
    contact = NazorgContact.objects.first()
    for user in (andere_werkcoach, collega):
        client = client_voor(user)
        assert (
            f'id="contact-{contact.pk}"' not in client.get("/plan/nazorg/?alle=1").content.decode()
        )
        assert client.post(f"/plan/nazorg/{contact.pk}/gehad/", {"notitie": "x"}).status_code == 404
        assert client.post(f"/plan/nazorg/{contact.pk}/overslaan/").status_code == 404
    for rol in (Rol.INKOMENSCONSULENT, Rol.BURGER, Rol.BEHEERDER):
        client = client_voor(UserFactory(rol=rol, team=None))
        assert client.get("/plan/nazorg/").status_code == 403
        assert client.post(f"/plan/nazorg/{contact.pk}/overslaan/").status_code == 403
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN


def test_reopened_dossier_leaves_the_worklist(dossier, werkcoach):
    beeindig(dossier, werkcoach)
    wijzig_status(dossier=dossier, naar=DossierStatus.HEROPEND, door=werkcoach)
    assert (
        client_voor(werkcoach).get("/plan/nazorg/?alle=1").content.decode().count('id="contact-')
        == 0
    )
