"""The SEPA files of the voorschotten (art. 52 PW) paid outside the monthly run (ADR 0008).

:func:`maak_voorschotbatch` collects every voorschot payment that no file carries yet (and
that was not cancelled) into one :class:`~inkomen.models.Voorschotbatch` with its pain.001
file (:mod:`inkomen.sepa`: deterministic, XSD-validated) in private storage. The screen
"Voorschotten" (:mod:`inkomen.views_voorschotten`, medewerker betaalruns only) and the command
``manage.py voorschotbestand`` call it.

How faults are handled
----------------------
- **Two clicks at once / the command and a click**: the open payment rows are locked
  (``select_for_update``); the second caller waits, then finds them taken (PostgreSQL re-checks
  ``batch IS NULL`` on the locked rows) and makes nothing. One payment is in one file, ever.
- **Back and resubmit**: the form sends the :func:`kenmerk` of the list it showed; a list that
  changed since (payments added or already collected) makes nothing and says so, and an empty
  list is "nothing to do", not an error.
- **Process dies half-way**: the file is written, then the rows are committed; a crash in
  between rolls the rows back and leaves at most an orphan file under a never-reused name
  (the batch id is in the name). Payments are never marked sent without their file.
- **Cancellation at the same moment** (aanvraag refused): ``annuleer_open_betalingen`` locks
  the same rows; a payment is either in the file or cancelled (a check constraint forbids
  both).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.logboek.services import log_verwerking

from .models import NUL, Voorschotbatch, VoorschotbatchStatus, Voorschotbetaling
from .sepa import SepaBetaling, maak_pain001

ACTIVITEIT = "uitkering"


def open_betalingen() -> QuerySet[Voorschotbetaling]:
    """The voorschot payments still to be sent (no file, not cancelled), oldest first."""
    return Voorschotbetaling.objects.filter(
        batch__isnull=True, geannuleerd_op__isnull=True
    ).order_by("pk")


def kenmerk(ids: list[int]) -> str:
    """A short fingerprint of a list of payments (the form's guard against a stale list)."""
    tekst = ",".join(str(i) for i in sorted(ids))
    return hashlib.sha256(tekst.encode()).hexdigest()[:20]


def samenvatting() -> tuple[int, Decimal, str]:
    """(count, total, kenmerk) of the open payments."""
    ids = list(open_betalingen().values_list("pk", flat=True))
    totaal = (open_betalingen().aggregate(t=Sum("bedrag"))["t"] or NUL).quantize(Decimal("0.01"))
    return len(ids), totaal, kenmerk(ids)


def bericht_id(datum: date, pk: int) -> str:
    return f"WI-VS-{datum:%Y%m%d}-{pk}"[:35]


def maak_voorschotbatch(
    *, door: User | None, verwacht_kenmerk: str | None = None
) -> Voorschotbatch | None:
    """Collect the open voorschot payments into a new batch with its pain.001 file.

    Returns ``None`` when nothing is open (a second click, the command after a click).
    With ``verwacht_kenmerk`` (the form) a list that changed since it was shown makes nothing
    (``ValidationError``). The execution date is today (the bank executes it the next
    business day at the latest)."""
    vandaag = tijd.vandaag()
    with transaction.atomic():
        rijen = list(
            Voorschotbetaling.objects.select_for_update()
            .filter(batch__isnull=True, geannuleerd_op__isnull=True)
            .order_by("pk")
        )
        if not rijen:
            return None
        if verwacht_kenmerk is not None and verwacht_kenmerk != kenmerk([r.pk for r in rijen]):
            raise ValidationError(
                _(
                    "De lijst met voorschotten is veranderd sinds u hem opende. Controleer de "
                    "lijst en maak het betaalbestand opnieuw."
                )
            )
        batch = Voorschotbatch.objects.create(
            datum=vandaag,
            uitvoeringsdatum=vandaag,
            bericht_id=uuid.uuid4().hex,  # replaced below, once the id is known
            aantal=len(rijen),
            totaal=sum((r.bedrag for r in rijen), NUL),
            aangemaakt_door=door,
        )
        batch.bericht_id = bericht_id(vandaag, batch.pk)
        batch.aangemaakt_op = batch.aangemaakt_op.replace(microsecond=0)
        xml = maak_pain001(
            bericht_id=batch.bericht_id,
            aangemaakt_op=timezone.localtime(batch.aangemaakt_op),
            uitvoeringsdatum=batch.uitvoeringsdatum,
            debiteur_naam=settings.INKOMEN_SEPA_NAAM,
            debiteur_iban=settings.INKOMEN_SEPA_IBAN,
            debiteur_bic=settings.INKOMEN_SEPA_BIC or None,
            betalingen=(
                SepaBetaling(r.end_to_end_id, r.naam, r.iban, r.bedrag, r.omschrijving)
                for r in rijen
            ),
        )
        naam = batch.bestand.field.generate_filename(batch, "pain001.xml")
        opslag = batch.bestand.storage
        if opslag.exists(naam):  # an orphan of a rolled-back attempt cannot share the id
            opslag.delete(naam)
        batch.bestand.save(naam, ContentFile(xml), save=False)
        batch.bestand_sha256 = hashlib.sha256(xml).hexdigest()
        batch.save(update_fields=["bericht_id", "aangemaakt_op", "bestand", "bestand_sha256"])
        Voorschotbetaling.objects.filter(pk__in=[r.pk for r in rijen]).update(batch=batch)
    return batch


def batches() -> QuerySet[Voorschotbatch]:
    return Voorschotbatch.objects.select_related("aangemaakt_door", "gedownload_door").order_by(
        "-aangemaakt_op", "-pk"
    )


def log_subjects_van_batch(*, batch_id: int) -> list[str]:
    """The persons whose voorschot the file holds (for the download's log lines)."""
    return [
        f"werkzoekende:{p}"
        for p in Voorschotbetaling.objects.filter(batch_id=batch_id).values_list(
            "dossier__werkzoekende__publiek_id", flat=True
        )
    ]


def registreer_download(*, batch: Voorschotbatch, door: User, request=None) -> None:
    """Log the download (one line per person in the file) and record the first one."""
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="download_voorschotbestand",
        subjects=log_subjects_van_batch(batch_id=batch.pk),
        soorten_gegevens=["identificatie", "bankrekening", "uitkering"],
        actor=door,
        request=request,
    )
    Voorschotbatch.objects.filter(pk=batch.pk, gedownload_op__isnull=True).update(
        gedownload_op=timezone.now(),
        gedownload_door=door,
        status=VoorschotbatchStatus.GEDOWNLOAD,
    )
