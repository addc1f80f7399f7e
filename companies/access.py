"""Access rule of the pages a recruiter uses on behalf of their company (a decorator for thin views)."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect

from accounts.access import recruiter_required

from .services import current_company, pending_membership


def company_required(view):
    """A recruiter who belongs to a company; ``request.company`` is set for the view.
    Until they belong to one, they are sent to « Mes paramètres » with a message."""

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
