"""Each link of « Ma fiche entreprise » must point to its own site."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

SOCIAL_HOSTS = {
    "twitter": ("Twitter", {"twitter.com", "x.com"}),
    "facebook": ("Facebook", {"facebook.com", "fb.com"}),
    "instagram": ("Instagram", {"instagram.com"}),
    "linkedin": ("LinkedIn", {"linkedin.com"}),
    "youtube": ("Youtube", {"youtube.com", "youtu.be"}),
}


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"}:
        return ""
    return (parts.hostname or "").lower()


def validate_web_url(url: str) -> None:
    """Any http or https address (the company's website)."""
    if url and not host_of(url):
        raise ValidationError("Saisissez une adresse web commençant par https:// ou http://.", code="invalid_url")


def validate_social_url(url: str, network: str) -> None:
    """``network`` is a key of ``SOCIAL_HOSTS``: the URL's host must be that site or one of its subdomains."""
    if not url:
        return
    label, domains = SOCIAL_HOSTS[network]
    host = host_of(url)
    if not any(host == d or host.endswith("." + d) for d in domains):
        examples = " ou ".join(f"https://{d}/…" for d in sorted(domains))
        raise ValidationError(f"Le lien {label} doit être une adresse du site {label} ({examples}).",
                              code="wrong_site")
