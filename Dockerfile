# Production image: gunicorn serves the portal; the same image runs the Celery
# worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=off
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 \
      fonts-hosny-amiri fonts-noto-core curl postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
# pyproject.toml is the one list of dependencies: install exactly its runtime set.
RUN python -c 'import subprocess, sys, tomllib; deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]; subprocess.check_call([sys.executable, "-m", "pip", "install", "--no-cache-dir", *deps])'
COPY . .
# collectstatic needs a key at build time only; the real one comes from the environment.
RUN SECRET_KEY=build-only-key-build-only-key-build-only python manage.py compilemessages --ignore=.venv -v0 \
 && SECRET_KEY=build-only-key-build-only-key-build-only python manage.py collectstatic --noinput -v0

RUN useradd --create-home portal && mkdir -p /app/var/private /app/var/backups \
 && chmod 700 /app/var/private /app/var/backups && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "coordination.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
