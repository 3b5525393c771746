"""Tests: fast hashing, in-memory email and cache. DATABASE_URL selects SQLite or PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# WhiteNoise serves straight from the static folders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Searches are logged at once, so that a test can count the rows right after its requests;
# tests/search/test_query_log_buffer.py switches the batches on.
SEARCH_LOG_BUFFER_SECONDS = 0

# No tile server in tests: these machines reach no map tiles, and tests fetch nothing from third parties
# (the maps still show their markers; MAP_TILE_URL empty means "markers only").
MAP_TILE_URL = ""
