"""What feedback does: invite participants after the event, take one rating per link, moderate, answer."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anmeldung.models import Registration, Slot
from core.canonical import absolute_url
from core.mail import MAIL_ERRORS, send_templated_mail

from . import tokens
from .models import CRITERIA, Rating, RatingSummary

logger = logging.getLogger(__name__)
INVALID_LINK = _("Dieser Bewertungslink ist ungültig oder abgelaufen.")
USED_LINK = _("Mit diesem Link wurde bereits bewertet. Vielen Dank!")


def rating_url(registration: Registration) -> str:
    return absolute_url(reverse("feedback:rate", args=[tokens.rating_token(registration)]))


def invite_participants(now: datetime.datetime | None = None) -> int:
    """Mail every confirmed participant of an ended slot their personal rating link, once."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            feedback_invited_at__isnull=True,
            anonymised_at__isnull=True,
            slot__ends_at__lt=now,
        )
        .exclude(email="")
        .exclude(slot__status=Slot.Status.CANCELLED)
        .select_related("slot")
    )
    count = 0
    for registration in due.iterator():
        try:
            with transaction.atomic():  # marked as invited only together with its mail
                locked = Registration.objects.select_for_update().get(pk=registration.pk)
                if locked.feedback_invited_at:
                    continue
                locked.feedback_invited_at = now
                locked.save(update_fields=["feedback_invited_at"])
                send_templated_mail(
                    "feedback/email/invitation",
                    {"registration": registration, "slot": registration.slot, "url": rating_url(registration)},
                    [registration.email],
                )
        except MAIL_ERRORS:
            logger.exception("Rating invitation for registration %s failed; the next run retries it", registration.pk)
            continue
        count += 1
    return count


def registration_for_token(token: str) -> Registration:
    """The registration behind a rating link; ValidationError if forged, expired or already used."""
    pk = tokens.registration_id(token)
    registration = (
        Registration.objects.filter(pk=pk, status=Registration.Status.CONFIRMED).select_related("slot").first()
        if pk
        else None
    )
    if registration is None:
        raise ValidationError(INVALID_LINK)
    if Rating.objects.filter(registration=registration).exists():
        raise ValidationError(USED_LINK)
    return registration


def submit_rating(
    token: str, *, content: int, organisation: int, accessibility: int, value: int, comment: str = ""
) -> Rating:
    """Store one rating for the link's registration; the page's averages and search document follow."""
    scores = {"content": content, "organisation": organisation, "accessibility": accessibility, "value": value}
    for name, score in scores.items():
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError({name: _("Bitte 1 bis 5 Sterne vergeben.")})
    with transaction.atomic():
        registration = registration_for_token(token)
        Registration.objects.select_for_update().get(pk=registration.pk)  # two tabs, one rating
        if Rating.objects.filter(registration=registration).exists():
            raise ValidationError(USED_LINK)
        comment = comment.strip()
        rating = Rating.objects.create(
            registration=registration,
            page_id=registration.slot.page_id,
            anbieter_id=registration.slot.anbieter_id,
            comment=comment,
            comment_status=Rating.CommentStatus.PENDING if comment else Rating.CommentStatus.NONE,
            **scores,
        )
        update_summary(rating.page_id)
        reindex(rating.page_id)  # in the transaction: an Elasticsearch outage leaves a pending record with it
    return rating


def update_summary(page_id: int) -> RatingSummary:
    averages = Rating.objects.filter(page_id=page_id).aggregate(count=Count("pk"), **{n: Avg(n) for n in CRITERIA})
    count = averages.pop("count")
    overall = sum(averages.values()) / len(averages) if count else None
    summary, _created = RatingSummary.objects.update_or_create(
        page_id=page_id, defaults={"count": count, "overall": overall, **averages}
    )
    return summary


def reindex(page_id: int) -> None:
    from wagtail.models import Page

    from search.indexing import update_pages

    update_pages(Page.objects.filter(pk=page_id).specific())


def moderate(rating: Rating, *, approve: bool, user) -> None:
    if rating.comment_status != Rating.CommentStatus.PENDING:
        raise ValidationError(_("Dieser Kommentar wartet nicht auf Prüfung."))
    rating.comment_status = Rating.CommentStatus.APPROVED if approve else Rating.CommentStatus.REJECTED
    rating.moderated_by = user
    rating.save(update_fields=["comment_status", "moderated_by"])


def answer(rating: Rating, *, text: str) -> None:
    """The provider's public answer (shown with an approved comment, or with the stars alone)."""
    rating.answer = text.strip()
    rating.answered_at = timezone.now() if rating.answer else None
    rating.save(update_fields=["answer", "answered_at"])


def public_ratings(page) -> list[Rating]:
    """Ratings whose comment is approved, or that the provider answered, for the page."""
    return list(
        Rating.objects.filter(page_id=page.pk, comment_status=Rating.CommentStatus.APPROVED).order_by("-created_at")[
            :20
        ]
    )
