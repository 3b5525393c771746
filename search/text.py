"""German text analysis for the database search backend, mirroring the Elasticsearch analyzer.

The same steps as the ``de_text`` analyzer in ``search/backends/elastic.py``: gender forms folded
(``Senior:innen``, ``Senior*innen``, ``SeniorInnen``, ``Seniorinnen`` -> ``senior``), lower case,
Lucene's GermanNormalizationFilter (ä/ae -> a, ö/oe -> o, ü/ue -> u, ß -> ss) and Lucene's
GermanLightStemmer. A contract test compares this module with Elasticsearch's ``_analyze``.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

LETTER = r"[^\W\d_]"
# "Senior:innen", "Lehrer*in", "Nutzer_innen", "Bürger/innen" -> "Senior", "Lehrer", ...
GENDER_MARK = re.compile(rf"({LETTER}{{2,}})[:*_/·](?:innen|in)\b", re.IGNORECASE)
# Binnen-I: "SeniorInnen", "LehrerIn" -> "Senior", "Lehrer"
BINNEN_I = re.compile(r"([a-zäöüß]{2,})I(?:nnen|n)\b")
# "Seniorinnen" -> "Senior"
FEMININE_PLURAL = re.compile(rf"({LETTER}{{3,}})innen\b", re.IGNORECASE)
# Unicode word boundaries (UAX #29) as Elasticsearch's standard tokenizer draws them: "e.V." -> "e.v",
# "z.B." -> "z.b", "don't", "3.5" and "1,5" stay one token; "Str.12" and "S-Bahn" are two.
_CHARS = r"(?:\w|[\u0300-\u036f])+"
TOKEN = re.compile(rf"{_CHARS}(?:(?:(?<=[^\W\d_])[.'’:·](?=[^\W\d_])|(?<=\d)[.,;'’](?=\d)){_CHARS})*")


def clean_text(text: str) -> str:
    """Composed Unicode without control or format characters: what both engines index and search.

    "Cafe" + a combining accent becomes "Café"; a soft hyphen or zero-width joiner inside a word goes,
    control characters (NUL, tabs) become spaces.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # no character of the categories C* (nor separators but the space): nothing to remove
        return text
    return "".join(
        " " if unicodedata.category(char) == "Cc" else "" if unicodedata.category(char)[0] == "C" else char
        for char in text
    )


def tokens(text: str) -> list[str]:
    return [token for token in TOKEN.findall(text) if token.strip("_")]


def fold_gender_forms(text: str) -> str:
    for pattern in (GENDER_MARK, BINNEN_I, FEMININE_PLURAL):
        text = pattern.sub(r"\1", text)
    return text


def german_normalize(token: str) -> str:
    """Port of Lucene's GermanNormalizationFilter."""
    N, V, U = 0, 1, 2
    state, out = N, []
    for char in token:
        if char in "ao":
            state = U
        elif char == "u":
            state = U if state == N else V
        elif char == "e":
            if state == U:
                state = V
                continue  # "ae", "oe", "ue" -> "a", "o", "u"
            state = V
        elif char in "iqy":
            state = V
        elif char in "äöü":
            char = {"ä": "a", "ö": "o", "ü": "u"}[char]
            state = V
        elif char == "ß":
            char = "ss"
            state = N
        else:
            state = N
        out.append(char)
    return "".join(out)


def _st_ending(char: str) -> bool:
    return char in "bdfghklmnt"


def german_light_stem(token: str) -> str:
    """Port of Lucene's GermanLightStemmer (Savoy)."""
    s = token.translate(str.maketrans("äàáâöòóôïîíìüùúû", "aaaaooooiiiiuuuu"))
    n = len(s)
    # step 1
    if n > 5 and s.endswith("ern"):
        n -= 3
    elif n > 4 and s[n - 2] == "e" and s[n - 1] in "mnrs":
        n -= 2
    elif n > 3 and s[n - 1] == "e":
        n -= 1
    elif n > 3 and s[n - 1] == "s" and _st_ending(s[n - 2]):
        n -= 1
    s = s[:n]
    # step 2
    if n > 5 and s.endswith("est"):
        n -= 3
    elif n > 4 and s[n - 2] == "e" and s[n - 1] in "rn":
        n -= 2
    elif n > 4 and s.endswith("st") and _st_ending(s[n - 3]):
        n -= 2
    return s[:n]


# Words and short phrases (query words, synonyms, the words of a snippet or a facet name) come back again and again,
# and a search analyses hundreds of them: remembered per process, about 1 µs instead of 100 µs each.
SHORT_TEXT = 64


