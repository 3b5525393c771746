"""The search's query log written in batches: one INSERT for many searches instead of one per search.

The demand report (bedarf.report: weak searches per month, Lebenslage, Zielgruppe and Ort) and the autocomplete's
popular searches count every search, so every search must still become a row — also one answered from the page
cache or the API cache. But a hit that writes to the database is no longer free: the search was the one cached page
type that made a query on every hit, and a rendered search paid an INSERT besides its own work. So each worker
process keeps the rows in memory and writes them with one INSERT once the oldest has waited
``SEARCH_LOG_BUFFER_SECONDS`` (10 s) or ``SEARCH_LOG_BUFFER_ROWS`` have gathered, and when the worker exits.
The cost: a row's time is when it was written (at most those seconds late), and a worker that is killed
(not stopped) loses the rows of its last seconds. ``SEARCH_LOG_BUFFER_SECONDS = 0`` writes each search at once.
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError

from .models import SearchQueryLog

logger = logging.getLogger(__name__)

_pending: list[dict] = []
_oldest_at: float | None = None
_lock = threading.Lock()


def record(row: dict) -> None:
    """Log a search (``search.service.query_log_entry``): at once, or with the next batch."""
    if settings.SEARCH_LOG_BUFFER_SECONDS <= 0:
        SearchQueryLog.objects.create(**row)
        return
    global _oldest_at
    now = time.monotonic()
    with _lock:
        _pending.append(row)
        if _oldest_at is None:
            _oldest_at = now
        due = len(_pending) >= settings.SEARCH_LOG_BUFFER_ROWS or now - _oldest_at >= settings.SEARCH_LOG_BUFFER_SECONDS
    if due:
        flush()


def flush() -> int:
    """Write the gathered rows in one INSERT; how many. A failing database loses them (logged), never the page."""
    global _oldest_at
    with _lock:
        rows = list(_pending)
        _pending.clear()
        _oldest_at = None
    if not rows:
        return 0
    try:
        SearchQueryLog.objects.bulk_create([SearchQueryLog(**row) for row in rows])
    except DatabaseError:
        logger.exception("%d searches could not be written to the query log", len(rows))
        return 0
    return len(rows)


def pending() -> int:
    with _lock:
        return len(_pending)


atexit.register(flush)  # a worker that ends (gunicorn's max_requests, a restart) writes what it gathered
