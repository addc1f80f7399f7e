"""django-filter helpers shared by the apps' ``FilterSet``s (toolkit imports no app)."""

import django_filters
from django import forms


def field_filter(field_class):
    """A ``django_filters.Filter`` whose form field is ``field_class`` (the filtering is the FilterSet's:
    these filters only declare, validate and render their field)."""
    return type(f"{field_class.__name__}Filter", (django_filters.Filter,), {"field_class": field_class})


CheckboxFilter = field_filter(forms.BooleanField)  # a box ticked (« on ») or not: never an error


class FrenchFilterSet(django_filters.FilterSet):
    """A FilterSet always bound (an empty query string is a valid search), whose invalid fields are left out
    of the search with their French message on the field (``form.errors``), never a server error."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)

    @property
    def cleaned_data(self) -> dict:
        self.form.is_valid()
        return self.form.cleaned_data
