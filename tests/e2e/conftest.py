"""Browser tests; the shared fixtures (`browser`, `page`) live in tests/browser.py."""
