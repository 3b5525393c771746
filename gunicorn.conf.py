"""gunicorn in production: ``gunicorn -c gunicorn.conf.py`` (reads the environment, like the settings).

Behind a reverse proxy (nginx or the load balancer) that terminates TLS and sets X-Forwarded-Proto and
X-Forwarded-For. Environment:
- GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (workers, default 2 × CPUs + 1),
  GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT (seconds, default 30)
- FORWARDED_ALLOW_IPS (proxies whose X-Forwarded-Proto counts, default 127.0.0.1)
- LOG_FORMAT=json: gunicorn's own and its access log as JSON lines, like Django's (ops/jsonlog.py)
"""

import multiprocessing
import os

# cms/wsgi.py falls back to the development settings; gunicorn is for production.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
wsgi_app = "cms.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow leaks never add up; the jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Load the application once in the master: faster worker starts, shared memory pages.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# No query strings in the access log: a search may carry a resident's position (lat/lon).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%(a)s"'
# No tokens either: cancellation, rating, deletion and invitation links are keys (ops/jsonlog.py).
logger_class = "ops.jsonlog.RedactingGunicornLogger"

if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "ops.jsonlog.JsonFormatter"}},
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "root": {"handlers": ["error"], "level": loglevel.upper()},
        "loggers": {
            "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
