"""Every mail of the portal: German, plain text and HTML, sent through Django's email backend."""

import html

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core.canonical import absolute_url


def send_templated_mail(template: str, context: dict, recipients: list[str], *, headers: dict | None = None,
                        reply_to: list[str] | None = None, attachments: list[tuple[str, bytes, str]] | None = None) -> int:
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
