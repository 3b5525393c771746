"""No cyclic garbage collection in the process that builds the test database's template.

Migrating renders Django's model states some 200 times and allocates many short-lived objects: with Python's
default first threshold (700 allocations) the collector ran thousands of times and migrating took 17 s of CPU, at
50,000 it took 14 s (``manage.py migrate`` on an empty SQLite file, back to back, session 9). Not collecting at all
took 17.8–18.1 s against 19.0–20.0 s at 50,000 (three runs each, alternating, 2026-12-01), for 470 MB of memory
at its peak instead of 198 MB: the build's child process exits as soon as the template is built, and every
database test waits for it. In the test workers the thresholds made no difference (the SQLite suite, back to back
with and without 50,000: 401 and 403 s of CPU), so they keep Python's default.
"""

import gc


def stop_collecting() -> None:
    gc.disable()
