"""Berichten in the portal: threads, replies, the contact timeline (extern vs intern)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bijstand.dossiers import berichten
from bijstand.dossiers.models import JournaalRegel, JournaalSoort, Kanaal
from bijstand.dossiers.services import voeg_journaalregel_toe, wijzig_status
from bijstand.logboek.models import Verwerking

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _sleutel(response) -> str:
    return re.search(
        r'name="idempotentiesleutel" value="([^"]+)"', response.content.decode()
    ).group(1)


@pytest.fixture
def vraag(dossier, werkcoach, burger):
    persoon = dossier.werkzoekende
    persoon.email = "burger@example.org"
    persoon.save(update_fields=["email"])
    return berichten.stuur_bericht(
        dossier=dossier, door=werkcoach, onderwerp="Uw cv", tekst="Wilt u uw cv sturen?"
    )


def test_staff_message_shown_and_burger_replies_in_thread(burger_client, vraag, dossier, werkcoach):
    lijst = burger_client.get(reverse("portaal:berichten"))
    html = lijst.content.decode()
    assert "Wilt u uw cv sturen?" in html and "Nieuw" in html
    assert reverse("portaal:bericht", args=[vraag.pk]) in html

    draad_url = reverse("portaal:bericht", args=[vraag.pk])
    pagina = burger_client.get(draad_url)
    assert pagina.status_code == 200
    assert "Wilt u uw cv sturen?" in pagina.content.decode()
    response = burger_client.post(
        draad_url, {"tekst": "Ik stuur hem morgen.", "idempotentiesleutel": _sleutel(pagina)}
    )
    assert response.status_code == 302 and response["Location"] == draad_url  # POST-redirect-GET
    antwoord = JournaalRegel.objects.get(tekst="Ik stuur hem morgen.")
    assert (antwoord.richting, antwoord.antwoord_op, antwoord.zichtbaarheid) == (
        "inkomend",
        vraag,
        "extern",
    )
    vraag.refresh_from_db()
    assert vraag.gelezen_op is not None
    html = burger_client.get(draad_url).content.decode()
    assert html.index("Wilt u uw cv sturen?") < html.index("Ik stuur hem morgen.")

    # the werkcoach sees the reply in the thread on the dossier screen
    client = Client()
    client.force_login(werkcoach, backend="django.contrib.auth.backends.ModelBackend")
    staff = client.get(reverse("dossiers:bericht", args=[dossier.pk, vraag.pk])).content.decode()
    assert "Ik stuur hem morgen." in staff
    assert Verwerking.objects.filter(operatie="portaal_bekijk_bericht").exists()


def test_reply_to_burger_mails_without_content(
    burger_client, vraag, dossier, werkcoach, django_capture_on_commit_callbacks
):
    berichten.stuur_bericht(
        dossier=dossier,
        door=burger_client_user(burger_client),
        antwoord_op=vraag,
        tekst="Vraag terug",
    )
    assert len(mail.outbox) == 0  # the burger's own message: no mail to the burger
    with django_capture_on_commit_callbacks(execute=True):
        berichten.stuur_bericht(
            dossier=dossier, door=werkcoach, antwoord_op=vraag, tekst="Antwoord geheim"
        )
    assert len(mail.outbox) == 1
    assert "Antwoord geheim" not in mail.outbox[0].body
    assert mail.outbox[0].subject == "U heeft een nieuw bericht"


def burger_client_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_double_submit_in_portal_stores_once(burger_client):
    pagina = burger_client.get(reverse("portaal:berichten"))
    data = {
        "onderwerp": "Vraag",
        "tekst": "Mag ik op vakantie?",
        "idempotentiesleutel": _sleutel(pagina),
    }
    eerste = burger_client.post(reverse("portaal:berichten"), data)
    tweede = burger_client.post(reverse("portaal:berichten"), data)
    assert eerste.status_code == tweede.status_code == 302
    assert JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count() == 1


def test_empty_reply_gives_dutch_error(burger_client, vraag):
    url = reverse("portaal:bericht", args=[vraag.pk])
    response = burger_client.post(url, {"tekst": "   "})
    assert response.status_code == 200
    assert "Schrijf eerst uw bericht." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    te_lang = burger_client.post(url, {"tekst": "a" * 5001})
    assert te_lang.status_code == 200 and "te lang" in te_lang.content.decode()
    assert JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count() == 1


def test_other_burger_cannot_see_or_answer(client, vraag, ander_burger):
    client.force_login(ander_burger, backend="bijstand.portaal.backends.DigiDMockBackend")
    url = reverse("portaal:bericht", args=[vraag.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"tekst": "Ingebroken"}).status_code == 404
    assert "Wilt u uw cv sturen?" not in client.get(reverse("portaal:berichten")).content.decode()
    assert not JournaalRegel.objects.filter(tekst="Ingebroken").exists()
    # nor through the API
    assert client.get(f"/api/v1/dossiers/{vraag.dossier_id}/berichten/").status_code == 404


def test_unknown_or_internal_line_is_not_a_thread(burger_client, dossier, werkcoach):
    intern = voeg_journaalregel_toe(
        dossier=dossier, auteur=werkcoach, soort=JournaalSoort.NOTITIE, tekst="Intern"
    )
    assert burger_client.get(reverse("portaal:bericht", args=[intern.pk])).status_code == 404
    assert burger_client.get("/portaal/berichten/999999/").status_code == 404
    assert (
        burger_client.post(reverse("portaal:bericht", args=[intern.pk]), {"tekst": "x"}).status_code
        == 404
    )


def test_closed_dossier_cannot_reply(burger_client, vraag, dossier, werkcoach):
    wijzig_status(dossier=dossier, naar="beeindigd", reden="werk", door=werkcoach)
    url = reverse("portaal:bericht", args=[vraag.pk])
    html = burger_client.get(url).content.decode()
    assert "Wilt u uw cv sturen?" in html and "Verstuur antwoord" not in html
    assert burger_client.post(url, {"tekst": "Nog een vraag"}).status_code == 403


def test_hostile_text_escaped_in_portal(burger_client, dossier, werkcoach):
    bericht = berichten.stuur_bericht(dossier=dossier, door=werkcoach, onderwerp=XSS, tekst=XSS)
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.CONTACT,
        kanaal=Kanaal.TELEFOON,
        onderwerp=XSS,
        tekst=XSS,
        zichtbaarheid="extern",
    )
    for url in (
        reverse("portaal:berichten"),
        reverse("portaal:bericht", args=[bericht.pk]),
        reverse("portaal:tijdlijn"),
    ):
        html = burger_client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_extern_contact_in_timeline_intern_never(burger_client, dossier, werkcoach):
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.CONTACT,
        kanaal=Kanaal.TELEFOON,
        tekst="We belden over uw sollicitatie.",
        zichtbaarheid="extern",
    )
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.CONTACT,
        kanaal=Kanaal.TELEFOON,
        tekst="Twijfel over motivatie.",
        zichtbaarheid="intern",
    )
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort=JournaalSoort.NOTITIE,
        tekst="Gezondheid",
        vertrouwelijk=True,
    )
    response = burger_client.get(reverse("portaal:tijdlijn"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "We belden over uw sollicitatie." in html and "Telefoon" in html
    assert "Twijfel over motivatie." not in html
    assert "Gezondheid" not in html
    for url in (reverse("portaal:berichten"), reverse("portaal:overzicht")):
        assert "Twijfel over motivatie." not in burger_client.get(url).content.decode()
    assert Verwerking.objects.filter(operatie="portaal_bekijk_tijdlijn").count() == 1


def test_staff_form_extern_reaches_timeline(burger_client, dossier, werkcoach):
    """Through the journaal form on the dossier screen, as the werkcoach uses it."""
    client = Client()
    client.force_login(werkcoach, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("dossiers:journaal_toevoegen", args=[dossier.pk])
    for zichtbaarheid, tekst in (
        ("extern", "Gesprek op kantoor gehad."),
        ("intern", "Alleen voor ons."),
    ):
        r = client.post(
            url,
            {"soort": "contact", "kanaal": "balie", "zichtbaarheid": zichtbaarheid, "tekst": tekst},
        )
        assert r.status_code == 302
    html = burger_client.get(reverse("portaal:tijdlijn")).content.decode()
    assert "Gesprek op kantoor gehad." in html
    assert "Alleen voor ons." not in html
