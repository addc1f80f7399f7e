from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .services import cv_from_stay_visible_token, stay_visible


@require_http_methods(["GET", "POST"])
def stay_visible_view(request, token):
    """« Je reste visible », the signed link of the warning e-mail: works without login; the click on the
    page's button (a POST, so that a mail scanner following links decides nothing) keeps the CV visible."""
    cv = cv_from_stay_visible_token(token)
    if cv is None:
        return render(request, "cvtheque/retention/stay_visible.html", {"invalid": True}, status=400)
    if request.method == "POST":
        stay_visible(cv)
        return render(request, "cvtheque/retention/stay_visible.html", {"cv": cv, "done": True})
    return render(request, "cvtheque/retention/stay_visible.html", {"cv": cv})
