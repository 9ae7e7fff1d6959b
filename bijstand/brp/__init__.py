"""The BRP (basisregistratie personen) through Haal Centraal BRP Personen Bevragen 2.x.

``bijstand.brp.client``: ``raadpleeg_persoon``, ``bewoners_op_adres``, ``log_subject``,
``BrpFout`` and (from ``bijstand.brp.persoon``) ``BrpPersoon``. It sits beside
``bijstand.logboek`` (it logs every read) and imports nothing from the hub or the domain apps.
No models, so not an installed app. See docs/brp.md.
"""
