"""The search in SQL over SearchDocument rows: the embedded default and the fallback."""

import datetime
import html
import time
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import ASin, Cos, Least, Length, Power, Radians, Sin, Sqrt

from ..documents import facet_values
from ..matching import LEVELS, PREFIX_LENGTH, fuzziness, type_boosts
from ..models import SearchDocument, SearchDocumentTerm, SearchVocabulary
from ..params import FACETS, SearchParams
from ..text import analyze, analyze_for_index, analyze_with_parts, edit_distance_within, normalize_words
from .base import EARTH_RADIUS_KM, SearchHit, SearchResult, add_distances

SNIPPET_LENGTH = 200
# field_terms: each field's words as written ("t=kurse"), stemmed ("t:kurs") and stemmed with the parts of
# compounds ("t~kurs"), as Elasticsearch's ``.exact``, ``.stemmed`` and main fields hold them
FIELD_CODES = {
    "title": "t",
    "anbieter_name": "a",
    "teaser": "e",
    "venue": "v",
    "ort_name": "o",
    "themen": "z",
    "body": "b",
}
LEVEL_MARKS = {"exact": "=", "stemmed": ":", "parts": "~", "fuzzy": "~"}


def field_terms(document: dict) -> str:
    terms = []
    for field, code in FIELD_CODES.items():
        text = document.get(field) or ""
        terms += [f"{code}={t}" for t in normalize_words(text)] + [f"{code}:{t}" for t in analyze(text)]
        terms += [f"{code}~{t}" for t in analyze_for_index(text)]
    return padded(terms)


def padded(terms: list[str]) -> str:
    return f" {' '.join(terms)} "


