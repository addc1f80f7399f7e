# Production image: gunicorn serves the site, the same image runs the Celery worker and beat.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=terredemplois.settings
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build DATABASE_URL=postgres://x@localhost/x python manage.py collectstatic --noinput
RUN useradd --create-home terredemplois && mkdir -p /data && chown terredemplois /data
USER terredemplois
EXPOSE 8000
CMD ["gunicorn", "terredemplois.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30"]
