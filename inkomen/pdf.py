"""Render a template to PDF with WeasyPrint (the monthly specificatie).

The HTML is rendered by Django and converted in-process. No resource is fetched over the
network: the URL fetcher allows only ``data:`` URLs, so a template can never
make the server request an outside address. Styles belong inline in the template.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any], *, request: Any = None) -> bytes:
    """The PDF bytes of ``template_name`` rendered with ``context``."""
    from weasyprint import HTML  # imported lazily: loads pango at first use only
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
