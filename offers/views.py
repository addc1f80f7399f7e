from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import candidate_required
from companies.access import company_required
from toolkit.richtext import editor_page

from .enums import ApplicationStatus, OfferStatus
from .filters import MyOffersFilterSet, OfferFilterSet
from .forms import ApplicationFilterForm, OfferForm, RefusalForm, VerificationRequestForm
from .hooks import blocking_findings, highlighted_wording, is_blocking, publication_places, wording_findings
from .jsonld import JOB_POSTING_RELATED, job_posting_json
from .models import Application, InvalidTransition, Offer, SupportOrganisation
from .search import search_page
from .services import (
    application_counts_expressions,
    change_application_status,
    editable_version,
    open_application,
    refuse_applications,
    send_to_moderation,
    similar_offers,
    wider_searches,
)
from .validators import OFFER_LIFETIME_DAYS

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _member_offer(request, pk) -> Offer:
    """An offer of one of the user's companies (another company's recruiter gets a 404)."""
    return get_object_or_404(Offer.objects.of_member(request.user).originals().select_related(
        "company", "commune", "metier"), pk=pk)


def private_document_response(document, filename: str, content_type: str) -> FileResponse:
    """A stored private document as a download, never rendered by the browser as a page of the site."""
    response = FileResponse(document.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


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
        verification = None
        if not draft:
            findings = wording_findings(form.cleaned_data["title"], form.cleaned_data["description"])
            if any(is_blocking(finding) for finding in findings):
                # « Bloquant »: never sent as is; fixed, or sent with a justification for the team.
                asked = request.POST.get("action") == "verify"
                verification = VerificationRequestForm(request.POST if asked else None)
                if not verification.is_valid():
                    return render(request, "offers/offer_form.html", {
                        "form": form, "offer": offer, "target": target, "findings": findings, "blocked": True,
                        "verification_form": verification, "highlighted": highlighted_wording(
                            form.cleaned_data["title"], form.cleaned_data["description"], findings),
                    })
            elif findings and not request.POST.get("findings_seen"):
                # « À vérifier » only: shown once; clicking « Ajouter l'offre » again sends it as is
                return render(request, "offers/offer_form.html", {
                    "form": form, "offer": offer, "target": target, "findings": findings, "confirm_findings": True,
                    "highlighted": highlighted_wording(
                        form.cleaned_data["title"], form.cleaned_data["description"], findings),
                })
        saved = form.save(commit=False)
        if saved.pk is None and saved.author_id is None:
            saved.author = request.user
        if not draft:
            saved.verification_request = verification.cleaned_data["justification"] if verification else ""
        saved.save()
        form.save_sections(saved)
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
    findings, highlighted = [], None
    if target is not None and target.pk and target.title:
        findings = wording_findings(target.title, target.description)
        highlighted = highlighted_wording(target.title, target.description, findings)
    elif form.is_bound:
        findings = wording_findings(form.data.get("title", ""), form.data.get("description", ""))
    return render(request, "offers/offer_form.html", {
        "form": form, "offer": offer, "target": target, "findings": findings, "highlighted": highlighted,
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
    filterset = MyOffersFilterSet(request.GET, queryset=(
        Offer.objects.of_member(request.user).originals().for_list().with_open_revision()
        .annotate(**application_counts_expressions()).order_by("-created_at", "-id")))
    page = _page(request, filterset.qs)
    places = publication_places(list(page))  # « Diffusée sur … »: a fixed number of queries per page
    for offer in page:
        offer.publication_places = places.get(offer.pk, [])
    return render(request, "offers/mine.html", {"form": filterset.form, "page": page,
                                                "count": page.paginator.count,
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
    counts = offer.applications.status_counts()
    return render(request, "offers/detail.html", {"offer": offer, "revision": revision,
                                                  "application_count": sum(counts.values()),
                                                  "new_application_count": counts[ApplicationStatus.NEW],
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
    content = offer.open_revision() or offer
    if offer.can_republish and blocking_findings(content.title, content.description):
        messages.error(request, "Votre offre contient une formulation « Bloquant » : corrigez-la, ou demandez une "
                       "vérification par l'équipe, puis cliquez sur « Ajouter l'offre » pour la republier.")
        return redirect("offers:edit", pk=offer.pk)
    try:
        offer.republish(by=request.user)
        messages.success(request, "Votre offre a été renvoyée à la modération : elle sera de nouveau en ligne "
                         f"pour {OFFER_LIFETIME_DAYS} jours dès sa validation.")
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return redirect("offers:edit", pk=offer.pk)
    return redirect("offers:mine")


# ----- applications: the recruiter's « Candidatures » ------------------------------------------------

def _applications_page(request, applications, offer: Offer | None):
    """The list of applications (all the companies' offers, or one offer), by status, newest first."""
    form = ApplicationFilterForm(request.GET or None)
    counts = applications.status_counts()
    if form.is_valid() and form.cleaned_data["statut"]:
        applications = applications.filter(status=form.cleaned_data["statut"])
    page = _page(request, applications.for_list().order_by("-created_at", "-id"))
    return render(request, "offers/applications.html", {
        "offer": offer, "form": form, "page": page, "count": page.paginator.count, "total": sum(counts.values()),
        "status_counts": [(ApplicationStatus(status), n) for status, n in counts.items()],
        "refusal_form": RefusalForm(), "query_string": _query_without_page(request),
    })


@company_required
def applications(request):
    """« Candidatures »: every application to the offers of the user's companies."""
    return _applications_page(request, Application.objects.of_member(request.user), None)


@company_required
def offer_applications(request, pk):
    offer = _member_offer(request, pk)
    return _applications_page(request, offer.applications.all(), offer)


def _member_application(request, pk) -> Application:
    """An application to an offer of one of the user's companies (anyone else gets a 404)."""
    return get_object_or_404(Application.objects.of_member(request.user).select_related(
        "offer__company", "offer__commune", "candidate"), pk=pk)


@company_required
def application_detail(request, pk):
    """An application: the candidate's profile, message and document. Opening it marks it « Vue »."""
    application = _member_application(request, pk)
    open_application(application, by=request.user)
    return render(request, "offers/application_detail.html", {
        "application": application, "offer": application.offer, "refusal_form": RefusalForm(),
        "statuses": application.allowed_statuses(),
    })


@company_required
@require_POST
def application_status(request, pk):
    application = _member_application(request, pk)
    status = request.POST.get("status", "")
    form = RefusalForm(request.POST) if status == ApplicationStatus.REFUSED else None
    if form is not None and not form.is_valid():
        messages.error(request, "Choisissez le motif du refus (et précisez-le pour « Autre »).")
        return redirect("offers:application", pk=application.pk)
    data = form.cleaned_data if form is not None else {}
    try:
        change_application_status(application, status, request.user,
                                  reason=data.get("reason", ""), text=data.get("text", ""))
        messages.success(request, f"La candidature est maintenant « {application.get_status_display()} ».")
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    return redirect("offers:application", pk=application.pk)


@company_required
@require_POST
def applications_refuse(request):
    """« Refuser la sélection »: the selected applications (of the user's companies only) with one reason."""
    form = RefusalForm(request.POST)
    ids = [value for value in request.POST.getlist("selection") if value.isdigit()]
    back = request.POST.get("next", "")
    back = back if back.startswith("/") and not back.startswith("//") else reverse("offers:applications")
    if not ids:
        messages.error(request, "Sélectionnez au moins une candidature.")
    elif not form.is_valid():
        messages.error(request, "Choisissez le motif du refus (et précisez-le pour « Autre »).")
    else:
        refused = refuse_applications(Application.objects.of_member(request.user).filter(pk__in=ids),
                                      request.user, form.cleaned_data["reason"], form.cleaned_data["text"])
        messages.success(request, "Aucune candidature refusée : elles étaient déjà traitées." if not refused else
                         f"{refused} candidature{'s' if refused > 1 else ''} refusée{'s' if refused > 1 else ''}.")
    return redirect(back)


@company_required
def application_document(request, pk):
    """The document sent with an application, for the members of the offer's company only."""
    application = _member_application(request, pk)
    if not application.document:
        raise Http404("Document introuvable")
    return private_document_response(application.document, application.document_name or "cv",
                                     application.document_type or "application/octet-stream")


# ----- applications: the candidate's « Mes candidatures » --------------------------------------------

@candidate_required
def my_applications(request):
    applications = (Application.objects.filter(candidate=request.user)
                    .select_related("offer__company").order_by("-created_at", "-id"))
    return render(request, "offers/my_applications.html", {"page": _page(request, applications)})


# ----- help pages (public) ---------------------------------------------------------------------

def help_writing(request):
    return render(request, "offers/help_writing.html")


def help_sessions(request):
    return render(request, "offers/help_sessions.html", {"organisation": SupportOrganisation.get()})


# ----- public pages ------------------------------------------------------------------------------

def _public_url(offer: Offer) -> str:
    return reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})


def public_list(request):
    """« Offres »: the public search (``filters.OfferFilterSet`` validates it, ``search.search_page`` runs it),
    20 offers a page, counted up to ``search.COUNT_CAP``; an empty result proposes wider searches."""
    filterset = OfferFilterSet(request.GET)
    criteria = filterset.criteria
    page = search_page(criteria, request.GET.get("page"))
    count = page.total
    return render(request, "offers/public_list.html", {
        "form": filterset.form, "page": page, "count": count,
        "wider": wider_searches(request.GET, criteria) if count == 0 else [],
        "query_string": _query_without_page(request), "alert_query": criteria.querystring(),
    })


def gone_page(request, offer: Offer, *, only_if_it_was_online: bool = False):
    """The 410 page of an offer no longer online (« retirée du site », with similar offers). With
    ``only_if_it_was_online``, a revision or an offer never published is a 404."""
    if only_if_it_was_online and (offer.is_revision or offer.published_at is None):
        raise Http404
    return render(request, "offers/gone.html", {"offer": offer, "similar": similar_offers(offer)}, status=410)


def public_detail(request, slug, pk):
    offer = get_object_or_404(Offer.objects.select_related(*JOB_POSTING_RELATED), pk=pk)
    user = request.user
    is_member_or_staff = user.is_authenticated and (user.is_staff or offer.company.has_member(user))
    if offer.is_public:
        if slug != offer.slug:  # a former title's URL (the pk is in every URL): 301 to the current one
            return redirect(_public_url(offer), permanent=True)
        applied = user.is_authenticated and user.is_candidate and offer.applications.filter(candidate=user).exists()
        return render(request, "offers/public_detail.html", {
            "offer": offer, "company_url": company_public_url(offer.company),
            "jsonld": job_posting_json(offer, settings.SITE_URL), "applied": applied,
            "page_url": settings.SITE_URL + _public_url(offer),
        })
    if offer.is_deleted or offer.status in (OfferStatus.EXPIRED, OfferStatus.REFUSED, OfferStatus.PUBLISHED):
        # « retirée du site » (410) only for an offer that was online: the title of a deleted draft or of a
        # refused offer is not public (404).
        if offer.is_revision or (offer.published_at is None and not is_member_or_staff):
            raise Http404
        return gone_page(request, offer)
    # draft or pending: only its company's members and staff see a preview
    if not is_member_or_staff:
        raise Http404
    return render(request, "offers/public_detail.html", {
        "offer": offer, "preview": True, "company_url": company_public_url(offer.company),
    })

