"""Berichten: messages between staff and the burger, in threads, as journaal lines.

A message is a :class:`JournaalRegel` of soort ``bericht``, kanaal ``portaal``, always external
(the burger sees it) and never confidential. Staff write ``uitgaand``, the burger ``inkomend``.

Threads: the first message of a thread has no ``antwoord_op``; every reply points to that first
message (a reply to a reply is linked to the thread's first message), so a thread is one query.

Nothing twice: a form sends a random ``idempotentiesleutel``; a second submit with the same key
(double click, back + resubmit) returns the stored message (unique per dossier in the database).

E-mail: after the commit the burger gets "U heeft een nieuw bericht" with a link to the portal,
never the text, subject or a name. A mail that cannot be sent is logged; the message stays.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.logboek.services import log_verwerking

from .models import Dossier, JournaalRegel, JournaalSoort, Kanaal, Richting, Zichtbaarheid
from .selectors import journaal_queryset

logger = logging.getLogger(__name__)

TEKST_MAX = 5000
ONDERWERP_MAX = 200
SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_.-]{8,64}$")

MAIL_ONDERWERP = "U heeft een nieuw bericht"
MAIL_TEKST = (
    "Goedendag,\n\n"
    "U heeft een nieuw bericht van Werk & Inkomen.\n"
    "Log in met DigiD om het bericht te lezen:\n{url}\n\n"
    "Dit is een automatische e-mail. U kunt niet op deze e-mail antwoorden.\n"
)


def _is_burger(user: User | None) -> bool:
    return getattr(user, "rol", None) == Rol.BURGER


def _controleer(tekst: str, onderwerp: str) -> tuple[str, str]:
    tekst = (tekst or "").strip()
    onderwerp = (onderwerp or "").strip()
    fouten: dict[str, str] = {}
    if not tekst:
        fouten["tekst"] = _("Schrijf eerst een bericht.")
    elif len(tekst) > TEKST_MAX:
        fouten["tekst"] = _("Uw bericht is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": TEKST_MAX
        }
    if len(onderwerp) > ONDERWERP_MAX:
        fouten["onderwerp"] = _("Het onderwerp is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": ONDERWERP_MAX
        }
    if fouten:
        raise ValidationError(fouten)
    return tekst, onderwerp


def _draad_begin(dossier: Dossier, antwoord_op: JournaalRegel | int | None) -> JournaalRegel | None:
    """The first message of the thread that ``antwoord_op`` belongs to (same dossier), or an
    error when it is not a message of this dossier."""
    if antwoord_op is None:
        return None
    pk = antwoord_op.pk if isinstance(antwoord_op, JournaalRegel) else antwoord_op
    regel = (
        JournaalRegel.objects.filter(
            pk=pk,
            dossier=dossier,
            soort=JournaalSoort.BERICHT,
            zichtbaarheid=Zichtbaarheid.EXTERN,
            vertrouwelijk=False,
        )
        .select_related("antwoord_op")
        .first()
    )
    if regel is None:
        raise ValidationError({"antwoord_op": _("Dit bericht bestaat niet in dit dossier.")})
    return regel.antwoord_op or regel


def stuur_bericht(
    *,
    dossier: Dossier,
    door: User,
    tekst: str,
    onderwerp: str = "",
    antwoord_op: JournaalRegel | int | None = None,
    idempotentiesleutel: str = "",
    activiteit: str | None = None,
    request: Any = None,
) -> JournaalRegel:
    """Store a message (or a reply in a thread) and, for a message to the burger, e-mail a
    notice after the commit. The direction follows the author: a burger writes ``inkomend``,
    staff ``uitgaand``. Access (who may write in this dossier) is checked by the caller.

    Returns the stored message; with a key that was used before in this dossier: that message
    (attribute ``al_verstuurd`` True), nothing new is stored and no mail is sent.
    """
    tekst, onderwerp = _controleer(tekst, onderwerp)
    sleutel = (idempotentiesleutel or "").strip()
    if sleutel and not SLEUTEL_RE.match(sleutel):
        raise ValidationError({"idempotentiesleutel": _("Deze idempotentiesleutel is ongeldig.")})
    if sleutel:
        eerder = JournaalRegel.objects.filter(dossier=dossier, idempotentiesleutel=sleutel).first()
        if eerder is not None:
            eerder.al_verstuurd = True  # type: ignore[attr-defined]
            return eerder
    burger = _is_burger(door)
    if burger and not dossier.is_actief:
        raise ValidationError(_("Uw dossier is gesloten. U kunt geen berichten meer sturen."))
    begin = _draad_begin(dossier, antwoord_op)
    if begin is not None and not onderwerp:
        onderwerp = begin.onderwerp
    regel = JournaalRegel(
        dossier=dossier,
        soort=JournaalSoort.BERICHT,
        kanaal=Kanaal.PORTAAL,
        richting=Richting.INKOMEND if burger else Richting.UITGAAND,
        zichtbaarheid=Zichtbaarheid.EXTERN,
        vertrouwelijk=False,
        onderwerp=onderwerp,
        tekst=tekst,
        auteur=door,
        antwoord_op=begin,
        idempotentiesleutel=sleutel,
    )
    try:
        with transaction.atomic():
            regel.save()
            Dossier.objects.filter(pk=dossier.pk).update(laatste_contact=regel.op)
            log_verwerking(
                activiteit=activiteit or ("portaal" if burger else "dossierbeheer"),
                operatie="stuur_bericht",
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["journaal"],
                actor=door,
                request=request,
            )
            if not burger:
                url = portaal_url(request)
                transaction.on_commit(lambda: mail_nieuw_bericht(dossier_id=dossier.pk, url=url))
    except IntegrityError:
        eerder = (
            JournaalRegel.objects.filter(dossier=dossier, idempotentiesleutel=sleutel).first()
            if sleutel
            else None
        )
        if eerder is None:
            raise
        eerder.al_verstuurd = True  # type: ignore[attr-defined]
        return eerder
    return regel


def portaal_url(request: Any = None) -> str:
    """The absolute address of the portal's message page (for the e-mail)."""
    pad = reverse("portaal:berichten")
    if request is not None and hasattr(request, "build_absolute_uri"):
        return request.build_absolute_uri(pad)
    basis = getattr(settings, "PORTAAL_BASIS_URL", "http://127.0.0.1:8000")
    return basis.rstrip("/") + pad


