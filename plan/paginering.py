"""Pagination of the plan pages: several paginated lists on one page, each with its own
query parameter; the links keep the other parameters (filters, the other lists' pages)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def pagineer(request: HttpRequest, qs, param: str, grootte: int, anker: str = "") -> Page:
    page = Paginator(qs, grootte).get_page(request.GET.get(param, 1))
    anker = anker or param

    def url(nummer: int) -> str:
        query = request.GET.copy()
        query[param] = str(nummer)
        return f"?{query.urlencode()}#{anker}"

    page.param = param  # type: ignore[attr-defined]
    page.links = [  # type: ignore[attr-defined]
        (n, url(n), n == page.number)
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        if isinstance(n, int)
    ]
    page.vorige_url = url(page.previous_page_number()) if page.has_previous() else ""  # type: ignore[attr-defined]
    page.volgende_url = url(page.next_page_number()) if page.has_next() else ""  # type: ignore[attr-defined]
    return page
