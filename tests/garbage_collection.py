"""The cyclic garbage collector, run less often in the test processes.

Django's ORM and Wagtail's page saves allocate many short-lived objects. With Python's default first threshold
(700 allocations) the collector ran about 3,800 times in a worker over a fifth of the suite and took a tenth of
its CPU time; migrating the template took 17 s of CPU instead of 14. The suite is CPU-bound on two cores, so
that tenth is wall-clock time too. At 50,000 it runs a few dozen times, for about 300 MB instead of 200 MB per
process. Nothing the tests assert depends on when cycles are freed (reference counting frees the rest at once).
"""

import gc

THRESHOLDS = (50_000, 20, 100)


def collect_less_often() -> None:
    gc.set_threshold(*THRESHOLDS)
