"""The recruiter menu of the guide: its entries lead to the pages of every app, so it belongs to the
project. An entry appears only once its page exists (its URL name resolves): no stub pages, no dead links."""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

# (label, url name, children)
RECRUITER_MENU = [
    ("Mon espace emploi", "accounts:dashboard", []),
    ("Ma fiche entreprise", "companies:edit", []),
    ("Offres", None, [("Publier une offre", "offers:create"), ("Mes offres", "offers:mine"),
                     ("Candidatures", "offers:applications")]),
    ("CVthèque", None, [
        ("Rechercher des CV", "cvtheque:search"),
        ("CV sauvegardés", "cvtheque:saved_lists"),
        ("Historique de recherche", "cvtheque:history"),
    ]),
    ("Rapprochement de conjoints", "cvtheque:spouse_referrals", []),
    ("Mes paramètres", "accounts:settings", []),
]
# « Mon espace candidat »: (label, url name, fragment). Part of it is built by other work (alerts, matching,
# « Mes données »): an entry whose URL name does not resolve yet is left out, as in the recruiter menu.
CANDIDATE_MENU = [
    ("Mon CV", "cvtheque:my_cv", ""),
    ("Mes candidatures", "offers:my_applications", ""),
    ("Mes alertes emploi", "offers:job_alerts", ""),
    ("Offres pour vous", "offers:offers_for_you", ""),
    ("Qui a consulté mon CV", "cvtheque:my_cv", "#cv-views-title"),
    ("Mes données", "accounts:my_data", ""),
    ("Mes paramètres", "accounts:settings", ""),
]


def url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@functools.lru_cache(maxsize=8)
def _menu_urls(urlconf, script_prefix) -> tuple:
    """(label, url, url name, ((child label, child url), ...)) of the entries whose page exists: the
    URLs are the same for every request of a URLconf, so they are reversed once per process."""
    entries = []
    for label, name, children in RECRUITER_MENU:
        kids = tuple((child_label, url) for child_label, child_name in children if (url := url_or_none(child_name)))
        url = url_or_none(name) if name else (kids[0][1] if kids else None)
        if url:
            entries.append((label, url, name, kids))
    return tuple(entries)


def build_menu(path: str) -> list[dict]:
    """The menu entries; exactly one page is current (``active``): the entry whose URL is the longest
    start of ``path`` (« CV sauvegardés » under « Rechercher des CV », whose URL starts both). A
    section whose child is current is ``open``."""
    entries = _menu_urls(get_urlconf(), get_script_prefix())
    candidates = [url for _label, url, name, _kids in entries if name]
    candidates += [child_url for *_rest, kids in entries for _child_label, child_url in kids]
    home = reverse_menu_home(entries)
    matching = [url for url in candidates if (path == url if url == home else path.startswith(url))]
    current = max(matching, key=len, default=None)
    menu = []
    for label, url, name, children in entries:
        kids = [{"label": child_label, "url": child_url, "active": child_url == current}
                for child_label, child_url in children]
        menu.append({"label": label, "url": url, "children": kids,
                     "active": bool(name) and url == current, "open": any(k["active"] for k in kids)})
    return menu


def reverse_menu_home(entries) -> str | None:
    """The URL of « Mon espace emploi »: current on that very page only, as every page starts with it."""
    return next((url for _label, url, name, _kids in entries if name == "accounts:dashboard"), None)


def recruiter_menu(request):
    return {"recruiter_menu": SimpleLazyObject(lambda: build_menu(request.path))}


@functools.lru_cache(maxsize=8)
def _candidate_menu_urls(urlconf, script_prefix) -> tuple:
    return tuple((label, url, fragment) for label, name, fragment in CANDIDATE_MENU if (url := url_or_none(name)))


def build_candidate_menu(path: str) -> list[dict]:
    """The entries of « Mon espace candidat » whose page exists; an anchor into a page is never the active one."""
    return [{"label": label, "url": url + fragment, "active": not fragment and path.startswith(url)}
            for label, url, fragment in _candidate_menu_urls(get_urlconf(), get_script_prefix())]


def candidate_menu(request):
    return {"candidate_menu": SimpleLazyObject(lambda: build_candidate_menu(request.path))}


def site(request):
    """``site_url`` (« https://… », no trailing slash): absolute links in the page's head (canonical, Open Graph)."""
    return {"site_url": settings.SITE_URL}
