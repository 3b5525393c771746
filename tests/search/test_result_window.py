"""Pages beyond the engine's result window are refused as bad input, not taken for an outage (issue 14, finding 16).

``offset=9999&limit=50`` asked Elasticsearch for hits 9,999–10,048; it refused (max_result_window), the
search fell back to the database and the dashboard warned "Elasticsearch nicht erreichbar" — anyone could
raise that alarm. Now the parameters are refused with 400 before any engine is asked.
"""

import pytest
from django.core.cache import cache

from search.indexing import DEGRADED_CACHE_KEY


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"offset": "9999", "limit": "50"}, "offset"),
        ({"offset": "9990", "limit": "11"}, "offset"),
        ({"seite": "10000", "limit": "50"}, "seite"),
    ],
)
def test_offset_beyond_the_result_window_is_400_and_no_alarm(client, engine_name, params, parameter):
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert client.get("/suche/", params).status_code == 400
    assert cache.get(DEGRADED_CACHE_KEY) is None


def test_the_last_page_inside_the_window_is_answered(client, engine_name):
    response = client.get("/api/v2/search/", {"offset": "9950", "limit": "50"})
    assert response.status_code == 200 and response.json()["items"] == []
    assert cache.get(DEGRADED_CACHE_KEY) is None
