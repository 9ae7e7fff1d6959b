"""The register of processing activities (verwerkingsactiviteiten), defined in code.

Loaded by migration 0002 and kept in place after every `migrate` (post_migrate), so that a
flushed database (transactional tests) gets it back. Functioneel beheer can view it, not edit it:
a change of purpose or legal basis is a code change with review.
"""

REGISTER = [
    (
        "intake",
        "Brede intake",
        "Vaststellen van de situatie op alle leefgebieden bij aanvraag of heronderzoek.",
        "Participatiewet art. 41, 43, 44a",
        10,
        "normaal",
    ),
    (
        "reintegratie",
        "Re-integratie en ontwikkelperspectief",
        "Begeleiding naar werk en participatie: plan van aanpak, perspectieven, instrumenten"
        " en agenda.",
        "Participatiewet art. 7, 9, 44a",
        5,
        "normaal",
    ),
    (
        "dossierbeheer",
        "Dossiervoering en werkcoach-toewijzing",
        "Bijhouden van het dossier, de journaal en de toewijzing van de werkcoach.",
        "Participatiewet art. 7; AVG art. 6 lid 1 onder e",
        10,
        "normaal",
    ),
    (
        "uitkering",
        "Uitkering en verrekening",
        "Vaststellen van het recht op en de hoogte van bijstand; verrekening van inkomsten.",
        "Participatiewet art. 19, 31, 32, 45, 58",
        10,
        "normaal",
    ),
    (
        "aanvraag",
        "Aanvraag en besluit bijstand",
        "Melding, aanvraag, bewijsstukken, rechtmatigheidscontrole, voorschot en besluit.",
        "Participatiewet art. 41, 43, 44, 52; Awb art. 4:1-4:20",
        10,
        "normaal",
    ),
    (
        "brp",
        "Bevragen BRP (Haal Centraal)",
        "Opvragen van persoons-, adres- en huishoudgegevens uit de BRP bij melding, aanvraag,"
        " wijziging en heronderzoek van bijstand.",
        "Wet BRP art. 3.3; Participatiewet art. 43, 53a (te bevestigen door de privacy officer)",
        10,
        "normaal",
    ),
    (
        "handhaving",
        "Handhaving en heronderzoek",
        "Controle op de rechtmatigheid van de uitkering.",
        "Participatiewet art. 53a, 54, 58",
        10,
        "vertrouwelijk",
    ),
    (
        "gezondheid",
        "Gezondheid, verslaving en justitie",
        "Bijzondere persoonsgegevens die nodig zijn voor passende ondersteuning.",
        "AVG art. 9 lid 2 onder g, art. 10; Participatiewet art. 44a",
        5,
        "vertrouwelijk",
    ),
    (
        "portaal",
        "Burgerportaal inzage",
        "De burger bekijkt en beheert de eigen gegevens.",
        "AVG art. 15; Participatiewet art. 17",
        2,
        "normaal",
    ),
    (
        "logboek-inzage",
        "Inzage logboek dataverwerkingen",
        "Toezicht door de privacy officer en inzage door de burger.",
        "AVG art. 5 lid 2, art. 15",
        10,
        "normaal",
    ),
    (
        "api",
        "Gegevensuitwisseling via API",
        "Levering en opvraging van gegevens door gekoppelde systemen.",
        "Participatiewet art. 64, 67; AVG art. 6 lid 1 onder e",
        10,
        "normaal",
    ),
]


def zorg_voor_register(model) -> None:
    """Create or update every activity in the register (idempotent)."""
    for code, naam, doel, grond, jaren, vertr in REGISTER:
        model.objects.update_or_create(
            code=code,
            defaults={
                "naam": naam,
                "doel": doel,
                "rechtsgrond": grond,
                "bewaartermijn_jaren": jaren,
                "vertrouwelijkheid": vertr,
            },
        )
