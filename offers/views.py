from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import candidate_required
from companies.access import company_required
from toolkit.richtext import editor_page

from .enums import OfferStatus
from .forms import ApplicationForm, MyOffersFilterForm, OfferForm, PublicSearchForm
from .hooks import wording_findings
from .jsonld import job_posting_json
from .models import ApplicationError, InvalidTransition, Offer, SupportOrganisation
from .search import OfferCriteria, search_offers
from .services import apply_to_offer, editable_version, send_to_moderation, similar_offers
from .validators import OFFER_LIFETIME_DAYS

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _member_offer(request, pk) -> Offer:
    """An offer of one of the user's companies (another company's recruiter gets a 404)."""
    return get_object_or_404(Offer.objects.of_member(request.user).originals().select_related(
        "company", "commune", "metier"), pk=pk)


def company_public_url(company) -> str | None:
    """The company's public page, when it is online."""
    return company.get_absolute_url() if company.is_public else None


# ----- recruiter pages -------------------------------------------------------------------------

def _offer_form_page(request, offer: Offer | None):
    """Shared by create and edit: « Sauvegarder le brouillon » saves what is filled (a title at
    least); « Ajouter l'offre » requires every field marked * and sends the offer to moderation."""
    target = editable_version(offer, request.user) if offer else None
    draft = request.POST.get("action") == "draft"
    form = OfferForm(request.POST or None, instance=target, user=request.user, draft=draft)
    if request.method == "POST" and form.is_valid():
        if not draft and not request.POST.get("findings_seen"):
            findings = wording_findings(form.cleaned_data["title"], form.cleaned_data["description"])
            if findings:  # shown once before submitting; clicking « Ajouter l'offre » again sends it as is
                return render(request, "offers/offer_form.html", {
                    "form": form, "offer": offer, "target": target, "findings": findings, "confirm_findings": True,
                })
        saved = form.save(commit=False)
        if saved.pk is None and saved.author_id is None:
            saved.author = request.user
        saved.save()
        if draft:
            messages.success(request, "Votre brouillon a été enregistré." if saved.status == OfferStatus.DRAFT
                             else "Vos modifications ont été enregistrées.")
            return redirect("offers:edit", pk=(saved.revision_of_id or saved.pk))
        try:
            send_to_moderation(saved, request.user)
        except InvalidTransition as exc:
            messages.error(request, str(exc))
            return redirect("offers:edit", pk=(saved.revision_of_id or saved.pk))
        if saved.is_revision:
            messages.success(request, "Vos modifications ont été envoyées à la modération. En attendant leur "
                             "validation, la version actuelle de l'offre reste en ligne.")
        else:
            messages.success(request, "Votre offre a été envoyée à l'administrateur du site : elle sera publiée "
                             "dès sa validation.")
        return redirect("offers:mine")
    findings = []
    if target is not None and target.pk and target.title:
        findings = wording_findings(target.title, target.description)
    elif form.is_bound:
        findings = wording_findings(form.data.get("title", ""), form.data.get("description", ""))
    return render(request, "offers/offer_form.html", {
        "form": form, "offer": offer, "target": target, "findings": findings,
    })


@editor_page
@company_required
@require_http_methods(["GET", "POST"])
def create(request):
    return _offer_form_page(request, None)


@editor_page
@company_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    offer = _member_offer(request, pk)
    if not offer.can_edit:
        messages.error(request, "Une offre supprimée ne peut plus être modifiée : dupliquez-la pour la réutiliser.")
        return redirect("offers:detail", pk=offer.pk)
    return _offer_form_page(request, offer)


@company_required
def mine(request):
    """« Vos offres d'emploi »: every offer of the user's companies, newest first."""
    form = MyOffersFilterForm(request.GET or None)
    offers = (Offer.objects.of_member(request.user).originals().for_list().with_open_revision()
              .order_by("-created_at", "-id"))
    if form.is_valid():
        if form.cleaned_data["q"]:
            offers = offers.filter(title__unaccent__icontains=form.cleaned_data["q"].strip())
        status = form.cleaned_data["statut"]
        if status == "deleted":
            offers = offers.filter(deleted_at__isnull=False)
        elif status:
            offers = offers.filter(status=status, deleted_at__isnull=True)
    page = _page(request, offers)
    return render(request, "offers/mine.html", {"form": form, "page": page, "count": page.paginator.count,
                                                "query_string": _query_without_page(request)})


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@company_required
def detail(request, pk):
    """The owner's view of an offer: everything, contact fields and status history included."""
    offer = _member_offer(request, pk)
    revision = offer.open_revision() if offer.status == OfferStatus.PUBLISHED else None
    applications = offer.applications.select_related("candidate")
    return render(request, "offers/detail.html", {"offer": offer, "revision": revision, "applications": applications,
                                                  "public_url": _public_url(offer)})


