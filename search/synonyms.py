"""Words residents use for the same thing, applied to the search term (not the index): both engines see
the same alternatives, and a changed list needs no reindex.

A shipped list, extended by the service office in the admin (snippet "Synonyme der Suche").
"""

from django.core.cache import cache

from core.request_memo import RequestMemo

from .text import analyze

# Each line: words or word groups that mean the same for a resident looking for an offer.
SHIPPED = (
    "Handy, Smartphone, Mobiltelefon",
    "Rente, Ruhestand, Rentner, Rentnerin, Alter",
    "VHS, Volkshochschule, Kreisvolkshochschule",
    "PC, Computer, EDV, Laptop",
    "Excel, Tabellenkalkulation, Tabellen",
    "Senioren, ältere Menschen, 60plus",
    "Internet, online",
    "Bus, Rufbus, Bürgerbus",
    "Kita, Kindergarten, Kindertagesstätte",
    "Deutschkurs, Sprachkurs, Integrationskurs",
    "Pflege, Pflegende, Angehörige",
    "Tanz, Tanzen, Tanznachmittag",
    "Kochen, Kochkurs",
    "Ehrenamt, Freiwillige, Freiwilligenarbeit",
    "Beratung, Hilfe",
    "Weihnachtsmarkt, Adventsmarkt",
)
CACHE_KEY = "search:synonyms"
# the table, read from the shared cache once per request (core/request_memo.py); shared, never changed
request_synonyms = RequestMemo("search-synonyms")


def parse_line(line: str) -> list[str]:
    return [word.strip() for word in line.split(",") if analyze(word.strip())]


def key(text: str) -> str:
    return " ".join(analyze(text))


def synonym_table() -> dict[str, list[str]]:
    """{analysed word or group: its alternatives}, shipped lines and the office's lines together."""
    table = request_synonyms.get(lambda: cache.get(CACHE_KEY))  # read once per request
    if table is None:
        from .models import SearchSynonym

        lines = [*SHIPPED, *SearchSynonym.objects.values_list("words", flat=True)]
        table = {}
        for line in lines:
            words = parse_line(line)
            for word in words:
                alternatives = table.setdefault(key(word), [])
                alternatives.extend(w for w in words if key(w) != key(word) and w not in alternatives)
        cache.set(CACHE_KEY, table, 60 * 60)
        request_synonyms.remember(table)
    return table


def forget_synonyms(**kwargs) -> None:
    from caching.content import bump_content_version

    cache.delete(CACHE_KEY)
    request_synonyms.forget()
    bump_content_version()  # cached answers were found with the old list


def alternatives(word: str) -> list[str]:
    """The word and what else residents mean by it, the word first."""
    return [word, *synonym_table().get(key(word), [])]


def misspelt_alternatives(word: str) -> list[str]:
    """For a misspelt word that the index does not know but that is a typo away from a word with synonyms,
    those synonyms ("smartfone" -> Smartphone, Handy, Mobiltelefon): the typo finds the word, this its
    synonyms. Within the search's typo limits (search/matching.py), the same for both engines."""
    from .matching import PREFIX_LENGTH, fuzziness
    from .models import SearchVocabulary
    from .text import edit_distance_within

    terms = analyze(word)
    if len(terms) != 1 or not fuzziness(terms[0]) or len(alternatives(word)) > 1:
        return []
    term, table = terms[0], synonym_table()
    close = sorted(
        known
        for known in table
        if " " not in known
        and known[:PREFIX_LENGTH] == term[:PREFIX_LENGTH]
        and edit_distance_within(term, known, fuzziness(term))
    )
    if not close or SearchVocabulary.objects.filter(term=term).exists():  # a word of its own, not a typo
        return []
    return table[close[0]]
