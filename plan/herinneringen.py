"""The daily reminders of the plan van aanpak (Celery task ``plan.dagelijkse_herinneringen``).

- The werkcoach hears about actions past their due date that are still open (kind
  ``verlopen``); the burger about their own open actions due within a week (``binnenkort``).
- Step 1 records the notifications in bulk: one ``Melding`` per action and kind, guarded by a
  unique constraint (``ignore_conflicts``), so a second run - or two runs at once - adds none.
- Step 2 sends the e-mails of notifications still waiting, one message per recipient, each
  group in its own transaction: its rows are claimed (marked ``verzonden`` only if still
  waiting), then the message is sent; an SMTP error rolls the claim back, so the retry sends
  it, and nothing that was claimed is sent again. Without an address the rows become
  ``geen_adres``.

E-mails name no person and no action (only a count and where to look): the content stays
behind the login.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bijstand.dossiers.models import ACTIEVE_STATUSSEN
from bijstand.logboek.services import log_verwerking

from .models import Actie, ActieStatus, Eigenaar, EmailStatus, Melding, MeldingSoort

BINNENKORT_DAGEN = 7
BLOK = 1000


def _blokken(rijen: list, grootte: int = BLOK) -> Iterable[list]:
    for i in range(0, len(rijen), grootte):
        yield rijen[i : i + grootte]


def _kandidaten(soort: str, vandaag: datetime.date) -> list[tuple[int, int, int | None, Any]]:
    """(actie, dossier, ontvanger, publiek_id) of open actions that need a notification."""
    qs = Actie.objects.filter(
        status=ActieStatus.OPEN, plan__dossier__status__in=ACTIEVE_STATUSSEN
    ).filter(~Exists(Melding.objects.filter(actie=OuterRef("pk"), soort=soort)))
    if soort == MeldingSoort.VERLOPEN:
        qs = qs.filter(deadline__lt=vandaag)
        ontvanger = "plan__dossier__werkcoach_id"
    else:
        qs = qs.filter(
            eigenaar=Eigenaar.BURGER,
            deadline__gte=vandaag,
            deadline__lte=vandaag + datetime.timedelta(days=BINNENKORT_DAGEN),
        )
        ontvanger = "plan__dossier__werkzoekende__account_id"
    return list(
        qs.order_by("pk").values_list(
            "pk", "plan__dossier_id", ontvanger, "plan__dossier__werkzoekende__publiek_id"
        )
    )


def maak_meldingen(*, vandaag: datetime.date) -> dict[str, int]:
    """Step 1: record the notifications that are due today (idempotent)."""
    uitslag = {}
    nu = timezone.now()
    for soort in (MeldingSoort.VERLOPEN, MeldingSoort.BINNENKORT):
        kandidaten = _kandidaten(soort, vandaag)
        for blok in _blokken(kandidaten):
            with transaction.atomic():
                Melding.objects.bulk_create(
                    [
                        Melding(
                            actie_id=actie,
                            dossier_id=dossier,
                            soort=soort,
                            ontvanger_id=ontvanger,
                            aangemaakt_op=nu,
                        )
                        for actie, dossier, ontvanger, _p in blok
                    ],
                    ignore_conflicts=True,
                )
                log_verwerking(
                    activiteit="reintegratie",
                    operatie="maak_plan_herinneringen",
                    subjects=[f"werkzoekende:{p}" for *_rest, p in blok],
                    soorten_gegevens=["plan van aanpak"],
                    actor=None,
                )
        uitslag[soort] = len(kandidaten)
    return uitslag


def _link(url_naam: str) -> str:
    basis = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    return f"{basis}{reverse(url_naam)}" if basis else ""


def _mail_werkcoach(meldingen: list[Melding]) -> tuple[str, str, str]:
    werkcoach = meldingen[0].ontvanger
    aantal = len(meldingen)
    onderwerp = ngettext(
        "Een actie in uw caseload is over de deadline",
        "%(aantal)s acties in uw caseload zijn over de deadline",
        aantal,
    ) % {"aantal": aantal}
    link = _link("plan:meldingen")
    tekst = "\n\n".join(
        [
            _("Beste %(naam)s,") % {"naam": werkcoach.get_full_name() or werkcoach.username},
            ngettext(
                "In uw caseload staat een actie uit een plan van aanpak waarvan de deadline "
                "voorbij is.",
                "In uw caseload staan %(aantal)s acties uit plannen van aanpak waarvan de "
                "deadline voorbij is.",
                aantal,
            )
            % {"aantal": aantal},
            _("Bekijk ze in Werk & Inkomen onder 'Herinneringen'.") + (f"\n{link}" if link else ""),
            _("Dit bericht is automatisch verstuurd."),
        ]
    )
    return onderwerp, tekst, werkcoach.email


def _mail_burger(meldingen: list[Melding]) -> tuple[str, str, str]:
    persoon = meldingen[0].dossier.werkzoekende
    aantal = len(meldingen)
    onderwerp = _("Uw plan: denk aan uw acties")
    link = _link("portaal:plan")
    tekst = "\n\n".join(
        [
            _("Beste %(naam)s,") % {"naam": persoon.voornamen},
            ngettext(
                "In uw plan staat een actie. Die moet binnen een week klaar zijn.",
                "In uw plan staan %(aantal)s acties. Die moeten binnen een week klaar zijn.",
                aantal,
            )
            % {"aantal": aantal},
            _("Log in op Mijn Werk & Inkomen en kijk bij 'Mijn plan'.")
            + (f"\n{link}" if link else ""),
            _("Lukt het niet op tijd? Stuur uw werkcoach een bericht of bel ons op %(telefoon)s.")
            % {"telefoon": getattr(settings, "PORTAAL_TELEFOON", "14 010")},
            _("Met vriendelijke groet,\nWerk & Inkomen"),
        ]
    )
    return onderwerp, tekst, persoon.email


def verstuur_mails(*, soort: str) -> dict[str, int]:
    """Step 2: one e-mail per recipient for the notifications of ``soort`` still waiting.

    The waiting rows are read once; per recipient, a transaction claims them (UPDATE ...
    WHERE still waiting: a concurrent run claims nothing twice), sends the message and logs
    it; when sending fails the claim is rolled back, so the retry sends it.
    """
    sleutel = "ontvanger_id" if soort == MeldingSoort.VERLOPEN else "dossier_id"
    maak = _mail_werkcoach if soort == MeldingSoort.VERLOPEN else _mail_burger
    groepen: dict[int | None, list[Melding]] = {}
    for melding in (
        Melding.objects.filter(soort=soort, email_status=EmailStatus.WACHT)
        .select_related("ontvanger", "dossier__werkzoekende")
        .order_by(sleutel, "pk")
    ):
        groepen.setdefault(getattr(melding, sleutel), []).append(melding)
    uitslag = {"verzonden": 0, "geen_adres": 0}
    geen_adres: list[int] = []
    for rijen in groepen.values():
        if soort == MeldingSoort.VERLOPEN:
            adres = rijen[0].ontvanger.email if rijen[0].ontvanger else ""
        else:
            adres = rijen[0].dossier.werkzoekende.email
        if not adres:
            geen_adres += [m.pk for m in rijen]
            uitslag["geen_adres"] += 1
            continue
        with transaction.atomic():
            geclaimd = Melding.objects.filter(
                pk__in=[m.pk for m in rijen], email_status=EmailStatus.WACHT
            ).update(email_status=EmailStatus.VERZONDEN, email_verzonden_op=timezone.now())
            if not geclaimd:
                continue  # another run took this group
            onderwerp, tekst, adres = maak(rijen[:geclaimd])
            send_mail(onderwerp, tekst, None, [adres], fail_silently=False)
            if soort == MeldingSoort.BINNENKORT:
                log_verwerking(
                    activiteit="reintegratie",
                    operatie="verstuur_plan_herinnering",
                    subjects=[rijen[0].dossier.werkzoekende.log_subject],
                    soorten_gegevens=["contact", "plan van aanpak"],
                    actor=None,
                )
        uitslag["verzonden"] += 1
    for blok in _blokken(geen_adres):
        Melding.objects.filter(pk__in=blok, email_status=EmailStatus.WACHT).update(
            email_status=EmailStatus.GEEN_ADRES
        )
    return uitslag


def verstuur_herinneringen(*, vandaag: datetime.date | None = None) -> dict[str, Any]:
    """The daily run: record what is due, then send what waits. Safe to run again."""
    vandaag = vandaag or timezone.localdate()
    nieuw = maak_meldingen(vandaag=vandaag)
    mails = {soort: verstuur_mails(soort=soort) for soort in nieuw}
    return {"datum": vandaag.isoformat(), "meldingen": nieuw, "mails": mails}
