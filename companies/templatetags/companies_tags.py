from html import unescape

from django import template
from django.utils.html import strip_tags

register = template.Library()


@register.filter
def plain_text(html: str) -> str:
    """Rich text as plain text for meta tags: tags removed, entities decoded, spaces collapsed.
    The result is NOT marked safe: the template escapes it again."""
    return " ".join(unescape(strip_tags(html or "")).split())
