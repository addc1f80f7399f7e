"""The moderation queue in the Django admin: offers « En attente de modération », oldest first; a
review page showing the offer as candidates see it with the findings highlighted; « Approuver » and
« Refuser » (mandatory reason); bulk approval of offers without findings. Only moderators (the
« Modérateurs » group's permission) and superusers see or decide anything here."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from offers.enums import OfferStatus
from offers.models import InvalidTransition

from . import services
from .checker import SEVERITY_RANK, check_offer
from .enums import REFUSAL_MESSAGES
from .forms import RejectForm
from .highlight import highlight_html, highlight_text
from .models import ModerationDecision, OfferToModerate
from .services import can_moderate


def format_duration(delta: datetime.timedelta | None) -> str:
    """« 3 j 4 h », « 2 h 05 min », « 12 min »."""
    if delta is None:
        return "—"
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} j {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


class ModeratorOnly:
    """Every permission of these admin pages is the moderators' one."""

    def has_module_permission(self, request):
        return can_moderate(request.user)

    def has_view_permission(self, request, obj=None):
        return can_moderate(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SeverityFilter(admin.SimpleListFilter):
    title = "signalements"
    parameter_name = "signalements"

    def lookups(self, request, model_admin):
        return [("bloquant", "Avec un signalement bloquant"), ("a_verifier", "À vérifier seulement"),
                ("aucun", "Sans signalement")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "bloquant":
            return queryset.filter(blocking_count__gt=0)
        if value == "a_verifier":
            return queryset.filter(blocking_count=0, to_check_count__gt=0)
        if value == "aucun":
            return queryset.filter(blocking_count=0, to_check_count=0)
        return queryset


@admin.register(OfferToModerate)
class OfferToModerateAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["title", "verification_display", "company", "recruiter_display", "waiting_display",
                    "blocking_display", "to_check_display"]
    list_display_links = ["title"]
    list_filter = [SeverityFilter, ("company", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "company__name"]
    list_per_page = 50
    actions = ["approve_without_findings"]
    change_form_template = "admin/moderation/offertomoderate/review.html"

    def get_queryset(self, request):
        return OfferToModerate.objects.for_queue()

    def get_ordering(self, request):
        # the offers whose recruiter asked for a verification first, then the oldest submission first
        no_request = ExpressionWrapper(Q(verification_request=""), output_field=BooleanField())
        return [no_request.asc(), F("submitted_at").asc(nulls_first=True), "pk"]

    @admin.display(description="Vérification demandée", boolean=True)
    def verification_display(self, offer):
        return bool(offer.verification_request)

    @admin.display(description="Recruteur")
    def recruiter_display(self, offer):
        recruiter = offer.recruiter
        return (recruiter.get_full_name() or recruiter.email) if recruiter else "—"

    @admin.display(description="Attente", ordering="submitted_at")
    def waiting_display(self, offer):
        return format_duration(timezone.now() - offer.submitted_at if offer.submitted_at else None)

    @admin.display(description="Bloquants", ordering="blocking_count")
    def blocking_display(self, offer):
        return offer.blocking_count

    @admin.display(description="À vérifier", ordering="to_check_count")
    def to_check_display(self, offer):
        return offer.to_check_count

    @admin.action(description="Approuver les offres sélectionnées sans signalement")
    def approve_without_findings(self, request, queryset):
        if not can_moderate(request.user):
            raise PermissionDenied
        approved, skipped = services.bulk_approve(list(queryset), request.user)
        if approved:
            messages.success(request, f"{len(approved)} offre(s) approuvée(s) et publiée(s).")
        for offer, why in skipped:
            messages.warning(request, f"« {offer.title} » n'a pas été approuvée : {why}")

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Offres en attente de modération (les plus anciennes d'abord)",
                         **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra_context)

    # ----- the review page (replaces the change form) ------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        try:
            return (OfferToModerate.objects.not_deleted().with_finding_counts()
                    .select_related("company", "author", "submitted_by", "revision_of", "commune", "metier")
                    .get(pk=int(object_id)))
        except (OfferToModerate.DoesNotExist, ValueError, TypeError):
            return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not can_moderate(request.user):
            raise PermissionDenied
        offer = self.get_object(request, object_id)
        if offer is None:
            raise Http404("Cette offre n'existe pas ou a été supprimée.")
        findings = _by_severity(check_offer(offer.title, offer.description))
        reject_form = RejectForm(request.POST if request.POST.get("decision") == "reject" else None,
                                 blocking_codes=[finding.code for finding in findings if finding.blocking])
        if request.method == "POST":
            response = self._decide(request, offer, reject_form)
            if response is not None:
                return response
        return self._render_review(request, offer, reject_form, findings)

    def _decide(self, request, offer, reject_form):
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                services.approve(offer, request.user)
                messages.success(request, f"L'offre « {offer.title} » est approuvée et publiée.")
            elif decision == "reject":
                if not reject_form.is_valid():
                    return None
                services.reject(offer, request.user, reject_form.cleaned_data["reason"],
                                reject_form.cleaned_data["text"])
                messages.success(request, f"L'offre « {offer.title} » est refusée ; le recruteur est prévenu.")
            else:
                messages.error(request, "Choisissez « Approuver » ou « Refuser ».")
                return None
        except services.AlreadyDecided as error:
            messages.error(request, str(error))
        except InvalidTransition as error:
            messages.error(request, str(error))
            return None
        return HttpResponseRedirect(reverse("admin:moderation_offertomoderate_changelist"))

    def _render_review(self, request, offer, reject_form, findings):
        history = services.company_history(offer.company_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Modérer : {offer.title}",
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": offer,
            "offer": offer,
            "is_pending": offer.status == OfferStatus.PENDING,
            "findings": findings,
            "title_html": highlight_text(offer.title, findings),
            "description_html": highlight_html(offer.description, findings),
            "waiting": format_duration(timezone.now() - offer.submitted_at if offer.submitted_at else None),
            "decisions": offer.moderation_decisions.select_related("moderator"),
            "history": history,
            "reject_form": reject_form,
            "refusal_messages": {str(reason): message for reason, message in REFUSAL_MESSAGES.items()},
            "has_view_permission": True,
            "has_change_permission": False,
        }
        return TemplateResponse(request, self.change_form_template, context)


def _by_severity(findings):
    """« Bloquant » first, then « À vérifier »; in the text's order within each."""
    return sorted(findings, key=lambda finding: -SEVERITY_RANK.get(finding.severity, 0))


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["offer", "decision", "reason", "moderator", "decided_at", "waiting_display"]
    list_filter = ["decision", "reason", "decided_at"]
    search_fields = ["offer__title", "offer__company__name", "moderator__email"]
    list_select_related = ["offer", "moderator"]
    date_hierarchy = "decided_at"
    readonly_fields = ["offer", "moderator", "decision", "reason", "reason_text", "findings", "submitted_at",
                       "decided_at"]

    @admin.display(description="Délai de décision")
    def waiting_display(self, decision):
        return format_duration(decision.waiting_time)
