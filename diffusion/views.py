from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from .enums import CONTENT_TYPES, FeedFormat
from .services import feed_partner, partner_feed, public_feed


def _feed_response(pieces, feed_format) -> StreamingHttpResponse:
    response = StreamingHttpResponse(pieces, content_type=CONTENT_TYPES[feed_format])
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def partner_feed_view(request, slug, token):
    """A partner reads its own feed with its token; a wrong token or an inactive partner gets a 404."""
    partner = feed_partner(slug, token)
    if partner is None:
        raise Http404("Flux introuvable")
    return _feed_response(partner_feed(partner, settings.SITE_URL), partner.feed_format)


@require_safe
def public_feed_view(request):
    """The feed without a partner (the former generic XML feed, same URL): the online offers whose recruiter
    refused no partner."""
    return _feed_response(public_feed(settings.SITE_URL), FeedFormat.INDEED_XML)


@require_safe
def robots_txt(request):
    return render(request, "diffusion/robots.txt", {"site_url": settings.SITE_URL},
                  content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
