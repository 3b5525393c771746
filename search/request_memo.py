"""Values of the shared cache read once per request.

A search asks for the facets' term lists about twenty-five times (parameters, word analysis, the request to the
engine, counts, listing) and for the synonym table a few times; each asked the shared cache (in production a
file per key, or Redis) and unpickled the answer. A ``RequestMemo`` keeps the first answer while a request is
handled (``request_started`` to ``request_finished``, as core/restrictions.py does) and is dropped when the value
changes in this process; outside a request (commands, the shell, tests that call services directly) every call
reads the cache. Another process's change is seen from its next request on.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.signals import request_finished, request_started


class RequestMemo:
    def __init__(self, name: str):
        # None: no request is being handled; else a list holding the value once read ([] before)
        self._holder: ContextVar[list | None] = ContextVar(name, default=None)
        self.name = name

    def get(self, read: Callable[[], Any]) -> Any:
        holder = self._holder.get()
        if holder is None:
            return read()
        if not holder:
            holder.append(read())
        return holder[0]

    def remember(self, value: Any) -> None:
        """What this request just wrote to the cache (no read needed)."""
        holder = self._holder.get()
        if holder is not None:
            holder[:] = [value]

    def forget(self) -> None:
        holder = self._holder.get()
        if holder:
            holder.clear()

    def _start(self, **kwargs) -> None:
        self._holder.set([])

    def _finish(self, **kwargs) -> None:
        self._holder.set(None)

    def connect(self) -> None:
        request_started.connect(self._start, dispatch_uid=f"{self.name}-start")
        request_finished.connect(self._finish, dispatch_uid=f"{self.name}-finish")
