"""Recruiters' tools: « Mes CVs sauvegardés » (lists shared by the company), « Mes recherches de CV »
(history and favourites) and the alert e-mails' unsubscribe link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from companies.access import company_required
from cvtheque.cvs.models import CV
from cvtheque.recruiting import services
from cvtheque.recruiting.alerts import search_from_token
from cvtheque.recruiting.forms import AlertFrequencyForm, NoteForm, SaveCVForm, SavedListForm
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _next_url(request, default: str) -> str:
    """``next`` when it is a local path (« /… »), else ``default``: never a view name, another host or junk."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (target.startswith("/") and not target.startswith("//")
            and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())):
        return target
    return default


def _company_list(request, pk) -> SavedList:
    return get_object_or_404(SavedList.objects.of_company(request.company), pk=pk)


def _company_item(request, pk) -> SavedCV:
    return get_object_or_404(SavedCV.objects.filter(saved_list__company=request.company).select_related(
        "saved_list"), pk=pk)


# ---------------------------------------------------------------- « Mes CVs sauvegardés »

def _lists_page(request, form, status=200):
    """« Mes CVs sauvegardés »: the company's lists, each with its « (n CVs dans cette liste) »."""
    lists = list(services.lists_of(request.company))
    for saved_list in lists:
        saved_list.count_label = services.count_label(saved_list.cv_count)
    return render(request, "cvtheque/lists/index.html", {"lists": lists, "form": form}, status=status)


@company_required
def saved_lists(request):
    return _lists_page(request, SavedListForm())


@company_required
@require_POST
def saved_list_create(request):
    form = SavedListForm(request.POST)
    if form.is_valid():
        saved_list = services.create_list(request.company, request.user, form.cleaned_data["name"])
        messages.success(request, f"La liste « {saved_list.name} » a été créée.")
        return redirect("cvtheque:saved_lists")
    return _lists_page(request, form, status=400)


@company_required
def saved_list_detail(request, pk):
    saved_list = _company_list(request, pk)
    items, withdrawn = services.list_items(saved_list)
    return render(request, "cvtheque/lists/detail.html", {
        "saved_list": saved_list, "items": items, "withdrawn": withdrawn,
        "count_label": services.count_label(len(items)),
    })


@company_required
@require_http_methods(["GET", "POST"])
def saved_list_edit(request, pk):
    """« MODIFIER MA LISTE »: rename, remove CVs, edit notes, link to deletion."""
    saved_list = _company_list(request, pk)
    form = SavedListForm(request.POST or None, instance=saved_list)
    if request.method == "POST" and form.is_valid():
        services.rename_list(saved_list, form.cleaned_data["name"])
        messages.success(request, "La liste a été renommée.")
        return redirect("cvtheque:saved_list_edit", pk=saved_list.pk)
    items, withdrawn = services.list_items(saved_list)
    return render(request, "cvtheque/lists/edit.html", {
        "saved_list": saved_list, "form": form, "items": items, "withdrawn": withdrawn,
        "count_label": services.count_label(len(items)),
    }, status=400 if form.errors else 200)


@company_required
@require_http_methods(["GET", "POST"])
def saved_list_delete(request, pk):
    saved_list = _company_list(request, pk)
    if saved_list.is_default:
        messages.error(request, "La liste « MES CV SAUVEGARDÉS » ne peut pas être supprimée.")
        return redirect("cvtheque:saved_list_edit", pk=saved_list.pk)
    if request.method == "POST":
        name = saved_list.name
        services.delete_list(saved_list)
        messages.success(request, f"La liste « {name} » a été supprimée.")
        return redirect("cvtheque:saved_lists")
    return render(request, "cvtheque/lists/delete.html", {"saved_list": saved_list})


@company_required
@require_POST
def saved_cv_remove(request, pk):
    item = _company_item(request, pk)
    services.remove_cv(item)
    messages.success(request, "Le CV a été retiré de la liste.")
    return redirect(_next_url(request, reverse("cvtheque:saved_list_edit", args=[item.saved_list_id])))


