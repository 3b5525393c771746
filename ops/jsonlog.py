"""One JSON object per log line (``LOG_FORMAT=json``), for log collectors.

Django's request logs carry the request: method, path and status are added, never the query string
(a search may contain a resident's position) or the session. gunicorn's access log (see gunicorn.conf.py)
becomes the same kind of object, with the client address shortened to its network.

Paths lose their secrets in every access log (``redact_path``): cancellation, deletion, rating,
newsletter and invitation links carry a token that acts for its owner (for a year, some of them); a log
line must not be a key. gunicorn's plain access log gets the same through ``RedactingGunicornLogger``.
"""

import datetime
import ipaddress
import json
import logging
from urllib.parse import urlsplit, urlunsplit

from django.urls import Resolver404, resolve
from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[entfernt]"
SECRET_KWARGS = ("token", "uidb64")

# gunicorn access-log atoms -> JSON keys
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
}


def shorten_address(address: str) -> str:
    """An IPv4 address without its last byte, an IPv6 address as its /48 network: enough to spot abuse."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def redact_path(path: str) -> str:
    """``path`` with the values of its URL's token arguments replaced (any view whose pattern names one)."""
    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return path
    except Exception:
        return "/" + path.strip("/").split("/")[0] + f"/{REDACTED}" if path.strip("/") else path
    for name, value in match.kwargs.items():
        if any(secret in name for secret in SECRET_KWARGS) and value:
            path = path.replace(str(value), REDACTED)
    return path


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's access log (plain or JSON) with tokens taken out of the path."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if isinstance(atoms.get("U"), str):
            atoms["U"] = redact_path(atoms["U"])
        if isinstance(atoms.get("f"), str) and atoms["f"] != "-":  # the page a link was followed from
            referer = urlsplit(atoms["f"])
            atoms["f"] = urlunsplit(referer._replace(path=redact_path(referer.path), query=""))
        if isinstance(atoms.get("r"), str):  # the request line "GET /path?query HTTP/1.1"
            parts = atoms["r"].split(" ")
            if len(parts) == 3:
                atoms["r"] = " ".join([parts[0], redact_path(parts[1].split("?")[0]), parts[2]])
        return atoms


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, key in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-"):
                    entry[key] = value
            entry["client"] = shorten_address(str(record.args.get("h", "")))
        else:
            entry["message"] = record.getMessage()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = redact_path(request.path)
            entry["message"] = entry["message"].replace(request.path, entry["path"])  # "Not Found: /path"
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
