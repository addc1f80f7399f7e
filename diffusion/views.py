import re

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from toolkit.pagecache import gunzipped

from .enums import CONTENT_TYPES, FeedFormat
from .services import cached_partner_feed, cached_public_feed, feed_partner, partner_feed, public_feed

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip


def _feed_response(request, compressed: bytes | None, write, feed_format):
    """The feed from the shared cache (``compressed``: sent as it is to a client that accepts gzip, as every
    partner's crawler does, else uncompressed as it is sent), or written now (``write()``'s pieces) when the
    cache could not give it."""
    content_type = CONTENT_TYPES[feed_format]
    if compressed is None:
        response = StreamingHttpResponse(write(), content_type=content_type)
    elif _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = StreamingHttpResponse(gunzipped(compressed), content_type=content_type)
    if compressed is not None:
        response["Vary"] = "Accept-Encoding"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def partner_feed_view(request, slug, token):
    """A partner reads its own feed with its token; a wrong token or an inactive partner gets a 404."""
    partner = feed_partner(slug, token)
    if partner is None:
        raise Http404("Flux introuvable")
    return _feed_response(request, cached_partner_feed(partner, settings.SITE_URL),
                          lambda: partner_feed(partner, settings.SITE_URL), partner.feed_format)


@require_safe
def public_feed_view(request):
    """The feed without a partner (the former generic XML feed, same URL): the online offers whose recruiter
    refused no partner."""
    return _feed_response(request, cached_public_feed(settings.SITE_URL), lambda: public_feed(settings.SITE_URL),
                          FeedFormat.INDEED_XML)


@require_safe
def robots_txt(request):
    return render(request, "diffusion/robots.txt", {"site_url": settings.SITE_URL},
                  content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
