"""What /health/ checks: the database (required) and the search engine (optional: the site falls back)."""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

HEALTHY_CLUSTER = ("green", "yellow")  # yellow: a single node cannot place replicas; searching works


@dataclass
class Check:
    status: str  # "ok", "degraded" or "unavailable"
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"status": self.status, **self.details}


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def check_database() -> Check:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        return Check("unavailable", {"ms": _elapsed_ms(started)})
    return Check("ok", {"vendor": connection.vendor, "ms": _elapsed_ms(started)})


def check_search() -> Check:
    """Elasticsearch answering with a green or yellow cluster; otherwise the search answers from the database.

    ``backlog``: the pages whose changes have not reached the node yet (an outage), and the age of the
    oldest in seconds; replayed on the next successful contact and by ``replay_search_backlog``.
    """
    config = settings.PORTAL_SEARCH
    if config["ENGINE"] != "elasticsearch":
        return Check("ok", {"engine": "database"})
    from search.engines.elastic import get_client
    from search.indexing import backlog

    started = time.perf_counter()
    try:
        health = get_client(config).options(request_timeout=2).cluster.health()
    except Exception as error:
        logger.warning("Health check: Elasticsearch unavailable (%s)", type(error).__name__)
        return Check(
            "degraded",
            {"engine": "elasticsearch", "fallback": "database", "ms": _elapsed_ms(started), "backlog": backlog()},
        )
    cluster = health.get("status", "unknown")
    status = "ok" if cluster in HEALTHY_CLUSTER else "degraded"
    details = {"engine": "elasticsearch", "cluster": cluster, "ms": _elapsed_ms(started), "backlog": backlog()}
    if status != "ok":
        details["fallback"] = "database"
    return Check(status, details)


def overall(database: Check, search: Check) -> str:
    if database.status != "ok":
        return "unavailable"
    return "ok" if search.status == "ok" else "degraded"