def mail_nieuw_bericht(*, dossier_id: int, url: str) -> bool:
    """E-mail the burger that there is a new message: no text, no subject, no names.

    Called after the commit. Never raises: a failure is logged and the message stays in the
    portal. Returns whether a mail was handed to the mail backend.
    """
    try:
        dossier = Dossier.objects.select_related("werkzoekende__account").get(pk=dossier_id)
        persoon = dossier.werkzoekende
        adres = persoon.email or (persoon.account.email if persoon.account else "")
        if not adres:
            return False
        send_mail(
            MAIL_ONDERWERP,
            MAIL_TEKST.format(url=url),
            settings.DEFAULT_FROM_EMAIL,
            [adres],
        )
    except Exception:
        logger.exception("E-mail 'nieuw bericht' niet verstuurd (dossier %s)", dossier_id)
        return False
    return True


# --- Reads --------------------------------------------------------------------------------


def _berichten_qs(*, user: User, dossier: Dossier) -> QuerySet[JournaalRegel]:
    return journaal_queryset(user=user, dossier=dossier).filter(
        soort=JournaalSoort.BERICHT, zichtbaarheid=Zichtbaarheid.EXTERN, vertrouwelijk=False
    )


def berichten_queryset(*, user: User, dossier: Dossier) -> QuerySet[JournaalRegel]:
    """Every message of the dossier that ``user`` may see, newest first (for the API)."""
    return _berichten_qs(user=user, dossier=dossier).select_related("auteur").order_by("-op", "-id")


def draden_queryset(*, user: User, dossier: Dossier) -> QuerySet[JournaalRegel]:
    """The first messages of the threads, newest activity first, with the number of replies."""
    return (
        _berichten_qs(user=user, dossier=dossier)
        .filter(antwoord_op__isnull=True)
        .annotate(
            aantal_antwoorden=Count("antwoorden"),
            laatste_op=Coalesce(Max("antwoorden__op"), "op"),
        )
        .order_by("-laatste_op", "-id")
    )


def draad(*, user: User, dossier: Dossier, pk: int) -> JournaalRegel:
    """One thread (first message; all messages oldest first in ``.berichten``), or 404.

    Not logged here: the caller has read (and logged) the dossier for this page."""
    qs = _berichten_qs(user=user, dossier=dossier)
    antwoorden = qs.filter(antwoord_op__isnull=False).order_by("op", "id")
    begin = (
        qs.filter(pk=pk, antwoord_op__isnull=True)
        .prefetch_related(Prefetch("antwoorden", queryset=antwoorden, to_attr="antwoorden_lijst"))
        .first()
    )
    if begin is None:
        raise Http404
    begin.berichten = [begin, *begin.antwoorden_lijst]  # type: ignore[attr-defined]
    return begin


def ongelezen_draden(*, dossier: Dossier) -> set[int]:
    """Ids of the threads with a message from staff that the burger has not read yet."""
    return {
        begin or pk
        for pk, begin in JournaalRegel.objects.filter(
            dossier=dossier,
            soort=JournaalSoort.BERICHT,
            richting=Richting.UITGAAND,
            zichtbaarheid=Zichtbaarheid.EXTERN,
            vertrouwelijk=False,
            gelezen_op__isnull=True,
        ).values_list("pk", "antwoord_op_id")
    }


def log_berichten_gelezen(
    *, user: User, dossier: Dossier, operatie: str, request: Any = None, activiteit: str = ""
) -> None:
    """One log line for a list of messages shown (the list views call it)."""
    log_verwerking(
        activiteit=activiteit or ("portaal" if _is_burger(user) else "dossierbeheer"),
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["journaal"],
        actor=user,
        request=request,
    )
