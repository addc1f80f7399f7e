"""What the offer form shows from an app above offers.

Moderation checks an offer's wording; the recruiter sees its findings on the form before sending the
offer. Moderation registers its checker here (``register_wording_checker``, in its ``AppConfig.ready``),
so that offers never imports moderation. Without a checker, the form shows no finding."""

from collections.abc import Callable

# check(title, description_html) -> findings (objects with code, severity, severity_label, message, excerpt and
# ``blocking``: true for a finding that stops the offer from being sent as is)
WordingChecker = Callable[[str, str], list]

_wording_checkers: list[WordingChecker] = []


def register_wording_checker(check: WordingChecker) -> None:
    if check not in _wording_checkers:
        _wording_checkers.append(check)


def wording_findings(title: str, description: str) -> list:
    """The findings of every registered checker on an offer's title and description (HTML)."""
    return [finding for check in _wording_checkers for finding in check(title or "", description or "")]


def blocking_findings(title: str, description: str) -> list:
    """The findings that keep an offer from being sent to moderation as is (« Bloquant »): the recruiter fixes
    the wording, or asks the team for a verification with a justification."""
    return [finding for finding in wording_findings(title, description) if is_blocking(finding)]


def is_blocking(finding) -> bool:
    return bool(getattr(finding, "blocking", False))
