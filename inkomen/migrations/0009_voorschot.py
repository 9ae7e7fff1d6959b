"""Voorschotten (art. 52 PW, ADR 0008): the ledger's voorschot lines, the voorschot payments
outside the monthly run and their SEPA files; and the daily beat schedule of the automatic
voorschot (task ``aanvraag.voorschotten_betalen``, editable in the admin: Periodic tasks).

The schedule lives here (not in an aanvraag migration) because the payments it makes are
inkomen's; the task name is only a string, so inkomen imports nothing of aanvraag.
"""

import django.db.models.deletion
import django.utils.timezone
import inkomen.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

TAAK = "aanvraag.voorschotten_betalen"
NAAM = "Dagelijkse voorschotten (aanvraag)"


def maak_schema(apps, schema_editor):
    plan_beat_taak(
        apps,
        naam=NAAM,
        taak=TAAK,
        beschrijving=(
            "Betaalt elke ochtend het voorschot (art. 52 Participatiewet) van elke ingediende "
            "aanvraag waarvan de vierwekentermijn bijna om is en waarop nog niet is besloten. "
            "Veilig om opnieuw te starten: een aanvraag krijgt hoogstens één voorschot."
        ),
        minute="15",
        hour="5",
    )


def verwijder_schema(apps, schema_editor):
    verwijder_beat_taak(apps, NAAM)


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0005_wijk_postcodes_data'),
        ('inkomen', '0008_beleid_p8_deelmaand'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Voorschotbatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('datum', models.DateField(verbose_name='datum')),
                ('uitvoeringsdatum', models.DateField(verbose_name='uitvoeringsdatum')),
                ('bericht_id', models.CharField(max_length=35, unique=True, verbose_name='bericht-id (MsgId)')),
                ('aantal', models.PositiveIntegerField(default=0, verbose_name='aantal betalingen')),
                ('totaal', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=12, verbose_name='totaal bedrag')),
                ('bestand', models.FileField(blank=True, max_length=200, storage=inkomen.models.prive_opslag, upload_to=inkomen.models.voorschotbestand_pad, verbose_name='betaalbestand')),
                ('bestand_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 van het bestand')),
                ('status', models.CharField(choices=[('aangemaakt', 'Klaar om te downloaden'), ('gedownload', 'Gedownload')], default='aangemaakt', max_length=10, verbose_name='status')),
                ('aangemaakt_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='aangemaakt op')),
                ('gedownload_op', models.DateTimeField(blank=True, null=True, verbose_name='eerst gedownload op')),
            ],
            options={
                'verbose_name': 'betaalbestand voorschotten',
                'verbose_name_plural': 'betaalbestanden voorschotten',
                'ordering': ['-aangemaakt_op', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Voorschotbetaling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bedrag', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='bedrag')),
                ('iban', models.CharField(max_length=34, verbose_name='IBAN')),
                ('naam', models.CharField(max_length=70, verbose_name='naam')),
                ('end_to_end_id', models.CharField(max_length=35, unique=True, verbose_name='end-to-end-id')),
                ('omschrijving', models.CharField(max_length=140, verbose_name='omschrijving')),
                ('geannuleerd_op', models.DateTimeField(blank=True, null=True, verbose_name='geannuleerd op')),
                ('aangemaakt_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='aangemaakt op')),
            ],
            options={
                'verbose_name': 'voorschotbetaling',
                'verbose_name_plural': 'voorschotbetalingen',
                'ordering': ['aangemaakt_op', 'pk'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='boeking',
            name='boeking_vordering_met_reden',
        ),
        migrations.AlterField(
            model_name='boeking',
            name='reden_code',
            field=models.CharField(blank=True, choices=[('art_58_lid_1', 'art. 58 lid 1 Participatiewet (schending inlichtingenplicht)'), ('art_58_lid_2', 'art. 58 lid 2 onder f Participatiewet (later middelen)'), ('art_58_lid_4', 'art. 58 lid 4 Participatiewet (verrekening binnen 6 maanden)'), ('art_58_lid_2_e', 'art. 58 lid 2 onder e Participatiewet (voorschot, nadien geen of lager recht)')], max_length=14, verbose_name='reden'),
        ),
        migrations.AlterField(
            model_name='boeking',
            name='soort',
            field=models.CharField(choices=[('uitbetaling_voorlopig', 'Uitbetaling (betaalrun)'), ('nabetaling', 'Nabetaling'), ('verrekeningsschuld', 'Verrekeningsschuld'), ('inhouding', 'Inhouding verrekeningsschuld'), ('vordering', 'Vordering'), ('vakantietoeslag_uitbetaling', 'Uitbetaling vakantietoeslag'), ('voorschot', 'Voorschot'), ('voorschot_verrekening', 'Verrekening voorschot'), ('voorschot_vordering', 'Terugvordering voorschot')], max_length=28, verbose_name='soort'),
        ),
        migrations.AddConstraint(
            model_name='boeking',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('soort__in', ['vordering', 'verrekeningsschuld', 'voorschot_vordering']), _negated=True), models.Q(('reden_code', ''), _negated=True), _connector='OR'), name='boeking_vordering_met_reden'),
        ),
        migrations.AddConstraint(
            model_name='boeking',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('soort__in', ['voorschot', 'voorschot_verrekening', 'voorschot_vordering']), _negated=True), ('vakantietoeslag', 0), _connector='OR'), name='boeking_voorschot_zonder_vakantietoeslag'),
        ),
        migrations.AddConstraint(
            model_name='boeking',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('soort', 'voorschot_verrekening'), _negated=True), models.Q(('bedrag__lt', 0), ('betaalmaand__isnull', False)), _connector='OR'), name='boeking_voorschot_verrekening_in_betaling'),
        ),
        migrations.AddConstraint(
            model_name='boeking',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('soort__in', ['voorschot', 'voorschot_vordering']), _negated=True), ('betaalmaand__isnull', True), _connector='OR'), name='boeking_voorschot_buiten_betaalrun'),
        ),
        migrations.AddConstraint(
            model_name='boeking',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('soort', 'voorschot_vordering'), _negated=True), ('bedrag__lt', 0), _connector='OR'), name='boeking_voorschot_vordering_negatief'),
        ),
        migrations.AddField(
            model_name='voorschotbatch',
            name='aangemaakt_door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='voorschotbatch',
            name='gedownload_door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='voorschotbetaling',
            name='annulering',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inkomen.boeking'),
        ),
        migrations.AddField(
            model_name='voorschotbetaling',
            name='batch',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='betalingen', to='inkomen.voorschotbatch'),
        ),
        migrations.AddField(
            model_name='voorschotbetaling',
            name='boeking',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='voorschotbetaling', to='inkomen.boeking'),
        ),
        migrations.AddField(
            model_name='voorschotbetaling',
            name='door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='voorschotbetaling',
            name='dossier',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorschotbetalingen', to='dossiers.dossier'),
        ),
        migrations.AddIndex(
            model_name='voorschotbetaling',
            index=models.Index(fields=['batch', 'geannuleerd_op'], name='inkomen_voo_batch_i_c753ba_idx'),
        ),
        migrations.AddConstraint(
            model_name='voorschotbetaling',
            constraint=models.CheckConstraint(condition=models.Q(('bedrag__gt', 0)), name='voorschotbetaling_positief'),
        ),
        migrations.AddConstraint(
            model_name='voorschotbetaling',
            constraint=models.CheckConstraint(condition=models.Q(('batch__isnull', True), ('geannuleerd_op__isnull', True), _connector='OR'), name='voorschotbetaling_niet_geannuleerd_in_batch'),
        ),
        migrations.AddConstraint(
            model_name='voorschotbetaling',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('annulering__isnull', True), ('geannuleerd_op__isnull', True)), models.Q(('annulering__isnull', False), ('geannuleerd_op__isnull', False)), _connector='OR'), name='voorschotbetaling_annulering_met_boeking'),
        ),
        migrations.RunPython(maak_schema, verwijder_schema),
    ]
