# syntax=docker/dockerfile:1
# The DG-EJJM-026 assessment portal: one image for the web process (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm

# manage.py and config/celery.py default to local settings; a deployed container must never fall back to them.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/data/media

# WeasyPrint draws PDFs through Pango and HarfBuzz and needs a Thai font installed to render Thai text;
# libmagic1 backs file-type detection of uploads; gettext provides msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        fonts-thai-tlwg \
        libmagic1 \
        gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies before code, so editing the portal does not reinstall them. pyproject.toml declares
# no packages, so this installs only the pinned dependencies; the build leftovers are not needed.
COPY pyproject.toml ./
RUN pip install . \
    && rm -rf build ./*.egg-info

COPY . .

# Production settings refuse to load without a strong SECRET_KEY and ALLOWED_HOSTS, so these two steps get
# throwaway values that live only in this RUN's shell (never in an image layer's environment).
# git keeps no empty locale/, and compilemessages refuses to run when no locale directory exists at all.
RUN mkdir -p locale \
    && export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
        ALLOWED_HOSTS=build.invalid \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput

# The code stays root-owned and read-only to the portal; only the media directory is its to write.
# Docker copies this directory's ownership into the named volume mounted over it on first use.
RUN groupadd --system portal \
    && useradd --system --gid portal --create-home --home-dir /home/portal portal \
    && mkdir -p /data/media \
    && chown portal:portal /data/media
USER portal

EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "5", "--preload"]
