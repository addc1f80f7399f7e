"""CVthèque, part 1: recruiters search and read CVs; candidates manage « Mon CV »."""

from concurrent.futures import Future
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.db import connection
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.access import candidate_required, company_required
from referentials.models import Commune, Metier
from toolkit.dbthreads import query_in_background, write_in_background

from . import extraction
from .enums import CVSource
from .forms_cv import CVForm, CVSearchForm
from .models import CV
from .search import (
    CompiledSearch,
    CVSearchParams,
    compile_search,
    count_matches,
    excerpt,
    has_hits,
    highlight,
    page_statement,
    query_lexemes,
    resolve_place_filter,
)
from .services import delete_cv, record_view, views_for_candidate
from .services_recruiter import record_search

PAGE_SIZE = 20
EXCERPT_SOURCE_CHARS = 4000


def url_pattern(name: str) -> str:
    """The URL of ``name`` for a CV as a ``str.format`` pattern (``{pk}``): reversed once per page, not
    once per result."""
    return reverse(name, args=[987654321]).replace("987654321", "{pk}")


MAX_PAGE = 500  # 10 000 results: past that, a recruiter refines the search


class _Total:
    """What the paginator counts: the matches, read only when the page needs them, capped at MAX_PAGE."""

    def __init__(self, future):
        self.future = future

    def count(self) -> int:
        return min(self.future.result(), MAX_PAGE * PAGE_SIZE)


class SearchPage(Page):
    """A page of results whose total is counted on another connection while the page is built
    (``count_matches`` in the background): ``total`` waits for it when the template first shows it."""

    def __init__(self, object_list, number, total_future):
        super().__init__(object_list, number, Paginator(_Total(total_future), PAGE_SIZE))
        self._total_future = total_future

    @cached_property
    def total(self) -> int:
        return self._total_future.result()


# What a result shows (see the ``cv_result`` tag), fetched with the page's ranked ids in one statement:
# the ORM's query building and deferred instances cost more than the database's work here (~10 ms of
# Python for 20 rows, measured on this machine).
_RESULT_CV_FIELDS = tuple(  # in the model's order, as ``Model.from_db`` reads them
    f.attname for f in CV._meta.concrete_fields
    if f.attname in {"id", "first_name", "last_name", "headline", "commune_id", "mobility_km", "availability",
                     "updated_at", "rqth", "rqth_visible", "source", "summary", "skills", "experience"})
_RESULT_SQL = """
SELECT page.total, {cv_columns}, {commune_columns}, left(cv.extracted_text, {excerpt_chars}),
       ARRAY(SELECT m.name FROM {cv_metiers} cm JOIN {metier} m ON m.id = cm.metier_id
              WHERE cm.cv_id = cv.id ORDER BY m.name)
FROM ({page}) AS page
JOIN {cv} cv ON cv.id = page.cv_id
LEFT JOIN {commune} co ON co.id = cv.commune_id
ORDER BY page.tier, page.updated_at DESC, page.cv_id DESC"""


_POSTAL_CODES = Commune._meta.get_field("postal_codes")  # JSON: a raw cursor gives its text
_COMMUNE_FIELDS = tuple(f.attname for f in Commune._meta.concrete_fields
                        if f.attname in {"id", "name", "postal_codes", "departement_id"})


