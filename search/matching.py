"""What a search term asks for, read the same way for both engines: content words, their synonyms,
how many of them must match, and how far a word may be misspelt.

The engines receive the result (``SearchParams.word_groups`` and ``SearchParams.required_words``), so that
stop words, synonyms and the "most words" rule never differ between Elasticsearch and the database.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from .text import analyze, clean_text, split_compound

# German stop words: function words residents type around what they look for ("Kurse für Senioren in
# Finsterwalde", "Wo kann ich Deutsch lernen?"). Only words that carry no topic of their own.
STOP_WORDS = frozenset(
    """
aber alle als also am an auch auf aus bei beim bin bis bitte da damit dann das dass dem den denen der des die
dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas euch
für gibt gibt's habe haben hat ich ihr im in ins ist ja kann kann's können man mein meine mich mir mit möchte
nach nicht noch nur ob oder sich sie sind so über um und uns von vom vor was welche welcher welches wer wie
wir wird wo woher wohin zu zum zur hilft helfen
""".split()
)
# the share of content words that must match beyond two words (all of one or two)
MOST_WORDS_SHARE = 0.75


# Words that ask for articles rather than offers ("News Musikschule", "Bericht Naturwacht"): they choose the
# kind of result, not its topic, so they are not searched for when other words are left.
ARTICLE_WORDS = frozenset(
    """
aktuelles artikel beitrag beiträge bericht berichte meldung meldungen nachricht nachrichten neuigkeit neuigkeiten
news presse pressemitteilung zeitung
""".split()
)
# Words (or parts of compounds) that ask for something to take part in: offers and events come before articles.
COURSE_TERMS = frozenset(
    term
    for word in """
