"""Berichten from the staff side: the dossier screen and /api/v1/dossiers/{id}/berichten/."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.dossiers import berichten
from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.logboek.models import Verwerking
from tests.factories import DossierFactory, UserFactory

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def persoon_met_mail(dossier):
    persoon = dossier.werkzoekende
    persoon.email = "burger@example.org"
    persoon.save(update_fields=["email"])
    return persoon


def _sleutel(response) -> str:
    return re.search(
        r'name="idempotentiesleutel" value="([^"]+)"', response.content.decode()
    ).group(1)


def _nieuw(client, dossier, **data):
    pagina = client.get(reverse("dossiers:berichten", args=[dossier.pk]))
    assert pagina.status_code == 200
    data.setdefault("idempotentiesleutel", _sleutel(pagina))
    return client.post(reverse("dossiers:berichten", args=[dossier.pk]), data)


def test_werkcoach_writes_burger_gets_mail_without_content(
    login, werkcoach, dossier, persoon_met_mail, django_capture_on_commit_callbacks
):
    client = login(werkcoach)
    with django_capture_on_commit_callbacks(execute=True):
        response = _nieuw(client, dossier, onderwerp="Uw afspraak", tekst="Kom dinsdag om 10 uur.")
    bericht = JournaalRegel.objects.get(soort=JournaalSoort.BERICHT)
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:bericht", args=[dossier.pk, bericht.pk])
    assert (bericht.richting, bericht.zichtbaarheid, bericht.kanaal) == (
        "uitgaand",
        "extern",
        "portaal",
    )
    assert bericht.auteur == werkcoach and bericht.antwoord_op is None
    assert len(mail.outbox) == 1
    post = mail.outbox[0]
    assert post.to == ["burger@example.org"]
    assert post.subject == "U heeft een nieuw bericht"
    assert "/portaal/berichten/" in post.body
    for geheim in ("Kom dinsdag", "Uw afspraak", persoon_met_mail.voornamen, werkcoach.last_name):
        assert geheim not in post.body and geheim not in post.subject
    assert Verwerking.objects.filter(operatie="stuur_bericht").count() == 1


def test_double_submit_stores_once(
    login, werkcoach, dossier, persoon_met_mail, django_capture_on_commit_callbacks
):
    client = login(werkcoach)
    pagina = client.get(reverse("dossiers:berichten", args=[dossier.pk]))
    data = {"tekst": "Eén keer", "idempotentiesleutel": _sleutel(pagina)}
    with django_capture_on_commit_callbacks(execute=True):
        eerste = client.post(reverse("dossiers:berichten", args=[dossier.pk]), data)
        tweede = client.post(reverse("dossiers:berichten", args=[dossier.pk]), data)
    assert eerste.status_code == tweede.status_code == 302
    assert eerste["Location"] == tweede["Location"]
    assert JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count() == 1
    assert len(mail.outbox) == 1


def test_mail_failure_keeps_message_and_logs(
    login,
    werkcoach,
    dossier,
    persoon_met_mail,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    client = login(werkcoach)
    with django_capture_on_commit_callbacks(execute=True):
        response = _nieuw(client, dossier, tekst="Komt aan, ook zonder mail")
    assert response.status_code == 302
    assert JournaalRegel.objects.filter(tekst="Komt aan, ook zonder mail").exists()
    assert "niet verstuurd" in caplog.text


def test_burger_reply_appears_in_staff_thread(login, werkcoach, dossier, burger):
    persoon = dossier.werkzoekende
    persoon.account = burger
    persoon.save(update_fields=["account"])
    vraag = berichten.stuur_bericht(
        dossier=dossier, door=werkcoach, onderwerp="Cv", tekst="Stuur uw cv?"
    )
    antwoord = berichten.stuur_bericht(
        dossier=dossier, door=burger, antwoord_op=vraag, tekst="Hierbij, zie bijlage."
    )
    assert antwoord.richting == "inkomend" and antwoord.antwoord_op == vraag
    assert antwoord.onderwerp == "Cv"
    client = login(werkcoach)
    lijst = client.get(reverse("dossiers:berichten", args=[dossier.pk])).content.decode()
    assert "1 antwoord" in lijst
    draad = client.get(reverse("dossiers:bericht", args=[dossier.pk, vraag.pk])).content.decode()
    assert draad.index("Stuur uw cv?") < draad.index("Hierbij, zie bijlage.")
    assert "Van de burger" in draad
    # the werkcoach answers in the same thread; a reply to the reply joins the thread too
    pagina = client.get(reverse("dossiers:bericht", args=[dossier.pk, vraag.pk]))
    client.post(
        reverse("dossiers:bericht", args=[dossier.pk, vraag.pk]),
        {"tekst": "Dank u.", "idempotentiesleutel": _sleutel(pagina)},
    )
    laatste = JournaalRegel.objects.get(tekst="Dank u.")
    assert laatste.antwoord_op == vraag and laatste.richting == "uitgaand"
    op_antwoord = berichten.stuur_bericht(
        dossier=dossier, door=werkcoach, antwoord_op=antwoord, tekst="x"
    )
    assert op_antwoord.antwoord_op == vraag
    assert Verwerking.objects.filter(operatie="bekijk_bericht").exists()


def test_empty_and_too_long_give_dutch_errors(login, werkcoach, dossier):
    client = login(werkcoach)
    leeg = _nieuw(client, dossier, tekst="   ")
    assert leeg.status_code == 200
    assert "Schrijf eerst een bericht." in leeg.content.decode()
    lang = _nieuw(client, dossier, tekst="a" * 5001)
    assert lang.status_code == 200
    assert "te lang" in lang.content.decode()
    assert not JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).exists()


def test_hostile_text_escaped_on_staff_screens(login, werkcoach, dossier):
    bericht = berichten.stuur_bericht(dossier=dossier, door=werkcoach, onderwerp=XSS, tekst=XSS)
    client = login(werkcoach)
    for url in (
        reverse("dossiers:berichten", args=[dossier.pk]),
        reverse("dossiers:bericht", args=[dossier.pk, bericht.pk]),
        reverse("dossiers:detail", args=[dossier.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_access_other_staff(login, dossier, werkcoach, andere_werkcoach, teamleider, beheerder):
    bericht = berichten.stuur_bericht(dossier=dossier, door=werkcoach, tekst="Alleen voor u")
    lijst = reverse("dossiers:berichten", args=[dossier.pk])
    draad = reverse("dossiers:bericht", args=[dossier.pk, bericht.pk])
    client = login(andere_werkcoach)
    assert client.get(lijst).status_code == 404
    assert client.get(draad).status_code == 404
    assert client.post(lijst, {"tekst": "x"}).status_code == 404
    client = login(beheerder)
    assert client.get(lijst).status_code == 403
    # the teamleider reads, but does not write
    client = login(teamleider)
    assert client.get(draad).status_code == 200
    assert client.post(draad, {"tekst": "x"}).status_code == 403
    assert "Antwoord versturen" not in client.get(draad).content.decode()
    # a thread id of another dossier is a 404 in this dossier
    ander = DossierFactory(werkcoach=werkcoach)
    assert (
        login(werkcoach).get(reverse("dossiers:bericht", args=[ander.pk, bericht.pk])).status_code
        == 404
    )
    assert JournaalRegel.objects.filter(soort=JournaalSoort.BERICHT).count() == 1


def test_inkomensconsulent_of_dossier_may_write(login, dossier, inkomensconsulent):
    dossier.inkomensconsulent = inkomensconsulent
    dossier.save(update_fields=["inkomensconsulent"])
    response = _nieuw(login(inkomensconsulent), dossier, tekst="Uw uitkering is betaald.")
    assert response.status_code == 302
    assert JournaalRegel.objects.get(soort="bericht").auteur == inkomensconsulent


# --- API ----------------------------------------------------------------------------------


def test_api_post_and_list(
    login, werkcoach, dossier, persoon_met_mail, django_capture_on_commit_callbacks
):
    client = login(werkcoach)
    url = f"/api/v1/dossiers/{dossier.pk}/berichten/"
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            url,
            {"onderwerp": "Vraag", "tekst": XSS, "idempotentiesleutel": "api-sleutel-1"},
            content_type="application/json",
        )
    assert r.status_code == 201, r.content
    eerste = r.json()
    assert eerste["tekst"] == XSS  # JSON carries the text as data; clients escape on display
    assert r["Content-Type"].startswith("application/json")
    assert len(mail.outbox) == 1 and XSS not in mail.outbox[0].body
    herhaald = client.post(
        url,
        {"onderwerp": "Vraag", "tekst": XSS, "idempotentiesleutel": "api-sleutel-1"},
        content_type="application/json",
    )
    assert herhaald.status_code == 200 and herhaald.json()["id"] == eerste["id"]
    antwoord = client.post(
        url, {"tekst": "Nog iets", "antwoord_op": eerste["id"]}, content_type="application/json"
    )
    assert antwoord.status_code == 201 and antwoord.json()["antwoord_op"] == eerste["id"]
    lijst = client.get(url)
    assert lijst.status_code == 200
    assert [b["id"] for b in lijst.json()["results"]] == [antwoord.json()["id"], eerste["id"]]
    assert Verwerking.objects.filter(operatie="api_bekijk_berichten").count() == 1


def test_api_errors(login, werkcoach, dossier, andere_werkcoach, teamleider):
    url = f"/api/v1/dossiers/{dossier.pk}/berichten/"
    client = login(werkcoach)
    leeg = client.post(url, {"tekst": "  "}, content_type="application/json")
    assert leeg.status_code == 400
    assert leeg.json()["code"] == "ongeldig"
    assert leeg.json()["fouten"]["tekst"] == ["Schrijf eerst een bericht."]
    lang = client.post(url, {"tekst": "a" * 5001}, content_type="application/json")
    assert lang.status_code == 400
    vreemd = DossierFactory(werkcoach=andere_werkcoach)
    vreemd_bericht = berichten.stuur_bericht(dossier=vreemd, door=andere_werkcoach, tekst="x")
    fout_draad = client.post(
        url, {"tekst": "x", "antwoord_op": vreemd_bericht.pk}, content_type="application/json"
    )
    assert fout_draad.status_code == 400
    assert "antwoord_op" in fout_draad.json()["fouten"]
    kapot = client.post(url, "{niet json", content_type="application/json")
    assert kapot.status_code == 400
    assert (
        client.post(
            url, {"tekst": "x", "antwoord_op": "abc"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert login(andere_werkcoach).get(url).status_code == 404
    assert (
        login(andere_werkcoach)
        .post(url, {"tekst": "x"}, content_type="application/json")
        .status_code
        == 404
    )
    assert login(teamleider).get(url).status_code == 200
    assert (
        login(teamleider).post(url, {"tekst": "x"}, content_type="application/json").status_code
        == 403
    )
    assert JournaalRegel.objects.filter(dossier=dossier, soort="bericht").count() == 0


def test_api_schema_documents_berichten(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "dossiers_berichten_lijst" in schema and "dossiers_berichten_sturen" in schema


# --- Journaal form: extern / intern ---------------------------------------------------------


def test_journaal_form_explains_extern_and_intern(login, werkcoach, dossier):
    html = login(werkcoach).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Intern: de burger ziet dit nooit." in html
    assert "Extern: de burger ziet dit contactmoment in het portaal" in html


def test_burger_without_rol_cannot_post_staff_screen(login, dossier):
    burger = UserFactory(rol=Rol.BURGER, team=None)
    assert login(burger).get(reverse("dossiers:berichten", args=[dossier.pk])).status_code == 403


def test_key_unique_per_dossier_in_database(dossier, werkcoach):
    from django.db import IntegrityError, transaction

    berichten.stuur_bericht(
        dossier=dossier, door=werkcoach, tekst="a", idempotentiesleutel="k" * 20
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        JournaalRegel.objects.create(
            dossier=dossier, soort="bericht", tekst="b", idempotentiesleutel="k" * 20
        )
    # the same key in another dossier is another message; an empty key is no key
    ander = DossierFactory(werkcoach=werkcoach)
    berichten.stuur_bericht(dossier=ander, door=werkcoach, tekst="a", idempotentiesleutel="k" * 20)
    berichten.stuur_bericht(dossier=dossier, door=werkcoach, tekst="c")
    berichten.stuur_bericht(dossier=dossier, door=werkcoach, tekst="c")
    assert JournaalRegel.objects.filter(soort="bericht").count() == 4


def test_no_mail_when_the_transaction_rolls_back(
    dossier, werkcoach, persoon_met_mail, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        berichten.stuur_bericht(dossier=dossier, door=werkcoach, tekst="Teruggedraaid")
        raise RuntimeError
    assert not JournaalRegel.objects.filter(tekst="Teruggedraaid").exists()
    assert mail.outbox == []
