from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from mailing.services import queue_rendered


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

    def get_login_redirect_url(self, request):
        return reverse("accounts:after_login")
