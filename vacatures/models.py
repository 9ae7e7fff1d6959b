"""Models of the vacatures app."""
