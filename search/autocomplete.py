"""Autocomplete beyond titles: places, providers, Zielgruppen and Lebenslagen by any word or word part,
tolerant of a typo, the same for both engines (the names come from the database, not the index)."""

from urllib.parse import urlencode

from .params import known_slugs
from .synonyms import alternatives
from .text import edit_distance_within, normalize_words

TERM_FACETS = {"ort": "Ort", "anbieter": "Anbieter", "zielgruppe": "Zielgruppe", "lebenslage": "Lebenslage"}
MIN_PART = 3  # word parts inside compounds ("kurs" in "Deutschkurs") from this length


def word_matches(typed: str, word: str, last: bool) -> bool:
    """A typed word fits a word of a name: the same, its beginning (the word being typed), a part of a
    compound, or one typo away from either."""
    if word == typed or (last and word.startswith(typed)):
        return True
    if len(typed) >= MIN_PART and typed in word:
        return True
    if len(typed) >= 4 and word[:1] == typed[:1]:
        return edit_distance_within(typed, word, 1) or (last and edit_distance_within(typed, word[: len(typed)], 1))
    return False


def name_matches(typed_words: list[list[str]], name: str) -> bool:
    name_words = normalize_words(name)
    return all(
        any(word_matches(option, word, last=i == len(typed_words) - 1) for option in options for word in name_words)
        for i, options in enumerate(typed_words)
    )


def term_suggestions(prefix: str, limit: int) -> list[dict]:
    """Filter values whose names fit what was typed, e.g. "bad l" -> Bad Liebenwerda, "vhs" -> the
    Kreisvolkshochschule (a synonym), "drk" -> the DRK-Kreisverband."""
    typed = prefix.split()
    if not typed:
        return []
    # every typed word with its synonyms, folded as the names are
    typed_words = [[w for option in alternatives(word) for w in normalize_words(option)[:1]] for word in typed]
    if not all(typed_words):
        return []
    suggestions = []
    for facet, label in TERM_FACETS.items():
        for slug, name in known_slugs(facet).items():
            if name_matches(typed_words, name):
                suggestions.append({"title": name, "url": f"/suche/?{urlencode({facet: slug})}", "typ": facet,
                                    "label": label})
                if len(suggestions) == limit:
                    return suggestions
    return suggestions
