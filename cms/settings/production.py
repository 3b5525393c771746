"""Production: everything from the environment, secure transport and cookies, hashed compressed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# HTTPS only: the reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP inside the network
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}  # noqa: F405
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"], "upgrade-insecure-requests": True}  # noqa: F405
}

# Behind one reverse proxy (nginx, the load balancer) the client's address is the last X-Forwarded-For entry.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))  # noqa: F405

# One cache for all gunicorn workers (rate limits, login throttling, the content version of cached fragments and
# API answers): a directory on the host by default; with several hosts set CACHE_LOCATION=redis://… (or
# CACHE_BACKEND/CACHE_LOCATION) to a shared Redis or Memcached.
if "CACHE_BACKEND" not in os.environ and CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_LOCATION", "/var/tmp/3l-elbe-elster-cache"),  # noqa: F405
            # whole pages are cached too (caching/pages.py): Django's default of 300 files would make every write
            # cull a third of them at random, rate-limit counters and the content version included
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},  # noqa: F405
        }
    }

# Hashed file names (browsers may keep them for a year) and pre-compressed copies, served by WhiteNoise.
# A new dict: base's STORAGES must stay untouched for modules that import it too.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
