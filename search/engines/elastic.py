"""The search on Elasticsearch 8: one request with filters, post-filters and aggregations.

Documents live in an index behind an alias; a rebuild fills a new index and then switches the
alias, so that searches never see a half-built index.
"""

import datetime
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

import orjson
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

from ..matching import LEVELS, MAX_EXPANSIONS, PREFIX_LENGTH, fuzziness, type_boosts
from ..params import FACETS, SearchParams, known_slugs
from ..text import MAX_SUBWORD_SIZE, MIN_SUBWORD_SIZE, MIN_WORD_SIZE, analyze, compound_parts, normalize_words
from .base import SearchHit, SearchResult, add_distances
from .database import distinct_titles

_clients: dict[tuple, Elasticsearch] = {}
_ensured_aliases: set[str] = set()  # aliases known to exist, so that searches need no extra round trip
# per index and term, the spellings the node gave last in this process: what a search is sent with, checked
# against the node's answer in the same round trip (ElasticsearchEngine.search_or_any_word)
_spellings: OrderedDict[tuple[str, str], list[str]] = OrderedDict()
REMEMBERED_SPELLINGS = 4096
# the score's clauses per words, kinds and spellings (ElasticsearchEngine.scoring); shared, never changed
_scorings: dict[tuple, list[dict]] = {}
REMEMBERED_SCORINGS = 1024
_remembering = threading.Lock()  # for both memories: a worker may serve requests in threads

# seconds for each bulk request of a rebuild (the resident-facing requests keep PORTAL_SEARCH["TIMEOUT"])
REBUILD_TIMEOUT = 120

# The analysis the database engine mirrors in search/text.py (see the contract tests).
GENDER_CHAR_FILTERS = {
    "gender_mark": {"type": "pattern_replace", "pattern": r"(?i)(\p{L}{2,})[:*_/·](?:innen|in)\b", "replacement": "$1"},
    "binnen_i": {"type": "pattern_replace", "pattern": r"(\p{Ll}{2,})I(?:nnen|n)\b", "replacement": "$1"},
    "feminine_plural": {"type": "pattern_replace", "pattern": r"(?i)(\p{L}{3,})innen\b", "replacement": "$1"},
}
INDEX_SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "analysis": {
        "char_filter": GENDER_CHAR_FILTERS,
        "filter": {
            "light_german": {"type": "stemmer", "language": "light_german"},
            "prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
            # German compounds, over the word list the project ships (search/compounds.txt)
            "compounds": {
                "type": "dictionary_decompounder",
                "word_list": list(compound_parts()),
                "min_word_size": MIN_WORD_SIZE,
                "min_subword_size": MIN_SUBWORD_SIZE,
                "max_subword_size": MAX_SUBWORD_SIZE,
            },
        },
        "analyzer": {
            "de_text": {
                "type": "custom",
                "char_filter": list(GENDER_CHAR_FILTERS),
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "light_german"],
            },
            # what the index stores: as de_text, with the parts of compounds after each compound
            "de_index": {
                "type": "custom",
                "char_filter": list(GENDER_CHAR_FILTERS),
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "compounds", "light_german"],
            },
            "de_words": {
                "type": "custom",
                "char_filter": list(GENDER_CHAR_FILTERS),
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization"],
            },
            "de_prefixes": {
                "type": "custom",
                "char_filter": list(GENDER_CHAR_FILTERS),
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "prefixes"],
            },
        },
    },
}
# Each searchable field three times, for the levels of the score (search/matching.py): the words as written
# (``.exact``), stemmed (``.stemmed``) and, in the field itself, stemmed with the parts of compounds.
TEXT = {
    "type": "text",
    "analyzer": "de_index",
    "search_analyzer": "de_text",
    "copy_to": "all_text",
    "fields": {"exact": {"type": "text", "analyzer": "de_words"}, "stemmed": {"type": "text", "analyzer": "de_text"}},
}
LEVEL_FIELD = {"exact": ".exact", "stemmed": ".stemmed", "parts": "", "fuzzy": ""}
KEYWORD = {"type": "keyword"}
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "page_id": {"type": "long"},
        "typ": KEYWORD,
        "title": {
            **TEXT,
            "fields": {
                **TEXT["fields"],
                "prefixes": {"type": "text", "analyzer": "de_prefixes", "search_analyzer": "de_words"},
            },
        },
        "teaser": TEXT,
        "body": TEXT,
        "all_text": {"type": "text", "analyzer": "de_index", "search_analyzer": "de_text"},
        "url": {"type": "keyword", "index": False},
        "anbieter": KEYWORD,
        "anbieter_name": TEXT,
        "bereich": KEYWORD,
        "lebenslage": KEYWORD,
        "zielgruppe": KEYWORD,
        "barrierefrei": KEYWORD,
        "ort": KEYWORD,
        "ort_name": TEXT,
        "venue": TEXT,
        "themen": TEXT,
        "kostenlos": KEYWORD,
        "format": KEYWORD,
        "date_from": {"type": "date"},
        "date_to": {"type": "date"},
        "sort_at": {"type": "date"},
        "location": {"type": "geo_point"},
        "rating": {"type": "float"},
        "rating_count": {"type": "integer"},
    },
}


