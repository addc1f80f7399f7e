"""Pages of a CV outside the search: its document (served to its owner, staff and the companies'
recruiters) and the candidate's « Mon CV »."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import candidate_required
from companies.services import current_company
from cvtheque.cvs import extraction
from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.forms import CVForm
from cvtheque.cvs.models import CV
from cvtheque.cvs.services import delete_cv, views_for_candidate


def can_download_document(user, cv) -> bool:
    """The owner candidate, staff, or a recruiter belonging to a company when the CV is visible."""
    if not user.is_authenticated:
        return False
    if cv.owner_id and cv.owner_id == user.pk:
        return True
    if user.is_staff:
        return True
    return user.is_recruiter and cv.is_visible and current_company(user) is not None


def cv_document(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    cv = get_object_or_404(CV, pk=pk)
    if not cv.document or not can_download_document(request.user, cv):
        raise Http404("Document introuvable")
    kind = cv.document.name.rsplit(".", 1)[-1].lower()
    if kind not in extraction.CONTENT_TYPES:
        raise Http404("Document introuvable")
    name = cv.document_name or f"cv.{kind}"
    if not name.lower().endswith(f".{kind}"):
        name = f"{name}.{kind}"
    inline = kind == extraction.PDF and request.GET.get("afficher") == "1"
    response = FileResponse(
        cv.document.open("rb"), as_attachment=not inline, filename=name, content_type=extraction.CONTENT_TYPES[kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


def document_facts(cv) -> tuple[int | None, object]:
    """(size in bytes, date it was stored) of the CV's document, or (None, None)."""
    if cv is None or not cv.document:
        return None, None
    try:
        return cv.document.size, cv.document.storage.get_modified_time(cv.document.name)
    except OSError:
        return None, None


@candidate_required
def my_cv(request):
    cv = CV.objects.filter(owner=request.user).prefetch_related("metiers").select_related("commune").first()
    instance = cv or CV(
        owner=request.user, source=CVSource.CANDIDATE, first_name=request.user.first_name,
        last_name=request.user.last_name, email=request.user.email,
    )
    if request.method == "POST":
        form = CVForm(request.POST, request.FILES, instance=instance)
        if form.is_valid():
            form.save()
            messages.success(request, "Votre CV est enregistré.")
            return redirect("cvtheque:my_cv")
        messages.error(request, "Votre CV n'a pas été enregistré : corrigez les champs signalés.")
    else:
        form = CVForm(instance=instance)
    document_size, document_date = document_facts(cv)
    return render(request, "cvtheque/cv/my_cv.html", {
        "form": form, "cv": cv, "cv_views": views_for_candidate(cv) if cv else [],
        "document_size": document_size, "document_date": document_date,
    })


@candidate_required
@require_POST
def my_cv_delete(request):
    cv = CV.objects.filter(owner=request.user).first()
    if cv is not None:
        delete_cv(cv)
        messages.success(request, "Votre CV et son document ont été supprimés.")
    return redirect("cvtheque:my_cv")