@company_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    offer = _member_offer(request, pk)
    if request.method == "POST":
        try:
            offer.soft_delete(by=request.user)
            messages.success(request, f"L'offre « {offer.title} » a été supprimée.")
        except InvalidTransition as exc:
            messages.error(request, str(exc))
        return redirect("offers:mine")
    return render(request, "offers/confirm_delete.html", {"offer": offer})


@company_required
@require_POST
def duplicate(request, pk):
    offer = _member_offer(request, pk)
    copy = offer.duplicate(by=request.user)
    messages.success(request, "L'offre a été dupliquée : complétez ce nouveau brouillon puis ajoutez l'offre.")
    return redirect("offers:edit", pk=copy.pk)


@company_required
@require_POST
def republish(request, pk):
    offer = _member_offer(request, pk)
    try:
        offer.republish(by=request.user)
        messages.success(request, "Votre offre a été renvoyée à la modération : elle sera de nouveau en ligne "
                         f"pour {OFFER_LIFETIME_DAYS} jours dès sa validation.")
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return redirect("offers:edit", pk=offer.pk)
    return redirect("offers:mine")


# ----- help pages (public) ---------------------------------------------------------------------

def help_writing(request):
    return render(request, "offers/help_writing.html")


def help_sessions(request):
    return render(request, "offers/help_sessions.html", {"organisation": SupportOrganisation.get()})


# ----- public pages ------------------------------------------------------------------------------

def _public_url(offer: Offer) -> str:
    return reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})


def public_list(request):
    """« Offres »: published offers, newest first, by keywords, place and contract."""
    form = PublicSearchForm(request.GET or None)
    criteria = OfferCriteria.from_form(form.cleaned_data) if form.is_valid() else OfferCriteria()
    offers = search_offers(criteria).for_list().order_by("-published_at", "-id")
    page = _page(request, offers)
    return render(request, "offers/public_list.html", {"form": form, "page": page, "count": page.paginator.count,
                                                       "query_string": _query_without_page(request),
                                                       "alert_query": criteria.querystring()})


def public_detail(request, slug, pk):
    offer = get_object_or_404(Offer.objects.select_related("company", "commune__departement", "metier"), pk=pk)
    user = request.user
    is_member_or_staff = user.is_authenticated and (user.is_staff or offer.company.has_member(user))
    if offer.is_public:
        if slug != offer.slug:
            return redirect(_public_url(offer), permanent=True)
        applied = user.is_authenticated and user.is_candidate and offer.applications.filter(candidate=user).exists()
        return render(request, "offers/public_detail.html", {
            "offer": offer, "company_url": company_public_url(offer.company),
            "jsonld": job_posting_json(offer, request), "apply_form": ApplicationForm(), "applied": applied,
        })
    if offer.is_deleted or offer.status in (OfferStatus.EXPIRED, OfferStatus.REFUSED, OfferStatus.PUBLISHED):
        # « retirée du site » (410) only for an offer that was online: the title of a deleted draft or of a
        # refused offer is not public (404).
        if offer.is_revision or (offer.published_at is None and not is_member_or_staff):
            raise Http404
        return render(request, "offers/gone.html", {"offer": offer, "similar": similar_offers(offer)}, status=410)
    # draft or pending: only its company's members and staff see a preview
    if not is_member_or_staff:
        raise Http404
    return render(request, "offers/public_detail.html", {
        "offer": offer, "preview": True, "company_url": company_public_url(offer.company),
    })


@candidate_required
@require_POST
def apply(request, pk):
    """« Postuler »: a candidate sends a message to the recruiter of a published offer."""
    offer = get_object_or_404(Offer.objects.select_related("company", "author"), pk=pk)
    if not offer.is_public:
        raise Http404
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return render(request, "offers/public_detail.html", {
            "offer": offer, "company_url": company_public_url(offer.company), "apply_form": form,
            "jsonld": job_posting_json(offer, request),
        }, status=400)
    try:
        apply_to_offer(offer, request.user, form.cleaned_data["message"])
        messages.success(request, "Votre candidature a été envoyée au recruteur.")
    except ApplicationError as exc:
        messages.error(request, str(exc))
    return redirect(_public_url(offer))


def feed(request):
    """XML feed of the published offers for multi-posting partners (never the contact fields)."""
    offers = Offer.objects.visible_to_public().for_list().order_by("-published_at", "-id")
    return render(request, "offers/feed.xml", {"offers": offers, "site_url": settings.SITE_URL},
                  content_type="application/xml; charset=utf-8")
