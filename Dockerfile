# The production image described in docs/deployment.md. Docker cannot run on the development machines: this
# file is checked statically there (tests/ops/test_deployment_docs.py), not built.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media \
    CACHE_LOCATION=/app/cache \
    GUNICORN_BIND=0.0.0.0:8000 \
    LOG_FORMAT=json

RUN groupadd --system portal \
 && useradd --system --gid portal --home-dir /app --shell /usr/sbin/nologin portal

WORKDIR /app

# Runtime requirements only: everything above the "# tests" line (psycopg and Pillow come as wheels).
COPY requirements.txt .
RUN sed '/^# tests/,$d' requirements.txt > /tmp/requirements-production.txt \
 && pip install -r /tmp/requirements-production.txt \
 && rm /tmp/requirements-production.txt

COPY . .

# Hashed, compressed static files for WhiteNoise, built into the image. The production settings insist on a
# SECRET_KEY; this one exists only during the build, the container gets the real one from its environment.
RUN SECRET_KEY=collectstatic-only-not-used-at-run-time python manage.py collectstatic --noinput -v0 \
 && install -d -o portal -g portal /app/media /app/cache

USER portal
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
