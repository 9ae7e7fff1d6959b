"""Reference data: the first version of the aanvraag policy (ADR 0008; a beleidsmedewerker
confirms the [U] values). The vermogensgrens is the 2025 figure (art. 34 lid 3 PW); add the
indexed figure as a new version with its geldig_vanaf."""

import datetime

from django.db import migrations

STANDAARD = {
    "zoektermijn_jongeren_weken": 4,
    "jongeren_tot_leeftijd": 27,
    "hersteltermijn_dagen": 14,
    "voorschot_percentage": "90.00",
    "voorschot_signaal_dag": 14,
    "voorschot_uiterlijk_dag": 28,
    "vermogensgrens": {"alleenstaande": "7995.00", "gezin": "15990.00"},
}


def vul(apps, schema_editor):
    Aanvraagbeleid = apps.get_model("aanvraag", "Aanvraagbeleid")
    Aanvraagbeleid.objects.get_or_create(
        geldig_vanaf=datetime.date(2025, 1, 1),
        defaults={
            "data": STANDAARD,
            "toelichting": "Eerste versie (ADR 0008): zoektermijn jongeren, voorschot, "
            "hersteltermijn en vermogensgrens 2025.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("aanvraag", "0001_initial")]
    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
