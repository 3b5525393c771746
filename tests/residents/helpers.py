"""Helpers for the residents' flows: posting public forms as a person would (spam checks included)."""

import re
import time

from core.spam import TIMESTAMP_FIELD, timestamp_token


def human(data: dict) -> dict:
    """Form data as a person sends it: honeypot empty, rendered a minute ago."""
    return {TIMESTAMP_FIELD: timestamp_token(time.time() - 60), "homepage": "", **data}


def link_in(message, pattern: str) -> str:
    """The first link in a mail's plain text that contains ``pattern``, as a path."""
    match = re.search(rf"https?://[^/\s]+(\S*{re.escape(pattern)}\S*)", message.body)
    assert match, message.body
    return match.group(1)
