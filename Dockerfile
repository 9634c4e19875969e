# syntax=docker/dockerfile:1
# perfportal's production image: gunicorn serving Django, with the static files collected
# and served by WhiteNoise. The same image runs the Celery worker and beat (docker-compose.yml).

# --- Front end: GOV.UK Frontend compiled with the council's branding into static/build ---------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the build needs no install scripts (sass's optional file watcher has one).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY frontend/ frontend/
RUN npm run build

# --- Application --------------------------------------------------------------------------------
FROM python:3.12-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango, HarfBuzz and fonts for WeasyPrint (PDF reports); pg_dump/pg_restore 15 (the compose
# file's PostgreSQL) for `manage.py backup` and `restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu fonts-liberation postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 perfportal \
    && useradd --system --uid 10001 --gid perfportal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin perfportal

WORKDIR /app

COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock && pip check

COPY . .
COPY --from=frontend /src/static/build/ static/build/

# Collect (hash-named, compressed) static files into the image. The key is a throwaway that
# exists only for this step; the real one comes from the environment at run time.
RUN DEBUG=false SECRET_KEY=collectstatic-only-not-used-at-run-time \
    python manage.py collectstatic --no-input --verbosity 1

USER perfportal

EXPOSE 8000

CMD ["gunicorn", "perfportal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--workers", "3", \
     "--access-logfile", "-", \
     "--no-control-socket"]
