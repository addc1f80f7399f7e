"""CV results, « Sauvegarder » buttons and the spouse badge, as tags.

A search page shows 20 results: each is rendered by one Python call (``cv_result``) instead of some thirty
template nodes, and what every result shares (the company's lists, the CSRF token, the URL patterns) is
computed once per request. Timed on the demo data (``render`` of the search page, 20 results): the result
list took 12–13 ms of Django template nodes; see issue 7's notes for the figures after."""

import html

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from cvtheque.cvs.enums import Availability

register = template.Library()

_SAVE_FORM = (
    '<form method="post" action="{action}" class="cv-save-form" data-cv-save>'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="next" value="{next}">{select}'
    '<button type="submit" class="button button-small">Sauvegarder<span class="visually-hidden"> le CV de {name}'
    "</span></button>"
    '<span class="cv-save-status" aria-live="polite"></span></form>'
)
_SAVE_SELECT = (
    '<label for="save-list-{pk}" class="visually-hidden">Liste de sauvegarde pour {name}</label>'
    '<select id="save-list-{pk}" name="saved_list"><option value="">MES CV SAUVEGARDÉS</option>{options}</select>'
)
_AVAILABILITY = {value: str(label) for value, label in Availability.choices}


def escape(value) -> str:
    """What ``django.utils.html.escape`` gives, without its lazy-string check (called ~15 times per result)."""
    return html.escape(str(value))


def company_save_lists(request) -> list:
    """The company's saved lists for the « Sauvegarder » buttons, fetched once per request
    (whatever the number of CVs on the page)."""
    company = getattr(request, "company", None)
    if request is None or company is None:
        return []
    if not hasattr(request, "_cvtheque_save_lists"):
        from cvtheque.recruiting.services import lists_for_save

        request._cvtheque_save_lists = lists_for_save(company)
    return request._cvtheque_save_lists


class _SaveButtonParts:
    """What every « Sauvegarder » form of a page shares, escaped once."""

    def __init__(self, context, request):
        lists = company_save_lists(request)
        self.options = str(format_html_join("", '<option value="{}">{}</option>', ((x.pk, x.name) for x in lists)))
        self.has_lists = bool(lists)
        self.csrf = escape(context.get("csrf_token", ""))
        self.action = reverse("cvtheque:save_cv", args=[987654321]).replace("987654321", "{pk}")
        self.next = escape(request.get_full_path()) if request is not None else ""


def _save_parts(context):
    request = context.get("request")
    if request is None:
        return _SaveButtonParts(context, None)
    parts = getattr(request, "_cvtheque_save_parts", None)
    if parts is None:
        parts = request._cvtheque_save_parts = _SaveButtonParts(context, request)
    return parts


@register.simple_tag(takes_context=True)
def save_cv_button(context, cv, next_url=None):
    """A plain POST form (works without JavaScript; static/js/cvtheque-save.js sends it with fetch) that
    saves ``cv`` in « MES CV SAUVEGARDÉS » or in one of the company's named lists."""
    parts = _save_parts(context)
    name = escape(cv.first_name)
    select = _SAVE_SELECT.format(pk=cv.pk, name=name, options=parts.options) if parts.has_lists else ""
    return mark_safe(_SAVE_FORM.format(  # noqa: S308 — every value is escaped above or is an integer
        action=parts.action.format(pk=cv.pk), csrf=parts.csrf,
        next=escape(next_url) if next_url else parts.next, select=select, name=name,
    ))


@register.simple_tag
def spouse_badge(cv):
    """Badge of a CV presented by a recruiter (« Rapprochement de conjoints »)."""
    if cv.source == "spouse":
        return format_html('<span class="badge badge-spouse">{}</span>', "Rapprochement de conjoint")
    return ""


@register.simple_tag(takes_context=True)
def cv_result(context, cv):
    """One search result: name and initial, headline, métiers, commune and mobility, availability, last
    update, RQTH when shown, the highlighted excerpt (``cv.excerpt_html``, already escaped) and
    « Sauvegarder ». Expects ``cv.detail_url`` and ``cv.metier_names`` (set by the search view)."""
    meta = []
    if cv.metier_names:
        meta.append(f"<span>Métiers : {escape(', '.join(cv.metier_names))}</span>")
    if cv.commune_id:
        mobility = f" · mobilité {int(cv.mobility_km)} km" if cv.mobility_km else ""
        meta.append(f"<span>{escape(str(cv.commune))}{mobility}</span>")
    meta.append(f"<span>Disponibilité : {escape(_AVAILABILITY.get(cv.availability, cv.availability))}</span>")
    meta.append(f"<span>Mis à jour le {timezone.localtime(cv.updated_at):%d/%m/%Y}</span>")
    if cv.shows_rqth:
        meta.append('<span class="badge">RQTH</span>')
    excerpt = f'<p class="cv-excerpt">{cv.excerpt_html}</p>' if getattr(cv, "excerpt_html", "") else ""
    return mark_safe(  # noqa: S308 — every value is escaped above
        f'<li class="card cv-result"><h3><a href="{escape(cv.detail_url)}">{escape(cv.display_name)} — '
        f"{escape(cv.headline)}</a></h3>{spouse_badge(cv)}"
        f'<p class="cv-meta">{"".join(meta)}</p>{excerpt}'
        f'<div class="cv-actions">{save_cv_button(context, cv)}</div></li>'
    )


@register.simple_tag
def select_options(choices, current):
    """The ``<option>``s of a search field's choices, ``current`` selected (an empty choice stands for
    no value)."""
    return mark_safe("".join(  # noqa: S308 — values and labels escaped
        f'<option value="{escape(value)}"{" selected" if value == current or not value and not current else ""}>'
        f"{escape(label)}</option>"
        for value, label in choices
    ))


@register.simple_tag
def checkbox_options(name, choices, current):
    """One labelled checkbox per choice (``current``: the values checked), ids as Django's widget gives."""
    return mark_safe("".join(  # noqa: S308 — values and labels escaped
        f'<div><label for="id_{name}_{i}"><input type="checkbox" name="{name}" value="{escape(value)}"'
        f' id="id_{name}_{i}"{" checked" if value in current else ""}> {escape(label)}</label></div>'
        for i, (value, label) in enumerate(choices)
    ))
