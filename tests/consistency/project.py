"""What the consistency tests look at: the project's own apps, source files, templates and URL patterns.

Everything here is read from the project itself (settings, the URL resolver, the files on disk), never
listed by hand, so that a new app, template or URL is checked without editing the tests."""

import ast
import functools
import inspect
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES_DIR = BASE_DIR / "templates"
TESTS_DIR = BASE_DIR / "tests"
# Python packages of the project that are not Django apps but hold code using URL names.
EXTRA_PACKAGES = ("terredemplois", "toolkit")


def project_app_configs() -> list:
    """The installed apps whose code lives in this repository (not Django's, allauth's…)."""
    return [config for config in apps.get_app_configs() if Path(config.path).parent == BASE_DIR]


def project_labels() -> set[str]:
    return {config.label for config in project_app_configs()}


def python_files() -> list[Path]:
    """Source files of the project apps and packages, without migrations."""
    roots = [Path(config.path) for config in project_app_configs()] + [BASE_DIR / name for name in EXTRA_PACKAGES]
    return sorted(path for root in roots for path in root.rglob("*.py") if "migrations" not in path.parts)


@functools.cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def template_files() -> list[Path]:
    """Every template of the project: the ``templates/`` folder (apps keep none of their own)."""
    return sorted(path for path in TEMPLATES_DIR.rglob("*") if path.is_file())


def template_name(path: Path) -> str:
    return path.relative_to(TEMPLATES_DIR).as_posix()


def relative(path: Path) -> str:
    return path.relative_to(BASE_DIR).as_posix()


# --- URL patterns ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    name: str  # with its namespaces, as given to reverse(): "offers:public_list"
    pattern: object  # the URLPattern's pattern (RoutePattern or RegexPattern)
    callback: object
    namespaces: tuple[str, ...]

    @property
    def parameters(self) -> list[str]:
        """The pattern's parameters in the order they appear (positional ``{% url %}`` arguments)."""
        if isinstance(self.pattern, RoutePattern):
            return list(self.pattern.converters)
        return list(self.pattern.regex.groupindex)


def _walk(patterns, namespaces: tuple[str, ...], prefixes: tuple[object, ...]):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry.url_patterns, spaces, prefixes + (entry.pattern,))
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(":".join(namespaces + (entry.name,)), entry.pattern, entry.callback, namespaces), prefixes


def routes() -> list[Route]:
    return [route for route, _prefixes in _walk(get_resolver().url_patterns, (), ())]


def routes_by_name() -> dict[str, list[Route]]:
    by_name: dict[str, list[Route]] = {}
    for route in routes():
        by_name.setdefault(route.name, []).append(route)
    return by_name


# Values that each of Django's converters accepts, to reverse a URL name whose arguments are variables.
DUMMY_BY_CONVERTER = {
    "IntConverter": 1,
    "StringConverter": "x",
    "SlugConverter": "un-slug",
    "PathConverter": "un/chemin",
    "UUIDConverter": "12345678-1234-5678-1234-567812345678",
}


def dummy_value(route: Route, parameter: str):
    """A value the parameter's converter accepts. None for a regex pattern (``re_path``): its variable
    arguments are only counted and named, a regex says nothing of the value it takes."""
    if not isinstance(route.pattern, RoutePattern):
        return None
    converter = type(route.pattern.converters[parameter]).__name__
    if converter not in DUMMY_BY_CONVERTER:
        raise LookupError(f"{route.name}: no dummy value for the converter {converter} of {parameter!r}: "
                          "add one to DUMMY_BY_CONVERTER")
    return DUMMY_BY_CONVERTER[converter]


# --- templates rendered by a view ---------------------------------------------------------------------------

TEMPLATE_LITERAL = re.compile(r"""["']([\w./-]+\.(?:html|xml|txt))["']""")
INCLUDE_TAG = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")


def view_source(callback) -> str:
    """The source of the function a URL calls, decorators removed (``login_required``…)."""
    function = inspect.unwrap(getattr(callback, "view_class", callback))
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def templates_rendered_by(callback) -> set[str]:
    """Templates named in the view's own source, and those they ``{% include %}``."""
    found = set(TEMPLATE_LITERAL.findall(view_source(callback)))
    todo = list(found)
    while todo:
        path = TEMPLATES_DIR / todo.pop()
        if not path.is_file():
            continue
        for included in INCLUDE_TAG.findall(path.read_text()):
            if included not in found:
                found.add(included)
                todo.append(included)
    return found
