import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol, Team, Vervanging
from bijstand.accounts.services import registreer_vervanging
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.scope import dossier_scope_q, mag_dossier_zien
from tests.factories import DossierFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

DAG = datetime.timedelta(days=1)


@pytest.fixture
def team_noord(teamleider):
    return Team.objects.get(teamleider=teamleider)


@pytest.fixture
def coaches(team_noord):
    afwezig = UserFactory(rol=Rol.WERKCONSULENT, team=team_noord)
    vervanger = UserFactory(rol=Rol.WERKCONSULENT, team=team_noord)
    return afwezig, vervanger


def _zichtbaar(user) -> set[int]:
    return set(Dossier.objects.filter(dossier_scope_q(user)).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("van", "tot", "ziet"),
    [
        (-1, 1, True),  # running now
        (0, 0, True),  # just today
        (-10, -1, False),  # ended yesterday
        (1, 10, False),  # starts tomorrow
    ],
)
def test_substitute_sees_caseload_only_during_period(coaches, teamleider, van, tot, ziet):
    afwezig, vervanger = coaches
    eigen = DossierFactory(werkcoach=vervanger)
    overgenomen = DossierFactory.create_batch(2, werkcoach=afwezig)
    vreemd = DossierFactory()  # someone else's caseload
    vandaag = timezone.localdate()
    registreer_vervanging(
        afwezige=afwezig,
        vervanger=vervanger,
        van=vandaag + van * DAG,
        tot=vandaag + tot * DAG,
        reden="Verlof",
        door=teamleider,
    )
    verwacht = {eigen.pk} | ({d.pk for d in overgenomen} if ziet else set())
    assert _zichtbaar(vervanger) == verwacht
    assert all(mag_dossier_zien(vervanger, d) is ziet for d in overgenomen)
    assert not mag_dossier_zien(vervanger, vreemd)
    # The absent colleague does not gain anything.
    assert _zichtbaar(afwezig) == {d.pk for d in overgenomen}


def test_inkomensconsulent_substitution(team_noord, teamleider):
    afwezig = UserFactory(rol=Rol.INKOMENSCONSULENT, team=team_noord)
    vervanger = UserFactory(rol=Rol.INKOMENSCONSULENT, team=team_noord)
    dossier = DossierFactory(inkomensconsulent=afwezig)
    assert not mag_dossier_zien(vervanger, dossier)
    vandaag = timezone.localdate()
    registreer_vervanging(
        afwezige=afwezig,
        vervanger=vervanger,
        van=vandaag,
        tot=vandaag + DAG,
        reden="Ziek",
        door=teamleider,
    )
    assert mag_dossier_zien(vervanger, dossier)
    assert dossier.pk in _zichtbaar(vervanger)


def test_service_validates(coaches, teamleider, team_noord):
    afwezig, vervanger = coaches
    vandaag = timezone.localdate()
    kwargs = {"van": vandaag, "tot": vandaag, "reden": "x", "door": teamleider}
    with pytest.raises(ValidationError) as exc:
        registreer_vervanging(afwezige=afwezig, vervanger=afwezig, **kwargs)
    assert "vervanger" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        registreer_vervanging(
            afwezige=afwezig,
            vervanger=vervanger,
            van=vandaag,
            tot=vandaag - DAG,
            reden="x",
            door=teamleider,
        )
    assert "tot" in exc.value.message_dict
    ander_rol = UserFactory(rol=Rol.INKOMENSCONSULENT, team=team_noord)
    with pytest.raises(ValidationError):
        registreer_vervanging(afwezige=afwezig, vervanger=ander_rol, **kwargs)
    ander_team = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory())
    with pytest.raises(ValidationError) as exc:
        registreer_vervanging(afwezige=ander_team, vervanger=vervanger, **kwargs)
    assert "afwezige" in exc.value.message_dict
    assert not Vervanging.objects.exists()


