"""Encryption at rest and keyed hashing for personal identifiers (see docs/adr/0002).

- `encrypt`/`decrypt`: Fernet (cryptography) with key rotation (MultiFernet); the first key
  in settings.FIELD_ENCRYPTION_KEYS encrypts, all keys decrypt.
- `bsn_hash`: HMAC-SHA256 of a BSN, for uniqueness and exact search without decrypting.
- `pseudoniem`: HMAC-SHA256 of a subject id with a separate key, for the dataverwerkingen log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def _fernet_key(secret: str) -> bytes:
    """Accept a real Fernet key, or derive one from an arbitrary secret string."""
    try:
        raw = base64.urlsafe_b64decode(secret.encode())
        if len(raw) == 32:
            return secret.encode()
    except (ValueError, TypeError):
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def encrypt(value: str) -> str:
    return _multifernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _multifernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def _hmac(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def bsn_hash(bsn: str) -> str:
    return _hmac(settings.BSN_HASH_KEY, bsn.strip().zfill(9))


def pseudoniem(subject: str) -> str:
    return _hmac(settings.LOG_PSEUDONYM_KEY, subject)