def document_row(document: dict) -> SearchDocument:
    fields = [
        analyze_with_parts(document.get(field) or "")
        for field in ("title", "teaser", "body", "anbieter_name", "ort_name", "venue", "themen")
    ]
    # " | " keeps phrases from running across fields, as Elasticsearch's position gap does; the parts of
    # compounds ("Deutschkurs" -> "deutsch", "kurs") follow in a segment of their own
    parts = " ".join(part for _terms, field_parts in fields for part in field_parts)
    text_terms = f" {' | '.join(' '.join(terms) for terms, _parts in fields)} | {parts} "
    location = document["location"]
    return SearchDocument(
        page_id=document["page_id"],
        typ=document["typ"],
        title=document["title"],
        teaser=document["teaser"],
        body=document["body"],
        url=document["url"],
        text_terms=text_terms,
        field_terms=field_terms(document),
        title_words=padded(normalize_words(document["title"])),
        anbieter_name=document["anbieter_name"],
        ort_name=document["ort_name"],
        date_from=document["date_from"],
        date_to=document["date_to"],
        sort_at=document["sort_at"],
        latitude=location[0] if location else None,
        longitude=location[1] if location else None,
        rating=document.get("rating"),
        rating_count=document.get("rating_count") or 0,
    )


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self._candidate_cache: dict[str, set[str]] = {}  # per search: fuzzy spellings of each term

    # --- indexing ---
    def index(self, documents: Iterable[dict]) -> None:
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            self.delete(d["page_id"] for d in documents)
            self._insert(documents)

    def _insert(self, documents: list[dict]) -> None:
        rows = [document_row(d) for d in documents]
        SearchDocument.objects.bulk_create(rows)
        SearchDocumentTerm.objects.bulk_create(
            [
                SearchDocumentTerm(document_id=d["page_id"], facet=f, slug=s)
                for d in documents
                for f, s in facet_values(d)
            ]
        )
        vocabulary = {t for row in rows for t in row.text_terms.split() if t != "|" and len(t) <= 100}
        SearchVocabulary.objects.bulk_create([SearchVocabulary(term=t) for t in vocabulary], ignore_conflicts=True)

    def delete(self, page_ids: Iterable[int]) -> None:
        SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()

    def rebuild(self, documents: Iterable[dict], batch_size: int = 1000) -> int:
        count, batch = 0, []
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchVocabulary.objects.all().delete()
            for document in documents:
                batch.append(document)
                if len(batch) == batch_size:
                    self._insert(batch)
                    count, batch = count + len(batch), []
            self._insert(batch)
        return count + len(batch)

    def count(self) -> int:
        return SearchDocument.objects.count()

    # --- searching ---
    def candidates(self, term: str) -> set[str]:
        """The term and the indexed terms within its fuzziness (search/matching.py), same first letter."""
        limit = fuzziness(term)
        if limit == 0:
            return {term}
        nearby = (
            SearchVocabulary.objects.annotate(length=Length("term"))
            .filter(term__startswith=term[:PREFIX_LENGTH], length__gte=len(term) - limit, length__lte=len(term) + limit)
            .values_list("term", flat=True)
        )
        return {term} | {
            t
            for t in nearby.iterator()
            if t[:PREFIX_LENGTH] == term[:PREFIX_LENGTH] and edit_distance_within(term, t, limit)
        }

    def spellings(self, term: str) -> set[str]:
        """``candidates`` of ``term``, looked up once per search."""
        if term not in self._candidate_cache:
            self._candidate_cache[term] = self.candidates(term)
        return self._candidate_cache[term]

    def has_misspellings(self, word: str) -> bool:
        """Whether some term of ``word`` has indexed spellings within its fuzziness besides itself."""
        return any(self.spellings(term) != {term} for term in analyze(word))

    def word_condition(self, word: str, field: str, fuzzy: bool = True, prefix: str = "", exact: bool = False) -> Q:
        """All terms of ``word`` in ``field`` (each term marked with ``prefix`` in field_terms); the words as
        written if ``exact``, else stemmed; misspelt within the fuzziness if ``fuzzy``."""
        condition = Q()
        for term in normalize_words(word) if exact else analyze(word):
            any_spelling = Q()
            for candidate in self.spellings(term) if fuzzy else {term}:
                any_spelling |= Q(**{f"{field}__contains": f" {prefix}{candidate} "})
            condition &= any_spelling
        return condition

    def group_condition(
        self, alternatives: list[str], field: str, fuzzy: bool = True, prefix: str = "", exact: bool = False
    ) -> Q:
        """Any of the alternatives (a word and its synonyms), each with all of its terms; only the first (the word
        as typed) may be misspelt, as on Elasticsearch."""
        condition = Q()
        for i, text in enumerate(alternatives):
            condition |= self.word_condition(text, field, fuzzy and i == 0, prefix, exact)
        return condition

    def score(self, params: SearchParams):
        """The score of search/matching.py, as Elasticsearch computes it: per word and field the weight times
        the best level matched (the first matching When), summed; the preferred kinds on top."""
        score = Value(0.0)
        for group in params.word_matches:
            # the fuzzy level asks for the parts level's terms (same mark) or their misspellings: without any
            # misspelling in the index it matches what the parts level, before it, already took; leaving it out
            # changes no score and spares a quarter of the conditions to build and compile
            fuzzy_adds = self.has_misspellings(group.at_level("fuzzy")[0])
            for field, weight in group.fields().items():
                levels = [
                    When(
                        self.group_condition(
                            group.at_level(level),
                            "field_terms",
                            fuzzy=level == "fuzzy",
                            prefix=FIELD_CODES[field] + LEVEL_MARKS[level],
                            exact=level == "exact",
                        ),
                        then=Value(weight * level_weight),
                    )
                    for level, level_weight in LEVELS
                    if level != "fuzzy" or fuzzy_adds
                ]
                score = score + Case(*levels, default=Value(0.0))
        boosts = type_boosts(params.preferred_types)
        if boosts:
            score = score + Case(
                *(When(typ=typ, then=Value(boost)) for typ, boost in boosts.items()), default=Value(0.0)
            )
        return score

    def base_queryset(self, params: SearchParams):
        docs = SearchDocument.objects.filter(Q(date_to__isnull=True) | Q(date_to__gte=params.today))
        groups = [self.group_condition(group, "text_terms") for group in params.word_groups]
        if groups and params.required_words >= len(groups):
            docs = docs.filter(*groups)
        elif groups:  # most of the words: count the matching groups in SQL
            matched = sum((Case(When(group, then=Value(1)), default=Value(0)) for group in groups), Value(0))
            docs = docs.filter(
                pk__in=SearchDocument.objects.alias(matched=matched)
                .filter(matched__gte=params.required_words)
                .values("pk")
            )
        for phrase in params.phrases:
            docs = docs.filter(text_terms__contains=padded(analyze(phrase)))
        if params.has_date_filter:
            docs = docs.exclude(typ="beitrag")
            if params.date_to:
                docs = docs.filter(Q(date_from__isnull=True) | Q(date_from__lte=params.date_to))
            if params.date_from:
                docs = docs.filter(Q(date_to__isnull=True) | Q(date_to__gte=params.date_from))
        if params.center and params.radius_km:
            docs = self.with_distance(docs, params.centers).filter(distance__lte=params.radius_km)
        return docs

    def with_distance(self, docs, centers: list[tuple[float, float]]):
        """Annotate the distance to the nearest of ``centers``."""
        distances = []
        for lat, lon in centers:
            half_dlat = Radians(F("latitude") - lat) / 2
            half_dlon = Radians(F("longitude") - lon) / 2
            h = Power(Sin(half_dlat), 2) + Cos(Radians(Value(lat))) * Cos(Radians(F("latitude"))) * Power(
                Sin(half_dlon), 2
            )
            distances.append(2 * EARTH_RADIUS_KM * ASin(Sqrt(h), output_field=FloatField()))
        return docs.annotate(distance=distances[0] if len(distances) == 1 else Least(*distances))

    def facet_conditions(self, params: SearchParams) -> dict[str, Q]:
        return {
            facet: Q(pk__in=SearchDocumentTerm.objects.filter(facet=facet, slug__in=values).values("document_id"))
            for facet, values in params.filters.items()
        }

    def facet_counts(self, base, params: SearchParams):
        """(facet, slug, count) of the documents in ``base`` that the other selections keep, in one query.

        As on Elasticsearch: a selected facet counts under all other selections, the unselected facets all count
        under every selection. Each term row is counted if its document is in ``base`` (its SQL written once: the
        word conditions are most of what compiling this query costs) and passes the selections of every facet but
        the term's own (an unselected facet has none of its own). A UNION ALL of one query per selected facet wrote
        ``base`` once per part and cost more to compile than to run (python -m bench render --profile).
        """
        selected = {
            facet: Q(document__in=SearchDocumentTerm.objects.filter(facet=facet, slug__in=values).values("document_id"))
            for facet, values in params.filters.items()
        }
        per_facet = Q()
        for facet in selected:
            per_facet |= Q(*[q for name, q in selected.items() if name != facet], facet=facet)
        unselected = [facet for facet in FACETS if facet not in selected]
        if unselected:
            per_facet |= Q(*selected.values(), facet__in=unselected)
        return (
            SearchDocumentTerm.objects.filter(per_facet, document__in=base.values("pk"))
            .values_list("facet", "slug")
            .annotate(n=Count("id"))
            .order_by()
        )

    def ordered(self, docs, params: SearchParams):
        if params.sort == "entfernung":
            return self.with_distance(docs, params.centers).order_by(F("distance").asc(nulls_last=True), "pk")
        if params.sort == "bewertung":
            return docs.order_by(F("rating").desc(nulls_last=True), F("sort_at").asc(nulls_last=True), "pk")
        if params.sort == "relevanz" and params.words:
            return docs.annotate(score=self.score(params)).order_by("-score", F("sort_at").asc(nulls_last=True), "pk")
        return docs.order_by(F("sort_at").asc(nulls_last=True), "pk")

    def search(self, params: SearchParams) -> SearchResult:
        started = time.perf_counter()
        self._candidate_cache = {}
        base = self.base_queryset(params)
        conditions = self.facet_conditions(params)
        results = base.filter(*conditions.values())
        # the total with the hits: a window over the whole result, counted before the LIMIT, instead of a COUNT query
        # that compiled the word conditions once more; a page past the end has no row to carry it
        rows = list(
            self.ordered(results, params).annotate(result_total=Window(Count("pk")))[
                params.offset : params.offset + params.limit
            ]
        )
        total = rows[0].result_total if rows else (results.count() if params.offset else 0)
        facets = {facet: {} for facet in FACETS}
        for facet, slug, n in self.facet_counts(base, params):
            facets[facet][slug] = n
        matched = {c for terms in self._candidate_cache.values() for c in terms}
        hits = [self.hit(row, matched) for row in rows]
        add_distances(hits, params.centers)
        return SearchResult(
            total=total, hits=hits, facets=facets, engine=self.name, took_ms=(time.perf_counter() - started) * 1000
        )

    def search_or_any_word(
        self, params: SearchParams, any_word: SearchParams | None = None
    ) -> tuple[SearchResult, SearchResult | None]:
        """The search, and ``any_word`` too if it finds nothing (the fallback of ``run_search``)."""
        result = self.search(params)
        if any_word is None or result.total:
            return result, None
        relaxed = self.search(any_word)
        result.took_ms = relaxed.took_ms = result.took_ms + relaxed.took_ms  # both searches', as on Elasticsearch
        return result, relaxed

    def hit(self, row: SearchDocument, matched_terms: set[str]) -> SearchHit:
        return SearchHit(
            page_id=row.page_id,
            typ=row.typ,
            title=row.title,
            teaser=row.teaser,
            url=row.url,
            date_from=row.date_from,
            date_to=row.date_to,
            sort_at=row.sort_at,
            location=(row.latitude, row.longitude) if row.latitude is not None else None,
            ort_name=row.ort_name,
            anbieter_name=row.anbieter_name,
            rating=row.rating,
            rating_count=row.rating_count,
            highlight=highlight(f"{row.teaser} {row.body}", matched_terms) if matched_terms else "",
            title_highlight=mark_all(row.title, matched_terms),
            anbieter_highlight=mark_all(row.anbieter_name, matched_terms),
        )

    def suggest(self, prefix: str, limit: int, today: datetime.date) -> list[dict]:
        words = normalize_words(prefix)
        if not words:
            return []
        docs = SearchDocument.objects.filter(Q(date_to__isnull=True) | Q(date_to__gte=today))
        for word in words:
            docs = docs.filter(title_words__contains=f" {word}")
        rows = docs.order_by(F("sort_at").asc(nulls_last=True), "pk").values("title", "url", "typ")[: limit * 4]
        return distinct_titles(rows, limit)


