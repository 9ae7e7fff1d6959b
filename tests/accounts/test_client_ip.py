from django.test import RequestFactory, override_settings

from bijstand.accounts.client_ip import client_ip


def _request(remote="10.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxy_forwarded_header_is_ignored():
    assert client_ip(_request(forwarded="1.2.3.4")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_spoofed_entries_are_ignored():
    assert client_ip(_request(forwarded="203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request()) == "10.0.0.1"