def test_screen_create_and_list(client, teamleider, coaches):
    afwezig, vervanger = coaches
    client.force_login(teamleider)
    form = client.get(reverse("accounts:vervanging_nieuw"))
    assert form.status_code == 200
    assert "utrecht-select" in form.content.decode()
    vandaag = timezone.localdate()
    response = client.post(
        reverse("accounts:vervanging_nieuw"),
        {
            "afwezige": afwezig.pk,
            "vervanger": vervanger.pk,
            "van": vandaag.isoformat(),
            "tot": (vandaag + 7 * DAG).isoformat(),
            "reden": "Vakantie",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:vervangingen")
    v = Vervanging.objects.get()
    assert (v.afwezige, v.vervanger, v.vastgelegd_door) == (afwezig, vervanger, teamleider)
    lijst = client.get(reverse("accounts:vervangingen"))
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert "Vakantie" in html and escape(str(vervanger)) in html


def test_screen_errors_are_linked(client, teamleider, coaches):
    afwezig, _ = coaches
    client.force_login(teamleider)
    vandaag = timezone.localdate()
    response = client.post(
        reverse("accounts:vervanging_nieuw"),
        {
            "afwezige": afwezig.pk,
            "vervanger": afwezig.pk,
            "van": vandaag.isoformat(),
            "tot": vandaag.isoformat(),
            "reden": "x",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_vervanger-fout"' in html
    select = re.search(r'<select name="vervanger"[^>]*>', html).group(0)
    assert 'aria-describedby="id_vervanger-fout"' in select
    assert 'aria-invalid="true"' in select
    assert not Vervanging.objects.exists()


def test_screen_only_offers_own_team(client, teamleider, coaches):
    buiten = UserFactory(rol=Rol.WERKCONSULENT, team=TeamFactory(), last_name="Buitenteam")
    client.force_login(teamleider)
    html = client.get(reverse("accounts:vervanging_nieuw")).content.decode()
    assert "Buitenteam" not in html
    vandaag = timezone.localdate()
    response = client.post(
        reverse("accounts:vervanging_nieuw"),
        {
            "afwezige": buiten.pk,
            "vervanger": coaches[1].pk,
            "van": vandaag.isoformat(),
            "tot": vandaag.isoformat(),
            "reden": "x",
        },
    )
    assert response.status_code == 200
    assert not Vervanging.objects.exists()


def test_screen_paginated_and_scoped(client, teamleider, coaches, django_assert_max_num_queries):
    afwezig, vervanger = coaches
    vandaag = timezone.localdate()
    Vervanging.objects.bulk_create(
        Vervanging(
            afwezige=afwezig,
            vervanger=vervanger,
            van=vandaag + i * DAG,
            tot=vandaag + i * DAG,
            reden=f"r{i}",
        )
        for i in range(30)
    )
    ander = TeamFactory()
    a, b = UserFactory.create_batch(2, rol=Rol.WERKCONSULENT, team=ander)
    Vervanging.objects.create(afwezige=a, vervanger=b, van=vandaag, tot=vandaag, reden="Anders")
    client.force_login(teamleider)
    with django_assert_max_num_queries(10):
        page1 = client.get(reverse("accounts:vervangingen"))
    assert len(page1.context["vervangingen"]) == 25
    page2 = client.get(reverse("accounts:vervangingen") + "?page=2")
    assert len(page2.context["vervangingen"]) == 5
    assert "Anders" not in page1.content.decode() + page2.content.decode()
    assert 'aria-current="page"' in page1.content.decode()


@pytest.mark.parametrize(
    "rol", [Rol.WERKCONSULENT, Rol.BEHEERDER, Rol.PRIVACY, Rol.BETAALRUN, Rol.BURGER]
)
def test_screen_for_teamleiders_only(client, rol):
    client.force_login(UserFactory(rol=rol))
    assert client.get(reverse("accounts:vervangingen")).status_code == 403
    assert client.get(reverse("accounts:vervanging_nieuw")).status_code == 403


def test_screen_requires_login(client):
    response = client.get(reverse("accounts:vervangingen"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
