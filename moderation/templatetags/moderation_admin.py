from django import template

from ..admin import format_duration
from ..services import can_moderate, queue_figures

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_figures(context):
    """The queue's figures for the admin index, or None for who cannot moderate."""
    request = context.get("request")
    if request is None or not can_moderate(request.user):
        return None
    figures = queue_figures()
    return {**figures, "oldest_waiting_display": format_duration(figures["oldest_waiting"]),
            "median_decision_display": format_duration(figures["median_decision"])}
