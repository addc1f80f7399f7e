"""toolkit.urls.url_pattern: a route reversed once, then formatted for each object."""

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, path, reverse

from toolkit.urls import url_pattern


def _view(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path("v1/lot<int:pk>1/{brace}/", _view, name="digits-around-the-argument"),
    path("a/<int:one>/b/<int:two>/", _view, name="two-arguments"),
]


def test_the_pattern_gives_the_reversed_url_of_every_pk():
    pattern = url_pattern("cvtheque:cv_detail")
    assert "{pk}" in pattern
    for pk in (1, 7, 987654321):
        assert pattern.format(pk=pk) == reverse("cvtheque:cv_detail", args=[pk])
    assert url_pattern("cvtheque:save_cv").format(pk=12) == reverse("cvtheque:save_cv", args=[12])


@pytest.mark.urls(__name__)
def test_digits_and_braces_of_the_route_itself_are_kept():
    pattern = url_pattern("digits-around-the-argument")
    assert pattern.format(pk=11) == reverse("digits-around-the-argument", args=[11])
    assert pattern.format(pk=11) == "/v1/lot111/%7Bbrace%7D/"


@pytest.mark.urls(__name__)
def test_a_route_of_two_arguments_is_refused():
    with pytest.raises(NoReverseMatch):
        url_pattern("two-arguments")
