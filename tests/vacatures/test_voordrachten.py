"""Voordracht -> gesprek -> plaatsing / afgewezen: the transition table, the journaal, the
vacancy filled when all places are taken, and the werkgevers/vacatures services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from bijstand.dossiers.models import DossierStatus, JournaalRegel
from bijstand.logboek.models import Verwerking
from tests.factories import DossierFactory
from vacatures import selectors, services
from vacatures.models import (
    TOEGESTANE_OVERGANGEN,
    Plaatsing,
    VacatureStatus,
    Voordracht,
    VoordrachtStatus,
    VoordrachtWijziging,
)

from .factories import ProfielFactory, VacatureFactory, WerkgeverFactory, beroep

pytestmark = pytest.mark.django_db


def _moment():
    return timezone.make_aware(datetime(2026, 5, 4, 10, 30))


def _plaats(voordracht, werkcoach, **kwargs):
    return services.registreer_plaatsing(
        voordracht=voordracht,
        startdatum=kwargs.pop("startdatum", date(2026, 6, 1)),
        contracturen=kwargs.pop("contracturen", 32),
        contract_maanden=kwargs.pop("contract_maanden", 12),
        door=werkcoach,
        **kwargs,
    )


def test_transition_table():
    assert {
        "voorgedragen": {"gesprek", "afgewezen"},
        "gesprek": {"gesprek", "geplaatst", "afgewezen"},
        "geplaatst": set(),
        "afgewezen": set(),
    } == TOEGESTANE_OVERGANGEN


def test_full_path_with_journaal_and_log(vacature, kandidaat, werkcoach):
    voordracht = services.draag_voor(
        vacature=vacature, dossier=kandidaat, door=werkcoach, toelichting="Gemotiveerd."
    )
    assert (voordracht.status, voordracht.score, voordracht.tekorten) == ("voorgedragen", 100, [])
    services.plan_gesprek(voordracht=voordracht, op=_moment(), door=werkcoach)
    plaatsing = _plaats(voordracht, werkcoach)

    voordracht.refresh_from_db()
    assert voordracht.status == VoordrachtStatus.GEPLAATST
    assert voordracht.gesprek_op == _moment()
    assert (plaatsing.startdatum, plaatsing.contracturen, plaatsing.contract_maanden) == (
        date(2026, 6, 1), 32, 12,
    )  # fmt: skip
    assert list(
        VoordrachtWijziging.objects.filter(voordracht=voordracht)
        .order_by("op", "pk")
        .values_list("van", "naar")
    ) == [("", "voorgedragen"), ("voorgedragen", "gesprek"), ("gesprek", "geplaatst")]
    teksten = list(
        JournaalRegel.objects.filter(dossier=kandidaat)
        .order_by("op", "pk")
        .values_list("tekst", flat=True)
    )
    werkgever = vacature.werkgever.naam
    assert teksten[0].startswith(f"Voorgedragen voor de vacature Kok bij {werkgever} (match 100).")
    assert "Gemotiveerd." in teksten[0]
    assert teksten[1] == f"Sollicitatiegesprek voor Kok bij {werkgever} op 4 mei 2026, 10:30."
    assert teksten[2] == (
        f"Plaatsing bij {werkgever} per 1 juni 2026 als Kok: 32 uur per week, contract voor 12 "
        "maanden."
    )
    operaties = set(Verwerking.objects.values_list("operatie", flat=True))
    assert {"draag_voor", "plan_gesprek", "registreer_plaatsing"} <= operaties
    # The dossier itself stays with the consulent (status page): still active.
    kandidaat.refresh_from_db()
    assert kandidaat.status == DossierStatus.LOPEND


@pytest.mark.parametrize(
    "stappen,fout",
    [
        (["geplaatst"], "Van 'Voorgedragen' naar 'Geplaatst' is geen toegestane stap."),
        (["afgewezen", "gesprek"],
         "Van 'Afgewezen' naar 'Gesprek gepland' is geen toegestane stap."),
        (["gesprek", "geplaatst", "afgewezen"],
         "Van 'Geplaatst' naar 'Afgewezen' is geen toegestane stap."),
    ],
)  # fmt: skip
def test_forbidden_transitions_are_refused(vacature, kandidaat, werkcoach, stappen, fout):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    doe = {
        "gesprek": lambda: services.plan_gesprek(
            voordracht=voordracht, op=_moment(), door=werkcoach
        ),
        "geplaatst": lambda: _plaats(voordracht, werkcoach),
        "afgewezen": lambda: services.wijs_af(
            voordracht=voordracht, reden="past_niet", door=werkcoach
        ),
    }  # fmt: skip
    for stap in stappen[:-1]:
        doe[stap]()
    voor = VoordrachtWijziging.objects.count()
    with pytest.raises(ValidationError) as exc:
        doe[stappen[-1]]()
    assert exc.value.message_dict["status"] == [fout]
    assert VoordrachtWijziging.objects.count() == voor


def test_second_interview_is_allowed(vacature, kandidaat, werkcoach):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    services.plan_gesprek(voordracht=voordracht, op=_moment(), door=werkcoach)
    later = _moment() + timedelta(days=7)
    services.plan_gesprek(voordracht=voordracht, op=later, door=werkcoach)
    voordracht.refresh_from_db()
    assert (voordracht.status, voordracht.gesprek_op) == ("gesprek", later)


def test_rejection_needs_reason(vacature, kandidaat, werkcoach):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    with pytest.raises(ValidationError) as exc:
        services.wijs_af(voordracht=voordracht, reden="", door=werkcoach)
    assert exc.value.message_dict == {"reden": ["Kies de reden van de afwijzing."]}
    with pytest.raises(ValidationError) as exc:
        services.wijs_af(voordracht=voordracht, reden="overig", door=werkcoach)
    assert exc.value.message_dict == {"toelichting": ["Licht de reden toe."]}
    services.wijs_af(
        voordracht=voordracht, reden="werkgever_kiest_ander", door=werkcoach, toelichting="Jammer"
    )
    voordracht.refresh_from_db()
    assert (voordracht.status, voordracht.afwijzingsreden) == ("afgewezen", "werkgever_kiest_ander")
    regel = JournaalRegel.objects.filter(dossier=kandidaat).order_by("-op", "-pk").first()
    assert "beëindigd: Werkgever kiest een andere kandidaat. Jammer" in regel.tekst
    # A rejected person may be proposed again.
    opnieuw = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    assert opnieuw.pk != voordracht.pk


def test_database_refuses_two_running_proposals(vacature, kandidaat, werkcoach):
    services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    assert exc.value.message_dict == {
        "dossier": ["Deze kandidaat is al voorgedragen voor deze vacature."]
    }
    with pytest.raises(IntegrityError):
        Voordracht.objects.create(vacature=vacature, dossier=kandidaat, score=1)


def test_only_the_own_werkcoach_proposes_and_updates(vacature, kandidaat, werkcoach, collega):
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=vacature, dossier=kandidaat, door=collega)
    assert exc.value.message_dict == {
        "dossier": ["U kunt alleen kandidaten uit uw eigen caseload voordragen."]
    }
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    with pytest.raises(ValidationError):
        services.plan_gesprek(voordracht=voordracht, op=_moment(), door=collega)


def test_proposal_refused_for_closed_vacancy_inactive_dossier_or_no_profile(werkcoach):
    vacature = VacatureFactory()
    zonder_profiel = DossierFactory(werkcoach=werkcoach)
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=vacature, dossier=zonder_profiel, door=werkcoach)
    assert "werkprofiel" in exc.value.message_dict["dossier"][0]

    gesloten = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach, status="beeindigd", beeindigingsreden="werk")
    ).dossier
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=vacature, dossier=gesloten, door=werkcoach)
    assert exc.value.message_dict == {"dossier": ["Dit dossier is niet actief."]}

    kandidaat = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier
    verlopen = VacatureFactory(sluitdatum=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=verlopen, dossier=kandidaat, door=werkcoach)
    assert exc.value.message_dict == {"vacature": ["De sluitdatum van deze vacature is voorbij."]}
    services.trek_vacature_in(vacature=vacature, door=werkcoach, reden="Werkgever stopt")
    with pytest.raises(ValidationError) as exc:
        services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    assert exc.value.message_dict == {"vacature": ["Deze vacature is niet meer open."]}


def test_proposal_stores_the_fit_with_gaps(werkcoach):
    vacature = VacatureFactory()
    dossier = ProfielFactory(
        dossier=DossierFactory(werkcoach=werkcoach), certificaten=[], gewenste_beroepen=["5120"]
    ).dossier
    voordracht = services.draag_voor(vacature=vacature, dossier=dossier, door=werkcoach)
    assert (voordracht.score, voordracht.tekorten, voordracht.pluspunten) == (
        90, ["mist HACCP / hygiënecode"], ["wil dit werk graag doen"],
    )  # fmt: skip
    regel = JournaalRegel.objects.get(dossier=dossier)
    assert "Nog nodig: mist HACCP / hygiënecode." in regel.tekst


def test_last_place_fills_the_vacancy_and_closes_running_proposals(werkcoach, collega):
    vacature = VacatureFactory(aantal_plaatsen=1)
    eerste = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier
    tweede = ProfielFactory(dossier=DossierFactory(werkcoach=collega)).dossier
    a = services.draag_voor(vacature=vacature, dossier=eerste, door=werkcoach)
    b = services.draag_voor(vacature=vacature, dossier=tweede, door=collega)
    services.plan_gesprek(voordracht=a, op=_moment(), door=werkcoach)
    _plaats(a, werkcoach)

    vacature.refresh_from_db()
    b.refresh_from_db()
    assert vacature.status == VacatureStatus.VERVULD
    assert (b.status, b.afwijzingsreden) == ("afgewezen", "vacature_gesloten")
    systeemregel = JournaalRegel.objects.filter(dossier=tweede).order_by("-op", "-pk").first()
    assert systeemregel.auteur is None and systeemregel.soort == "systeem"
    assert "Alle plaatsen zijn vervuld." in systeemregel.tekst

    # No place left: a second placement is refused.
    derde = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier
    c = Voordracht.objects.create(vacature=vacature, dossier=derde, score=100, status="gesprek")
    with pytest.raises(ValidationError) as exc:
        _plaats(c, werkcoach)
    assert "alle plaatsen zijn vervuld" in exc.value.message_dict["vacature"][0]
    assert Plaatsing.objects.count() == 1


def test_more_places_reopen_a_filled_vacancy(werkcoach, kandidaat):
    vacature = VacatureFactory(aantal_plaatsen=1)
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    services.plan_gesprek(voordracht=voordracht, op=_moment(), door=werkcoach)
    _plaats(voordracht, werkcoach)
    with pytest.raises(ValidationError) as exc:
        services.wijzig_vacature(vacature=vacature, door=werkcoach, aantal_plaatsen=0)
    assert "aantal_plaatsen" in exc.value.message_dict
    vacature = services.wijzig_vacature(vacature=vacature, door=werkcoach, aantal_plaatsen=3)
    assert vacature.status == VacatureStatus.OPEN


def test_placement_validates_hours_and_duration(vacature, kandidaat, werkcoach):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    services.plan_gesprek(voordracht=voordracht, op=_moment(), door=werkcoach)
    with pytest.raises(ValidationError) as exc:
        _plaats(voordracht, werkcoach, contracturen=0, contract_maanden=0)
    assert set(exc.value.message_dict) == {"contracturen", "contract_maanden"}
    plaatsing = _plaats(voordracht, werkcoach, contract_maanden=None)
    regel = JournaalRegel.objects.filter(dossier=kandidaat).order_by("-op", "-pk").first()
    assert plaatsing.contract_maanden is None
    assert "contract voor onbepaalde tijd" in regel.tekst


def test_plaatsingen_per_maand(werkcoach, collega):
    vacature = VacatureFactory(aantal_plaatsen=5)
    for coach, start in ((werkcoach, date(2026, 1, 5)), (werkcoach, date(2026, 1, 30)),
                         (collega, date(2026, 3, 1))):  # fmt: skip
        dossier = ProfielFactory(dossier=DossierFactory(werkcoach=coach)).dossier
        v = services.draag_voor(vacature=vacature, dossier=dossier, door=coach)
        services.plan_gesprek(voordracht=v, op=_moment(), door=coach)
        _plaats(v, coach, startdatum=start)
    assert selectors.plaatsingen_per_maand(van=date(2025, 12, 1), tot=date(2026, 3, 31)) == [
        (date(2025, 12, 1), 0),
        (date(2026, 1, 1), 2),
        (date(2026, 2, 1), 0),
        (date(2026, 3, 1), 1),
    ]
    assert selectors.plaatsingen_per_maand(
        van=date(2026, 1, 1), tot=date(2026, 3, 31), werkcoach_ids=[collega.pk]
    ) == [(date(2026, 1, 1), 0), (date(2026, 2, 1), 0), (date(2026, 3, 1), 1)]


# --- werkgevers and vacatures -------------------------------------------------------------


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", ""])
def test_kvk_number_has_8_digits(kvk):
    with pytest.raises(ValidationError) as exc:
        services.maak_werkgever(door=None, naam="Bakkerij", kvk_nummer=kvk)
    assert exc.value.message_dict["kvk_nummer"] == ["Een KvK-nummer bestaat uit 8 cijfers."]


def test_kvk_number_is_unique_and_normalised():
    werkgever = services.maak_werkgever(door=None, naam="Bakkerij", kvk_nummer="2412 3456")
    assert werkgever.kvk_nummer == "24123456"
    with pytest.raises(ValidationError) as exc:
        services.maak_werkgever(door=None, naam="Andere", kvk_nummer="24123456")
    assert exc.value.message_dict["kvk_nummer"] == ["Er staat al een werkgever met dit KvK-nummer."]


def test_vacancy_defaults_from_occupation_and_validates(werkcoach):
    werkgever = WerkgeverFactory()
    chauffeur = beroep("Vrachtwagenchauffeur")
    vacature = services.maak_vacature(
        werkgever=werkgever,
        beroep=chauffeur,
        door=werkcoach,
        titel="Chauffeur",
        locatie="Waalhaven",
    )
    assert (vacature.certificaten, vacature.rijbewijzen, vacature.taalniveau) == (
        ["code95"], ["C"], "1f",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.maak_vacature(
            werkgever=werkgever, beroep=chauffeur, door=werkcoach, titel="X",
            certificaten=["toverstaf"], uren_per_week_min=32, uren_per_week_max=20,
        )  # fmt: skip
    assert set(exc.value.message_dict) >= {"certificaten", "uren_per_week_max", "wijk"}


def test_withdrawn_vacancy_ends_running_proposals_and_can_reopen(vacature, kandidaat, werkcoach):
    voordracht = services.draag_voor(vacature=vacature, dossier=kandidaat, door=werkcoach)
    with pytest.raises(ValidationError):
        services.trek_vacature_in(vacature=vacature, door=werkcoach, reden=" ")
    services.trek_vacature_in(vacature=vacature, door=werkcoach, reden="Bedrijf sluit")
    voordracht.refresh_from_db()
    assert voordracht.status == "afgewezen"
    with pytest.raises(ValidationError):
        services.verwijder_vacature(vacature=vacature, door=werkcoach)
    assert services.heropen_vacature(vacature=vacature, door=werkcoach).status == "open"


def test_employer_with_vacancies_cannot_be_deleted(vacature):
    with pytest.raises(ValidationError):
        services.verwijder_werkgever(werkgever=vacature.werkgever, door=None)
    leeg = WerkgeverFactory()
    services.verwijder_werkgever(werkgever=leeg, door=None)


def test_sroi_progress_counts_placements_in_period(werkcoach):
    werkgever = WerkgeverFactory()
    afspraak = services.voeg_sroi_afspraak_toe(
        werkgever=werkgever, door=None, omschrijving="Renovatie Zuidplein",
        aantal_plaatsingen=4, van=date(2026, 1, 1), tot=date(2026, 12, 31),
    )  # fmt: skip
    vacature = VacatureFactory(werkgever=werkgever, aantal_plaatsen=3)
    for start in (date(2025, 12, 31), date(2026, 2, 1)):
        dossier = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier
        v = services.draag_voor(vacature=vacature, dossier=dossier, door=werkcoach)
        services.plan_gesprek(voordracht=v, op=_moment(), door=werkcoach)
        _plaats(v, werkcoach, startdatum=start)
    [voortgang] = selectors.sroi_voortgang(werkgever=werkgever)
    assert (voortgang.afspraak, voortgang.gerealiseerd, voortgang.procent) == (afspraak, 1, 25)
    with pytest.raises(ValidationError) as exc:
        services.voeg_sroi_afspraak_toe(
            werkgever=werkgever, door=None, omschrijving="x", aantal_plaatsingen=1,
            van=date(2026, 2, 1), tot=date(2026, 1, 1),
        )  # fmt: skip
    assert exc.value.message_dict == {"tot": ["De einddatum ligt voor de begindatum."]}


def test_contact_needs_email_or_phone():
    werkgever = WerkgeverFactory()
    with pytest.raises(ValidationError) as exc:
        services.voeg_contactpersoon_toe(werkgever=werkgever, door=None, naam="Jan")
    assert exc.value.message_dict == {"email": ["Vul een e-mailadres of een telefoonnummer in."]}
    contact = services.voeg_contactpersoon_toe(
        werkgever=werkgever, door=None, naam="Jan", telefoon="010-1234567"
    )
    assert contact.werkgever == werkgever


def test_kengetallen_protocol(werkcoach):
    from bijstand.dashboards.snapshot import controleer_feit
    from vacatures import kengetallen

    vacature = VacatureFactory(aantal_plaatsen=3, werkgever=WerkgeverFactory(inclusief=True))
    dossier = ProfielFactory(dossier=DossierFactory(werkcoach=werkcoach)).dossier
    v = services.draag_voor(vacature=vacature, dossier=dossier, door=werkcoach)
    services.plan_gesprek(voordracht=v, op=_moment(), door=werkcoach)
    _plaats(v, werkcoach, startdatum=date(2026, 2, 3), contract_maanden=None)
    feiten = kengetallen.feiten(van=date(2026, 1, 1), tot=date(2026, 4, 1))
    qs = feiten["vacatures.plaatsingen"]
    controleer_feit("vacatures.plaatsingen", qs)
    assert list(qs) == [
        {"dossier_id": dossier.pk, "datum": date(2026, 2, 3), "categorie": "onbepaald",
         "subcategorie": "inclusief", "bedrag": 32}
    ]  # fmt: skip
    assert not kengetallen.feiten(van=date(2026, 3, 1), tot=date(2026, 4, 1))[
        "vacatures.plaatsingen"
    ].exists()
