"""French elision before a name: « CV d'Inès », « d'Hôtel des Remparts », « de Marc », « l'Hôtel »."""

import unicodedata

VOWELS = set("aeiouy")
# Words starting with an aspirated h: no elision (« de Hollande », « le Hameau »). Compared lowercase,
# accents removed, on the first word.
ASPIRATED_H = {
    "hache", "haie", "halle", "halles", "hall", "hameau", "hamac", "hanche", "handicap", "hangar", "hardi",
    "haricot", "harpe", "hasard", "hausse", "haut", "haute", "hauts", "hautes", "havre", "heros", "herisson",
    "hetre", "hibou", "hollande", "homard", "hongrie", "honte", "hors", "houx", "huit", "hutte",
}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def elides(name: str) -> bool:
    """True when « de » / « le » lose their vowel before ``name``: a vowel, a mute h, or a y followed by a
    consonant (« d'Yves », but « de Yannick »)."""
    plain = _plain(name.strip())
    if not plain:
        return False
    first = plain[0]
    if first == "y":
        return len(plain) > 1 and plain[1] not in VOWELS
    if first == "h":
        word = plain.split()[0].strip(".,;:!?'’-")
        return len(plain) > 1 and plain[1] in VOWELS and word not in ASPIRATED_H
    return first in VOWELS


def de(name) -> str:
    """« de » and the name, elided: ``de("Inès")`` → « d'Inès », ``de("Marc")`` → « de Marc »."""
    name = str(name)
    return f"d'{name}" if elides(name) else f"de {name}"


def le(name) -> str:
    """« le » and the name, elided: ``le("Hôtel des Remparts")`` → « l'Hôtel des Remparts »."""
    name = str(name)
    return f"l'{name}" if elides(name) else f"le {name}"
