from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip, parse_rates
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails go through the outbox: stored in the transaction, sent by Celery."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        msg = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(msg, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
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

    def get_login_redirect_url(self, request):
        return reverse("accounts:after_login")
