"""Inkomen: uitkering, normen, inkomstenopgaven, verrekening, betaalrun, specificaties.

The pure calculation core lives in :mod:`inkomen.rekenregels` (no Django imports).
"""
