"""Models of the perspectief app."""
