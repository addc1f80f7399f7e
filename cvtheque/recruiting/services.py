"""Named actions of the recruiters' tools: saved lists, search history, favourites.

Lists belong to the company (every recruiter of the company shares them); the search history
and favourites belong to the recruiter."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils import timezone

from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel
from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import HISTORY_SIZE, CVAlertSent, CVSearch, SavedCV, SavedList, search_fingerprint
from cvtheque.search.params import CVSearchParams
from cvtheque.search.places import resolve_place_filter
from toolkit.text import strip_control_characters

IGNORED_SEARCH_KEYS = {"page", "csrfmiddlewaretoken"}
QUERY_KEY, PLACE_KEY, RQTH_KEY = "q", "place", "rqth_only"


# ---------------------------------------------------------------- saved lists

def lists_of(company):
    """The company's lists (the default one first, created on first use) with their visible-CV count."""
    SavedList.default_for(company)
    visible = CV.objects.visible().values("pk")
    return SavedList.objects.of_company(company).annotate(
        cv_count=Count("items", filter=Q(items__cv__in=visible)),
    )


def count_label(n: int) -> str:
    """« (2 CVs dans cette liste) », « (1 CV dans cette liste) », « (Aucun CV dans cette liste) »."""
    if n == 0:
        return "(Aucun CV dans cette liste)"
    if n == 1:
        return "(1 CV dans cette liste)"
    return f"({n} CVs dans cette liste)"


def create_list(company, user, name: str) -> SavedList:
    return SavedList.objects.create(company=company, created_by=user, name=name.strip())


def rename_list(saved_list: SavedList, name: str) -> None:
    saved_list.name = name.strip()
    saved_list.save(update_fields=["name"])


def delete_list(saved_list: SavedList) -> None:
    saved_list.delete()  # the default list refuses (ValidationError)


def save_cv(saved_list: SavedList, cv, user, note: str = "") -> tuple[SavedCV, bool]:
    """Put a visible CV in a list, once: returns (item, created). A note given updates the item's note."""
    if not CV.objects.visible().filter(pk=cv.pk).exists():
        raise ValidationError("Ce CV n'est plus disponible.")
    try:
        with transaction.atomic():
            item, created = SavedCV.objects.get_or_create(saved_list=saved_list, cv=cv,
                                                          defaults={"saved_by": user, "note": note})
    except IntegrityError:  # two clicks at once
        item, created = SavedCV.objects.get(saved_list=saved_list, cv=cv), False
    if not created and note and note != item.note:
        item.note = note
        item.save(update_fields=["note"])
    return item, created


def remove_cv(item: SavedCV) -> None:
    item.delete()


def set_note(item: SavedCV, note: str) -> None:
    item.note = note.strip()
    item.save(update_fields=["note"])


def list_items(saved_list: SavedList) -> tuple[list[SavedCV], int]:
    """The list's CVs, newest first, and the number of CVs withdrawn by their candidate since the
    last look. A withdrawn CV (hidden, or deleted) is announced once « CV retiré par le candidat »,
    then removed from the list: nothing of it is ever shown."""
    visible = CV.objects.visible().values("pk")
    items = list(
        saved_list.items.filter(cv__in=visible)
        .select_related("cv", "cv__commune", "saved_by")
        .prefetch_related("cv__metiers")
    )
    withdrawn = saved_list.items.exclude(cv__in=visible)
    withdrawn_count, _ = withdrawn.delete()
    return items, withdrawn_count


# ---------------------------------------------------------------- search history

def params_to_dict(querydict: QueryDict) -> dict[str, list[str]]:
    """A search's parameters as a canonical dict (empty values and paging dropped, values sorted)."""
    result = {}
    for key, values in querydict.lists():
        if key in IGNORED_SEARCH_KEYS:
            continue
        kept = sorted(value for value in (strip_control_characters(v).strip() for v in values) if value)
        key = strip_control_characters(key)
        if kept and key:
            result[key] = kept
    return dict(sorted(result.items()))


def dict_to_querydict(params: dict) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, values in params.items():
        qd.setlist(key, list(values))
    return qd


def _first(params: dict, key: str) -> str:
    values = params.get(key) or [""]
    return values[0]


def _label_of(choices, value: str) -> str:
    return dict(choices.choices).get(value, "")