class OrjsonNdjsonSerializer(NdjsonSerializer):
    """``_msearch`` and ``_bulk`` bodies (one JSON document a line) written and read with orjson, like the
    client's ``OrjsonSerializer`` does for JSON: the client's default encodes each line with the standard
    library, about 0.3 ms of a search's few hundred clauses (5–11 KB), and the same again to read its answer."""

    def json_dumps(self, data) -> bytes:
        return orjson.dumps(data, default=self.default)

    def json_loads(self, data: bytes):
        return orjson.loads(data)


# the client also uses them for the compatibility mimetypes it sends (application/vnd.elasticsearch+json etc.)
SERIALIZERS = {OrjsonSerializer.mimetype: OrjsonSerializer(), OrjsonNdjsonSerializer.mimetype: OrjsonNdjsonSerializer()}


def get_client(config: dict) -> Elasticsearch:
    key = (config["URL"], repr(sorted(config.get("OPTIONS", {}).items())), config.get("TIMEOUT", 5))
    if key not in _clients:
        options = {"serializers": SERIALIZERS, **config.get("OPTIONS", {}), "request_timeout": config.get("TIMEOUT", 5)}
        nodes = [url.strip() for url in config["URL"].split(",") if url.strip()]  # one or several nodes
        _clients[key] = Elasticsearch(nodes, **options)
    return _clients[key]


def es_source(document: dict) -> dict:
    source = {key: value for key, value in document.items() if key != "location"}
    source["kostenlos"] = "ja" if document["kostenlos"] else None
    # open ends as sentinel dates: a plain range filter is much faster than "missing or in range"
    source["date_from"] = (document["date_from"] or datetime.date.min).isoformat()
    source["date_to"] = (document["date_to"] or datetime.date.max).isoformat()
    source["sort_at"] = document["sort_at"].isoformat() if document["sort_at"] else None
    if document["location"]:
        source["location"] = {"lat": document["location"][0], "lon": document["location"][1]}
    return source


@lru_cache(maxsize=4096)
def search_terms(text: str, exact: bool) -> tuple[str, ...]:
    """``text`` as the field's search analyzer reads it: ``de_words`` for the ``.exact`` fields, else ``de_text``.
    search/text.py does the same token by token (tests/search/test_analysis.py)."""
    return tuple(normalize_words(text) if exact else analyze(text))


