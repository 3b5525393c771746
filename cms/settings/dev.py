"""Local development: debug on, console email, a fixed development-only secret."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# the German 404 page under `make run` too (Django's debug page with ?debug404)
MIDDLEWARE = [*MIDDLEWARE, "ops.middleware.GermanNotFoundMiddleware"]  # noqa: F405

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
