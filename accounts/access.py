"""Access rules for the recruiter and candidate spaces (decorators for thin views)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect


def recruiter_required(view):
    """Logged-in recruiter; anyone else is sent to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_recruiter:
            messages.error(request, "Cette page est réservée aux recruteurs : connectez-vous avec un compte recruteur.")
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def candidate_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_candidate:
            messages.error(request, "Cette page est réservée aux candidats : connectez-vous avec un compte candidat.")
            # not the login page: it sends a logged-in user back to ``next``, a redirect loop
            return redirect("accounts:after_login")
        return view(request, *args, **kwargs)

    return wrapper
