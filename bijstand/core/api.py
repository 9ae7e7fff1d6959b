"""Structured API errors: {"fouten": {"veld": ["melding", ...]}, "code": "..."}."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        code = getattr(data["detail"], "code", "fout")
        response.data = {"code": code, "detail": str(data["detail"]), "fouten": {}}
    else:
        fouten = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"code": "ongeldig", "detail": "Ongeldige invoer.", "fouten": fouten}
    return response
