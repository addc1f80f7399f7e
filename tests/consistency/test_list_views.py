"""Every list view pins its number of queries, so that a query run once per row cannot slip in.

What a list view is (found from the code, not by hand), for the URLs of the project's own views:
- its page loops over a collection the view hands to the template: a template the view renders (named in
  the view's source, with the templates they ``{% include %}``) has ``{% for x in name %}`` or
  ``{% for x in name.object_list %}`` where ``name`` is a context variable that is not a form; or
- its URL name reads as a list: it ends in ``list``, ``lists``, ``index``, ``history``, ``mine``, ``search``,
  ``feed``, or is a plural (``membership_requests``, ``places``…).
Each such URL name is in LIST_VIEWS with the test that pins its queries (``django_assert_num_queries``,
``django_assert_max_num_queries``, ``assertNumQueries`` or an SQL snapshot), or in NOT_LIST_VIEWS with
the reason, or in UNPINNED (gaps left to fix). Admin changelists are outside the rule, except the
moderation queue, registered by hand.

Adding a list page: write its query-count test (or ``sql_snapshot``), then add it to LIST_VIEWS."""

import ast
import re

import pytest

from .project import BASE_DIR, TEMPLATES_DIR, project_labels, routes, templates_rendered_by

QUERY_PINS = ("django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries", "sql_snapshot(")

SNAPSHOTS = "tests/snapshots/test_pages_sql.py"
LIST_VIEWS = {
    "home": "tests/terredemplois/test_home.py::test_home_query_count_does_not_grow_with_content",
    "accounts:dashboard": f"{SNAPSHOTS}::test_recruiter_dashboard",
    "companies:membership_requests": f"{SNAPSHOTS}::test_recruiter_membership_requests",
    "companies:public_list":
        "tests/companies/test_public_pages.py::test_list_query_count_does_not_grow_with_the_page_size",
    "companies:public_detail": "tests/companies/test_public_pages.py::test_detail_query_count",
    "offers:mine": "tests/offers/test_views.py::test_mine_query_count_does_not_grow_with_the_page",
    "offers:detail": f"{SNAPSHOTS}::test_recruiter_offer_detail_with_its_applications",
    "offers:applications":
        "tests/offers/test_applications.py::test_the_lists_of_applications_take_a_fixed_number_of_queries",
    "offers:offer_applications":
        "tests/offers/test_applications.py::test_the_lists_of_applications_take_a_fixed_number_of_queries",
    "offers:my_applications":
        "tests/offers/test_applications.py::test_the_lists_of_applications_take_a_fixed_number_of_queries",
    "offers:public_list":
        "tests/offers/test_search.py::test_the_query_count_is_fixed_whatever_the_filters_and_the_results",
    "offers:public_detail": f"{SNAPSHOTS}::test_public_page_of_an_expired_offer_with_similar_offers",
    "offers:job_alerts": "tests/offers/test_job_alerts.py::test_my_job_alerts_query_count_does_not_grow",
    "offers:offers_for_you":
        "tests/cvtheque/test_offers_for_you.py::test_offers_for_you_query_count_does_not_grow_with_the_page",
    "offers:feed": "tests/offers/test_views.py::test_xml_feed_lists_public_offers_without_contacts_in_one_query",
    "referentials:places":
        "tests/referentials/test_api.py::test_place_lookup_query_count_does_not_grow_with_the_results_and_is_cached",
    "referentials:metiers": "tests/referentials/test_api.py::test_metier_and_sector_lookups_use_one_query",
    "referentials:sectors": "tests/referentials/test_api.py::test_metier_and_sector_lookups_use_one_query",
    "cvtheque:search": "tests/cvtheque/test_cv_views.py::test_search_page_query_count_does_not_grow_with_results",
    "cvtheque:saved_lists":
        "tests/cvtheque/test_lists_views.py::test_list_pages_query_count_does_not_grow_with_the_lists",
    "cvtheque:saved_list":
        "tests/cvtheque/test_lists_views.py::test_list_pages_query_count_does_not_grow_with_the_lists",
    "cvtheque:history": "tests/cvtheque/test_history.py::test_history_page_query_count_does_not_grow",
    "statistics":
        "tests/terredemplois/test_statistics.py::test_the_page_takes_a_fixed_number_of_queries_and_is_cached",
    # the moderation queue (an admin changelist, registered by hand)
    "admin:moderation_offertomoderate_changelist":
        "tests/moderation/test_admin.py::test_the_queue_query_count_does_not_grow_with_the_page",
}

