from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.access import candidate_required

from .matching import criteria_for_cv, offers_for_cv
from .models import CV

PAGE_SIZE = 20


@candidate_required
def offers_for_you(request):
    """« Offres pour vous » (URL name ``offers:offers_for_you``, added to the offers namespace by the project)."""
    cv = CV.objects.filter(owner=request.user).select_related("commune").first()
    page = criteria = None
    if cv is not None:
        criteria = criteria_for_cv(cv)
        page = Paginator(offers_for_cv(cv), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cvtheque/cv/offers_for_you.html", {"cv": cv, "criteria": criteria, "page": page})
