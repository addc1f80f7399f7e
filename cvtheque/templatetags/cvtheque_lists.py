"""CV results, « Sauvegarder » buttons and the spouse badge, as tags.

A search page shows 20 results: each is rendered by one Python call (``cv_result``) instead of some thirty
template nodes, and what every result shares (the company's lists, the CSRF token, the URL patterns) is
computed once per request. The HTML is built by ``format_html`` (every value from the data escaped) from
format strings of constant markup: one call per result, one per list of options."""

import functools

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from cvtheque.cvs.enums import Availability
from cvtheque.recruiting.services import lists_for_save
from toolkit.html import format_html_many
from toolkit.urls import url_pattern

register = template.Library()

# The markup of a result and of its « Sauvegarder » form, as format strings of constant text, put together
# for each result and filled by one format_html call (a call per fragment would double a result's cost).
_RESULT_START = '<li class="card cv-result"><h3><a href="{url}">{name} — {headline}</a></h3>'
_BADGE = "{badge}"
_META_START = '<p class="cv-meta">'
_METIERS = "<span>Métiers : {metiers}</span>"
_COMMUNE = "<span>{commune}</span>"
_COMMUNE_MOBILITY = "<span>{commune} · mobilité {mobility} km</span>"
_AVAILABILITY_UPDATED = "<span>Disponibilité : {availability}</span><span>Mis à jour le {updated}</span>"
_RQTH = '<span class="badge">RQTH</span>'
_EXCERPT = '<p class="cv-excerpt">{excerpt}</p>'
_META_END = "</p>"
_ACTIONS_START, _ACTIONS_END = '<div class="cv-actions">', "</div></li>"  # the save form in between
_SAVE_FORM_START = (
    '<form method="post" action="{action}" class="cv-save-form" data-cv-save>'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="next" value="{next}">'
)
_SAVE_SELECT = (
    '<label for="save-list-{pk}" class="visually-hidden">Liste de sauvegarde pour {first_name}</label>'
    '<select id="save-list-{pk}" name="saved_list"><option value="">MES CV SAUVEGARDÉS</option>{options}</select>'
)
_SAVE_FORM_END = (
    '<button type="submit" class="button button-small">Sauvegarder<span class="visually-hidden"> le CV de '
    '{first_name}</span></button><span class="cv-save-status" aria-live="polite"></span></form>'
)
_OPTION = '<option value="{}">{}</option>'
_OPTION_SELECTED = '<option value="{}" selected>{}</option>'
_CHECKBOX = '<div><label for="id_{}_{}"><input type="checkbox" name="{}" value="{}" id="id_{}_{}"> {}</label></div>'
_CHECKBOX_CHECKED = _CHECKBOX.replace('"> ', '" checked> ')
_AVAILABILITY = {value: conditional_escape(str(label)) for value, label in Availability.choices}


def company_save_lists(request) -> list:
    """The company's saved lists for the « Sauvegarder » buttons, fetched once per request
    (whatever the number of CVs on the page)."""
    company = getattr(request, "company", None)
    if request is None or company is None:
        return []
    if not hasattr(request, "_cvtheque_save_lists"):

        request._cvtheque_save_lists = lists_for_save(company)
    return request._cvtheque_save_lists


class _PageParts:
    """What every result and « Sauvegarder » form of a page shares: escaped once (``SafeString``s, which
    ``format_html`` takes as they are), or looked up once (the time zone of the dates)."""

    def __init__(self, context, request):
        self.timezone = timezone.get_current_timezone()
        lists = company_save_lists(request)
        self.options = format_html_join("", _OPTION, ((x.pk, x.name) for x in lists))
        # the form's URL pattern (« …/cv/{pk}/sauvegarder/ », escaped once) is part of the format string
        action = conditional_escape(url_pattern("cvtheque:save_cv"))
        self.format = _SAVE_FORM_START.replace("{action}", action) + (_SAVE_SELECT if lists else "") + _SAVE_FORM_END
        self.csrf = conditional_escape(context.get("csrf_token", ""))
        self.next = conditional_escape(request.get_full_path()) if request is not None else SafeString()

    def values(self, cv, next_url=None) -> dict:
        """The save form's values for ``cv`` (to format ``self.format`` with format_html)."""
        return {"csrf": self.csrf, "next": next_url or self.next, "pk": cv.pk, "first_name": cv.first_name,
                "options": self.options}