def group_query(alternatives: list[str], field: str, typos: dict[str, list[str]] | None = None) -> dict:
    """Any of the alternatives (a word and its synonyms), each with all of its terms. Only the first, the word
    as typed, may be misspelt when ``typos`` are given (its terms with the indexed terms within their edits,
    ``ElasticsearchEngine.spellings_body``): the synonyms and parts come from the portal, spelt right.

    The terms are analysed here rather than by the node (``match``): a search sends a few hundred such clauses
    (words × fields × levels of the score), and the node analysed each again before searching."""
    exact = field.endswith(".exact")

    def alternative(i: int, text: str) -> dict:
        misspelt = typos is not None and i == 0
        clauses = [
            {"terms": {field: [term, *typos[term]]}} if misspelt and typos.get(term) else {"term": {field: term}}
            for term in search_terms(text, exact)
        ]
        if not clauses:  # punctuation alone: nothing to find (as ``match`` found nothing)
            return {"match_none": {}}
        return clauses[0] if len(clauses) == 1 else {"bool": {"filter": clauses}}

    clauses = [alternative(i, text) for i, text in enumerate(alternatives)]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def facet_filter(facet: str, values: tuple[str, ...]) -> dict:
    """Any of a facet's selected values. ``term`` queries, which the node reads along with the other filters: a
    ``terms`` query took about twice as long for a frequent value (a Zielgruppe, "kurs" at 100,000 documents)."""
    if len(values) == 1:
        return {"term": {facet: values[0]}}
    return {"bool": {"should": [{"term": {facet: value}} for value in values], "minimum_should_match": 1}}


def remembered_spellings(alias: str, terms: tuple[str, ...]) -> dict[str, list[str]]:
    """A guess of the node's spellings of ``terms``: its last answer for each in this process, else none."""
    return {term: _spellings.get((alias, term), []) for term in terms}


def remember_spellings(alias: str, typos: dict[str, list[str]]) -> None:
    with _remembering:
        for term, spellings in typos.items():
            _spellings[(alias, term)] = spellings
            _spellings.move_to_end((alias, term))
        while len(_spellings) > REMEMBERED_SPELLINGS:
            _spellings.popitem(last=False)


def forget_memories() -> None:
    """Forget the spellings and forecasts remembered in this process (tests; they only save round trips)."""
    with _remembering:
        _spellings.clear()
        _scorings.clear()
        AnyWordForecast.remembered.clear()


# what a hit shows (``ElasticsearchEngine.hit``): not the body, the longest field of a page, nor the taxonomies
HIT_FIELDS = [
    "page_id",
    "typ",
    "title",
    "teaser",
    "url",
    "date_from",
    "date_to",
    "sort_at",
    "location",
    "ort_name",
    "anbieter_name",
    "rating",
    "rating_count",
]


class AnyWordForecast:
    """Whether a search is likely to find nothing, so that its any-word fallback is worth sending along in the
    same ``_msearch``: when at least half of the last searches of its kind in this process needed it. A kind is
    the words, which facets, place and dates are chosen (not their values) and the offset. Sent along but not
    needed, the fallback costs the node about as much again (it scores every document with any of the words:
    +15–35 ms for "Tanzen für Senioren" at 100,000 documents without filters, +3–7 ms with four); not sent but
    needed, it costs a second round trip. Only the number of round trips depends on the forecast, never a
    result."""

    remembered: OrderedDict[tuple, list[bool]] = OrderedDict()
    KINDS, LAST = 4096, 8

    def __init__(self, alias: str, params: SearchParams):
        self.key = (
            alias,
            tuple(tuple(group) for group in params.word_groups),
            tuple(sorted(params.filters)),
            bool(params.center),
            params.has_date_filter,
            params.offset,
        )

    def likely(self) -> bool:
        needed = self.remembered.get(self.key, [])
        return bool(needed) and 2 * sum(needed) >= len(needed)

    def record(self, needed: bool) -> None:
        with _remembering:
            outcomes = self.remembered.pop(self.key, [])
            self.remembered[self.key] = [*outcomes, needed][-self.LAST :]
            while len(self.remembered) > self.KINDS:
                self.remembered.popitem(last=False)


def terms_aggregation(facet: str) -> dict:
    return {"terms": {"field": facet, "size": max(10, len(known_slugs(facet)))}}


def _parse_date(value):
    day = datetime.date.fromisoformat(value) if value else None
    return None if day in (datetime.date.min, datetime.date.max) else day


