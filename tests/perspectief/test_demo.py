"""Demo data: every active dossier without a Profiel gets one with a measurement; idempotent;
the invariants of the services hold."""

import pytest

from perspectief import selectors
from perspectief.demo import vul_demo
from perspectief.models import Belemmering, LeefgebiedScore, Meting, Profiel
from perspectief.services import registreer_meting, werk_profiel_bij
from tests.factories import DossierFactory
from tests.perspectief.factories import alle_scores

pytestmark = pytest.mark.django_db


def test_fills_active_dossiers_without_profile_and_is_idempotent(werkcoach):
    routes = ["kansrijk", "intensief", "ontdekken", "geen_arbeid", "onbepaald"] * 4
    dossiers = [DossierFactory(werkcoach=werkcoach, route=r) for r in routes]
    beeindigd = DossierFactory(werkcoach=werkcoach, status="beeindigd", beeindigingsreden="werk")
    al_profiel = DossierFactory(werkcoach=werkcoach)
    werk_profiel_bij(dossier=al_profiel, door=werkcoach, uren_per_week=7)
    gemeten = DossierFactory(werkcoach=werkcoach)
    registreer_meting(
        dossier=gemeten, bron="intake", scores=alle_scores(2), trede=1, door=werkcoach
    )
    Profiel.objects.filter(dossier=gemeten).delete()  # a measurement without a profile

    stats = vul_demo(seed=1, log=lambda m: None)
    assert stats["profielen"] == len(dossiers) + 1
    assert not Profiel.objects.filter(dossier=beeindigd).exists()
    assert Profiel.objects.get(dossier=al_profiel).uren_per_week == 7  # left alone
    assert Meting.objects.filter(dossier=gemeten).count() == 1  # no second intake
    assert Profiel.objects.get(dossier=gemeten).scores == {c: 2 for c in alle_scores()}

    laatste = selectors.laatste_metingen(dossier_ids=[d.pk for d in dossiers], vertrouwelijk=True)
    for d in dossiers:
        profiel = Profiel.objects.get(dossier=d)
        assert profiel.scores == laatste[d.pk].scores and profiel.trede == laatste[d.pk].trede
        assert len(profiel.scores) == 13
        assert (
            profiel.blokkerende_belemmeringen
            == Belemmering.objects.filter(dossier=d, actief=True, blokkeert_werk=True).count()
        )
    assert not LeefgebiedScore.objects.filter(score__lte=2, toelichting="").exists()
    kansrijk = Profiel.objects.filter(dossier__route="kansrijk")
    assert set(kansrijk.values_list("segment", flat=True)) == {"kansrijk"}
    assert all(p.trede >= 4 for p in kansrijk)

    aantallen = (Profiel.objects.count(), Meting.objects.count(), Belemmering.objects.count())
    assert vul_demo(seed=1, log=lambda m: None)["profielen"] == 0
    assert (
        Profiel.objects.count(),
        Meting.objects.count(),
        Belemmering.objects.count(),
    ) == aantallen
