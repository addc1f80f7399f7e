"""« Alertes emploi » pages: create one from the public search, « Mes alertes emploi », and the signed
unsubscribe link of the e-mails (no login)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import candidate_required

from .alert_models import MAX_ALERTS_PER_CANDIDATE, JobAlert
from .alerts import JobAlertError, alert_from_token, alert_search_url, create_job_alert
from .filters import OfferFilterSet
from .forms import JobAlertFrequencyForm


@candidate_required
@require_http_methods(["GET", "POST"])
def job_alert_create(request):
    """« Créer une alerte » from the « Offres » search (its criteria are in the query string: a visitor
    sent to log in comes back here with them); the candidate chooses the frequency and confirms."""
    criteria = OfferFilterSet(request.GET).criteria
    form = JobAlertFrequencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create_job_alert(request.user, criteria, form.cleaned_data["frequency"])
        except JobAlertError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Votre alerte emploi est enregistrée : vous recevrez les nouvelles offres "
                             "par e-mail.")
        return redirect("offers:job_alerts")
    return render(request, "offers/job_alerts/create.html", {"criteria": criteria, "form": form})


@candidate_required
def job_alerts(request):
    """« Mes alertes emploi »."""
    alerts = list(JobAlert.objects.of_candidate(request.user))
    for alert in alerts:
        alert.search_url = alert_search_url(alert)
        alert.frequency_form = JobAlertFrequencyForm(initial={"frequency": alert.frequency},
                                                     auto_id=f"id_alert{alert.pk}_%s")
    return render(request, "offers/job_alerts/list.html", {"alerts": alerts, "max_alerts": MAX_ALERTS_PER_CANDIDATE})


@candidate_required
@require_POST
def job_alert_frequency(request, pk):
    alert = get_object_or_404(JobAlert.objects.of_candidate(request.user), pk=pk)
    form = JobAlertFrequencyForm(request.POST)
    if form.is_valid():
        alert.frequency = form.cleaned_data["frequency"]
        alert.save(update_fields=["frequency"])
        messages.success(request, "La fréquence de votre alerte a été modifiée.")
    return redirect("offers:job_alerts")


@candidate_required
@require_POST
def job_alert_delete(request, pk):
    alert = get_object_or_404(JobAlert.objects.of_candidate(request.user), pk=pk)
    alert.delete()
    messages.success(request, "Votre alerte emploi a été supprimée.")
    return redirect("offers:job_alerts")


@require_http_methods(["GET", "POST"])
def job_alert_unsubscribe(request, token):
    """The signed link of an alert e-mail: deletes the alert without logging in (confirmed by a POST, so
    that a mail scanner following links stops nothing)."""
    alert = alert_from_token(token)
    if alert is None:
        return render(request, "offers/job_alerts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        label = alert.label
        alert.delete()
        return render(request, "offers/job_alerts/unsubscribe.html", {"done": True, "label": label})
    return render(request, "offers/job_alerts/unsubscribe.html", {"alert": alert, "label": alert.label})
