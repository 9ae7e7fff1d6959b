"""Privacy of candidates: names only from the own caseload, counts per colleague elsewhere,
anonymous job profiles only of people who opted in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol, Vervanging
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import Verwerking
from tests.factories import UserFactory
from vacatures import selectors

from .factories import VacatureFactory

pytestmark = pytest.mark.django_db


def _eigen_ids(kandidaten):
    return [k.dossier.pk for k in kandidaten.eigen.object_list]


def test_werkcoach_sees_own_names_and_counts_per_colleague(wereld_vacatures):
    w = wereld_vacatures
    vacature = VacatureFactory()
    kandidaten = selectors.kandidaten_voor_vacature(vacature=vacature, user=w["coach"])

    assert kandidaten.namen_zichtbaar
    assert _eigen_ids(kandidaten) == [p.dossier_id for p in w["eigen"]]  # full fit first
    assert (kandidaten.eigen_passend, kandidaten.eigen_bijna) == (1, 1)
    tellingen = {c.werkcoach.pk: (c.passend, c.bijna) for c in kandidaten.collegas.object_list}
    assert tellingen == {w["collega"].pk: (3, 1), w["ander"].pk: (1, 0)}
    # the colleague with most fitting candidates first
    assert kandidaten.collegas.object_list[0].werkcoach == w["collega"]
    assert (kandidaten.totaal_passend, kandidaten.totaal_bijna) == (5, 2)


def test_colleague_sees_the_mirror_image(wereld_vacatures):
    w = wereld_vacatures
    kandidaten = selectors.kandidaten_voor_vacature(vacature=VacatureFactory(), user=w["collega"])
    assert _eigen_ids(kandidaten) == [p.dossier_id for p in w["bij_collega"]]
    tellingen = {c.werkcoach.pk: (c.passend, c.bijna) for c in kandidaten.collegas.object_list}
    assert tellingen == {w["coach"].pk: (1, 1), w["ander"].pk: (1, 0)}


def test_teamleider_sees_counts_only(wereld_vacatures):
    w = wereld_vacatures
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    w["coach"].team.teamleider = teamleider
    w["coach"].team.save()
    kandidaten = selectors.kandidaten_voor_vacature(vacature=VacatureFactory(), user=teamleider)
    assert not kandidaten.namen_zichtbaar
    assert kandidaten.eigen.paginator.count == 0
    assert sum(c.passend + c.bijna for c in kandidaten.collegas.object_list) == 7


def test_substitute_sees_the_absent_colleagues_names(wereld_vacatures):
    w = wereld_vacatures
    vandaag = timezone.localdate()
    Vervanging.objects.create(
        afwezige=w["collega"], vervanger=w["coach"], van=vandaag - timedelta(days=1),
        tot=vandaag + timedelta(days=1), reden="Vakantie",
    )  # fmt: skip
    kandidaten = selectors.kandidaten_voor_vacature(vacature=VacatureFactory(), user=w["coach"])
    assert set(_eigen_ids(kandidaten)) == {p.dossier_id for p in [*w["eigen"], *w["bij_collega"]]}
    assert {c.werkcoach.pk for c in kandidaten.collegas.object_list} == {w["ander"].pk}


def test_page_shows_names_only_of_own_caseload(wereld_vacatures, login):
    w = wereld_vacatures
    vacature = VacatureFactory()
    html = login(w["coach"]).get(f"/vacatures/{vacature.pk}/").content.decode()
    for p in w["eigen"]:
        assert escape(p.dossier.werkzoekende.naam) in html
    for p in [*w["bij_collega"], *w["bij_ander"]]:
        assert escape(p.dossier.werkzoekende.naam) not in html
        assert escape(p.dossier.werkzoekende.achternaam) not in html
    assert escape(str(w["collega"])) in html


def test_only_shown_names_are_logged(wereld_vacatures, login):
    w = wereld_vacatures
    vacature = VacatureFactory()
    login(w["coach"]).get(f"/vacatures/{vacature.pk}/")
    gelogd = set(
        Verwerking.objects.filter(operatie="bekijk_kandidaten_vacature").values_list(
            "betrokkene", flat=True
        )
    )
    assert gelogd == {pseudoniem(p.dossier.werkzoekende.log_subject) for p in w["eigen"]}


def test_employer_view_shows_only_opted_in_people_anonymously(wereld_vacatures, login):
    w = wereld_vacatures
    vacature = VacatureFactory()
    zichtbaar = w["bij_ander"][0]
    client = login(w["coach"])
    response = client.get(f"/vacatures/{vacature.pk}/werkprofielen/")
    html = response.content.decode()
    code = selectors.kandidaatcode(vacature.pk, zichtbaar.dossier_id)
    assert code in html
    assert "1 werkprofiel" in html
    assert escape(zichtbaar.dossier.werkzoekende.naam) not in html
    assert zichtbaar.dossier.werkzoekende.bsn not in html
    for p in [*w["eigen"], *w["bij_collega"]]:  # did not opt in
        assert selectors.kandidaatcode(vacature.pk, p.dossier_id) not in html
    assert Verwerking.objects.filter(
        operatie="toon_anoniem_werkprofiel",
        betrokkene=pseudoniem(zichtbaar.dossier.werkzoekende.log_subject),
    ).exists()

    # Opt-out: gone from the employer view at once (nothing cached).
    zichtbaar.zichtbaar_voor_werkgevers = False
    zichtbaar.save()
    html = client.get(f"/vacatures/{vacature.pk}/werkprofielen/").content.decode()
    assert code not in html
    assert "geen zichtbare werkprofielen" in html


def test_candidate_code_differs_per_vacancy_and_is_shown_to_own_werkcoach(wereld_vacatures, login):
    w = wereld_vacatures
    a, b = VacatureFactory(), VacatureFactory()
    dossier_id = w["eigen"][0].dossier_id
    assert selectors.kandidaatcode(a.pk, dossier_id) != selectors.kandidaatcode(b.pk, dossier_id)
    html = login(w["coach"]).get(f"/vacatures/{a.pk}/").content.decode()
    assert selectors.kandidaatcode(a.pk, dossier_id) in html
