"""« Postuler »: the form of a public offer's application, and its confirmation."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import CANDIDATES, candidate_required, wrong_role
from offers.forms import ApplicationForm
from offers.models import Application, ApplicationError, Offer
from offers.views import company_public_url, gone_page

from .forms import WITH_CV, ApplyForm
from .services import DRAFT_KEY, RESUME_KEY, apply_with, candidate_cv


def _render(request, offer, form, status=200, **context):
    return render(request, "cvtheque/applying/apply.html", {
        "offer": offer, "form": form, "company_url": company_public_url(offer.company), **context,
    }, status=status)


@require_http_methods(["GET", "POST"])
def apply(request, pk):
    """A visitor writes their message, logs in or signs up and comes back to it (kept in the session); a
    candidate sends it with their CVthèque CV or another document. An offer no longer online: the 410 page."""
    offer = get_object_or_404(Offer.objects.select_related("company", "author", "commune", "metier"), pk=pk)
    if not offer.is_public:
        return gone_page(request, offer, only_if_it_was_online=True)
    user, draft_key = request.user, DRAFT_KEY.format(pk=offer.pk)
    if not user.is_authenticated:
        if request.method == "POST":
            request.session[draft_key] = request.POST.get("message", "")[:3000]
            request.session[RESUME_KEY] = request.path
            if request.POST.get("then") == "signup":
                return redirect_to_login(request.path, login_url=reverse("account_signup"))
            return redirect_to_login(request.path)
        form = ApplicationForm(initial={"message": request.session.get(draft_key, "")})
        return _render(request, offer, form, visitor=True)
    if not user.is_candidate:
        return wrong_role(request, CANDIDATES)
    if Application.objects.filter(offer=offer, candidate=user).exists():
        messages.info(request, "Vous avez déjà postulé à cette offre.")
        return redirect("offers:public_detail", slug=offer.slug, pk=offer.pk)
    cv = candidate_cv(user)
    if request.method == "POST":
        form = ApplyForm(request.POST, request.FILES, has_cv=cv is not None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["source"] == WITH_CV and cv is not None:
                    apply_with(offer, user, data["message"], cv=cv)
                else:
                    apply_with(offer, user, data["message"], uploaded=data["document"], kind=form.document_kind)
            except ApplicationError as exc:
                messages.error(request, str(exc))
                return _render(request, offer, form, status=400, cv=cv)
            request.session.pop(draft_key, None)
            return redirect("cvtheque:applied", pk=offer.pk)
        return _render(request, offer, form, status=400, cv=cv)
    form = ApplyForm(initial={"message": request.session.get(draft_key, "")}, has_cv=cv is not None)
    return _render(request, offer, form, cv=cv)


@candidate_required
def applied(request, pk):
    """« Candidature envoyée »: what happens next."""
    application = get_object_or_404(Application.objects.select_related("offer__company"),
                                    offer_id=pk, candidate=request.user)
    return render(request, "cvtheque/applying/applied.html", {"application": application,
                                                              "offer": application.offer})
