"""Shortcuts in reading a search's words (session 8's latency work) answer exactly as the long way did."""

import unicodedata

import pytest

from search.matching import place_words
from search.text import clean_text

NAMES = ["Bad Liebenwerda", "Herzberg (Elster)", "Finsterwalde", "Elsterwerda"]


def clean_text_the_long_way(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(
        " " if unicodedata.category(c) == "Cc" else "" if unicodedata.category(c)[0] == "C" else c for c in text
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kurs für Senioren",
        "Café",
        "Cafe\u0301",
        "e.V.",
        "Smart\u00adphone",
        "Zwei\u200dteile",
        "Tab\tund\x00NUL",
        "schmales\u202fLeerzeichen",
        "geschützt\u00a0Leerzeichen",
        "Zeile\u2028Trenner",
        "",
        "   ",
        "🙂 Emoji",
        "\ufeffBOM",
    ],
)
def test_clean_text_answers_as_the_long_way(text):
    assert clean_text(text) == clean_text_the_long_way(text)


def test_place_words_are_remembered_but_each_caller_gets_its_own_set():
    first = place_words(["vhs", "Bad", "Liebenwerda"], NAMES)
    assert first == {1, 2}
    first.add(0)  # a caller changing its answer changes nobody else's
    assert place_words(["vhs", "Bad", "Liebenwerda"], NAMES) == {1, 2}
    assert place_words(["Herzberg", "Kurs"], NAMES) == {0}
    assert place_words(["Herzberg", "Kurs"], [*NAMES[2:]]) == set()  # other names, another answer
