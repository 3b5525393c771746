"""Every mail of the portal: German, plain text and HTML, sent through Django's email backend."""

import html
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

from core.canonical import absolute_url


def send_templated_mail(
    template: str,
    context: dict,
    recipients: list[str],
    *,
    headers: dict | None = None,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> int:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` and send them as one mail.

    ``attachments``: (file name, content, MIME type), e.g. an .ics file with the dates.

    No tracking pixels, no remote images: the HTML part only formats the same text.
    """
    recipients = [r for r in recipients if r]
    if not recipients:
        return 0
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "site_url": absolute_url("/"), **context}
    subject = html.unescape(" ".join(render_to_string(f"{template}_subject.txt", context).split()))
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers=headers or {},
        reply_to=reply_to,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    return message.send(fail_silently=False)


MAIL_ERRORS = (SMTPException, OSError)  # what an unreachable or refusing mail server raises


def check_mail_server() -> None:
    """Connect to the mail server and leave again; raises one of MAIL_ERRORS while it is unreachable.

    Actions that send several mails check first, so that a mail outage stops them before the first
    mail and the first change (all flows roll back and answer 503 rather than queue: see README).
    """
    with get_connection(fail_silently=False):
        pass
