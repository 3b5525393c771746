"""The contract both search engines keep."""

import datetime
import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..params import SearchParams

EARTH_RADIUS_KM = 6371.0087714  # Elasticsearch's mean earth radius
MARKED = re.compile(r"<mark>(.*?)</mark>")


@dataclass
class SearchHit:
    page_id: int
    typ: str
    title: str
    teaser: str
    url: str
    date_from: datetime.date | None
    date_to: datetime.date | None
    sort_at: datetime.datetime | None
    location: tuple[float, float] | None
    ort_name: str = ""
    anbieter_name: str = ""
    highlight: str = ""
    # the title and the provider with the matched words in <mark> (HTML-escaped), "" if nothing matched there
    title_highlight: str = ""
    anbieter_highlight: str = ""

    @property
    def title_matches(self) -> list[str]:
        """The title's words that matched, once each, as text (the card lists them)."""
        return list(dict.fromkeys(html.unescape(word) for word in MARKED.findall(self.title_highlight)))

    distance_km: float | None = None
    rating: float | None = None
    rating_count: int = 0


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    engine: str
    degraded: bool = False
    took_ms: float | None = None
    extra: dict = field(default_factory=dict)


class SearchEngine(Protocol):
    name: str

    def search(self, params: SearchParams) -> SearchResult: ...

    def search_or_any_word(
        self, params: SearchParams, any_word: SearchParams | None = None
    ) -> tuple[SearchResult, SearchResult | None]: ...

    def suggest(self, prefix: str, limit: int, today: datetime.date) -> list[dict]: ...

    def index(self, documents: Iterable[dict]) -> None: ...

    def delete(self, page_ids: Iterable[int]) -> None: ...

    def rebuild(self, documents: Iterable[dict]) -> int: ...

    def count(self) -> int: ...


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance, as Elasticsearch's arc distance computes it."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def add_distances(hits: list[SearchHit], centers: list[tuple[float, float]]) -> None:
    """The distance to the nearest centre (several Orte with a radius: around each)."""
    if not centers:
        return
    for hit in hits:
        if hit.location:
            hit.distance_km = round(min(distance_km(center, hit.location) for center in centers), 1)