def _parse_datetime(value):
    return datetime.datetime.fromisoformat(value) if value else None


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, config: dict):
        self.client = get_client(config)
        self.alias = config["INDEX"]
        self.refresh = config.get("REFRESH", False)

    # --- index life ---
    def ensure_index(self) -> None:
        if self.alias in _ensured_aliases:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            self.create_index(alias=True)
        _ensured_aliases.add(self.alias)

    def create_index(self, alias: bool = False) -> str:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        body = {"settings": INDEX_SETTINGS, "mappings": MAPPINGS}
        if alias:
            body["aliases"] = {self.alias: {}}
        self.client.indices.create(index=name, **body)
        return name

    def drop(self) -> None:
        """Remove the alias and every index behind it (tests and resets)."""
        _ensured_aliases.discard(self.alias)
        names = list(self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True))
        if names:
            self.client.indices.delete(index=",".join(names))

    def index(self, documents: Iterable[dict]) -> None:
        actions = [{"_index": self.alias, "_id": d["page_id"], "_source": es_source(d)} for d in documents]
        if actions:
            self.ensure_index()
            # wait_for: the call returns once the change is searchable, so that the content version (and
            # with it the cached answers) changes only afterwards; otherwise a request in between would
            # store the old answer under the new version
            helpers.bulk(self.client, actions, refresh="true" if self.refresh else "wait_for")

    def delete(self, page_ids: Iterable[int]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in page_ids]
        if actions and self.client.indices.exists_alias(name=self.alias):
            helpers.bulk(self.client, actions, raise_on_error=False, refresh="true" if self.refresh else "wait_for")

    def rebuild(self, documents: Iterable[dict]) -> int:
        """Fill a new index, then switch the alias to it in one step and drop the old ones."""
        new_index = self.create_index()
        # a batch job, not a resident's request: a busy node may take longer than the request timeout per chunk
        count, _errors = helpers.bulk(
            self.client.options(request_timeout=REBUILD_TIMEOUT),
            ({"_index": new_index, "_id": d["page_id"], "_source": es_source(d)} for d in documents),
            chunk_size=1000,
        )
        self.client.indices.refresh(index=new_index)
        # one segment before residents search it: a bulk load leaves about ten, and each search looks up every
        # term of its many clauses in each segment (at 100,000 documents most of the node's time for a
        # search); later changes add small segments that the node merges as usual
        self.client.options(request_timeout=REBUILD_TIMEOUT).indices.forcemerge(index=new_index, max_num_segments=1)
        old = (
            list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True))
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name)
        return count

    def count(self) -> int:
        self.ensure_index()
        self.client.indices.refresh(index=self.alias)
        return self.client.count(index=self.alias)["count"]

    # --- searching ---
    @staticmethod
    def fuzzy_terms(params: SearchParams) -> tuple[str, ...]:
        """The terms of the words as typed that may be misspelt (search/matching.py: ``fuzziness``)."""
        return tuple(sorted({term for group in params.word_matches for term in analyze(group.word) if fuzziness(term)}))

    @staticmethod
    def spellings_body(terms: tuple[str, ...]) -> dict:
        """A request for the indexed terms within the edits each term may have (same first letter). One suggest
        request builds each term's Levenshtein automaton once; a fuzzy query per field built it anew for each of
        the seven fields, the filter and the highlighter, most of the search's time for long words (two edits).
        The fields share the analyzer of ``all_text``, so their terms are among its terms."""
        return {
            "size": 0,
            "track_total_hits": False,
            "suggest": {
                str(i): {
                    "text": term,
                    "term": {
                        "field": "all_text",
                        "analyzer": "keyword",
                        "suggest_mode": "always",
                        "max_edits": fuzziness(term),
                        "prefix_length": PREFIX_LENGTH,
                        "min_word_length": 1,
                        "accuracy": 0.0,
                        "size": MAX_EXPANSIONS,
                        "max_term_freq": 2**31
                        - 1,  # also for frequent words (the default skips those in 1 % of documents)
                    },
                }
                for i, term in enumerate(terms)
            },
        }

    @staticmethod
    def read_spellings(terms: tuple[str, ...], answer: dict) -> dict[str, list[str]]:
        return {
            term: [option["text"] for entry in answer["suggest"][str(i)] for option in entry["options"]]
            for i, term in enumerate(terms)
        }

    def base_filters(self, params: SearchParams, typos: dict[str, list[str]] | None = None) -> list[dict]:
        filters = [{"range": {"date_to": {"gte": params.today.isoformat()}}}]
        if params.words:  # most of the words (each by itself or a synonym), see search/matching.py
            filters.append(
                {
                    "bool": {
                        "should": [group_query(group, "all_text", typos or {}) for group in params.word_groups],
                        "minimum_should_match": params.required_words,
                    }
                }
            )
        for phrase in params.phrases:
            filters.append({"match_phrase": {"all_text": phrase}})
        if params.has_date_filter:
            filters.append({"bool": {"must_not": {"term": {"typ": "beitrag"}}}})
            if params.date_to:
                filters.append({"range": {"date_from": {"lte": params.date_to.isoformat()}}})
            if params.date_from:
                filters.append({"range": {"date_to": {"gte": params.date_from.isoformat()}}})
        if params.center and params.radius_km:  # around each centre
            filters.append(
                {
                    "bool": {
                        "minimum_should_match": 1,
                        "should": [
                            {
                                "geo_distance": {
                                    "distance": f"{params.radius_km}km",
                                    "location": {"lat": lat, "lon": lon},
                                }
                            }
                            for lat, lon in params.centers
                        ],
                    }
                }
            )
        return filters

    def scoring(self, params: SearchParams, typos: dict[str, list[str]] | None = None) -> list[dict]:
        """Fixed scores, as the database engine computes them (search/matching.py): per word and field the
        field's weight times the best level it matches at (``dis_max``), summed; the preferred kinds on top.

        Built once per process for the same words (with their synonyms and parts), kinds and spellings, which
        is all they depend on: a search and its any-word fallback, and what residents search again (about 1 ms
        of Python for a search of three words, a few hundred clauses)."""
        key = (
            tuple(params.word_matches),
            params.preferred_types,
            tuple((t, tuple(v)) for t, v in (typos or {}).items()),
        )
        scoring = _scorings.get(key)
        if scoring is None:
            scoring = self._build_scoring(params, typos or {})
            if len(_scorings) >= REMEMBERED_SCORINGS:
                _scorings.clear()
            _scorings[key] = scoring
        return scoring

    def _build_scoring(self, params: SearchParams, typos: dict[str, list[str]]) -> list[dict]:
        should = []
        for group in params.word_matches:
            # without spellings the fuzzy level asks what the parts level asks, for less: it never decides the
            # best level, so it is left out (a few dozen clauses fewer for the node to build, same scores)
            misspelt = any(typos.get(term) for term in search_terms(group.word, False))
            levels = [(level, weight) for level, weight in LEVELS if level != "fuzzy" or misspelt]
            for field, weight in group.fields().items():
                should.append(
                    {
                        "dis_max": {
                            "queries": [
                                {
                                    "constant_score": {
                                        "filter": group_query(
                                            group.at_level(level),
                                            field + LEVEL_FIELD[level],
                                            typos if level == "fuzzy" else None,
                                        ),
                                        "boost": weight * level_weight,
                                    }
                                }
                                for level, level_weight in levels
                            ]
                        }
                    }
                )
        for typ, boost in type_boosts(params.preferred_types).items():
            should.append({"constant_score": {"filter": {"term": {"typ": typ}}, "boost": boost}})
        return should

    def sort(self, params: SearchParams) -> list:
        by_date = [{"sort_at": {"order": "asc", "missing": "_last"}}, {"page_id": "asc"}]
        if params.sort == "entfernung":
            return [
                {
                    "_geo_distance": {
                        "location": [{"lat": lat, "lon": lon} for lat, lon in params.centers],
                        "order": "asc",
                        "unit": "km",
                        "distance_type": "arc",
                    }
                },
                {"page_id": "asc"},
            ]
        if params.sort == "bewertung":
            return [{"rating": {"order": "desc", "missing": "_last"}}, *by_date]
        if params.sort == "relevanz" and params.words:
            return [{"_score": "desc"}, *by_date]
        return by_date

    def request_bodies(self, params: SearchParams, typos: dict[str, list[str]] | None = None) -> list[dict]:
        """The search's requests, sent together in one ``_msearch``: the hits, and with a selection the counts
        of the selected facets.

        The hits' query takes every selection, so that only the hits are scored (the score's many clauses cost
        per document; a post_filter would score every document that matches the words), and counts the
        unselected facets. A selected facet counts under all other selections: documents of the search that
        miss at most one selection, so the second request looks only at those (filters alone, nothing scored),
        and counts each selected facet among those that match the others. A ``global`` aggregation gave the
        same counts but walked all documents of the index for it (about half of the node's time per search at
        100,000 documents, ``profile: true``).
        """
        selections = {facet: facet_filter(facet, values) for facet, values in params.filters.items()}
        base_filters = self.base_filters(params, typos)
        hits = {
            "query": {
                "bool": {"filter": base_filters + list(selections.values()), "should": self.scoring(params, typos)}
            },
            "aggs": {facet: terms_aggregation(facet) for facet in FACETS if facet not in selections},
            "sort": self.sort(params),
            "_source": HIT_FIELDS,
            "from": params.offset,
            "size": params.limit,
            "track_total_hits": True,
        }
        if params.words or params.phrases:
            hits["highlight"] = {
                "encoder": "html",
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "require_field_match": False,
                "fields": {
                    "teaser": {"number_of_fragments": 1, "fragment_size": 200},
                    "body": {"number_of_fragments": 1, "fragment_size": 200},
                    "title": {"number_of_fragments": 0},
                    "anbieter_name": {"number_of_fragments": 0},
                },
            }
        if not selections:
            return [hits]
        near = (
            [{"bool": {"should": list(selections.values()), "minimum_should_match": len(selections) - 1}}]
            if len(selections) > 1
            else []
        )
        counts = {
            "size": 0,
            "track_total_hits": False,
            "query": {"bool": {"filter": base_filters + near}},
            "aggs": {
                facet: {
                    "filter": {"bool": {"filter": [f for other, f in selections.items() if other != facet]}},
                    "aggs": {facet: terms_aggregation(facet)},
                }
                for facet in selections
            },
        }
        return [hits, counts]

    def search(self, params: SearchParams) -> SearchResult:
        return self.search_or_any_word(params)[0]

    def search_or_any_word(
        self, params: SearchParams, any_word: SearchParams | None = None
    ) -> tuple[SearchResult, SearchResult | None]:
        """The search, and when it finds nothing and ``any_word`` is given, that search too (the fallback of
        ``run_search``); in one round trip to the node for most searches.

        The spellings of the words go in the same ``_msearch`` as the search, which is sent with the spellings
        the node gave for these terms last time in this process (none for terms not seen yet): when the node
        answers the same spellings, the search sent was the search. Only when they differ (a term seen for the
        first time that has other spellings, or the index changed around it) is the search sent again with
        them. The fallback goes along in the first ``_msearch`` when such searches needed it lately
        (``AnyWordForecast``), else it follows if needed. Each result's ``extra["took"]`` is the node's time
        summed over every round trip of the call (``extra["round_trips"]`` of them), ``took_ms`` the time of the
        whole call."""
        self.ensure_index()
        started = time.perf_counter()
        terms = self.fuzzy_terms(params)
        guess = remembered_spellings(self.alias, terms)
        forecast = AnyWordForecast(self.alias, params) if any_word is not None else None
        searches = [params, any_word] if forecast and forecast.likely() else [params]
        spellings = [self.spellings_body(terms)] if terms else []
        response = self.msearch(spellings + self.bodies_of(searches, guess))
        took, answers, trips = response["took"], response["responses"], 1
        typos = guess
        if terms:
            spelt, *answers = answers
            typos = self.read_spellings(terms, spelt)
            remember_spellings(self.alias, typos)
        results = self.read_results(searches, answers)
        if typos != guess:  # other spellings than the search was sent with: it was not the search
            if results[0].total and len(searches) > 1:
                searches = searches[:1]  # it finds these (and more with the spellings): no fallback needed
            response = self.msearch(self.bodies_of(searches, typos))
            took, trips = took + response["took"], trips + 1
            results = self.read_results(searches, response["responses"])
        relaxed = None
        if forecast is not None and results[0].total == 0:
            if len(results) > 1:
                relaxed = results[1]
            else:
                response = self.msearch(self.request_bodies(any_word, typos))
                took, trips = took + response["took"], trips + 1
                relaxed = self.read_results([any_word], response["responses"])[0]
        if forecast is not None:
            forecast.record(needed=results[0].total == 0)
        elapsed = (time.perf_counter() - started) * 1000
        for result in (results[0], relaxed):
            if result is not None:
                result.took_ms = elapsed
                result.extra.update(took=took, round_trips=trips)
        return results[0], relaxed

    def bodies_of(self, searches: list[SearchParams], typos: dict[str, list[str]]) -> list[dict]:
        return [body for params in searches for body in self.request_bodies(params, typos)]

    def read_results(self, searches: list[SearchParams], answers: list[dict]) -> list[SearchResult]:
        """The results of ``searches`` from the answers to their ``bodies_of`` (one or two per search)."""
        results = []
        for params in searches:
            found, *counted = answers[: 1 + bool(params.filters)]
            answers = answers[1 + bool(params.filters) :]
            hits = [self.hit(h) for h in found["hits"]["hits"]]
            add_distances(hits, params.centers)
            results.append(
                SearchResult(
                    total=found["hits"]["total"]["value"],
                    hits=hits,
                    engine=self.name,
                    facets=self.facet_counts(found["aggregations"], *(c["aggregations"] for c in counted)),
                )
            )
        return results

    def msearch(self, bodies: list[dict]):
        response = self.client.msearch(index=self.alias, searches=[line for body in bodies for line in ({}, body)])
        for answer in response["responses"]:
            if "error" in answer:  # _msearch answers 200 with the error of each search inside
                raise ApiError(str(answer["error"].get("reason", answer["error"])), meta=response.meta, body=answer)
        return response

    @staticmethod
    def facet_counts(aggregations: dict, selected: dict | None = None) -> dict[str, dict[str, int]]:
        """The unselected facets' counts from the hits' request, the selected ones' from the second (request_bodies)."""
        counts = {facet: aggregations[facet] for facet in FACETS if facet in aggregations}
        counts.update({facet: selected[facet][facet] for facet in FACETS if facet in (selected or {})})
        return {
            facet: {bucket["key"]: bucket["doc_count"] for bucket in terms["buckets"]}
            for facet, terms in counts.items()
        }

    def hit(self, raw: dict) -> SearchHit:
        source, fragments = raw["_source"], raw.get("highlight", {})
        location = source.get("location")
        return SearchHit(
            page_id=source["page_id"],
            typ=source["typ"],
            title=source["title"],
            teaser=source["teaser"],
            url=source["url"],
            date_from=_parse_date(source["date_from"]),
            date_to=_parse_date(source["date_to"]),
            sort_at=_parse_datetime(source["sort_at"]),
            location=(location["lat"], location["lon"]) if location else None,
            ort_name=source["ort_name"],
            anbieter_name=source["anbieter_name"],
            rating=source.get("rating"),
            rating_count=source.get("rating_count") or 0,
            highlight=(fragments.get("teaser") or fragments.get("body") or [""])[0],
            title_highlight=(fragments.get("title") or [""])[0],
            anbieter_highlight=(fragments.get("anbieter_name") or [""])[0],
        )

    def suggest(self, prefix: str, limit: int, today: datetime.date) -> list[dict]:
        if not prefix.strip():
            return []
        self.ensure_index()
        response = self.client.search(
            index=self.alias,
            size=limit * 4,
            source=["title", "url", "typ"],
            query={
                "bool": {
                    "filter": [
                        {"match": {"title.prefixes": {"query": prefix, "operator": "and"}}},
                        {"range": {"date_to": {"gte": today.isoformat()}}},
                    ]
                }
            },
            sort=[{"sort_at": {"order": "asc", "missing": "_last"}}, {"page_id": "asc"}],
        )
        return distinct_titles((h["_source"] for h in response["hits"]["hits"]), limit)
