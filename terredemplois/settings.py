"""Terre d'Emplois settings: one module, configured from the environment.

Environment variables (all optional in development):
    DEBUG, SECRET_KEY, ALLOWED_HOSTS, SITE_URL, DATABASE_URL, REDIS_URL, EMAIL_URL,
    DEFAULT_FROM_EMAIL, MEDIA_ROOT, SECURE (1 behind HTTPS), ALLAUTH_TRUSTED_PROXY_COUNT,
    CELERY_VISIBILITY_TIMEOUT, BEAT_LOCK_SECONDS, BEAT_STALE_SECONDS,
    MEDIA_STORAGE (``s3``: uploads in object storage) with S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY, S3_MEDIA_BUCKET, S3_PRIVATE_BUCKET, S3_MEDIA_URL, S3_SIGNED_URL_SECONDS,
    STATIC_ROOT, PUBLIC_PAGE_CACHE_SECONDS, PUBLIC_PAGE_CACHE_VERSION_SECONDS, PROCESS_MEMO_VERSION_SECONDS.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TDE_DATA_DIR", BASE_DIR / ".data"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")
TESTING = env_bool("TDE_TESTING") or "pytest" in sys.modules
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY est obligatoire quand DEBUG est désactivé : définissez la variable d'environnement "
            "SECRET_KEY (une longue chaîne aléatoire, gardée secrète) avant de démarrer le site."
        )
    SECRET_KEY = "dev-only-insecure-key-terre-d-emplois"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_ckeditor_5",
    "django_filters",
    # project apps
    "mailing",
    "referentials",
    "accounts",
    "companies",
    "offers",
    "moderation",
    "diffusion",
    "cvtheque",
    "terredemplois.apps.TerredemploisConfig",  # the project on top: its commands use every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages of anonymous visitors served from Redis, before any session, CSRF or template work.
    "toolkit.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "terredemplois.middleware.StripControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "terredemplois.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "terredemplois.urls"
WSGI_APPLICATION = "terredemplois.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.announcements",
                "terredemplois.context_processors.recruiter_menu",
                "terredemplois.context_processors.candidate_menu",
                "terredemplois.context_processors.site",
            ],
            # « de »/« le » elided before a name, in every template: {{ name|de }} → « d'Inès », « de Marc »
            "builtins": ["toolkit.templatetags.french", "toolkit.templatetags.richtext"],
        },
    },
]

# --- Database ------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/terredemplois"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache (allauth rate limits) and Celery broker ------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "toolkit.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tde"),
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            # A web request never fails because Redis is down: a cache miss instead.
            "IGNORE_EXCEPTIONS": True,
        },
    },
    # While Redis is unreachable the default cache reads and writes here (toolkit.cache): rate limits keep
    # counting. The table is created by the accounts migration 0003.
    "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tde_cache_fallback"},
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The public pages as anonymous visitors see them, kept in Redis (toolkit.pagecache): stale as soon as an
# offer, a company or a referential changes (terredemplois.pagecache), and after PUBLIC_PAGE_CACHE_SECONDS at
# most (0: no cache). Add the URL name of any other public page every anonymous visitor sees the same.
# How often each process re-reads the version of its memos (toolkit.memo: métier synonyms, places, announcements)
# from Redis: a change made by another process shows up to that many seconds late (0: on every use).
PROCESS_MEMO_VERSION_SECONDS = float(os.environ.get("PROCESS_MEMO_VERSION_SECONDS", "2"))

PUBLIC_PAGE_CACHE = {
    "timeout": int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "600")),
    "url_names": {
        "home", "offers:public_list", "offers:public_detail", "companies:public_list",
        "companies:public_detail", "diffusion:sitemap", "diffusion:sitemap_section", "diffusion:robots",
    },
    "valid_until": "terredemplois.pagecache.next_offer_end",
    # Pages with a query string (searches: any visitor can make up new ones) are kept at most this long, and
    # only up to this size, so that the memory they take in Redis stays bounded.
    "query_timeout": 120,
    "query_max_bytes": 256 * 1024,
    # > 0: each process reads the version from Redis at most every that many seconds (a hit then costs no
    # round trip), and shows a change up to that late; 0: read on every request, a change shows at once.
    "version_seconds": float(os.environ.get("PUBLIC_PAGE_CACHE_VERSION_SECONDS", "0")),
}


def _broker_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "unix":
        return f"redis+socket://{parsed.path}"
    return url


CELERY_BROKER_URL = _broker_url(REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")  # several sites sharing one Redis
CELERY_TIMEZONE = "Europe/Paris"
# A task is acknowledged once it has run: a worker killed in the middle (SIGKILL, OOM, host lost) leaves it
# to another worker — at once when a pool child dies (reject_on_worker_lost), after the visibility timeout
# when the whole worker is gone. Every task is written to be run twice (idempotence keys, row locks).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    # longer than any task and any retry countdown, or a task would run twice at the same time
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TASK_EAGER_PROPAGATES = True
# One beat sends the periodic tasks even when two are started by mistake (toolkit.beat: a lock in Redis).
CELERY_BEAT_SCHEDULER = "toolkit.beat:SingleBeatScheduler"
BEAT_LOCK_NAME = os.environ.get("BEAT_LOCK_NAME", "tde:beat-leader")
BEAT_LOCK_SECONDS = int(os.environ.get("BEAT_LOCK_SECONDS", "30"))
# /sante/ reports beat down when its last tick is older than this
BEAT_STALE_SECONDS = int(os.environ.get("BEAT_STALE_SECONDS", "180"))

# --- Auth and allauth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:after_login"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Terre d'Emplois] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
if "ALLAUTH_TRUSTED_PROXY_COUNT" in os.environ:
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ["ALLAUTH_TRUSTED_PROXY_COUNT"])

# --- I18N ---------------------------------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic writes here and whitenoise serves from here: the Docker image sets it to a folder of the image
# (filled at build), not of the /data volume.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# CVs live outside MEDIA_ROOT: they are only ever served by an authenticated view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", DATA_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# MEDIA_STORAGE=s3: no local state on a web host. Public uploads (logos, banners, editor images) go to a
# bucket read by browsers (S3_MEDIA_URL, or the endpoint's address); CV and application documents go to a
# private bucket and are only ever streamed by the authenticated views.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    from toolkit.storage import s3_storages

    STORAGES["default"], STORAGES["private"], MEDIA_URL = s3_storages(os.environ)
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r} : valeurs possibles « filesystem » ou « s3 ».")
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=MEDIA_STORAGE == "filesystem")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Terre d'Emplois <ne-pas-repondre@terredemplois.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = _mail.username or ""
    EMAIL_HOST_PASSWORD = _mail.password or ""
    EMAIL_USE_TLS = _mail.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "mailing.backends.FileAndConsoleBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

# --- Security ---------------------------------------------------------------------------------
SECURE = env_bool("SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
CSRF_FAILURE_VIEW = "terredemplois.views.csrf_failure"
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
# Sessions are kept in PostgreSQL and read from Redis: a page no longer queries the session table (it is
# written only when the session changes), and a Redis outage falls back to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://www.dailymotion.com",
                  "https://geo.dailymotion.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Rich text (django-ckeditor-5). Sanitised on save by toolkit.richtext. -------------
CKEDITOR_5_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"  # unused: uploads go through our view
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "fr",
        "toolbar": {
            "items": [
                "bold", "italic", "underline", "|", "bulletedList", "numberedList", "|",
                "link", "|", "insertImage", "mediaEmbed", "insertTable", "|", "undo", "redo",
            ]
        },
        # an image's alternative text, required by toolkit.richtext.clean_rich_text
        "image": {"toolbar": ["imageTextAlternative"]},
        "mediaEmbed": {
            "previewsInData": True,
            # Videos from YouTube, Dailymotion and Vimeo only (toolkit.richtext keeps no other).
            "removeProviders": ["instagram", "twitter", "googleMaps", "flickr", "facebook", "spotify"],
        },
    },
}
CKEDITOR_5_CUSTOM_CSS = None
# Photos inserted in the editor go through our view (recruiters only, Pillow re-encode, rate limit).
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "companies:editor_upload"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=True)
    MEDIA_ROOT = DATA_DIR / "test-media"
    PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private"
    # Never the folder `make serve` / `make load` collect into: WhiteNoise would serve those files to the test
    # client, and the tests' results would depend on what was run before them in this checkout.
    STATIC_ROOT = DATA_DIR / "test-static"
    if MEDIA_STORAGE == "filesystem":
        STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)
    CACHES["default"]["KEY_PREFIX"] = "tde-test"
    # Off in tests (the cache outlives each test's rollback); tests/terredemplois/test_pagecache.py turns it on.
    PUBLIC_PAGE_CACHE["timeout"] = 0
    # Redis is emptied between tests: each memo reads its version every time (toolkit.memo)
    PROCESS_MEMO_VERSION_SECONDS = 0
