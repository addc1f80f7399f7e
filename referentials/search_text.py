"""The normalised texts the referentials' searches read (a commune's, a métier's, a sector's ``search_name`` /
``search_text``), computed from an instance without querying: the models fill them on save, the loader in
bulk, the searches normalise the user's words the same way."""

from toolkit.text import normalize_name

MAX_QUERY_LENGTH = 100


def normalize(text: str | None) -> str:
    """« Saint-Hilaire  (Aude) » → « saint hilaire aude »; « St-Jean » → « saint jean ».
    Only ``[a-z0-9 ]`` survives, so whatever the user types is harmless in a LIKE pattern."""
    return normalize_name(text, MAX_QUERY_LENGTH)


def postal_search(postal_codes) -> str:
    """« 11000 11090 » with surrounding spaces, so that LIKE '% 110%' is a postal-code prefix."""
    return " " + " ".join(postal_codes or []) + " "


def metier_search_text(metier) -> str:
    """What ``search_text`` stores, normalized: « name / feminine | synonym ; synonym | family »."""
    names = f"{normalize(metier.name)} / {normalize(metier.name_feminine or metier.name)}"
    synonyms = " ; ".join(normalize(s) for s in metier.synonyms or [])
    family = normalize(metier.family.name) if metier.family_id else ""
    return f"{names} | {synonyms} | {family}"


def sector_search_text(sector) -> str:
    return f"{sector.code.lower()} {normalize(sector.label)}"
