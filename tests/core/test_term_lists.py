"""A listing's filter terms and the search's facet values are read in one query (core.filters.term_lists), in
each list's own order, with only active providers — the same choices and HTML as a query per list."""

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from anbieter.models import Anbieter
from bildungsboerse.models import OfferPage
from core.filters import ListingFilterForm, term_lists
from taxonomy.models import Bereich, Ort, Zielgruppe
from tests.factories import make_provider


def test_each_list_in_its_own_order_in_one_query(portal):
    make_provider(name="Zeitzeugen e. V.", slug="zeitzeugen")
    make_provider(name="Abgemeldet e. V.", slug="abgemeldet", is_active=False)
    Zielgruppe.objects.create(name="Aaa zuletzt sortiert", slug="aaa", sort_order=999)
    lists = {"ort": Ort.objects.all(), "anbieter": Anbieter.objects.active(), "zielgruppe": Zielgruppe.objects.all()}
    with CaptureQueriesContext(connection) as queries:
        read = term_lists("test-lists", lambda: lists)
    assert len(queries) == 1
    assert read == {name: [(term.slug, term.name) for term in queryset] for name, queryset in lists.items()}
    assert read["zielgruppe"][-1] == ("aaa", "Aaa zuletzt sortiert")  # sort_order before name
    assert ("abgemeldet", "Abgemeldet e. V.") not in read["anbieter"]
    assert ("zeitzeugen", "Zeitzeugen e. V.") in read["anbieter"]


def test_the_same_key_reads_current_rows(portal):
    before = term_lists("test-current", lambda: {"bereich": Bereich.objects.all()})["bereich"]
    Bereich.objects.create(name="Neu", slug="neu", sort_order=0)
    after = term_lists("test-current", lambda: {"bereich": Bereich.objects.all()})["bereich"]
    assert after == [(term.slug, term.name) for term in Bereich.objects.all()] and len(after) == len(before) + 1


def test_the_filter_form_renders_all_its_terms_with_one_query_and_checks_what_was_sent(portal):
    form = ListingFilterForm(QueryDict("zielgruppe=senioren&ort=herzberg-elster"), OfferPage)
    assert form.is_valid(), form.errors
    with CaptureQueriesContext(connection) as queries:
        html = "".join(
            str(form[name]) for name in ("bereich", "lebenslage", "zielgruppe", "ort", "anbieter", "barrierefrei")
        )
    assert len(queries) == 1
    assert 'value="senioren" id="id_zielgruppe_' in html and 'value="herzberg-elster" id="id_ort_' in html
    assert html.count("checked") == 2
    for term in Ort.objects.all():
        assert f'value="{term.slug}"' in html
    assert not ListingFilterForm(QueryDict("zielgruppe=unbekannt"), OfferPage).is_valid()
