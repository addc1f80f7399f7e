"""Every path that can produce a page of search results or a count, so that each search behaviour is
tested on all of them (the ``search_path`` fixture) and the property tests compare them.

- the queryset (``search_cvs``), the reference;
- the search page's entry point (``run_search``), page after page, with the statements' thresholds forced
  to each shape (the counts from the GIN index, or as the narrow shape gives them): the walk giving up at
  once (GIN indexes), a walk finding part of a page, a walk finding
  everything, a tier walked further (``DEEP_WALK_ROWS``, short and long), the narrow shape (every kept entry
  read); without words each of them is the plain shape.

Each path also checks its count: ``count_matches`` (and the page's total) equals the number of matches."""

import contextlib
import dataclasses

from cvtheque.models import CV
from cvtheque.search import page as search_page
from cvtheque.search import statements
from cvtheque.search.params import CVSearchParams
from cvtheque.search.places import resolve_place_filter
from cvtheque.search.queryset import search_cvs, search_entries

PAGE_SIZE = 3  # several pages from a handful of CVs
BIG = 1_000_000


@dataclasses.dataclass(frozen=True)
class SearchPath:
    name: str
    thresholds: dict | None = None  # the statements' thresholds; None: the queryset

    def __str__(self):
        return self.name

    def found(self, **params) -> list[CV]:
        """The CVs found, in rank order (every page read), for ``CVSearchParams(**params)``."""
        ids = self.ids(CVSearchParams(**params))
        by_pk = CV.objects.in_bulk(ids)
        return [by_pk[pk] for pk in ids]

    def ids(self, params: CVSearchParams) -> list[int]:
        place = resolve_place_filter(params.place, params.radius_km) if params.place else None
        if self.thresholds is None:
            ids = list(search_cvs(params).values_list("pk", flat=True))
            assert search_entries(params, place).count() == len(ids), self
            assert statements.count_matches(statements.compile_search(params, place)) == len(ids), self
            return ids
        with self.forced():
            return self._pages(params, place)

    @contextlib.contextmanager
    def forced(self):
        saved = {name: getattr(statements, name) for name in self.thresholds}
        saved_size = search_page.PAGE_SIZE
        statements._kept_entries.forget()  # how many entries a filter keeps is counted again
        try:
            for name, value in self.thresholds.items():
                setattr(statements, name, value)
            search_page.PAGE_SIZE = PAGE_SIZE
            yield
        finally:
            for name, value in saved.items():
                setattr(statements, name, value)
            search_page.PAGE_SIZE = saved_size
            statements._kept_entries.forget()

    def _pages(self, params, place) -> list[int]:
        search = statements.compile_search(params, place)
        count = statements.count_matches(search)
        if search is not None and count:  # the shape forced is the one taken
            assert search.narrow is (self.thresholds["NARROW_ROWS"] == BIG and search.where.text != "TRUE"), self
        ids, number = [], 1
        while True:
            results = search_page.run_search(params, number)
            page = results.page
            assert page.total == count, (self, number)
            assert page.number == number or (count == 0 and page.number == 1), (self, number)
            ids += [cv.pk for cv in page.object_list]
            if not page.has_next():
                break
            assert len(page.object_list) == PAGE_SIZE, (self, number)
            number += 1
        assert len(ids) == count == len(set(ids)), self
        return ids


QUERYSET = SearchPath("queryset")
# Never the narrow shape, and the counts from the GIN index (the row-checked count: ``test_shapes``)
WALK = {"NARROW_ROWS": 0, "ROW_CHECK_ROWS": 0}
STATEMENT_PATHS = (
    SearchPath("walk gives up", {"WALK_ROWS": 1, "MAX_WALK_ROWS": 1, "DEEP_WALK_ROWS": 0, **WALK}),
    SearchPath("walk finds part", {"WALK_ROWS": 4, "MAX_WALK_ROWS": 4, "DEEP_WALK_ROWS": 0, **WALK}),
    SearchPath("walk finds all", {"WALK_ROWS": BIG, "MAX_WALK_ROWS": BIG, **WALK}),
    SearchPath("short deeper walk", {"WALK_ROWS": 1, "MAX_WALK_ROWS": 1, "DEEP_WALK_ROWS": 8, **WALK}),
    SearchPath("long deeper walk", {"WALK_ROWS": 2, "MAX_WALK_ROWS": 2, "DEEP_WALK_ROWS": BIG, **WALK}),
    SearchPath("narrow", {"WALK_ROWS": 300, "MAX_WALK_ROWS": 1_000, "NARROW_ROWS": BIG}),
)
ALL_PATHS = (QUERYSET, *STATEMENT_PATHS)