NOT_LIST_VIEWS = {
    "accounts:settings": "« Mes paramètres »: a form, its loops are over the form's fields",
    "offers:application": "one application: its loops are over its few next statuses and its profile's facts",
    "offers:application_status": "a POST that redirects to offers:application",
    "offers:help_sessions": "a help page naming the support organisation: no list",
    "cvtheque:saved_list_create": "a POST; on a form error it shows cvtheque:saved_lists' page again, pinned there",
}

# List pages without a query-count test yet. cvtheque/ is being rewritten on other branches:
# TODO(lead): pin them after merging (a django_assert_num_queries test or an SQL snapshot), then move
# them to LIST_VIEWS.
UNPINNED = {
    "cvtheque:my_cv": "the companies that viewed the candidate's CV (cv_views)",
    "cvtheque:saved_list_edit": "the CVs of a saved list (items)",
    "cvtheque:spouse_referrals": "the referrals the company presented",
}

LOOP = re.compile(r"{%\s*for\s+[\w\s,]+?\s+in\s+([\w.]+)")
COLLECTION = re.compile(r"^(\w+)(\.object_list)?$")
LIST_LIKE_NAME = re.compile(r"(^|[:_])(list|lists|index|history|mine|search|feed)$|[a-z]s$")


def loops_over_a_collection(template_names: set[str]) -> bool:
    for name in template_names:
        path = TEMPLATES_DIR / name
        if not path.is_file():
            continue
        for iterable in LOOP.findall(path.read_text()):
            match = COLLECTION.match(iterable)
            if match and not match.group(1).endswith("form"):
                return True
    return False


def project_routes():
    packages = project_labels() | {"terredemplois"}
    return [route for route in routes() if route.callback.__module__.split(".")[0] in packages]


def detected_list_views() -> set[str]:
    return {route.name for route in project_routes()
            if LIST_LIKE_NAME.search(route.name) or loops_over_a_collection(templates_rendered_by(route.callback))}


def test_the_rule_finds_the_list_pages():
    detected = detected_list_views()
    assert {"offers:public_list", "cvtheque:search", "companies:membership_requests", "home",
            "offers:application"} <= detected  # by name, and by the loops of their templates
    assert not {"offers:help_writing", "accounts:candidate_space", "companies:edit"} & detected


def test_every_list_view_is_registered():
    unregistered = sorted(detected_list_views() - set(LIST_VIEWS) - set(NOT_LIST_VIEWS) - set(UNPINNED))
    assert not unregistered, (
        f"list views without a query-count test: {unregistered}. Write one (django_assert_num_queries or "
        "sql_snapshot) and register it in LIST_VIEWS, or say why it is no list in NOT_LIST_VIEWS.")


def test_the_registries_name_existing_urls_once():
    names = {route.name for route in routes()}
    registered = [*LIST_VIEWS, *NOT_LIST_VIEWS, *UNPINNED]
    assert not sorted(set(registered) - names), "registered names that are no URL name"
    assert len(registered) == len(set(registered)), "a URL name registered twice"


def _test_function(reference: str) -> tuple[str, str]:
    """(source of the module, source of the test function) of ``path::function``."""
    path, function = reference.split("::")
    module_source = (BASE_DIR / path).read_text()
    for node in ast.parse(module_source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return module_source, ast.get_source_segment(module_source, node)
    raise LookupError(f"no test {reference}")


@pytest.mark.parametrize("url_name", sorted(LIST_VIEWS))
def test_every_registered_list_view_has_a_query_count_test(url_name):
    module_source, function_source = _test_function(LIST_VIEWS[url_name])
    assert any(pin in function_source for pin in QUERY_PINS), f"{LIST_VIEWS[url_name]} pins no query count"
    assert f'"{url_name}"' in module_source or f"'{url_name}'" in module_source, (
        f"{LIST_VIEWS[url_name].split('::')[0]} never names the URL {url_name!r}")
