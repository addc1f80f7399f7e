"""The recruiter menu of the guide. An entry appears only once its page exists (its URL
name resolves): no stub pages, no dead links."""

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

# (label, url name, children)
RECRUITER_MENU = [
    ("Mon espace emploi", "accounts:dashboard", []),
    ("Ma fiche entreprise", "companies:edit", []),
    ("Offres", None, [("Publier une offre", "offers:create"), ("Mes offres", "offers:mine")]),
    ("CVthèque", None, [
        ("Rechercher des CV", "cvtheque:search"),
        ("CV sauvegardés", "cvtheque:saved_lists"),
        ("Historique de recherche", "cvtheque:history"),
    ]),
    ("Rapprochement de conjoints", "cvtheque:spouse_referrals", []),
    ("Mes paramètres", "accounts:settings", []),
]


def url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def build_menu(path: str) -> list[dict]:
    menu = []
    for label, name, children in RECRUITER_MENU:
        kids = []
        for child_label, child_name in children:
            url = url_or_none(child_name)
            if url:
                kids.append({"label": child_label, "url": url, "active": path.startswith(url)})
        url = url_or_none(name) if name else (kids[0]["url"] if kids else None)
        if not url:
            continue
        active = path == url if name == "accounts:dashboard" else path.startswith(url)
        menu.append({"label": label, "url": url, "children": kids,
                     "active": active or any(k["active"] for k in kids)})
    return menu


def recruiter_space(request):
    def announcements():
        from .models import Announcement

        return list(Announcement.current())

    return {
        "recruiter_menu": SimpleLazyObject(lambda: build_menu(request.path)),
        "announcements": SimpleLazyObject(announcements),
    }
