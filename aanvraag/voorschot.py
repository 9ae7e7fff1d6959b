"""Voorschot (art. 52 PW). Built by the voorschot work."""
