"""Rich text on a page, built into every template (TEMPLATES « builtins »):
``{{ offer.description|headings_from:2 }}``: the description (sanitised on save) with its headings starting at
h2, under the page's h1."""

from django import template
from django.utils.safestring import mark_safe

from toolkit.richtext import shift_headings

register = template.Library()


@register.filter
def headings_from(html: str, top: int = 2) -> str:
    """Sanitised rich text (safe), its headings shifted to start at ``top``."""
    return mark_safe(shift_headings(str(html or ""), int(top)))  # the text was sanitised on save (nh3)
