"""Every URL name the project writes resolves: in templates (``{% url 'ns:name' … %}``), in Python
(``reverse``, ``reverse_lazy``, ``redirect``, ``resolve_url``), in the recruiter menu and in the settings.

A name is reversed with the arguments written where it is used: literals as they are, variables replaced
by a value of the kind the URL pattern's converter accepts (``<int:pk>`` → 1, ``<slug:slug>`` → "un-slug"…),
so that a wrong number or name of arguments fails as well as an unknown name. ``{% url … as var %}`` is
checked too: it hides a link whose page does not exist, which is how a dead link goes unnoticed."""

import ast
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.template.base import Variable, VariableDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.text import smart_split

from terredemplois.context_processors import RECRUITER_MENU

from .project import dummy_value, parsed, python_files, relative, routes_by_name, template_files, template_name

URL_TAG = re.compile(r"{%\s*url\s+(.*?)\s*%}", re.DOTALL)
REVERSING_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url", "url_or_none"}
# keywords of redirect() / reverse() that are not URL arguments
NOT_URL_ARGUMENTS = {"permanent", "preserve_request", "urlconf", "current_app", "query", "fragment"}


class Var:
    """An argument given by a variable: replaced by a value its converter accepts."""

    def __repr__(self):
        return "<var>"


VAR = Var()


@dataclass
class Usage:
    where: str
    name: str
    args: list | None = field(default_factory=list)  # None: not known from the source (``args=some_list``)
    kwargs: dict = field(default_factory=dict)


def resolves(usage: Usage) -> str | None:
    """None when the usage reverses; otherwise why not."""
    candidates = routes_by_name().get(usage.name)
    if not candidates:
        return "no URL pattern has this name"
    if usage.args is None:
        return None
    errors = []
    for route in candidates:
        try:
            if usage.kwargs:
                unknown = set(usage.kwargs) - set(route.parameters)
                if unknown:
                    raise NoReverseMatch(f"unknown arguments {sorted(unknown)}")
                kwargs = {key: dummy_value(route, key) if value is VAR else value
                          for key, value in usage.kwargs.items()}
                if None not in kwargs.values():
                    reverse(usage.name, kwargs=kwargs)
            else:
                if len(usage.args) != len(route.parameters):
                    raise NoReverseMatch(f"{len(usage.args)} arguments for {route.parameters}")
                args = [dummy_value(route, parameter) if value is VAR else value
                        for value, parameter in zip(usage.args, route.parameters, strict=True)]
                if None not in args:
                    reverse(usage.name, args=args)
            return None
        except (NoReverseMatch, LookupError) as exc:
            errors.append(str(exc))
    return "; ".join(errors)


# --- where URL names are written ----------------------------------------------------------------------------

def _template_literal(bit: str):
    """The value of a literal template argument ('x', "x", 3), or VAR for a variable."""
    if bit[:1] in {"'", '"'} or bit.lstrip("-").isdigit():
        try:
            return Variable(bit).resolve({})
        except VariableDoesNotExist:
            return VAR
    return VAR


def template_usages() -> list[Usage]:
    usages = []
    for path in template_files():
        for match in URL_TAG.finditer(path.read_text()):
            bits = list(smart_split(match.group(1)))
            if len(bits) >= 3 and bits[-2] == "as":
                bits = bits[:-2]
            where = f"templates/{template_name(path)}: {{% url {match.group(1)} %}}"
            name = _template_literal(bits[0])
            if name is VAR:
                usages.append(Usage(where, f"<variable {bits[0]}>"))  # fails: names are written literally
                continue
            usage = Usage(where, name)
            for bit in bits[1:]:
                key, sep, value = bit.partition("=")
                if sep and key.isidentifier():
                    usage.kwargs[key] = _template_literal(value)
                else:
                    usage.args.append(_template_literal(bit))
            usages.append(usage)
    return usages


