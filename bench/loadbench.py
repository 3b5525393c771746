"""What the load benchmark measures (`make loadbench`, bench/benchmark_load.py).

wrk drives the site under gunicorn; these functions run wrk and read its report, count the SQL queries of a
page, follow the memory of gunicorn's workers in /proc and ask the Elasticsearch node for its heap.
Not part of the pass/fail suite: the benchmark prints figures, the tests only check that the measuring works.
"""

import json
import os
import re
import subprocess
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# wrk prints durations with these units ("4.15ms", "1.02s") and sizes with these ("2.40MB").
TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
WRK_PERCENTILES = (50, 75, 90, 99)  # what `wrk --latency` reports
NUMBER = r"([\d.]+)"


class WrkError(RuntimeError):
    pass


@dataclass
class WrkResult:
    requests: int
    seconds: float
    requests_per_second: float
    latency_ms: dict[int, float]  # percentile -> milliseconds
    non_2xx_3xx: int = 0  # wrk counts 3xx as success: the benchmark checks every URL for 200 beforehand
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect, read, write, timeout

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not match:
        raise WrkError(f"unknown duration in wrk's report: {value!r}")
    return float(match[1]) * TIME_UNITS_MS[match[2]]


def parse_wrk(output: str) -> WrkResult:
    """wrk 4.x's report with --latency as numbers; raises WrkError if a part is missing."""
    total = re.search(rf"^\s*(\d+) requests in {NUMBER}(us|ms|s|m|h),", output, re.MULTILINE)
    rps = re.search(rf"^Requests/sec:\s+{NUMBER}", output, re.MULTILINE)
    latency = {int(p): to_ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE)}
    if not total or not rps or set(latency) != set(WRK_PERCENTILES):
        raise WrkError(f"cannot read wrk's report (was --latency given?):\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        requests=int(total[1]),
        seconds=to_ms(total[2] + total[3]) / 1000,
        requests_per_second=float(rps[1]),
        latency_ms=latency,
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True))
        if sockets
        else {},
    )


def run_wrk(
    url: str,
    seconds: int,
    connections: int = 16,
    threads: int = 2,
    headers: dict[str, str] | None = None,
    timeout_s: int = 10,
) -> WrkResult:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + timeout_s + 30)
    if finished.returncode != 0:
        raise WrkError(f"wrk failed ({finished.returncode}): {finished.stderr or finished.stdout}")
    return parse_wrk(finished.stdout)


# ---------------------------------------------------------------- SQL queries per page


def count_queries(client, path: str, cold: bool) -> tuple[int, int]:
    """(status, SQL queries) of one GET through the whole Django stack; cold: with an empty cache first."""
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if getattr(response, "streaming", False):  # a static file from WhiteNoise
            b"".join(response.streaming_content)
    return response.status_code, len(queries)


def ms(value: float) -> str:
    """Latencies below a millisecond (cached pages, static files) with one decimal."""
    return f"{value:.1f} ms" if value < 10 else f"{value:.0f} ms"


# ---------------------------------------------------------------- memory of gunicorn's workers


def child_pids(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's master: its workers), from /proc/<pid>/stat's ppid.

    /proc/<pid>/task/<tid>/children would be shorter, but kernels without CONFIG_PROC_CHILDREN lack it.
    """
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (comm) state ppid ...": comm may hold spaces and parentheses
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                children.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):  # the process ended meanwhile
            pass
    return sorted(children)


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM: the most resident memory the process ever had (shared pages from the master included)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the process ended (a worker recycled after max_requests)
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) if match else None


class WorkerMemory:
    """Samples the peak RSS of every worker of a gunicorn master while the load runs.

    gunicorn.conf.py recycles workers after max_requests, so reading them only at the end would miss the
    ones that went. `peaks` keeps the highest value seen per worker pid.
    """

    def __init__(self, master_pid: int, interval_s: float = 0.25):
        self.master_pid = master_pid
        self.interval_s = interval_s
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        for pid in child_pids(self.master_pid):
            peak = peak_rss_kib(pid)
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def max_kib(self) -> int:
        return max(self.peaks.values(), default=0)


# ---------------------------------------------------------------- the Elasticsearch node


def get_json(url: str) -> dict | list:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def elasticsearch_stats(url: str, index_prefix: str) -> dict:
    """Heap in use (and of it the old generation: what survives collections), maximum, and documents and size
    of the indices with the prefix. Heap in use is a snapshot of the collector's sawtooth."""
    nodes = get_json(f"{url.rstrip('/')}/_nodes/stats/jvm")["nodes"].values()
    indices = get_json(f"{url.rstrip('/')}/_cat/indices/{index_prefix}*?format=json&bytes=b")
    return {
        "heap_used_bytes": sum(node["jvm"]["mem"]["heap_used_in_bytes"] for node in nodes),
        "heap_old_bytes": sum(node["jvm"]["mem"]["pools"]["old"]["used_in_bytes"] for node in nodes),
        "heap_max_bytes": sum(node["jvm"]["mem"]["heap_max_in_bytes"] for node in nodes),
        "indices": sorted((row["index"], int(row["docs.count"]), int(row["store.size"])) for row in indices),
    }


def mib(value_bytes: float) -> str:
    return f"{value_bytes / 2**20:.0f} MiB"


def cpu_description() -> str:
    model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    return f"{os.cpu_count()} cores" + (f" ({model[1].strip()})" if model else "")
