"""Project-wide request cleaning and response headers."""

from django.utils.cache import patch_cache_control

from toolkit.text import CONTROL_CHARACTERS, strip_control_characters


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


def _without_control_characters(querydict):
    if not any(CONTROL_CHARACTERS.search(key + "".join(values)) for key, values in querydict.lists()):
        return querydict
    cleaned = querydict.copy()
    cleaned.clear()
    for key, values in querydict.lists():
        cleaned.setlist(strip_control_characters(key), [strip_control_characters(v) for v in values])
    cleaned._mutable = False
    return cleaned


class StripControlCharactersMiddleware:
    """Every text a user sends (query string and form fields) loses its control characters — NUL, which
    PostgreSQL refuses in text, escape sequences, … — before any view or form reads it, so that no field of
    any form stores them and none answers 500 (tabs and line breaks stay). Uploaded files are untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _without_control_characters(request.GET)
        if request.method == "POST" and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data"):
            request.POST = _without_control_characters(request.POST)
        return self.get_response(request)
