from django.core.management import call_command
from wagtail.models import Page

from aktuelles.models import ArticlePage
from anbieter.models import Anbieter
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from taxonomy.models import Lebenslage, Ort, Zielgruppe


def test_demo_content_covers_every_municipality_taxonomy_and_provider(db):
    call_command("load_demo_content", scale=200)
    assert (OfferPage.objects.count(), EventPage.objects.count(), ArticlePage.objects.count()) == (100, 70, 30)
    offers_and_events = [*OfferPage.objects.all(), *EventPage.objects.all()]
    assert {page.ort_id for page in offers_and_events} >= set(Ort.objects.values_list("pk", flat=True))
    used_lagen = set(OfferPage.lebenslagen.through.objects.values_list("lebenslage_id", flat=True))
    used_gruppen = set(OfferPage.zielgruppen.through.objects.values_list("zielgruppe_id", flat=True)) | set(
        EventPage.zielgruppen.through.objects.values_list("zielgruppe_id", flat=True)
    )
    assert used_lagen == set(Lebenslage.objects.values_list("pk", flat=True))
    assert used_gruppen == set(Zielgruppe.objects.values_list("pk", flat=True))
    providers_used = {page.anbieter_id for page in offers_and_events}
    assert providers_used == set(Anbieter.objects.values_list("pk", flat=True))
    assert all(page.live for page in offers_and_events)


def test_demo_content_is_idempotent_and_grows_with_scale(db):
    call_command("load_demo_content", scale=20)
    pages = Page.objects.count()
    call_command("load_demo_content", scale=20)
    assert Page.objects.count() == pages
    call_command("load_demo_content", scale=40)
    assert OfferPage.objects.count() == 20 and EventPage.objects.count() == 14
    assert len(set(OfferPage.objects.values_list("slug", flat=True))) == 20


def test_demo_slugs_spell_umlauts_out(db):
    call_command("load_demo_content", scale=10)
    assert OfferPage.objects.filter(slug__startswith="smartphone-sprechstunde-fuer-seniorinnen").exists()


def test_demo_pages_that_take_registrations_have_their_slots_as_if_published(db):
    from anmeldung.models import Slot

    call_command("load_demo_content", scale=20)
    taking = [page for page in [*OfferPage.objects.all(), *EventPage.objects.all()] if page.takes_registrations]
    assert taking
    assert {page.pk for page in taking} == set(Slot.objects.values_list("page_id", flat=True))