def analyze(text: str) -> list[str]:
    """The terms of ``text`` as the search indexes them."""
    if len(text) <= SHORT_TEXT:
        return list(_analyze_short(text))
    return _analyze(text)


def _analyze(text: str) -> list[str]:
    return [_token_terms(token)[1] for token in _tokens_of(text)]


# An indexed page's fields are analysed three or four ways (words, stems, compound parts) one after the other.
@lru_cache(maxsize=256)
def _tokens_of(text: str) -> tuple[str, ...]:
    return tuple(tokens(fold_gender_forms(clean_text(text)).lower()))


# A text of thousands of words holds a few hundred distinct ones, and an index of many pages fewer still: each
# token is folded, stemmed and split into its compound parts once per process (Python loops over its letters).
# About 400 bytes an entry: at most some 8 MB per process.
@lru_cache(maxsize=20_000)
def _token_terms(token: str) -> tuple[str, str, tuple[str, ...]]:
    """(the token folded, its stem, the stems of its compounds' parts), for a lower-cased token."""
    folded = german_normalize(token)
    return folded, german_light_stem(folded), tuple(german_light_stem(part) for part in decompound(folded))


@lru_cache(maxsize=50_000)
def _analyze_short(text: str) -> tuple[str, ...]:
    return tuple(_analyze(text))


def normalize_words(text: str) -> list[str]:
    """Words folded like the index but not stemmed: what autocomplete matches prefixes against."""
    return [_token_terms(token)[0] for token in _tokens_of(text)]


def edit_distance_within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein (optimal string alignment) distance of a and b is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# --- German compounds (Lucene's DictionaryCompoundWordTokenFilter over search/compounds.txt) ---

COMPOUND_FILE = Path(__file__).with_name("compounds.txt")
MIN_WORD_SIZE, MIN_SUBWORD_SIZE, MAX_SUBWORD_SIZE = 5, 3, 15


@lru_cache(maxsize=1)
def compound_parts() -> tuple[str, ...]:
    """The shipped word list, folded as tokens are when the decompounder sees them."""
    lines = COMPOUND_FILE.read_text(encoding="utf-8").splitlines()
    words = (german_normalize(clean_text(line).strip().lower()) for line in lines if not line.startswith("#"))
    return tuple(sorted({word for word in words if word}))


def decompound(token: str) -> list[str]:
    """Every dictionary word inside ``token`` (a folded token), in Lucene's order: by start, then length."""
    if len(token) < MIN_WORD_SIZE:
        return []
    dictionary, parts = set(compound_parts()), []
    for start in range(len(token) - MIN_SUBWORD_SIZE + 1):
        for size in range(MIN_SUBWORD_SIZE, MAX_SUBWORD_SIZE + 1):
            if start + size > len(token):
                break
            if token[start : start + size] in dictionary:
                parts.append(token[start : start + size])
    return parts


def analyze_for_index(text: str) -> list[str]:
    """The terms of ``text`` as the index stores them (``de_index``): each word, then its compound parts."""
    terms = []
    for token in _tokens_of(text):
        _folded, stem, parts = _token_terms(token)
        terms.append(stem)
        terms.extend(parts)
    return terms


LINKS = ("", "s", "n", "en", "e", "es")  # Fugenelemente between the parts of a compound


def split_compound(word: str) -> list[str] | None:
    """A search word as dictionary words, if it is made of them: "Computerkurs" -> ["computer", "kurs"]."""
    folded = [german_normalize(t) for t in tokens(fold_gender_forms(clean_text(word)).lower())]
    if len(folded) != 1 or len(folded[0]) < MIN_WORD_SIZE:
        return None
    dictionary = set(compound_parts())

    @cache
    def cover(rest: str) -> tuple[str, ...] | None:
        if not rest:
            return ()
        for size in range(min(len(rest), MAX_SUBWORD_SIZE), MIN_SUBWORD_SIZE - 1, -1):
            head = rest[:size]
            if head in dictionary:
                for link in LINKS:
                    if rest[size:].startswith(link):
                        tail = cover(rest[size + len(link) :])
                        if tail is not None:
                            return (head, *tail)
        return None

    parts = cover(folded[0])
    return list(parts) if parts and len(parts) > 1 else None


def analyze_with_parts(text: str) -> tuple[list[str], list[str]]:
    """(the terms of ``text``, the terms of its compounds' parts): the database engine keeps the parts
    apart, so that phrases still match word after word."""
    terms, parts = [], []
    for token in _tokens_of(text):
        _folded, stem, token_parts = _token_terms(token)
        terms.append(stem)
        parts.extend(token_parts)
    return terms, parts
