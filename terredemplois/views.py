from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.access import recruiter_required
from companies.models import Company
from companies.services import current_company, pending_membership
from offers.forms import HomeSearchForm
from offers.models import Offer
from offers.services import current_offers_of, online_counts
from toolkit.health import health_report

from .statistics import site_statistics

HOME_OFFERS = 6
HOME_COMPANIES = 6


def home(request):
    """Public home: the offers' search, what is online, the newest offers and companies that recruit."""
    offers = (
        Offer.objects.visible_to_public()
        .select_related("company", "commune")
        .order_by("-published_at", "-id")[:HOME_OFFERS]
    )
    companies = Company.objects.for_public_list().order_by("-published_offer_count", "name")[:HOME_COMPANIES]
    return render(request, "home.html", {"offers": offers, "companies": companies, "search_form": HomeSearchForm(),
                                         "online": online_counts()})


@recruiter_required
def recruiter_dashboard(request):
    """« Mon espace recruteur » (``accounts:dashboard``): the recruiter's company (or their pending
    request to join one), their offers online or waiting for moderation, and the ways into the CVthèque.
    Its blocks appear as the features they lead to exist."""
    user = request.user
    company = current_company(user)
    return render(request, "recruiter_dashboard.html", {
        "company": company,
        "pending": None if company else pending_membership(user),
        "current_offers": current_offers_of(user) if company else [],
    })


@staff_member_required
def statistics(request):
    """« Statistiques » (staff only, linked from the admin's index): moderation, offers and CVthèque figures
    over 26 weeks, each chart followed by its table."""
    context = {**admin.site.each_context(request), "title": "Statistiques", "statistics": site_statistics()}
    return render(request, "admin/statistics.html", context)


@require_safe
@never_cache
def health(request):
    """``/sante/``, public, for load balancers and monitoring: JSON, 200 when the database, Redis, the broker
    and beat are all up, 503 otherwise (``toolkit.health``)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


# --- error pages (the handlers of terredemplois.urls, and CSRF_FAILURE_VIEW) -----------------------------


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request: no context processor runs, so the page shows even when the
    database (sessions, users, announcements) is what failed."""
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
