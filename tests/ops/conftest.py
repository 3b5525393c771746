import importlib.util
from pathlib import Path

import pytest

PRODUCTION_SETTINGS = Path(__file__).resolve().parents[2] / "cms" / "settings" / "production.py"
# What the production settings decide about transport, cookies and headers; databases, caches, static
# storage and secrets stay those of the test run.
SECURITY_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "CONTENT_SECURITY_POLICY",
    "CSP_",
    "X_FRAME_",
    "PERMISSIONS_POLICY",
    "TRUSTED_PROXY_COUNT",
    "MIDDLEWARE",
)


def load_production_settings(monkeypatch, secret: str = "production-settings-under-test-" + "x" * 40) -> dict:
    """The values cms/settings/production.py computes, executed as a fresh module.

    base.py read the environment when it was first imported, so the secret goes into the imported module.
    """
    monkeypatch.setattr("cms.settings.base.SECRET_KEY", secret)
    spec = importlib.util.spec_from_file_location("cms.settings._production_under_test", PRODUCTION_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


@pytest.fixture
def production_settings(settings, monkeypatch):
    values = load_production_settings(monkeypatch)
    for name, value in values.items():
        if name.startswith(SECURITY_PREFIXES):
            setattr(settings, name, value)
    return settings
