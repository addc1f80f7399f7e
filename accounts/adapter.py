from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip, parse_rates
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from mailing.services import queue_rendered
from toolkit.cache import is_reachable

from .ratelimit import recent_hits, record_hit


def _login_failed_keys(request, login_key: str) -> list[tuple[str, int, int]]:
    """(database key, limit, period) of every rate of ``ACCOUNT_RATE_LIMITS["login_failed"]``."""
    keys = []
    for rate in parse_rates(account_settings.RATE_LIMITS.get("login_failed")):
        source = get_ip(request) if rate.per == "ip" else login_key
        keys.append((f"login_failed:{rate.per}:{source}", rate.amount, int(rate.duration)))
    return keys


@dataclass(frozen=True)
class Site:
    """What allauth's e-mails call ``current_site``: the platform's name and the domain of SITE_URL
    (never the host the request came through, « c'est 127.0.0.1:8102 »)."""

    name: str
    domain: str


def on_site(url: str) -> str:
    """The same page under SITE_URL, the one setting every link of an e-mail starts with."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails go through the outbox: stored in the transaction, sent by Celery. They are
        signed « Terre d'Emplois », with an HTML part in the layout of the platform's e-mails."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "site_url": settings.SITE_URL,
               "current_site": Site("Terre d'Emplois", urlsplit(settings.SITE_URL).netloc)}
        ctx.update(context)
        msg = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(msg, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        if not html:
            html = render_to_string("account/email/layout.html", {"text": msg.body})
        queue_rendered(email, msg.subject, msg.body, html, reason=f"allauth:{template_prefix.rsplit('/', 1)[-1]}")

    # Failed logins are counted by allauth in Redis; while Redis is unreachable, in the database instead, so
    # that a brute force never gets unlimited tries.

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        if is_reachable(cache):
            return
        login_key = self._get_login_attempts_cache_key(request, **credentials)
        for key, limit, period in _login_failed_keys(request, login_key):
            if recent_hits(key, period) >= limit:
                raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        if not is_reachable(cache):
            login_key = self._get_login_attempts_cache_key(request, **credentials)
            for key, _, _ in _login_failed_keys(request, login_key):
                record_hit(key)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def get_login_redirect_url(self, request):
        return reverse("accounts:after_login")
