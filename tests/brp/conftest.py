from tests.brp.fixtures import fake_brp  # noqa: F401 (shared fixture: the fake BRP)
