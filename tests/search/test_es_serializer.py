"""The Elasticsearch client writes and reads JSON with orjson (search/engines/elastic.py): the same requests
reach the node and the same answers come back as with the client's default serializers."""

import datetime
import json

import pytest
from django.http import QueryDict
from elasticsearch.serializer import CompatibilityModeJsonSerializer, CompatibilityModeNdjsonSerializer

from search.engines import get_engine
from search.engines.elastic import SERIALIZERS, ElasticsearchEngine, OrjsonNdjsonSerializer, get_client
from search.params import parse_search_params
from search.service import run_search
from tests.search.data import build_dataset

COMPAT_JSON, COMPAT_NDJSON = "application/vnd.elasticsearch+json", "application/vnd.elasticsearch+x-ndjson"
# what a search sends: nested clauses, umlauts and ß, tuples, numbers, booleans, None, dates
LINES = [
    {},
    {
        "query": {
            "bool": {
                "filter": [{"term": {"all_text": "größe"}}, {"terms": {"ort": ("herzberg", "schlieben")}}],
                "should": [{"constant_score": {"filter": {"term": {"title.exact": "café"}}, "boost": 4.5}}],
                "minimum_should_match": 1,
            }
        },
        "sort": [{"sort_at": {"order": "asc", "missing": "_last"}}],
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": ["page_id", "title"],
        "post_filter": None,
        "range": {"date_to": {"gte": datetime.date(2026, 11, 30)}},
    },
]


def test_search_bodies_read_the_same_as_with_the_default_serializer():
    fast, default = OrjsonNdjsonSerializer().dumps(LINES), CompatibilityModeNdjsonSerializer().dumps(LINES)
    assert fast.endswith(b"\n") and len(fast.splitlines()) == 2
    assert [json.loads(line) for line in fast.splitlines()] == [json.loads(line) for line in default.splitlines()]
    assert "größe".encode() in fast  # UTF-8 as the default sends it, not \u escapes
    assert OrjsonNdjsonSerializer().loads(default) == CompatibilityModeNdjsonSerializer().loads(default)


def test_the_client_uses_orjson_for_the_mimetypes_it_sends_and_reads(settings):
    client = get_client({**settings.PORTAL_SEARCH, "URL": "http://127.0.0.1:1", "INDEX": "serializers"})
    serializers = client.transport.serializers.serializers
    assert serializers[COMPAT_JSON] is SERIALIZERS["application/json"]
    assert serializers[COMPAT_NDJSON] is SERIALIZERS["application/x-ndjson"]


on_the_node = pytest.mark.parametrize(
    "engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)


@on_the_node
def test_the_node_answers_the_same_searches_alike_with_both_serializers(engine_name):
    build_dataset()
    serializers = get_engine().client.transport.serializers.serializers
    searches = [
        "q=Smartphone&zielgruppe=senioren",
        "q=Kurs+in+Finsterwalde",
        "q=Kreuter+Garten&sortierung=datum",
        "q=Tanzen+für+Senioren&ort=finsterwalde&ort=herzberg-elster",
        "q=Café",
        "lebenslage=ruhestand-alter",
    ]

    def answers():
        results = [
            run_search(parse_search_params(QueryDict(s), strict=True), source="api", log=False) for s in searches
        ]
        return [(r.total, r.hits, r.facets, r.extra.get("any_word")) for r in results]

    assert (
        isinstance(get_engine(), ElasticsearchEngine)
        and serializers[COMPAT_NDJSON] is SERIALIZERS["application/x-ndjson"]
    )
    with_orjson = answers()
    original = dict(serializers)
    serializers.update(
        {COMPAT_JSON: CompatibilityModeJsonSerializer(), COMPAT_NDJSON: CompatibilityModeNdjsonSerializer()}
    )
    try:
        with_default = answers()
    finally:
        serializers.update(original)
    assert with_orjson == with_default
    assert sum(total for total, *_ in with_orjson) > 0
