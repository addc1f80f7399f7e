from django import template

from offers.validators import OFFER_LIFETIME_DAYS

register = template.Library()


@register.simple_tag
def offer_lifetime_days() -> str:
    """How many days an offer stays online (« en ligne pendant {% offer_lifetime_days %} jours »): pages and
    e-mails print the constant, never the number itself. A string: a text e-mail renders with autoescape
    off, where a simple tag's value is not turned into text."""
    return str(OFFER_LIFETIME_DAYS)
