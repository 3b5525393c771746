"""How results are ranked, the same on both engines: exact > stemmed > decompounded > fuzzy, each field with
its weight (title, provider, teaser, venue and street, town, text), offers and events before articles for
course words unless the search asks for articles."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from search.engines import get_engine
from search.matching import preferred_types
from search.params import parse_search_params
from tests.factories import make_article, make_event, make_offer, make_provider

from .conftest import node_tokens


def titles(string: str) -> list[str]:
    return [hit.title for hit in get_engine().search(parse_search_params(QueryDict(string), strict=True)).hits]


def in_days(days: int) -> dict:
    today = timezone.localdate()
    return {"start_date": today + datetime.timedelta(days=days), "end_date": today + datetime.timedelta(days=days + 30)}


def test_exact_words_rank_above_stemmed_above_compound_parts_above_typos(engine_name):
    # the later a match is in this order, the earlier its date: the date (the tie-breaker) cannot explain it
    make_offer("Computer für alle", teaser="Ein Abend.", **in_days(40))
    make_offer("Mit Computern arbeiten", teaser="Ein Abend.", **in_days(30))
    make_offer("Computerclub am Abend", teaser="Ein Abend.", **in_days(20))
    make_offer("Compter-Treff", teaser="Ein Abend.", **in_days(10))  # a typo in the page itself
    make_offer("Gartenarbeit", teaser="Ein Abend.", **in_days(5))
    assert titles("q=Computer") == [
        "Computer für alle",
        "Mit Computern arbeiten",
        "Computerclub am Abend",
        "Compter-Treff",
    ]


def test_each_field_counts_with_its_weight(engine_name):
    sonnenhof = make_provider(name="Sonnenhof e. V.", slug="sonnenhof")
    make_offer("Sommerfest im Sonnenhof", teaser="Musik und Kuchen.", **in_days(40))
    make_offer("Musik am Abend", teaser="Mit Kuchen.", anbieter=sonnenhof, **in_days(30))
    make_offer("Malen am Abend", teaser="Treffpunkt ist der Sonnenhof.", **in_days(20))
    make_offer("Kochen am Abend", teaser="Mit Suppe.", venue_name="Sonnenhof", street="Lindenstraße 3", **in_days(10))
    assert titles("q=Sonnenhof") == [
        "Sommerfest im Sonnenhof",
        "Musik am Abend",
        "Malen am Abend",
        "Kochen am Abend",
    ]  # title 3, provider 2, teaser 1.5, venue 1


def test_a_street_scores_below_the_title_and_a_town_where_things_take_place(engine_name):
    make_offer("Kochen am Abend", teaser="Mit Suppe.", street="Lindenstraße 3", **in_days(5))
    make_offer("Fest in der Lindenstraße", teaser="Mit Musik.", **in_days(30))
    make_offer("Finsterwalde singt", teaser="Mit Chor.", ort="elsterwerda", **in_days(5))
    make_offer("Malen am Abend", teaser="Mit Farbe.", ort="finsterwalde", **in_days(30))
    make_offer("Tanz in Finsterwalde", teaser="Mit Musik.", ort="finsterwalde", **in_days(40))
    assert titles("q=Lindenstraße") == ["Fest in der Lindenstraße", "Kochen am Abend"]
    # a town's name counts where the item takes place, not in its title ("Kurse in Finsterwalde")
    assert titles("q=Finsterwalde") == ["Malen am Abend", "Tanz in Finsterwalde", "Finsterwalde singt"]
    assert titles("q=Tanz Finsterwalde") == ["Tanz in Finsterwalde"]


def test_town_names_are_recognised_whole_or_by_a_distinctive_part():
    from search.matching import place_words

    names = ["Bad Liebenwerda", "Herzberg (Elster)", "Finsterwalde"]
    assert place_words(["vhs", "Bad", "Liebenwerda"], names) == {1, 2}
    assert place_words(["Herzberg"], names) == {0}
    assert place_words(["Bad", "umbauen"], names) == set()  # "Bad" alone is a bathroom
    assert place_words(["Elster", "Radweg"], names) == set()  # and the Elster a river


@pytest.fixture
def yoga(engine_name):
    make_article("Yoga für alle: das neue Programm", teaser="Was im Frühjahr beginnt.")
    make_offer("Entspannung am Morgen", teaser="Yoga und Atmung, ein Kurs für Einsteiger.", **in_days(3))


def test_offers_and_events_come_before_articles_for_course_words(yoga):
    assert titles("q=Yoga") == ["Yoga für alle: das neue Programm", "Entspannung am Morgen"]  # the title wins
    for q in ("Yoga Kurs", "Yogakurs", "Yoga lernen"):
        assert titles(f"q={q}") == ["Entspannung am Morgen", "Yoga für alle: das neue Programm"], q


def test_articles_come_first_when_the_search_asks_for_them(yoga):
    for q in ("Yoga Kurs Bericht", "News Yoga", "Artikel Yogakurs"):
        assert titles(f"q={q}")[0] == "Yoga für alle: das neue Programm", q


def test_a_course_word_beside_a_topic_counts_half(engine_name):
    # "Kurs" in the title and the teaser would outweigh "Yoga" in the title at full weight (24 > 18); at half
    # (15) the topic decides. The date (the tie-breaker) favours the course.
    make_offer("Yoga am Morgen", teaser="Sanftes Yoga zum Wachwerden.", **in_days(30))
    make_offer("Kurs am Abend", teaser="Ein Kurs mit Yoga.", **in_days(5))
    assert titles("q=Yoga Kurs") == ["Yoga am Morgen", "Kurs am Abend"]
    # alone, the course word is the topic and counts in full
    assert titles("q=Kurs") == ["Kurs am Abend"]


def test_offers_come_a_little_before_events_for_course_words(engine_name):
    make_event("Tanzen am Sonntag", teaser="Für alle.", start=timezone.now() + datetime.timedelta(days=3))
    make_offer("Tanzen am Abend", teaser="Für alle.", **in_days(30))
    make_event("Tanzkurs zum Schnuppern", teaser="Für alle.", start=timezone.now() + datetime.timedelta(days=10))
    # matched alike, the offer (what one enrols in) comes first; an event that matches better still wins
    assert titles("q=Tanzkurs") == ["Tanzkurs zum Schnuppern", "Tanzen am Abend", "Tanzen am Sonntag"]
    # without a course word the date decides between equal matches
    assert titles("q=Tanzen") == ["Tanzen am Sonntag", "Tanzen am Abend", "Tanzkurs zum Schnuppern"]


def test_words_that_ask_for_a_kind_of_result():
    assert preferred_types(["Computerkurs"]) == ("angebot", "veranstaltung")
    assert preferred_types(["Deutsch", "lernen"]) == ("angebot", "veranstaltung")
    assert preferred_types(["Neuigkeiten", "Bücherbus"]) == ("beitrag",)
    assert preferred_types(["Yoga"]) == ()


WORDS_SAMPLE = (
    "Kräuter Kraeuter Straße Senior:innen SeniorInnen Computerkurse Smartphone-Sprechstunde e.V. "
    "Mühlberg/Elbe Yoga-Kurs 17:00 Café Tanzen Töpferwerkstatt"
)


@pytest.mark.elasticsearch
@pytest.mark.parametrize("engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True)
def test_words_as_written_and_stemmed_equal_elasticsearch(engine_name):
    """The subfields the score's levels use: ``.exact`` (de_words) and ``.stemmed`` (de_text)."""
    from search.text import analyze, normalize_words

    for field, python in (("title.exact", normalize_words), ("title.stemmed", analyze)):
        assert node_tokens(WORDS_SAMPLE, field=field) == python(WORDS_SAMPLE), field


def test_a_misspelt_word_brings_the_synonyms_of_the_word_meant(engine_name):
    make_offer("Hilfe mit dem Handy", teaser="Fragen?", **in_days(2))
    make_offer("Smartphone für alle", teaser="Ein Abend.", **in_days(9))
    make_offer("Smarte Heizung", teaser="Ein Abend.", **in_days(1))
    # the typo finds "Smartphone", the synonyms of "Smartphone" find "Handy" ("Smarte" is too far off)
    assert set(titles("q=smartfone")) == {"Smartphone für alle", "Hilfe mit dem Handy"}
    assert titles("q=Smartphone") == ["Smartphone für alle", "Hilfe mit dem Handy"]
