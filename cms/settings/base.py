"""Settings shared by every environment: safe by default, configured from the environment.

Environment variables:
- SECRET_KEY (required unless a settings module provides a fallback, as dev and test do)
- DEBUG ("1"/"true" to enable; default off)
- ALLOWED_HOSTS (comma-separated)
- DATABASE_URL (default: a SQLite file next to manage.py, so the site runs embedded)
- ELASTICSEARCH_URL (unset: Wagtail's database search backend; several nodes comma-separated),
  ELASTICSEARCH_USER, ELASTICSEARCH_PASSWORD or ELASTICSEARCH_API_KEY, ELASTICSEARCH_CA_CERTS,
  ELASTICSEARCH_INDEX_PREFIX
- MEDIA_STORAGE ("filesystem" under MEDIA_ROOT, or "s3" with the AWS_* variables: see docs/deployment.md)
- SITE_BASE_URL (absolute URL of the site, used in emails and the admin)
- CACHE_BACKEND, CACHE_LOCATION (default: a per-process memory cache; CACHE_LOCATION redis://… alone: Redis)
- CACHE_FRAGMENT_SECONDS, CACHE_API_SECONDS, CACHE_MAX_AGE (what the portal caches, and for how long)
- FRONTEND_CACHE_PURGE_URL (a Varnish/nginx cache that takes HTTP PURGE; unset: no purging)
- TRUSTED_PROXY_COUNT (reverse proxies in front of the site that append to X-Forwarded-For; default 0): the
  client address for login throttling and the public forms' rate limits
- LOG_LEVEL, LOG_FORMAT ("text" or "json")
- AUSTAUSCH_UPLOAD_DIR, AUSTAUSCH_MAX_UPLOAD_BYTES (the admin's import of the exchange format)
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition

INSTALLED_APPS = [
    "core",
    "security",
    "caching",
    "taxonomy",
    "anbieter",
    "home",
    "bildungsboerse",
    "kalender",
    "aktuelles",
    "search",
    "ops",
    "anmeldung",
    "feedback",
    "newsletter",
    "bedarf",
    "seo",
    "austausch",
    "portal",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # every error under /api/ as JSON, 405 with Allow; no CSRF check there (ops/middleware.py)
    "ops.middleware.ApiJsonErrorsMiddleware",
    "security.headers.ContentSecurityPolicyMiddleware",
    "security.headers.PermissionsPolicyMiddleware",
    "security.headers.RejectNulCharactersMiddleware",
    # CORS for the public read interfaces (security/cors.py): outside the session and CSRF middleware too, and
    # outside the page cache, so that cached answers get it as well
    "security.cors.PublicReadCorsMiddleware",
    # anonymous visitors' pages from the cache: inside the security headers, outside everything that reads the
    # session or the database (caching/pages.py)
    "caching.pages.PageCacheMiddleware",
    # outside the session and CSRF middleware: it must see the cookies they set (caching/content.py)
    "caching.content.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.login_throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's page routing from the site's root row, without reading the home page first (core/routing.py)
    "core.routing.PreRoutingMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.navigation",
                "caching.context_processors.portal_cache",
                "core.context_processors.map_tiles",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL, default an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes SQLite's write lock when it begins: a concurrent writer waits for it instead of
    # failing with "database is locked" when its read lock cannot be upgraded (a double-clicked cancel link).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The people of a suspended provider cannot log in (anbieter/auth.py); otherwise Django's ModelBackend.
AUTHENTICATION_BACKENDS = ["anbieter.auth.ProviderAccessBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "anbieter.auth.ProviderLoginForm"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: residents and editors read German.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static and media files
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"


def s3_media_storage() -> dict:
    """Uploaded images, renditions and documents in an S3-compatible bucket (AWS, MinIO, Hetzner, IONOS ...).

    Objects are private (no public-read ACL): pages link images by signed URLs that expire, documents
    are streamed through Django (WAGTAILDOCS_SERVE_METHOD below). Credentials unset: boto3's own lookup.
    """
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "location": os.environ.get("AWS_LOCATION", ""),
        # "private" works on MinIO, Hetzner, IONOS and AWS buckets with ACLs; empty: no ACL header at all
        # (AWS buckets with "bucket owner enforced" reject ACLs; they are private anyway).
        "default_acl": os.environ.get("AWS_DEFAULT_ACL", "private") or None,
        "querystring_auth": True,
        "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        "signature_version": "s3v4",
        # django-storages overwrites same-named files by default; Wagtail uploads are often "bild.jpg".
        "file_overwrite": False,
    }
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        # A CDN or proxy in front of the bucket: its URLs are not signed (see docs/deployment.md).
        options["custom_domain"] = os.environ["AWS_S3_CUSTOM_DOMAIN"]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origin(storage: dict) -> str | None:
    """The https:// origin pages load images from, for the Content-Security-Policy (None: the site's own)."""
    options = storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return None  # files on disk, served by the site's own host
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    bucket, style = options["bucket_name"], options.get("addressing_style")
    endpoint = options.get("endpoint_url")
    if not endpoint:  # AWS itself, as boto3 addresses it
        region = options.get("region_name")
        if style == "path":
            return f"https://s3.{region}.amazonaws.com" if region else "https://s3.amazonaws.com"
        if style == "virtual" and region:
            return f"https://{bucket}.s3.{region}.amazonaws.com"
        return f"https://{bucket}.s3.amazonaws.com"
    parts = urlsplit(endpoint)
    if style == "virtual" and not parts.hostname.replace(".", "").isdigit():  # boto3 keeps IP addresses path-style
        return f"{parts.scheme}://{bucket}.{parts.netloc}"
    return f"{parts.scheme}://{parts.netloc}"


