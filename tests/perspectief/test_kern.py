"""The shared categorisation and the measurement services other apps build on."""

import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import JournaalRegel
from perspectief.models import Beroep, Leefgebied, Meting, MetingBron, Profiel, Trede
from perspectief.services import leg_belemmeringen_vast, registreer_meting, werk_profiel_bij

pytestmark = pytest.mark.django_db


def alle_scores(score=4, **afwijkend):
    uit = {lg.code: (score, "") for lg in Leefgebied.objects.all()}
    uit.update(afwijkend)
    return uit


def test_reference_data_is_seeded():
    assert Leefgebied.objects.count() == 13
    assert Leefgebied.objects.get(nummer=8).burger_label == "Verslaving"
    assert list(Trede.objects.values_list("nummer", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert Beroep.objects.filter(kansrijk=True).count() >= 12
    assert Beroep.objects.get(naam="Vrachtwagenchauffeur").rijbewijzen == ["C"]


def test_professional_measurement_needs_all_domains(dossier, werkcoach):
    scores = alle_scores()
    del scores["justitie"]
    with pytest.raises(ValidationError) as fout:
        registreer_meting(dossier=dossier, bron="intake", scores=scores, trede=3, door=werkcoach)
    assert "score_justitie" in fout.value.message_dict
    assert not Meting.objects.exists()


@pytest.mark.parametrize("score", [0, 6, "3", True])
def test_score_outside_1_to_5_refused(dossier, werkcoach, score):
    with pytest.raises(ValidationError) as fout:
        registreer_meting(
            dossier=dossier,
            bron="intake",
            scores=alle_scores(financien=(score, "x")),
            trede=3,
            door=werkcoach,
        )
    assert "1, 2, 3, 4 of 5" in fout.value.message_dict["score_financien"][0]


def test_low_score_needs_explanation(dossier, werkcoach):
    with pytest.raises(ValidationError) as fout:
        registreer_meting(
            dossier=dossier,
            bron="intake",
            scores=alle_scores(huisvesting=(2, " ")),
            trede=3,
            door=werkcoach,
        )
    assert fout.value.message_dict["toelichting_huisvesting"] == [
        "Licht de score 2 voor Huisvesting toe."
    ]


def test_self_assessment_may_be_partial_and_does_not_move_profile(dossier, werkcoach):
    registreer_meting(
        dossier=dossier, bron="intake", scores=alle_scores(3), trede=2, door=werkcoach
    )
    registreer_meting(
        dossier=dossier,
        bron=MetingBron.ZELFBEOORDELING,
        scores={"financien": (5, "")},
        trede=None,
        door=None,
    )
    profiel = Profiel.objects.get(dossier=dossier)
    assert profiel.scores["financien"] == 3 and profiel.trede == 2


def test_step_up_is_written_to_the_journaal(dossier, werkcoach):
    registreer_meting(
        dossier=dossier, bron="intake", scores=alle_scores(3), trede=2, door=werkcoach
    )
    registreer_meting(
        dossier=dossier,
        bron="werkcoach",
        scores=alle_scores(3, financien=(4, ""), middelengebruik=(4, "")),
        trede=3,
        door=werkcoach,
    )
    regel = JournaalRegel.objects.filter(dossier=dossier, onderwerp="Stap vooruit").get()
    assert "van trede 2 naar trede 3" in regel.tekst
    assert "Financiën: van 3 naar 4" in regel.tekst
    assert "Middelengebruik" not in regel.tekst  # confidential domain stays out of the journaal
    assert Profiel.objects.get(dossier=dossier).trede == 3


def test_profile_and_barriers(dossier, werkcoach):
    werk_profiel_bij(dossier=dossier, door=werkcoach, certificaten=["vca"], uren_per_week=24)
    leg_belemmeringen_vast(
        dossier=dossier,
        belemmeringen=[
            {"leefgebied": "financien", "omschrijving": "Schulden", "blokkeert_werk": True},
            {"leefgebied": "huisvesting", "omschrijving": "Tijdelijk adres"},
        ],
        door=werkcoach,
    )
    profiel = Profiel.objects.get(dossier=dossier)
    assert profiel.certificaten == ["vca"] and profiel.uren_per_week == 24
    assert profiel.blokkerende_belemmeringen == 1
    with pytest.raises(ValidationError) as fout:
        leg_belemmeringen_vast(
            dossier=dossier, belemmeringen=[{"leefgebied": "x", "omschrijving": ""}], door=None
        )
    assert set(fout.value.message_dict) == {
        "belemmeringen.0.leefgebied",
        "belemmeringen.0.omschrijving",
    }


def test_skills_named_twice_are_kept_once(dossier, werkcoach):
    from perspectief.models import Vaardigheid
    from perspectief.services import leg_vaardigheden_vast

    n = leg_vaardigheden_vast(
        dossier=dossier,
        vaardigheden=[("Plannen", "Brede intake"), ("plannen ", "Voedselbank"), ("Koken", "")],
        door=werkcoach,
    )
    assert n == 2
    assert (
        leg_vaardigheden_vast(
            dossier=dossier, vaardigheden=[("PLANNEN", "x"), ("Tillen", "y")], door=werkcoach
        )
        == 1
    )
    assert dict(Vaardigheid.objects.filter(dossier=dossier).values_list("naam", "bron")) == {
        "Plannen": "Brede intake",
        "Koken": "",
        "Tillen": "y",
    }
