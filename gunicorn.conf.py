"""gunicorn settings, read from the environment (the Dockerfile, docker-compose and ``make serve`` use
this file: gunicorn loads ./gunicorn.conf.py by itself).

    GUNICORN_BIND (or PORT)   address to listen on           default 0.0.0.0:8000 (``make serve``: 127.0.0.1)
    GUNICORN_WORKERS          worker processes               default WEB_CONCURRENCY, else 3
    GUNICORN_THREADS          threads per worker             default 1 (sync workers)
    GUNICORN_TIMEOUT          seconds before a silent worker is killed and restarted    default 30
    GUNICORN_GRACEFUL_TIMEOUT seconds a worker has to finish its requests on restart    default 30
    GUNICORN_KEEPALIVE        seconds a keep-alive connection waits (threaded workers) default 5
    GUNICORN_MAX_REQUESTS     a worker is recycled after that many requests (0: never)  default 0
"""

import os

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or 3)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
wsgi_app = "terredemplois.wsgi:application"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # « - » for stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Workers import the project once, before forking (less memory, faster start); connections are opened after.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") not in ("0", "false", "no")