# Uploaded media: MEDIA_STORAGE=filesystem (default, MEDIA_ROOT) or s3.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "filesystem":
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    _media_storage = s3_media_storage()
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves /static/ from STATIC_ROOT (production: compressed, hashed, cached for a year);
# with DEBUG (WhiteNoise's default for WHITENOISE_USE_FINDERS/AUTOREFRESH) straight from the static folders.
# Documents always go through Django's document view, which applies collection privacy and hides
# providers' unpublished documents (anbieter/wagtail_hooks.py); Wagtail's default for remote storages
# would redirect to the bucket instead.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "3L Elbe-Elster <servicebuero@3l-elbe-elster.de>")
# The service office's public address: feedback contact of the accessibility statement.
SERVICE_OFFICE_EMAIL = os.environ.get("SERVICE_OFFICE_EMAIL", "servicebuero@3l-elbe-elster.de")
# The regional journey planner (VBB Fahrinfo, HAFAS) for "Anreise mit Bus und Bahn": {ziel} is the venue's address.
JOURNEY_PLANNER_URL = os.environ.get(
    "JOURNEY_PLANNER_URL", "https://fahrinfo.vbb.de/bin/query.exe/dn?Z={ziel}&timesel=arrive"
)

# Logs go to stderr; LOG_FORMAT=json writes one JSON object per line (ops/jsonlog.py) for log collectors.
LOG_FORMAT = "json" if os.environ.get("LOG_FORMAT", "text").strip().lower() == "json" else "text"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "ops.jsonlog.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Cache: per process by default. Production needs one that all workers share, because rate limits and
# login throttling count in it and the content version (caching/content.py) lives in it (see
# cms/settings/production.py and README). CACHE_LOCATION=redis://… alone selects Django's Redis backend
# (needs the `redis` package).
_CACHE_LOCATION = os.environ.get("CACHE_LOCATION", "")
_DEFAULT_CACHE_BACKEND = (
    "django.core.cache.backends.redis.RedisCache"
    if _CACHE_LOCATION.startswith(("redis://", "rediss://", "unix://"))
    else "django.core.cache.backends.locmem.LocMemCache"
)
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", _DEFAULT_CACHE_BACKEND),
        "LOCATION": _CACHE_LOCATION,
    }
}
# Models whose saves and deletes change what residents see: each bumps the content version (caching/content.py).
CACHING_CONTENT_MODELS = [
    "taxonomy.Bereich",
    "taxonomy.Lebenslage",
    "taxonomy.Zielgruppe",
    "taxonomy.Ort",
    "taxonomy.Barrierefreiheit",
    "anbieter.Anbieter",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "home.ServiceOffice",  # the footer's and the registration box's phone number and opening hours
    # Not registrations and slots: a popular course opening at 8:00 would empty the whole page cache with every
    # registration. The registration box is loaded uncached (anmeldung "formular/"); the cards' seat badges
    # ("Restplätze", "ausgebucht") may be PORTAL_CACHE["SEATS_SECONDS"] old (caching.pages.age_window).
]
# What the portal caches (caching/content.py, caching/pages.py): template fragments, anonymous API answers and
# whole pages for anonymous visitors, keyed by the content version that publishing changes; MAX_AGE is the
# Cache-Control max-age of public answers. PAGE_SECONDS=0 switches the page cache off.
PORTAL_CACHE = {
    "FRAGMENT_SECONDS": int(os.environ.get("CACHE_FRAGMENT_SECONDS", "300")),
    "API_SECONDS": int(os.environ.get("CACHE_API_SECONDS", "60")),
    "PAGE_SECONDS": int(os.environ.get("CACHE_PAGE_SECONDS", "300")),
    # never looked up: the admins, Wagtail's front-end login and password views, the API (its own cache), health,
    # registration (forms with a CSRF token, cancel links: never the same for two visitors)
    "PAGE_EXCLUDED_PATHS": ["/admin/", "/django-admin/", "/_util/", "/api/", "/health/", "/anmeldung/"],
    # a request header that skips the page cache: for the load benchmark only (make loadbench sets it), so that
    # it can measure rendering; empty (off) everywhere else, or anyone could make every request a render
    "PAGE_BYPASS_HEADER": os.environ.get("CACHE_PAGE_BYPASS_HEADER", ""),
    "MAX_AGE": int(os.environ.get("CACHE_MAX_AGE", "60")),
    # the longest the cards' seat badges ("Restplätze", "ausgebucht") stay in the page and fragment caches
    "SEATS_SECONDS": int(os.environ.get("CACHE_SEATS_SECONDS", "60")),
    # when a stored page's time is up, one request renders it anew while the others are answered the old one for
    # at most this long (caching.pages: no stampede of every worker at the end of each seat window); 0: off
    "STALE_SECONDS": int(os.environ.get("CACHE_STALE_SECONDS", "10")),
}
# A frontend cache (Varnish, nginx) in front of gunicorn that takes HTTP PURGE: publishing, unpublishing,
# moving and deleting purge the page, its listings and the API there (caching/frontend.py).
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "caching.frontend.HTTPBackend", "LOCATION": FRONTEND_CACHE_PURGE_URL, "TIMEOUT": 5}
    }

