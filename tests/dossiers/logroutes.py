"""Log-completeness classification of the staff and API berichten routes (merged by
tests/logboek/test_log_volledigheid.py). A path builder makes a message without a service."""


def _bericht(dossier):
    from bijstand.dossiers.models import JournaalRegel

    return JournaalRegel.objects.create(
        dossier=dossier,
        soort="bericht",
        kanaal="portaal",
        richting="uitgaand",
        zichtbaarheid="extern",
        onderwerp="Afspraak",
        tekst="Tot dinsdag.",
    )


def _wijziging(dossier):
    from bijstand.core import tijd
    from bijstand.dossiers.models import Wijziging

    return Wijziging.objects.create(
        dossier=dossier,
        soort="verhuizing",
        ingangsdatum=tijd.vandaag(),
        gemeld_door="burger",
        kanaal="portaal",
    )


PERSOONSGEGEVENS: dict = {
    "dossiers:berichten": ("werkcoach", lambda d: f"/dossiers/{d.pk}/berichten/"),
    "dossiers:bericht": (
        "werkcoach",
        lambda d: f"/dossiers/{d.pk}/berichten/{_bericht(d).pk}/",
    ),
    "api-dossier-berichten": ("werkcoach", lambda d: f"/api/v1/dossiers/{d.pk}/berichten/"),
    "dossiers:wijzigingen": ("werkcoach", lambda d: _wijziging(d) and "/wijzigingen/"),
    "dossiers:wijziging": ("werkcoach", lambda d: f"/wijzigingen/{_wijziging(d).pk}/"),
    "dossiers:wijzigingen_dossier": ("werkcoach", lambda d: f"/dossiers/{d.pk}/wijzigingen/"),
}

GEEN_PERSOONSGEGEVENS: dict = {
    "dossiers:wijziging_lid_toevoegen": "POST only; logged: tests/dossiers/test_wijzigingen.py",
    "dossiers:wijziging_lid_verwijderen": "POST only; logged: tests/dossiers/test_wijzigingen.py",
}
