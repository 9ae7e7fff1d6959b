from django.db import connection
from django.test.utils import CaptureQueriesContext


def tel_queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
