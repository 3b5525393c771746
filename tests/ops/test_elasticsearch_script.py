"""`scripts/elasticsearch.sh start` and a node it did not start that already answers on its port.

The node is a stand-in that answers as Elasticsearch does (its product header, cluster health, the local node's
data path and process id); the process it names is a `sleep`. The script runs from a copy of `scripts/`, so that
its state directory is the test's and not the checkout's, whose node `make test` runs.
"""

import json
import os
import shutil
import signal
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _node_answering(data_path: Path, pid: int) -> ThreadingHTTPServer:
    class Node(BaseHTTPRequestHandler):
        def _answer(self, body: dict | None) -> None:
            payload = json.dumps(body or {}, separators=(",", ":")).encode()  # compact, as the node answers
            self.send_response(200)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(payload)

        def do_GET(self):
            if self.path.startswith("/_cluster/health"):
                self._answer({"status": "green"})
            elif self.path.startswith("/_nodes/_local"):
                node = {"settings": {"path": {"data": str(data_path)}}, "process": {"id": pid}}
                self._answer({"nodes": {"n1": node}})
            else:
                self._answer({"tagline": "You Know, for Search"})

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Node)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def node_pid():
    """A process that is not this test's child, as a node left running is not the script's: once stopped, it is
    reaped by init instead of lingering as this process's zombie."""
    pid = int(
        subprocess.run(
            ["bash", "-c", "sleep 120 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True, check=True
        ).stdout
    )
    yield pid
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)


def _start_script(tmp_path: Path, port: int) -> subprocess.CompletedProcess:
    checkout = tmp_path / "checkout"
    shutil.copytree(SCRIPTS, checkout / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    return subprocess.run(
        ["bash", "scripts/elasticsearch.sh", "start"],
        cwd=checkout,
        env={"PATH": os.environ["PATH"], "ES_PORT": str(port)},  # none of the run's own ES_* settings
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_node_of_an_existing_checkout_is_used_as_it_is(tmp_path, node_pid):
    server = _node_answering(tmp_path, node_pid)  # its data directory exists
    try:
        result = _start_script(tmp_path, server.server_port)
    finally:
        server.shutdown()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"http://127.0.0.1:{server.server_port}"
    assert "not started by this script already answers" in result.stderr
    assert _alive(node_pid), "a node in use by another checkout keeps running"


def test_a_node_whose_data_directory_is_gone_is_stopped_not_used(tmp_path, node_pid):
    gone = tmp_path / "deleted-clone" / ".services" / "elasticsearch" / "data"
    server = _node_answering(gone, node_pid)
    try:
        result = _start_script(tmp_path, server.server_port)
    finally:
        server.shutdown()

    assert f"(pid {node_pid}) belongs to a deleted checkout" in result.stderr
    assert str(gone) in result.stderr
    assert not _alive(node_pid), "the orphaned node is stopped"
    # The stand-in keeps answering on the port after its "node" is gone, so the script refuses to start a node
    # beside it, rather than using it: nothing is printed on stdout, which carries only a usable node's address.
    assert result.returncode != 0
    assert "already in use" in result.stderr
    assert result.stdout == ""
