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


# highlight(title, description_html, findings) -> (title_html, description_html): the offer's wording with its
# findings marked at their place (safe HTML), or None when no highlighter is registered.
WordingHighlighter = Callable[[str, str, list], tuple]

_wording_highlighters: list[WordingHighlighter] = []


def register_wording_highlighter(highlight: WordingHighlighter) -> None:
    if highlight not in _wording_highlighters:
        _wording_highlighters.append(highlight)


def highlighted_wording(title: str, description: str, findings: list) -> tuple | None:
    """The title and description with the findings marked where they are (the first registered highlighter)."""
    if not findings or not _wording_highlighters:
        return None
    return _wording_highlighters[0](title or "", description or "", findings)
