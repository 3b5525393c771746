"""System checks for settings that changed meaning between versions."""

import os

from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def obsolete_client_address_setting(app_configs, **kwargs):
    # Read only to warn: the public forms used to trust X-Real-IP; now security/ratelimit.py derives the client
    # for them and the logins alike from X-Forwarded-For and TRUSTED_PROXY_COUNT.
    if "SPAM_TRUST_X_REAL_IP" not in os.environ:
        return []
    return [
        checks.Warning(
            "SPAM_TRUST_X_REAL_IP is obsolete and ignored; X-Real-IP is no longer read.",
            hint="Let the reverse proxy append to X-Forwarded-For and set TRUSTED_PROXY_COUNT (see README).",
            id="ops.W001",
        )
    ]