def _page_cvs(search: CompiledSearch | None, offset: int) -> tuple[list[CV], int | None]:
    """(the page's CVs in rank order, each with ``text_start`` (the document text's beginning, for the
    excerpt), ``metier_names`` and its commune; the number of matches when the statement gave it, else
    None): one statement around ``page_statement``'s."""
    statement = page_statement(search, offset, PAGE_SIZE, with_count=False)
    if statement is None:
        return [], 0
    page_sql, values = statement
    quote = connection.ops.quote_name
    sql = _RESULT_SQL.format(
        cv_columns=", ".join(f"cv.{quote(f)}" for f in _RESULT_CV_FIELDS), excerpt_chars=EXCERPT_SOURCE_CHARS,
        commune_columns=", ".join(f"co.{quote(f)}" for f in _COMMUNE_FIELDS),
        cv_metiers=quote(CV.metiers.through._meta.db_table), metier=quote(Metier._meta.db_table),
        page=page_sql, cv=quote(CV._meta.db_table), commune=quote(Commune._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    width, commune_width = len(_RESULT_CV_FIELDS), len(_COMMUNE_FIELDS)
    postal_codes = _COMMUNE_FIELDS.index("postal_codes")
    cvs = []
    total = rows[0][0] if rows else None
    for _total, *row in rows:
        cv = CV.from_db(connection.alias, _RESULT_CV_FIELDS, row[:width])
        commune = list(row[width : width + commune_width])
        cv.text_start, cv.metier_names = row[width + commune_width] or "", row[width + commune_width + 1]
        if cv.commune_id is not None:
            commune[postal_codes] = _POSTAL_CODES.from_db_value(commune[postal_codes], None, connection)
            cv.commune = Commune.from_db(connection.alias, _COMMUNE_FIELDS, commune)
        cvs.append(cv)
    return cvs, total


def search_page(params: CVSearchParams, place, number) -> SearchPage:
    """One page of results in two fixed queries, whatever the number of matches: (1) the page's CVs in
    rank order with what a result shows (``page_statement`` inside ``_RESULT_SQL``) and, on another
    connection at the same time, (2) the number of matches (``count_matches``; given by (1) when the
    filters keep few entries). The search is compiled
    to SQL once, for both."""
    try:
        number = min(max(1, int(number)), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    search = compile_search(params, place)
    # the count, on another connection, unless the page's statement gives it (filters keeping few entries)
    counting = None if search is None or search.narrow else query_in_background(count_matches, search)
    cvs, total = _page_cvs(search, (number - 1) * PAGE_SIZE)
    if counting is None:
        counting = Future()
        counting.set_result(total if total is not None else count_matches(search))
    if not cvs and number > 1 and counting.result():  # past the last page: show the last one
        number = min((counting.result() - 1) // PAGE_SIZE + 1, MAX_PAGE)
        cvs, _ = _page_cvs(search, (number - 1) * PAGE_SIZE)
    return SearchPage(cvs, number, counting)


def _result_excerpt(cv, lexemes):
    """The first of the presentation, skills, experience and document text where a query word is."""
    for text in (cv.summary, cv.skills, cv.experience, cv.text_start) if lexemes else ():
        if text and has_hits(text, lexemes):
            return mark_safe(excerpt(text, lexemes))  # noqa: S308 — escaped by excerpt()
    return mark_safe(excerpt(cv.summary or cv.experience or cv.text_start or "", []))  # noqa: S308


@company_required
def search(request):
    form = CVSearchForm(request.GET or None)
    params = CVSearchParams.from_querydict(request.GET)
    place = resolve_place_filter(params.place, params.radius_km) if params.place else None
    place_unknown = bool(params.place) and place is None
    if not params.is_empty and "page" not in request.GET:  # a new search, not a page of it
        # « Historique de recherche », written on another connection while the page is built
        write_in_background(record_search, request.user, request.company, params)
    stems = query_in_background(query_lexemes, params.q) if params.q else None  # for the highlights
    page = search_page(params, place, request.GET.get("page"))
    lexemes = stems.result() if stems else []
    query_string = params.to_querydict().urlencode()
    # the CV page highlights the words and its « Retour à la recherche » comes back to this very page
    back = query_string + (f"&page={page.number}" if page.number > 1 else "")
    detail_url = url_pattern("cvtheque:cv_detail") + "?" + urlencode({"q": params.q, "retour": back})
    for cv in page.object_list:
        cv.excerpt_html = _result_excerpt(cv, lexemes)
        cv.detail_url = detail_url.format(pk=cv.pk)
    return render(request, "cvtheque/cv/search.html", {
        "form": form, "params": params, "page": page, "place": place, "place_unknown": place_unknown,
        "searched": not params.is_empty, "query_string": query_string,
    })


@company_required
def cv_detail(request, pk):
    cv = get_object_or_404(CV.objects.visible().select_related("commune").prefetch_related("metiers"), pk=pk)
    record_view(cv, request.user, request.company)
    q = (request.GET.get("q") or "")[:200]
    lexemes = query_lexemes(q) if q else []
    return render(request, "cvtheque/cv/detail.html", {
        "cv": cv, "q": q,
        "summary_html": mark_safe(highlight(cv.summary, lexemes)),  # noqa: S308 — escaped by highlight()
        "skills_html": mark_safe(highlight(cv.skills, lexemes)),  # noqa: S308
        "experience_html": mark_safe(highlight(cv.experience, lexemes)),  # noqa: S308
        "text_html": mark_safe(highlight(cv.extracted_text, lexemes)),  # noqa: S308
        "back_query": back_to_search(request.GET.get("retour", "")),
    })


def back_to_search(query_string: str) -> str:
    """The search a CV was opened from, re-encoded from what the search reads (nothing else passes)."""
    from django.http import QueryDict

    data = QueryDict(query_string[:2000])
    back = CVSearchParams.from_querydict(data).to_querydict()
    if (data.get("page") or "").isdigit() and int(data["page"]) > 1:
        back["page"] = data["page"]
    return back.urlencode()


def can_download_document(user, cv) -> bool:
    """The owner candidate, staff, or a recruiter belonging to a company when the CV is visible."""
    from companies.services import current_company

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
    return render(request, "cvtheque/cv/my_cv.html", {
        "form": form, "cv": cv, "cv_views": views_for_candidate(cv) if cv else [],
    })


@candidate_required
@require_POST
def my_cv_delete(request):
    cv = CV.objects.filter(owner=request.user).first()
    if cv is not None:
        delete_cv(cv)
        messages.success(request, "Votre CV et son document ont été supprimés.")
    return redirect("cvtheque:my_cv")
