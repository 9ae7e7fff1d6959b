"""Log-completeness classification of the portal's aanvraag routes (merged by tests/logboek).

The other portal routes are classified in tests/logboek/test_log_volledigheid.py and in the
apps' own logroutes.py. Each path builder gives the dossier an aanvraag made without a service
(so without a log line of its own).
"""


def _aanvraag(dossier, status: str = "concept"):
    from aanvraag.models import Aanvraag
    from bijstand.core import tijd

    vandaag = tijd.vandaag()
    aanvraag, _ = Aanvraag.objects.get_or_create(
        dossier=dossier,
        defaults={
            "kanaal": "portaal",
            "melddatum": vandaag,
            "status": status,
            "ontvangen_op": None if status == "concept" else vandaag,
        },
    )
    return aanvraag


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
    "portaal:bericht": ("burger", lambda d: f"/portaal/berichten/{_bericht(d).pk}/"),
    "portaal:tijdlijn": ("burger", lambda d: "/portaal/contact-met-ons/"),
    "portaal:aanvraag_start": (
        "burger",
        lambda d: _aanvraag(d) and "/portaal/bijstand-aanvragen/",
    ),
    "portaal:aanvraag_stap": (
        "burger",
        lambda d: _aanvraag(d) and "/portaal/bijstand-aanvragen/persoon/",
    ),
    "portaal:aanvraag_verstuurd": (
        "burger",
        lambda d: _aanvraag(d, "ingediend") and "/portaal/bijstand-aanvragen/verstuurd/",
    ),
    "portaal:aanvraag": ("burger", lambda d: _aanvraag(d) and "/portaal/mijn-aanvraag/"),
    "portaal:werk_gevonden": ("burger", lambda d: "/portaal/werk-gevonden/"),
    "portaal:wijziging": ("burger", lambda d: "/portaal/wijziging-doorgeven/"),
    "portaal:aanvraag_intrekken": (
        "burger",
        lambda d: _aanvraag(d) and "/portaal/mijn-aanvraag/intrekken/",
    ),
}

GEEN_PERSOONSGEGEVENS: dict = {
    "portaal:besluiten": "needs a sent besluit; logged per letter: tests/portaal/test_besluiten.py",
    "portaal:besluit_pdf": "needs a sent besluit; logged: tests/portaal/test_besluiten.py",
    "portaal:herstelbrief_pdf": (
        "needs a sent hersteltermijn letter; logged (portaal_download_herstelbrief): "
        "tests/aanvraag/test_herstelbrief.py"
    ),
}
