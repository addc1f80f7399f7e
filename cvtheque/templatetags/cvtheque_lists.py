from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def company_save_lists(context):
    """The company's saved lists for the « Sauvegarder » buttons, fetched once per request
    (whatever the number of CVs on the page)."""
    request = context.get("request")
    company = getattr(request, "company", None)
    if request is None or company is None:
        return []
    if not hasattr(request, "_cvtheque_save_lists"):
        from cvtheque.services_recruiter import lists_for_save

        request._cvtheque_save_lists = lists_for_save(company)
    return request._cvtheque_save_lists
