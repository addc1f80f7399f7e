from django import template

from offers.validators import OFFER_LIFETIME_DAYS

register = template.Library()


@register.simple_tag
def offer_lifetime_days() -> int:
    """How many days an offer stays online (« en ligne pendant {% offer_lifetime_days %} jours »): pages and
    e-mails print the constant, never the number itself."""
    return OFFER_LIFETIME_DAYS