# --- security headers (every environment, so that development and tests run under the same policy) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views answer SAMEORIGIN themselves, for the preview iframe
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). The residents' pages load nothing but the site's own files:
# no inline scripts, no inline styles, no third-party hosts (images also from CSP_IMG_HOSTS, if set).
_MEDIA_HOSTS = env_list("CSP_IMG_HOSTS")  # e.g. an S3-compatible bucket's https:// origin
_MEDIA_ORIGIN = media_origin(_media_storage)  # signed image URLs of an S3-compatible bucket
if _MEDIA_ORIGIN and _MEDIA_ORIGIN not in _MEDIA_HOSTS:
    _MEDIA_HOSTS.append(_MEDIA_ORIGIN)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_HOSTS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (and Django's admin) render inline <script> initialisers for date pickers, inline panels
# and workflows, and inline styles, so their paths get their own policy with 'unsafe-inline'. This is
# acceptable because only signed-in staff reach those pages, Wagtail escapes everything users enter there,
# and every other restriction stays (same-origin sources only, no plugins, no foreign <base>, forms only to
# the site, framing only by the site itself: Wagtail's live preview shows the page in an iframe of the admin).
CSP_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_HOSTS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Read-only interfaces any site's JavaScript may read (Access-Control-Allow-Origin: *, security/cors.py):
# the page, image and document API, the search API with suggest and GeoJSON, the OpenAPI file, the RSS/Atom
# feeds and the calendar feeds (feed.ics and the calendar page's feed/ sub-page). Never the form endpoints.
CORS_PUBLIC_READ_PATHS = [
    r"^/api/v2/(pages|images|documents)/",
    r"^/api/v2/search/",
    r"^/api/v2/openapi\.(yaml|json)$",
    r"^/feeds/[\w-]+\.(rss|atom)$",
    r"^/[\w-]+/feed\.ics$",
    r"^/[\w-]+/feed/$",
]
# Browser features the portal never uses are switched off; geolocation stays possible for "near me".
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Login throttling and rate limits (security/login_throttle.py, security/ratelimit.py).
LOGIN_THROTTLE = {
    "FAILURES_PER_ACCOUNT": 5,
    "FAILURES_PER_CLIENT": 20,
    "WINDOW": 15 * 60,
    "PASSWORD_RESETS_PER_CLIENT": 5,
}
# Reverse proxies in front of the site that append to X-Forwarded-For: the one setting that decides the client's
# address for login throttling and the public forms' rate limits (security/ratelimit.py, client_ip).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Wagtail
WAGTAIL_SITE_NAME = "3L – Lebenslanges Lernen Elbe-Elster"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# requests per minute and token to /api/v3/ (cms/api_v3.py)
API_TOKEN_RATE_LIMIT = int(os.environ.get("API_TOKEN_RATE_LIMIT", "120"))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No calls from editors' browsers to wagtail.org: updates come through requirements.txt, and the admin's
# Content-Security-Policy allows no foreign hosts.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would send a hash of every editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No autosave in the page editor. Wagtail 8 autosaves a new page by posting the form to the "add" view in the
# background; a provider who submits the page for approval while that request runs posts to the same view
# again, and one of the two requests fails with a 500 (slug already taken) or a 400 the person never sees
# (found by tests/browser/test_editorial_journey.py). Providers save drafts and submit them explicitly.
WAGTAIL_AUTOSAVE_INTERVAL = 0

REST_FRAMEWORK = {
    # The API is read-only and public; no browsable forms, no session auth needed.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # No authentication at all: DRF's default Basic authentication made every API URL an unthrottled
    # password oracle (401 vs 200). Wagtail's admin API sets its own session authentication.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    # "format" is the portal's filter (praesenz/online/hybrid), not DRF's renderer switch: with the
    # override on, ?format=praesenz answered 404 because no renderer is called "praesenz".
    "URL_FORMAT_OVERRIDE": None,
}

# Search: Wagtail's database backend unless ELASTICSEARCH_URL points at a cluster (one URL, or several
# nodes comma-separated: the client spreads requests and retries on the others).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    _es_options: dict = {}
    if os.environ.get("ELASTICSEARCH_CA_CERTS"):
        # The cluster's own CA (security on, self-signed http.p12): a path to its PEM file.
        _es_options["ca_certs"] = os.environ["ELASTICSEARCH_CA_CERTS"]
    if os.environ.get("ELASTICSEARCH_API_KEY"):
        _es_options["api_key"] = os.environ["ELASTICSEARCH_API_KEY"]
    elif os.environ.get("ELASTICSEARCH_USER"):
        _es_options["basic_auth"] = (
            os.environ["ELASTICSEARCH_USER"],
            os.environ.get("ELASTICSEARCH_PASSWORD", ""),
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "dreil_"),
            "TIMEOUT": 5,
            "OPTIONS": _es_options,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The residents' faceted search (search/): Elasticsearch when configured, else SQL over the database.
PORTAL_SEARCH = {
    "ENGINE": "elasticsearch" if ELASTICSEARCH_URL else "database",
    "URL": ELASTICSEARCH_URL,
    "OPTIONS": dict(_es_options) if ELASTICSEARCH_URL else {},  # a copy: Wagtail's backend adds its own keys
    "INDEX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "dreil_") + "suche",
    "TIMEOUT": 5,
    "REFRESH": False,
}
# The search's query log is written in batches (search/query_log.py; searches answered from the page or API cache
# too): when the oldest has waited this many seconds or this many have gathered, and when a worker exits; 0: each
# at once.
SEARCH_LOG_BUFFER_SECONDS = int(os.environ.get("SEARCH_LOG_BUFFER_SECONDS", "10"))
SEARCH_LOG_BUFFER_ROWS = int(os.environ.get("SEARCH_LOG_BUFFER_ROWS", "100"))

# Providers and workflow (anbieter/): mail, moderation notices, the admin guard for providers' users.
# Invitations, decisions and Wagtail's moderation notices (to the service office on submission, to
# the provider on approval or "changes requested") go out by SMTP; links in them use SITE_BASE_URL.
# Environment: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 15
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Administrators are not moderators: only the service office's group receives "submitted" mails.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_WORKFLOW_ENABLED = True
# Invitation links (anbieter.tokens) live as long as password-reset links: 3 days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
PROVIDER_LOGO_MAX_UPLOAD_SIZE = 2 * 1024 * 1024
# Providers' users reach only their own pages, images and documents, whatever id an admin URL carries.
MIDDLEWARE += ["anbieter.middleware.ProviderAdminScopeMiddleware"]

# Maps (core/static/js/map.js with the self-hosted Leaflet in core/static/vendor/): the tile server.
# Default: the OpenStreetMap tile servers (fine for modest traffic under their usage policy); set
# MAP_TILE_URL to the district's own or a commercial tile server for more.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende'
)
GEOJSON_MAX_FEATURES = 500
# Map tiles are images from the tile server: its origin joins img-src of the residents' policy (the admin's
# stays same-origin, so a page preview shows the map without tiles).
if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{s}", "a")))
    )

