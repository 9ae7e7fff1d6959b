"""Management dashboards: aggregates of a daily snapshot, small cells suppressed.

- ``snapshot.py``: the build and the protocol through which apps deliver facts
  (``<app>.kengetallen.feiten``);
- ``kengetallen.py``: the hub's facts; ``services.py`` / ``tasks.py``: build, prune, Celery;
- ``selectors.py``: reads (one query per page); ``paginas/``: the pages and the
  specification of their tables (one module per theme); ``tabelspecs.py``: the table
  specification, its generic shapes and builder; ``tabellen.py``: cells, suppression, CSV/Excel
  export; ``views.py``: thin views;
- ``benchmarks.py``: ``manage.py benchmark dashboards``.
"""
