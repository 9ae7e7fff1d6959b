"""Log-completeness classification of the dashboards' routes (merged by tests/logboek).

The dashboards show aggregates of the daily snapshot only: no person's data is read or shown,
so no route writes a dataverwerkingen line. ``dashboards:werkcoaches`` is classified in
tests/logboek/test_log_volledigheid.py itself.
"""

PERSOONSGEGEVENS: dict = {}
GEEN_PERSOONSGEGEVENS: dict = {
    "dashboards:overzicht": "aggregates of the snapshot, small cells suppressed",
    "dashboards:bestand": "aggregates of the snapshot, small cells suppressed",
    "dashboards:stromen": "aggregates of the snapshot, small cells suppressed",
    "dashboards:ontwikkeling": "aggregates of the snapshot, small cells suppressed",
    "dashboards:eenwerkcoach": "aggregates of the snapshot, small cells suppressed",
    "dashboards:inkomen": "aggregates of the snapshot, small cells suppressed",
    "dashboards:export": "one aggregate table as CSV/Excel, small cells suppressed",
    "dashboards:vernieuwen": "POST only: starts the build of the aggregates",
}
