from django import template

from offers.services import current_offers_of

register = template.Library()


@register.simple_tag(takes_context=True)
def current_offers(context):
    """Dashboard « Mes offres en cours » (one query)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return current_offers_of(request.user)
