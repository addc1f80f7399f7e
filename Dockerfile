# Production image: gunicorn serves the site, the same image runs the Celery worker and beat.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=terredemplois.settings \
    STATIC_ROOT=/app/staticfiles
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
# Static files collected (hashed names + manifest, compressed) into the image: whitenoise serves them.
RUN SECRET_KEY=build DATABASE_URL=postgres://x@localhost/x python manage.py collectstatic --noinput
RUN useradd --create-home terredemplois && mkdir -p /data && chown terredemplois /data
USER terredemplois
EXPOSE 8000
# Workers, threads and timeouts from the environment: gunicorn.conf.py (GUNICORN_WORKERS, GUNICORN_TIMEOUT…).
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
