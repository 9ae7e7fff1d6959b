"""Models of the instrumentenhuis app."""
