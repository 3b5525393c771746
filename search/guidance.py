"""Help around the results: filters the words name ("Nur in Finsterwalde?") and, when nothing was found,
the same search with a filter less, each with its count."""

import functools
from dataclasses import replace

from django.http import QueryDict

from .matching import STOP_WORDS
from .params import SearchParams, known_slugs
from .text import analyze

# facets whose names residents type as words, with the question the page asks
NAMED_FACETS = {"ort": "Nur in {name}?", "zielgruppe": "Nur für {name}?", "lebenslage": "Nur zum Thema „{name}“?"}
FLAG_WORDS = {
    "kostenlos": ("kostenlos", "1", "Nur kostenlose Angebote?"),
    "gratis": ("kostenlos", "1", "Nur kostenlose Angebote?"),
    "umsonst": ("kostenlos", "1", "Nur kostenlose Angebote?"),
}
MAX_PROPOSALS = 6


@functools.cache
def _stop_terms() -> frozenset[str]:
    return frozenset(t for w in STOP_WORDS for t in analyze(w))


@functools.lru_cache(maxsize=4096)
def _name_terms(name: str) -> frozenset[str]:
    # a pure function of the name, asked for every facet value and word of every search: analysing the stop words
    # and all names again each time cost about a second per search (python -m bench render --profile)
    return frozenset(term for term in analyze(name) if term not in _stop_terms())


def without_word(query: QueryDict, q: str, word: str) -> QueryDict:
    query = query.copy()
    words = q.split()
    words.remove(word)
    query["q"] = " ".join(words)
    for name in ("seite", "offset"):
        query.pop(name, None)
    if not query["q"]:
        query.pop("q")
    return query


def recognised_filters(params: SearchParams, query: QueryDict) -> list[dict]:
    """Words of the query that name a filter value not yet chosen: the filter instead of the word."""
    proposals = []
    for word in params.q.split():
        terms = set(analyze(word))
        if not terms:
            continue
        flag = FLAG_WORDS.get(word.lower())
        if flag and not params.filters.get(flag[0]):
            changed = without_word(query, params.q, word)
            changed[flag[0]] = flag[1]
            proposals.append({"label": flag[2], "href": "?" + changed.urlencode()})
            continue
        for facet, question in NAMED_FACETS.items():
            chosen = set(params.filters.get(facet, ())) | (set(params.center_orte) if facet == "ort" else set())
            for slug, name in known_slugs(facet).items():
                if slug not in chosen and terms <= _name_terms(name):
                    changed = without_word(query, params.q, word)
                    changed.appendlist(facet, slug)
                    proposals.append({"label": question.format(name=name), "href": "?" + changed.urlencode()})
    return proposals[:MAX_PROPOSALS]


def relaxations(params: SearchParams, query: QueryDict, count) -> list[dict]:
    """With nothing found: the search without one of its filters, where that finds something.

    ``count(params)`` runs a search and returns its total (the caller's engine).
    """
    # fewer words need no proposal: a search finds what matches any one word when most words find nothing
    proposals = []
    for facet, values in params.filters.items():
        for value in values:
            remaining = {f: tuple(v for v in vs if not (f == facet and v == value)) for f, vs in params.filters.items()}
            total = count(replace(params, filters={f: vs for f, vs in remaining.items() if vs}, offset=0))
            if total:
                changed = query.copy()
                changed.setlist(
                    facet,
                    [v for v in changed.getlist(facet) if v not in (value, "1")]
                    if facet == "kostenlos"
                    else [v for v in changed.getlist(facet) if v != value],
                )
                changed.pop("seite", None)
                name = known_slugs(facet).get(value, value)
                proposals.append(
                    {"label": f"ohne den Filter „{name}“", "count": total, "href": "?" + changed.urlencode()}
                )
    return sorted(proposals, key=lambda p: -p["count"])[:MAX_PROPOSALS]


def did_you_mean(params: SearchParams) -> str | None:
    """For a search that found nothing: the search term with each unknown word replaced by the closest word
    of the titles in the index ("Kinp" -> "Kino", "Gräuter" -> "Kräuter"), or None.

    The titles come from the database engine's documents, which are kept whichever engine searches.
    """
    from collections import Counter

    from .models import SearchDocument
    from .text import edit_distance_within, german_normalize, tokens

    vocabulary: Counter = Counter()
    for title in SearchDocument.objects.values_list("title", flat=True).distinct().iterator():
        vocabulary.update(token for token in tokens(title) if len(token) >= 3 and not token.isdigit())
    known = {german_normalize(word.lower()) for word in vocabulary}
    changed, words = False, []
    for word in params.q.split():
        folded = german_normalize(word.lower().strip(".,;:!?\"'"))
        if len(folded) < 3 or folded in known or word in STOP_WORDS:
            words.append(word)
            continue
        limit = 1 if len(folded) <= 5 else 2
        close = [
            (count, candidate)
            for candidate, count in vocabulary.items()
            if edit_distance_within(folded, german_normalize(candidate.lower()), limit)
        ]
        if close:
            words.append(max(close)[1])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None
