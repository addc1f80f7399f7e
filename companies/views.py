from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import recruiter_required
from accounts.models import RecruiterProfile
from accounts.views import personal_settings
from toolkit.french import de
from toolkit.images import validate_and_clean_image
from toolkit.richtext import editor_page

from .access import company_required
from .enums import MembershipRole, MembershipStatus
from .filters import CompanyFilterSet
from .forms import CompanyPageForm, RecruiterSettingsForm
from .hooks import published_offers
from .models import Company, Membership, MembershipError
from .ratelimit import RateLimited, hit
from .services import attach_recruiter, current_company, decide_membership_request, pending_membership

COMPANIES_PER_PAGE = 20
EDITOR_UPLOADS_PER_HOUR = 40
EDITOR_IMAGE_MAX_SIDE = 1600

def _recruiter_initial(user, company):
    profile = getattr(user, "recruiter_profile", None)
    initial = {
        "last_name": user.last_name,
        "first_name": user.first_name,
        "job_title": profile.job_title if profile else "",
    }
    if company:
        initial.update(company_name=company.name, siret=company.siret, sector=company.sector_id, size=company.size)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """« Mes paramètres » (URL ``accounts:settings``): a recruiter's include their company (Société,
    SIRET…); anyone else's are the accounts app's ``personal_settings``."""
    if not request.user.is_recruiter:
        return personal_settings(request)
    return _recruiter_settings(request)


@transaction.atomic
def _recruiter_settings(request):
    user = request.user
    company = current_company(user)
    pending = pending_membership(user)
    form = RecruiterSettingsForm(request.POST or None, initial=_recruiter_initial(user, company),
                                 company_locked=company is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user.last_name, user.first_name = data["last_name"], data["first_name"]
        user.save(update_fields=["last_name", "first_name"])
        RecruiterProfile.objects.update_or_create(user=user, defaults={"job_title": data["job_title"]})
        if company is None:
            result = attach_recruiter(user, name=data["company_name"], siret=data["siret"],
                                      sector=data["sector"], size=data["size"])
            if result.pending:
                messages.info(
                    request,
                    f"L'entreprise {result.company.name} est déjà inscrite avec ce SIRET. Votre demande de "
                    "rattachement a été envoyée à ses administrateurs : vous recevrez un e-mail dès qu'elle "
                    "sera acceptée.",
                )
            else:
                messages.success(request, f"Vous êtes rattaché(e) à l'entreprise {result.company.name}.")
        messages.success(request, "Vos paramètres ont été enregistrés.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form, "company": company, "pending": pending})


def _requests_for(user):
    return Membership.objects.filter(
        status=MembershipStatus.PENDING,
        company__memberships__user=user,
        company__memberships__role=MembershipRole.ADMIN,
        company__memberships__status=MembershipStatus.ACCEPTED,
    ).select_related("user", "company").order_by("requested_at")


@recruiter_required
def membership_requests(request):
    """Pending requests to join the companies this recruiter administers."""
    return render(request, "companies/membership_requests.html", {"requests": _requests_for(request.user)})


@recruiter_required
@require_POST
def decide_membership(request, pk, decision):
    membership = get_object_or_404(_requests_for(request.user), pk=pk)
    try:
        if decision == "accepter":
            decide_membership_request(membership, by=request.user, accept=True)
            messages.success(request, f"{membership.user.get_full_name()} a rejoint {membership.company.name}.")
        else:
            decide_membership_request(membership, by=request.user, accept=False)
            messages.info(request, f"La demande {de(membership.user.get_full_name())} a été refusée.")
    except MembershipError as exc:
        messages.error(request, str(exc))
    return redirect("companies:membership_requests")


@editor_page
@company_required
def edit(request):
    """« Ma fiche entreprise »: the members of the company edit its public page."""
    company = request.company
    form = CompanyPageForm(request.POST or None, request.FILES or None, instance=company)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            if company.is_public:
                messages.success(request, "Votre fiche entreprise est enregistrée et en ligne.")
            elif company.offline_by_staff:
                messages.warning(request, "Votre fiche entreprise est enregistrée ; elle reste hors ligne "
                                          "tant que la modération ne l'a pas remise en ligne.")
            else:
                messages.success(request, "Votre fiche entreprise est enregistrée. Elle n'est pas en ligne : "
                                          "vous seul(e) et les membres de votre entreprise pouvez la voir.")
            return redirect("companies:edit")
        messages.error(request, "La fiche n'a pas été enregistrée : corrigez les champs signalés.")
    return render(request, "companies/edit.html", {"form": form, "company": company})


@require_POST
@recruiter_required
def editor_upload(request):
    """Photos inserted in the rich-text editor: recruiters only, checked and re-encoded, rate-limited."""
    try:
        hit(f"editor-upload:{request.user.pk}", limit=EDITOR_UPLOADS_PER_HOUR, period=3600)
    except RateLimited:
        return JsonResponse({"error": {"message": "Trop d'images envoyées : réessayez dans une heure."}}, status=429)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Aucune image reçue."}}, status=400)
    try:
        content = validate_and_clean_image(upload, max_side=EDITOR_IMAGE_MAX_SIDE)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": exc.messages[0]}}, status=400)
    name = default_storage.save(f"editor/{timezone.now():%Y/%m}/{content.name}", content)
    return JsonResponse({"url": default_storage.url(name)})


def public_list(request):
    """« Entreprises »: online company pages, searchable by name, sector and place."""
    filterset = CompanyFilterSet(request.GET, queryset=Company.objects.for_public_list())
    form = filterset.form
    paginator = Paginator(filterset.qs.order_by("search_name", "pk"), COMPANIES_PER_PAGE)  # accents ignored
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "companies/public_list.html", {
        "form": form, "page": page, "companies": page.object_list, "query": query.urlencode(),
    })


def public_detail(request, slug):
    """A company's public page; offline, only its members and staff see it (as a preview)."""
    company = get_object_or_404(Company.objects.select_related("sector", "commune"), slug=slug)
    preview = not company.is_public
    if preview and not company.can_be_previewed_by(request.user):
        raise Http404("Cette fiche entreprise n'est pas en ligne.")
    return render(request, "companies/public_detail.html", {
        "company": company, "preview": preview, "offers": published_offers(company),
        "page_url": settings.SITE_URL + company.get_absolute_url(), "site_url": settings.SITE_URL,
    })
