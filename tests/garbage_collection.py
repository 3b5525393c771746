"""The cyclic garbage collector, run less often in the test processes.

Django's ORM and Wagtail's page saves allocate many short-lived objects. With Python's default first threshold
(700 allocations) the collector ran about 3,800 times in a process over a fifth of the suite, and each full
collection walks everything the process has imported and built. At 50,000 it runs a few dozen times, for about
300 MB instead of 200 MB per process: the SQLite suite took 286 s of CPU instead of about 400 s, migrating the
template 14 s instead of 17. The suite is CPU-bound on two cores, so that is wall-clock time too. Nothing the
tests assert depends on when cycles are freed (reference counting frees everything else at once).
"""

import gc

THRESHOLDS = (50_000, 20, 100)


def collect_less_often() -> None:
    gc.set_threshold(*THRESHOLDS)