# Importing providers' iCalendar feeds (kalender/importer.py): a slow or huge feed must not stall the run.
ICAL_IMPORT_TIMEOUT = int(os.environ.get("ICAL_IMPORT_TIMEOUT", "15"))
ICAL_IMPORT_MAX_BYTES = int(os.environ.get("ICAL_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

# The 3L exchange format (austausch/): the admin's upload, kept between dry run and confirmation in a private
# directory (not MEDIA: the files hold contact data). With several app servers it must be shared storage.
AUSTAUSCH_MAX_UPLOAD_BYTES = int(os.environ.get("AUSTAUSCH_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
AUSTAUSCH_UPLOAD_DIR = os.environ.get("AUSTAUSCH_UPLOAD_DIR", os.path.join(tempfile.gettempdir(), "3l-austausch"))

# Residents take part (anmeldung/, feedback/, newsletter/, bedarf/, security/spam.py).
# Personal data of participants is anonymised this many days after their offer or event ended
# (`manage.py purge_participants`, daily).
ANMELDUNG_RETENTION_DAYS = int(os.environ.get("ANMELDUNG_RETENTION_DAYS", "90"))
ANMELDUNG_OPEN_ENDED_DAYS = int(
    os.environ.get("ANMELDUNG_OPEN_ENDED_DAYS", "365")
)  # a registration for an ongoing offer ends a year after it was made
ANMELDUNG_MAX_PEOPLE = int(os.environ.get("ANMELDUNG_MAX_PEOPLE", "6"))  # per registration
ANMELDUNG_MAX_SEATS_PER_CLIENT = int(
    os.environ.get("ANMELDUNG_MAX_SEATS_PER_CLIENT", "8")
)  # per date, public form and API (anmeldung/fairness.py)
# The office gets one mail when one e-mail address holds at least this share of the seats of the dates it booked on a
# page (and at least ANMELDUNG_SEAT_ALERT_MIN_SEATS seats): public form and API (anmeldung/fairness.py)
ANMELDUNG_SEAT_ALERT_SHARE = float(os.environ.get("ANMELDUNG_SEAT_ALERT_SHARE", "0.25"))
ANMELDUNG_SEAT_ALERT_MIN_SEATS = int(os.environ.get("ANMELDUNG_SEAT_ALERT_MIN_SEATS", "4"))
ANMELDUNG_CANCEL_LINK_MAX_AGE = 365 * 24 * 3600  # the cancel link also dies with the data (retention)
ANMELDUNG_DELETION_LINK_MAX_AGE = 3 * 24 * 3600
FEEDBACK_LINK_MAX_AGE = 60 * 24 * 3600
NEWSLETTER_CONFIRM_MAX_AGE = 7 * 24 * 3600
BEDARF_FEW_RESULTS = int(os.environ.get("BEDARF_FEW_RESULTS", "3"))  # "found little" in the demand report
# Spam protection of public forms: seconds between rendering and sending, submissions per client and window
# (the client as security/ratelimit.py derives it, see TRUSTED_PROXY_COUNT).
SPAM_MIN_SECONDS = int(os.environ.get("SPAM_MIN_SECONDS", "3"))
SPAM_RATE_LIMIT = int(os.environ.get("SPAM_RATE_LIMIT", "10"))
SPAM_RATE_WINDOW = int(os.environ.get("SPAM_RATE_WINDOW", "600"))
