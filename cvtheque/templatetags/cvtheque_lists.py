"""« Sauvegarder » buttons and the spouse badge of CV results, as tags: a search page shows 20 of them,
and a Python tag avoids rendering an ``{% include %}``d template once per result."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

register = template.Library()

_SAVE_FORM = (
    '<form method="post" action="{action}" class="cv-save-form" data-cv-save>'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="next" value="{next}">{select}'
    '<button type="submit" class="button button-small">Sauvegarder<span class="visually-hidden"> le CV de {name}'
    "</span></button>"
    '<span class="cv-save-status" aria-live="polite"></span></form>'
)


def company_save_lists(request) -> list:
    """The company's saved lists for the « Sauvegarder » buttons, fetched once per request
    (whatever the number of CVs on the page)."""
    company = getattr(request, "company", None)
    if request is None or company is None:
        return []
    if not hasattr(request, "_cvtheque_save_lists"):
        from cvtheque.services_recruiter import lists_for_save

        request._cvtheque_save_lists = lists_for_save(company)
    return request._cvtheque_save_lists


@register.simple_tag(takes_context=True)
def save_cv_button(context, cv, next_url=None):
    """A plain POST form (works without JavaScript; static/js/cvtheque-save.js sends it with fetch) that
    saves ``cv`` in « MES CV SAUVEGARDÉS » or in one of the company's named lists."""
    request = context.get("request")
    lists = company_save_lists(request)
    select = ""
    if lists:
        options = format_html_join("", '<option value="{}">{}</option>', ((lst.pk, lst.name) for lst in lists))
        select = format_html(
            '<label for="save-list-{pk}" class="visually-hidden">Liste de sauvegarde pour {name}</label>'
            '<select id="save-list-{pk}" name="saved_list"><option value="">MES CV SAUVEGARDÉS</option>'
            "{options}</select>",
            pk=cv.pk, name=cv.first_name, options=options,
        )
    if request is not None and not hasattr(request, "_cvtheque_save_url"):
        request._cvtheque_save_url = reverse("cvtheque:save_cv", args=[987654321]).replace("987654321", "{pk}")
    action = request._cvtheque_save_url.format(pk=cv.pk) if request is not None else reverse(
        "cvtheque:save_cv", args=[cv.pk])
    return format_html(
        _SAVE_FORM,
        action=action,
        csrf=context.get("csrf_token", ""),
        next=next_url or (request.get_full_path() if request is not None else ""),
        select=select,
        name=cv.first_name,
    )


@register.simple_tag
def spouse_badge(cv):
    """Badge of a CV presented by a recruiter (« Rapprochement de conjoints »)."""
    if cv.source == "spouse":
        return format_html('<span class="badge badge-spouse">{}</span>', "Rapprochement de conjoint")
    return ""
