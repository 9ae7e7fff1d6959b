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


PERSOONSGEGEVENS: dict = {
    "dossiers:berichten": ("werkcoach", lambda d: f"/dossiers/{d.pk}/berichten/"),
    "dossiers:bericht": (
        "werkcoach",
        lambda d: f"/dossiers/{d.pk}/berichten/{_bericht(d).pk}/",
    ),
    "api-dossier-berichten": ("werkcoach", lambda d: f"/api/v1/dossiers/{d.pk}/berichten/"),
}

GEEN_PERSOONSGEGEVENS: dict = {}
