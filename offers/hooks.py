"""What the offer form shows from an app above offers.

Moderation checks an offer's wording; the recruiter sees its findings on the form before sending the
offer. Moderation registers its checker here (``register_wording_checker``, in its ``AppConfig.ready``),
so that offers never imports moderation. Without a checker, the form shows no finding.

Multi-posting (``diffusion``) adds its section to the form (``register_form_section``: « Votre offre sera
diffusée sur … » with a choice per partner) and says where each offer of « Mes offres » is published
(``register_publication_places``)."""

from collections.abc import Callable
from typing import Protocol

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


# ----- sections of the offer form added by an app above offers (e.g. multi-posting: « diffusée sur … ») -----

class OfferFormSection(Protocol):
    template_name: str  # included in the offer form, with ``form`` in its context

    def fields(self, offer, user) -> dict:
        """Form fields (with their initial values) added to the offer form; ``offer`` is the edited row (unsaved
        for a new offer or a new revision)."""

    def save(self, offer, cleaned_data: dict, user) -> None:
        """Called once the offer is saved (draft or sent), with the whole form's cleaned data."""


_form_sections: list[OfferFormSection] = []


def register_form_section(section: OfferFormSection) -> None:
    if section not in _form_sections:
        _form_sections.append(section)


def form_sections() -> list[OfferFormSection]:
    return list(_form_sections)


# ----- where each offer is published (« Mes offres ») -----

# places(offers) -> {offer id: [site names]}, for a page of offers in a fixed number of queries
PublicationPlaces = Callable[[list], dict]

_publication_places: list[PublicationPlaces] = []


def register_publication_places(places: PublicationPlaces) -> None:
    if places not in _publication_places:
        _publication_places.append(places)


def publication_places(offers: list) -> dict[int, list[str]]:
    """{offer id: where it is published}: what the registered apps say (nothing without one)."""
    merged: dict[int, list[str]] = {}
    for places in _publication_places:
        for offer_id, names in places(offers).items():
            merged.setdefault(offer_id, []).extend(name for name in names if name not in merged.get(offer_id, []))
    return merged
