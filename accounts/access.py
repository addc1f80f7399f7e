"""Access rules for the recruiter and candidate spaces (decorators for thin views).

Anonymous visitors are sent to the login page; a logged-in user of another role gets the « wrong role »
403 page (``wrong_role``), never the login page: allauth sends a logged-in user away from the login page,
back to the page they asked for, which would bounce them between the two until the browser gives up."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

# Whose page it is, as the 403 page says it: « Cette page est réservée aux … ».
RECRUITERS = "recruteurs"
CANDIDATES = "candidats"


def wrong_role(request, reserved_for: str):
    """The French 403 page saying whose page it is, with the ways out (my space; log out and log in
    with another account, back to this page)."""
    return render(request, "errors/wrong_role.html", {"reserved_for": reserved_for,
                                                      "asked_path": request.get_full_path()}, status=403)


def _role_required(has_role, reserved_for: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(user):
                return wrong_role(request, reserved_for)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


recruiter_required = _role_required(lambda user: user.is_recruiter, RECRUITERS)
recruiter_required.__doc__ = "Logged-in recruiter; anonymous visitors log in, other users get the 403 page."
candidate_required = _role_required(lambda user: user.is_candidate, CANDIDATES)
candidate_required.__doc__ = "Logged-in candidate; anonymous visitors log in, other users get the 403 page."