def refinement_labels(params: dict) -> list[str]:
    """The refinements of a search as the history reads them: « CDI », « permis B », « 20 km »…"""
    labels = [", ".join(_label_of(ContractType, c) for c in params.get("contract_types", [])
                        if _label_of(ContractType, c))]
    if availability := _label_of(Availability, _first(params, "availability")):
        labels.append(f"disponibilité {availability.lower()}")
    if "driving_licence" in params:
        labels.append("permis B")
    if education := _label_of(EducationLevel, _first(params, "education_level")):
        labels.append(education)
    if (radius := _first(params, "radius_km")).isdigit():
        labels.append(f"{radius} km")
    if (months := _first(params, "updated_within_months")).isdigit():
        labels.append(f"mis à jour depuis moins de {months} mois")
    if source := _label_of(CVSource, _first(params, "source")):
        labels.append(f"source : {source.lower()}")
    if RQTH_KEY in params:
        labels.append("RQTH uniquement")
    return [label for label in labels if label]


LABELLED_KEYS = {QUERY_KEY, PLACE_KEY, RQTH_KEY, "contract_types", "availability", "driving_licence",
                 "education_level", "radius_km", "updated_within_months", "source"}


def search_label(params: dict) -> str:
    """What the history shows: what and where in capitals like the guide, then the refinements,
    « AIDE À DOMICILE — CARCASSONNE AGGLO · CDI · permis B · 20 km »."""
    what = " ".join(params.get(QUERY_KEY, []))
    where = " ".join(params.get(PLACE_KEY, []))
    parts = [p for p in (what, where) if p]
    label = (" — ".join(parts) if parts else "Tous les CV").upper()
    refinements = refinement_labels(params)
    unknown = len([k for k in params if k not in LABELLED_KEYS])
    if unknown:
        refinements.append(f"+{unknown} critère{'s' if unknown > 1 else ''}")
    return " · ".join([label, *refinements])[:300]


def record_search(user, company, params) -> CVSearch | None:
    """Record a search run through the search page. Running the same search again moves it to the
    top of the history instead of duplicating it (one UPDATE); only the last ``HISTORY_SIZE``
    non-favourite searches are kept. ``params`` is a ``CVSearchParams`` (or a QueryDict).
    Returns the new history entry, or None when an existing one moved to the top or when the place
    is unknown (not recorded).

    A new search costs three statements: the UPDATE that finds nothing, one INSERT … ON CONFLICT (a
    concurrent request recording the same search makes it an update) and one DELETE of what falls
    out of the history."""
    querydict = params if isinstance(params, QueryDict) else params.to_querydict()
    data = params_to_dict(querydict)
    place = _first(data, PLACE_KEY)
    radius = _first(data, "radius_km")
    if place and resolve_place_filter(place, int(radius) if radius.isdigit() else None) is None:
        return None  # a place nobody knows (« xyzzy »): the search page says so, the history keeps nothing
    fingerprint = search_fingerprint(data)
    now = timezone.now()
    if CVSearch.objects.filter(user=user, fingerprint=fingerprint).update(last_run_at=now, company=company):
        return None
    search = CVSearch(user=user, company=company, params=data, label=search_label(data), last_run_at=now,
                      fingerprint=fingerprint)
    CVSearch.objects.bulk_create([search], update_conflicts=True, unique_fields=["user", "fingerprint"],
                                 update_fields=["last_run_at", "company"])
    prune_history(user)
    return search


_PRUNE_SQL = """
WITH old AS (SELECT id FROM {search} WHERE user_id = %s AND NOT is_favourite
             ORDER BY last_run_at DESC, id DESC OFFSET %s),
sent AS (DELETE FROM {sent} WHERE search_id IN (SELECT id FROM old))
DELETE FROM {search} WHERE id IN (SELECT id FROM old)"""


def prune_history(user, keep: int = HISTORY_SIZE) -> int:
    """Delete the user's non-favourite searches past the ``keep`` most recent ones, with the record of
    the CVs their alerts sent, in one statement (the ORM's cascade takes six round trips)."""
    sql = _PRUNE_SQL.format(search=connection.ops.quote_name(CVSearch._meta.db_table),
                            sent=connection.ops.quote_name(CVAlertSent._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, keep])
        return cursor.rowcount


def history_of(user):
    return CVSearch.objects.of_user(user).order_by("-last_run_at", "-pk")


def search_querystring(search: CVSearch) -> str:
    return dict_to_querydict(search.params).urlencode()


def search_params(search: CVSearch):
    """The stored search as the search's ``CVSearchParams`` (for ``search_cvs``)."""
    return CVSearchParams.from_querydict(dict_to_querydict(search.params))


def lists_for_save(company) -> list[SavedList]:
    """The named lists a « Sauvegarder » button offers besides the default one (one query, nothing created:
    the default list is chosen by an empty value and created when a CV is first saved in it)."""
    return list(SavedList.objects.of_company(company).filter(is_default=False))
