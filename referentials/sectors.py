"""Sectors found by the words people use, not only by the NAF labels: « viticulture » finds
01.21Z Culture de la vigne (whose label has neither « viti » nor « culture » in that form), « BTP » the
building trades, « informatique » the IT services.

The synonyms are data (``SYNONYMS``: a word's start → NAF codes); ``search_sectors`` adds the sectors they
name after those the label search (``referentials.services.search_sectors``) finds."""

from .models import Sector
from .services import normalize
from .services import search_sectors as search_sectors_by_label

MIN_WORD = 3  # « vi » names nothing; « vin », « btp » do

# A word of the query that starts one of these keys, or that one of them starts (« viticul », « viticulteur »,
# « viticulture »), adds the key's sectors. Keys are written as ``normalize`` gives them (lowercase, no accents).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "viticulture": ("01.21Z", "11.02B"),
    "viticulteur": ("01.21Z", "11.02B"),
    "vigneron": ("01.21Z", "11.02B"),
    "vignoble": ("01.21Z", "11.02B"),
    "vendange": ("01.21Z",),
    "vin": ("11.02B", "01.21Z", "11.02A"),
    "cave": ("11.02B", "47.25Z"),
    "boulangerie": ("10.71C", "10.71B", "47.24Z"),
    "boulanger": ("10.71C", "10.71B", "47.24Z"),
    "patisserie": ("10.71D", "10.71C"),
    "btp": ("41.20A", "41.20B", "43.99C", "42.11Z", "43.12A"),
    "batiment": ("41.20A", "41.20B", "43.99C"),
    "chantier": ("41.20A", "41.20B", "43.99C"),
    "maconnerie": ("43.99C",),
    "macon": ("43.99C",),
    "plomberie": ("43.22A",),
    "plombier": ("43.22A",),
    "electricien": ("43.21A",),
    "menuisier": ("43.32A", "16.23Z"),
    "informatique": ("62.01Z", "62.02A", "62.03Z", "62.09Z", "58.29C"),
    "informaticien": ("62.01Z", "62.02A", "62.03Z"),
    "numerique": ("62.01Z", "62.02A", "63.12Z"),
    "developpeur": ("62.01Z", "58.29C"),
    "logiciel": ("58.29C", "62.01Z"),
    "hotellerie": ("55.10Z",),
    "hotel": ("55.10Z",),
    "restaurant": ("56.10A", "56.10C"),
    "restauration": ("56.10A", "56.10C", "56.29A"),
    "tourisme": ("79.11Z", "79.12Z", "55.20Z", "55.30Z", "91.03Z"),
    "camping": ("55.30Z",),
    "commerce": ("47.11D", "47.11F", "47.19B"),
    "supermarche": ("47.11D",),
    "hypermarche": ("47.11F",),
    "grande distribution": ("47.11D", "47.11F"),
    "logistique": ("52.10B", "52.29A", "49.41A"),
    "entrepot": ("52.10B",),
    "transport": ("49.41A", "49.41B", "49.39A"),
    "aide a domicile": ("88.10A",),
    "ehpad": ("87.10A",),
    "maison de retraite": ("87.10A", "87.30A"),
    "sante": ("86.10Z", "86.90D"),
    "hopital": ("86.10Z",),
    "creche": ("88.91A",),
    "nettoyage": ("81.21Z", "81.22Z"),
    "proprete": ("81.21Z",),
    "garage": ("45.20A",),
    "automobile": ("45.20A", "45.11Z"),
    "coiffure": ("96.02A",),
    "esthetique": ("96.02B",),
    "interim": ("78.20Z",),
    "securite": ("80.10Z",),
    "gardiennage": ("80.10Z",),
    "comptabilite": ("69.20Z",),
    "agriculture": ("01.50Z", "01.11Z", "01.21Z"),
    "maraichage": ("01.13Z",),
    "formation": ("85.59A",),
}


def _query_words(q: str) -> list[str]:
    text = normalize(q)
    return [w for w in text.split() if len(w) >= MIN_WORD]


def synonym_codes(q: str) -> list[str]:
    """The NAF codes the synonyms of the query name, in the order of ``SYNONYMS``; empty when none does.
    A multi-word key (« aide a domicile ») matches the whole query."""
    text = normalize(q or "")
    words = _query_words(q or "")
    codes: list[str] = []
    for key, key_codes in SYNONYMS.items():
        if " " in key:
            hit = text.startswith(key) or (len(text) >= MIN_WORD and key.startswith(text))
        else:
            hit = any(key.startswith(w) or (w.startswith(key) and len(key) >= MIN_WORD) for w in words)
        if hit:
            codes += [code for code in key_codes if code not in codes]
    return codes


def search_sectors(q: str, limit: int = 10) -> list[Sector]:
    """NAF sub-classes by code or label (``referentials.services.search_sectors``), then those the
    synonyms of the query name; best first, each once."""
    found = search_sectors_by_label(q, limit=limit)
    codes = [code for code in synonym_codes(q) if code not in {s.code for s in found}]
    if codes and len(found) < limit:
        by_code = Sector.objects.filter(code__in=codes, section__isnull=False).in_bulk()
        found += [by_code[code] for code in codes if code in by_code][: limit - len(found)]
    return found


def resolve_sector(text: str) -> Sector | None:
    """The sector a typed text designates: its best match, synonyms included."""
    text = (text or "").strip()
    if not text:
        return None
    results = search_sectors(text, limit=1)
    return results[0] if results else None
