"""Project-wide response headers."""

from django.utils.cache import patch_cache_control


def _declared_public(response) -> bool:
    return "public" in {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on every page served to a logged-in user (recruiter CV pages and
    exports, the candidate space, applications, the admin): they all show personal data, which no shared
    cache nor the browser's back-forward history on a shared computer may keep. Pages for anonymous
    visitors that show personal data (the spouse-referral link) say so with ``never_cache``. A response that
    declares itself ``public`` (the referential lookups: the same JSON for everybody) is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _declared_public(response):
            patch_cache_control(response, private=True, no_store=True)
        return response
