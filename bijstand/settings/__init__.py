"""Settings: `bijstand.settings` is the development/embedded default; see production.py."""

from .base import *  # noqa: F403
