from django.shortcuts import render

from companies.models import Company
from offers.models import Offer

HOME_OFFERS = 6
HOME_COMPANIES = 6


def home(request):
    """Public home: what the platform is for, the newest offers and companies that recruit."""
    offers = (
        Offer.objects.visible_to_public()
        .select_related("company", "commune")
        .order_by("-published_at", "-id")[:HOME_OFFERS]
    )
    companies = Company.objects.for_public_list().order_by("-published_offer_count", "name")[:HOME_COMPANIES]
    return render(request, "home.html", {"offers": offers, "companies": companies})
