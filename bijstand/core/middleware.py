"""Request trace id (used by the dataverwerkingen log) and the Content-Security-Policy."""

import uuid

from asgiref.local import Local
from csp.middleware import CSPMiddleware as BaseCSPMiddleware

_local = Local()


def current_trace_id() -> str:
    return getattr(_local, "trace_id", None) or uuid.uuid4().hex


class TraceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        trace = request.headers.get("X-Trace-Id") or uuid.uuid4().hex
        request.trace_id = _local.trace_id = trace[:64]
        try:
            response = self.get_response(request)
        finally:
            _local.trace_id = None
        response["X-Trace-Id"] = request.trace_id
        return response


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with a nonce in every policy.

    django-csp puts the nonce in the header only if something read ``request.csp_nonce``.
    Drawing it up front gives every response (pages, htmx partials, JSON, redirects, error
    pages) the same policy, ``'self' 'nonce-…'``, so what the policy allows never depends on
    which template happened to use the nonce.
    """

    def process_request(self, request):
        super().process_request(request)
        str(request.csp_nonce)
