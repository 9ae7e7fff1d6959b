"""Who made a change, for django-simple-history.

Only a real staff or burger account is recorded as history user; a system client (payroll
system, provider) acting through the API is not a `User` and is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model


def history_user(request: Any = None, **kwargs: Any):
    user = getattr(request, "user", None)
    if isinstance(user, get_user_model()) and user.is_authenticated:
        return user
    return None
