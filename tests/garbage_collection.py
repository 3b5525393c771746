"""The cyclic garbage collector, run less often while the test database's template is migrated.

Migrating renders Django's model states some 210 times and allocates many short-lived objects: with Python's
default first threshold (700 allocations) the collector ran thousands of times and migrating took 17 s of CPU,
at 50,000 it took 14 s (``manage.py migrate`` on an empty SQLite file, back to back). Every database test waits
for that build, so it pays. In the test workers the same setting made no difference (the SQLite suite, back to back
with and without it: 401 and 403 s of CPU), so they keep Python's default.
"""

import gc

THRESHOLDS = (50_000, 20, 100)


def collect_less_often() -> None:
    gc.set_threshold(*THRESHOLDS)
