"""Log-completeness classification of the accounts app's newer routes (merged by tests/logboek).

The older accounts routes are still classified in tests/logboek/test_log_volledigheid.py.
"""

PERSOONSGEGEVENS: dict = {}
GEEN_PERSOONSGEGEVENS: dict = {
    "accounts:koppelingen": (
        "system clients, their scopes and the audit trail of their approval; no werkzoekenden"
    ),
    "accounts:koppeling_besluit": "POST only: approve or reject a system client (audit log)",
}
