"""Models of the werkloont app."""
