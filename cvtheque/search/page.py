"""The search page's one entry point, ``run_search(params, page_number)``: the page's CVs in rank order with
what a result shows, the number of matches, the query's stems for the highlights and the place searched."""

import dataclasses
from concurrent.futures import Future

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.functional import cached_property

from cvtheque.cvs.models import CV
from referentials.models import Commune, Metier
from toolkit.dbthreads import query_in_background
from toolkit.sql import compose

from . import counting
from .counting import count_for_page
from .highlight import excerpt, has_hits, query_lexemes
from .params import CVSearchParams
from .places import PlaceFilter, resolve_place_filter
from .ranking import RANKING_KEY, order_by_sql
from .statements import PAGE_SIZE, CompiledSearch, compile_search, page_statement

MAX_PAGE = 500  # 10 000 results: past that, a recruiter refines the search
EXCERPT_SOURCE_CHARS = 4000  # of the document's text, read with the page's CVs for the excerpts


class _Total:
    """What the paginator counts: the matches, read only when the page needs them, capped at MAX_PAGE."""

    def __init__(self, future):
        self.future = future

    def count(self) -> int:
        return min(self.future.result(), MAX_PAGE * PAGE_SIZE)


class SearchPage(Page):
    """A page of results whose total is counted on another connection while the page is built
    (``counting.count_for_page`` in the background): ``total`` waits for it when the template first shows
    it. The count stops past ``counting.COUNT_CAP``: ``total_is_capped`` then, and the page says « Plus de
    10 000 CV »."""

    def __init__(self, object_list, number, total_future):
        super().__init__(object_list, number, Paginator(_Total(total_future), PAGE_SIZE))
        self._total_future = total_future

    @cached_property
    def total(self) -> int:
        return self._total_future.result()

    @property
    def total_is_capped(self) -> bool:
        return counting.is_capped(self.total)

    @property
    def count_cap(self) -> str:
        """« 10 000 »: the cap as the page writes it (a narrow no-break space between thousands)."""
        return f"{counting.COUNT_CAP:,}".replace(",", "\u202f")


# What a result shows (see the ``cv_result`` tag), fetched with the page's ranked ids in one statement:
# the ORM's query building and deferred instances cost more than the database's work here (~10 ms of
# Python for 20 rows, measured on this machine).
_RESULT_CV_FIELDS = tuple(  # in the model's order, as ``Model.from_db`` reads them
    f.attname for f in CV._meta.concrete_fields
    if f.attname in {"id", "first_name", "last_name", "headline", "commune_id", "mobility_km", "availability",
                     "updated_at", "rqth", "rqth_visible", "source", "summary", "skills", "experience"})


_COMMUNE_FIELDS = tuple(f.attname for f in Commune._meta.concrete_fields
                        if f.attname in {"id", "name", "postal_codes", "departement_id"})
_POSTAL_CODES = Commune._meta.get_field("postal_codes")  # JSON: a raw cursor gives its text
_quote = connection.ops.quote_name

_RESULT_SQL = f"""
SELECT page.total, {", ".join(f"cv.{_quote(f)}" for f in _RESULT_CV_FIELDS)},
       {", ".join(f"co.{_quote(f)}" for f in _COMMUNE_FIELDS)}, left(cv.extracted_text, {EXCERPT_SOURCE_CHARS}),
       ARRAY(SELECT m.name FROM {_quote(CV.metiers.through._meta.db_table)} cm
              JOIN {_quote(Metier._meta.db_table)} m ON m.id = cm.metier_id
              WHERE cm.cv_id = cv.id ORDER BY m.name)
FROM ({{page}}) AS page
JOIN {_quote(CV._meta.db_table)} cv ON cv.id = page.cv_id
LEFT JOIN {_quote(Commune._meta.db_table)} co ON co.id = cv.commune_id
ORDER BY {order_by_sql(RANKING_KEY, "page.")}"""


def _page_cvs(search: CompiledSearch | None, offset: int) -> tuple[list[CV], int | None]:
    """(the page's CVs in rank order, each with ``text_start`` (the document text's beginning, for the
    excerpt), ``metier_names`` and its commune; the number of matches when the statement gave it, else
    None): one statement around ``page_statement``'s."""
    statement = page_statement(search, offset, PAGE_SIZE)
    if statement is None:
        return [], 0
    with connection.cursor() as cursor:
        rows = compose(_RESULT_SQL, page=statement).execute(cursor).fetchall()
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


def search_page(params: CVSearchParams, place: PlaceFilter | None, number) -> SearchPage:
    """One page of results in two fixed queries, whatever the number of matches: (1) the page's CVs in
    rank order with what a result shows (``page_statement`` inside ``_RESULT_SQL``) and, on another
    connection at the same time, (2) the number of matches up to ``counting.COUNT_CAP``
    (``count_for_page``; given by (1) when the filters keep few entries). The search is compiled to SQL
    once, for both."""
    try:
        number = min(max(1, int(number)), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    search = compile_search(params, place)
    # the count, on another connection, unless the page's statement gives it (filters keeping few entries)
    count = None if search is None or search.narrow else query_in_background(count_for_page, search)
    cvs, total = _page_cvs(search, (number - 1) * PAGE_SIZE)
    if count is None:
        count = Future()
        count.set_result(counting.capped(total) if total is not None else count_for_page(search))
    if not cvs and number > 1 and count.result():  # past the last page: show the last one
        number = min((count.result() - 1) // PAGE_SIZE + 1, MAX_PAGE)
        cvs, _ = _page_cvs(search, (number - 1) * PAGE_SIZE)
    return SearchPage(cvs, number, count)


def result_excerpt(cv, lexemes: list[str]):
    """What a result quotes: the first of the presentation, skills, experience and document text where a
    query word is, highlighted (escaped by ``excerpt``)."""
    for text in (cv.summary, cv.skills, cv.experience, cv.text_start) if lexemes else ():
        if text and has_hits(text, lexemes):
            return excerpt(text, lexemes)
    return excerpt(cv.summary or cv.experience or cv.text_start or "", [])


@dataclasses.dataclass
class SearchResults:
    params: CVSearchParams
    page: SearchPage  # its CVs in rank order, each with ``excerpt_html``, ``metier_names`` and its commune
    lexemes: list[str]  # the query's stems, highlighted in the results (and on the CV's page)
    place: PlaceFilter | None  # the place searched, when known
    place_unknown: bool  # a place was typed that we do not know: nothing matches, the page says why


def run_search(params: CVSearchParams, page_number) -> SearchResults:
    """The search page's results: the place resolved, then on this connection the page's CVs while
    other connections count the matches and stem the query's words (``toolkit.dbthreads``)."""
    place = resolve_place_filter(params.place, params.radius_km) if params.place else None
    stems = query_in_background(query_lexemes, params.q) if params.q else None  # for the highlights
    page = search_page(params, place, page_number)
    lexemes = stems.result() if stems else []
    for cv in page.object_list:
        cv.excerpt_html = result_excerpt(cv, lexemes)
    return SearchResults(params, page, lexemes, place, place_unknown=bool(params.place) and place is None)
