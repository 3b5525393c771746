"""Subscribing with double opt-in, unsubscribing in one click, and sending the digest."""

import datetime
import logging
from smtplib import SMTPException

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bildungsboerse.models import OfferPage
from core.canonical import absolute_url
from core.mail import send_templated_mail
from kalender.models import EventPage
from security.ratelimit import RateLimit

from .models import SentItem, Subscriber

logger = logging.getLogger(__name__)
CONFIRM_SALT = "newsletter.confirm"
MAX_ITEMS = 30


def confirm_url(subscriber: Subscriber) -> str:
    token = signing.dumps(subscriber.pk, salt=CONFIRM_SALT)
    return absolute_url(reverse("newsletter:confirm", args=[token]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", args=[subscriber.token]))


def _headers(subscriber: Subscriber) -> dict:
    # RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to the link
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def subscribe(email: str, *, lebenslagen=(), zielgruppen=(), orte=()) -> Subscriber:
    """Record the wish and mail the confirmation link. Interests of a confirmed subscription are not
    changed by anyone who merely knows the address: they only get a reminder with their links."""
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.get_or_create(email=email)
    if subscriber.confirmed_at is None:
        subscriber.lebenslagen.set(lebenslagen)
        subscriber.zielgruppen.set(zielgruppen)
        subscriber.orte.set(orte)
    context = {
        "subscriber": subscriber,
        "confirm_url": confirm_url(subscriber),
        "unsubscribe_url": unsubscribe_url(subscriber),
    }
    template = "newsletter/email/already_subscribed" if subscriber.confirmed_at else "newsletter/email/confirm"
    if confirmation_mails().hit(ident=email) <= confirmation_mails().limit:
        send_templated_mail(template, context, [email], headers=_headers(subscriber))
    # beyond the limit the answer is the same (nothing tells whether a mail went out): the address has its link
    return subscriber


def confirmation_mails() -> RateLimit:
    """Confirmation (or reminder) mails per address, from all clients together: nobody floods a mailbox."""
    return RateLimit("newsletter-mail", getattr(settings, "NEWSLETTER_MAILS_PER_ADDRESS", 3), 24 * 3600)


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete subscriptions never confirmed while their link was valid (NEWSLETTER_CONFIRM_MAX_AGE)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    return (
        Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        .delete()[1]
        .get(Subscriber._meta.label, 0)
    )


def confirm(token: str) -> Subscriber | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is not None and subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def unsubscribe(token: str) -> bool:
    """Delete the subscription with everything recorded about it; True if there was one."""
    return Subscriber.objects.filter(token=token).delete()[0] > 0


# --- the digest ---


def _matching(queryset, subscriber: Subscriber):
    lebenslagen = list(subscriber.lebenslagen.values_list("pk", flat=True))
    zielgruppen = list(subscriber.zielgruppen.values_list("pk", flat=True))
    orte = list(subscriber.orte.values_list("pk", flat=True))
    if lebenslagen:
        queryset = queryset.filter(lebenslagen__in=lebenslagen)
    if zielgruppen:
        queryset = queryset.filter(zielgruppen__in=zielgruppen)
    if orte:
        queryset = queryset.filter(ort__in=orte)
    sent = SentItem.objects.filter(subscriber=subscriber).values("page_id")
    queryset = queryset.exclude(pk__in=sent)
    if subscriber.last_sent_at:
        queryset = queryset.filter(first_published_at__gt=subscriber.last_sent_at)
    return queryset.distinct()


def digest_items(subscriber: Subscriber) -> list:
    """New (since the last digest), current and upcoming offers and events matching the interests, not yet sent."""
    events = list(_matching(EventPage.objects.visible().upcoming(), subscriber).order_by("start")[:MAX_ITEMS])
    offers = list(
        _matching(OfferPage.objects.visible().current(), subscriber).order_by("first_date", "title")[:MAX_ITEMS]
    )
    return (events + offers)[:MAX_ITEMS]


def send_digest_to(subscriber_id: int, now: datetime.datetime) -> int:
    """One subscriber's digest: the mail and the record of its items in one transaction.

    If the mail fails, nothing is recorded and the next run tries again; a rerun after a crash
    skips what was recorded, so nobody gets an item twice.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(pk=subscriber_id, confirmed_at__isnull=False)
            .first()
        )
        if subscriber is None:  # unsubscribed meanwhile, or another run is sending to them right now
            return 0
        items = digest_items(subscriber)
        if not items:
            return 0
        SentItem.objects.bulk_create([SentItem(subscriber=subscriber, page_id=item.pk) for item in items])
        subscriber.last_sent_at = now
        subscriber.save(update_fields=["last_sent_at"])
        context = {
            "subscriber": subscriber,
            "items": [(item, absolute_url(item.url or "/")) for item in items],
            "unsubscribe_url": unsubscribe_url(subscriber),
        }
        send_templated_mail("newsletter/email/digest", context, [subscriber.email], headers=_headers(subscriber))
    return len(items)


def send_digests(now: datetime.datetime | None = None) -> tuple[int, int, int]:
    """(mails sent, items sent, failures) over every confirmed subscriber."""
    now = now or timezone.now()
    mails = items = failures = 0
    for pk in Subscriber.objects.filter(confirmed_at__isnull=False).values_list("pk", flat=True).iterator():
        try:
            sent = send_digest_to(pk, now)
        except (SMTPException, OSError):
            logger.exception("Newsletter to subscriber %s failed; it will be retried on the next run", pk)
            failures += 1
            continue
        mails += bool(sent)
        items += sent
    return mails, items, failures
