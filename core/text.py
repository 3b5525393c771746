"""German-aware text helpers."""

from django.utils.text import slugify

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slugify(text: str) -> str:
    """A slug that spells umlauts out as Germans do: "Kräuter für Senioren" -> "kraeuter-fuer-senioren"."""
    return slugify(text.translate(UMLAUTS))
