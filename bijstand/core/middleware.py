"""Request trace id: every request gets one, used by the dataverwerkingen log."""

import uuid

from asgiref.local import Local

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