def _page_parts(context) -> _PageParts:
    request = context.get("request")
    if request is None:
        return _PageParts(context, None)
    parts = getattr(request, "_cvtheque_page_parts", None)
    if parts is None:
        parts = request._cvtheque_page_parts = _PageParts(context, request)
    return parts


@register.simple_tag(takes_context=True)
def save_cv_button(context, cv, next_url=None) -> SafeString:
    """A plain POST form (works without JavaScript; static/js/cvtheque-save.js sends it with fetch) that
    saves ``cv`` in « MES CV SAUVEGARDÉS » or in one of the company's named lists."""
    parts = _page_parts(context)
    return format_html(parts.format, **parts.values(cv, next_url))


@register.simple_tag
def spouse_badge(cv) -> SafeString | str:
    """Badge of a CV presented by a recruiter (« Rapprochement de conjoints »)."""
    if cv.source == "spouse":
        return format_html('<span class="badge badge-spouse">{}</span>', "Rapprochement de conjoint")
    return ""


@register.simple_tag(takes_context=True)
def cv_result(context, cv) -> SafeString:
    """One search result: name and initial, headline, métiers, commune and mobility, availability, last
    update, RQTH when shown, the highlighted excerpt (``cv.excerpt_html``, a ``SafeString``) and
    « Sauvegarder ». Expects ``cv.detail_url`` and ``cv.metier_names`` (set by the search view)."""
    parts = _page_parts(context)
    values = {"url": cv.detail_url, "name": cv.display_name, "headline": cv.headline,
              "availability": _AVAILABILITY.get(cv.availability, cv.availability),
              "updated": f"{cv.updated_at.astimezone(parts.timezone):%d/%m/%Y}", **parts.values(cv)}
    result_format = [_RESULT_START]
    badge = spouse_badge(cv)
    if badge:
        result_format.append(_BADGE)
        values["badge"] = badge
    result_format.append(_META_START)
    if cv.metier_names:
        result_format.append(_METIERS)
        values["metiers"] = ", ".join(cv.metier_names)
    if cv.commune_id:
        result_format.append(_COMMUNE_MOBILITY if cv.mobility_km else _COMMUNE)
        values["commune"], values["mobility"] = str(cv.commune), int(cv.mobility_km or 0)
    result_format.append(_AVAILABILITY_UPDATED)
    if cv.shows_rqth:
        result_format.append(_RQTH)
    result_format.append(_META_END)
    if getattr(cv, "excerpt_html", ""):
        result_format.append(_EXCERPT)
        values["excerpt"] = cv.excerpt_html
    result_format += (_ACTIONS_START, parts.format, _ACTIONS_END)
    return format_html("".join(result_format), **values)


@register.simple_tag
def select_options(choices, current) -> SafeString:
    """The ``<option>``s of a search field's choices, ``current`` selected (an empty choice stands for
    no value)."""
    return _select_options(tuple(choices), current, get_language())


@register.simple_tag
def checkbox_options(name, choices, current) -> SafeString:
    """One labelled checkbox per choice (``current``: the values checked), ids as Django's widget gives."""
    return _checkbox_options(name, tuple(choices), tuple(current or ()), get_language())


# A field's choices are the same on every page and its current value one of a few: each combination is
# rendered once per process (the search form has some forty options).
@functools.lru_cache(maxsize=1024)
def _select_options(choices: tuple, current, _language) -> SafeString:
    return format_html_many(
        (_OPTION_SELECTED if value == current or not value and not current else _OPTION, (value, label))
        for value, label in choices
    )


@functools.lru_cache(maxsize=1024)
def _checkbox_options(name: str, choices: tuple, current: tuple, _language) -> SafeString:
    return format_html_many(
        (_CHECKBOX_CHECKED if value in current else _CHECKBOX, (name, i, name, value, name, i, label))
        for i, (value, label) in enumerate(choices)
    )
