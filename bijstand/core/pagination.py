from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


# ---- HTML pages --------------------------------------------------------------------------------
# Several paginated lists may share one page, each with its own query parameter; the links keep
# the other parameters (filters, the other lists' pages). Render with
# {% include "components/paginering_met_links.html" with pagina=... label=... %}.


class PaginaMetLinks(Page):
    """A page that also carries the links of its pagination (set by :func:`met_links`)."""

    param: str = ""
    links: list[tuple[int, str, bool]]  # (number, url, current)
    vorige_url: str = ""
    volgende_url: str = ""


class _Paginator(Paginator):
    def _get_page(self, *args, **kwargs) -> PaginaMetLinks:
        return PaginaMetLinks(*args, **kwargs)


def met_links(request: HttpRequest, page: Page, param: str, anker: str = "") -> Page:
    """Give ``page`` the links of its pagination: ``links`` [(number, url, current)],
    ``vorige_url`` and ``volgende_url`` (empty at the ends); each url ends in ``#anker``
    (default: the parameter's name, the id of the list's section). For pages made elsewhere
    (a selector's ``Paginator``); :func:`pagineer` returns a :class:`PaginaMetLinks`."""
    anker = anker or param

    def url(nummer: int) -> str:
        query = request.GET.copy()
        query[param] = str(nummer)
        return f"?{query.urlencode()}#{anker}"

    links = [
        (n, url(n), n == page.number)
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        if isinstance(n, int)
    ]
    for naam, waarde in (
        ("param", param),
        ("links", links),
        ("vorige_url", url(page.previous_page_number()) if page.has_previous() else ""),
        ("volgende_url", url(page.next_page_number()) if page.has_next() else ""),
    ):
        setattr(page, naam, waarde)
    return page


def pagineer(
    request: HttpRequest, lijst, param: str, grootte: int, anker: str = ""
) -> PaginaMetLinks:
    """Page ``request.GET[param]`` of ``lijst`` (a queryset or list), with its links; an
    invalid or too high number gives the nearest page (``Paginator.get_page``)."""
    page = _Paginator(lijst, grootte).get_page(request.GET.get(param, 1))
    met_links(request, page, param, anker)
    return page
