"""URL patterns reversed once: ``url_pattern("cvtheque:cv_detail").format(pk=cv.pk)`` for each of a page's
objects costs a ``str.format`` instead of a ``reverse``."""

import functools

from django.urls import get_script_prefix, reverse


def url_pattern(name: str) -> str:
    """The URL of ``name`` (a route taking one argument, e.g. ``<int:pk>``) as a ``str.format`` pattern
    with a ``{pk}`` placeholder: « /espace-recruteur/cvtheque/cv/{pk}/ ». Cached per process (and script
    prefix)."""
    return _url_pattern(name, get_script_prefix())


@functools.cache
def _url_pattern(name: str, _script_prefix: str) -> str:
    # Two URLs differing only by their argument (1, then 2: one character each) give the argument's place
    # exactly, whatever digits the rest of the route holds.
    one, two = reverse(name, args=[1]), reverse(name, args=[2])
    differing = [i for i, (a, b) in enumerate(zip(one, two, strict=True)) if a != b]
    if len(differing) != 1:
        raise ValueError(f"{name!r} does not put its one argument in the URL as it is")
    at = differing[0]
    return _braces_escaped(one[:at]) + "{pk}" + _braces_escaped(one[at + 1 :])


def _braces_escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
