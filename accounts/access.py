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
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def company_required(view):
    """A recruiter who belongs to a company; ``request.company`` is set for the view.
    Until they belong to one, they are sent to « Mes paramètres » with a message."""
    from companies.services import current_company, pending_membership

    @recruiter_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        company = current_company(request.user)
        if company is None:
            pending = pending_membership(request.user)
            if pending:
                messages.warning(
                    request,
                    f"Votre demande de rattachement à {pending.company.name} est en attente de validation : "
                    "cette page sera disponible dès qu'elle sera acceptée.",
                )
            else:
                messages.warning(
                    request,
                    "Renseignez votre société et son numéro SIRET dans « Mes paramètres » pour accéder à cette page.",
                )
            return redirect("accounts:settings")
        request.company = company
        return view(request, *args, **kwargs)

    return wrapper