def _python_literal(node):
    return node.value if isinstance(node, ast.Constant) else VAR


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def python_usages() -> list[Usage]:
    usages = []
    for path in python_files():
        for node in ast.walk(parsed(path)):
            if not (isinstance(node, ast.Call) and _called_name(node) in REVERSING_FUNCTIONS and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)) or "/" in first.value:
                continue  # a variable, or a path given to redirect()
            usage = Usage(f"{relative(path)}:{node.lineno}", first.value,
                          args=[_python_literal(arg) for arg in node.args[1:]])
            for keyword in node.keywords:
                if keyword.arg == "args":
                    usage.args = ([_python_literal(e) for e in keyword.value.elts]
                                  if isinstance(keyword.value, ast.List | ast.Tuple) else None)
                elif keyword.arg == "kwargs":
                    if isinstance(keyword.value, ast.Dict) and all(isinstance(k, ast.Constant)
                                                                   for k in keyword.value.keys):
                        usage.kwargs.update({k.value: _python_literal(v)
                                             for k, v in zip(keyword.value.keys, keyword.value.values, strict=True)})
                    else:
                        usage.args = None
                elif keyword.arg and keyword.arg not in NOT_URL_ARGUMENTS:
                    usage.kwargs[keyword.arg] = _python_literal(keyword.value)
            usages.append(usage)
    return usages


def menu_usages() -> list[Usage]:
    usages = []
    for label, name, children in RECRUITER_MENU:
        if name:
            usages.append(Usage(f"RECRUITER_MENU « {label} »", name))
        usages += [Usage(f"RECRUITER_MENU « {label} » › « {child_label} »", child_name)
                   for child_label, child_name in children]
    return usages


def settings_usages() -> list[Usage]:
    """``LOGIN_URL = "account_login"`` and the like: a setting ending in _URL whose value is not a path."""
    return [Usage(f"settings.{key}", value) for key in dir(settings)
            if key.endswith("_URL") and isinstance(value := getattr(settings, key), str)
            and value and "/" not in value]


# --- the tests ------------------------------------------------------------------------------------------------

def _unresolved(usages: list[Usage]) -> str:
    return "\n".join(f"{usage.where} → {usage.name!r}: {why}" for usage in usages if (why := resolves(usage)))


def test_every_url_name_used_in_templates_resolves():
    usages = template_usages()
    assert len(usages) > 50, "the {% url %} tags were not found: is the pattern still right?"
    unresolved = _unresolved(usages)
    assert not unresolved, unresolved


def test_every_url_name_used_in_python_resolves():
    usages = python_usages()
    assert len(usages) > 30, "the reverse() / redirect() calls were not found: is the walk still right?"
    unresolved = _unresolved(usages)
    assert not unresolved, unresolved


def test_every_entry_of_the_recruiter_menu_resolves():
    """The menu hides an entry whose page does not exist: here that is a failure, not a silent gap."""
    unresolved = _unresolved(menu_usages())
    assert not unresolved, unresolved


def test_url_names_in_settings_resolve():
    usages = settings_usages()
    assert {u.where for u in usages} >= {"settings.LOGIN_URL", "settings.LOGIN_REDIRECT_URL"}
    unresolved = _unresolved(usages)
    assert not unresolved, unresolved


# --- the checker itself can fail ------------------------------------------------------------------------------

@pytest.mark.parametrize(("usage", "reason"), [
    (Usage("t", "offers:nowhere"), "no URL pattern"),
    (Usage("t", "offers:detail"), "0 arguments"),
    (Usage("t", "offers:detail", args=[VAR, VAR]), "2 arguments"),
    (Usage("t", "offers:public_detail", kwargs={"slug": VAR, "id": VAR}), "unknown arguments"),
    (Usage("t", "offers:detail", args=["pas-un-nombre"]), "Reverse"),
])
def test_a_wrong_usage_is_reported(usage, reason):
    assert reason in (resolves(usage) or "")


@pytest.mark.parametrize("usage", [
    Usage("t", "offers:detail", args=[VAR]),
    Usage("t", "offers:public_detail", kwargs={"slug": VAR, "pk": VAR}),
    Usage("t", "companies:decide_membership", args=[VAR, "accepter"]),
    Usage("t", "admin:app_list", kwargs={"app_label": "moderation"}),
])
def test_a_right_usage_resolves(usage):
    assert resolves(usage) is None
