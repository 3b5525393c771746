"""Autocomplete: titles, what residents often search, places, providers, Zielgruppen and Lebenslagen, by any
word or word part, tolerant of typos ("smartfone" -> Smartphone), ranked by how often residents search for and
open them (the query log and the clicks on results). The same for both engines: titles come from the
database engine's documents, which are kept whichever engine searches."""

import datetime
from collections import Counter
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone

from caching.content import content_version

from .engines.database import distinct_titles
from .models import SearchClick, SearchDocument, SearchQueryLog
from .params import known_slugs
from .synonyms import alternatives
from .text import edit_distance_within, normalize_words

POPULAR_DAYS = 90  # the query log and the clicks of this many days count
POPULAR_QUERIES = 500

TERM_FACETS = {"ort": "Ort", "anbieter": "Anbieter", "zielgruppe": "Zielgruppe", "lebenslage": "Lebenslage"}
MIN_PART = 3  # word parts inside compounds ("kurs" in "Deutschkurs") from this length


def sound(word: str) -> str:
    """Spellings that sound alike, folded: "ph" is "f" ("Smartfone")."""
    return word.replace("ph", "f")


def word_matches(typed: str, word: str, last: bool) -> bool:
    """A typed word fits a word of a name: the same, its beginning (the word being typed), a part of a
    compound, or a typo away from either (from five letters one edit, from eight two; "ph" and "f" alike)."""
    if word == typed or (last and word.startswith(typed)):
        return True
    if len(typed) >= MIN_PART and typed in word:
        return True
    typed, word = sound(typed), sound(word)
    if word == typed or (last and word.startswith(typed)):
        return True
    if len(typed) >= 5 and word[:1] == typed[:1]:  # as the search: no typos in words of up to 4 letters
        limit = 2 if len(typed) >= 8 else 1
        return edit_distance_within(typed, word, limit) or (
            last and edit_distance_within(typed, word[: len(typed)], limit)
        )
    return False


def typed_words(prefix: str) -> list[list[str]]:
    """Every typed word with its synonyms, folded as the names are."""
    return [[w for option in alternatives(word) for w in normalize_words(option)[:1]] for word in prefix.split()]


def title_vocabulary() -> list[str]:
    """The words of the visible titles (folded), cached until the content changes."""
    key = f"search:title-words:{content_version()}"
    words = cache.get(key)
    if words is None:
        words = sorted(
            {
                word
                for line in SearchDocument.objects.values_list("title_words", flat=True).iterator()
                for word in line.split()
            }
        )
        cache.set(key, words, 60 * 60)
    return words


def popular_queries() -> list[tuple[str, int]]:
    """[(search term, how often)] of the searches that found something lately, most frequent first."""
    key = f"search:popular:{timezone.localdate()}"
    popular = cache.get(key)
    if popular is None:
        since = timezone.now() - datetime.timedelta(days=POPULAR_DAYS)
        rows = (
            SearchQueryLog.objects.filter(created_at__gte=since, result_count__gt=0)
            .exclude(query="")
            .annotate(term=Lower("query"))
            .values("term")
            .annotate(n=Count("id"))
            .order_by("-n", "term")
        )
        popular = [(row["term"], row["n"]) for row in rows[:POPULAR_QUERIES]]
        cache.set(key, popular, 60 * 10)
    return popular


def title_suggestions(prefix: str, limit: int, today: datetime.date) -> list[dict]:
    """Visible titles whose words fit what was typed (word parts and typos too), the most searched and
    opened first, then those matching without a typo, then by date."""
    typed = typed_words(prefix)
    if not typed or not all(typed):
        return []
    vocabulary = title_vocabulary()
    docs = SearchDocument.objects.filter(Q(date_to__isnull=True) | Q(date_to__gte=today))
    for i, options in enumerate(typed):
        words = [w for w in vocabulary if any(word_matches(o, w, last=i == len(typed) - 1) for o in options)]
        if not words:
            return []
        docs = docs.filter(reduce(or_, (Q(title_words__contains=f" {word} ") for word in words[:100])))
    rows = list(docs.order_by("sort_at", "pk").values("page_id", "title", "title_words", "url", "typ")[:200])
    clicks = Counter(
        dict(
            SearchClick.objects.filter(
                page_id__in=[row["page_id"] for row in rows],
                created_at__gte=timezone.now() - datetime.timedelta(days=POPULAR_DAYS),
            )
            .values("page_id")
            .annotate(n=Count("id"))
            .values_list("page_id", "n")
        )
    )
    searches = popular_queries()

    def popularity(row) -> int:
        words = set(row["title_words"].split())
        searched = sum(n for term, n in searches if set(normalize_words(term)) <= words)
        return clicks[row["page_id"]] + searched

    def exactness(row) -> int:  # typed words found as written (or as their beginning) in the title
        words = row["title_words"].split()
        return sum(any(w.startswith(o) for o in options for w in words) for options in typed)

    ranked = sorted(rows, key=lambda row: (-popularity(row), -exactness(row)))  # stable: date order otherwise
    return distinct_titles(ranked, limit)


def query_suggestions(prefix: str, limit: int) -> list[dict]:
    """What residents searched for often lately (with hits) that fits what was typed."""
    typed = typed_words(prefix)
    if not typed or not all(typed):
        return []
    suggestions = []
    for term, _count in popular_queries():
        words = normalize_words(term)
        if (
            words
            and normalize_words(prefix) != words
            and all(
                any(word_matches(option, word, last=i == len(typed) - 1) for option in options for word in words)
                for i, options in enumerate(typed)
            )
        ):
            suggestions.append(
                {"title": term, "url": f"/suche/?{urlencode({'q': term})}", "typ": "suche", "label": "Häufige Suche"}
            )
            if len(suggestions) == limit:
                break
    return suggestions


def name_matches(typed_words: list[list[str]], name: str) -> bool:
    name_words = normalize_words(name)
    return all(
        any(word_matches(option, word, last=i == len(typed_words) - 1) for option in options for word in name_words)
        for i, options in enumerate(typed_words)
    )


def term_suggestions(prefix: str, limit: int) -> list[dict]:
    """Filter values whose names fit what was typed, e.g. "bad l" -> Bad Liebenwerda, "vhs" -> the
    Kreisvolkshochschule (a synonym), "drk" -> the DRK-Kreisverband."""
    typed = typed_words(prefix)
    if not typed or not all(typed):
        return []
    suggestions = []
    for facet, label in TERM_FACETS.items():
        for slug, name in known_slugs(facet).items():
            if name_matches(typed, name):
                suggestions.append(
                    {"title": name, "url": f"/suche/?{urlencode({facet: slug})}", "typ": facet, "label": label}
                )
                if len(suggestions) == limit:
                    return suggestions
    return suggestions
