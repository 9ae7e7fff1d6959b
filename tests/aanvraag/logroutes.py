"""Log-completeness classification of the front door's staff routes (merged by tests/logboek).

Every route below shows or changes a person's data, but needs an aanvraag (or a BSN search)
that the shared test world does not have; where its log line is asserted is named.
"""

PERSOONSGEGEVENS: dict = {}
GEEN_PERSOONSGEGEVENS: dict = {
    "api-aanvraag-melding": (
        "POST; new: logged by the service; existing aanvraag or system client: by the view "
        "(tests/aanvraag/test_api.py)"
    ),
    "api-aanvragen": "logged per row (api_werklijst): tests/aanvraag/test_api.py",
    "api-aanvraag": "logged (api_bekijk_aanvraag): tests/aanvraag/test_api.py",
    "api-aanvraag-stap": "PUT only; logged by the service (and the view for a system client)",
    "api-aanvraag-indienen": "POST only; logged by the service (and the view for a system client)",
    "api-aanvraag-behandelen": "POST only; logged by the service",
    "api-aanvraag-stukken": "logged (api_lijst_stukken): tests/aanvraag/test_api.py",
    "api-aanvraag-besluit": "logged (api_bekijk_besluit): tests/aanvraag/test_api.py",
    "api-aanvraag-voorschot": "logged (api_bekijk_voorschot): tests/aanvraag/test_api.py",
    "aanvraag:werklijst": "logged per row: tests/aanvraag/test_views_werklijst.py",
    "aanvraag:melding": (
        "the BSN search form; a person found and the BRP read are logged: "
        "tests/aanvraag/test_views_melding.py"
    ),
    "aanvraag:melding_bevestigen": "logged at the search: tests/aanvraag/test_views_melding.py",
    "aanvraag:detail": "logged: tests/aanvraag/test_views.py",
    "aanvraag:stap": "logged (bekijk_aanvraagstap): tests/aanvraag/test_views.py",
    "aanvraag:stuk": "logged (download_bewijsstuk): tests/aanvraag/test_views.py",
    "aanvraag:stuk_toevoegen": "POST only; logged by the view and the service",
    "aanvraag:in_behandeling": "POST only; logged by the view and the service",
    "aanvraag:bewoners": "POST only; logged by the view, the service and every BRP read",
    "aanvraag:stukken_opvragen": "POST only; logged by the view and the service",
    "aanvraag:stukken_ontvangen": "POST only; logged by the view and the service",
    "aanvraag:checklist": "POST only; logged by the view and the service",
    "aanvraag:ingebrekestelling": "POST only; logged by the view and the service",
    "aanvraag:besluit": "POST only; logged by the view and the service",
    "aanvraag:voorschot_betalen": "POST only; logged by the view and the service",
    "aanvraag:geen_voorschot": "POST only; logged by the view and the service",
    "aanvraag:beschikking_pdf": (
        "logged (download_beschikking) by aanvraag.beschikking.lees_pdf; "
        "tests/aanvraag/test_beschikking.py"
    ),
    "aanvraag:herstelbrief_pdf": (
        "logged (download_herstelbrief) by aanvraag.herstelbrief.lees_herstelbrief; "
        "tests/aanvraag/test_herstelbrief.py"
    ),
}
