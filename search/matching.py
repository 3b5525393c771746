"""What a search term asks for, read the same way for both engines: content words, their synonyms,
how many of them must match, and how far a word may be misspelt.

The engines receive the result (``SearchParams.word_groups`` and ``SearchParams.required_words``), so that
stop words, synonyms and the "most words" rule never differ between Elasticsearch and the database.
"""

import math

from .text import clean_text

# German stop words: function words residents type around what they look for ("Kurse für Senioren in
# Finsterwalde", "Wo kann ich Deutsch lernen?"). Only words that carry no topic of their own.
STOP_WORDS = frozenset("""
aber alle als also am an auch auf aus bei beim bin bis bitte da damit dann das dass dem den denen der des die
dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas euch
für gibt gibt's habe haben hat ich ihr im in ins ist ja kann kann's können man mein meine mich mir mit möchte
nach nicht noch nur ob oder sich sie sind so über um und uns von vom vor was welche welcher welches wer wie
wir wird wo woher wohin zu zum zur
""".split())
# the share of content words that must match beyond two words (all of one or two)
MOST_WORDS_SHARE = 0.75


def is_stop_word(word: str) -> bool:
    return clean_text(word).strip(".,;:!?¿¡()[]{}\"'„“”‚‘’«»").lower() in STOP_WORDS


def content_words(words: list[str]) -> list[str]:
    """The words without stop words; all of them if nothing else is left ("Wer wir sind")."""
    kept = [word for word in words if not is_stop_word(word)]
    return kept or words


def required_words(count: int) -> int:
    """All words up to two; 75 % (rounded down) beyond, as Elasticsearch's minimum_should_match does."""
    return count if count <= 2 else max(2, math.floor(count * MOST_WORDS_SHARE))


def fuzziness(term: str) -> int:
    """Edits allowed for an analysed term: none up to 4 letters ("Bus" is no "aus", "Kino" no "Kind"),
    1 up to 7, 2 beyond; Elasticsearch's "AUTO:5,8". The first letter must always match (prefix length 1)."""
    return 0 if len(term) <= 4 else 1 if len(term) <= 7 else 2


FUZZINESS = "AUTO:5,8"
PREFIX_LENGTH = 1