@company_required
@require_POST
def saved_cv_note(request, pk):
    item = _company_item(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.set_note(item, form.cleaned_data["note"])
        messages.success(request, "La note a été enregistrée.")
    else:
        messages.error(request, "La note ne doit pas dépasser 2 000 caractères.")
    return redirect(_next_url(request, reverse("cvtheque:saved_list_edit", args=[item.saved_list_id])))


@company_required
@require_POST
def save_cv(request, cv_pk):
    """« Sauvegarder » from a search result or a CV page: the default list unless one is chosen.
    Works as a plain form post (redirect back) and from cvtheque-save.js (JSON)."""
    cv = CV.objects.visible().filter(pk=cv_pk).first()
    if cv is None:
        raise Http404("Ce CV n'est pas disponible.")
    form = SaveCVForm(request.POST, company=request.company)
    if not form.is_valid():
        message, created, saved_list = "Cette liste n'existe pas.", False, None
        status = 400
    else:
        saved_list = form.cleaned_data["saved_list"] or SavedList.default_for(request.company)
        try:
            _, created = services.save_cv(saved_list, cv, request.user, form.cleaned_data["note"])
        except ValidationError as exc:
            raise Http404(exc.messages[0]) from exc
        message = (f"CV sauvegardé dans « {saved_list.name} »." if created
                   else f"Ce CV est déjà dans « {saved_list.name} ».")
        status = 200
    if _wants_json(request):
        return JsonResponse({"ok": status == 200, "created": created, "message": message,
                             "list": saved_list.name if saved_list else None}, status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return redirect(_next_url(request, reverse("cvtheque:saved_lists")))


# ---------------------------------------------------------------- « Mes recherches de CV »

@company_required
def history(request):
    searches = list(services.history_of(request.user))
    search_url = reverse("cvtheque:search")
    for search in searches:
        search.rerun_url = f"{search_url}?{services.search_querystring(search)}"
    favourites = [s for s in searches if s.is_favourite]
    for search in favourites:
        search.frequency_form = AlertFrequencyForm(initial={"alert_frequency": search.alert_frequency},
                                                   auto_id=f"id_freq_{search.pk}_%s")
    return render(request, "cvtheque/history/index.html", {"searches": searches, "favourites": favourites})


def _own_search(request, pk) -> CVSearch:
    return get_object_or_404(CVSearch.objects.of_user(request.user), pk=pk)


@company_required
@require_POST
def search_delete(request, pk):
    _own_search(request, pk).delete()
    messages.success(request, "La recherche a été supprimée de votre historique.")
    return redirect("cvtheque:history")


@company_required
@require_POST
def search_star(request, pk):
    _own_search(request, pk).star()
    messages.success(request, "La recherche a été ajoutée à vos recherches favorites : "
                              "vous recevrez une alerte e-mail pour les nouveaux CV.")
    return redirect("cvtheque:history")


@company_required
@require_POST
def search_unstar(request, pk):
    _own_search(request, pk).unstar()
    messages.success(request, "La recherche a été retirée de vos recherches favorites.")
    return redirect("cvtheque:history")


@company_required
@require_POST
def search_frequency(request, pk):
    search = _own_search(request, pk)
    form = AlertFrequencyForm(request.POST)
    if form.is_valid():
        search.set_alert_frequency(form.cleaned_data["alert_frequency"])
        messages.success(request, "La fréquence de l'alerte a été enregistrée.")
    else:
        messages.error(request, "Choisissez une fréquence d'alerte proposée.")
    return redirect("cvtheque:history")


@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    """The signed link of an alert e-mail: stops the alert without logging in (confirmed by a POST,
    so that a mail scanner following links stops nothing)."""
    search = search_from_token(token)
    if search is None:
        return render(request, "cvtheque/history/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        search.stop_alert()
        done = True
    return render(request, "cvtheque/history/unsubscribe.html", {"search": search, "done": done})
