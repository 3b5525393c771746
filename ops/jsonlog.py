"""One JSON object per log line (``LOG_FORMAT=json``), for log collectors.

Django's request logs carry the request: method, path and status are added, never the query string
(a search may contain a resident's position) or the session. gunicorn's access log (see gunicorn.conf.py)
becomes the same kind of object, with the client address shortened to its network.
"""

import datetime
import ipaddress
import json
import logging

# gunicorn access-log atoms -> JSON keys
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "M": "duration_ms", "f": "referer",
                 "a": "user_agent"}


def shorten_address(address: str) -> str:
    """An IPv4 address without its last byte, an IPv6 address as its /48 network: enough to spot abuse."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


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
            entry["path"] = request.path
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
