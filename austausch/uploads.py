"""Uploaded files kept between the dry run and the confirmation, outside MEDIA (they hold contact data)."""

import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60


def _directory() -> Path:
    directory = Path(settings.AUSTAUSCH_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def store(upload) -> str:
    """Keep an uploaded file; returns the token that finds it again."""
    forget_old()
    token = secrets.token_hex(16)
    with open(_directory() / f"{token}.jsonl", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def path_of(token: str) -> Path | None:
    if not (isinstance(token, str) and len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        return None
    path = _directory() / f"{token}.jsonl"
    return path if path.exists() else None


def discard(token: str) -> None:
    path = path_of(token)
    if path is not None:
        path.unlink(missing_ok=True)


def forget_old() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _directory().glob("*.jsonl"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
