from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render

from companies.access import company_required
from cvtheque.cvs.models import CV
from cvtheque.cvs.services import record_view
from cvtheque.recruiting.services import record_search
from cvtheque.search.forms import CVSearchForm
from cvtheque.search.highlight import highlight, query_lexemes
from cvtheque.search.page import run_search
from cvtheque.search.params import CVSearchParams
from cvtheque.search.widening import wider_searches
from toolkit.dbthreads import write_in_background
from toolkit.urls import url_pattern


@company_required
def search(request):
    params = CVSearchParams.from_querydict(request.GET)
    if not params.is_empty and "page" not in request.GET:  # a new search, not a page of it
        # « Historique de recherche », written on another connection while the page is built
        write_in_background(record_search, request.user, request.company, params)
    results = run_search(params, request.GET.get("page"))
    page = results.page
    query_string = params.to_querydict().urlencode()
    # the CV page highlights the words and its « Retour à la recherche » comes back to this very page
    back = query_string + (f"&page={page.number}" if page.number > 1 else "")
    detail_url = url_pattern("cvtheque:cv_detail") + "?" + urlencode({"q": params.q, "retour": back})
    for cv in page.object_list:
        cv.detail_url = detail_url.format(pk=cv.pk)
    searched = not params.is_empty
    return render(request, "cvtheque/cv/search.html", {
        "form": CVSearchForm(request.GET or None), "params": params, "page": page, "place": results.place,
        "place_unknown": results.place_unknown, "searched": searched, "query_string": query_string,
        "wider": wider_searches(params) if searched and not results.place_unknown and page.total == 0 else [],
    })


@company_required
def cv_detail(request, pk):
    cv = get_object_or_404(CV.objects.visible().select_related("commune").prefetch_related("metiers"), pk=pk)
    record_view(cv, request.user, request.company)
    q = (request.GET.get("q") or "")[:200]
    lexemes = query_lexemes(q) if q else []
    return render(request, "cvtheque/cv/detail.html", {
        "cv": cv, "q": q,
        # highlight() escapes the text and returns safe HTML
        "summary_html": highlight(cv.summary, lexemes), "skills_html": highlight(cv.skills, lexemes),
        "experience_html": highlight(cv.experience, lexemes), "text_html": highlight(cv.extracted_text, lexemes),
        "back_query": back_to_search(request.GET.get("retour", "")),
    })


def back_to_search(query_string: str) -> str:
    """The search a CV was opened from, re-encoded from what the search reads (nothing else passes)."""
    data = QueryDict(query_string[:2000])
    back = CVSearchParams.from_querydict(data).to_querydict()
    if (data.get("page") or "").isdigit() and int(data["page"]) > 1:
        back["page"] = data["page"]
    return back.urlencode()
