"""Values read once per request.

A ``RequestMemo`` keeps the first answer of what a request asks for many times while the request is handled
(``request_started`` to ``request_finished``) and is dropped when the value changes in this process; outside a
request (commands, the shell, tests that call services directly) every call reads anew. Another process's change
is seen from its next request on. Used for the page view restrictions (core/restrictions.py) and for the search's
term lists and synonym table (search/params.py, search/synonyms.py), which a search asked the shared cache for
some twenty-five times.
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

    @property
    def active(self) -> bool:
        """Whether a request is being handled (else ``get`` reads every time)."""
        return self._holder.get() is not None

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
