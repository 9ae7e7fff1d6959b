from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minuten(value) -> int | str:
    """A timedelta in whole minutes (rounded up)."""
    if isinstance(value, timedelta):
        return max(1, -(-int(value.total_seconds()) // 60))
    return ""
