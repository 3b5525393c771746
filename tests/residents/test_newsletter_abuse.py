"""Nobody floods a mailbox through the newsletter, and unconfirmed wishes do not stay (issue 14, finding 7)."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Subscriber

from .helpers import post_json

API = "/api/v2/newsletter/"


def test_confirmation_mails_to_one_address_are_limited_whoever_asks(client, portal, settings):
    settings.NEWSLETTER_MAILS_PER_ADDRESS = 3
    body = {"email": "opfer@example.org", "einwilligung": True}
    answers = {post_json(client, API, body, REMOTE_ADDR=f"198.51.100.{n}").content for n in range(8)}
    assert len(answers) == 1  # every client gets the same answer: nothing tells that no mail went out
    assert len([m for m in mail.outbox if m.to == ["opfer@example.org"]]) == 3
    post_json(client, API, {**body, "email": "andere@example.org"}, REMOTE_ADDR="198.51.100.99")
    assert len([m for m in mail.outbox if m.to == ["andere@example.org"]]) == 1


def test_unconfirmed_subscriptions_are_purged_once_their_link_expired(client, portal, settings):
    for email in ("alt@example.org", "neu@example.org", "treu@example.org"):
        assert post_json(client, API, {"email": email, "einwilligung": True}).status_code == 202
    expired = timezone.now() - datetime.timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE + 60)
    Subscriber.objects.filter(email__in=["alt@example.org", "treu@example.org"]).update(created_at=expired)
    Subscriber.objects.filter(email="treu@example.org").update(confirmed_at=expired)
    call_command("purge_unconfirmed_subscribers")
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"neu@example.org", "treu@example.org"}