def distinct_titles(rows, limit: int) -> list[dict]:
    seen, suggestions = set(), []
    for row in rows:
        if row["title"] not in seen:
            seen.add(row["title"])
            suggestions.append({"title": row["title"], "url": row["url"], "typ": row["typ"]})
        if len(suggestions) == limit:
            break
    return suggestions


def mark_all(text: str, matched_terms: set[str]) -> str:
    """All of a short ``text`` (a title, a provider), HTML-escaped, the words that matched (also as a part of a
    compound) in <mark>; "" if none did."""
    words = text.split()
    marked = [bool(set(analyze_for_index(word)) & matched_terms) for word in words]
    if not any(marked):
        return ""
    return " ".join(
        f"<mark>{html.escape(word)}</mark>" if hit else html.escape(word)
        for word, hit in zip(words, marked, strict=True)
    )


def highlight(text: str, matched_terms: set[str]) -> str:
    """A snippet of ``text`` around the first match, HTML-escaped, matches wrapped in <mark>."""
    words = text.split()
    marked = [bool(set(analyze(word)) & matched_terms) for word in words]
    if not any(marked):
        return ""
    first = marked.index(True)
    start = max(0, first - 8)
    out, length = [], 0
    for word, hit in zip(words[start:], marked[start:], strict=True):
        out.append(f"<mark>{html.escape(word)}</mark>" if hit else html.escape(word))
        length += len(word) + 1
        if length > SNIPPET_LENGTH:
            break
    return ("… " if start else "") + " ".join(out) + (" …" if length > SNIPPET_LENGTH else "")
