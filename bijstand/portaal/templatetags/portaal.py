from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portaal_sessie() -> dict[str, int]:
    """Idle timeout and warning time (seconds) for the session warning script."""
    timeout = int(settings.DIGID_IDLE_TIMEOUT_SECONDS)
    waarschuwing = min(int(settings.DIGID_IDLE_WARNING_SECONDS), max(timeout - 1, 0))
    return {"timeout": timeout, "waarschuwing": waarschuwing}


@register.simple_tag
def portaal_telefoon() -> str:
    return settings.PORTAAL_TELEFOON