kurs kurse kursus lehrgang seminar workshop unterricht schulung training lernen fortbildung weiterbildung
""".split()
    for term in analyze(word)
)
COURSE_TYPES, ARTICLE_TYPES = ("angebot", "veranstaltung"), ("beitrag",)


def _bare(word: str) -> str:
    return clean_text(word).strip(".,;:!?¿¡()[]{}\"'„“”‚‘’«»").lower()


def is_stop_word(word: str) -> bool:
    return _bare(word) in STOP_WORDS


def is_article_word(word: str) -> bool:
    return _bare(word) in ARTICLE_WORDS


def content_words(words: list[str]) -> list[str]:
    """The words without stop words and words for articles; all of them if nothing else is left."""
    kept = [word for word in words if not is_stop_word(word) and not is_article_word(word)]
    return kept or words


def is_course_term(term: str) -> bool:
    return term in COURSE_TERMS


def is_course_word(word: str) -> bool:
    """A word that only says "something to take part in" ("Kurs", "lernen", "Schulung")."""
    terms = analyze(word)
    return bool(terms) and all(term in COURSE_TERMS for term in terms)


def preferred_types(words: list[str]) -> tuple[str, ...]:
    """The kinds of result a search asks for: articles when it says so ("Bericht", "News"), offers and events
    for course words ("Kurs", "Computerkurs", "lernen"), else none."""
    if any(is_article_word(word) for word in words):
        return ARTICLE_TYPES
    for word in words:
        terms = set(analyze(word)) | {term for part in split_compound(word) or () for term in analyze(part)}
        if terms & COURSE_TERMS:
            return COURSE_TYPES
    return ()


@dataclass(frozen=True)
class WordGroup:
    """A content word of the search, what residents mean by it too, and its parts if it is a compound."""

    word: str
    synonyms: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # "Computerkurs" -> "computer kurs"; "computer" (and its synonyms)
    # a course word ("Kurs", "lernen"): scores and chooses the kind of result, but is not required when the
    # search has other words ("Handy Kurs" finds the Handy help without "Kurs" too)
    optional: bool = False
    # (part of) the name of a town ("Finsterwalde", "Bad Liebenwerda"): required, but it scores only where
    # the item takes place, so that the other words decide the order ("vhs bad liebenwerda")
    place: bool = False

    def fields(self) -> dict[str, float]:
        if self.place:
            return {"ort_name": FIELD_WEIGHTS["ort_name"]}
        if self.optional:  # a course word only breaks ties between items that match the topic alike
            return {field: weight * OPTIONAL_WORD_SHARE for field, weight in FIELD_WEIGHTS.items()}
        return FIELD_WEIGHTS

    @property
    def alternatives(self) -> list[str]:
        """Any of these counts as the word (matching)."""
        return [self.word, *self.synonyms, *self.parts]

    def at_level(self, level: str) -> list[str]:
        """What scores at a level: the word as typed, exactly; it or a synonym, stemmed; any alternative as a
        part of a compound; the word as typed misspelt within the fuzziness (the engines make only the first
        alternative fuzzy)."""
        if level == "exact":
            return [self.word]
        if level == "stemmed":
            return [self.word, *self.synonyms]
        return self.alternatives


@lru_cache(maxsize=256)
def _analyzed_name(name: str) -> list[str]:
    return analyze(name)


def place_words(words: list[str], place_names: list[str]) -> set[int]:
    """The positions of words that name a town: a run of words that is a whole name ("Bad Liebenwerda"), or
    one word that is a distinctive part of one ("Herzberg" of "Herzberg (Elster)"; not "Bad", not "Elster")."""
    return set(_place_words(tuple(words), tuple(place_names)))


@lru_cache(maxsize=1024)
def _place_words(words: tuple[str, ...], place_names: tuple[str, ...]) -> frozenset[int]:
    """``place_words`` remembered per words and names (it compares every word with every name: about 0.3 ms of a
    search, for the same words each time residents search them)."""
    terms = [tuple(analyze(word)) for word in words]
    positions = set()
    for name in place_names:
        name_terms = _analyzed_name(name)
        for start in range(len(words)):
            run, end = [], start
            while end < len(words) and len(run) < len(name_terms):
                run.extend(terms[end])
                end += 1
            if run == name_terms:
                positions.update(range(start, end))
        for i, word_terms in enumerate(terms):
            if len(word_terms) == 1 and len(word_terms[0]) >= 5 and word_terms[0] in name_terms:
                positions.add(i)
    return frozenset(positions)


# The score of a document (both engines alike): per content word and field, the field's weight times the
# highest level at which the word matches in it; summed. exact > stemmed > decompounded > fuzzy.
LEVELS = (("exact", 4.0), ("stemmed", 3.0), ("parts", 2.0), ("fuzzy", 1.0))
FIELD_WEIGHTS = {
    "title": 3.0,
    "anbieter_name": 2.0,
    "teaser": 1.5,
    "venue": 1.0,
    "ort_name": 1.0,
    "themen": 1.0,
    "body": 1.0,
}
# the share of its score a course word keeps when it is not required ("Kurs" in "Nähkurs", "handy kurs"): it
# already chose the kind of result (TYPE_BOOST), and "Kurs" in a title must not outrank the topic ("Nähen")
OPTIONAL_WORD_SHARE = 0.5
# added to offers and events for course words (to articles when asked for): above any text score
TYPE_BOOST = 1000.0
# for course words, offers ("Angebot / Kurs": what one enrols in) get a little more than events, as much as a
# stemmed match in the text: a Tanzkurs before the ball that ends one, but an event that matches better still wins
OFFER_BOOST = 3.0


def type_boosts(types: tuple[str, ...]) -> dict[str, float]:
    """What each kind of result gets added to its score for the kinds a search prefers (``preferred_types``)."""
    return {typ: TYPE_BOOST + (OFFER_BOOST if types == COURSE_TYPES and typ == "angebot" else 0.0) for typ in types}


def required_words(count: int) -> int:
    """All words up to two; 75 % (rounded down) beyond, as Elasticsearch's minimum_should_match does."""
    return count if count <= 2 else max(2, math.floor(count * MOST_WORDS_SHARE))


def fuzziness(term: str) -> int:
    """Edits allowed for an analysed term: none up to 4 letters ("Bus" is no "aus", "Kino" no "Kind"),
    1 up to 7, 2 beyond; Elasticsearch's "AUTO:5,8". The first letter must always match (prefix length 1)."""
    return 0 if len(term) <= 4 else 1 if len(term) <= 7 else 2


PREFIX_LENGTH = 1
# at most this many indexed spellings per misspelt term, the closest first (as Elasticsearch's fuzzy query)
MAX_EXPANSIONS = 50
