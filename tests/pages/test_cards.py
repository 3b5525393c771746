"""The cards (core portal_tags: card, card_badges_html, bookmark_button_html) write, to the byte, what the card,
badge and bookmark templates wrote before issue 17's fourth round moved them to Python."""

import datetime
import io

from django.core.files.images import ImageFile
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries
from django.test import RequestFactory
from django.utils import timezone
from wagtail.images import get_image_model

from tests.factories import make_article, make_event, make_offer, png_bytes

FORMER_TEMPLATES = {
    "includes/card.html": """{% load wagtailcore_tags wagtailimages_tags portal_tags %}
<article class="card{% if item.image %} card-with-image{% endif %}">
    {% if item.image %}{% image item.image fill-480x270 as thumb %}<img class="card-image" src="{{ thumb.url }}" width="{{ thumb.width }}" height="{{ thumb.height }}" alt="" loading="lazy">{% endif %}
    <div class="card-body">
        <p class="card-kind">{{ item|kind_label }}{% if item.bereich %} · {{ item.bereich }}{% endif %}</p>
        <h3 class="card-title"><a href="{% pageurl item %}">{{ item.title }}</a></h3>
        {% include "includes/card_badges.html" %}
        {% with when_text=item|when_line %}{% if when_text %}<p class="card-when"><span class="visually-hidden">Wann: </span>{{ when_text }}</p>{% endif %}{% endwith %}
        {{ item|card_where }}
        {% with price=item|card_price %}{% if price %}<p class="card-price"><span class="visually-hidden">Kosten: </span>{{ price }}</p>{% endif %}{% endwith %}
        <p class="card-teaser">{{ item.teaser }}</p>
        {% include "includes/bookmark_button.html" %}
    </div>
</article>
""",
    "includes/card_badges.html": """{% load portal_tags %}{% comment %}The badges.{% endcomment %}
{% with badges=item|card_badges %}{% if badges %}<ul class="badges" aria-label="Hinweise">{% for badge in badges %}<li class="badge badge-{{ badge|slugify }}">{{ badge }}</li>{% endfor %}</ul>{% endif %}{% endwith %}
""",
    "includes/bookmark_button.html": """{% load wagtailcore_tags portal_tags %}{% comment %}"Merken".{% endcomment %}
{% if item|bookmarkable %}<button type="button" class="bookmark-toggle" data-bookmark="{{ item.pk }}" data-bookmark-title="{{ item.title }}" data-bookmark-url="{% pageurl item %}" aria-pressed="false" hidden>Merken</button>{% endif %}
""",
}
FORMER = Engine(
    loaders=[("django.template.loaders.locmem.Loader", FORMER_TEMPLATES)], libraries=get_installed_libraries()
)
OURS = Engine(
    loaders=[
        (
            "django.template.loaders.locmem.Loader",
            {
                "card": "{% load portal_tags %}{% card item %}",
                "hit": "{% load portal_tags %}{% card_badges_html item %}|{% bookmark_button_html item %}",
                "former hit": '{% include "includes/card_badges.html" %}|{% include "includes/bookmark_button.html" %}',
            },
        )
    ],
    libraries=get_installed_libraries(),
)


def with_image(page):
    page.image = get_image_model().objects.create(
        title="Bild", file=ImageFile(io.BytesIO(png_bytes((960, 540))), name="bild.png")
    )
    page.save_revision().publish()
    return page


def test_every_kind_of_card_is_written_as_the_templates_wrote_it(portal):
    soon = timezone.now() + datetime.timedelta(days=2)
    items = [
        with_image(make_offer('Töpfern <für> "Anfänger" & Co', is_free=True, price=None)),
        make_offer("Online-Sprechstunde", format="online", ort=None, price=12.5, price_note="ermäßigt"),
        make_event("Erzählcafé", start=soon, registration_mode="portal", capacity=5),
        make_article("Neue Kurse im Programm"),
    ]
    items[2].seat_badge = "Restplätze"
    request = RequestFactory().get("/")
    for item in items:
        context = {"item": item, "request": request}
        assert OURS.get_template("card").render(Context(context)) == FORMER.get_template("includes/card.html").render(
            Context(context)
        ), item.title
        hit = OURS.get_template("hit").render(Context(context))
        assert hit == FORMER.from_string(OURS.get_template("former hit").source).render(Context(context)), item.title
    html = OURS.get_template("card").render(Context({"item": items[0], "request": request}))
    assert 'class="card-image"' in html and "&lt;für&gt; &quot;Anfänger&quot; &amp; Co" in html
    assert '<li class="badge badge-restplatze">Restplätze</li>' in OURS.get_template("hit").render(
        Context({"item": items[2], "request": request})
    )
