"""bijstand.core.pagination: several paginated lists on one page, each with its own parameter."""

from django.core.paginator import Paginator
from django.test import RequestFactory

from bijstand.core.pagination import PaginaMetLinks, met_links, pagineer


def test_links_keep_the_other_parameters_and_end_in_the_anchor():
    request = RequestFactory().get("/x/", {"status": "open", "acties": "3", "doelen": "2"})
    pagina = pagineer(request, list(range(95)), "acties", 10, anker="kop-acties")
    assert isinstance(pagina, PaginaMetLinks)
    assert (pagina.number, pagina.param) == (3, "acties")
    assert list(pagina.object_list) == list(range(20, 30))
    assert pagina.vorige_url == "?status=open&acties=2&doelen=2#kop-acties"
    assert pagina.volgende_url == "?status=open&acties=4&doelen=2#kop-acties"
    nummers = [n for n, _url, _huidig in pagina.links]
    assert nummers == [1, 2, 3, 4, 5, 10]  # elided around the current page
    assert [n for n, _url, huidig in pagina.links if huidig] == [3]


def test_ends_have_no_link_and_a_bad_number_gives_a_page():
    request = RequestFactory().get("/x/", {"pagina": "onzin"})
    eerste = pagineer(request, list(range(25)), "pagina", 10)
    assert (eerste.number, eerste.vorige_url) == (1, "")
    assert eerste.volgende_url == "?pagina=2#pagina"
    request = RequestFactory().get("/x/", {"pagina": "99"})
    laatste = pagineer(request, list(range(25)), "pagina", 10)
    assert (laatste.number, laatste.volgende_url) == (3, "")


def test_a_page_made_elsewhere_gets_the_same_links():
    request = RequestFactory().get("/x/")
    page = met_links(request, Paginator(list(range(30)), 10).get_page(2), "eigen")
    assert (page.vorige_url, page.volgende_url) == ("?eigen=1#eigen", "?eigen=3#eigen")
